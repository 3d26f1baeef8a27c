//! Dates and times as users type them and as the database stores them (dates `YYYY-MM-DD`, times UTC ISO-8601).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::Invalid;

/// Parses a calendar date: `2026-03-05`, `2026/3/5`, `2026.03.05` or `2026年3月5日`; a time after it is ignored.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, Invalid> {
    let t = text.trim();
    let bad = || Invalid::said(field, "invalid.date", &[("value", t)]);
    let date_part = t.split([' ', 'T']).next().unwrap_or("");
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

/// Parses a point in time. A bare date means noon UTC of that day, so it stays on that date in every zone
/// that matters here; `YYYY-MM-DD HH:MM[:SS]` is taken as UTC; RFC 3339 with an offset is converted to UTC.
pub fn parse_datetime(field: &str, text: &str) -> Result<DateTime<Utc>, Invalid> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(ndt) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(ndt.and_utc());
        }
    }
    let date = parse_date(field, t).map_err(|_| Invalid::said(field, "invalid.datetime", &[("value", t)]))?;
    Ok(date
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        .and_utc())
}

/// The stored form of a time: `2026-03-05T14:30:00Z`.
pub fn format_datetime(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
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

    #[test]
    fn datetimes_are_utc_and_bare_dates_are_noon() {
        let t = parse_datetime("at", "2026-03-05").unwrap();
        assert_eq!(format_datetime(t), "2026-03-05T12:00:00Z");
        let t = parse_datetime("at", "2026-03-05T10:00:00+08:00").unwrap();
        assert_eq!(format_datetime(t), "2026-03-05T02:00:00Z");
        let t = parse_datetime("at", "2026-03-05 09:15").unwrap();
        assert_eq!(format_datetime(t), "2026-03-05T09:15:00Z");
        assert!(parse_datetime("at", "soon").is_err());
        assert_eq!(date_of_stored("2026-03-05T09:15:00Z"), Some(d(2026, 3, 5)));
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
