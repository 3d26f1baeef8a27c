//! Money as integer minor units (cents/fen): parsing user input and formatting with the currency.

use super::Invalid;

/// Parses an amount in major units ("1234", "1,234.56", "¥1,234.5") into minor units.
///
/// Negative amounts, more than two decimals and anything that is not a number are refused.
pub fn parse_amount(field: &str, text: &str) -> Result<i64, Invalid> {
    let bad = |key: &'static str| Invalid::said(field, key, &[("value", text.trim())]);
    let mut s: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '，'))
        .collect();
    for sym in ["CNY", "RMB", "USD", "EUR", "GBP", "¥", "￥", "$", "€", "£", "元"] {
        if let Some(rest) = s.strip_prefix(sym) {
            s = rest.to_string();
        }
        if let Some(rest) = s.strip_suffix(sym) {
            s = rest.to_string();
        }
    }
    if s.is_empty() {
        return Err(bad("invalid.amount_empty"));
    }
    if s.starts_with('-') {
        return Err(bad("invalid.amount_negative"));
    }
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s.as_str(), ""),
    };
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad("invalid.amount"));
    }
    if frac.len() > 2 {
        return Err(bad("invalid.amount_decimals"));
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad("invalid.amount_large"))?
    };
    let frac_val: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac_val))
        .filter(|v| *v <= 1_000_000_000_000_000)
        .ok_or_else(|| bad("invalid.amount_large"))
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
            ("¥1,234", 123400),
            ("$ 99.99", 9999),
            ("1 000", 100000),
            (".5", 50),
            ("100元", 10000),
        ];
        for (text, want) in ok {
            assert_eq!(parse_amount("amount", text).unwrap(), want, "{text}");
        }
    }

    #[test]
    fn refuses_bad_amounts_with_the_reason() {
        for (text, why) in [
            ("-5", "negative"),
            ("abc", "not an amount"),
            ("", "not an amount"),
            ("1.234", "two decimals"),
            ("1e5", "not an amount"),
            ("99999999999999999999", "too large"),
        ] {
            let e = parse_amount("amount", text).unwrap_err();
            assert_eq!(e.field, "amount");
            assert!(e.reason.contains(why), "{text}: {}", e.reason);
        }
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
