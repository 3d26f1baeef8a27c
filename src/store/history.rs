//! Writing the history of class changes: one row per tracked class that moved, with its reason and
//! what caused it.

use rusqlite::params;

use super::{Result, Tx};
use crate::domain::classify::explain::{self, Context};
use crate::domain::classify::{self, Classes, Inputs, Ranked};

/// Writes the history rows for every tracked class that changed.
pub(super) fn record_history(
    w: &Tx<'_>,
    i: &Inputs,
    r: &Ranked,
    old: &Classes,
    new: &Classes,
    ctx: &Context<'_>,
    trigger: &str,
) -> Result<usize> {
    if !w.record {
        return Ok(0);
    }
    let before = classify::tracked(old);
    let after = classify::tracked(new);
    let mut n = 0;
    let mut reasons = None;
    for ((field, o), (_, v)) in before.iter().zip(after.iter()) {
        if o == v {
            continue;
        }
        let rs = reasons.get_or_insert_with(|| explain::reasons(i, r, new, ctx));
        let reason = match *field {
            "tier" => &rs.tier,
            "behavior" => &rs.behavior,
            "stage" => &rs.stage,
            "rfm" | "segment" => &rs.rfm,
            _ => &rs.churn_risk,
        };
        w.tx.prepare_cached(
            "INSERT INTO tier_history (customer_id, at, field, old, new, reason, trigger, staff) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![i.id, w.now, field, o, v, reason, trigger, w.user])?;
        n += 1;
    }
    Ok(n)
}

pub(super) fn context<'a>(w: &'a Tx<'_>, population: classify::Population) -> Context<'a> {
    // History rows are written in English, whatever language the person who triggered them reads.
    Context {
        params: w.params,
        today: w.today,
        currency: w.currency,
        population,
        words: crate::i18n::english(),
    }
}
