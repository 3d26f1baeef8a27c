//! When the demo's team works: weekdays, 09:00–18:00 in UTC+8 (Shanghai, Singapore), and never on the
//! demo's today, so that nothing in the file lies after the moment anyone anywhere opens it.
//!
//! The demo is the state of the books at the start of its `today`: everything up to yesterday evening is
//! logged and today's work has not begun. The last moment written is yesterday 18:00 in UTC+8, which is
//! 10:00 UTC — before today starts in every zone on earth (UTC+14 begins today at 10:00 UTC yesterday), so
//! no contact, order or feedback is in the future for a user in Beijing at 00:30 or in San Francisco at
//! 08:00. Stored times are UTC as always; read in UTC+8 they are office hours, elsewhere the same moments.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

use super::rng::Rng;

/// The team's offset from UTC in hours.
const OFFSET_HOURS: i64 = 8;
/// Office hours, local: the first and last minute a contact may start at.
const OPEN_MINUTE: i64 = 9 * 60;
const LAST_MINUTE: i64 = 18 * 60 - 1;

/// A time on local `day` during office hours, as stored (UTC ISO-8601). Office hours in UTC+8 fall on the
/// same UTC date, so the date is written as it is.
pub fn stamp(day: NaiveDate, rng: &mut Rng) -> DateTime<Utc> {
    at_minute(day, rng.range(OPEN_MINUTE, LAST_MINUTE))
}

/// The start of office hours on `day` plus `hours`, for records that are made at a fixed time of day.
pub fn at_hour(day: NaiveDate, hours: i64) -> DateTime<Utc> {
    at_minute(day, (OPEN_MINUTE + hours * 60).min(LAST_MINUTE))
}

fn at_minute(day: NaiveDate, local_minute: i64) -> DateTime<Utc> {
    let utc = local_minute - OFFSET_HOURS * 60;
    // Office hours in UTC+8 lie between 01:00 and 10:00 UTC of the same date: always a real time.
    day.and_time(chrono::NaiveTime::MIN).and_utc() + Duration::minutes(utc)
}

/// `day`, or the Monday after it when it falls on a weekend: the team does not call on Saturdays.
pub fn workday(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + Duration::days(2),
        Weekday::Sun => day + Duration::days(1),
        _ => day,
    }
}

/// `day`, or the Friday before it when it falls on a weekend: a team that keeps up makes the calls due
/// at the weekend before it, so that they do not pile up on Monday.
pub fn workday_before(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day - Duration::days(1),
        Weekday::Sun => day - Duration::days(2),
        _ => day,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn office_hours_in_utc_plus_8_end_before_the_next_day_starts_anywhere() {
        let d = day("2026-11-22");
        let mut rng = Rng::new(1);
        for _ in 0..1000 {
            let t = stamp(d, &mut rng);
            let s = crate::domain::dates::format_datetime(t);
            // 09:00–17:59 in UTC+8 …
            let local = t.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap());
            assert_eq!(local.date_naive(), d, "{s}");
            assert!((9..18).contains(&chrono::Timelike::hour(&local)), "{s}");
            // … is before the 23rd begins in UTC+14, the first zone to start a day.
            let next_day_east = chrono::FixedOffset::east_opt(14 * 3600)
                .unwrap()
                .from_local_datetime(&day("2026-11-23").and_hms_opt(0, 0, 0).unwrap())
                .unwrap();
            assert!(t < next_day_east, "{s}");
        }
        assert_eq!(
            crate::domain::dates::format_datetime(at_hour(d, 20)),
            "2026-11-22T09:59:00Z",
            "held to closing time"
        );
    }

    #[test]
    fn weekends_move_to_a_weekday() {
        assert_eq!(workday(day("2026-11-21")), day("2026-11-23"), "Saturday → Monday");
        assert_eq!(workday(day("2026-11-22")), day("2026-11-23"), "Sunday → Monday");
        assert_eq!(workday(day("2026-11-20")), day("2026-11-20"));
        assert_eq!(
            workday_before(day("2026-11-21")),
            day("2026-11-20"),
            "Saturday → Friday"
        );
        assert_eq!(workday_before(day("2026-11-22")), day("2026-11-20"), "Sunday → Friday");
        assert_eq!(workday_before(day("2026-11-19")), day("2026-11-19"));
    }
}
