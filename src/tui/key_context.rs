//! Where keys are pressed (a list, a popup, a form, the filter line …) and which scopes they reach there;
//! and the checks that no `[keys]` binding hides another or leaves an action without a key.

use std::collections::BTreeMap;

use super::action::{Action, Scope};
use super::keymap::{Key, Keymap, KeymapError};

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
    /// Refuses a key that reaches actions of two scopes where both apply (the narrower would silently win:
    /// `quit = "j"` would move down in lists and quit on the report tab), and a global action left with no
    /// key that reaches it somewhere it applies. The shipped layering is the one exception: in a popup `q`
    /// and `Esc` close it and `Enter` confirms, while `Ctrl-C` still quits.
    pub(super) fn check_contexts(&self, overrides: &BTreeMap<String, Vec<String>>) -> Result<(), KeymapError> {
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
    pub(super) fn reach(&self, ctx: Context, key: Key) -> Vec<Action> {
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
}
