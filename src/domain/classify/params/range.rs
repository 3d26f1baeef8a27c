//! The values a parameter may take (`Range`), their bounds, and the exact parsing of a user's text into
//! the unit a parameter is stored in.

use super::Share;
use crate::domain::Invalid;

/// The values a parameter may take. The bounds keep every date the engine computes from them (today minus
/// a window, a contact plus a cadence) far inside the calendar, so no value in range can overflow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    /// A whole number from `min` to `max`, counted in `unit`.
    Whole { min: i64, max: i64, unit: &'static str },
    /// A fraction from 0 to 1 with at most six decimals.
    Share,
    /// An amount in major units from 0 to `max`, with at most two decimals.
    Money { max: i64 },
    /// A number from `min` to `max` in `unit`, decimals allowed.
    Real { min: f64, max: f64, unit: &'static str },
    /// One of these words.
    OneOf(&'static [&'static str]),
}

/// The longest span of days any day-count parameter may cover: a hundred years.
pub const MAX_SPAN_DAYS: i64 = 36_500;
/// The longest cadence: ten years between contacts.
pub const MAX_CADENCE_DAYS: i64 = 3_650;
/// The largest money threshold in major units (a trillion): ample, and ×100 stays far inside i64.
pub const MAX_MONEY: i64 = 1_000_000_000_000;

impl Range {
    /// How the range reads in errors and in `tiercrm settings`.
    pub fn text(&self) -> String {
        match *self {
            Range::Whole { min, max, unit } => format!("{min} to {max} {unit}"),
            Range::Share => "0 to 1".to_string(),
            Range::Money { max } => format!("0 to {max} (major units, up to two decimals)"),
            Range::Real { min, max, unit } => format!("{min} to {max} {unit}"),
            Range::OneOf(words) => format!("one of: {}", words.join(", ")),
        }
    }

    /// Parses a whole number in this range (for settings outside the table, such as `busy_timeout`).
    pub fn parse_whole(&self, key: &str, text: &str) -> Result<i64, Invalid> {
        match *self {
            Range::Whole { min, max, .. } => self.whole(key, text, min, max),
            _ => Err(Invalid::new(key, format!("'{}' is not {}", text.trim(), self.text()))),
        }
    }

    /// Parses a whole number in range.
    fn whole(&self, key: &str, text: &str, min: i64, max: i64) -> Result<i64, Invalid> {
        let t = text.trim();
        let digits = t.strip_prefix('-').unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::new(
                key,
                format!("'{t}' is not a whole number ({})", self.text()),
            ));
        }
        self.bounded(key, t, t.parse::<i128>().ok(), i128::from(min), i128::from(max))
            .map(|v| v as i64)
    }

    /// Checks `value` (None when it has too many digits for any integer) against `min..=max`.
    fn bounded(&self, key: &str, t: &str, value: Option<i128>, min: i128, max: i128) -> Result<i128, Invalid> {
        match value {
            Some(v) if v < min => Err(Invalid::new(key, format!("{t} is too small: {}", self.text()))),
            Some(v) if v <= max => Ok(v),
            _ if t.starts_with('-') => Err(Invalid::new(key, format!("{t} is too small: {}", self.text()))),
            _ => Err(Invalid::new(key, format!("{t} is too large: {}", self.text()))),
        }
    }

    /// Parses an exact decimal `digits[.digits]` with at most `places` decimals into units of 10^-places.
    fn decimal(&self, key: &str, text: &str, places: u32, what: &str) -> Result<Option<i128>, Invalid> {
        let t = text.trim();
        let body = t.strip_prefix('-').unwrap_or(t);
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !digits_only(whole) || !digits_only(frac) {
            return Err(Invalid::new(key, format!("'{t}' is not {what} ({})", self.text())));
        }
        if frac.len() > places as usize {
            return Err(Invalid::new(
                key,
                format!("'{t}' has more than {places} decimals ({})", self.text()),
            ));
        }
        let scale = 10i128.pow(places);
        let whole: Option<i128> = if whole.is_empty() { Some(0) } else { whole.parse().ok() };
        let frac: i128 = format!("{frac:0<width$}", width = places as usize).parse().unwrap_or(0);
        let v = whole
            .and_then(|w| w.checked_mul(scale))
            .and_then(|w| w.checked_add(frac));
        Ok(if t.starts_with('-') { v.map(|v| -v) } else { v })
    }

    /// Parses `text` as this range allows: the value in the unit the parameter is stored in.
    pub(super) fn parse(&self, key: &str, text: &str) -> Result<Value, Invalid> {
        let t = text.trim();
        match *self {
            Range::Whole { min, max, .. } => self.whole(key, t, min, max).map(Value::Whole),
            Range::Share => {
                let v = self.decimal(key, t, 6, "a fraction")?;
                let ppm = self.bounded(key, t, v, 0, i128::from(Share::ONE))?;
                Ok(Value::Share(Share(ppm as u32)))
            }
            Range::Money { max } => {
                let v = self.decimal(key, t, 2, "an amount")?;
                let minor = self.bounded(key, t, v, 0, i128::from(max) * 100)?;
                Ok(Value::Minor(minor as i64))
            }
            Range::Real { min, max, .. } => match t.parse::<f64>() {
                Ok(v) if v.is_finite() && v < min => {
                    Err(Invalid::new(key, format!("{t} is too small: {}", self.text())))
                }
                Ok(v) if v.is_finite() && v > max => {
                    Err(Invalid::new(key, format!("{t} is too large: {}", self.text())))
                }
                Ok(v) if v.is_finite() => Ok(Value::Real(v)),
                _ => Err(Invalid::new(key, format!("'{t}' is not a number ({})", self.text()))),
            },
            Range::OneOf(words) => words
                .iter()
                .find(|w| w.eq_ignore_ascii_case(t))
                .map(|w| Value::Word(w))
                .ok_or_else(|| Invalid::new(key, format!("'{t}' is not {}", self.text()))),
        }
    }
}

/// A parsed value, in the unit its parameter stores.
pub(super) enum Value {
    Whole(i64),
    Minor(i64),
    Share(Share),
    Real(f64),
    Word(&'static str),
}
