//! Dates and times as users type them and as the database stores them (dates `YYYY-MM-DD`, times UTC ISO-8601).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};

use super::Invalid;

/// Parses a calendar date: `2026-03-05`, `2026/3/5`, `2026.03.05` or `2026年3月5日`. A time of day after it
/// (as spreadsheets write dates: `2026-03-05 14:30`, `2026-03-05T08:00:00Z`) is allowed and not used; anything
/// else after it (`2026-03-05 garbage`, `… 25:00`) is refused, never dropped.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, Invalid> {
    let t = text.trim();
    let bad = || Invalid::said(field, "invalid.date", &[("value", t)]);
    let (date_part, rest) = t.split_once([' ', 'T']).unwrap_or((t, ""));
    if !rest.trim().is_empty() && time_of_day(rest).is_none() {
        return Err(Invalid::said(field, "invalid.date_trailing", &[("value", t)]));
    }
    let unified: String = date_part
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let mut parts = unified.trim().split('-');
    let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(bad());
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| Invalid::said(field, "invalid.calendar", &[("value", t)]))
}

/// A time of day as it may follow a date: `14:30`, `9:05:00`, `08:00:00.250`, with `Z` or an offset
/// (`+08:00`) allowed after it. A leap second (`23:59:60`) is not a time anyone logs a call at.
fn time_of_day(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    let t = t.strip_suffix(['Z', 'z']).unwrap_or(t);
    let t = match t.rfind(['+', '-']) {
        Some(i) => {
            let offset = &t[i + 1..];
            let ok = matches!(offset.len(), 2 | 4 | 5)
                && offset.chars().all(|c| c.is_ascii_digit() || c == ':')
                && offset.chars().filter(|c| c.is_ascii_digit()).count() >= 2;
            if !ok {
                return None;
            }
            &t[..i]
        }
        None => t,
    };
    let t = match t.split_once('.') {
        Some((hms, frac)) if !frac.is_empty() && frac.chars().all(|c| c.is_ascii_digit()) => hms,
        Some(_) => return None,
        None => t,
    };
    clock_time(t)
}

/// `H:MM` or `HH:MM[:SS]`, nothing else, no leap second.
fn clock_time(t: &str) -> Option<NaiveTime> {
    if t.len() > 8 || !t.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    ["%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|fmt| NaiveTime::parse_from_str(t, fmt).ok())
        .filter(|time| time.nanosecond() < 1_000_000_000)
}

/// Parses a point in time as a person types it, reading a time without an offset in `zone` (their local
/// zone): `YYYY-MM-DD HH:MM[:SS]` (also with `T` or slashes); RFC 3339 with an offset is taken as written. A bare
/// date means noon of that day in `zone`, so it stays on that date wherever it is read. A time that is typed
/// must be a real one: `25:00`, `23:61` or a trailing word is refused, never dropped; a local time that the
/// zone skips (a daylight-saving gap) is refused too, and one it repeats means the earlier of the two.
pub fn parse_datetime<Tz: TimeZone>(field: &str, text: &str, zone: &Tz) -> Result<DateTime<Utc>, Invalid> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        if dt.nanosecond() >= 1_000_000_000 {
            return Err(Invalid::said(field, "invalid.time", &[("value", t)]));
        }
        return Ok(dt.with_timezone(&Utc));
    }
    let bad = || Invalid::said(field, "invalid.datetime", &[("value", t)]);
    let (date_text, time_text) = match t.split_once([' ', 'T']) {
        Some((d, rest)) => (d, Some(rest.trim())),
        None => (t, None),
    };
    let date = parse_date(field, date_text).map_err(|_| bad())?;
    let time = match time_text {
        None => NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN),
        Some(tt) => clock_time(tt).ok_or_else(|| Invalid::said(field, "invalid.time", &[("value", t)]))?,
    };
    let local = date.and_time(time);
    // A time the zone skips has no earliest moment, or (at the first instant of a gap, in some zones'
    // rules) one that reads differently on the clock: both are refused.
    zone.from_local_datetime(&local)
        .earliest()
        .map(|dt| dt.with_timezone(&Utc))
        .filter(|utc| zone.from_utc_datetime(&utc.naive_utc()).naive_local() == local)
        .ok_or_else(|| Invalid::said(field, "invalid.time_skipped", &[("value", t)]))
}

/// A UTC time as a person reads it in `zone`: `2026-03-05 14:30`.
pub fn show_datetime<Tz: TimeZone>(t: DateTime<Utc>, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.with_timezone(zone).format("%Y-%m-%d %H:%M").to_string()
}

/// The date in `zone` of a stored UTC time (falls back to its first ten characters).
pub fn date_in<Tz: TimeZone>(stored: &str, zone: &Tz) -> Option<NaiveDate> {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => Some(t.with_timezone(zone).date_naive()),
        Err(_) => date_of_stored(stored),
    }
}

/// The stored form of a time: `2026-03-05T14:30:00Z`.
pub fn format_datetime(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A time as the file keeps it: whole seconds (the stored form has none), so that a record made in memory
/// equals the same record read back.
pub fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    t.with_nanosecond(0).unwrap_or(t)
}

/// Reads a stored time back: the stored form `2026-03-05T14:30:00Z` (read without chrono's general parser,
/// as it is on every row of a list), or any RFC 3339 time another writer left, taken as the moment it names.
pub fn parse_stored_time(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() == 20 && b[10] == b'T' && b[13] == b':' && b[16] == b':' && b[19] == b'Z' {
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let time = NaiveTime::from_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)?;
        return Some(parse_ymd(text)?.and_time(time).and_utc());
    }
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// Writes a time in its stored form for serde, so that JSON shows a time exactly as the file holds it.
pub fn serialize_time<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_datetime(*t))
}

/// The stored form of a date.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The date part of a stored time (its first ten characters), if it is one.
pub fn date_of_stored(text: &str) -> Option<NaiveDate> {
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_the_spellings_people_and_spreadsheets_use() {
        for text in [
            "2026-03-05",
            "2026/3/5",
            "2026.03.05",
            "2026年3月5日",
            " 2026-03-05 14:30 ",
            "2026-03-05T08:00:00Z",
        ] {
            assert_eq!(parse_date("date", text).unwrap(), d(2026, 3, 5), "{text}");
        }
    }

    #[test]
    fn a_date_takes_a_time_of_day_after_it_and_nothing_else() {
        for text in [
            "2026-03-05 9:05",
            "2026-03-05T08:00:00.250+08:00",
            "2026/3/5 0:00",
            "2026-03-05 14:30:00z",
        ] {
            assert_eq!(parse_date("date", text).unwrap(), d(2026, 3, 5), "{text}");
        }
        for text in [
            "2026-11-01 99:99",
            "2026-11-01 garbage",
            "2026-12-02 25:00",
            "2026-11-23 foo",
            "2026-11-01 23:59:60",
        ] {
            let e = parse_date("date", text).unwrap_err();
            assert_eq!(e.field, "date", "{text}");
        }
    }

    #[test]
    fn refuses_bad_dates_naming_the_field() {
        for text in ["", "yesterday", "05/03/2026", "2026-13-01", "2026-02-30", "26-03-05"] {
            let e = parse_date("date", text).unwrap_err();
            assert_eq!(e.field, "date", "{text}");
        }
        assert!(
            parse_date("due", "2026-02-30")
                .unwrap_err()
                .reason
                .contains("real calendar")
        );
    }

    fn beijing() -> chrono::FixedOffset {
        chrono::FixedOffset::east_opt(8 * 3600).unwrap()
    }

    #[test]
    fn typed_times_are_local_and_bare_dates_are_local_noon() {
        let t = parse_datetime("at", "2026-03-05", &Utc).unwrap();
        assert_eq!(format_datetime(t), "2026-03-05T12:00:00Z");
        let t = parse_datetime("at", "2026-03-05", &beijing()).unwrap();
        assert_eq!(format_datetime(t), "2026-03-05T04:00:00Z");
        let t = parse_datetime("at", "2026-03-05T10:00:00+08:00", &Utc).unwrap();
        assert_eq!(format_datetime(t), "2026-03-05T02:00:00Z");
        let t = parse_datetime("at", "2026-11-23 09:30", &beijing()).unwrap();
        assert_eq!(
            format_datetime(t),
            "2026-11-23T01:30:00Z",
            "09:30 in Beijing is 01:30 UTC"
        );
        let t = parse_datetime("at", "2026/11/23 09:30:15", &Utc).unwrap();
        assert_eq!(format_datetime(t), "2026-11-23T09:30:15Z");
        assert_eq!(date_of_stored("2026-03-05T09:15:00Z"), Some(d(2026, 3, 5)));
    }

    #[test]
    fn a_typed_time_that_is_not_a_time_is_refused_not_read_as_noon() {
        for text in [
            "2026-11-20 25:00",
            "2026-11-20 23:61",
            "2026-11-20 banana",
            "2026-11-20 9",
            "2026-11-20 09:30 pm",
            "2026-11-20T24:00",
            "2026-11-20 23:59:60",
            "2026-11-20T23:59:60Z",
            "banana",
            "soon",
            "",
        ] {
            let e = parse_datetime("at", text, &Utc).unwrap_err();
            assert_eq!(e.field, "at", "{text}");
        }
    }

    #[test]
    fn stored_times_are_shown_in_the_readers_zone() {
        let t = |s| parse_stored_time(s).unwrap();
        assert_eq!(show_datetime(t("2026-11-23T13:33:00Z"), &beijing()), "2026-11-23 21:33");
        assert_eq!(show_datetime(t("2026-11-23T20:00:00Z"), &beijing()), "2026-11-24 04:00");
        assert_eq!(date_in("2026-11-23T20:00:00Z", &beijing()), Some(d(2026, 11, 24)));
        assert_eq!(date_in("2026-11-23T20:00:00Z", &Utc), Some(d(2026, 11, 23)));
    }

    #[test]
    fn stored_times_read_back_as_written_and_nothing_else_reads() {
        for text in ["2026-11-23T13:33:05Z", "2024-02-29T00:00:00Z", "2026-12-31T23:59:59Z"] {
            let t = parse_stored_time(text).unwrap();
            assert_eq!(format_datetime(t), text, "the fast path agrees with the stored form");
            assert_eq!(
                Some(t),
                DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
            );
        }
        let t = parse_stored_time("2026-11-23T21:33:00+08:00").unwrap();
        assert_eq!(
            format_datetime(t),
            "2026-11-23T13:33:00Z",
            "another writer's offset is the same moment"
        );
        for text in [
            "",
            "2026-11-23",
            "2026-11-23 13:33:00",
            "2026-02-30T10:00:00Z",
            "2026-11-23T25:00:00Z",
            "yesterday",
        ] {
            assert_eq!(parse_stored_time(text), None, "{text}");
        }
        let fine = parse_datetime("at", "2026-11-23T13:33:05.750Z", &Utc).unwrap();
        assert_eq!(format_datetime(whole_seconds(fine)), "2026-11-23T13:33:05Z");
        assert_eq!(whole_seconds(fine), parse_stored_time("2026-11-23T13:33:05Z").unwrap());
    }
}

/// Fast strict parse of a stored `YYYY-MM-DD` (the first ten characters); used on hot paths over many rows.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod fast_tests {
    use super::*;

    #[test]
    fn fast_parse_agrees_with_chrono() {
        assert_eq!(parse_ymd("2026-03-05"), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(parse_ymd("2026-03-05T10:00:00Z"), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(parse_ymd("2026-02-30"), None);
        assert_eq!(parse_ymd("2026/03/05"), None);
        assert_eq!(parse_ymd("26-3-5"), None);
    }
}
