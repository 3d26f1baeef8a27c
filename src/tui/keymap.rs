//! Keys → actions: the defaults of SPEC 4.4, overridden per action by `[keys]`, resolved narrowest scope
//! first; and the reverse map (action → keys) for hints and help.

use std::collections::BTreeMap;

use super::action::{Action, Scope};
pub use super::key::Key;
pub use super::key_context::Context;

/// A `[keys]` binding that cannot be used: which binding (`keys.quit`, as the config file names it, so the
/// file can point at its line) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {reason}")]
pub struct KeymapError {
    /// The dotted key of the binding: `keys.` and the action's name as written.
    pub key: String,
    pub reason: String,
}

impl KeymapError {
    pub(super) fn new(action: &str, reason: impl Into<String>) -> Self {
        KeymapError {
            key: format!("keys.{action}"),
            reason: reason.into(),
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub(super) bindings: BTreeMap<Action, Vec<Key>>,
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
        (Review, &["r"]),
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
        (FeedbackInvestigate, &["i"]),
        (FeedbackAssign, &["A"]),
        (FeedbackResolve, &["R"]),
        (FeedbackClose, &["C"]),
        (FeedbackReopen, &["O"]),
        (EditEntry, &["E"]),
        (DeleteEntry, &["D"]),
        (Snooze, &["z"]),
        (MarkDone, &["x"]),
        (AddFollowup, &["F"]),
        (ReviewNext, &["n", "right"]),
        (ReviewPrev, &["p", "left"]),
        (ReviewOpen, &["o", "enter"]),
        (ReviewLeave, &["esc"]),
        (Back, &["esc", "q"]),
        (Confirm, &["y", "enter"]),
        (Save, &["ctrl-s"]),
        (Cancel, &["esc", "ctrl-c"]),
        (NextField, &["tab", "down"]),
        (PrevField, &["shift-tab", "up"]),
        (SkipScore, &["ctrl-n"]),
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
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        for (name, keys) in overrides {
            let action = Action::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                KeymapError::new(name, format!("unknown action; known: {}", known.join(", ")))
            })?;
            let mut parsed: Vec<Key> = Vec::with_capacity(keys.len());
            for k in keys {
                let k = Key::parse(k).map_err(|e| KeymapError::new(name, e))?;
                // The same key written twice (`q` and `shift-q`…) is one binding, listed once in help.
                if !parsed.contains(&k) {
                    parsed.push(k);
                }
            }
            if let Some(k) = parsed.iter().find(|k| k.types_text() && !action.takes_plain_keys()) {
                return Err(KeymapError::new(
                    name,
                    format!(
                        "{} would be typed as text where this key works; use ctrl-, alt- or a named key",
                        k.label()
                    ),
                ));
            }
            if parsed.is_empty() && action == Action::Quit {
                return Err(KeymapError::new(
                    name,
                    "needs at least one key, or nothing leaves tiercrm",
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
                        return Err(KeymapError::new(
                            mine.name(),
                            format!("{} is already bound to {}", k.label(), theirs.name()),
                        ));
                    }
                }
            }
        }
        map.check_contexts(overrides)?;
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
    fn resolution_tries_the_narrowest_scope_first() {
        let m = Keymap::default();
        assert_eq!(
            m.resolve(key("q"), &[Scope::Popup, Scope::List, Scope::Global]),
            Some(Action::Back)
        );
        assert_eq!(m.resolve(key("q"), &[Scope::List, Scope::Global]), Some(Action::Quit));
        assert_eq!(m.resolve(key("j"), &[Scope::List, Scope::Global]), Some(Action::Down));
        assert_eq!(m.resolve(key("w"), &[Scope::List, Scope::Global]), None);
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
        let e = Keymap::with_overrides(&[("fly".to_string(), vec!["x".to_string()])].into())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("keys.fly: unknown action; known: quit, help"), "{e}");
        let e = Keymap::with_overrides(&[("quit".to_string(), vec!["ctrl-".to_string()])].into())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("keys.quit: 'ctrl-' is not a key"), "{e}");
        let e = Keymap::with_overrides(&[("sort".to_string(), vec!["j".to_string()])].into())
            .unwrap_err()
            .to_string();
        assert!(e.contains("j is already bound to"), "{e}");
        let e = Keymap::with_overrides(&[("save".to_string(), vec!["s".to_string()])].into())
            .unwrap_err()
            .to_string();
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
        let e = Keymap::with_overrides(&[("next-field".to_string(), vec!["right".to_string()])].into())
            .unwrap_err()
            .to_string();
        assert!(e.contains("→ is already bound to choice-next"), "{e}");
    }

    fn over(pairs: &[(&str, &[&str])]) -> Result<Keymap, String> {
        let o: BTreeMap<String, Vec<String>> = pairs
            .iter()
            .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
            .collect();
        Keymap::with_overrides(&o).map_err(|e| e.to_string())
    }

    #[test]
    fn the_shipped_bindings_pass_their_own_checks() {
        let m = Keymap::with_overrides(&BTreeMap::new()).unwrap();
        // Restating a default is no conflict either.
        over(&[
            ("back", &["esc", "q"]),
            ("quit", &["q", "ctrl-c"]),
            ("confirm", &["y", "enter"]),
        ])
        .unwrap();
        // The layering they rely on: in a popup q closes it and Ctrl-C still quits.
        let popup = [Scope::Popup, Scope::List, Scope::Global];
        assert_eq!(m.resolve(key("q"), &popup), Some(Action::Back));
        assert_eq!(m.resolve(key("ctrl-c"), &popup), Some(Action::Quit));
    }

    /// Defect 8: `quit = "j"` moved down in lists, quit on the report tab, and left `q` doing nothing.
    #[test]
    fn a_global_key_that_a_list_also_binds_is_refused() {
        let e = over(&[("quit", &["j"])]).unwrap_err();
        assert_eq!(
            e,
            "keys.quit: j is already bound to down; in lists a key can do only one of them"
        );
        let e = over(&[("quit", &["q", "ctrl-c", "j"])]).unwrap_err();
        assert!(e.starts_with("keys.quit: j is already bound to down"), "{e}");
        // The other way round names the list binding the user wrote.
        let e = over(&[("top", &["1"])]).unwrap_err();
        assert!(
            e.starts_with("keys.top: 1 is already bound to tab-customers; in lists"),
            "{e}"
        );
        let e = over(&[("help", &["?", "s"])]).unwrap_err();
        assert!(e.starts_with("keys.help: s is already bound to sort"), "{e}");
    }

    #[test]
    fn a_popup_key_that_hides_a_list_or_global_binding_is_refused() {
        let e = over(&[("help", &["?", "y"])]).unwrap_err();
        assert!(
            e.starts_with("keys.help: y is already bound to confirm; in popups"),
            "{e}"
        );
        let e = over(&[("confirm", &["y", "enter", "j"])]).unwrap_err();
        assert!(
            e.starts_with("keys.confirm: j is already bound to down; in popups"),
            "{e}"
        );
        let e = over(&[("back", &["esc", "q", "ctrl-c"])]).unwrap_err();
        assert!(
            e.starts_with("keys.back: Ctrl-C is already bound to quit; in popups"),
            "{e}"
        );
        // While a filter is typed only quit of the global actions works, and it must keep a key.
        let e = over(&[("filter-done", &["ctrl-c"])]).unwrap_err();
        assert!(
            e.starts_with("keys.filter-done: Ctrl-C is already bound to quit; while typing a filter"),
            "{e}"
        );
        over(&[("filter-done", &["tab"])]).expect("tab does nothing else while typing a filter");
        // The help search clears with the filter's key; here it would take page-down's.
        let e = over(&[("filter-clear", &["ctrl-d"])]).unwrap_err();
        assert!(
            e.starts_with("keys.filter-clear: Ctrl-D is already bound to page-down; on the help screen"),
            "{e}"
        );
    }

    #[test]
    fn a_global_action_left_without_a_key_somewhere_it_applies_is_refused() {
        let e = over(&[("quit", &["q"])]).unwrap_err();
        assert_eq!(
            e,
            "keys.quit: quit would have no key left in popups (q is back there); give it another key"
        );
        let e = over(&[("quit", &[])]).unwrap_err();
        assert!(e.starts_with("keys.quit: needs at least one key"), "{e}");
        // Moving back off q frees it to quit everywhere.
        let m = over(&[("quit", &["q"]), ("back", &["esc"])]).unwrap();
        assert_eq!(
            m.resolve(key("q"), &[Scope::Popup, Scope::List, Scope::Global]),
            Some(Action::Quit)
        );
        over(&[("quit", &["q", "ctrl-q"])]).unwrap();
        // Other actions may be left unbound on purpose.
        over(&[("help", &[])]).unwrap();
    }

    #[test]
    fn a_key_written_twice_for_one_action_is_one_binding() {
        let m = over(&[("sort", &["s", "s"])]).unwrap();
        assert_eq!(m.keys(Action::Sort), &[key("s")]);
    }

    /// The refusal names its binding as a value, so the config file can find the line it is on without
    /// reading the words of the message.
    #[test]
    fn a_refusal_carries_the_binding_it_is_about() {
        let o: BTreeMap<String, Vec<String>> = [
            ("help".to_string(), vec!["?".to_string()]),
            ("quit".to_string(), vec!["j".to_string()]),
        ]
        .into();
        let e = Keymap::with_overrides(&o).unwrap_err();
        assert_eq!(e.key, "keys.quit");
        assert_eq!(
            e.reason,
            "j is already bound to down; in lists a key can do only one of them"
        );
        // A name that holds ": " is still one binding (cutting the message at ": " split it).
        let e = Keymap::with_overrides(&[("fly: x".to_string(), vec!["q".to_string()])].into()).unwrap_err();
        assert_eq!(e.key, "keys.fly: x");
        assert!(e.reason.starts_with("unknown action; known: quit"), "{}", e.reason);
    }
}
