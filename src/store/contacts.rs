//! The contact log: record an interaction (closing the follow-ups it satisfies, opening the next) and list.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::{self, Changes, Subject};
use super::{Result, Stamp, StoreError, Tx, by_customer, stored};
use crate::domain::contact::{Contact, NewContact};
use crate::domain::dates::{format_datetime, whole_seconds};
use crate::domain::reach::{self, Reach};
use crate::domain::{Channel, ContactId, CustomerId, Direction, FollowupId, Invalid};

const COLS: &str = "id, customer_id, at, channel, direction, summary, outcome, staff, next_date";

fn read(r: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: ContactId(r.get(0)?),
        customer_id: CustomerId(r.get(1)?),
        at: stored::time(r, "contacts", 2)?,
        channel: r.get::<_, String>(3)?.parse().unwrap_or(Channel::Other),
        direction: r.get::<_, String>(4)?.parse().unwrap_or(Direction::Outbound),
        summary: r.get(5)?,
        outcome: r.get(6)?,
        staff: r.get(7)?,
        next_date: stored::opt_date(r, "contacts", 8)?,
    })
}

/// What logging a contact did besides the entry itself.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Logged {
    pub contact: Contact,
    /// Follow-ups due on or before the contact that it closed.
    pub closed_followups: Vec<FollowupId>,
    /// Pending follow-ups an earlier contact's next date had opened, replaced by `next_followup`.
    pub replaced_followups: Vec<FollowupId>,
    /// The follow-up opened for `next_date`.
    pub next_followup: Option<FollowupId>,
}

/// The one INSERT of a contact, with the checks every stored contact passes: its time (`at`, UTC as
/// stored) within [`Reach::Happened`] of today, and a next date after its day and within
/// [`Reach::Planned`]. Both [`log`] and a bulk load come through here. `c.id` is not read: the row gets
/// the next id, which is returned.
pub fn insert(w: &Tx<'_>, c: &Contact, stamp: Stamp<'_>) -> Result<ContactId> {
    let day = super::clock::local_day(c.at);
    reach::check("at", day, w.today, Reach::Happened)?;
    if let Some(next) = c.next_date {
        reach::check("next", next, w.today, Reach::Planned)?;
        if next <= day {
            return Err(Invalid::said(
                "next",
                "invalid.next_after",
                &[("next", &next.to_string()), ("day", &day.to_string())],
            )
            .into());
        }
    }
    w.tx.prepare_cached(
        "INSERT INTO contacts (customer_id, at, channel, direction, summary, outcome, staff, next_date, \
         created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)",
    )?
    .execute(params![
        c.customer_id.0,
        format_datetime(c.at),
        c.channel.as_str(),
        c.direction.as_str(),
        c.summary,
        c.outcome,
        c.staff,
        c.next_date.map(|d| d.to_string()),
        format_datetime(stamp.at),
        stamp.by
    ])?;
    Ok(ContactId(w.tx.last_insert_rowid()))
}

/// Logs a contact. Pending follow-ups due on or before its date are done; `next_date` opens a new one and
/// replaces the one an earlier contact's next date opened (see [`super::followups::replace_from_contacts`]).
/// Its time must lie within [`Reach::Happened`] of today, its next date within [`Reach::Planned`].
pub fn log(w: &mut Tx<'_>, c: NewContact) -> Result<Logged> {
    super::orders::require_active(&w.tx, c.customer_id)?;
    let clean = |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let staff = c
        .staff
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(w.user)
        .to_string();
    let mut contact = Contact {
        id: ContactId(0),
        customer_id: c.customer_id,
        at: whole_seconds(c.at),
        channel: c.channel,
        direction: c.direction,
        summary: clean(c.summary),
        outcome: clean(c.outcome),
        staff,
        next_date: c.next_date,
    };
    contact.id = insert(w, &contact, w.stamp())?;
    let id = contact.id;
    let mut ch = Changes::default();
    ch.set("customer_id", &None::<i64>, &contact.customer_id.0);
    ch.set("at", &None::<String>, &format_datetime(contact.at));
    ch.set("channel", &None::<String>, &contact.channel);
    ch.set("direction", &None::<String>, &contact.direction);
    ch.set("summary", &None::<String>, &contact.summary);
    ch.set("outcome", &None::<String>, &contact.outcome);
    audit::record(w, Subject::Contact(id), "create", ch)?;
    w.touch(c.customer_id);
    let day = super::clock::local_day(c.at);
    let closed = if day <= w.today {
        super::followups::close_satisfied(w, c.customer_id, day)?
    } else {
        Vec::new()
    };
    let (replaced, next) = match c.next_date {
        Some(d) => {
            let replaced = super::followups::replace_from_contacts(w, c.customer_id)?;
            let note = super::followups::note_for_contact(id);
            (
                replaced,
                Some(super::followups::open(w, c.customer_id, d, Some(note))?.id),
            )
        }
        None => (Vec::new(), None),
    };
    Ok(Logged {
        contact,
        closed_followups: closed,
        replaced_followups: replaced,
        next_followup: next,
    })
}

/// Loads one contact.
pub fn get(conn: &Connection, id: ContactId) -> Result<Contact> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM contacts WHERE id = ?1"))?
        .query_row([id.0], read)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "contact",
            id: id.to_string(),
        })
}

/// A correction to a logged contact; `None` leaves a field as it is (empty text clears it). The next
/// follow-up date is not here: the follow-up it opened is its own record (`followup done|snooze`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactPatch {
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    pub channel: Option<Channel>,
    pub direction: Option<Direction>,
    pub summary: Option<String>,
    pub outcome: Option<String>,
}

/// Corrects a contact with the checks of a new one (its time within [`Reach::Happened`], still before
/// its next date); audited as `update`, its customer re-derived (the last contact and the cadence move
/// with it). Follow-ups it closed when logged stay closed: they were dealt with then.
pub fn edit(w: &mut Tx<'_>, id: ContactId, p: ContactPatch) -> Result<Contact> {
    let old = get(&w.tx, id)?;
    super::orders::require_active(&w.tx, old.customer_id)?;
    let clean = |s: String| Some(s.trim().to_string()).filter(|v| !v.is_empty());
    let mut new = old.clone();
    if let Some(at) = p.at {
        let day = super::clock::local_day(at);
        reach::check("at", day, w.today, Reach::Happened)?;
        if let Some(next) = old.next_date.filter(|n| *n <= day) {
            return Err(Invalid::said(
                "at",
                "invalid.at_after_next",
                &[("day", &day.to_string()), ("next", &next.to_string())],
            )
            .into());
        }
        new.at = whole_seconds(at);
    }
    new.channel = p.channel.unwrap_or(old.channel);
    new.direction = p.direction.unwrap_or(old.direction);
    if let Some(s) = p.summary {
        new.summary = clean(s);
    }
    if let Some(o) = p.outcome {
        new.outcome = clean(o);
    }
    let mut ch = Changes::default();
    ch.diff("at", &old.at, &new.at);
    ch.diff("channel", &old.channel, &new.channel);
    ch.diff("direction", &old.direction, &new.direction);
    ch.diff("summary", &old.summary, &new.summary);
    ch.diff("outcome", &old.outcome, &new.outcome);
    if ch.is_empty() {
        return Ok(old);
    }
    w.tx.prepare_cached(
        "UPDATE contacts SET at = ?2, channel = ?3, direction = ?4, summary = ?5, outcome = ?6, updated_at = ?7, \
         updated_by = ?8 WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        format_datetime(new.at),
        new.channel.as_str(),
        new.direction.as_str(),
        new.summary,
        new.outcome,
        w.now,
        w.user
    ])?;
    audit::record(w, Subject::Contact(id), "update", ch)?;
    w.touch(new.customer_id);
    Ok(new)
}

/// Deletes a contact logged by mistake; the audit keeps every field it had (action `delete`), and its
/// customer is re-derived. A follow-up it opened stays: it is a promise of its own.
pub fn delete(w: &mut Tx<'_>, id: ContactId) -> Result<Contact> {
    let old = get(&w.tx, id)?;
    w.tx.prepare_cached("DELETE FROM contacts WHERE id = ?1")?
        .execute([id.0])?;
    let mut ch = Changes::default();
    ch.set("customer_id", &old.customer_id.0, &None::<i64>);
    ch.set("at", &old.at, &None::<String>);
    ch.set("channel", &old.channel, &None::<String>);
    ch.set("direction", &old.direction, &None::<String>);
    ch.set("summary", &old.summary, &None::<String>);
    ch.set("outcome", &old.outcome, &None::<String>);
    ch.set("staff", &old.staff, &None::<String>);
    audit::record(w, Subject::Contact(id), "delete", ch)?;
    w.touch(old.customer_id);
    Ok(old)
}

/// Contacts newest first, for one customer or all.
pub fn list(conn: &Connection, customer: Option<CustomerId>, limit: Option<usize>) -> Result<Vec<Contact>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM contacts WHERE {} ORDER BY at DESC, id DESC LIMIT ?2",
        by_customer(customer)
    ))?;
    let rows = st.query_map(params![customer.map(|c| c.0), limit.map_or(-1, |l| l as i64)], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A contact in a list, with whom it was with.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Listed {
    #[serde(flatten)]
    pub contact: Contact,
    pub customer_name: String,
}

/// Contacts newest first with their customer's name, for one customer or all.
pub fn list_named(conn: &Connection, customer: Option<CustomerId>, limit: Option<usize>) -> Result<Vec<Listed>> {
    let cols: Vec<String> = COLS.split(", ").map(|c| format!("t.{c}")).collect();
    let mut st = conn.prepare_cached(&format!(
        "SELECT {}, c.name FROM contacts t JOIN customers c ON c.id = t.customer_id \
         WHERE {} ORDER BY t.at DESC, t.id DESC LIMIT ?2",
        cols.join(", "),
        by_customer(customer)
    ))?;
    let rows = st.query_map(params![customer.map(|c| c.0), limit.map_or(-1, |l| l as i64)], |r| {
        Ok(Listed {
            contact: read(r)?,
            customer_name: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many contacts there are, for one customer or all.
pub fn count(conn: &Connection, customer: Option<CustomerId>) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM contacts WHERE {}",
            by_customer(customer)
        ))?
        .query_row(params![customer.map(|c| c.0)], |r| r.get(0))?;
    Ok(n as usize)
}

/// A `LIKE` pattern finding `word` anywhere, its wildcards escaped (with `ESCAPE '\\'`).
fn contains_pattern(word: &str) -> String {
    let mut p = String::with_capacity(word.len() + 2);
    p.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Everyone's contacts newest first, as ids: the tab keeps the list and loads only the rows on screen.
/// `needle` narrows them to contacts where every word (folded) is in the summary, outcome, staff or
/// channel, or in what the customer is found by (name, company, phone, region, tags …). A table scan,
/// sorted afterwards: walking the date index would visit every row out of order, several times slower.
pub fn ids(conn: &Connection, needle: Option<&str>) -> Result<Vec<ContactId>> {
    let folded: Vec<String> = needle
        .map(crate::domain::filter::fold)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let words: Vec<String> = folded.iter().map(|w| contains_pattern(w)).collect();
    if words.is_empty() {
        let mut st = conn.prepare_cached("SELECT id FROM contacts ORDER BY at DESC, id DESC")?;
        let rows = st.query_map([], |r| r.get(0).map(ContactId))?;
        return Ok(rows.collect::<rusqlite::Result<_>>()?);
    }
    let conds: Vec<String> = folded
        .iter()
        .enumerate()
        .map(|(k, word)| {
            let k = k + 1;
            // A channel by its name in either language: 微信 finds `wechat`.
            let channels: Vec<String> = Channel::ALL
                .iter()
                .filter(|c| {
                    let key = format!("channel.{c}");
                    [crate::i18n::english(), crate::i18n::chinese()]
                        .iter()
                        .any(|words| crate::domain::filter::fold(words.t(&key)).contains(word.as_str()))
                })
                .map(|c| format!("'{c}'"))
                .collect();
            let by_name = if channels.is_empty() {
                String::new()
            } else {
                format!(" OR t.channel IN ({})", channels.join(", "))
            };
            format!(
                "(t.summary LIKE ?{k} ESCAPE '\\' OR t.outcome LIKE ?{k} ESCAPE '\\' OR t.staff LIKE ?{k} ESCAPE '\\' \
                 OR t.channel LIKE ?{k} ESCAPE '\\'{by_name} \
                 OR t.customer_id IN (SELECT id FROM customers WHERE search LIKE ?{k} ESCAPE '\\'))"
            )
        })
        .collect();
    let mut st = conn.prepare(&format!(
        "SELECT t.id FROM contacts t NOT INDEXED WHERE {} ORDER BY t.at DESC, t.id DESC",
        conds.join(" AND ")
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(words.iter()), |r| r.get(0).map(ContactId))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The contacts with these ids, each with its customer's name, in the order given.
pub fn by_ids(conn: &Connection, ids: &[ContactId]) -> Result<Vec<(Contact, String)>> {
    let cols: Vec<String> = COLS.split(", ").map(|c| format!("t.{c}")).collect();
    let mut st = conn.prepare_cached(&format!(
        "SELECT {}, c.name FROM contacts t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?1",
        cols.join(", ")
    ))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let mut rows = st.query([id.0])?;
        if let Some(r) = rows.next()? {
            out.push((read(r)?, r.get(9)?));
        }
    }
    Ok(out)
}
