//! Money as integer minor units (cents/fen): parsing user input and formatting with the currency.

use super::Invalid;

/// Currency marks people type around an amount, and the currency codes each one can stand for. `$` and
/// `¥` are shared by several currencies, so they are accepted for any of them; a code names one.
const MARKS: &[(&str, &[&str])] = &[
    ("US$", &["USD"]),
    ("HK$", &["HKD"]),
    ("RMB", &["CNY"]),
    ("CNY", &["CNY"]),
    ("USD", &["USD"]),
    ("EUR", &["EUR"]),
    ("GBP", &["GBP"]),
    ("JPY", &["JPY"]),
    ("HKD", &["HKD"]),
    ("CAD", &["CAD"]),
    ("AUD", &["AUD"]),
    ("SGD", &["SGD"]),
    ("¥", &["CNY", "JPY"]),
    ("￥", &["CNY", "JPY"]),
    ("元", &["CNY"]),
    ("$", &["USD", "CAD", "AUD", "HKD", "SGD", "NZD", "TWD"]),
    ("€", &["EUR"]),
    ("£", &["GBP"]),
];

/// The database's currency code as written in settings, with the old name `RMB` read as `CNY`.
fn code_of(currency: &str) -> String {
    let c = currency.trim().to_ascii_uppercase();
    if c == "RMB" { "CNY".into() } else { c }
}

/// Takes a currency mark (symbol or code) off the front or the back of `s`, with the spaces beside it.
fn strip_mark<'a>(s: &'a str, currency: &str) -> (Option<String>, &'a str) {
    let own = code_of(currency);
    let starts = |m: &str| s.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m));
    let ends = |m: &str| s.len() >= m.len() && s.get(s.len() - m.len()..).is_some_and(|p| p.eq_ignore_ascii_case(m));
    let marks = MARKS.iter().map(|(m, _)| *m).chain(std::iter::once(own.as_str()));
    for m in marks.filter(|m| !m.is_empty()) {
        if starts(m) {
            return (Some(m.to_string()), s[m.len()..].trim_start());
        }
        if ends(m) {
            return (Some(m.to_string()), s[..s.len() - m.len()].trim_end());
        }
    }
    (None, s)
}

/// Whether a typed mark may stand for the database's currency.
fn mark_fits(mark: &str, currency: &str) -> bool {
    let own = code_of(currency);
    if mark.eq_ignore_ascii_case(&own) {
        return true;
    }
    MARKS
        .iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(mark))
        .is_some_and(|(_, codes)| codes.contains(&own.as_str()))
}

/// Characters people put between groups of three digits.
fn is_group_separator(c: char) -> bool {
    matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}' | '，')
}

/// Parses an amount in major units ("1234", "1,234.56", "¥1,234.5") of a database keeping `currency`
/// into minor units.
///
/// Refused, because each would store a number the user did not mean: a separator that does not group
/// three digits (`12,50` is a European decimal comma, not 1,250), a currency mark of another currency
/// (`$ 5` in a CNY database), a negative amount, more than two decimals, and anything not a number.
pub fn parse_amount(field: &str, text: &str, currency: &str) -> Result<i64, Invalid> {
    let shown = text.trim();
    let bad = |key: &'static str| Invalid::said(field, key, &[("value", shown)]);
    let (mark, rest) = strip_mark(shown, currency);
    if let Some(m) = &mark {
        if !mark_fits(m, currency) {
            return Err(Invalid::said(
                field,
                "invalid.amount_currency",
                &[("value", shown), ("mark", m), ("currency", &code_of(currency))],
            ));
        }
    }
    let s = rest.trim();
    if s.is_empty() {
        return Err(bad("invalid.amount_empty"));
    }
    if s.starts_with('-') || s.ends_with('-') {
        return Err(bad("invalid.amount_negative"));
    }
    let (whole, frac, point) = match s.split_once('.') {
        Some((w, f)) => (w, f, true),
        None => (s, "", false),
    };
    if frac.chars().any(is_group_separator) {
        return Err(bad("invalid.amount_grouping"));
    }
    let digits = ungroup(whole, point).map_err(|e| match e {
        Ungroup::DecimalComma(fixed) => Invalid::said(
            field,
            "invalid.amount_decimal_comma",
            &[("value", shown), ("fixed", &fixed)],
        ),
        Ungroup::Grouping => bad("invalid.amount_grouping"),
    })?;
    if digits.is_empty() && frac.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad("invalid.amount"));
    }
    if frac.len() > 2 {
        return Err(bad("invalid.amount_decimals"));
    }
    let whole: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| bad("invalid.amount_large"))?
    };
    let frac_val: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac_val))
        .filter(|v| *v <= 1_000_000_000_000_000)
        .ok_or_else(|| bad("invalid.amount_large"))
}

/// Why the digits before the point are not grouped by three.
enum Ungroup {
    /// One comma followed by one or two digits: a decimal comma; the amount as it was probably meant.
    DecimalComma(String),
    Grouping,
}

/// The whole part without its separators, when they stand only between groups of three digits (the
/// first group 1–3 digits) and are all the same character. `point`: a decimal point follows, so a comma
/// before it cannot have been meant as one.
fn ungroup(whole: &str, point: bool) -> Result<String, Ungroup> {
    let seps: Vec<char> = whole.chars().filter(|c| is_group_separator(*c)).collect();
    let Some(&sep) = seps.first() else {
        return Ok(whole.to_string());
    };
    let groups: Vec<&str> = whole.split(is_group_separator).collect();
    if let [int, dec] = groups.as_slice() {
        let comma = matches!(sep, ',' | '，');
        let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
        if comma && !point && digits(int) && digits(dec) && dec.len() <= 2 {
            return Err(Ungroup::DecimalComma(format!("{int}.{dec}")));
        }
    }
    let grouped = seps.iter().all(|c| *c == sep)
        && groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3);
    if !grouped {
        return Err(Ungroup::Grouping);
    }
    Ok(groups.concat())
}

/// The symbol shown before amounts in a currency, or the code itself when there is none known.
pub fn symbol(currency: &str) -> String {
    match currency.to_ascii_uppercase().as_str() {
        "CNY" | "RMB" | "JPY" => "¥".into(),
        "USD" | "CAD" | "AUD" | "HKD" | "SGD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        other => format!("{other} "),
    }
}

/// Formats minor units with thousands separators: `¥128,400` or `¥1,234.50`.
pub fn format(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let whole = group_thousands(abs / 100);
    let cents = abs % 100;
    let sym = symbol(currency);
    if cents == 0 {
        format!("{sign}{sym}{whole}")
    } else {
        format!("{sign}{sym}{whole}.{cents:02}")
    }
}

/// Minor units as a plain major-unit number for JSON and CSV (`1234.5`).
pub fn to_major(minor: i64) -> f64 {
    minor as f64 / 100.0
}

/// Minor units as exact major-unit text for CSV export (`1234.50`, `-3.07`).
pub fn to_major_text(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A count with thousands separators: `8,034`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_spellings() {
        let ok = [
            ("0", 0),
            ("12", 1200),
            ("12.5", 1250),
            ("12.05", 1205),
            ("1,234.56", 123456),
            ("1,234,567", 123456700),
            ("¥1,234", 123400),
            ("￥ 99.99", 9999),
            ("1 000", 100000),
            ("1_000.5", 100050),
            (".5", 50),
            ("100元", 10000),
            ("RMB 8", 800),
            ("8 cny", 800),
        ];
        for (text, want) in ok {
            assert_eq!(parse_amount("amount", text, "CNY").unwrap(), want, "{text}");
        }
        assert_eq!(parse_amount("amount", "$ 99.99", "USD").unwrap(), 9999);
        assert_eq!(parse_amount("amount", "US$5", "USD").unwrap(), 500);
        assert_eq!(parse_amount("amount", "€3", "eur").unwrap(), 300);
        assert_eq!(parse_amount("amount", "XYZ 3", "XYZ").unwrap(), 300);
    }

    #[test]
    fn refuses_bad_amounts_with_the_reason() {
        for (text, why) in [
            ("-5", "negative"),
            ("¥-5", "negative"),
            ("abc", "not an amount"),
            ("", "not an amount"),
            ("1.234", "two decimals"),
            ("1e5", "not an amount"),
            ("99999999999999999999", "too large"),
        ] {
            let e = parse_amount("amount", text, "CNY").unwrap_err();
            assert_eq!(e.field, "amount");
            assert!(e.reason.contains(why), "{text}: {}", e.reason);
        }
    }

    #[test]
    fn a_separator_must_group_three_digits() {
        // A European decimal comma: "12,50" was stored as 1,250.
        let e = parse_amount("amount", "12,50", "CNY").unwrap_err();
        assert_eq!(e.field, "amount");
        assert!(
            e.reason
                .contains("a comma must separate groups of three digits; use a point for decimals: 12.50"),
            "{}",
            e.reason
        );
        for text in [
            "1,2,3",
            "1234,567",
            ",500",
            "1,000,",
            "1,00.5",
            "1,000 000",
            "12 50",
            "1.234,56",
            "1,0000",
        ] {
            let e = parse_amount("amount", text, "CNY").unwrap_err();
            assert!(e.reason.contains("groups of three digits"), "{text}: {}", e.reason);
        }
    }

    #[test]
    fn another_currency_is_refused_naming_both() {
        let e = parse_amount("amount", "$ 5", "CNY").unwrap_err();
        assert_eq!(e.reason, "'$ 5' is in $ but this database keeps CNY");
        for text in ["5 USD", "€5", "£5", "HK$5", "5 EUR"] {
            assert!(parse_amount("amount", text, "CNY").is_err(), "{text}");
        }
        assert!(parse_amount("amount", "5元", "USD").is_err());
        assert!(parse_amount("amount", "¥5", "EUR").is_err());
        // Where no currency is known (a filter), a mark of any currency is refused rather than guessed.
        assert!(parse_amount("revenue", "¥5", "").is_err());
        assert_eq!(parse_amount("revenue", "10,000", "").unwrap(), 1_000_000);
    }

    #[test]
    fn formats_with_symbol_and_grouping() {
        assert_eq!(format(12840000, "CNY"), "¥128,400");
        assert_eq!(format(123450, "USD"), "$1,234.50");
        assert_eq!(format(-307, "EUR"), "-€3.07");
        assert_eq!(format(5, "XYZ"), "XYZ 0.05");
        assert_eq!(to_major_text(-307), "-3.07");
        assert_eq!(to_major(1250), 12.5);
    }
}
