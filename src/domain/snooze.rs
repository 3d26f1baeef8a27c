//! The day a snooze lasts until, as a person types it: nothing (one day), `+3d`, `+2w`, `tomorrow`, a
//! weekday (`mon`, `周一`, `星期五`) or a date; always a day after today, within a follow-up's reach. The same
//! day words name a follow-up's due date and a contact's next date ([`parse_day`]).

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Invalid;
use super::reach::{self, Reach};

/// Parses `text` as a day after `today`. A weekday is the next one after today (`mon` on a Monday is a week
/// ahead), never today itself: a snooze to today would leave the customer where it was.
pub fn parse_until(field: &str, text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let t = text.trim();
    let day = match words(field, t, today, "invalid.until")? {
        Some(day) => day,
        None if looks_like_a_date(t) => super::dates::parse_date(field, &cut(t))?,
        None => return Err(Invalid::said(field, "invalid.until", &[("value", &cut(t))])),
    };
    if day <= today {
        return Err(Invalid::said(
            field,
            "invalid.until_not_after",
            &[("value", &day.to_string()), ("today", &today.to_string())],
        ));
    }
    reach::check(field, day, today, Reach::Planned)?;
    Ok(day)
}

/// A day as a person types it for a follow-up's due date or a contact's next date: a date as
/// [`super::dates::parse_date`] reads it, or the day words a snooze takes (`+3d`, `+2w`, `tomorrow`, `mon`,
/// `周五`), counted from `today`. Empty is no day here (a snooze's "one day" is its own). Whether the day
/// may lie that far back or ahead is the caller's rule.
pub fn parse_day(field: &str, text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let t = text.trim();
    if t.is_empty() {
        return super::dates::parse_date(field, t);
    }
    match words(field, t, today, "invalid.day") {
        Ok(Some(day)) => Ok(day),
        Err(e) => Err(e),
        Ok(None) if looks_like_a_date(t) => super::dates::parse_date(field, &cut(t)),
        Ok(None) => Err(Invalid::said(field, "invalid.day", &[("value", &cut(t))])),
    }
}

/// The day an offset or a weekday names; `None` when `t` is neither (a date, or nothing known).
fn words(field: &str, t: &str, today: NaiveDate, bad: &'static str) -> Result<Option<NaiveDate>, Invalid> {
    Ok(match offset(t) {
        Some(Ok(days)) => Some(
            today
                .checked_add_days(Days::new(days))
                .ok_or_else(|| too_far(field, t, today))?,
        ),
        Some(Err(())) => return Err(Invalid::said(field, bad, &[("value", &cut(t))])),
        None => weekday(t).map(|w| {
            let ahead = (7 + w.num_days_from_monday() - today.weekday().num_days_from_monday() - 1) % 7 + 1;
            today + Days::new(u64::from(ahead))
        }),
    })
}

/// How many characters of what was typed an error echoes; the rest is cut to "…".
const ECHO: usize = 40;

/// `t` as an error echoes it: at most [`ECHO`] characters, "…" when cut.
fn cut(t: &str) -> String {
    match t.char_indices().nth(ECHO) {
        Some((at, _)) => format!("{}…", &t[..at]),
        None => t.to_string(),
    }
}

/// An offset in days: empty (one), `tomorrow`, `+3d`, `3d`, `+2w`, `3天`, `2周`; `Some(Err)` when it looks
/// like one but is not (`+3x`, `+d`), `None` when it is something else (a weekday, a date).
fn offset(t: &str) -> Option<Result<u64, ()>> {
    let lower = t.to_lowercase();
    match lower.as_str() {
        "" | "tomorrow" | "tmr" | "明天" | "明日" => return Some(Ok(1)),
        "后天" => return Some(Ok(2)),
        _ => {}
    }
    let signed = lower.strip_prefix('+');
    let body = signed.unwrap_or(&lower);
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        // `+` followed by no number is a mistyped offset; anything else is not an offset at all.
        return signed.map(|_| Err(()));
    }
    let (n, unit) = body.split_at(digits);
    // A bare number is a mistake rather than a guess: days? a day of the month?
    let per = match unit.trim() {
        "d" | "day" | "days" | "天" | "日" => 1,
        "w" | "wk" | "week" | "weeks" | "周" | "星期" => 7,
        _ if signed.is_some() || unit.is_empty() => return Some(Err(())),
        // `2026-12-01` starts with digits too: it is a date.
        _ => return None,
    };
    // Digits that overflow are a number too large for any reach: refused by the caller as too far.
    let n: u64 = n.parse().unwrap_or(u64::MAX / 7);
    Some(Ok(n.saturating_mul(per)))
}

fn weekday(t: &str) -> Option<Weekday> {
    let lower = t.to_lowercase();
    let zh = ["周", "星期", "礼拜"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .and_then(|d| match d {
            "一" => Some(Weekday::Mon),
            "二" => Some(Weekday::Tue),
            "三" => Some(Weekday::Wed),
            "四" => Some(Weekday::Thu),
            "五" => Some(Weekday::Fri),
            "六" => Some(Weekday::Sat),
            "日" | "天" => Some(Weekday::Sun),
            _ => None,
        });
    zh.or(match lower.as_str() {
        "mon" | "monday" => Some(Weekday::Mon),
        "tue" | "tues" | "tuesday" => Some(Weekday::Tue),
        "wed" | "wednesday" => Some(Weekday::Wed),
        "thu" | "thur" | "thurs" | "thursday" => Some(Weekday::Thu),
        "fri" | "friday" => Some(Weekday::Fri),
        "sat" | "saturday" => Some(Weekday::Sat),
        "sun" | "sunday" => Some(Weekday::Sun),
        _ => None,
    })
}

/// Starts with four digits, as every date [`super::dates::parse_date`] reads does.
fn looks_like_a_date(t: &str) -> bool {
    t.chars().take(4).filter(char::is_ascii_digit).count() == 4
}

fn too_far(field: &str, t: &str, today: NaiveDate) -> Invalid {
    Invalid::said(
        field,
        "invalid.date_too_late_followup",
        &[("value", &cut(t)), ("today", &today.to_string())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        super::super::dates::parse_ymd(s).expect("a date")
    }

    /// 2026-11-23 is a Monday.
    const TODAY: &str = "2026-11-23";

    fn until(text: &str) -> Result<NaiveDate, Invalid> {
        parse_until("until", text, day(TODAY))
    }

    #[test]
    fn offsets_weekdays_and_dates_are_days_after_today() {
        for (text, want) in [
            ("", "2026-11-24"),
            ("  ", "2026-11-24"),
            ("tomorrow", "2026-11-24"),
            ("明天", "2026-11-24"),
            ("后天", "2026-11-25"),
            ("+3d", "2026-11-26"),
            ("3d", "2026-11-26"),
            ("+3 days", "2026-11-26"),
            ("+2w", "2026-12-07"),
            ("3天", "2026-11-26"),
            ("+1周", "2026-11-30"),
            ("tue", "2026-11-24"),
            ("Friday", "2026-11-27"),
            ("sun", "2026-11-29"),
            ("mon", "2026-11-30"),
            ("周一", "2026-11-30"),
            ("星期三", "2026-11-25"),
            ("礼拜天", "2026-11-29"),
            ("2026-12-01", "2026-12-01"),
            ("2026年12月1日", "2026-12-01"),
        ] {
            assert_eq!(until(text).map_err(|e| e.reason), Ok(day(want)), "{text:?}");
        }
    }

    #[test]
    fn what_is_not_a_later_day_is_refused_with_its_reason() {
        for (text, key) in [
            ("+0d", "invalid.until_not_after"),
            ("2026-11-23", "invalid.until_not_after"),
            ("2026-11-01", "invalid.until_not_after"),
            ("+3", "invalid.until"),
            ("+3x", "invalid.until"),
            ("+d", "invalid.until"),
            ("soon", "invalid.until"),
            ("周八", "invalid.until"),
            ("2026-13-01", "invalid.calendar"),
            ("+99999d", "invalid.date_too_late_followup"),
            ("+99999999999999999999999d", "invalid.date_too_late_followup"),
            ("2040-01-01", "invalid.date_too_late_followup"),
        ] {
            let e = until(text).expect_err(text);
            assert_eq!(e.field, "until", "{text}");
            assert_eq!(e.said.as_ref().map(|s| s.key), Some(key), "{text}: {}", e.reason);
        }
    }

    #[test]
    fn a_long_value_is_echoed_cut_to_forty_characters() {
        for text in [
            "x".repeat(5000),
            format!("2026{}", "1".repeat(5000)),
            format!("+{}x", "9".repeat(5000)),
        ] {
            let e = until(&text).expect_err("refused");
            assert!(e.reason.len() < 300, "{}", e.reason);
            assert!(e.reason.contains(&format!("{}…", &text[..40])), "{}", e.reason);
        }
    }

    #[test]
    fn a_due_or_next_day_takes_the_snooze_words_and_plain_dates() {
        let d = |t: &str| parse_day("due", t, day(TODAY));
        for (text, want) in [
            ("+3d", "2026-11-26"),
            ("+2w", "2026-12-07"),
            ("mon", "2026-11-30"),
            ("周五", "2026-11-27"),
            ("tomorrow", "2026-11-24"),
            ("+0d", "2026-11-23"),
            ("2026-12-01", "2026-12-01"),
            ("2026/12/1", "2026-12-01"),
            ("2026-11-01", "2026-11-01"),
        ] {
            assert_eq!(d(text).map_err(|e| e.reason), Ok(day(want)), "{text:?}");
        }
        for (text, key) in [
            ("", "invalid.date"),
            ("soon", "invalid.day"),
            ("+3x", "invalid.day"),
            ("2026-13-01", "invalid.calendar"),
        ] {
            let e = d(text).expect_err(text);
            assert_eq!(
                (e.field.as_str(), e.said.as_ref().map(|s| s.key)),
                ("due", Some(key)),
                "{text}"
            );
        }
    }
}
