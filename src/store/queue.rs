//! The follow-up queue: every customer due on or before today, most pressing first.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::Result;
use crate::domain::{Stage, Tier};

/// One customer in the queue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DueRow {
    pub id: i64,
    pub name: String,
    pub company: Option<String>,
    pub owner: Option<String>,
    pub tier: Option<Tier>,
    pub stage: Stage,
    pub churn_risk: u8,
    pub next_due: NaiveDate,
    pub overdue_days: i64,
    /// Overdue days × tier weight: the first sort key.
    pub score: i64,
}

/// The queue as of `today`: overdue days × tier weight, then churn risk, both descending; then id.
/// `owner` narrows it to one staff member's customers.
pub fn due(conn: &Connection, today: NaiveDate, owner: Option<&str>, limit: Option<usize>) -> Result<Vec<DueRow>> {
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.name, c.company, c.owner, d.tier, d.stage, d.churn_risk, d.next_due, \
                CAST(julianday(?1) - julianday(d.next_due) AS INTEGER) AS overdue, \
                CAST(julianday(?1) - julianday(d.next_due) AS INTEGER) * \
                    CASE d.tier WHEN 'A' THEN 3 WHEN 'B' THEN 2 ELSE 1 END AS score \
         FROM derived d JOIN customers c ON c.id = d.customer_id \
         WHERE d.next_due <= ?1 AND c.archived = 0 AND (?2 IS NULL OR c.owner = ?2 COLLATE NOCASE) \
         ORDER BY score DESC, d.churn_risk DESC, c.id LIMIT ?3",
    )?;
    let rows = st.query_map(params![today.to_string(), owner, limit.map_or(-1, |l| l as i64)], |r| {
        Ok(DueRow {
            id: r.get(0)?,
            name: r.get(1)?,
            company: r.get(2)?,
            owner: r.get(3)?,
            tier: r.get::<_, Option<String>>(4)?.and_then(|t| t.parse().ok()),
            stage: r.get::<_, String>(5)?.parse().unwrap_or(Stage::Potential),
            churn_risk: r.get::<_, i64>(6)? as u8,
            next_due: r
                .get_ref(7)?
                .as_str()
                .ok()
                .and_then(crate::domain::dates::parse_ymd)
                .unwrap_or(today),
            overdue_days: r.get(8)?,
            score: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
