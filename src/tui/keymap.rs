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
    fn new(action: &str, reason: impl Into<String>) -> Self {
        KeymapError {
            key: format!("keys.{action}"),
            reason: reason.into(),
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

/// A situation in the interface and how keys resolve there, as `App::on_key` and its helpers resolve them:
/// the scopes tried narrowest first, each limited to the actions that situation acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The report tab: global keys only.
    Report,
    /// A list tab.
    List,
    /// A popup over a list (detail, confirmation).
    Popup,
    /// The help screen: typing searches, then it answers as a popup.
    Help,
    /// A form.
    Form,
    /// The filter line.
    Filter,
    /// Review mode: its own keys, the three writes it shares with lists, and quit and help.
    Review,
}

/// A scope and, when a context acts on only some of its actions, those.
type Layer = (Scope, Option<&'static [Action]>);

impl Context {
    pub const ALL: [Context; 7] = [
        Context::Report,
        Context::List,
        Context::Popup,
        Context::Help,
        Context::Form,
        Context::Filter,
        Context::Review,
    ];

    /// The layers tried, narrowest first.
    pub fn layers(self) -> &'static [Layer] {
        match self {
            Context::Report => &[(Scope::Global, None)],
            Context::List => &[(Scope::List, None), (Scope::Global, None)],
            Context::Popup => &[(Scope::Popup, None), (Scope::List, None), (Scope::Global, None)],
            Context::Help => &[
                (Scope::Input, Some(&[Action::FilterClear])),
                (Scope::Popup, None),
                (Scope::List, None),
                (Scope::Global, None),
            ],
            Context::Form => &[(Scope::Form, None)],
            // Of the global actions only quit does anything while a filter is typed.
            Context::Filter => &[(Scope::Input, None), (Scope::Global, Some(&[Action::Quit]))],
            Context::Review => &[
                (Scope::Review, None),
                (
                    Scope::List,
                    Some(&[
                        Action::LogContact,
                        Action::Snooze,
                        Action::MarkDone,
                        Action::AddFollowup,
                    ]),
                ),
                (Scope::Global, Some(&[Action::Quit, Action::Help])),
            ],
        }
    }

    /// Whether a plain character is text here (a search or the filter) rather than a command.
    fn types_text(self) -> bool {
        matches!(self, Context::Help | Context::Filter)
    }

    /// Where, in words, for errors.
    fn place(self) -> &'static str {
        match self {
            Context::Report => "on the report tab",
            Context::List => "in lists",
            Context::Popup => "in popups",
            Context::Help => "on the help screen",
            Context::Form => "in forms",
            Context::Filter => "while typing a filter",
            Context::Review => "in review mode",
        }
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

    /// Refuses a key that reaches actions of two scopes where both apply (the narrower would silently win:
    /// `quit = "j"` would move down in lists and quit on the report tab), and a global action left with no
    /// key that reaches it somewhere it applies. The shipped layering is the one exception: in a popup `q`
    /// and `Esc` close it and `Enter` confirms, while `Ctrl-C` still quits.
    fn check_contexts(&self, overrides: &BTreeMap<String, Vec<String>>) -> Result<(), KeymapError> {
        let shipped = Keymap::default();
        let is_shipped = |a: Action, k: &Key| shipped.keys(a).contains(k);
        // A binding the user introduced: their action, with a key its defaults do not have.
        let users = |a: Action, k: &Key| overrides.contains_key(a.name()) && !is_shipped(a, k);
        let mut all_keys: Vec<Key> = Vec::new();
        for k in self.bindings.values().flatten() {
            if !all_keys.contains(k) {
                all_keys.push(*k);
            }
        }
        for ctx in Context::ALL {
            for k in &all_keys {
                let hits = self.reach(ctx, *k);
                let Some((&winner, hidden)) = hits.split_first() else {
                    continue;
                };
                for &other in hidden {
                    if is_shipped(winner, k) && is_shipped(other, k) {
                        continue;
                    }
                    let (mine, theirs) = if users(other, k) {
                        (other, winner)
                    } else {
                        (winner, other)
                    };
                    return Err(KeymapError::new(
                        mine.name(),
                        format!(
                            "{} is already bound to {}; {} a key can do only one of them",
                            k.label(),
                            theirs.name(),
                            ctx.place()
                        ),
                    ));
                }
            }
            for &(scope, only) in ctx.layers() {
                if scope != Scope::Global {
                    continue;
                }
                for &g in Action::ALL.iter().filter(|a| a.scope() == scope) {
                    if only.is_some_and(|o| !o.contains(&g)) {
                        continue;
                    }
                    let live: Vec<&Key> = self
                        .keys(g)
                        .iter()
                        .filter(|k| !(ctx.types_text() && k.types_text()))
                        .collect();
                    let Some(first) = live.first() else {
                        continue;
                    };
                    if live.iter().all(|k| self.reach(ctx, **k).first() != Some(&g)) {
                        let winner = self.reach(ctx, **first).first().copied().unwrap_or(g);
                        let name = if overrides.contains_key(g.name()) { g } else { winner };
                        return Err(KeymapError::new(
                            name.name(),
                            format!(
                                "{} would have no key left {} ({} is {} there); give it another key",
                                g.name(),
                                ctx.place(),
                                first.label(),
                                winner.name()
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Every action `key` is bound to in `ctx`, in the order resolution tries them: the first is what it does.
    fn reach(&self, ctx: Context, key: Key) -> Vec<Action> {
        if ctx.types_text() && key.types_text() {
            return Vec::new();
        }
        ctx.layers()
            .iter()
            .flat_map(|&(scope, only)| {
                self.bindings
                    .iter()
                    .filter(move |(a, keys)| {
                        a.scope() == scope && only.is_none_or(|o| o.contains(a)) && keys.contains(&key)
                    })
                    .map(|(a, _)| *a)
            })
            .collect()
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
