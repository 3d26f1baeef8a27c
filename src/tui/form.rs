//! A form: labelled fields edited in place, errors shown beside the field they belong to, and a dirty
//! flag so that leaving asks before dropping edits. What a form saves is decided by its owner.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::action::Action;
use super::tabs::{Ui, safe};

/// One field: its name (as errors from the store name it), its label key, its text, and the choices a
/// closed set allows (empty for free text).
#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub choices: Vec<String>,
    /// For a choice: the locale key prefix its values are shown through (`channel` shows `wechat` as
    /// `channel.wechat`); `None` shows the value itself (numbers).
    pub shown_as: Option<&'static str>,
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
            shown_as: None,
            required: false,
            error: None,
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// A closed set: `choice-next` / `choice-prev` cycle through `choices`, shown through the locale
    /// keys `{shown_as}.{value}` when `shown_as` is given.
    pub fn choice(
        name: &'static str,
        label: &'static str,
        value: &str,
        choices: &[&str],
        shown_as: Option<&'static str>,
    ) -> Field {
        Field {
            name,
            label,
            value: value.to_string(),
            choices: choices.iter().map(|c| c.to_string()).collect(),
            shown_as,
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

    /// Sets a field by name (nothing when absent).
    pub fn set_value(&mut self, name: &str, value: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.name == name) {
            f.value = value.to_string();
            f.error = None;
            self.dirty = true;
        }
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

    /// Shows an error beside the field it names, or at the top (after `label`) when it names none of them.
    pub fn set_error(&mut self, field: &str, label: &str, reason: String) {
        match self.fields.iter().position(|f| f.name == field) {
            Some(k) => {
                self.fields[k].error = Some(reason);
                self.focus = k;
            }
            None => {
                self.error = Some(if field.is_empty() {
                    reason
                } else {
                    format!("{label}: {reason}")
                })
            }
        }
    }

    /// Whether the focused field takes typed text (a choice field takes none).
    pub fn focused_is_text(&self) -> bool {
        self.fields[self.focus].choices.is_empty()
    }

    /// Types a character into the focused text field.
    pub fn type_char(&mut self, c: char) {
        let f = &mut self.fields[self.focus];
        if f.choices.is_empty() {
            f.value.push(c);
            f.error = None;
            self.dirty = true;
        }
    }

    /// Deletes the last character of the focused text field.
    pub fn backspace(&mut self) {
        let f = &mut self.fields[self.focus];
        if f.choices.is_empty() && f.value.pop().is_some() {
            f.error = None;
            self.dirty = true;
        }
    }

    /// Carries out a form action (resolved from the key map by the caller).
    pub fn act(&mut self, action: Action) -> Outcome {
        let last = self.fields.len().saturating_sub(1);
        let text = self.focused_is_text();
        match action {
            Action::Save => return Outcome::Save,
            Action::Cancel => return Outcome::Leave,
            Action::ExternalEditor if text => return Outcome::Editor,
            Action::Advance if self.focus == last => return Outcome::Save,
            Action::NextField | Action::Advance => self.focus = (self.focus + 1).min(last),
            Action::PrevField => self.focus = self.focus.saturating_sub(1),
            Action::ClearField if text => {
                let f = &mut self.fields[self.focus];
                if !f.value.is_empty() {
                    f.value.clear();
                    self.dirty = true;
                }
            }
            Action::ChoiceNext | Action::ChoicePrev if !text => {
                self.fields[self.focus].cycle(action == Action::ChoiceNext);
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
                let value = match field.shown_as {
                    Some(prefix) => t.t(&format!("{prefix}.{}", field.value)).to_string(),
                    None => field.value.clone(),
                };
                format!("‹ {value} ›")
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

    fn form() -> Form {
        Form::new(
            "t".into(),
            vec![
                Field::text("name", "field.name", "").required(),
                Field::choice(
                    "kind",
                    "field.kind",
                    "individual",
                    &["individual", "company"],
                    Some("custkind"),
                ),
                Field::text("email", "field.email", ""),
            ],
        )
    }

    #[test]
    fn typing_moving_cycling_and_saving() {
        let mut f = form();
        for c in "王芳".chars() {
            f.type_char(c);
        }
        assert!(f.dirty);
        assert_eq!(f.act(Action::NextField), Outcome::Stay);
        assert!(!f.focused_is_text());
        f.type_char('x');
        assert_eq!(f.get("kind"), "individual", "a choice takes no text");
        f.act(Action::ChoiceNext);
        assert_eq!(f.get("kind"), "company");
        assert_eq!(f.act(Action::ExternalEditor), Outcome::Stay, "no editor for a choice");
        f.act(Action::Advance);
        assert_eq!(f.focus, 2);
        assert_eq!(f.act(Action::ExternalEditor), Outcome::Editor);
        assert_eq!(
            f.act(Action::Advance),
            Outcome::Save,
            "advancing past the last field saves"
        );
        assert_eq!(f.act(Action::NextField), Outcome::Stay, "moving does not");
        assert_eq!(f.focus, 2);
        assert_eq!(f.act(Action::Save), Outcome::Save);
        assert_eq!(f.act(Action::Cancel), Outcome::Leave);
        f.act(Action::PrevField);
        f.act(Action::PrevField);
        f.backspace();
        assert_eq!(f.get("name"), "王");
        f.act(Action::ClearField);
        assert_eq!(f.get("name"), "");
    }

    #[test]
    fn required_fields_and_store_errors_land_beside_their_field() {
        let mut f = form();
        f.focus = 2;
        assert!(!f.check_required("required"));
        assert_eq!((f.focus, f.fields[0].error.as_deref()), (0, Some("required")));
        f.set_error("email", "email", "'x' is not an email address".into());
        assert_eq!(f.focus, 2);
        f.set_error("", "", "locked".into());
        assert_eq!(f.error.as_deref(), Some("locked"));
    }
}
