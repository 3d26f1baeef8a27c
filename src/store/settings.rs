//! The rules that belong to the file, not to a person: the classification parameters and the currency, kept
//! in `meta` in a stable text form, adopted once from the first opener's config, and changed only by
//! `settings set` (audited, re-deriving everyone once, in the same transaction).
//!
//! Two colleagues with different personal configs sharing one file would otherwise take turns re-deriving
//! every class and writing history each time either opened it.

use std::collections::BTreeSet;

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, TransactionBehavior};

use super::{Result, Store, StoreError, Tx, audit, derive, meta_get, meta_set};
use crate::domain::Invalid;
use crate::domain::classify::Params;
use crate::domain::dates;
use crate::domain::trigger::Trigger;

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

impl Store {
    /// Reads the file's rules again (after another process committed).
    pub fn reload_rules(&mut self) -> Result<()> {
        if let Some(rules) = load(&self.conn)? {
            self.params = rules.params;
            self.currency = rules.currency;
        }
        Ok(())
    }

    /// The rules in force.
    pub fn rules(&self) -> Rules {
        Rules {
            params: self.params.clone(),
            currency: self.currency.clone(),
        }
    }

    /// Changes one of the file's rules (`classify.a_share`, `cadence.A`, `currency` …) for everyone: checked,
    /// stored, audited, and everyone re-derived under it, in one transaction. Nothing changes on an error.
    /// Changing the currency of a file that holds amounts relabels them without converting anything: it is
    /// refused unless `relabel` says that is meant.
    pub fn set_rule(&mut self, key: &str, value: &str, relabel: bool) -> Result<Change> {
        // Checked before taking the lock, so that a typo is told at once; applied again to the rules read
        // under the lock, which a colleague may have changed meanwhile.
        self.rules().set(key, value)?;
        self.ready_to_write()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.today = super::day_to_write(&tx, self.today, self.today_given)?;
        let mut rules = load(&tx)?.unwrap_or_else(|| Rules {
            params: self.params.clone(),
            currency: self.currency.clone(),
        });
        let old = rules.get(key).unwrap_or_default();
        rules.set(key, value)?;
        let new = rules.get(key).unwrap_or_default();
        if key == CURRENCY && old != new && !relabel {
            let orders: i64 = tx.query_row("SELECT count(*) FROM orders", [], |r| r.get(0))?;
            if orders > 0 {
                return Err(Invalid::new(
                    CURRENCY,
                    format!(
                        "this file holds {orders} orders in {old}; changing the currency would relabel every amount as {new} without converting it (¥100 would read {new} 100): pass --relabel if that is what you mean"
                    ),
                )
                .into());
            }
        }
        store(&tx, &rules)?;
        let summary = {
            let w = Tx {
                tx,
                user: &self.user,
                now: dates::format_datetime(Utc::now()),
                today: self.today,
                params: &rules.params,
                currency: &rules.currency,
                affected: BTreeSet::new(),
                record: true,
            };
            let mut changes = audit::Changes::default();
            changes.diff(key, &old, &new);
            let summary = if changes.is_empty() {
                derive::Summary::default()
            } else {
                audit::record(&w, audit::Subject::Settings, "set", changes)?;
                derive::derive_everything(
                    &w,
                    &Trigger::SettingChanged {
                        key: key.to_string(),
                        old: old.clone(),
                        new: new.clone(),
                    },
                )?
            };
            w.tx.commit()?;
            summary
        };
        self.params = rules.params;
        self.currency = rules.currency;
        Ok(Change {
            key: key.to_string(),
            old,
            new,
            customers: summary.customers,
            history_rows: summary.history_rows,
        })
    }
}

/// Makes the opener's rules the file's, once: the first opening of a new file, or of one made before the
/// rules moved into it. Another process may have done it meanwhile: then theirs are kept.
pub(super) fn adopt_rules(conn: &mut Connection, user: &str, today: NaiveDate, opener: Rules) -> Result<(Rules, bool)> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(theirs) = load(&tx)? {
        return Ok((theirs, false));
    }
    store(&tx, &opener)?;
    {
        let w = Tx {
            tx,
            user,
            now: dates::format_datetime(Utc::now()),
            today,
            params: &opener.params,
            currency: &opener.currency,
            affected: BTreeSet::new(),
            record: true,
        };
        let mut changes = audit::Changes::default();
        for s in opener.shown() {
            changes.set(&s.key, &serde_json::Value::Null, &s.value);
        }
        audit::record(&w, audit::Subject::Settings, "adopt", changes)?;
        w.tx.commit()?;
    }
    Ok((opener, true))
}
