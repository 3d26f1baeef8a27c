//! The audit log: who changed what, when, with each changed field's old and new value; and the history
//! of one record read back from it, including the bulk load that created it.

use rusqlite::{Connection, params};
use serde_json::{Map, Value};

use super::{Result, Tx};
use crate::domain::{ContactId, CustomerId, FeedbackId, FollowupId, OrderId};

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

/// What an audit row is about: a record, the file's rules, or a bulk load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Customer(CustomerId),
    Order(OrderId),
    Contact(ContactId),
    Feedback(FeedbackId),
    Followup(FollowupId),
    /// The file's rules (`settings`).
    Settings,
    /// A bulk load: one row listing the ids it created, table by table (see [`Loaded`]).
    Load,
}

impl Subject {
    /// The `entity` and `entity_id` columns. The entity names are also the keys of a load row's changes.
    fn columns(self) -> (&'static str, i64) {
        match self {
            Subject::Customer(id) => (CUSTOMER, id.0),
            Subject::Order(id) => (ORDER, id.0),
            Subject::Contact(id) => (CONTACT, id.0),
            Subject::Feedback(id) => (FEEDBACK, id.0),
            Subject::Followup(id) => (FOLLOWUP, id.0),
            Subject::Settings => ("settings", 0),
            Subject::Load => (LOAD, 0),
        }
    }
}

/// The `entity` of each record's audit rows, and the keys of a load row's changes.
const CUSTOMER: &str = "customer";
const ORDER: &str = "order";
const CONTACT: &str = "contact";
const FEEDBACK: &str = "feedback";
const FOLLOWUP: &str = "followup";
/// The `entity` of a bulk load's row.
const LOAD: &str = "load";

/// Appends one audit row inside the write's transaction.
pub fn record(w: &Tx<'_>, subject: Subject, action: &str, changes: Changes) -> Result<()> {
    let (entity, id) = subject.columns();
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

/// The ids a bulk load created in one table, as inclusive ranges `[first, last]`: rows inserted one after
/// another in one transaction get consecutive ids, so a table's ids are one range however many rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded(Vec<[i64; 2]>);

impl Loaded {
    /// Notes the next id created.
    pub fn push(&mut self, id: i64) {
        match self.0.last_mut() {
            Some(last) if last[1].checked_add(1) == Some(id) => last[1] = id,
            _ => self.0.push([id, id]),
        }
    }

    /// How many ids.
    pub fn count(&self) -> i64 {
        self.0.iter().map(|[a, b]| b - a + 1).sum()
    }

    fn contains(ranges: &Value, id: i64) -> bool {
        ranges.as_array().is_some_and(|rs| {
            rs.iter().any(
                |r| match (r.get(0).and_then(Value::as_i64), r.get(1).and_then(Value::as_i64)) {
                    (Some(a), Some(b)) => (a..=b).contains(&id),
                    _ => false,
                },
            )
        })
    }
}

impl serde::Serialize for Loaded {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// The ids a bulk load created, table by table.
#[derive(Debug, Clone, Default)]
pub struct Created {
    pub customers: Loaded,
    pub orders: Loaded,
    pub contacts: Loaded,
    pub feedback: Loaded,
    pub followups: Loaded,
}

/// Records a bulk load (`action` names it: `demo`) as ONE audit row whose changes list, per entity, the
/// ranges of ids it created: `{"order": [null, [[1, 979703]]], …}`.
///
/// One row per record would let every record's history be read by its id alone, but the demo's 100,000
/// customers create about 1.5 million records: writing an audit row for each added about 40% to the
/// load's CPU time and doubled the file (328 MB → 703 MB), measured on a 2-core machine. A single row
/// costs nothing, and [`history`] expands it: a record's history is the rows about it plus the load whose
/// ranges hold its id.
pub fn record_load(w: &Tx<'_>, action: &str, created: &Created) -> Result<()> {
    let mut ch = Changes::default();
    for (entity, ids) in [
        (CUSTOMER, &created.customers),
        (ORDER, &created.orders),
        (CONTACT, &created.contacts),
        (FEEDBACK, &created.feedback),
        (FOLLOWUP, &created.followups),
    ] {
        ch.set(entity, &Value::Null, ids);
    }
    record(w, Subject::Load, action, ch)
}

/// One entry of a record's history.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entry {
    pub at: String,
    pub staff: String,
    /// `create`, `edit`, `archive` …; for a record a bulk load created, the load's name (`demo`).
    pub action: String,
    /// The row was the bulk load that created the record, not a row about the record alone.
    pub load: bool,
    /// `{"field": [old, new]}`; for a load, what it created in every table.
    pub changes: Value,
}

/// The history of one record, oldest first: the audit rows about it, and the bulk load that created it.
pub fn history(conn: &Connection, subject: Subject) -> Result<Vec<Entry>> {
    let (entity, id) = subject.columns();
    let mut st = conn.prepare_cached(
        "SELECT id, at, staff, action, changes, entity = ?3 FROM audit_log \
         WHERE (entity = ?1 AND entity_id = ?2) OR (entity = ?3 AND entity_id = 0) ORDER BY id",
    )?;
    let rows = st.query_map(params![entity, id, LOAD], |r| {
        Ok((
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, bool>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, staff, action, changes, load) = row?;
        let changes: Value = serde_json::from_str(&changes).unwrap_or(Value::Null);
        // A load is part of this record's history only when it created the record.
        if load && !Loaded::contains(&changes[entity][1], id) {
            continue;
        }
        out.push(Entry {
            at,
            staff,
            action,
            load,
            changes,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_ids_are_one_range_and_a_gap_starts_another() {
        let mut l = Loaded::default();
        for id in [1, 2, 3, 7, 8] {
            l.push(id);
        }
        assert_eq!(l.count(), 5);
        let v = serde_json::to_value(&l).unwrap();
        assert_eq!(v, serde_json::json!([[1, 3], [7, 8]]));
        assert!(Loaded::contains(&v, 2) && Loaded::contains(&v, 8));
        assert!(!Loaded::contains(&v, 5) && !Loaded::contains(&v, 9));
        assert!(
            !Loaded::contains(&Value::Null, 1),
            "a load that created none of this table"
        );
    }
}
