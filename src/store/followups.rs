//! Explicit follow-ups: add, mark done, snooze, list.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::{self, Changes};
use super::{Result, StoreError, Tx, by_customer};
use crate::domain::dates::parse_ymd;
use crate::domain::followup::Followup;
use crate::domain::{CustomerId, FollowupState, Invalid};

const COLS: &str = "id, customer_id, due, note, state, created_at, created_by";

fn read(r: &Row<'_>) -> rusqlite::Result<Followup> {
    Ok(Followup {
        id: r.get(0)?,
        customer_id: CustomerId(r.get(1)?),
        due: r.get_ref(2)?.as_str().ok().and_then(parse_ymd).unwrap_or_default(),
        note: r.get(3)?,
        state: r.get::<_, String>(4)?.parse().unwrap_or(FollowupState::Open),
        created_at: r.get(5)?,
        created_by: r.get(6)?,
    })
}

/// Loads one follow-up.
pub fn get(conn: &Connection, id: i64) -> Result<Followup> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM followups WHERE id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "follow-up",
            id: id.to_string(),
        })
}

/// Opens a follow-up for a customer on a date.
pub fn add(w: &mut Tx<'_>, customer: CustomerId, due: NaiveDate, note: Option<String>) -> Result<Followup> {
    super::orders::require_active(&w.tx, customer)?;
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    w.tx.prepare_cached(
        "INSERT INTO followups (customer_id, due, note, state, created_at, created_by, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, 'open', ?4, ?5, ?4, ?5)",
    )?
    .execute(params![customer.0, due.to_string(), note, w.now, w.user])?;
    let id = w.tx.last_insert_rowid();
    let mut ch = Changes::default();
    ch.set("customer_id", &None::<i64>, &customer.0);
    ch.set("due", &None::<String>, &due.to_string());
    ch.set("note", &None::<String>, &note);
    audit::record(w, "followup", id, "create", ch)?;
    w.touch(customer.0);
    get(&w.tx, id)
}

fn change(w: &mut Tx<'_>, id: i64, state: FollowupState, due: Option<NaiveDate>, action: &str) -> Result<Followup> {
    let old = get(&w.tx, id)?;
    if !old.state.is_pending() {
        return Err(Invalid::new("follow-up", format!("{id} is already {}", old.state)).into());
    }
    let new_due = due.unwrap_or(old.due);
    w.tx.prepare_cached("UPDATE followups SET state = ?2, due = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1")?
        .execute(params![id, state.as_str(), new_due.to_string(), w.now, w.user])?;
    let mut ch = Changes::default();
    ch.diff("state", &old.state, &state);
    ch.diff("due", &old.due.to_string(), &new_due.to_string());
    audit::record(w, "followup", id, action, ch)?;
    w.touch(old.customer_id.0);
    get(&w.tx, id)
}

/// Marks a follow-up done.
pub fn done(w: &mut Tx<'_>, id: i64) -> Result<Followup> {
    change(w, id, FollowupState::Done, None, "done")
}

/// Moves a follow-up to a later date.
pub fn snooze(w: &mut Tx<'_>, id: i64, until: NaiveDate) -> Result<Followup> {
    if until <= w.today {
        return Err(Invalid::new("until", format!("{until} is not after today ({})", w.today)).into());
    }
    change(w, id, FollowupState::Snoozed, Some(until), "snooze")
}

/// Closes a customer's pending follow-ups due on or before `date` (a contact satisfies them).
pub fn close_satisfied(w: &mut Tx<'_>, customer: CustomerId, date: NaiveDate) -> Result<Vec<i64>> {
    let ids: Vec<i64> = w
        .tx
        .prepare_cached(
            "SELECT id FROM followups WHERE customer_id = ?1 AND state IN ('open', 'snoozed') AND due <= ?2 ORDER BY id",
        )?
        .query_map(params![customer.0, date.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        change(w, *id, FollowupState::Done, None, "done")?;
    }
    Ok(ids)
}

/// Follow-ups ordered by due date; `pending_only` hides done ones.
pub fn list(
    conn: &Connection,
    customer: Option<CustomerId>,
    pending_only: bool,
    limit: Option<usize>,
) -> Result<Vec<Followup>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM followups WHERE {} \
         AND (?2 = 0 OR state IN ('open', 'snoozed')) ORDER BY due, id LIMIT ?3",
        by_customer(customer)
    ))?;
    let rows = st.query_map(
        params![
            customer.map(|c| c.0),
            pending_only as i64,
            limit.map_or(-1, |l| l as i64)
        ],
        read,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
