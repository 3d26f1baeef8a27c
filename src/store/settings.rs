//! The rules that belong to the file, not to a person: the classification parameters and the currency, kept
//! in `meta` in a stable text form, adopted once from the first opener's config, and changed only by
//! `settings set` (audited, re-deriving everyone once, in the same transaction).
//!
//! Two colleagues with different personal configs sharing one file would otherwise take turns re-deriving
//! every class and writing history each time either opened it.

use rusqlite::Connection;

use super::{Result, StoreError, meta_get, meta_set};
use crate::domain::Invalid;
use crate::domain::classify::Params;

/// The rules in force for a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub params: Params,
    pub currency: String,
}

/// The key of the currency among the rules (the parameters' keys are `classify.*` and `cadence.*`).
pub const CURRENCY: &str = "currency";

/// One rule as `tiercrm settings` shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Shown {
    pub key: String,
    pub value: String,
    /// The values it may take.
    pub range: String,
    pub doc: String,
}

/// What `settings set` changed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    pub key: String,
    pub old: String,
    pub new: String,
    /// Customers re-derived under the new rules.
    pub customers: usize,
    /// Tier-history rows the change wrote.
    pub history_rows: usize,
}

impl Rules {
    /// Every rule with its value, range and meaning, the currency first.
    pub fn shown(&self) -> Vec<Shown> {
        let mut out = vec![Shown {
            key: CURRENCY.to_string(),
            value: self.currency.clone(),
            range: format!(
                "an ISO 4217 code ({} known: CNY, USD, EUR, …)",
                crate::domain::currency::CODES.len()
            ),
            doc: "The currency of every amount in the file (amounts are stored in its minor units).".to_string(),
        }];
        out.extend(self.params.settings().into_iter().map(|s| Shown {
            key: s.key.to_string(),
            value: s.value,
            range: s.range,
            doc: s.doc.to_string(),
        }));
        out
    }

    /// The value of one rule as a user writes it.
    pub fn get(&self, key: &str) -> Option<String> {
        if key == CURRENCY {
            return Some(self.currency.clone());
        }
        self.params.get(key)
    }

    /// Sets one rule from its text, checked: the key must be known, the value in range and consistent with
    /// the other rules. Nothing changes on an error.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), Invalid> {
        if key == CURRENCY {
            self.currency = crate::domain::currency::parse(CURRENCY, value)?.to_string();
            return Ok(());
        }
        self.params.set(key, value)
    }
}

/// The file's rules, or `None` for a file that has none yet (new, or made before the rules moved into it).
pub fn load(conn: &Connection) -> Result<Option<Rules>> {
    let Some(text) = meta_get(conn, "settings")? else {
        return Ok(None);
    };
    let params = Params::from_stable_text(&text).map_err(|e| StoreError::Corrupt {
        path: "the database".to_string(),
        detail: format!("its classification settings cannot be read ({}: {})", e.field, e.reason),
    })?;
    let currency = meta_get(conn, CURRENCY)?.unwrap_or_else(|| "CNY".to_string());
    Ok(Some(Rules { params, currency }))
}

/// Stores `rules` as the file's (inside a write).
pub fn store(conn: &Connection, rules: &Rules) -> Result<()> {
    meta_set(conn, "settings", &rules.params.to_stable_text())?;
    meta_set(conn, CURRENCY, &rules.currency)
}
