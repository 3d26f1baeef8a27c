//! Gathering a customer's classification inputs from the records: orders, contacts, complaints,
//! satisfaction and follow-ups, each counted only up to the end of `today`.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, Row, params};

use super::Result;
use crate::domain::Priority;
use crate::domain::classify::{Inputs, OrderFact, Params};
use crate::domain::dates::parse_ymd;

/// Orders on or before today have a date below tomorrow's.
fn tomorrow(today: NaiveDate) -> String {
    (today + Duration::days(1)).to_string()
}

/// Timed records on or before today were stamped before local tomorrow began (in UTC).
fn tomorrow_utc(today: NaiveDate) -> String {
    super::clock::day_start_utc(today + Duration::days(1))
}

/// A date column, or nothing when it is empty or not a date.
pub(super) fn date_col(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(row.get_ref(i)?.as_str_or_null()?.and_then(parse_ymd))
}

/// A customer's own row; the creation date is local and never after today (a record made while
/// classifying as of an earlier date).
fn base_inputs(row: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Inputs> {
    let id: i64 = row.get(0)?;
    let created = row
        .get_ref(2)?
        .as_str_or_null()?
        .and_then(super::clock::local_date)
        .unwrap_or(today)
        .min(today);
    let mut i = Inputs::new(id, created);
    i.archived = row.get::<_, i64>(1)? != 0;
    i.stage_pin = row.get_ref(3)?.as_str_or_null()?.and_then(|s| s.parse().ok());
    i.snoozed_until = date_col(row, 4)?;
    i.reviewed_on = date_col(row, 5)?;
    Ok(i)
}

fn priority_slot(urgency_times_importance: i64) -> usize {
    let u = urgency_times_importance.clamp(0, 9) as u8;
    // from_scores multiplies; feed the product as urgency × 1.
    Priority::from_scores(u, 1).index()
}

/// Gathers inputs for every customer, ordered by id.
pub fn gather_all(conn: &Connection, params: &Params, today: NaiveDate) -> Result<Vec<Inputs>> {
    let end = tomorrow(today);
    let mut out: Vec<Inputs> = Vec::new();
    {
        let mut st = conn.prepare(
            "SELECT id, archived, created_at, stage_pin, snoozed_until, reviewed_on FROM customers ORDER BY id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            out.push(base_inputs(r, today)?);
        }
    }
    let index: HashMap<i64, usize> = out.iter().enumerate().map(|(k, i)| (i.id, k)).collect();
    {
        let sql = format!(
            "SELECT customer_id, date, amount, cost FROM {} ORDER BY customer_id, date",
            super::orders::NET
        );
        let mut st = conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::named_params! {":end": end})?;
        let mut buf: Vec<OrderFact> = Vec::new();
        let mut current: Option<i64> = None;
        let flush = |cid: Option<i64>, buf: &mut Vec<OrderFact>, out: &mut Vec<Inputs>| {
            if let Some(k) = cid.and_then(|c| index.get(&c)) {
                out[*k].set_orders(buf, params, today);
            }
            buf.clear();
        };
        while let Some(r) = rows.next()? {
            let cid: i64 = r.get(0)?;
            if current != Some(cid) {
                flush(current, &mut buf, &mut out);
                current = Some(cid);
            }
            if let Some(date) = date_col(r, 1)? {
                buf.push(OrderFact {
                    date,
                    amount: r.get(2)?,
                    cost: r.get(3)?,
                });
            }
        }
        flush(current, &mut buf, &mut out);
    }
    let end_utc = tomorrow_utc(today);
    let mut each = |sql: &str, f: &mut dyn FnMut(&mut Inputs, &Row<'_>) -> rusqlite::Result<()>| -> Result<()> {
        let mut st = conn.prepare(sql)?;
        let mut rows = st.query([&end_utc])?;
        while let Some(r) = rows.next()? {
            let cid: i64 = r.get(0)?;
            if let Some(k) = index.get(&cid) {
                f(&mut out[*k], r)?;
            }
        }
        Ok(())
    };
    each(CONTACTS_ALL, &mut |i, r| contacts_row(i, r, 1))?;
    each(COMPLAINTS_ALL, &mut |i, r| complaints_row(i, r, 1))?;
    each(SATISFACTION_ALL, &mut |i, r| satisfaction_row(i, r, 1))?;
    each(FOLLOWUPS_ALL, &mut |i, r| followups_row(i, r, 1))?;
    Ok(out)
}

const CONTACTS_ALL: &str = "SELECT customer_id, count(*), max(at) FROM contacts WHERE at < ?1 GROUP BY customer_id";
const COMPLAINTS_ALL: &str = "SELECT customer_id, urgency * importance, count(*) FROM feedback \
     WHERE kind = 'complaint' AND status IN ('new', 'investigating', 'reopened') AND received_at < ?1 \
     GROUP BY customer_id, urgency * importance";
const SATISFACTION_ALL: &str = "SELECT customer_id, satisfaction, max(resolved_at) FROM feedback \
     WHERE satisfaction IS NOT NULL AND resolved_at < ?1 GROUP BY customer_id";
const FOLLOWUPS_ALL: &str = "SELECT customer_id, min(due) FROM followups \
     WHERE state IN ('open', 'snoozed') AND ?1 IS NOT NULL GROUP BY customer_id";

fn contacts_row(i: &mut Inputs, r: &Row<'_>, at: usize) -> rusqlite::Result<()> {
    i.contacts_total = r.get::<_, i64>(at)? as u32;
    i.last_contact = r.get_ref(at + 1)?.as_str_or_null()?.and_then(super::clock::local_date);
    Ok(())
}

fn complaints_row(i: &mut Inputs, r: &Row<'_>, at: usize) -> rusqlite::Result<()> {
    let slot = priority_slot(r.get(at)?);
    i.open_complaints[slot] += r.get::<_, i64>(at + 1)? as u32;
    Ok(())
}

fn satisfaction_row(i: &mut Inputs, r: &Row<'_>, at: usize) -> rusqlite::Result<()> {
    i.last_satisfaction = r.get::<_, Option<i64>>(at)?.map(|v| v as u8);
    Ok(())
}

fn followups_row(i: &mut Inputs, r: &Row<'_>, at: usize) -> rusqlite::Result<()> {
    i.followup_due = date_col(r, at)?;
    Ok(())
}

/// Gathers inputs for one customer; `None` when there is no such customer. The id is the engine's
/// number for the customer ([`Inputs::id`]), as everywhere inside re-derivation.
pub(crate) fn gather_one(conn: &Connection, id: i64, params: &Params, today: NaiveDate) -> Result<Option<Inputs>> {
    use rusqlite::OptionalExtension;
    let end = tomorrow(today);
    let Some(mut i) = conn
        .prepare_cached(
            "SELECT id, archived, created_at, stage_pin, snoozed_until, reviewed_on FROM customers WHERE id = ?1",
        )?
        .query_row([id], |r| base_inputs(r, today))
        .optional()?
    else {
        return Ok(None);
    };
    let orders: Vec<OrderFact> = conn
        .prepare_cached(&format!(
            "SELECT date, amount, cost FROM {} WHERE customer_id = :id ORDER BY date",
            super::orders::NET
        ))?
        .query_map(rusqlite::named_params! {":id": id, ":end": end}, |r| {
            Ok((date_col(r, 0)?, r.get(1)?, r.get(2)?))
        })?
        .filter_map(|r| match r {
            Ok((Some(date), amount, cost)) => Some(Ok(OrderFact { date, amount, cost })),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<_>>()?;
    i.set_orders(&orders, params, today);
    let end_utc = tomorrow_utc(today);
    let one = |sql: &str| sql.replace("GROUP BY customer_id", "AND customer_id = ?2 GROUP BY customer_id");
    let each = |sql: &str, i: &mut Inputs, f: fn(&mut Inputs, &Row<'_>, usize) -> rusqlite::Result<()>| -> Result<()> {
        let mut st = conn.prepare_cached(&one(sql))?;
        let mut rows = st.query(params![end_utc, id])?;
        while let Some(r) = rows.next()? {
            f(i, r, 1)?;
        }
        Ok(())
    };
    each(CONTACTS_ALL, &mut i, contacts_row)?;
    each(COMPLAINTS_ALL, &mut i, complaints_row)?;
    each(SATISFACTION_ALL, &mut i, satisfaction_row)?;
    each(FOLLOWUPS_ALL, &mut i, followups_row)?;
    Ok(Some(i))
}
