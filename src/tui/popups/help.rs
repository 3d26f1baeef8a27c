//! The help popup: the bindings in force here, grouped by where they apply, searched as one types.

use ratatui::crossterm::event::KeyCode;
use ratatui::text::{Line, Span};

use crate::tui::action::{Action, Scope};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::tabs::{Ui, safe};

/// The help screen: every binding in force, grouped by where it applies, filtered by what is typed.
#[derive(Default)]
pub struct Help {
    pub search: String,
    pub scroll: u16,
    /// The list actions the tab under the popup accepts (its `commands()`): only those are listed.
    pub accepts: Vec<Action>,
}

impl Help {
    pub fn new(accepts: Vec<Action>) -> Help {
        Help {
            accepts,
            ..Help::default()
        }
    }

    /// The hints while help is open: letters type into the search, so they name other keys.
    pub fn hints() -> Vec<Action> {
        vec![
            Action::Back,
            Action::FilterClear,
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::Quit,
        ]
    }

    /// Takes a key: typing searches; returns the action any other key is bound to (to scroll, close or
    /// quit).
    pub fn on_key(&mut self, key: Key, keymap: &Keymap) -> Option<Action> {
        match key.code {
            KeyCode::Char(c) if key.types_text() => {
                self.search.push(c);
                self.scroll = 0;
            }
            KeyCode::Backspace => {
                self.search.pop();
            }
            _ if keymap.resolve(key, &[Scope::Input]) == Some(Action::FilterClear) => self.search.clear(),
            _ => return keymap.resolve(key, &[Scope::Popup, Scope::List, Scope::Global]),
        }
        None
    }

    pub(super) fn lines(&self, ui: &Ui<'_>) -> Vec<Line<'static>> {
        let t = ui.i18n;
        let needle = self.search.to_lowercase();
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{}: ", t.t("help.search")), ui.theme.muted),
            Span::raw(safe(&self.search)),
            Span::styled("▏", ui.theme.key),
        ])];
        for scope in Scope::ALL {
            let key = format!("help.group.{}", scope.name());
            let entries: Vec<(String, String)> = Action::ALL
                .iter()
                // A list action shows only where the tab accepts it.
                .filter(|a| a.scope() == scope && (scope != Scope::List || self.accepts.contains(a)))
                .map(|a| {
                    let keys: Vec<String> = ui.keymap.keys(*a).iter().map(|k| k.label()).collect();
                    (
                        keys.join(" "),
                        format!("{}  ({})", t.t(&format!("action.{}", a.name())), a.name()),
                    )
                })
                .filter(|(k, d)| {
                    needle.is_empty() || k.to_lowercase().contains(&needle) || d.to_lowercase().contains(&needle)
                })
                .collect();
            if entries.is_empty() {
                continue;
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(t.t(&key).to_string(), ui.theme.header));
            for (k, d) in entries {
                lines.push(Line::from(vec![
                    Span::styled(format!("{k:<18}"), ui.theme.key),
                    Span::raw(d),
                ]));
            }
        }
        lines
    }
}
