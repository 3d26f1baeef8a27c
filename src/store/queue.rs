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

/// Due customers of one owner (or everyone), as a condition on `derived d`.
const WHERE_DUE: &str = "d.next_due <= ?1 AND d.archived = 0 AND (?2 IS NULL OR EXISTS \
    (SELECT 1 FROM customers o WHERE o.id = d.customer_id AND o.owner = ?2 COLLATE NOCASE))";

/// How many customers are due on or before `today` (for one owner, or everyone).
pub fn due_count(conn: &Connection, today: NaiveDate, owner: Option<&str>) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM derived d WHERE {WHERE_DUE}"))?
        .query_row(params![today.to_string(), owner], |r| r.get(0))?;
    Ok(n as usize)
}

/// The queue as of `today`: overdue days × tier weight, then churn risk, both descending; then id.
/// `owner` narrows it to one staff member's customers. Ranked within `derived` (a covering index), so
/// only the rows returned touch the customers table.
pub fn due(conn: &Connection, today: NaiveDate, owner: Option<&str>, limit: Option<usize>) -> Result<Vec<DueRow>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT c.id, c.name, c.company, c.owner, q.tier, q.stage, q.churn_risk, q.next_due, q.overdue, q.score \
         FROM (SELECT d.customer_id, d.tier, d.stage, d.churn_risk, d.next_due, \
                      CAST(julianday(?1) - julianday(d.next_due) AS INTEGER) AS overdue, \
                      CAST(julianday(?1) - julianday(d.next_due) AS INTEGER) * \
                          CASE d.tier WHEN 'A' THEN 3 WHEN 'B' THEN 2 ELSE 1 END AS score \
               FROM derived d WHERE {WHERE_DUE} \
               ORDER BY score DESC, d.churn_risk DESC, d.customer_id LIMIT ?3) q \
         JOIN customers c ON c.id = q.customer_id \
         ORDER BY q.score DESC, q.churn_risk DESC, q.customer_id"
    ))?;
    let args = params![today.to_string(), owner, limit.map_or(-1, |l| l as i64)];
    let rows = st.query_map(args, |r| due_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The Follow-ups tab's list: the customers `filter` keeps who are due by `today` + `ahead` days (archived
/// ones never are). Those due by today come first in the queue's order; the coming days follow, soonest
/// first, then by tier weight and churn risk.
pub fn due_within(
    conn: &Connection,
    today: NaiveDate,
    ahead: u32,
    filter: &crate::domain::filter::Filter,
) -> Result<Vec<DueRow>> {
    use rusqlite::types::Value;
    let horizon = today
        .checked_add_days(chrono::Days::new(u64::from(ahead)))
        .unwrap_or(today);
    let sql = super::filter_sql::to_sql(filter, today);
    // Every placeholder is a plain `?`, as the filter's are: the values go in the order they appear.
    let mut values = vec![Value::Text(today.to_string()), Value::Text(horizon.to_string())];
    values.extend(sql.params);
    let mut st = conn.prepare(&format!(
        "SELECT id, name, company, owner, tier, stage, churn_risk, next_due, overdue, \
                overdue * CASE tier WHEN 'A' THEN 3 WHEN 'B' THEN 2 ELSE 1 END AS score \
         FROM (SELECT c.id, c.name, c.company, c.owner, d.tier, d.stage, d.churn_risk, d.next_due, \
                      CAST(julianday(?) - julianday(d.next_due) AS INTEGER) AS overdue \
               FROM derived d JOIN customers c ON c.id = d.customer_id \
               WHERE d.next_due <= ? AND d.archived = 0 AND ({})) \
         ORDER BY overdue < 0, CASE WHEN overdue >= 0 THEN -score ELSE -overdue END, churn_risk DESC, id",
        sql.clause
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(values.iter()), |r| due_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A queue row as both queries select it: id, name, company, owner, tier, stage, churn risk, next due,
/// days overdue, score.
fn due_row(r: &rusqlite::Row<'_>, today: NaiveDate) -> rusqlite::Result<DueRow> {
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
}
