//! The follow-up queue of the coming days as an iCalendar file (RFC 5545), hand-written: all-day VEVENTs
//! (which every calendar imports) or VTODOs, each with a UID that stays the same from one export to the next.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::domain::CustomerId;
use crate::domain::classify::explain::DueWhy;
use crate::store::{Store, explained, followups, hold, queue};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The window: due dates before today + `days` (so `1` is today alone). Overdue items are in it too.
    pub days: u32,
    /// VTODOs instead of VEVENTs.
    pub todo: bool,
    /// DTSTAMP: when the file is made. Given, not read from the clock here, so a test can pin it.
    pub stamp: DateTime<Utc>,
}

/// One thing to do on a day: a customer's cadence date or an explicit follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable across exports: the customer, the follow-up or "cadence", and the file's identity.
    pub uid: String,
    /// The date it is due (may be before today: overdue).
    pub due: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// The longest content line, in octets, before it is folded (RFC 5545 §3.1), CRLF not counted.
const LINE_OCTETS: usize = 75;

/// Who made the file (RFC 5545 §3.7.3).
const PRODID: &str = concat!("-//tiercrm//tiercrm ", env!("CARGO_PKG_VERSION"), "//EN");

/// The file's identity in UIDs: the random `file_id` written when the file was made; in a file made before
/// there was one, the moment its schema was created (the built-in source channels are stamped then and
/// never changed). Either way two databases' customer 7 differ, while one database's customer 7 keeps its
/// UID across exports, copies and restored backups. Read, never written: an export stores nothing.
pub fn file_identity(store: &Store) -> Result<String> {
    if let Some(id) = crate::store::meta_get(store.conn(), "file_id")? {
        return Ok(id);
    }
    let created = crate::store::stats::created_at(store.conn())?;
    let digits: String = created
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let app = crate::store::schema::APPLICATION_ID as u32;
    Ok(format!("{app:08x}-{}", if digits.is_empty() { "0" } else { &digits }))
}

/// The queue of the window as entries, ordered by date, then customer, cadence before follow-ups.
pub fn entries(store: &Store, opts: &Options) -> Result<Vec<Entry>> {
    let conn = store.conn();
    let today = store.today;
    let end = today + Duration::days(i64::from(opts.days.max(1)));
    let last = end - Duration::days(1);
    let file = file_identity(store)?;
    let words = crate::i18n::english();
    let mut out: Vec<(NaiveDate, i64, u8, Entry)> = Vec::new();

    // Cadence dates. A customer's cadence date is never before their next due date (the earlier of it and
    // a follow-up), so everyone due by the last day is asked, and the cadence date computed with the
    // follow-up left out: the follow-up is an entry of its own.
    let rows = queue::due(conn, last, None, None)?;
    let ids: Vec<CustomerId> = rows.iter().map(|r| CustomerId(r.id)).collect();
    let explained = explained::explain_many(conn, &ids, words, &store.params, today, &store.currency)?;
    for r in &rows {
        let Some(e) = explained.get(&CustomerId(r.id)) else {
            continue;
        };
        let mut without = e.inputs.clone();
        without.followup_due = None;
        let why = DueWhy::of(&without, &e.classes, today);
        let DueWhy::Due { due, .. } = why else { continue };
        if due >= end {
            continue;
        }
        let description = why.say(words);
        let tier = r.tier.map_or("-".to_string(), |t| t.to_string());
        out.push((
            due,
            r.id,
            0,
            Entry {
                uid: format!("c{}-cadence-{file}@tiercrm", r.id),
                due,
                summary: format!("Contact {} (tier {tier})", r.name),
                description,
            },
        ));
    }

    // Explicit follow-ups still pending, of customers in use.
    let snoozes = hold::snoozes(conn)?;
    for l in followups::list(conn, None, false, None)? {
        let f = &l.followup;
        if f.due >= end {
            // Listed by due date: the rest are later still.
            break;
        }
        // A snoozed customer's follow-ups wait with them (SPEC: a snooze holds back every open follow-up).
        let held = snoozes.get(&f.customer_id).copied().filter(|s| *s > f.due);
        let day = held.unwrap_or(f.due);
        if day >= end {
            continue;
        }
        let mut description = format!("Follow-up #{} due {}", f.id, f.due);
        if let Some(s) = held {
            description.push_str(&format!(", snoozed until {s}"));
        } else if f.due < today {
            description.push_str(&format!(", {} days overdue", (today - f.due).num_days()));
        }
        if let Some(note) = &f.note {
            description.push_str(": ");
            description.push_str(note);
        }
        out.push((
            day,
            f.customer_id.0,
            1,
            Entry {
                uid: format!("c{}-f{}-{file}@tiercrm", f.customer_id, f.id),
                due: day,
                summary: format!("Follow up {}", l.customer_name),
                description,
            },
        ));
    }
    out.sort_by(|a, b| (a.0, a.1, a.2, &a.3.uid).cmp(&(b.0, b.1, b.2, &b.3.uid)));
    Ok(out.into_iter().map(|(.., e)| e).collect())
}

/// Writes the window's queue as a calendar and says how many items it holds.
pub fn write(store: &Store, opts: &Options, out: &mut dyn Write) -> Result<usize> {
    let entries = entries(store, opts)?;
    write_calendar(&entries, store.today, opts, out)?;
    Ok(entries.len())
}

/// Writes `entries` as one VCALENDAR. An event overdue before `today` is put on `today`, where a calendar
/// shows it; a to-do keeps its real due date, since to-do lists show what is overdue themselves.
pub fn write_calendar(entries: &[Entry], today: NaiveDate, opts: &Options, out: &mut dyn Write) -> Result<()> {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text("tiercrm follow-ups")),
    ];
    let stamp = opts.stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let ymd = |d: NaiveDate| d.format("%Y%m%d").to_string();
    for e in entries {
        let component = if opts.todo { "VTODO" } else { "VEVENT" };
        lines.push(format!("BEGIN:{component}"));
        lines.push(format!("UID:{}", escape_text(&e.uid)));
        lines.push(format!("DTSTAMP:{stamp}"));
        if opts.todo {
            lines.push(format!("DUE;VALUE=DATE:{}", ymd(e.due)));
            lines.push("STATUS:NEEDS-ACTION".into());
        } else {
            let day = e.due.max(today);
            lines.push(format!("DTSTART;VALUE=DATE:{}", ymd(day)));
            lines.push(format!("DTEND;VALUE=DATE:{}", ymd(day + Duration::days(1))));
            // A reminder to call, not a meeting: it does not make the day busy.
            lines.push("TRANSP:TRANSPARENT".into());
        }
        lines.push(format!("SUMMARY:{}", escape_text(&e.summary)));
        lines.push(format!("DESCRIPTION:{}", escape_text(&e.description)));
        lines.push(format!("END:{component}"));
    }
    lines.push("END:VCALENDAR".into());
    for line in &lines {
        out.write_all(fold(line).as_bytes())?;
    }
    Ok(())
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma and newline are escaped; other
/// control characters, which TEXT may not hold, become spaces (a CR of a CRLF goes).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One content line folded (RFC 5545 §3.1): at most 75 octets a line, each continuation starting with a
/// space, never splitting a UTF-8 character; every line ends in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > LINE_OCTETS {
            out.push_str("\r\n ");
            // The space that starts a continuation counts.
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_the_four_and_drops_controls() {
        assert_eq!(escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(escape_text("x\r\ny\rz"), "x\\ny\\nz");
        assert_eq!(escape_text("bell\x07 esc\x1b[2J"), "bell  esc [2J");
        assert_eq!(escape_text("张三：好"), "张三：好");
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let long = format!("SUMMARY:{}", "联系张伟，".repeat(30));
        let folded = fold(&long);
        assert!(folded.ends_with("\r\n"));
        let lines: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 1);
        for (k, l) in lines.iter().enumerate() {
            assert!(l.len() <= LINE_OCTETS, "line {k} has {} octets", l.len());
            if k > 0 {
                assert!(l.starts_with(' '));
            }
        }
        // Unfolding (drop CRLF + one space) gives the line back.
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
        // A line of exactly 75 octets is not folded; 76 is.
        assert_eq!(fold(&"x".repeat(75)), format!("{}\r\n", "x".repeat(75)));
        assert_eq!(fold(&"x".repeat(76)), format!("{}\r\n x\r\n", "x".repeat(75)));
    }
}
