//! Typing into the filter of the tab showing: the list follows as one types.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Mode};
use crate::tui::action::{Action, Scope};
use crate::tui::keymap::Key;

impl App {
    /// The filter text of the tab being filtered (filtering starts only in a tab with a filter).
    pub(super) fn filter_text(&mut self) -> Option<&mut String> {
        self.page_mut(self.tab).filter_text_mut()
    }

    pub(super) fn on_filter_key(&mut self, e: KeyEvent) {
        let key = Key::from_event(e);
        let (changed, done) = match key.code {
            KeyCode::Char(c) if key.types_text() => {
                if let Some(t) = self.filter_text() {
                    t.push(c);
                }
                (true, false)
            }
            KeyCode::Backspace => (self.filter_text().and_then(String::pop).is_some(), false),
            _ => match self.keymap.resolve(key, &[Scope::Input, Scope::Global]) {
                Some(Action::FilterDone) => (false, true),
                // Cancel empties the filter and leaves; clear empties it and keeps typing.
                Some(a @ (Action::FilterCancel | Action::FilterClear)) => {
                    let had = self.filter_text().map(std::mem::take).is_some_and(|t| !t.is_empty());
                    (had, a == Action::FilterCancel)
                }
                Some(Action::Quit) => {
                    self.quit = true;
                    (false, true)
                }
                _ => (false, false),
            },
        };
        if done {
            self.mode = Mode::Normal;
        }
        // The selection follows its record into the narrowed or widened list.
        if changed {
            let effect = self.page_mut(self.tab).filter_changed();
            self.apply(self.tab, effect);
        }
    }
}
