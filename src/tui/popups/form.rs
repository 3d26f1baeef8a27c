//! The form popup: keys type into the focused field or move, save or leave; a save goes through the
//! form's one operation and the lists follow.

use ratatui::crossterm::event::KeyCode;
use ratatui::crossterm::event::KeyEvent;

use super::Popup;
use crate::tui::action::{Action, Scope};
use crate::tui::app::App;
use crate::tui::form::Outcome;
use crate::tui::forms::{OpenForm, Target};
use crate::tui::keymap::Key;
use crate::tui::tabs::safe;

/// The keys worth showing in a form: the field's own (the editor for text, the next value for a
/// choice) among saving and moving.
pub fn hints(open: &OpenForm) -> Vec<Action> {
    use Action::*;
    let field = if open.form.focused_is_text() {
        ExternalEditor
    } else {
        ChoiceNext
    };
    let mut keys = vec![Save, Cancel, NextField, field, Advance, PrevField, ClearField];
    if open.form.fields.iter().any(|f| f.name == "satisfaction") {
        keys.insert(1, SkipScore);
    }
    keys
}

impl App {
    /// Handles a key while a form is open.
    pub(crate) fn on_form_key(&mut self, e: KeyEvent) {
        let Some(Popup::Form(mut open)) = self.popup.take() else {
            return;
        };
        let key = Key::from_event(e);
        let outcome = match key.code {
            KeyCode::Char(c) if key.types_text() && open.form.focused_is_text() => {
                open.form.type_char(c);
                Outcome::Stay
            }
            KeyCode::Backspace => {
                open.form.backspace();
                Outcome::Stay
            }
            _ => match self.keymap.resolve(key, &[Scope::Form]) {
                // After a conflict: take the record as it now is, dropping these edits.
                Some(Action::ReloadRecord) => {
                    if let Target::EditCustomer { id, .. } = open.target {
                        match crate::store::customers::get(self.store.conn(), crate::domain::CustomerId(id)) {
                            Ok(c) => open = Box::new(OpenForm::edit_customer(&c, &self.i18n)),
                            Err(err) => open.form.error = Some(err.to_string()),
                        }
                    }
                    Outcome::Stay
                }
                // Closing feedback without a score, said with its own key rather than by leaving it empty.
                Some(Action::SkipScore) if open.form.fields.iter().any(|f| f.name == "satisfaction") => {
                    open.form.set_value("satisfaction", "skip");
                    Outcome::Save
                }
                Some(action) => open.form.act(action),
                None => Outcome::Stay,
            },
        };
        match outcome {
            Outcome::Stay => self.popup = Some(Popup::Form(open)),
            Outcome::Editor => {
                self.editor_wanted = true;
                self.popup = Some(Popup::Form(open));
            }
            Outcome::Leave if open.form.dirty => self.popup = Some(Popup::ConfirmDrop(open)),
            Outcome::Leave => {}
            Outcome::Save => {
                let Some(saved) = open.save(&mut self.store, &self.i18n, &self.keymap.hint(Action::ReloadRecord))
                else {
                    self.popup = Some(Popup::Form(open));
                    return;
                };
                if open.target == Target::NewCustomer {
                    self.want_selected(saved);
                }
                let what = safe(&open.form.title);
                let mut said = self.i18n.f("status.saved", &[("what", &what)]);
                // A record dated after today is saved but counts only from its date: say so.
                if let Some(notice) = &open.notice {
                    said = format!("{said} {notice}");
                }
                // Said before the refresh, so that a "no longer in this list" message can replace it.
                self.say(said);
                if let Err(err) = self.review_saved(open.target) {
                    self.fail(err);
                }
                if let Err(err) = self.refresh() {
                    self.fail(err);
                }
            }
        }
    }
}
