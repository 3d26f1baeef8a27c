//! The facts about one customer's own records that classification needs, as of today.

use chrono::NaiveDate;

use super::params::{Basis, Params};
use crate::domain::Stage;

/// One order as classification sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderFact {
    pub date: NaiveDate,
    pub amount: i64,
    pub cost: Option<i64>,
}

impl OrderFact {
    fn basis(&self, basis: Basis) -> i64 {
        match basis {
            Basis::Revenue => self.amount,
            Basis::Profit => self.amount - self.cost.unwrap_or(0),
        }
    }
}

/// Everything about one customer that the rules read. Records dated after today are already left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub id: i64,
    pub archived: bool,
    pub created_on: NaiveDate,
    pub stage_pin: Option<Stage>,
    /// Orders on or before today.
    pub orders_total: u32,
    /// Orders with today − window < date ≤ today.
    pub orders_window: u32,
    pub first_order: Option<NaiveDate>,
    pub last_order: Option<NaiveDate>,
    /// Revenue or profit in the window, per the basis in force (minor units).
    pub basis_window: i64,
    pub revenue_window: i64,
    /// All-time basis up to today.
    pub basis_all: i64,
    /// Median days between distinct order dates; `None` with fewer than two dates.
    pub median_gap: Option<i64>,
    /// Revenue in the older and the newer half of the window.
    pub spend_first_half: i64,
    pub spend_second_half: i64,
    pub contacts_total: u32,
    pub last_contact: Option<NaiveDate>,
    /// Open complaints by their base priority P1..P4 (before the tier-A raise).
    pub open_complaints: [u32; 4],
    /// The satisfaction score of the most recently closed feedback that has one.
    pub last_satisfaction: Option<u8>,
    /// The earliest pending explicit follow-up.
    pub followup_due: Option<NaiveDate>,
    /// The day the customer was last reviewed without a contact: the cadence counts from it as from a
    /// contact (see [`super::cadence::next_due`]).
    pub reviewed_on: Option<NaiveDate>,
    /// Not due before this day, whatever the cadence or a follow-up says.
    pub snoozed_until: Option<NaiveDate>,
}

impl Inputs {
    /// A customer with no records yet.
    pub fn new(id: i64, created_on: NaiveDate) -> Self {
        Inputs {
            id,
            archived: false,
            created_on,
            stage_pin: None,
            orders_total: 0,
            orders_window: 0,
            first_order: None,
            last_order: None,
            basis_window: 0,
            revenue_window: 0,
            basis_all: 0,
            median_gap: None,
            spend_first_half: 0,
            spend_second_half: 0,
            contacts_total: 0,
            last_contact: None,
            open_complaints: [0; 4],
            last_satisfaction: None,
            followup_due: None,
            reviewed_on: None,
            snoozed_until: None,
        }
    }

    /// Fills every order-derived field from the customer's orders sorted by date; future ones are ignored.
    pub fn set_orders(&mut self, sorted: &[OrderFact], params: &Params, today: NaiveDate) {
        debug_assert!(
            sorted.windows(2).all(|w| w[0].date <= w[1].date),
            "orders must be sorted by date"
        );
        let upto = sorted.partition_point(|o| o.date <= today);
        let orders = &sorted[..upto];
        let window_start = super::shift_days(today, params.window_days.saturating_neg());
        let mid = super::shift_days(today, (params.window_days / 2).saturating_neg());
        self.orders_total = orders.len() as u32;
        self.orders_window = 0;
        self.basis_window = 0;
        self.revenue_window = 0;
        self.basis_all = 0;
        self.spend_first_half = 0;
        self.spend_second_half = 0;
        self.first_order = orders.first().map(|o| o.date);
        self.last_order = orders.last().map(|o| o.date);
        let mut dates: Vec<NaiveDate> = Vec::with_capacity(orders.len());
        for o in orders {
            let b = o.basis(params.basis);
            // Money saturates at the largest amount rather than wrapping round to a negative one: a customer
            // with ¥92 quadrillion is shown as that, never as owing money.
            self.basis_all = self.basis_all.saturating_add(b);
            if o.date > window_start {
                self.orders_window += 1;
                self.basis_window = self.basis_window.saturating_add(b);
                self.revenue_window = self.revenue_window.saturating_add(o.amount);
                if o.date > mid {
                    self.spend_second_half = self.spend_second_half.saturating_add(o.amount);
                } else {
                    self.spend_first_half = self.spend_first_half.saturating_add(o.amount);
                }
            }
            if dates.last() != Some(&o.date) {
                dates.push(o.date);
            }
        }
        self.median_gap = median_gap(&dates);
    }
}

/// The median of the gaps between consecutive distinct dates, rounded half up to whole days.
pub fn median_gap(sorted_distinct: &[NaiveDate]) -> Option<i64> {
    if sorted_distinct.len() < 2 {
        return None;
    }
    let mut gaps: Vec<i64> = sorted_distinct.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    gaps.sort_unstable();
    let n = gaps.len();
    Some(if n % 2 == 1 {
        gaps[n / 2]
    } else {
        (gaps[n / 2 - 1] + gaps[n / 2] + 1) / 2
    })
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{customer, day};
    use super::*;

    #[test]
    fn window_is_open_at_its_start_and_closed_at_today() {
        let p = Params::default();
        let today = day("2026-11-22");
        // today − 365 = 2025-11-22: that day is outside, the next day inside.
        let c = customer(
            1,
            &[("2025-11-22", 100), ("2025-11-23", 200), ("2026-11-22", 400)],
            today,
            &p,
        );
        assert_eq!(c.orders_total, 3);
        assert_eq!(c.orders_window, 2);
        assert_eq!(c.basis_window, 600);
        assert_eq!(c.basis_all, 700);
    }

    #[test]
    fn future_orders_are_ignored() {
        let p = Params::default();
        let today = day("2026-11-22");
        let c = customer(1, &[("2026-11-20", 100), ("2026-11-23", 5000)], today, &p);
        assert_eq!(
            (c.orders_total, c.basis_window, c.last_order),
            (1, 100, Some(day("2026-11-20")))
        );
    }

    #[test]
    fn money_sums_saturate_instead_of_wrapping_negative() {
        let p = Params::default();
        let today = day("2026-11-22");
        let big = 1_000_000_000_000_000; // the largest single amount, in minor units
        let orders: Vec<(&str, i64)> = (0..10_000).map(|_| ("2026-11-20", big)).collect();
        let c = customer(1, &orders, today, &p);
        assert_eq!(
            (c.basis_window, c.revenue_window, c.basis_all),
            (i64::MAX, i64::MAX, i64::MAX)
        );
    }

    #[test]
    fn profit_basis_subtracts_cost_and_revenue_stays_revenue() {
        let p = Params {
            basis: Basis::Profit,
            ..Params::default()
        };
        let today = day("2026-11-22");
        let mut c = Inputs::new(1, today);
        c.set_orders(
            &[
                OrderFact {
                    date: day("2026-10-01"),
                    amount: 1000,
                    cost: Some(600),
                },
                OrderFact {
                    date: day("2026-10-02"),
                    amount: 500,
                    cost: None,
                },
            ],
            &p,
            today,
        );
        assert_eq!(c.basis_window, 900);
        assert_eq!(c.revenue_window, 1500);
    }

    #[test]
    fn median_gap_uses_distinct_dates() {
        let d = |s| day(s);
        assert_eq!(median_gap(&[d("2026-01-01")]), None);
        assert_eq!(
            median_gap(&[d("2026-01-01"), d("2026-01-11"), d("2026-01-31")]),
            Some(15)
        );
        assert_eq!(
            median_gap(&[d("2026-01-01"), d("2026-01-11"), d("2026-01-31"), d("2026-03-01")]),
            Some(20)
        );
        let p = Params::default();
        let c = customer(
            1,
            &[("2026-01-01", 1), ("2026-01-01", 1), ("2026-01-11", 1)],
            d("2026-11-22"),
            &p,
        );
        assert_eq!(c.median_gap, Some(10));
    }

    #[test]
    fn halves_split_the_window_at_its_middle() {
        let p = Params::default();
        let today = day("2026-11-22");
        // window/2 = 182 days: 2026-05-24 is the middle; it belongs to the first half.
        let c = customer(1, &[("2026-05-24", 100), ("2026-05-25", 10)], today, &p);
        assert_eq!((c.spend_first_half, c.spend_second_half), (100, 10));
    }
}
