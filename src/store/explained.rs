//! Explaining customers: their stored inputs and classes, placed in the rankings, turned into reasons.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::Result;
use super::derive::{BULK, rank_rows, stored_rows};
use crate::domain::CustomerId;
use crate::domain::classify::explain::{self, Context};
use crate::domain::classify::{self, Classes, Inputs, Params, Ranked};
use crate::i18n::I18n;

/// Everything needed to explain customers: their stored rows, rankings and the population figures.
pub struct Explained {
    pub inputs: Inputs,
    pub classes: Classes,
    pub reasons: explain::Reasons,
}

/// The population figures, read from the rank index without ranking anyone.
fn population(conn: &Connection) -> Result<classify::Population> {
    let sql = format!(
        "SELECT CAST(total(CASE WHEN basis_window > 0 THEN basis_window END) AS INTEGER), coalesce(sum(basis_window > 0), 0), \
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
        "SELECT CAST(total(basis_window) AS INTEGER), count(*) FROM derived INDEXED BY derived_rank \
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

/// Turns stored inputs and classes into reasons. Built for a few customers (each placed in the ranking
/// with index lookups) or for many (everyone ranked once).
pub struct Explainer<'a> {
    words: &'a I18n,
    params: &'a Params,
    today: NaiveDate,
    currency: &'a str,
    population: classify::Population,
    /// Everyone's place, when built for many.
    ranked: Option<HashMap<i64, Ranked>>,
}

impl<'a> Explainer<'a> {
    /// For a handful of customers: only the population figures are read up front.
    pub fn for_few(
        conn: &Connection,
        words: &'a I18n,
        params: &'a Params,
        today: NaiveDate,
        currency: &'a str,
    ) -> Result<Self> {
        Ok(Explainer {
            words,
            params,
            today,
            currency,
            population: population(conn)?,
            ranked: None,
        })
    }

    /// For many customers: everyone is ranked once.
    pub fn for_many(
        conn: &Connection,
        words: &'a I18n,
        params: &'a Params,
        today: NaiveDate,
        currency: &'a str,
    ) -> Result<Self> {
        let (rows, _) = rank_rows(conn)?;
        let (ranked, population) = classify::rank(&rows, params);
        let ranked = rows.iter().zip(ranked).map(|(r, k)| (r.id, k)).collect();
        Ok(Explainer {
            words,
            params,
            today,
            currency,
            population,
            ranked: Some(ranked),
        })
    }

    /// The reasons for one customer's stored inputs and classes.
    pub fn reasons(&self, conn: &Connection, i: &Inputs, c: &Classes) -> Result<explain::Reasons> {
        let place = match &self.ranked {
            Some(all) => all.get(&i.id).copied().unwrap_or_default(),
            None => place(conn, i, c)?,
        };
        let ctx = Context {
            params: self.params,
            today: self.today,
            currency: self.currency,
            population: self.population,
            words: self.words,
        };
        Ok(explain::reasons(i, &place, c, &ctx))
    }
}

/// Rebuilds the reasons for the given customers from their stored rows.
pub fn explain_many(
    conn: &Connection,
    ids: &[CustomerId],
    words: &I18n,
    params: &Params,
    today: NaiveDate,
    currency: &str,
) -> Result<HashMap<CustomerId, Explained>> {
    let numbers: Vec<i64> = ids.iter().map(|c| c.0).collect();
    let stored = stored_rows(conn, if ids.len() > BULK { None } else { Some(&numbers) })?;
    let explainer = if ids.len() <= 16 {
        Explainer::for_few(conn, words, params, today, currency)?
    } else {
        Explainer::for_many(conn, words, params, today, currency)?
    };
    let mut out = HashMap::new();
    for &id in ids {
        let Some((i, c)) = stored.get(&id.0) else { continue };
        let reasons = explainer.reasons(conn, i, c)?;
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
