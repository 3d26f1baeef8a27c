//! Keys → actions: the defaults of SPEC 4.4, overridden per action by `[keys]`, resolved narrowest scope
//! first; and the reverse map (action → keys) for hints and help.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Scope};

/// A key with its modifiers, normalised so that `S` and `shift-s` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// The key of a terminal event. Shift is carried by the character itself (`S`), and terminals send
    /// shift-tab as BackTab, so only ctrl and alt are kept.
    pub fn from_event(e: KeyEvent) -> Key {
        Key {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses `j`, `G`, `?`, `ctrl-c`, `alt-x`, `shift-tab`, `enter`, `esc`, `up`, `pgdn`, `f1`, `space` …
    pub fn parse(spec: &str) -> Result<Key, String> {
        let bad = || format!("'{spec}' is not a key (try j, G, ctrl-c, shift-tab, enter, esc, up, pgdn, f1, space)");
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = spec.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("m-")) {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-") {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "" => return Err(bad()),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if shift => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pgdown" | "pagedown" => KeyCode::PageDown,
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().map_err(|_| bad())?)
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        let c = if shift { c.to_ascii_uppercase() } else { c };
                        KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                    }
                    _ => return Err(bad()),
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// A plain character: where text is typed (a form field, the filter line) it is text, not a command.
    pub fn types_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    /// How the key is written in hints and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            // Ctrl-S, as menus write it (terminals cannot tell ctrl-s from ctrl-shift-s anyway).
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            _ => "?".to_string(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Action, Vec<Key>>,
}

fn defaults() -> Vec<(Action, &'static [&'static str])> {
    use Action::*;
    vec![
        (Quit, &["q", "ctrl-c"]),
        (Help, &["?"]),
        (NextTab, &["tab"]),
        (PrevTab, &["shift-tab"]),
        (TabCustomers, &["1"]),
        (TabFollowups, &["2"]),
        (TabContacts, &["3"]),
        (TabFeedback, &["4"]),
        (TabReport, &["5"]),
        (Down, &["j", "down"]),
        (Up, &["k", "up"]),
        (Top, &["g", "home"]),
        (Bottom, &["G", "end"]),
        (PageDown, &["pgdn", "ctrl-d"]),
        (PageUp, &["pgup", "ctrl-u"]),
        (Open, &["enter"]),
        (Filter, &["/"]),
        (Sort, &["s"]),
        (SortReverse, &["S"]),
        (Archive, &["d"]),
        (Undo, &["u"]),
        (Add, &["a"]),
        (Edit, &["e"]),
        (LogContact, &["c"]),
        (AddOrder, &["o"]),
        (AddFeedback, &["f"]),
        (Back, &["esc", "q"]),
        (Confirm, &["y", "enter"]),
        (Save, &["ctrl-s"]),
        (Cancel, &["esc", "ctrl-c"]),
        (NextField, &["tab", "down"]),
        (PrevField, &["shift-tab", "up"]),
        (Advance, &["enter"]),
        (ClearField, &["ctrl-u"]),
        (ExternalEditor, &["ctrl-e"]),
        (ReloadRecord, &["ctrl-r"]),
        (ChoiceNext, &["right", "space"]),
        (ChoicePrev, &["left"]),
        (FilterDone, &["enter"]),
        (FilterCancel, &["esc"]),
        (FilterClear, &["ctrl-u"]),
    ]
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = defaults()
            .into_iter()
            .map(|(a, keys)| (a, keys.iter().filter_map(|k| Key::parse(k).ok()).collect()))
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with `[keys]` applied: each named action gets exactly the keys given.
    /// Errors name the binding: `keys.fly: unknown action …`, `keys.quit: 'ctrl-' is not a key …`.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        for (name, keys) in overrides {
            let action = Action::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                format!("keys.{name}: unknown action; known: {}", known.join(", "))
            })?;
            let parsed = keys
                .iter()
                .map(|k| Key::parse(k).map_err(|e| format!("keys.{name}: {e}")))
                .collect::<Result<Vec<Key>, String>>()?;
            if let Some(k) = parsed.iter().find(|k| k.types_text() && !action.takes_plain_keys()) {
                return Err(format!(
                    "keys.{name}: {} would be typed as text where this key works; use ctrl-, alt- or a named key",
                    k.label()
                ));
            }
            map.bindings.insert(action, parsed);
        }
        // Two actions of the same scope on one key would make one of them unreachable.
        for scope in Scope::ALL {
            let mut seen: std::collections::HashMap<Key, Action> = std::collections::HashMap::new();
            for (a, keys) in map.bindings.iter().filter(|(a, _)| a.scope() == scope) {
                for k in keys {
                    if let Some(other) = seen.insert(*k, *a) {
                        // Name the binding the user wrote, not the default it collides with.
                        let (mine, theirs) = if overrides.contains_key(a.name()) {
                            (a, &other)
                        } else {
                            (&other, a)
                        };
                        return Err(format!(
                            "keys.{}: {} is already bound to {}",
                            mine.name(),
                            k.label(),
                            theirs.name()
                        ));
                    }
                }
            }
        }
        Ok(map)
    }

    /// The action for a key in the given scopes, narrowest first.
    pub fn resolve(&self, key: Key, scopes: &[Scope]) -> Option<Action> {
        scopes.iter().find_map(|scope| {
            self.bindings
                .iter()
                .find(|(a, keys)| a.scope() == *scope && keys.contains(&key))
                .map(|(a, _)| *a)
        })
    }

    /// The keys bound to an action.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first key's label that works while text is typed (not a plain letter), for hints there.
    pub fn hint_typing(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .find(|k| !k.types_text())
            .map(Key::label)
            .unwrap_or_default()
    }

    /// The first key's label, for hints ("" when unbound).
    pub fn hint(&self, action: Action) -> String {
        self.keys(action).first().map(Key::label).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn parses_the_usual_spellings() {
        assert_eq!(
            key("j"),
            Key {
                code: KeyCode::Char('j'),
                ctrl: false,
                alt: false
            }
        );
        assert_eq!(key("shift-s"), key("S"));
        assert_eq!(
            key("ctrl-c"),
            Key {
                code: KeyCode::Char('c'),
                ctrl: true,
                alt: false
            }
        );
        assert_eq!(key("shift-tab").code, KeyCode::BackTab);
        assert_eq!(key("PgDn").code, KeyCode::PageDown);
        assert_eq!(key("f5").code, KeyCode::F(5));
        for bad in ["", "ctrl-", "jj", "f13", "hyper-x"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(key("ctrl-d").label(), "Ctrl-D");
        assert_eq!(key("shift-tab").label(), "Shift-Tab");
    }

    #[test]
    fn resolution_tries_the_narrowest_scope_first() {
        let m = Keymap::default();
        assert_eq!(
            m.resolve(key("q"), &[Scope::Popup, Scope::List, Scope::Global]),
            Some(Action::Back)
        );
        assert_eq!(m.resolve(key("q"), &[Scope::List, Scope::Global]), Some(Action::Quit));
        assert_eq!(m.resolve(key("j"), &[Scope::List, Scope::Global]), Some(Action::Down));
        assert_eq!(m.resolve(key("x"), &[Scope::List, Scope::Global]), None);
    }

    #[test]
    fn overrides_replace_only_the_named_actions_and_bad_ones_are_named() {
        let o: BTreeMap<String, Vec<String>> = [
            ("down".to_string(), vec!["n".to_string()]),
            ("quit".to_string(), vec!["ctrl-q".to_string()]),
        ]
        .into();
        let m = Keymap::with_overrides(&o).unwrap();
        assert_eq!(m.resolve(key("n"), &[Scope::List]), Some(Action::Down));
        assert_eq!(m.resolve(key("j"), &[Scope::List]), None);
        assert_eq!(m.resolve(key("k"), &[Scope::List]), Some(Action::Up), "untouched");
        assert_eq!(m.hint(Action::Quit), "Ctrl-Q");
        let e = Keymap::with_overrides(&[("fly".to_string(), vec!["x".to_string()])].into()).unwrap_err();
        assert!(e.starts_with("keys.fly: unknown action; known: quit, help"), "{e}");
        let e = Keymap::with_overrides(&[("quit".to_string(), vec!["ctrl-".to_string()])].into()).unwrap_err();
        assert!(e.starts_with("keys.quit: 'ctrl-' is not a key"), "{e}");
        let e = Keymap::with_overrides(&[("sort".to_string(), vec!["j".to_string()])].into()).unwrap_err();
        assert!(e.contains("j is already bound to"), "{e}");
        let e = Keymap::with_overrides(&[("save".to_string(), vec!["s".to_string()])].into()).unwrap_err();
        assert!(e.starts_with("keys.save: s would be typed as text"), "{e}");
        let m = Keymap::with_overrides(
            &[
                ("save".to_string(), vec!["f2".to_string()]),
                ("choice-next".to_string(), vec!["n".to_string()]),
            ]
            .into(),
        )
        .unwrap();
        assert_eq!(m.resolve(key("f2"), &[Scope::Form]), Some(Action::Save));
        assert_eq!(
            m.resolve(key("n"), &[Scope::Form]),
            Some(Action::ChoiceNext),
            "a choice takes plain keys"
        );
        let e = Keymap::with_overrides(&[("next-field".to_string(), vec!["right".to_string()])].into()).unwrap_err();
        assert!(e.contains("→ is already bound to choice-next"), "{e}");
    }
}
