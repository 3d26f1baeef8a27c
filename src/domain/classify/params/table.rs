//! The one table of parameters (key, range, doc, where each is kept in `Params`), the ordered pairs, and
//! a parameter's value read, written and compared through its slot.

use super::range::{MAX_CADENCE_DAYS, MAX_MONEY, MAX_SPAN_DAYS, Range, Value};
use super::{Basis, Method, Params, Share};
use crate::domain::Invalid;

/// Where a parameter lives in [`Params`], by the type it is stored as.
enum Slot<'a> {
    Days(&'a mut i64),
    Count(&'a mut u32),
    Points(&'a mut u8),
    Minor(&'a mut i64),
    Share(&'a mut Share),
    Real(&'a mut f64),
    Basis(&'a mut Basis),
    Method(&'a mut Method),
}

/// One parameter: its dotted key, the values it takes, what it does, and where it is kept.
pub struct Param {
    pub key: &'static str,
    pub range: Range,
    pub doc: &'static str,
    slot: for<'a> fn(&'a mut Params) -> Slot<'a>,
}

const fn days(min: i64, max: i64) -> Range {
    Range::Whole { min, max, unit: "days" }
}

/// Every parameter, sorted by key (the order of the stable text and of `tiercrm settings`).
pub const TABLE: &[Param] = &[
    Param {
        key: "cadence.A",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "Days between contacts for a tier-A customer.",
        slot: |p| Slot::Days(&mut p.cadence.a),
    },
    Param {
        key: "cadence.B",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "Days between contacts for a tier-B customer.",
        slot: |p| Slot::Days(&mut p.cadence.b),
    },
    Param {
        key: "cadence.C",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "Days between contacts for a tier-C customer.",
        slot: |p| Slot::Days(&mut p.cadence.c),
    },
    Param {
        key: "cadence.lead",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "Days between contacts for a lead (potential, intent).",
        slot: |p| Slot::Days(&mut p.cadence.lead),
    },
    Param {
        key: "cadence.risk",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "The longest cadence while a customer's churn-risk flag is raised.",
        slot: |p| Slot::Days(&mut p.cadence.risk),
    },
    Param {
        key: "classify.a_min",
        range: Range::Money { max: MAX_MONEY },
        doc: "Threshold method: tier A from this basis in the window.",
        slot: |p| Slot::Minor(&mut p.a_min),
    },
    Param {
        key: "classify.a_share",
        range: Range::Share,
        doc: "Pareto method: A while the customers ranked above hold less than this share of the total.",
        slot: |p| Slot::Share(&mut p.a_share),
    },
    Param {
        key: "classify.at_risk_days",
        range: days(1, MAX_SPAN_DAYS),
        doc: "At risk when the last order is more than this many days ago (at most churn_days).",
        slot: |p| Slot::Days(&mut p.at_risk_days),
    },
    Param {
        key: "classify.b_min",
        range: Range::Money { max: MAX_MONEY },
        doc: "Threshold method: tier B from this basis in the window (at most a_min).",
        slot: |p| Slot::Minor(&mut p.b_min),
    },
    Param {
        key: "classify.b_share",
        range: Range::Share,
        doc: "Pareto method: B while the customers ranked above hold less than this share (at least a_share).",
        slot: |p| Slot::Share(&mut p.b_share),
    },
    Param {
        key: "classify.basis",
        range: Range::OneOf(&["revenue", "profit"]),
        doc: "What value tiers rank by (profit = amount − cost; an order without a cost counts its amount).",
        slot: |p| Slot::Basis(&mut p.basis),
    },
    Param {
        key: "classify.churn_days",
        range: days(1, MAX_SPAN_DAYS),
        doc: "Churned when the last order is more than this many days ago.",
        slot: |p| Slot::Days(&mut p.churn_days),
    },
    Param {
        key: "classify.churn_default_gap",
        range: days(1, MAX_SPAN_DAYS),
        doc: "The gap between orders expected of a customer who has bought on one day only.",
        slot: |p| Slot::Days(&mut p.churn_default_gap),
    },
    Param {
        key: "classify.churn_flag",
        range: Range::Whole {
            min: 1,
            max: 100,
            unit: "points",
        },
        doc: "Churn-risk score (0–100) at which a customer is flagged.",
        slot: |p| Slot::Points(&mut p.churn_flag),
    },
    Param {
        key: "classify.clv_years",
        range: Range::Real {
            min: 0.0,
            max: 100.0,
            unit: "years",
        },
        doc: "How many years ahead the CLV projects.",
        slot: |p| Slot::Real(&mut p.clv_years),
    },
    Param {
        key: "classify.frequent_min",
        range: Range::Whole {
            min: 2,
            max: 100_000,
            unit: "orders",
        },
        doc: "Orders in the window to count as frequent (2 … frequent_min − 1 is occasional, 1 one-time).",
        slot: |p| Slot::Count(&mut p.frequent_min),
    },
    Param {
        key: "classify.loyal_min_days",
        range: days(0, MAX_SPAN_DAYS),
        doc: "Loyal needs the first order at least this many days ago.",
        slot: |p| Slot::Days(&mut p.loyal_min_days),
    },
    Param {
        key: "classify.loyal_min_orders",
        range: Range::Whole {
            min: 1,
            max: 100_000,
            unit: "orders",
        },
        doc: "Loyal needs at least this many orders in total.",
        slot: |p| Slot::Count(&mut p.loyal_min_orders),
    },
    Param {
        key: "classify.method",
        range: Range::OneOf(&["pareto", "threshold"]),
        doc: "How value tiers are cut: pareto (shares of the total) or threshold (a_min, b_min).",
        slot: |p| Slot::Method(&mut p.method),
    },
    Param {
        key: "classify.window_days",
        range: days(1, MAX_SPAN_DAYS),
        doc: "An order is in the window when today − window_days < its date ≤ today.",
        slot: |p| Slot::Days(&mut p.window_days),
    },
];

/// Pairs that must stay in order: the first never above the second.
pub(super) const ORDERED: &[(&str, &str)] = &[
    ("classify.a_share", "classify.b_share"),
    ("classify.b_min", "classify.a_min"),
    ("classify.at_risk_days", "classify.churn_days"),
];

/// One line of `tiercrm settings`.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub key: &'static str,
    /// The value as a user writes it (money in major units).
    pub value: String,
    pub range: String,
    pub doc: &'static str,
}

impl Param {
    /// The parameter with this dotted key.
    pub fn find(key: &str) -> Result<&'static Param, Invalid> {
        TABLE.iter().find(|p| p.key == key).ok_or_else(|| {
            let known: Vec<&str> = TABLE.iter().map(|p| p.key).collect();
            Invalid::new(key, format!("unknown setting; known: {}", known.join(", ")))
        })
    }

    /// The value in `p` as a user writes it.
    pub(super) fn text(&self, p: &Params) -> String {
        // The slot hands out a mutable place so one accessor serves reading and writing; a copy keeps
        // reading from needing `&mut`.
        let mut copy = p.clone();
        match (self.slot)(&mut copy) {
            Slot::Days(v) => v.to_string(),
            Slot::Minor(v) => major_text(*v),
            Slot::Count(v) => v.to_string(),
            Slot::Points(v) => v.to_string(),
            Slot::Share(s) => s.text(),
            // Rust prints the shortest text that parses back to the same f64, so this round-trips exactly.
            Slot::Real(v) => v.to_string(),
            Slot::Basis(b) => b.as_str().to_string(),
            Slot::Method(m) => m.as_str().to_string(),
        }
    }

    /// The value as a number for the ordering checks (shares in millionths, money in minor units).
    pub(super) fn ordinal(&self, p: &Params) -> Option<i128> {
        let mut copy = p.clone();
        match (self.slot)(&mut copy) {
            Slot::Days(v) | Slot::Minor(v) => Some(i128::from(*v)),
            Slot::Count(v) => Some(i128::from(*v)),
            Slot::Points(v) => Some(i128::from(*v)),
            Slot::Share(s) => Some(i128::from(s.0)),
            Slot::Real(_) | Slot::Basis(_) | Slot::Method(_) => None,
        }
    }

    /// Parses `text` and stores it in `p`, checking this parameter's range only.
    pub(super) fn assign(&self, p: &mut Params, text: &str) -> Result<(), Invalid> {
        let value = self.range.parse(self.key, text)?;
        let too_large = || Invalid::new(self.key, format!("{} is too large: {}", text.trim(), self.range.text()));
        match ((self.slot)(p), value) {
            (Slot::Days(v), Value::Whole(x)) | (Slot::Minor(v), Value::Minor(x)) => *v = x,
            (Slot::Count(v), Value::Whole(x)) => *v = u32::try_from(x).map_err(|_| too_large())?,
            (Slot::Points(v), Value::Whole(x)) => *v = u8::try_from(x).map_err(|_| too_large())?,
            (Slot::Share(v), Value::Share(x)) => *v = x,
            (Slot::Real(v), Value::Real(x)) => *v = x,
            (Slot::Basis(v), Value::Word(w)) => *v = w.parse()?,
            (Slot::Method(v), Value::Word(w)) => *v = w.parse()?,
            // The table pairs each slot with its range; a test sets every key, so this is never reached.
            _ => return Err(Invalid::new(self.key, "this setting's range does not fit its value")),
        }
        Ok(())
    }
}

/// Minor units as major-unit text a user would write: `100000`, `1234.50`.
pub(super) fn major_text(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let (whole, cents) = (minor.unsigned_abs() / 100, minor.unsigned_abs() % 100);
    if cents == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{cents:02}")
    }
}
