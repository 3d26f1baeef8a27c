//! Configuration: built-in defaults (`assets/config.toml`) overlaid by the user's file, which names only what it changes.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::domain::classify::Params;
use crate::domain::classify::params::{Param, Range};
use crate::domain::currency;
use crate::domain::feedback::RespondDays;

mod lines;
use lines::{
    bare_word, dotted, found, header_of, header_on_line, in_file_order, key_on_line, line_at, line_of, value_text,
};

/// The documented defaults, shipped in the binary.
pub const DEFAULTS: &str = include_str!("../assets/config.toml");

/// What `busy_timeout` may be. SQLite counts the wait in milliseconds in a 32-bit integer (about 24 days);
/// an hour is already far longer than anyone waits at a terminal.
pub const BUSY_TIMEOUT: Range = Range::Whole {
    min: 0,
    max: 3600,
    unit: "seconds",
};

/// What each `[feedback] respond_days` target may be.
pub const RESPOND_DAYS: Range = Range::Whole {
    min: 1,
    max: RespondDays::MAX,
    unit: "days",
};

/// Everything the config file can say.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub language: Option<String>,
    pub user: Option<String>,
    /// An ISO 4217 code, upper case.
    pub currency: String,
    pub shared: bool,
    pub database: Option<PathBuf>,
    /// Seconds a write waits while another process writes.
    pub busy_timeout: u64,
    /// The interface's colours: "auto" (NO_COLOR, else what the terminal has), "256", "16" or "none".
    pub theme: String,
    /// The interface takes the mouse (wheel, clicks); `false` leaves the terminal's own selection alone.
    pub mouse: bool,
    /// Key bindings: action name → the keys replacing that action's defaults.
    pub keys: BTreeMap<String, Vec<String>>,
    /// The classification parameters: the defaults with `[classify]` and `[cadence]` applied, checked.
    pub params: Params,
    /// Days to respond to feedback by priority (`[feedback] respond_days`), checked.
    pub respond_days: RespondDays,
    /// The line of every key the file sets, by dotted name (`busy_timeout`, `classify.a_share`, `keys.quit`).
    pub lines: BTreeMap<String, usize>,
}

/// A config file that cannot be used: the file, the line and key when known, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub origin: PathBuf,
    pub line: Option<usize>,
    /// The dotted key (`classify.window_days`, `keys.quit`).
    pub key: Option<String>,
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "config {}:", self.origin.display())?;
        if let Some(l) = self.line {
            write!(f, " line {l}:")?;
        }
        if let Some(k) = &self.key {
            write!(f, " {k}:")?;
        }
        write!(f, " {}", self.reason)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            language: None,
            user: None,
            currency: "CNY".into(),
            shared: false,
            database: None,
            busy_timeout: 10,
            theme: "auto".into(),
            mouse: true,
            keys: BTreeMap::new(),
            params: Params::default(),
            respond_days: RespondDays::default(),
            lines: BTreeMap::new(),
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "language",
    "user",
    "currency",
    "shared",
    "database",
    "busy_timeout",
    "theme",
    "mouse",
    "keys",
    "classify",
    "cadence",
    "feedback",
];

impl Config {
    /// Parses a user's file over the defaults. `origin` names the file in errors.
    pub fn from_text(text: &str, origin: &Path) -> Result<Config, ConfigError> {
        let fail = |line: Option<usize>, key: Option<String>, reason: String| ConfigError {
            origin: origin.to_path_buf(),
            line,
            key,
            reason,
        };
        let doc = DeTable::parse(text).map_err(|e| {
            let line = e.span().map(|s| line_at(text, s.start));
            let named = line.and_then(|l| key_on_line(text, l));
            let key = named.as_ref().map(|(s, k)| dotted(s.as_deref(), k));
            let mut reason = e.message().trim_end().to_string();
            let header = line.and_then(|l| header_on_line(text, l));
            if reason == "duplicate key" {
                let first = match (&header, &named) {
                    (Some(h), _) => text
                        .lines()
                        .position(|l| header_of(l) == Some(h.as_str()))
                        .map(|n| n + 1),
                    (None, Some((s, k))) => line_of(text, s.as_deref(), k),
                    (None, None) => None,
                };
                reason = match first {
                    Some(f) if Some(f) != line => format!("set twice (first on line {f})"),
                    _ => "set twice".to_string(),
                };
            } else if let Some(word) = line.and_then(|l| bare_word(text, l)) {
                // toml reads `ten` as a misspelt `true`; say what was meant instead.
                reason = format!("'{word}' is not a value: text needs quotes (\"{word}\")");
            }
            let key = key.or_else(|| header.map(|h| format!("[{h}]")));
            fail(line, key, reason)
        })?;
        let mut cfg = Config::default();
        for (k, v) in in_file_order(doc.get_ref()) {
            let name: &str = k.get_ref();
            let line = line_at(text, k.span().start);
            cfg.lines.insert(name.to_string(), line);
            let bad = |reason: String| fail(Some(line), Some(name.to_string()), reason);
            let string = || match v.get_ref() {
                DeValue::String(s) => Ok(s.to_string()),
                other => Err(bad(format!("expected text in quotes, found {}", found(other)))),
            };
            match name {
                "language" => {
                    let lang = string()?;
                    if lang != "en" && lang != "zh" {
                        return Err(bad(format!("'{lang}' is not one of: en, zh")));
                    }
                    cfg.language = Some(lang);
                }
                "user" => cfg.user = Some(string()?),
                "currency" => {
                    let code = currency::parse(name, &string()?).map_err(|e| bad(e.reason))?;
                    cfg.currency = code.to_string();
                }
                "shared" => match v.get_ref() {
                    DeValue::Boolean(b) => cfg.shared = *b,
                    other => return Err(bad(format!("expected true or false, found {}", found(other)))),
                },
                "database" => cfg.database = Some(PathBuf::from(string()?)),
                "theme" => {
                    let theme = string()?;
                    let known = crate::tui::theme::Palette::SETTINGS;
                    if !known.contains(&theme.as_str()) {
                        let theme = crate::text::sanitize(&theme);
                        return Err(bad(format!("'{theme}' is not one of: {}", known.join(", "))));
                    }
                    cfg.theme = theme;
                }
                "mouse" => match v.get_ref() {
                    DeValue::Boolean(b) => cfg.mouse = *b,
                    other => return Err(bad(format!("expected true or false, found {}", found(other)))),
                },
                "busy_timeout" => {
                    let text = value_text(&BUSY_TIMEOUT, v.get_ref()).map_err(bad)?;
                    let secs = BUSY_TIMEOUT.parse_whole(name, &text).map_err(|e| bad(e.reason))?;
                    cfg.busy_timeout = u64::try_from(secs).map_err(|_| bad(format!("{secs} is too small")))?;
                }
                "keys" => {
                    let DeValue::Table(t) = v.get_ref() else {
                        return Err(bad(format!("expected a table, found {}", found(v.get_ref()))));
                    };
                    for (action, keys) in in_file_order(t) {
                        let full = format!("keys.{}", action.get_ref());
                        let at = line_at(text, action.span().start);
                        cfg.lines.insert(full.clone(), at);
                        let list = match keys.get_ref() {
                            DeValue::String(s) => vec![s.to_string()],
                            DeValue::Array(a) => a
                                .iter()
                                .map(|k| match k.get_ref() {
                                    DeValue::String(s) => Some(s.to_string()),
                                    _ => None,
                                })
                                .collect::<Option<Vec<String>>>()
                                .ok_or_else(|| {
                                    fail(
                                        Some(at),
                                        Some(full.clone()),
                                        "every key in the list must be in quotes".into(),
                                    )
                                })?,
                            other => {
                                return Err(fail(
                                    Some(at),
                                    Some(full),
                                    format!("expected a key or a list of keys, found {}", found(other)),
                                ));
                            }
                        };
                        cfg.keys.insert(action.get_ref().to_string(), list);
                    }
                }
                "classify" | "cadence" => {
                    let DeValue::Table(t) = v.get_ref() else {
                        return Err(bad(format!("expected a table, found {}", found(v.get_ref()))));
                    };
                    for (key, value) in in_file_order(t) {
                        let full = format!("{name}.{}", key.get_ref());
                        let at = line_at(text, key.span().start);
                        let here = |reason: String| fail(Some(at), Some(full.clone()), reason);
                        let Ok(param) = Param::find(&full) else {
                            let prefix = format!("{name}.");
                            let known: Vec<&str> = Params::keys().filter_map(|k| k.strip_prefix(&prefix)).collect();
                            return Err(here(format!("unknown field; expected one of: {}", known.join(", "))));
                        };
                        let text = value_text(&param.range, value.get_ref()).map_err(here)?;
                        cfg.params.assign(&full, &text).map_err(|e| here(e.reason))?;
                        cfg.lines.insert(full, at);
                    }
                }
                "feedback" => {
                    let DeValue::Table(t) = v.get_ref() else {
                        return Err(bad(format!("expected a table, found {}", found(v.get_ref()))));
                    };
                    for (key, value) in in_file_order(t) {
                        let full = format!("feedback.{}", key.get_ref());
                        let at = line_at(text, key.span().start);
                        let here = |reason: String| fail(Some(at), Some(full.clone()), reason);
                        if key.get_ref() != "respond_days" {
                            return Err(here("unknown field; expected one of: respond_days".into()));
                        }
                        let DeValue::Table(days) = value.get_ref() else {
                            return Err(here(format!(
                                "expected a table of days by priority ({{ P1 = 1, P2 = 3, P3 = 7, P4 = 14 }}), found {}",
                                found(value.get_ref())
                            )));
                        };
                        cfg.lines.insert(full.clone(), at);
                        for (p, d) in in_file_order(days) {
                            let key = format!("{full}.{}", p.get_ref());
                            let at = line_at(text, p.span().start);
                            let here = |reason: String| fail(Some(at), Some(key.clone()), reason);
                            let prio: crate::domain::Priority = p
                                .get_ref()
                                .parse()
                                .map_err(|_| here("unknown priority; expected one of: P1, P2, P3, P4".into()))?;
                            let written = value_text(&RESPOND_DAYS, d.get_ref()).map_err(here)?;
                            let n = RESPOND_DAYS.parse_whole(&key, &written).map_err(|e| here(e.reason))?;
                            cfg.respond_days.0[prio.index()] = n;
                            cfg.lines.insert(key, at);
                        }
                    }
                    let lines = &cfg.lines;
                    cfg.respond_days
                        .check(&|k| lines.contains_key(k))
                        .map_err(|e| fail(cfg.lines.get(&e.field).copied(), Some(e.field.clone()), e.reason))?;
                }
                _ => {
                    return Err(bad(format!("unknown field; expected one of: {}", TOP_KEYS.join(", "))));
                }
            }
        }
        let lines = &cfg.lines;
        cfg.params
            .check_naming(&|k| lines.contains_key(k))
            .map_err(|e| fail(lines.get(&e.field).copied(), Some(e.field.clone()), e.reason.clone()))?;
        if let Err(e) = cfg.keymap() {
            return Err(fail(lines.get(&e.key).copied(), Some(e.key), e.reason));
        }
        Ok(cfg)
    }

    /// Loads the file at `path`; a missing file means the defaults unless the path was given explicitly.
    pub fn load(path: &Path, explicit: bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::from_text(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(Config::default()),
            Err(e) => Err(ConfigError {
                origin: path.to_path_buf(),
                line: None,
                key: None,
                reason: e.to_string(),
            }),
        }
    }

    /// Where the config file lives by default.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "tiercrm").map(|d| d.config_dir().join("config.toml"))
    }

    /// The rules this file sets — the currency and the classification parameters — with their lines
    /// (`classify.a_share`, 7). They belong to the database: the file's values count only when a database
    /// without rules adopts them.
    pub fn rule_lines(&self) -> Vec<(&'static str, usize)> {
        std::iter::once("currency")
            .chain(Params::keys())
            .filter_map(|k| self.lines.get(k).map(|l| (k, *l)))
            .collect()
    }

    /// The value this file gives a rule (a classification parameter or `currency`), as written.
    pub fn rule_value(&self, key: &str) -> Option<String> {
        if key == "currency" {
            return Some(self.currency.clone());
        }
        self.params.get(key)
    }

    /// The key map in force: the defaults with `[keys]` applied.
    pub fn keymap(&self) -> Result<crate::tui::keymap::Keymap, crate::tui::keymap::KeymapError> {
        crate::tui::keymap::Keymap::with_overrides(&self.keys)
    }

    /// The interface language: the config, else from LANG.
    pub fn language(&self) -> &str {
        match self.language.as_deref() {
            Some(l) => l,
            None => {
                let lang = std::env::var("LC_ALL")
                    .or_else(|_| std::env::var("LANG"))
                    .unwrap_or_default();
                if lang.starts_with("zh") { "zh" } else { "en" }
            }
        }
    }
}

#[cfg(test)]
mod tests;
