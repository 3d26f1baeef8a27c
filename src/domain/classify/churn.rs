//! Churn risk (流失预警): a 0–100 score whose every point has a stated cause, and the flag it raises.

use chrono::NaiveDate;

use super::inputs::Inputs;
use super::params::Params;
use crate::domain::{Priority, Stage, Tier};

/// The most points recency alone can give: enough to raise the flag at the default line of 60.
pub const RECENCY_MAX: u8 = 60;
/// Points per open complaint by the priority in force (P1..P4), and the cap on their sum.
pub const COMPLAINT_POINTS: [u8; 4] = [25, 15, 10, 5];
pub const COMPLAINTS_MAX: u8 = 40;
/// Points when the last satisfaction score was 1 or 2.
pub const UNHAPPY_POINTS: u8 = 20;
/// Points when spend in the newer half of the window fell to half or less of the older half.
pub const SPEND_DROP_POINTS: u8 = 20;

/// The score and its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Churn {
    pub recency: u8,
    /// Days since the last order and the gap they are measured against, when recency applies.
    pub days_since: i64,
    pub expected_gap: i64,
    pub gap_is_own: bool,
    pub complaints: u8,
    /// Open complaints by the priority in force.
    pub complaints_by_priority: [u32; 4],
    pub unhappy: u8,
    pub spend_drop: u8,
    pub total: u8,
    /// At or above the flag line, and not already churned.
    pub flag: bool,
}

/// Scores one customer. The tier matters because tier-A complaints weigh one priority step more.
///
/// Recency: nothing while the days since the last order are within the customer's own median gap
/// (or `churn_default_gap` for a one-day buyer); then 20 points per further gap, up to 60.
/// The flag is not raised for a customer already churned: the warning is for those who can still be kept.
pub fn score(i: &Inputs, tier: Option<Tier>, stage: Stage, params: &Params, today: NaiveDate) -> Churn {
    let mut c = Churn::default();
    if let Some(last) = i.last_order {
        let days = (today - last).num_days();
        let (gap, own) = match i.median_gap {
            Some(g) => (g.max(1), true),
            None => (params.churn_default_gap, false),
        };
        c.days_since = days;
        c.expected_gap = gap;
        c.gap_is_own = own;
        if days > gap {
            let pts = (20 * (days - gap) + gap / 2) / gap;
            c.recency = pts.min(i64::from(RECENCY_MAX)) as u8;
        }
    }
    let mut complaint_pts: u32 = 0;
    for (base, &count) in i.open_complaints.iter().enumerate() {
        let base = Priority::ALL[base];
        let eff = base.for_tier(tier);
        c.complaints_by_priority[eff.index()] += count;
        complaint_pts += count * u32::from(COMPLAINT_POINTS[eff.index()]);
    }
    c.complaints = complaint_pts.min(u32::from(COMPLAINTS_MAX)) as u8;
    if i.last_satisfaction.is_some_and(|s| s <= 2) {
        c.unhappy = UNHAPPY_POINTS;
    }
    if i.spend_first_half > 0 && i.spend_second_half * 2 <= i.spend_first_half {
        c.spend_drop = SPEND_DROP_POINTS;
    }
    let sum = u32::from(c.recency) + u32::from(c.complaints) + u32::from(c.unhappy) + u32::from(c.spend_drop);
    c.total = sum.min(100) as u8;
    c.flag = c.total >= params.churn_flag && stage != Stage::Churned;
    c
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{customer, day};
    use super::*;

    #[test]
    fn recency_counts_gaps_past_the_customers_own_median() {
        let p = Params::default();
        let today = day("2026-11-22");
        // Orders every 30 days; last one 30 days ago → on time.
        let base = [("2026-08-24", 100), ("2026-09-23", 100), ("2026-10-23", 100)];
        let c = customer(1, &base, today, &p);
        let s = score(&c, Some(Tier::B), Stage::Active, &p, today);
        assert_eq!((s.days_since, s.expected_gap, s.recency), (30, 30, 0));
        // Last order 90 days ago with a 30-day gap: two gaps late → 40 points.
        let late = [("2026-07-25", 100), ("2026-08-24", 100)];
        let c = customer(1, &late, today, &p);
        let s = score(&c, Some(Tier::B), Stage::Active, &p, today);
        assert_eq!((s.expected_gap, s.recency), (30, 40));
        // Very late caps at 60 and raises the flag alone (both orders are before the window: no spend drop).
        let c = customer(1, &[("2025-06-01", 100), ("2025-07-01", 100)], today, &p);
        let s = score(&c, Some(Tier::B), Stage::AtRisk, &p, today);
        assert_eq!((s.recency, s.total, s.flag), (60, 60, true));
        // ...but not for a customer who has already churned.
        assert!(!score(&c, Some(Tier::B), Stage::Churned, &p, today).flag);
    }

    #[test]
    fn one_day_buyers_are_measured_against_the_default_gap() {
        let p = Params::default();
        let today = day("2026-11-22");
        let c = customer(1, &[("2026-07-25", 100)], today, &p); // 120 days, gap 90
        let s = score(&c, None, Stage::Active, &p, today);
        assert_eq!((s.gap_is_own, s.expected_gap, s.recency), (false, 90, 7));
    }

    #[test]
    fn complaints_weigh_by_priority_in_force_and_cap_at_forty() {
        let p = Params::default();
        let today = day("2026-11-22");
        let mut c = customer(1, &[("2026-11-20", 100)], today, &p);
        c.open_complaints = [0, 1, 0, 1]; // one P2, one P4
        assert_eq!(score(&c, Some(Tier::B), Stage::Active, &p, today).complaints, 20);
        // Tier A raises them to P1 and P3: 25 + 10.
        let s = score(&c, Some(Tier::A), Stage::Active, &p, today);
        assert_eq!((s.complaints, s.complaints_by_priority), (35, [1, 0, 1, 0]));
        c.open_complaints = [3, 0, 0, 0];
        assert_eq!(score(&c, Some(Tier::C), Stage::Active, &p, today).complaints, 40);
    }

    #[test]
    fn unhappy_customers_and_falling_spend_add_points_up_to_a_hundred() {
        let p = Params::default();
        let today = day("2026-11-22");
        // First half 1000, second half 500: exactly half counts as a fall.
        let mut c = customer(1, &[("2026-01-10", 1000), ("2026-11-01", 500)], today, &p);
        c.last_satisfaction = Some(2);
        let s = score(&c, Some(Tier::C), Stage::Active, &p, today);
        assert_eq!((s.unhappy, s.spend_drop), (20, 20));
        c.last_satisfaction = Some(3);
        c.spend_second_half = 501;
        let s = score(&c, Some(Tier::C), Stage::Active, &p, today);
        assert_eq!((s.unhappy, s.spend_drop), (0, 0));
        c.open_complaints = [4, 0, 0, 0];
        c.last_satisfaction = Some(1);
        c.spend_second_half = 0;
        c.last_order = Some(day("2024-01-01"));
        let s = score(&c, Some(Tier::C), Stage::AtRisk, &p, today);
        assert_eq!(s.total, 100);
    }
}
