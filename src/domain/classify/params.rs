//! The classification parameters with the spec's defaults, and the one table of their keys, ranges and
//! docs that the config file, `tiercrm settings` and the stored fingerprint all go through.
//!
//! The struct and its small value types are here; `range` holds what a parameter may take and its parsing,
//! `table` the table itself, `text` what `Params` offers through it (get, set, the stable text, the checks).

mod range;
mod table;
#[cfg(test)]
mod tests;
mod text;

pub use range::{MAX_CADENCE_DAYS, MAX_MONEY, MAX_SPAN_DAYS, Range};
pub use table::{Param, Setting, TABLE};

crate::closed_set!(
    /// What value tiers rank by.
    Basis, "classify.basis" { Revenue => "revenue", Profit => "profit" }
);

crate::closed_set!(
    /// How value tiers are cut.
    Method, "classify.method" { Pareto => "pareto", Threshold => "threshold" }
);

/// A share between 0 and 1 held exactly, in parts per million, so boundary comparisons never round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Share(pub u32);

impl Share {
    pub const ONE: u32 = 1_000_000;

    /// `part / whole < self`, exactly.
    pub fn exceeds(self, part: i64, whole: i64) -> bool {
        i128::from(part) * i128::from(Self::ONE) < i128::from(self.0) * i128::from(whole)
    }

    pub fn percent(self) -> f64 {
        f64::from(self.0) / 10_000.0
    }

    /// The share as a user writes it: `0.8`, `0.95`, `1`, exact to the millionth.
    pub fn text(self) -> String {
        let (whole, frac) = (self.0 / Self::ONE, self.0 % Self::ONE);
        if frac == 0 {
            return whole.to_string();
        }
        let digits = format!("{frac:06}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// Contact cadence in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CadenceParams {
    pub a: i64,
    pub b: i64,
    pub c: i64,
    /// Leads (potential, intent).
    pub lead: i64,
    /// The cap while the churn-risk flag is raised.
    pub risk: i64,
}

/// Every classification parameter; money in minor units.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub window_days: i64,
    pub basis: Basis,
    pub method: Method,
    pub a_share: Share,
    pub b_share: Share,
    pub a_min: i64,
    pub b_min: i64,
    pub frequent_min: u32,
    pub churn_days: i64,
    pub at_risk_days: i64,
    pub loyal_min_orders: u32,
    pub loyal_min_days: i64,
    pub clv_years: f64,
    pub churn_flag: u8,
    /// The expected gap between orders for a customer who has bought on one day only.
    pub churn_default_gap: i64,
    pub cadence: CadenceParams,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            window_days: 365,
            basis: Basis::Revenue,
            method: Method::Pareto,
            a_share: Share(800_000),
            b_share: Share(950_000),
            a_min: 10_000_000,
            b_min: 1_000_000,
            frequent_min: 4,
            churn_days: 365,
            at_risk_days: 180,
            loyal_min_orders: 5,
            loyal_min_days: 365,
            clv_years: 3.0,
            churn_flag: 60,
            churn_default_gap: 90,
            cadence: CadenceParams {
                a: 14,
                b: 30,
                c: 90,
                lead: 7,
                risk: 7,
            },
        }
    }
}
