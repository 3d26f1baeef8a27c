//! Where "today" (a local date) meets stored times (UTC): day boundaries and the time to stamp records with.

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::domain::dates;

/// The UTC time at which local `day` begins, as stored text; records before it happened before that day.
pub fn day_start_utc(day: NaiveDate) -> String {
    let midnight = day.and_time(NaiveTime::MIN);
    let utc = Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc));
    dates::format_datetime(utc)
}

/// The local date of a stored UTC time (falls back to its first ten characters).
pub fn local_date(stored: &str) -> Option<NaiveDate> {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => Some(t.with_timezone(&Local).date_naive()),
        Err(_) => dates::date_of_stored(stored),
    }
}

/// The time to stamp a record made "now": the real time when `today` is the real local date, else noon UTC
/// of `today`, so that records made while classifying as of another date are not in that date's future.
pub fn moment(today: NaiveDate) -> DateTime<Utc> {
    if Local::now().date_naive() == today {
        Utc::now()
    } else {
        today
            .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN))
            .and_utc()
    }
}
