//! Counts and histories read for summaries and timelines: tiers, stages, class changes, customer keys.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::Result;
use crate::domain::CustomerId;
use crate::domain::trigger::Trigger;

/// Customers and revenue in the window for one tier (`-` for none).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TierCount {
    pub tier: String,
    pub customers: i64,
    pub revenue_window: i64,
}

/// Customers per tier, not archived.
pub fn tiers(conn: &Connection) -> Result<Vec<TierCount>> {
    let mut st = conn.prepare_cached(
        "SELECT coalesce(tier, '-'), count(*), CAST(total(revenue_window) AS INTEGER) FROM derived WHERE archived = 0 GROUP BY 1 ORDER BY 1",
    )?;
    let rows = st.query_map([], |r| {
        Ok(TierCount {
            tier: r.get(0)?,
            customers: r.get(1)?,
            revenue_window: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Customers per lifecycle stage, not archived, most first.
pub fn stages(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut st =
        conn.prepare_cached("SELECT stage, count(*) FROM derived WHERE archived = 0 GROUP BY 1 ORDER BY 2 DESC, 1")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// All customers, archived included.
pub fn customer_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)
}

/// Customers not archived: the ones the customer list shows unfiltered, and the ones the tiers and stages
/// of the report count.
pub fn listed_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM customers WHERE archived = 0", [], |r| r.get(0))?)
}

/// The headline numbers of the report: customers, tiers with their revenue, stages, the queue's size.
/// Archived customers are left out of every figure, as the customer list leaves them out.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Headline {
    pub customers: i64,
    pub tiers: Vec<TierCount>,
    pub stages: Vec<(String, i64)>,
    pub due: usize,
}

/// Counts the headline numbers as of `today`.
pub fn headline(conn: &Connection, today: chrono::NaiveDate) -> Result<Headline> {
    Ok(Headline {
        customers: listed_count(conn)?,
        tiers: tiers(conn)?,
        stages: stages(conn)?,
        due: super::queue::due_count(conn, today, None)?,
    })
}

/// One recorded change of a derived class.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ClassChange {
    pub at: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: String,
    pub trigger: String,
    pub staff: String,
    /// What caused it, as a value: the stored cause, else (a row from before causes were stored) read
    /// from its words.
    #[serde(skip)]
    pub cause: Trigger,
}

/// A customer's class changes, newest first.
pub fn class_changes(conn: &Connection, customer: CustomerId, limit: usize) -> Result<Vec<ClassChange>> {
    let mut st = conn.prepare_cached(
        "SELECT at, field, old, new, reason, trigger, staff, cause FROM tier_history WHERE customer_id = ?1 \
         ORDER BY at DESC, id DESC LIMIT ?2",
    )?;
    let rows = st.query_map(params![customer.0, limit as i64], |r| {
        let trigger: String = r.get(5)?;
        let cause = r
            .get::<_, Option<String>>(7)?
            .as_deref()
            .and_then(Trigger::from_cause)
            .unwrap_or_else(|| Trigger::from_words(&trigger));
        Ok(ClassChange {
            at: r.get(0)?,
            field: r.get(1)?,
            old: r.get(2)?,
            new: r.get(3)?,
            reason: r.get(4)?,
            trigger,
            staff: r.get(6)?,
            cause,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A customer's external id, email and phone: the keys an import finds them by.
pub type Keys = (Option<String>, Option<String>, Option<String>);

/// Every customer's keys, by id.
pub fn customer_keys(conn: &Connection) -> Result<HashMap<CustomerId, Keys>> {
    let mut st = conn.prepare("SELECT id, external_id, email, phone FROM customers")?;
    let rows = st.query_map([], |r| Ok((CustomerId(r.get(0)?), (r.get(1)?, r.get(2)?, r.get(3)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the file's schema was made: the stamp the first migration gave the built-in source channels, which
/// nothing changes afterwards (`None` in a file without them). An identity of the file that reading finds
/// without storing anything (the calendar export's UIDs).
pub fn created_at(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT min(created_at) FROM source_channels WHERE created_by = 'tiercrm'")?
        .query_row([], |r| r.get(0))?)
}
