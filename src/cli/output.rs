//! Printing results: aligned text tables for people (sanitised, CJK-aware), JSON for scripts.

use std::io::Write;

use crate::text::{pad, sanitize, width};

/// Writes a value as pretty JSON followed by a newline. Characters that could steer a terminal and that
/// JSON leaves as they are (DEL, C1 controls, bidi overrides) are written as `\uXXXX` escapes: the same
/// JSON value, harmless on a screen.
pub fn json<T: serde::Serialize>(v: &T) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(v)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", crate::text::escape_json_controls(&text))?;
    Ok(())
}

/// Writes a JSON array one element at a time, so a list of any length is never held as text in memory.
pub fn json_array<T: serde::Serialize>(items: impl Iterator<Item = anyhow::Result<T>>) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut first = true;
    write!(out, "[")?;
    for item in items {
        let text = serde_json::to_string_pretty(&item?)?;
        let indented = text.replace('\n', "\n  ");
        write!(
            out,
            "{}\n  {}",
            if first { "" } else { "," },
            crate::text::escape_json_controls(&indented)
        )?;
        first = false;
    }
    writeln!(out, "{}]", if first { "" } else { "\n" })?;
    out.flush()?;
    Ok(())
}

/// A text table: headers, rows of cells, columns sized to content up to a cap.
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    max: Vec<usize>,
    /// The last column wraps onto lines of its own instead of being cut at its width.
    wrap_last: bool,
}

impl Table {
    pub fn new(headers: &[(&'static str, usize)]) -> Self {
        Table {
            headers: headers.iter().map(|h| h.0).collect(),
            rows: Vec::new(),
            max: headers.iter().map(|h| h.1).collect(),
            wrap_last: false,
        }
    }

    /// Wraps the last column at its width, continuing under it, so a long sentence is read in full.
    pub fn wrap_last(mut self) -> Self {
        self.wrap_last = true;
        self
    }

    /// Adds a row; every cell is sanitised here.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.iter().map(|c| sanitize(c)).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Prints the table, or `empty` when it has no rows.
    pub fn print_or(&self, empty: &str) -> anyhow::Result<()> {
        if self.is_empty() { line(empty) } else { self.print() }
    }

    pub fn print(&self) -> anyhow::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for r in &self.rows {
            for (k, c) in r.iter().enumerate() {
                widths[k] = widths[k].max(width(c).min(self.max[k]));
            }
        }
        let mut out = std::io::stdout().lock();
        let last = self.headers.len() - 1;
        // Where the last column starts, for the lines it wraps onto.
        let indent = " ".repeat(widths[..last].iter().map(|w| w + 2).sum());
        let line = |cells: &[String]| -> String {
            let last_cell: Vec<String> = match cells.get(last) {
                Some(c) if self.wrap_last => crate::text::wrap(c, self.max[last]),
                Some(c) => vec![crate::text::truncate(c, self.max[last])],
                None => vec![String::new()],
            };
            let first = cells
                .iter()
                .take(last)
                .enumerate()
                .map(|(k, c)| pad(c, widths[k]))
                .chain(last_cell.first().cloned())
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string();
            let rest = last_cell.iter().skip(1).map(|l| format!("{indent}{l}"));
            std::iter::once(first).chain(rest).collect::<Vec<_>>().join("\n")
        };
        let head: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        writeln!(out, "{}", line(&head))?;
        for r in &self.rows {
            writeln!(out, "{}", line(r))?;
        }
        Ok(())
    }
}

/// Prints `label: value` lines with the labels aligned; values are sanitised.
pub fn fields(rows: &[(&str, String)]) -> anyhow::Result<()> {
    let w = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for (l, v) in rows {
        writeln!(out, "{}  {}", pad(l, w), sanitize(v))?;
    }
    Ok(())
}

/// Prints each class's reason under its English label, in `ClassField::ALL`'s order.
pub fn reasons(r: &crate::domain::classify::explain::Reasons) -> anyhow::Result<()> {
    let words = crate::i18n::english();
    let rows: Vec<(&str, String)> = r
        .iter()
        .map(|(field, text)| (words.t(field.label_key()), text.to_string()))
        .collect();
    fields(&rows)
}

/// Prints one line of text, sanitised.
pub fn line(s: &str) -> anyhow::Result<()> {
    writeln!(std::io::stdout().lock(), "{}", sanitize(s))?;
    Ok(())
}

/// Says on standard error, after the list, that it stopped at its limit, so nobody takes the first rows
/// for all of them; standard output stays the list alone (and valid JSON with `--json`).
pub fn shown_of(shown: usize, total: usize) {
    if shown < total {
        note(&format!("showing {shown} of {total} (use --limit)"));
    }
}

/// A line on standard error after `tiercrm: `, sanitised. A closed standard error is not worth failing
/// the command for (the work is done), so a failed write is ignored.
pub fn note(s: &str) {
    let _ = writeln!(std::io::stderr().lock(), "tiercrm: {}", sanitize(s));
}

/// Warns on standard error about a record dated after today: saved, but not counted until then.
pub fn ahead(notice: Option<crate::ops::Ahead>) {
    if let Some(a) = notice {
        note(&format!("warning: {} {}", a.field, a.say(crate::i18n::english())));
    }
}

/// Text from data as one Markdown table cell: made safe for a terminal (controls and newlines become
/// visible or spaces), then every character Markdown gives a meaning to inline is escaped with a backslash
/// (`|` would end the cell; `*`, `_`, `` ` ``, `~` would style the rest of the row; `[`, `<` would link),
/// and HTML's `&` is written as an entity so that `&lt;` stays text.
pub fn markdown_cell(s: &str) -> String {
    let safe = crate::text::sanitize(s);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '~' | '[' | ']' | '<' | '>' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}
