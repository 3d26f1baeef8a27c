//! Reading a config file's text around toml's parser: which line sets which key, a value's type in words, and
//! a value as the text a parameter's range parses — so that every error names its line and key.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::domain::classify::params::Range;

/// The 1-based line of a byte offset.
pub(super) fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len())).unwrap_or(text).matches('\n').count() + 1
}

/// The first line on which `key` is set in `section` of `text` (toml's own errors place only the second).
pub(super) fn line_of(text: &str, section: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = Some(name.trim().to_string());
            continue;
        }
        let written = t.split('=').next().map(|k| k.trim().trim_matches(['"', '\'']));
        if current.as_deref() == section && written == Some(key) {
            return Some(n + 1);
        }
    }
    None
}

/// The section a line is in and the key it sets, if it sets one: for naming the key in toml's syntax errors.
pub(super) fn key_on_line(text: &str, line: usize) -> Option<(Option<String>, String)> {
    let mut section = None;
    for (n, l) in text.lines().enumerate().take(line) {
        let t = l.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            section = Some(name.trim().to_string());
        } else if n + 1 == line {
            let (k, _) = t.split_once('=')?;
            let k = k.trim().trim_matches(['"', '\'']);
            return (!k.is_empty() && !k.starts_with('#')).then(|| (section, k.to_string()));
        }
    }
    None
}

/// The table a `[header]` line opens.
pub(super) fn header_of(line: &str) -> Option<&str> {
    let t = line.trim();
    t.strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .map(str::trim)
        .filter(|h| !h.starts_with('['))
}

/// The table `line` (1-based) opens, if it is a header.
pub(super) fn header_on_line(text: &str, line: usize) -> Option<String> {
    text.lines().nth(line - 1).and_then(header_of).map(str::to_string)
}

/// The value of a `key = word` line when it is a bare word TOML has no meaning for (`ten`, `yes`).
pub(super) fn bare_word(text: &str, line: usize) -> Option<String> {
    let (_, value) = text.lines().nth(line - 1)?.split_once('=')?;
    let v = value.split('#').next()?.trim();
    let word = !v.is_empty() && v.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let toml_word = ["true", "false", "inf", "nan"].contains(&v);
    (word && !toml_word && v.chars().next().is_some_and(char::is_alphabetic)).then(|| crate::text::sanitize(v))
}

pub(super) fn dotted(section: Option<&str>, key: &str) -> String {
    section.map_or_else(|| key.to_string(), |s| format!("{s}.{key}"))
}

/// A TOML value's type in words, quoting short strings so the user sees what they wrote.
pub(super) fn found(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("a string \"{}\"", crate::text::sanitize(s)),
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Float(x) => format!("the number {x}"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// A TOML integer in decimal (the range check reads any length), or None for a hex, octal or binary
/// literal too long for any integer type.
pub(super) fn integer_text(i: &toml::de::DeInteger<'_>) -> Option<String> {
    if i.radix() == 10 {
        return Some(i.as_str().to_string());
    }
    i128::from_str_radix(i.as_str(), i.radix()).ok().map(|v| v.to_string())
}

/// A TOML value as the text a parameter's range parses, refusing a value of the wrong kind.
pub(super) fn value_text(range: &Range, v: &DeValue<'_>) -> Result<String, String> {
    let wrong = |what: &str| Err(format!("expected {what} ({}), found {}", range.text(), found(v)));
    match (range, v) {
        (Range::OneOf(_), DeValue::String(s)) => Ok(s.to_string()),
        (Range::OneOf(_), _) => wrong("a word in quotes"),
        (_, DeValue::Integer(i)) => integer_text(i).ok_or_else(|| format!("{i} is too large: {}", range.text())),
        (Range::Whole { .. }, _) => wrong("a whole number"),
        // The shortest text that reads back as the same f64: `0.80` → 0.8, `1e5` → 100000.
        (_, DeValue::Float(x)) => Ok(x
            .as_str()
            .parse::<f64>()
            .map_or_else(|_| x.to_string(), |f| f.to_string())),
        (_, _) => wrong("a number"),
    }
}

/// Entries of a table in the order the file wrote them, so the first mistake is the one reported.
pub(super) fn in_file_order<'a, 'i>(
    t: &'a DeTable<'i>,
) -> Vec<(&'a Spanned<toml::de::DeString<'i>>, &'a Spanned<DeValue<'i>>)> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}
