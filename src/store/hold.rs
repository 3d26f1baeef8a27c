//! A customer's snooze and last review: the two things besides contacts and follow-ups that move when a
//! customer is next due (see `domain::classify::cadence::next_due_held`). Each change is audited on the
//! customer and re-derives it.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{self, Changes, Subject};
use super::{Result, StoreError, Tx};
use crate::domain::CustomerId;
use crate::domain::dates::parse_ymd;

/// What holds a customer's next due date back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Hold {
    pub snoozed_until: Option<NaiveDate>,
    pub reviewed_on: Option<NaiveDate>,
}

/// The customer's hold.
pub fn get(conn: &Connection, id: CustomerId) -> Result<Hold> {
    conn.prepare_cached("SELECT snoozed_until, reviewed_on FROM customers WHERE id = ?1")?
        .query_row([id.0], |r| {
            let day = |k: usize| r.get::<_, Option<String>>(k).map(|d| d.as_deref().and_then(parse_ymd));
            Ok(Hold {
                snoozed_until: day(0)?,
                reviewed_on: day(1)?,
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "customer",
            id: id.to_string(),
        })
}

/// Sets the hold to `new`, audited as `action` with the fields that changed; nothing when nothing does.
fn set(w: &mut Tx<'_>, id: CustomerId, new: Hold, action: &str) -> Result<Hold> {
    let old = get(&w.tx, id)?;
    if old == new {
        return Ok(old);
    }
    let d = |v: Option<NaiveDate>| v.map(|d| d.to_string());
    w.tx.prepare_cached("UPDATE customers SET snoozed_until = ?2, reviewed_on = ?3 WHERE id = ?1")?
        .execute(params![id.0, d(new.snoozed_until), d(new.reviewed_on)])?;
    let mut ch = Changes::default();
    ch.diff("snoozed_until", &d(old.snoozed_until), &d(new.snoozed_until));
    ch.diff("reviewed_on", &d(old.reviewed_on), &d(new.reviewed_on));
    audit::record(w, Subject::Customer(id), action, ch)?;
    w.touch(id);
    Ok(new)
}

/// Snoozes the customer until `until` (the caller has checked the day).
/// Every customer's snooze day, read at once for a reader that walks many records (the calendar).
pub fn snoozes(conn: &Connection) -> Result<std::collections::HashMap<CustomerId, NaiveDate>> {
    let mut st = conn.prepare("SELECT id, snoozed_until FROM customers WHERE snoozed_until IS NOT NULL")?;
    let rows = st.query_map([], |r| Ok((CustomerId(r.get(0)?), r.get::<_, String>(1)?)))?;
    let mut out = std::collections::HashMap::new();
    for row in rows {
        let (id, day) = row?;
        if let Some(day) = parse_ymd(&day) {
            out.insert(id, day);
        }
    }
    Ok(out)
}

pub fn snooze(w: &mut Tx<'_>, id: CustomerId, until: NaiveDate) -> Result<Hold> {
    let old = get(&w.tx, id)?;
    let new = Hold {
        snoozed_until: Some(until),
        ..old
    };
    set(w, id, new, "snooze")
}

/// Records a review today: the cadence counts from today, and a snooze ends.
pub fn review(w: &mut Tx<'_>, id: CustomerId) -> Result<Hold> {
    let new = Hold {
        snoozed_until: None,
        reviewed_on: Some(w.today),
    };
    set(w, id, new, "review")
}

/// Ends a snooze (a contact was logged: the customer was reached, and the cadence counts from it).
pub fn wake(w: &mut Tx<'_>, id: CustomerId) -> Result<Hold> {
    let old = get(&w.tx, id)?;
    let new = Hold {
        snoozed_until: None,
        ..old
    };
    set(w, id, new, "wake")
}

/// The customer's inputs as last derived and their cadence in days, refusing an archived customer (who is
/// never due) by name. Read inside a write, so that what the operation decides on is what it changes;
/// `None` only for a customer not derived yet.
pub fn standing(w: &Tx<'_>, id: CustomerId) -> Result<Option<(crate::domain::classify::Inputs, i64)>> {
    super::orders::require_active(&w.tx, id)?;
    let mut rows = super::derive::read_stored(&w.tx, &[id])?;
    Ok(rows.remove(&id).and_then(|(i, c)| c.cadence_days.map(|days| (i, days))))
}
