//! The parameters in force for classification (`[classify]` and `[cadence]` of the config), with the spec's defaults.

use super::super::Invalid;

/// What value tiers rank by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Revenue,
    Profit,
}

/// How value tiers are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Pareto,
    Threshold,
}

/// A share between 0 and 1 held exactly, in parts per million, so boundary comparisons never round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Share(pub u32);

impl Share {
    pub const ONE: u32 = 1_000_000;

    pub fn from_f64(field: &str, v: f64) -> Result<Share, Invalid> {
        if !(0.0..=1.0).contains(&v) {
            return Err(Invalid::new(field, format!("{v} must be between 0 and 1")));
        }
        Ok(Share((v * f64::from(Self::ONE)).round() as u32))
    }

    /// `part / whole < self`, exactly.
    pub fn exceeds(self, part: i64, whole: i64) -> bool {
        i128::from(part) * i128::from(Self::ONE) < i128::from(self.0) * i128::from(whole)
    }

    pub fn percent(self) -> f64 {
        f64::from(self.0) / 10_000.0
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

impl Params {
    /// A stable fingerprint: stored classes computed under other parameters are stale.
    pub fn fingerprint(&self) -> String {
        format!("{self:?}")
    }

    /// Checks the parameters make sense together.
    pub fn check(&self) -> Result<(), Invalid> {
        let positive = [
            ("classify.window_days", self.window_days),
            ("classify.churn_days", self.churn_days),
            ("classify.at_risk_days", self.at_risk_days),
            ("classify.churn_default_gap", self.churn_default_gap),
            ("cadence.A", self.cadence.a),
            ("cadence.B", self.cadence.b),
            ("cadence.C", self.cadence.c),
            ("cadence.lead", self.cadence.lead),
            ("cadence.risk", self.cadence.risk),
        ];
        for (field, v) in positive {
            if v <= 0 {
                return Err(Invalid::new(field, format!("{v} must be at least 1")));
            }
        }
        if self.a_share > self.b_share {
            return Err(Invalid::new("classify.a_share", "must not be above classify.b_share"));
        }
        if self.a_min < self.b_min {
            return Err(Invalid::new("classify.a_min", "must not be below classify.b_min"));
        }
        if self.frequent_min < 2 {
            return Err(Invalid::new("classify.frequent_min", "must be at least 2"));
        }
        if self.at_risk_days > self.churn_days {
            return Err(Invalid::new(
                "classify.at_risk_days",
                "must not be above classify.churn_days",
            ));
        }
        if self.churn_flag > 100 {
            return Err(Invalid::new("classify.churn_flag", "must be between 0 and 100"));
        }
        if !(0.0..=100.0).contains(&self.clv_years) {
            return Err(Invalid::new("classify.clv_years", "must be between 0 and 100"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_compare_exactly_at_the_line() {
        let a = Share::from_f64("a", 0.8).unwrap();
        assert!(!a.exceeds(80, 100), "80% is not under the 80% line");
        assert!(a.exceeds(79, 100));
        assert!(a.exceeds(7_999_999, 10_000_000));
        assert!(Share::from_f64("a", 1.2).is_err());
    }

    #[test]
    fn defaults_are_the_spec_and_pass_their_own_check() {
        let p = Params::default();
        assert_eq!(
            (p.window_days, p.frequent_min, p.churn_days, p.at_risk_days),
            (365, 4, 365, 180)
        );
        assert_eq!((p.cadence.a, p.cadence.b, p.cadence.c, p.cadence.lead), (14, 30, 90, 7));
        p.check().unwrap();
        let bad = Params {
            a_share: Share(990_000),
            ..Params::default()
        };
        assert_eq!(bad.check().unwrap_err().field, "classify.a_share");
    }
}
