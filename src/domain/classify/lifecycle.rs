//! Lifecycle stage: the first rule that matches, unless the customer has a manual pin.

use chrono::NaiveDate;

use super::inputs::Inputs;
use super::params::Params;
use crate::domain::Stage;

/// Which rule decided the stage, for the reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Pinned,
    NoOrdersNoContact,
    NoOrdersContacted,
    Churned,
    AtRisk,
    Loyal,
    Active,
}

/// The stage and the rule that gave it.
pub fn decide(i: &Inputs, params: &Params, today: NaiveDate) -> (Stage, Rule) {
    if let Some(pin) = i.stage_pin {
        return (pin, Rule::Pinned);
    }
    let Some(last) = i.last_order else {
        return if i.contacts_total == 0 {
            (Stage::Potential, Rule::NoOrdersNoContact)
        } else {
            (Stage::Intent, Rule::NoOrdersContacted)
        };
    };
    let since_last = (today - last).num_days();
    if since_last > params.churn_days {
        return (Stage::Churned, Rule::Churned);
    }
    if since_last > params.at_risk_days {
        return (Stage::AtRisk, Rule::AtRisk);
    }
    let since_first = i.first_order.map_or(0, |f| (today - f).num_days());
    if i.orders_total >= params.loyal_min_orders && since_first >= params.loyal_min_days {
        return (Stage::Loyal, Rule::Loyal);
    }
    (Stage::Active, Rule::Active)
}

/// The stage alone.
pub fn classify(i: &Inputs, params: &Params, today: NaiveDate) -> Stage {
    decide(i, params, today).0
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{customer, day};
    use super::*;

    #[test]
    fn leads_split_on_whether_anyone_talked_to_them() {
        let p = Params::default();
        let today = day("2026-11-22");
        let mut c = customer(1, &[], today, &p);
        assert_eq!(classify(&c, &p, today), Stage::Potential);
        c.contacts_total = 1;
        assert_eq!(classify(&c, &p, today), Stage::Intent);
    }

    #[test]
    fn recency_boundaries_are_more_than_n_days() {
        let p = Params::default();
        let today = day("2026-11-22");
        let stage = |last: &str| classify(&customer(1, &[(last, 100)], today, &p), &p, today);
        // 180 days ago is not "more than 180": active; 181 is at risk.
        assert_eq!(stage("2026-05-26"), Stage::Active, "180 days");
        assert_eq!(stage("2026-05-25"), Stage::AtRisk, "181 days");
        assert_eq!(stage("2025-11-22"), Stage::AtRisk, "365 days");
        assert_eq!(stage("2025-11-21"), Stage::Churned, "366 days");
    }

    #[test]
    fn loyal_needs_five_orders_and_a_first_order_at_least_a_year_ago() {
        let p = Params::default();
        let today = day("2026-11-22");
        let five_from_year_ago = [
            ("2025-11-22", 1),
            ("2026-02-01", 1),
            ("2026-05-01", 1),
            ("2026-08-01", 1),
            ("2026-11-01", 1),
        ];
        let c = customer(1, &five_from_year_ago, today, &p);
        assert_eq!(classify(&c, &p, today), Stage::Loyal, "365 days is at least 365");
        let mut recent = five_from_year_ago;
        recent[0].0 = "2025-11-23";
        assert_eq!(
            classify(&customer(1, &recent, today, &p), &p, today),
            Stage::Active,
            "364 days"
        );
        let four = &five_from_year_ago[..4];
        assert_eq!(
            classify(&customer(1, four, today, &p), &p, today),
            Stage::Active,
            "four orders"
        );
    }

    #[test]
    fn a_pin_overrides_every_rule() {
        let p = Params::default();
        let today = day("2026-11-22");
        let mut c = customer(1, &[("2020-01-01", 100)], today, &p);
        assert_eq!(classify(&c, &p, today), Stage::Churned);
        c.stage_pin = Some(Stage::Loyal);
        assert_eq!(decide(&c, &p, today), (Stage::Loyal, Rule::Pinned));
    }

    #[test]
    fn future_orders_do_not_make_a_lead_a_buyer() {
        let p = Params::default();
        let today = day("2026-11-22");
        let c = customer(1, &[("2026-12-01", 100)], today, &p);
        assert_eq!(classify(&c, &p, today), Stage::Potential);
    }
}
