//! Configuration: built-in defaults (`assets/config.toml`) overlaid by the user's file, which names only what it changes.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use serde::Deserialize;

use crate::domain::classify::{Basis, CadenceParams, Method, Params, Share};
use crate::domain::money;

/// The documented defaults, shipped in the binary.
pub const DEFAULTS: &str = include_str!("../assets/config.toml");

/// Everything the config file can say.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub language: Option<String>,
    pub user: Option<String>,
    pub currency: String,
    pub shared: bool,
    pub database: Option<PathBuf>,
    /// Seconds a write waits while another process writes.
    pub busy_timeout: u64,
    /// Key bindings: action name → one key or a list of keys, replacing that action's defaults.
    pub keys: std::collections::BTreeMap<String, KeySpec>,
    pub classify: ClassifySection,
    pub cadence: CadenceSection,
}

/// One key or several, as `[keys]` allows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

impl KeySpec {
    pub fn keys(&self) -> Vec<String> {
        match self {
            KeySpec::One(k) => vec![k.clone()],
            KeySpec::Many(v) => v.clone(),
        }
    }
}

/// `[classify]`, as written (money in major units, shares as fractions).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClassifySection {
    pub window_days: i64,
    pub basis: Basis,
    pub method: Method,
    pub a_share: f64,
    pub b_share: f64,
    pub a_min: f64,
    pub b_min: f64,
    pub frequent_min: u32,
    pub churn_days: i64,
    pub at_risk_days: i64,
    pub loyal_min_orders: u32,
    pub loyal_min_days: i64,
    pub clv_years: f64,
    pub churn_flag: u8,
    pub churn_default_gap: i64,
}

/// `[cadence]` in days.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CadenceSection {
    #[serde(rename = "A")]
    pub a: i64,
    #[serde(rename = "B")]
    pub b: i64,
    #[serde(rename = "C")]
    pub c: i64,
    pub lead: i64,
    pub risk: i64,
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
            keys: Default::default(),
            classify: ClassifySection::default(),
            cadence: CadenceSection::default(),
        }
    }
}

impl Default for ClassifySection {
    fn default() -> Self {
        let p = Params::default();
        ClassifySection {
            window_days: p.window_days,
            basis: p.basis,
            method: p.method,
            a_share: 0.80,
            b_share: 0.95,
            a_min: 100_000.0,
            b_min: 10_000.0,
            frequent_min: p.frequent_min,
            churn_days: p.churn_days,
            at_risk_days: p.at_risk_days,
            loyal_min_orders: p.loyal_min_orders,
            loyal_min_days: p.loyal_min_days,
            clv_years: p.clv_years,
            churn_flag: p.churn_flag,
            churn_default_gap: p.churn_default_gap,
        }
    }
}

impl Default for CadenceSection {
    fn default() -> Self {
        let c = Params::default().cadence;
        CadenceSection {
            a: c.a,
            b: c.b,
            c: c.c,
            lead: c.lead,
            risk: c.risk,
        }
    }
}

/// The line on which `key` is set in `text`, for errors that toml cannot place.
fn line_of(text: &str, section: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = Some(name.trim().to_string());
            continue;
        }
        if current.as_deref() == section && t.split('=').next().map(str::trim) == Some(key) {
            return Some(n + 1);
        }
    }
    None
}

impl Config {
    /// Parses a user's file over the defaults. `origin` names the file in errors.
    pub fn from_text(text: &str, origin: &Path) -> Result<Config> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| format!(" line {}:", text[..s.start.min(text.len())].matches('\n').count() + 1))
                .unwrap_or_default();
            anyhow!("config {}:{at} {}", origin.display(), e.message().trim_end())
        })?;
        if let Some(lang) = &cfg.language {
            if lang != "en" && lang != "zh" {
                let at = line_of(text, None, "language")
                    .map(|l| format!(" line {l}:"))
                    .unwrap_or_default();
                return Err(anyhow!(
                    "config {}:{at} language: '{lang}' is not one of: en, zh",
                    origin.display()
                ));
            }
        }
        if let Err(e) = cfg.keymap() {
            let key = e.split_once(':').map_or("", |(k, _)| k.trim_start_matches("keys."));
            let at = line_of(text, Some("keys"), key)
                .map(|l| format!(" line {l}:"))
                .unwrap_or_default();
            return Err(anyhow!("config {}:{at} {e}", origin.display()));
        }
        if let Err(e) = cfg.params() {
            let (section, key) = e
                .field
                .split_once('.')
                .map_or((None, e.field.as_str()), |(s, k)| (Some(s), k));
            let at = line_of(text, section, key)
                .map(|l| format!(" line {l}:"))
                .unwrap_or_default();
            return Err(anyhow!("config {}:{at} {}: {}", origin.display(), e.field, e.reason));
        }
        Ok(cfg)
    }

    /// Loads the file at `path`; a missing file means the defaults unless the path was given explicitly.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::from_text(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(Config::default()),
            Err(e) => Err(anyhow!("config {}: {e}", path.display())),
        }
    }

    /// Where the config file lives by default.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "tiercrm").map(|d| d.config_dir().join("config.toml"))
    }

    /// The classification parameters in force, checked.
    pub fn params(&self) -> Result<Params, crate::domain::Invalid> {
        let c = &self.classify;
        let minor = |field: &str, v: f64| -> Result<i64, crate::domain::Invalid> {
            if !(0.0..1e13).contains(&v) {
                return Err(crate::domain::Invalid::new(field, format!("{v} must be zero or more")));
            }
            // A number we formatted: no currency mark to check.
            money::parse_amount(field, &format!("{v:.2}"), "")
        };
        let p = Params {
            window_days: c.window_days,
            basis: c.basis,
            method: c.method,
            a_share: Share::from_f64("classify.a_share", c.a_share)?,
            b_share: Share::from_f64("classify.b_share", c.b_share)?,
            a_min: minor("classify.a_min", c.a_min)?,
            b_min: minor("classify.b_min", c.b_min)?,
            frequent_min: c.frequent_min,
            churn_days: c.churn_days,
            at_risk_days: c.at_risk_days,
            loyal_min_orders: c.loyal_min_orders,
            loyal_min_days: c.loyal_min_days,
            clv_years: c.clv_years,
            churn_flag: c.churn_flag,
            churn_default_gap: c.churn_default_gap,
            cadence: CadenceParams {
                a: self.cadence.a,
                b: self.cadence.b,
                c: self.cadence.c,
                lead: self.cadence.lead,
                risk: self.cadence.risk,
            },
        };
        p.check()?;
        Ok(p)
    }

    /// The key map in force: the defaults with `[keys]` applied.
    pub fn keymap(&self) -> Result<crate::tui::keymap::Keymap, String> {
        let overrides = self.keys.iter().map(|(k, v)| (k.clone(), v.keys())).collect();
        crate::tui::keymap::Keymap::with_overrides(&overrides)
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
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_is_the_spec_defaults() {
        let cfg = Config::default();
        assert_eq!(cfg.params().unwrap(), Params::default());
        let shipped = Config::from_text(DEFAULTS, Path::new("assets/config.toml")).unwrap();
        assert_eq!(
            shipped, cfg,
            "assets/config.toml documents exactly the built-in defaults"
        );
        assert_eq!(cfg.currency, "CNY");
        assert!(!cfg.shared);
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names() {
        let cfg = Config::from_text("currency = \"USD\"\n[cadence]\nA = 7\n", Path::new("c.toml")).unwrap();
        assert_eq!(cfg.currency, "USD");
        let p = cfg.params().unwrap();
        assert_eq!(p.cadence.a, 7);
        assert_eq!(p.cadence.b, 30);
        assert_eq!(p.window_days, 365);
    }

    #[test]
    fn bad_keys_and_values_name_the_key_and_line() {
        let e = Config::from_text("currency = \"USD\"\n[classify]\nwindow = 30\n", Path::new("c.toml")).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("config c.toml: line 3: unknown field `window`"),
            "{msg}"
        );
        let e = Config::from_text("[classify]\n\na_share = 0.99\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "config c.toml: line 3: classify.a_share: must not be above classify.b_share"
        );
        let e = Config::from_text("[classify]\nbasis = \"margin\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("margin"), "{e}");
        let e = Config::from_text("language = \"fr\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1") && e.contains("en, zh"), "{e}");
        let e = Config::from_text("[cadence\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1"), "{e}");
    }
}
