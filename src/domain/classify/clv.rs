//! Customer lifetime value: what the customer has brought (historical) plus what they are likely to bring.

use chrono::NaiveDate;

use super::inputs::Inputs;
use super::params::Params;

/// Both parts of the CLV, in minor units of the basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clv {
    pub historical: i64,
    pub projected: i64,
    /// The active span the rate is measured over, in days (at least one year).
    pub span_days: i64,
}

/// Historical = all-time basis. Projected = average order value × orders per year × `clv_years`, where
/// orders per year are counted over the span from the first order to today, taken as at least a year so
/// that a first order last week does not project fifty orders a year.
pub fn value(i: &Inputs, params: &Params, today: NaiveDate) -> Clv {
    let Some(first) = i.first_order else {
        return Clv {
            historical: 0,
            projected: 0,
            span_days: 0,
        };
    };
    let span_days = (today - first).num_days().max(365);
    // aov × (orders × 365 / span) × years = basis_all × 365 × years / span
    let projected = (i.basis_all as f64) * 365.0 * params.clv_years / span_days as f64;
    Clv {
        historical: i.basis_all,
        projected: projected.round() as i64,
        span_days,
    }
}

/// Average order value in minor units.
pub fn average_order(i: &Inputs) -> i64 {
    if i.orders_total == 0 {
        0
    } else {
        i.basis_all / i64::from(i.orders_total)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{customer, day};
    use super::*;

    #[test]
    fn projection_is_rate_over_the_active_span_times_years() {
        let p = Params::default();
        let today = day("2026-11-22");
        // Two years of history, 4 orders of 100: 2 orders a year × 100 × 3 years = 600.
        let c = customer(
            1,
            &[
                ("2024-11-22", 100),
                ("2025-06-01", 100),
                ("2026-01-01", 100),
                ("2026-11-01", 100),
            ],
            today,
            &p,
        );
        let v = value(&c, &p, today);
        assert_eq!(v.historical, 400);
        assert_eq!(v.span_days, 730);
        assert_eq!(v.projected, 600);
        assert_eq!(average_order(&c), 100);
    }

    #[test]
    fn a_new_customer_is_projected_over_at_least_a_year() {
        let p = Params::default();
        let today = day("2026-11-22");
        let c = customer(1, &[("2026-11-15", 1000)], today, &p);
        assert_eq!(value(&c, &p, today).projected, 3000);
        let lead = customer(2, &[], today, &p);
        assert_eq!(
            value(&lead, &p, today),
            Clv {
                historical: 0,
                projected: 0,
                span_days: 0
            }
        );
    }
}
