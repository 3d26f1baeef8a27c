//! The audit log: who changed what, when, with each changed field's old and new value.

use rusqlite::params;
use serde_json::{Map, Value};

use super::{Result, Tx};

/// Collects field changes as `{"field": [old, new]}`.
#[derive(Debug, Default)]
pub struct Changes(Map<String, Value>);

impl Changes {
    /// Notes a field when its value differs.
    pub fn diff<T: serde::Serialize + PartialEq>(&mut self, field: &str, old: &T, new: &T) {
        if old != new {
            self.set(field, old, new);
        }
    }

    /// Notes a field unconditionally (creation uses `null` as the old value).
    pub fn set<T: serde::Serialize, U: serde::Serialize>(&mut self, field: &str, old: &T, new: &U) {
        let o = serde_json::to_value(old).unwrap_or(Value::Null);
        let n = serde_json::to_value(new).unwrap_or(Value::Null);
        self.0.insert(field.to_string(), Value::Array(vec![o, n]));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Appends one audit row inside the write's transaction.
pub fn record(w: &Tx<'_>, entity: &str, id: i64, action: &str, changes: Changes) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO audit_log (at, staff, entity, entity_id, action, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        w.now,
        w.user,
        entity,
        id,
        action,
        Value::Object(changes.0).to_string()
    ])?;
    Ok(())
}
