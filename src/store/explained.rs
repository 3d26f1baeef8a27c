//! Explaining customers: their stored inputs and classes, placed in the rankings, turned into reasons.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::Result;
use super::derive::{BULK, rank_rows, read_stored};
use crate::domain::classify::explain::{self, Context};
use crate::domain::classify::{self, Classes, Inputs, Params, Ranked};

/// Everything needed to explain customers: their stored rows, rankings and the population figures.
pub struct Explained {
    pub inputs: Inputs,
    pub classes: Classes,
    pub reasons: explain::Reasons,
}

/// The population figures, read from the rank index without ranking anyone.
fn population(conn: &Connection) -> Result<classify::Population> {
    let sql = format!(
        "SELECT coalesce(sum(CASE WHEN basis_window > 0 THEN basis_window END), 0), coalesce(sum(basis_window > 0), 0), \
         coalesce(sum((rank_key >> 30) > 0), 0) FROM derived INDEXED BY derived_rank WHERE {}",
        super::rank_key::NOT_ARCHIVED
    );
    let (total, ranked, buyers): (i64, i64, i64) = conn
        .prepare_cached(&sql)?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(classify::Population {
        total,
        ranked: ranked as usize,
        buyers: buyers as usize,
    })
}

/// One customer's place in the Pareto ranking (what is held above them, their position), from the index.
fn place(conn: &Connection, i: &Inputs, c: &Classes) -> Result<Ranked> {
    let mut r = Ranked {
        tier: c.tier,
        rfm: c.rfm,
        before: 0,
        position: 0,
    };
    if i.archived || i.basis_window <= 0 {
        return Ok(r);
    }
    let sql = format!(
        "SELECT coalesce(sum(basis_window), 0), count(*) FROM derived INDEXED BY derived_rank \
         WHERE {} AND (basis_window > ?1 OR (basis_window = ?1 AND customer_id < ?2))",
        super::rank_key::NOT_ARCHIVED
    );
    let (before, above): (i64, i64) = conn
        .prepare_cached(&sql)?
        .query_row(params![i.basis_window, i.id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    r.before = before;
    r.position = above as usize + 1;
    Ok(r)
}

/// Rebuilds the reasons for the given customers from the stored rows: a few customers are placed with
/// index lookups, many with one ranking pass.
pub fn explain_many(
    conn: &Connection,
    ids: &[i64],
    params: &Params,
    today: NaiveDate,
    currency: &str,
) -> Result<HashMap<i64, Explained>> {
    let stored = read_stored(conn, if ids.len() > BULK { None } else { Some(ids) })?;
    let mut out = HashMap::new();
    if ids.len() <= 16 {
        let ctx = Context {
            params,
            today,
            currency,
            population: population(conn)?,
        };
        for &id in ids {
            let Some((i, c)) = stored.get(&id) else { continue };
            let reasons = explain::reasons(i, &place(conn, i, c)?, c, &ctx);
            out.insert(
                id,
                Explained {
                    inputs: i.clone(),
                    classes: c.clone(),
                    reasons,
                },
            );
        }
        return Ok(out);
    }
    let (rows, _) = rank_rows(conn)?;
    let (ranked, population) = classify::rank(&rows, params);
    let ctx = Context {
        params,
        today,
        currency,
        population,
    };
    let index: HashMap<i64, usize> = rows.iter().enumerate().map(|(k, r)| (r.id, k)).collect();
    for &id in ids {
        let (Some((i, c)), Some(&k)) = (stored.get(&id), index.get(&id)) else {
            continue;
        };
        let reasons = explain::reasons(i, &ranked[k], c, &ctx);
        out.insert(
            id,
            Explained {
                inputs: i.clone(),
                classes: c.clone(),
                reasons,
            },
        );
    }
    Ok(out)
}
