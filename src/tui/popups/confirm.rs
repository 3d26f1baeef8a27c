//! The confirmation popups: archive this customer? delete this contact? leave this form and drop its edits?

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Boxed, centered};
use crate::tui::action::Action;
use crate::tui::forms::OpenForm;
use crate::tui::tabs::{Ui, safe};

/// The keys that answer a question.
pub fn hints() -> Vec<Action> {
    vec![Action::Confirm, Action::Back]
}

/// A question and the keys that answer it.
fn lines(question: String, ui: &Ui<'_>) -> Vec<Line<'static>> {
    let keys = format!(
        "{} {}   {} ✗",
        ui.keymap.hint(Action::Confirm),
        ui.i18n.t("action.confirm"),
        ui.keymap.hint(Action::Back)
    );
    vec![Line::raw(question), Line::raw(""), Line::styled(keys, ui.theme.key)]
}

fn question(title: String, question: String, area: Rect, ui: &Ui<'_>) -> Boxed {
    Boxed {
        title,
        lines: lines(question, ui),
        rect: centered(area, 60, 30),
        scroll: 0,
        wrap: true,
    }
}

/// Archive the customer called `name`?
pub(super) fn archive(name: &str, area: Rect, ui: &Ui<'_>) -> Boxed {
    let text = ui.i18n.f(
        "confirm.archive",
        &[("name", &safe(name)), ("undo", &ui.keymap.hint(Action::Undo))],
    );
    question(format!(" {} ", ui.i18n.t("action.archive")), text, area, ui)
}

/// Leave `open` and drop its edits?
pub(super) fn drop(open: &OpenForm, area: Rect, ui: &Ui<'_>) -> Boxed {
    let hint = |a: Action| ui.keymap.hint(a);
    let text = ui.i18n.f(
        "confirm.drop",
        &[("yes", &hint(Action::Confirm)), ("no", &hint(Action::Back))],
    );
    question(format!(" {} ", safe(&open.form.title)), text, area, ui)
}

/// Delete the contact with `name` at `at` (as the user reads the time)?
pub(super) fn delete_contact(name: &str, at: &str, area: Rect, ui: &Ui<'_>) -> Boxed {
    let text = ui
        .i18n
        .f("confirm.delete_contact", &[("name", &safe(name)), ("at", &safe(at))]);
    question(format!(" {} ", ui.i18n.t("action.delete-entry")), text, area, ui)
}
