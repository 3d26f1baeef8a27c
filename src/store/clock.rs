//! Where "today" (a local date) meets stored times (UTC): day boundaries and the time to stamp records with.

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::domain::{Invalid, dates};

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
    dates::date_in(stored, &Local)
}

/// The local day of a moment.
pub fn local_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Local).date_naive()
}

/// A time as the user typed it, in their local zone (see [`dates::parse_datetime`]).
pub fn parse_local(field: &str, text: &str) -> Result<DateTime<Utc>, Invalid> {
    dates::parse_datetime(field, text, &Local)
}

/// A UTC time as the user reads it: local, `2026-03-05 14:30`.
pub fn show(t: DateTime<Utc>) -> String {
    dates::show_datetime(t, &Local)
}

/// The local date of a stored UTC time as text (`2026-03-05`), or the text itself when it is not a time.
pub fn show_date(stored: &str) -> String {
    local_date(stored).map_or_else(|| stored.to_string(), |d| d.to_string())
}

/// The date a record entered now is given when none is typed: today, or the local date when the file is a
/// day ahead of it (a colleague east of here has started tomorrow; what happens here happens today).
pub fn entry_day(today: NaiveDate) -> NaiveDate {
    today.min(Local::now().date_naive())
}

/// The time to stamp a record made "now": the real time when `today` is the real local date (or a day ahead
/// of it), else noon UTC of `today`, so that records made while classifying as of an earlier date are not in
/// that date's future.
pub fn moment(today: NaiveDate) -> DateTime<Utc> {
    // On or after the local date (the file may be a day ahead, where a colleague east of here has started
    // tomorrow): now is not in that day's future.
    if Local::now().date_naive() <= today {
        Utc::now()
    } else {
        today
            .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN))
            .and_utc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_a_day_ahead_stamps_records_with_the_real_now_and_the_local_date() {
        let local = Local::now().date_naive();
        let ahead = local + chrono::Duration::days(1);
        assert_eq!(entry_day(ahead), local, "an order entered now happened today, here");
        assert!(
            (Utc::now() - moment(ahead)).num_seconds().abs() < 5,
            "not noon of tomorrow"
        );
        let past = local - chrono::Duration::days(30);
        assert_eq!(entry_day(past), past);
        assert_eq!(moment(past), past.and_hms_opt(12, 0, 0).unwrap().and_utc());
    }
}
