//! Buying behavior from the number of orders in the window.

use super::params::Params;
use crate::domain::Behavior;

/// ≥ frequent_min → frequent; 2 … frequent_min − 1 → occasional; 1 → one-time; 0 → inactive.
pub fn classify(orders_window: u32, params: &Params) -> Behavior {
    match orders_window {
        0 => Behavior::Inactive,
        1 => Behavior::OneTime,
        n if n >= params.frequent_min => Behavior::Frequent,
        _ => Behavior::Occasional,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_map_to_behavior() {
        let p = Params::default();
        let cases = [
            (0, Behavior::Inactive),
            (1, Behavior::OneTime),
            (2, Behavior::Occasional),
            (3, Behavior::Occasional),
            (4, Behavior::Frequent),
            (40, Behavior::Frequent),
        ];
        for (n, want) in cases {
            assert_eq!(classify(n, &p), want, "{n} orders");
        }
        let p6 = Params { frequent_min: 6, ..p };
        assert_eq!(classify(5, &p6), Behavior::Occasional);
        assert_eq!(classify(6, &p6), Behavior::Frequent);
    }
}
