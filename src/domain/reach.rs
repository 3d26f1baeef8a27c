//! How far from today a record's date may lie: the range every write checks, and the warning for a date ahead.
//!
//! A date that parses can still mean something else: `0000-01-01` makes a customer "loyal for 740,305
//! days", `2062-03-01` (a slip for 2026) hides an order from every class for decades. Orders, contacts
//! and feedback happened, so they lie between 1900 and a year from today; a follow-up is a plan, so it
//! may lie up to ten years ahead. `today` is always a parameter: the domain never reads the clock.

use chrono::{Months, NaiveDate};

use super::Invalid;

/// No record in a customer database is older than this.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// What a date belongs to, which sets how far ahead it may lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Something that happened (an order, a contact, feedback): at most 366 days after today, which
    /// leaves room for a record entered ahead (a delivery date) and for the difference between zones.
    Happened,
    /// A promise to contact (a follow-up, a contact's next date, a snooze): at most ten years ahead.
    Planned,
}

/// The last date allowed for `reach` as of `today`.
pub fn latest(reach: Reach, today: NaiveDate) -> NaiveDate {
    let later = match reach {
        Reach::Happened => today.checked_add_days(chrono::Days::new(366)),
        Reach::Planned => today.checked_add_months(Months::new(120)),
    };
    later.unwrap_or(NaiveDate::MAX)
}

/// Refuses a date before 1900-01-01 or further ahead of `today` than `reach` allows, naming `field`.
pub fn check(field: &str, date: NaiveDate, today: NaiveDate, reach: Reach) -> Result<(), Invalid> {
    let value = date.to_string();
    if date < EARLIEST {
        return Err(Invalid::said(
            field,
            "invalid.date_too_early",
            &[("value", &value), ("earliest", &EARLIEST.to_string())],
        ));
    }
    if date > latest(reach, today) {
        let key = match reach {
            Reach::Happened => "invalid.date_too_late",
            Reach::Planned => "invalid.date_too_late_followup",
        };
        return Err(Invalid::said(
            field,
            key,
            &[("value", &value), ("today", &today.to_string())],
        ));
    }
    Ok(())
}

/// For a record dated after `today`: the warning that it will not count until then, in `words`.
pub fn ahead_warning(words: &crate::i18n::I18n, date: NaiveDate, today: NaiveDate) -> Option<String> {
    (date > today).then(|| {
        words.f(
            "warn.after_today",
            &[("value", &date.to_string()), ("today", &today.to_string())],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn happened_lies_between_1900_and_a_year_ahead() {
        let today = d(2026, 11, 23);
        for ok in [d(1900, 1, 1), d(2026, 11, 23), d(2027, 11, 24)] {
            assert!(check("date", ok, today, Reach::Happened).is_ok(), "{ok}");
        }
        let e = check("date", d(0, 1, 1), today, Reach::Happened).unwrap_err();
        assert_eq!(e.field, "date");
        assert_eq!(e.reason, "0000-01-01 is before 1900-01-01; check the year");
        assert!(check("date", d(1899, 12, 31), today, Reach::Happened).is_err());
        let e = check("date", d(2027, 11, 25), today, Reach::Happened).unwrap_err();
        assert_eq!(
            e.reason,
            "2027-11-25 is more than a year after today (2026-11-23); check the year"
        );
    }

    #[test]
    fn planned_may_lie_ten_years_ahead() {
        let today = d(2026, 11, 23);
        assert!(check("due", d(2036, 11, 23), today, Reach::Planned).is_ok());
        assert!(check("due", d(2030, 1, 1), today, Reach::Planned).is_ok());
        let e = check("due", d(2036, 11, 24), today, Reach::Planned).unwrap_err();
        assert!(e.reason.contains("more than ten years"), "{}", e.reason);
        assert!(check("due", d(1899, 1, 1), today, Reach::Planned).is_err());
    }

    #[test]
    fn a_date_ahead_is_warned_about_in_either_language() {
        let today = d(2026, 11, 23);
        assert_eq!(ahead_warning(crate::i18n::english(), today, today), None);
        assert_eq!(
            ahead_warning(crate::i18n::english(), d(2026, 12, 1), today).as_deref(),
            Some("2026-12-01 is after today (2026-11-23); it will not count until then")
        );
        let zh = ahead_warning(crate::i18n::chinese(), d(2026, 12, 1), today).unwrap();
        assert!(zh.contains("2026-12-01") && !zh.contains("warn."), "{zh}");
    }
}
