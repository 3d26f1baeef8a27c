//! A form: labelled fields edited in place, errors shown beside the field they belong to, and a dirty
//! flag so that leaving asks before dropping edits. What a form saves is decided by its owner.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::tabs::{Ui, safe};

/// One field: its name (as errors from the store name it), its label key, its text, and the choices a
/// closed set allows (empty for free text).
#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub choices: Vec<String>,
    pub required: bool,
    pub error: Option<String>,
}

impl Field {
    pub fn text(name: &'static str, label: &'static str, value: impl Into<String>) -> Field {
        Field {
            name,
            label,
            value: value.into(),
            choices: Vec::new(),
            required: false,
            error: None,
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// A closed set: Left/Right (or Space) cycle through `choices`.
    pub fn choice(name: &'static str, label: &'static str, value: &str, choices: &[&str]) -> Field {
        Field {
            name,
            label,
            value: value.to_string(),
            choices: choices.iter().map(|c| c.to_string()).collect(),
            required: false,
            error: None,
        }
    }

    fn cycle(&mut self, forward: bool) {
        if self.choices.is_empty() {
            return;
        }
        let at = self.choices.iter().position(|c| *c == self.value).unwrap_or(0);
        let n = self.choices.len();
        self.value = self.choices[if forward { (at + 1) % n } else { (at + n - 1) % n }].clone();
    }
}

/// A form's fields and where the cursor is.
#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub dirty: bool,
    /// An error that belongs to no single field (a conflict, a locked database).
    pub error: Option<String>,
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Save,
    Leave,
    /// Edit the focused field in `$EDITOR`.
    Editor,
}

impl Form {
    pub fn new(title: String, fields: Vec<Field>) -> Form {
        Form {
            title,
            fields,
            focus: 0,
            dirty: false,
            error: None,
        }
    }

    /// The value of a field by name ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map_or("", |f| f.value.as_str())
    }

    /// The focused field's text, for an external editor.
    pub fn focused_text(&self) -> &str {
        &self.fields[self.focus].value
    }

    /// Puts text back from an external editor (one trailing newline dropped).
    pub fn set_focused_text(&mut self, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        let f = &mut self.fields[self.focus];
        if f.value != text {
            f.value = text.to_string();
            f.error = None;
            self.dirty = true;
        }
    }

    /// Marks required fields left empty; true when the form may be saved.
    pub fn check_required(&mut self, empty_msg: &str) -> bool {
        let mut ok = true;
        for f in &mut self.fields {
            f.error = None;
            if f.required && f.value.trim().is_empty() {
                f.error = Some(empty_msg.to_string());
                ok = false;
            }
        }
        if !ok {
            self.focus = self.fields.iter().position(|f| f.error.is_some()).unwrap_or(self.focus);
        }
        ok
    }

    /// Shows an error beside the field it names, or at the top when it names none of them.
    pub fn set_error(&mut self, field: &str, reason: String) {
        match self.fields.iter().position(|f| f.name == field) {
            Some(k) => {
                self.fields[k].error = Some(reason);
                self.focus = k;
            }
            None => {
                self.error = Some(if field.is_empty() {
                    reason
                } else {
                    format!("{field}: {reason}")
                })
            }
        }
    }

    /// Edits with a key. Tab / Shift-Tab / ↑ ↓ move, Enter moves on and saves on the last field,
    /// Ctrl-S saves, Esc leaves, ← → cycle a choice, Ctrl-U clears the field, Ctrl-E asks for `$EDITOR`.
    pub fn on_key(&mut self, code: ratatui::crossterm::event::KeyCode, ctrl: bool) -> Outcome {
        use ratatui::crossterm::event::KeyCode::*;
        let last = self.fields.len().saturating_sub(1);
        match code {
            Char('s') if ctrl => return Outcome::Save,
            Char('e') if ctrl && self.fields[self.focus].choices.is_empty() => return Outcome::Editor,
            Char('c') if ctrl => return Outcome::Leave,
            Char('u') if ctrl => {
                self.fields[self.focus].value.clear();
                self.dirty = true;
            }
            Esc => return Outcome::Leave,
            Tab | Down => self.focus = (self.focus + 1).min(last),
            BackTab | Up => self.focus = self.focus.saturating_sub(1),
            Enter if self.focus == last => return Outcome::Save,
            Enter => self.focus += 1,
            Left | Right if !self.fields[self.focus].choices.is_empty() => {
                self.fields[self.focus].cycle(code == Right);
                self.dirty = true;
            }
            Char(' ') if !self.fields[self.focus].choices.is_empty() => {
                self.fields[self.focus].cycle(true);
                self.dirty = true;
            }
            Backspace => {
                let f = &mut self.fields[self.focus];
                if f.choices.is_empty() && f.value.pop().is_some() {
                    self.dirty = true;
                }
            }
            Char(c) if !ctrl && self.fields[self.focus].choices.is_empty() => {
                self.fields[self.focus].value.push(c);
                self.fields[self.focus].error = None;
                self.dirty = true;
            }
            _ => {}
        }
        Outcome::Stay
    }

    pub fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let t = ui.i18n;
        let width = self
            .fields
            .iter()
            .map(|x| crate::text::width(t.t(x.label)))
            .max()
            .unwrap_or(8)
            + 2;
        let mut lines: Vec<Line<'_>> = Vec::new();
        if let Some(e) = &self.error {
            lines.push(Line::styled(safe(e), ui.theme.error));
            lines.push(Line::raw(""));
        }
        for (k, field) in self.fields.iter().enumerate() {
            let label = t.t(field.label);
            let pad = width.saturating_sub(crate::text::width(label));
            let mark = if field.required { "*" } else { " " };
            let focused = k == self.focus;
            let mut spans = vec![Span::styled(
                format!("{mark}{label}{}", " ".repeat(pad)),
                if focused { ui.theme.key } else { ui.theme.muted },
            )];
            let shown = if field.choices.is_empty() {
                safe(&field.value)
            } else {
                format!("‹ {} ›", field.value)
            };
            spans.push(Span::styled(
                shown,
                if focused { ui.theme.selected } else { ui.theme.tier_c },
            ));
            if focused && field.choices.is_empty() {
                spans.push(Span::styled("▏", ui.theme.key));
            }
            if let Some(e) = &field.error {
                spans.push(Span::styled(format!("  ✗ {}", safe(e)), ui.theme.error));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.t("form.hint").to_string(), ui.theme.muted));
        f.render_widget(Clear, area);
        let block = Block::bordered()
            .title(format!(" {} ", safe(&self.title)))
            .border_style(ui.theme.border);
        f.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    fn form() -> Form {
        Form::new(
            "t".into(),
            vec![
                Field::text("name", "field.name", "").required(),
                Field::choice("kind", "field.kind", "individual", &["individual", "company"]),
                Field::text("email", "field.email", ""),
            ],
        )
    }

    #[test]
    fn typing_moving_cycling_and_saving() {
        let mut f = form();
        for c in "王芳".chars() {
            assert_eq!(f.on_key(KeyCode::Char(c), false), Outcome::Stay);
        }
        assert!(f.dirty);
        f.on_key(KeyCode::Tab, false);
        f.on_key(KeyCode::Right, false);
        assert_eq!(f.get("kind"), "company");
        f.on_key(KeyCode::Enter, false);
        assert_eq!(f.focus, 2);
        assert_eq!(
            f.on_key(KeyCode::Enter, false),
            Outcome::Save,
            "Enter on the last field saves"
        );
        assert_eq!(f.on_key(KeyCode::Char('s'), true), Outcome::Save);
        assert_eq!(f.on_key(KeyCode::Esc, false), Outcome::Leave);
        assert_eq!(f.get("name"), "王芳");
    }

    #[test]
    fn required_fields_and_store_errors_land_beside_their_field() {
        let mut f = form();
        f.focus = 2;
        assert!(!f.check_required("required"));
        assert_eq!((f.focus, f.fields[0].error.as_deref()), (0, Some("required")));
        f.set_error("email", "'x' is not an email address".into());
        assert_eq!(f.focus, 2);
        f.set_error("", "locked".into());
        assert_eq!(f.error.as_deref(), Some("locked"));
    }
}
