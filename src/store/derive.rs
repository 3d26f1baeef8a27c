//! Re-deriving classes: gather each customer's inputs from the records (`gather.rs`), rank everyone, store
//! what changed and write a history row for every class that moved (`history.rs`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::gather::{date_col, gather_one};
use super::history::{context, record_history};
use super::{Result, Tx, meta_get, meta_set};
use crate::domain::classify::{self, Classes, Inputs, Params, RankRow, Rfm};
use crate::domain::dates::parse_ymd;
use crate::domain::trigger::Trigger;
use crate::domain::{Behavior, CustomerId, Segment, Stage, Tier};

pub use super::gather::gather_all;

/// Above this many touched customers a write re-derives everyone in one pass instead of one by one.
pub(crate) const BULK: usize = 2_000;

/// What a derivation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Summary {
    pub customers: usize,
    pub rows_written: usize,
    pub history_rows: usize,
}

/// True when the stored classes were derived on another day or under other parameters.
pub fn is_stale(conn: &Connection, today: NaiveDate, params: &Params) -> Result<bool> {
    Ok(classified_on(conn)? != Some(today) || meta_get(conn, "params")?.as_deref() != Some(&params.fingerprint()))
}

/// The day the stored classes were derived as of, if they ever were.
pub fn classified_on(conn: &Connection) -> Result<Option<NaiveDate>> {
    Ok(meta_get(conn, "classified_on")?.as_deref().and_then(parse_ymd))
}

/// The columns of `derived` in the order [`read_row`] and [`write_row`] use.
const COLUMNS: &str = "customer_id, archived, created_on, stage_pin, orders_total, orders_window, first_order, \
    last_order, basis_window, revenue_window, basis_all, median_gap, spend_first_half, spend_second_half, \
    contacts_total, last_contact, open_p1, open_p2, open_p3, open_p4, last_satisfaction, followup_due, tier, \
    behavior, stage, rfm, segment, clv_hist, clv_proj, churn_risk, churn_flag, cadence_days, next_due, rank_key, \
    snoozed_until, reviewed_on";

/// The column list for SELECTs, so other modules can read derived rows.
pub fn columns() -> &'static str {
    COLUMNS
}

fn parse_col<T: std::str::FromStr>(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<T>> {
    Ok(row.get_ref(i)?.as_str_or_null()?.and_then(|s| s.parse().ok()))
}

/// Reads a stored derived row, starting at column `at`, back into inputs and classes.
pub fn read_row(row: &Row<'_>, at: usize) -> rusqlite::Result<(Inputs, Classes)> {
    let c = |k: usize| at + k;
    let int = |k: usize| row.get::<_, i64>(at + k);
    let mut i = Inputs::new(int(0)?, date_col(row, c(2))?.unwrap_or_default());
    i.archived = int(1)? != 0;
    i.stage_pin = parse_col::<Stage>(row, c(3))?;
    i.orders_total = int(4)? as u32;
    i.orders_window = int(5)? as u32;
    i.first_order = date_col(row, c(6))?;
    i.last_order = date_col(row, c(7))?;
    i.basis_window = int(8)?;
    i.revenue_window = int(9)?;
    i.basis_all = int(10)?;
    i.median_gap = row.get(c(11))?;
    i.spend_first_half = int(12)?;
    i.spend_second_half = int(13)?;
    i.contacts_total = int(14)? as u32;
    i.last_contact = date_col(row, c(15))?;
    i.open_complaints = [int(16)? as u32, int(17)? as u32, int(18)? as u32, int(19)? as u32];
    i.last_satisfaction = row.get::<_, Option<i64>>(c(20))?.map(|v| v as u8);
    i.followup_due = date_col(row, c(21))?;
    let classes = Classes {
        tier: parse_col::<Tier>(row, c(22))?,
        behavior: parse_col::<Behavior>(row, c(23))?.unwrap_or(Behavior::Inactive),
        stage: parse_col::<Stage>(row, c(24))?.unwrap_or(Stage::Potential),
        rfm: parse_col::<Rfm>(row, c(25))?,
        segment: parse_col::<Segment>(row, c(26))?,
        clv_hist: int(27)?,
        clv_proj: int(28)?,
        churn_risk: int(29)? as u8,
        churn_flag: int(30)? != 0,
        cadence_days: row.get(c(31))?,
        next_due: date_col(row, c(32))?,
    };
    i.snoozed_until = date_col(row, c(34))?;
    i.reviewed_on = date_col(row, c(35))?;
    Ok((i, classes))
}

fn write_row(conn: &Connection, i: &Inputs, c: &Classes) -> Result<()> {
    let d = |v: Option<NaiveDate>| v.map(|d| d.to_string());
    let mut st = conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO derived ({COLUMNS}) VALUES \
         (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, \
          ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36)"
    ))?;
    st.execute(params![
        i.id,
        i.archived as i64,
        i.created_on.to_string(),
        i.stage_pin.map(|s| s.as_str()),
        i.orders_total,
        i.orders_window,
        d(i.first_order),
        d(i.last_order),
        i.basis_window,
        i.revenue_window,
        i.basis_all,
        i.median_gap,
        i.spend_first_half,
        i.spend_second_half,
        i.contacts_total,
        d(i.last_contact),
        i.open_complaints[0],
        i.open_complaints[1],
        i.open_complaints[2],
        i.open_complaints[3],
        i.last_satisfaction,
        d(i.followup_due),
        c.tier.map(|t| t.as_str()),
        c.behavior.as_str(),
        c.stage.as_str(),
        c.rfm.map(|r| r.to_string()),
        c.segment.map(|s| s.as_str()),
        c.clv_hist,
        c.clv_proj,
        c.churn_risk,
        c.churn_flag as i64,
        c.cadence_days,
        d(c.next_due),
        super::rank_key::pack(i, c),
        d(i.snoozed_until),
        d(i.reviewed_on),
    ])?;
    Ok(())
}

/// Stored rows for the given customers, keyed by id.
pub fn read_stored(conn: &Connection, ids: &[CustomerId]) -> Result<HashMap<CustomerId, (Inputs, Classes)>> {
    let ids: Vec<i64> = ids.iter().map(|c| c.0).collect();
    Ok(stored_rows(conn, Some(&ids))?
        .into_iter()
        .map(|(id, row)| (CustomerId(id), row))
        .collect())
}

/// Stored rows for the given customers (or all), keyed by the engine's number ([`Inputs::id`]).
pub(crate) fn stored_rows(conn: &Connection, ids: Option<&[i64]>) -> Result<HashMap<i64, (Inputs, Classes)>> {
    let mut out = HashMap::new();
    match ids {
        None => {
            let mut st = conn.prepare(&format!("SELECT {COLUMNS} FROM derived"))?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let (i, c) = read_row(r, 0)?;
                out.insert(i.id, (i, c));
            }
        }
        Some(ids) => {
            let mut st = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM derived WHERE customer_id = ?1"))?;
            for id in ids {
                let mut rows = st.query([id])?;
                if let Some(r) = rows.next()? {
                    let (i, c) = read_row(r, 0)?;
                    out.insert(i.id, (i, c));
                }
            }
        }
    }
    Ok(out)
}

/// Every customer's ranking inputs and stored relative classes, ordered by id.
/// A customer's stored relative classes.
pub type Relative = (Option<Tier>, Option<Rfm>);

/// Every customer's ranking inputs and stored relative classes, in Pareto order (basis descending, id).
pub fn rank_rows(conn: &Connection) -> Result<(Vec<RankRow>, Vec<Relative>)> {
    let mut st = conn.prepare_cached(
        "SELECT customer_id, basis_window, rank_key FROM derived ORDER BY basis_window DESC, customer_id",
    )?;
    let mut rows = st.query([])?;
    let mut out = Vec::new();
    let mut old = Vec::new();
    while let Some(r) = rows.next()? {
        let (row, rel) = super::rank_key::unpack(r.get(0)?, r.get(1)?, r.get(2)?);
        out.push(row);
        old.push(rel);
    }
    Ok((out, old))
}

/// Re-derives the touched customers (`affected`, sorted by id), re-ranks everyone, and stores every change
/// with its history. Ids are the engine's numbers ([`Inputs::id`]) for the customers [`Tx::touch`]ed.
pub(crate) fn refresh(w: &Tx<'_>, affected: &[i64], trigger: &Trigger) -> Result<Summary> {
    if affected.is_empty() {
        return Ok(Summary::default());
    }
    if affected.len() > BULK {
        return derive_everything(w, trigger);
    }
    let conn: &Connection = &w.tx;
    let mut fresh: HashMap<i64, Inputs> = HashMap::new();
    for &id in affected {
        if let Some(i) = gather_one(conn, id, w.params, w.today)? {
            fresh.insert(id, i);
        }
    }
    let stored = stored_rows(conn, Some(affected))?;
    let (mut rows, mut old_rel) = rank_rows(conn)?;
    // Take the touched customers out and put them back where their new basis ranks them, so the rows stay
    // in ranking order and every sort in the ranking sees presorted input.
    debug_assert!(affected.windows(2).all(|w| w[0] < w[1]), "affected must be sorted");
    let keep: Vec<bool> = rows.iter().map(|r| affected.binary_search(&r.id).is_err()).collect();
    let (mut a, mut b) = (keep.iter(), keep.iter());
    rows.retain(|_| *a.next().unwrap_or(&true));
    old_rel.retain(|_| *b.next().unwrap_or(&true));
    let ranks_before = |x: &RankRow, y: &RankRow| (x.basis_window, -x.id) > (y.basis_window, -y.id);
    for i in fresh.values() {
        let row = RankRow::from(i);
        let old = stored.get(&i.id).map_or((None, None), |(_, c)| (c.tier, c.rfm));
        if fresh.len() <= 16 {
            let at = rows.partition_point(|r| ranks_before(r, &row));
            rows.insert(at, row);
            old_rel.insert(at, old);
        } else {
            rows.push(row);
            old_rel.push(old);
        }
    }
    if fresh.len() > 16 {
        let mut both: Vec<(RankRow, Relative)> = rows.into_iter().zip(old_rel).collect();
        both.sort_by(|x, y| y.0.basis_window.cmp(&x.0.basis_window).then(x.0.id.cmp(&y.0.id)));
        (rows, old_rel) = both.into_iter().unzip();
    }
    let (ranked, population) = classify::rank(&rows, w.params);
    let ctx = context(w, population);
    let mut summary = Summary {
        customers: rows.len(),
        ..Summary::default()
    };
    let moved: Vec<usize> = (0..rows.len())
        .filter(|&k| affected.binary_search(&rows[k].id).is_err())
        .filter(|&k| (ranked[k].tier, ranked[k].rfm) != old_rel[k])
        .collect();
    let moved_ids: Vec<i64> = moved.iter().map(|&k| rows[k].id).collect();
    let mut others = stored_rows(conn, Some(&moved_ids))?;
    let rerank_trigger = Trigger::Rerank(Box::new(trigger.clone()));
    for &k in &moved {
        let Some((i, old)) = others.remove(&rows[k].id) else {
            continue;
        };
        let new = classify::finish(&i, &ranked[k], w.params, w.today);
        if new != old {
            write_row(conn, &i, &new)?;
            summary.rows_written += 1;
            summary.history_rows += record_history(w, &i, &ranked[k], &old, &new, &ctx, &rerank_trigger)?;
        }
    }
    let position: HashMap<i64, usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| affected.binary_search(&r.id).is_ok())
        .map(|(k, r)| (r.id, k))
        .collect();
    for (id, i) in &fresh {
        let k = position[id];
        let new = classify::finish(i, &ranked[k], w.params, w.today);
        match stored.get(id) {
            Some((old_i, old)) if old_i == i && *old == new => {}
            Some((_, old)) => {
                write_row(conn, i, &new)?;
                summary.rows_written += 1;
                summary.history_rows += record_history(w, i, &ranked[k], old, &new, &ctx, trigger)?;
            }
            None => {
                write_row(conn, i, &new)?;
                summary.rows_written += 1;
            }
        }
    }
    Ok(summary)
}

/// Re-derives every customer from the records: the reference every incremental write must agree with.
pub fn derive_everything(w: &Tx<'_>, trigger: &Trigger) -> Result<Summary> {
    let conn: &Connection = &w.tx;
    let inputs = gather_all(conn, w.params, w.today)?;
    let rows: Vec<RankRow> = inputs.iter().map(RankRow::from).collect();
    let (ranked, population) = classify::rank(&rows, w.params);
    let ctx = context(w, population);
    let mut stored = stored_rows(conn, None)?;
    let mut summary = Summary {
        customers: inputs.len(),
        ..Summary::default()
    };
    let existing: HashSet<i64> = inputs.iter().map(|i| i.id).collect();
    for (i, r) in inputs.iter().zip(&ranked) {
        let new = classify::finish(i, r, w.params, w.today);
        match stored.remove(&i.id) {
            Some((old_i, old)) if old_i == *i && old == new => {}
            Some((_, old)) => {
                write_row(conn, i, &new)?;
                summary.rows_written += 1;
                summary.history_rows += record_history(w, i, r, &old, &new, &ctx, trigger)?;
            }
            None => {
                write_row(conn, i, &new)?;
                summary.rows_written += 1;
            }
        }
    }
    for id in stored.keys().filter(|id| !existing.contains(id)) {
        conn.execute("DELETE FROM derived WHERE customer_id = ?1", [id])?;
    }
    if w.record {
        meta_set(conn, "classified_on", &w.today.to_string())?;
        meta_set(conn, "params", &w.params.fingerprint())?;
    }
    Ok(summary)
}
