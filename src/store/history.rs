//! Writing the history of class changes: one row per tracked class that moved, with its reason and
//! what caused it.

use rusqlite::params;

use super::{Result, Tx};
use crate::domain::classify::explain::{self, Context};
use crate::domain::classify::{self, Classes, Inputs, Ranked};
use crate::domain::trigger::Trigger;

/// Writes the history rows for every tracked class that changed.
pub(super) fn record_history(
    w: &Tx<'_>,
    i: &Inputs,
    r: &Ranked,
    old: &Classes,
    new: &Classes,
    ctx: &Context<'_>,
    trigger: &Trigger,
) -> Result<usize> {
    if !w.record {
        return Ok(0);
    }
    let before = classify::tracked(old);
    let after = classify::tracked(new);
    let mut n = 0;
    let mut reasons = None;
    // The English words for `--json` and older readers; the stable form for everyone who words it anew.
    let mut said = None;
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
        let (words, cause) = &*said.get_or_insert_with(|| (trigger.english(), trigger.to_cause()));
        w.tx.prepare_cached(
            "INSERT INTO tier_history (customer_id, at, field, old, new, reason, trigger, staff, cause) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![i.id, w.now, field, o, v, reason, words, w.user, cause])?;
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
