//! Text from data made safe and tidy for a terminal: control and bidi characters neutralised, widths in columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces every character that could steer a terminal (C0/C1 controls, DEL, bidi overrides and isolates)
/// with a visible escape such as `\x1b` or `<U+202E>`. Newlines and tabs become spaces, so a value stays on
/// its line.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if steers_terminal(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// True for the characters [`sanitize`] neutralises besides C0 controls: DEL, C1 controls, bidi controls,
/// and the characters that draw nothing (zero-width spaces and joiners, soft hyphen, fillers, line and
/// paragraph separators, tag characters), which would let a name look empty or like another.
fn steers_terminal(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    ) || draws_nothing(c)
}

/// Characters that take no visible form: a text made of them alone looks empty.
pub fn draws_nothing(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Rewrites JSON text so that those characters appear as `\uXXXX` escapes (they only occur in strings,
/// where the escape means the same character).
pub fn escape_json_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if steers_terminal(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`sanitize`] but keeps line breaks, for multi-line notes shown on their own.
pub fn sanitize_multiline(s: &str) -> String {
    s.split('\n')
        .map(|l| sanitize(l.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Display width in terminal columns (CJK counts two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, never inside a character, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads `s` with spaces to `cols` columns (after truncating to fit).
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// Breaks `s` into lines of at most `cols` columns: at spaces where it can, inside a word (or a run of CJK,
/// which has no spaces) only when the word alone is wider than a line. Nothing is dropped but the spaces a
/// line breaks at, so the lines joined with spaces read as `s`.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let gap = usize::from(!line.is_empty());
        if width(&line) + gap + width(word) <= cols {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line is cut at the column, never inside a character.
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if width(&line) + w > cols {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_breaks_at_spaces_and_cuts_only_what_cannot_fit() {
        assert_eq!(
            super::wrap("last contact 2026-09-01 + 14 days, 3 days overdue", 20),
            ["last contact", "2026-09-01 + 14", "days, 3 days overdue"]
        );
        assert_eq!(
            super::wrap("上次联系加十四天已逾期", 8),
            ["上次联系", "加十四天", "已逾期"]
        );
        assert_eq!(super::wrap("short", 20), ["short"]);
        assert_eq!(super::wrap("", 20), [""]);
        for line in super::wrap("a verylongwordthatdoesnotfit here", 6) {
            assert!(super::width(&line) <= 6, "{line:?}");
        }
    }

    use super::*;

    #[test]
    fn escapes_and_bidi_controls_are_shown_not_obeyed() {
        assert_eq!(sanitize("evil\u{1b}[2J"), "evil\\x1b[2J");
        assert_eq!(sanitize("abc\u{202e}fed"), "abc<U+202E>fed");
        assert_eq!(sanitize("a\nb\tc"), "a b c");
        assert_eq!(sanitize("\u{9b}31m"), "\\x9b31m");
        assert_eq!(sanitize("王芳 café"), "王芳 café");
        assert_eq!(sanitize_multiline("one\r\ntwo\u{7}"), "one\ntwo\\x07");
    }

    #[test]
    fn characters_that_draw_nothing_are_shown() {
        assert_eq!(sanitize("\u{200b}"), "<U+200B>");
        assert_eq!(
            sanitize("Ann\u{feff}\u{2028}x\u{e0041}"),
            "Ann<U+FEFF><U+2028>x<U+E0041>"
        );
        assert_eq!(sanitize("soft\u{ad}hyphen"), "soft<U+00AD>hyphen");
    }

    #[test]
    fn json_escapes_mean_the_same_string() {
        let v = serde_json::json!({"name": "a\u{9b}b\u{202e}c\u{7f}"});
        let text = escape_json_controls(&serde_json::to_string(&v).unwrap());
        assert_eq!(text, r#"{"name":"a\u009bb\u202ec\u007f"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn cjk_is_measured_and_cut_by_columns() {
        assert_eq!(width("王芳"), 4);
        assert_eq!(truncate("上海华信科技有限公司", 9), "上海华信…");
        assert_eq!(pad("王芳", 6), "王芳  ");
        assert_eq!(pad("abc", 2), "a…");
        assert_eq!(pad("上海华信科技有限公司", 8), "上海华… ");
    }
}
