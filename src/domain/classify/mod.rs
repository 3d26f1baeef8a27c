//! The classification engine: per-customer inputs → value tier, behavior, stage, RFM, CLV, churn risk, next due.
//!
//! Two halves: [`Inputs`] are facts about one customer's own records as of today; [`rank`] compares every
//! customer (Pareto tiers and RFM quintiles are relative); [`finish`] combines both into [`Classes`].

pub mod behavior;
pub mod cadence;
pub mod churn;
pub mod clv;
pub mod explain;
pub mod inputs;
pub mod lifecycle;
pub mod params;
pub mod rfm;
pub mod value;

use chrono::NaiveDate;

pub use inputs::{Inputs, OrderFact};
pub use params::{Basis, CadenceParams, Method, Params, Share};
pub use rfm::Rfm;

use super::{Behavior, Segment, Stage, Tier};

/// One customer's place in the relative rankings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ranked {
    pub tier: Option<Tier>,
    pub rfm: Option<Rfm>,
    /// Basis held by the customers ranked above (Pareto), in minor units.
    pub before: i64,
    /// 1-based position in the Pareto ranking; 0 when not ranked (basis ≤ 0 or archived).
    pub position: usize,
}

/// Figures about the whole population that the reasons quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Population {
    /// Total positive basis of ranked customers (T).
    pub total: i64,
    /// Customers with basis > 0 in the Pareto ranking.
    pub ranked: usize,
    /// Customers with at least one order (the RFM population).
    pub buyers: usize,
}

/// What one customer looks like to the relative rankings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankRow {
    pub id: i64,
    /// Archived customers are left out of every ranking.
    pub archived: bool,
    pub basis_window: i64,
    pub orders_window: u32,
    /// At least one order on or before today: in the RFM population.
    pub bought: bool,
    pub last_order: Option<NaiveDate>,
}

impl From<&Inputs> for RankRow {
    fn from(i: &Inputs) -> Self {
        RankRow {
            id: i.id,
            archived: i.archived,
            basis_window: i.basis_window,
            orders_window: i.orders_window,
            bought: i.orders_total > 0,
            last_order: i.last_order,
        }
    }
}

/// Ranks everyone at once: value tier and RFM scores, in the order of `rows`.
pub fn rank(rows: &[RankRow], params: &Params) -> (Vec<Ranked>, Population) {
    let (tiers, pop) = value::tiers(rows, params);
    let scores = rfm::scores(rows);
    let ranked = tiers
        .into_iter()
        .zip(scores)
        .map(|(t, rfm)| Ranked {
            tier: t.tier,
            rfm,
            before: t.before,
            position: t.position,
        })
        .collect();
    let buyers = rows.iter().filter(|r| !r.archived && r.bought).count();
    (ranked, Population { buyers, ..pop })
}

/// Every derived class of one customer, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classes {
    pub tier: Option<Tier>,
    pub behavior: Behavior,
    pub stage: Stage,
    pub rfm: Option<Rfm>,
    pub segment: Option<Segment>,
    pub clv_hist: i64,
    pub clv_proj: i64,
    pub churn_risk: u8,
    pub churn_flag: bool,
    pub cadence_days: Option<i64>,
    pub next_due: Option<NaiveDate>,
}

/// Combines a customer's own inputs with their ranking into the classes in force today.
pub fn finish(i: &Inputs, r: &Ranked, params: &Params, today: NaiveDate) -> Classes {
    let behavior = behavior::classify(i.orders_window, params);
    let stage = lifecycle::classify(i, params, today);
    let churn = churn::score(i, r.tier, stage, params, today);
    let cadence_days = cadence::days(i.archived, r.tier, stage, churn.flag, params);
    let next_due = cadence_days.map(|d| cadence::next_due(i, d));
    let clv = clv::value(i, params, today);
    Classes {
        tier: r.tier,
        behavior,
        stage,
        rfm: r.rfm,
        segment: r.rfm.map(rfm::segment),
        clv_hist: clv.historical,
        clv_proj: clv.projected,
        churn_risk: churn.total,
        churn_flag: churn.flag,
        cadence_days,
        next_due,
    }
}

/// `date` moved by `days`, held within years 0000–9999 (dates are stored as `YYYY-MM-DD`) instead of
/// overflowing: the parameters' ranges keep real results far inside, and this keeps an extreme `--today`
/// or a value from elsewhere from crashing the engine or writing a date nothing can read back.
pub fn shift_days(date: NaiveDate, days: i64) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let n = chrono::Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(n).unwrap_or(last)
    } else {
        date.checked_sub_days(n).unwrap_or(first)
    };
    moved.clamp(first, last)
}

/// Derives everyone from scratch: the reference the incremental path must always agree with.
pub fn derive_all(inputs: &[Inputs], params: &Params, today: NaiveDate) -> Vec<Classes> {
    let rows: Vec<RankRow> = inputs.iter().map(RankRow::from).collect();
    let (ranked, _) = rank(&rows, params);
    inputs
        .iter()
        .zip(&ranked)
        .map(|(i, r)| finish(i, r, params, today))
        .collect()
}

/// The classes a history row tracks, with their stored text, so a change of any of them is recorded.
pub fn tracked(c: &Classes) -> [(&'static str, Option<String>); 6] {
    [
        ("tier", c.tier.map(|t| t.to_string())),
        ("behavior", Some(c.behavior.to_string())),
        ("stage", Some(c.stage.to_string())),
        ("rfm", c.rfm.map(|s| s.to_string())),
        ("segment", c.segment.map(|s| s.to_string())),
        (
            "churn_flag",
            Some(if c.churn_flag { "flagged" } else { "clear" }.to_string()),
        ),
    ]
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Builders for rule tests.
    use super::*;

    pub fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Inputs for customer `id` created long ago with these orders `(date, amount)` and nothing else.
    pub fn customer(id: i64, orders: &[(&str, i64)], today: NaiveDate, params: &Params) -> Inputs {
        let mut facts: Vec<OrderFact> = orders
            .iter()
            .map(|(d, a)| OrderFact {
                date: day(d),
                amount: *a,
                cost: None,
            })
            .collect();
        facts.sort_by_key(|o| o.date);
        let mut i = Inputs::new(id, day("2020-01-01"));
        i.set_orders(&facts, params, today);
        i
    }
}
