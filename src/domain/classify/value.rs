//! Value tier A/B/C: Pareto shares of the basis (relative) or fixed thresholds.

use super::params::{Method, Params};
use super::{Population, RankRow};
use crate::domain::Tier;

/// One customer's tier and their place in the Pareto ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TierPlace {
    pub tier: Option<Tier>,
    pub before: i64,
    pub position: usize,
}

/// Tiers for every row (archived rows get none). The ranking (basis descending, id ascending) is computed
/// under both methods so the reasons can quote it.
pub fn tiers(rows: &[RankRow], params: &Params) -> (Vec<TierPlace>, Population) {
    let mut out = vec![TierPlace::default(); rows.len()];
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| !rows[i].archived && rows[i].basis_window > 0)
        .collect();
    order.sort_unstable_by(|&x, &y| {
        rows[y]
            .basis_window
            .cmp(&rows[x].basis_window)
            .then(rows[x].id.cmp(&rows[y].id))
    });
    // Saturating, as every money sum: a wrapped total would turn the shares upside down.
    let total: i64 = order.iter().fold(0i64, |t, &i| t.saturating_add(rows[i].basis_window));
    let mut before = 0i64;
    for (pos, &i) in order.iter().enumerate() {
        let tier = if params.a_share.exceeds(before, total) {
            Tier::A
        } else if params.b_share.exceeds(before, total) {
            Tier::B
        } else {
            Tier::C
        };
        out[i] = TierPlace {
            tier: Some(tier),
            before,
            position: pos + 1,
        };
        before = before.saturating_add(rows[i].basis_window);
    }
    for (row, place) in rows.iter().zip(out.iter_mut()) {
        if row.archived {
            place.tier = None;
            continue;
        }
        place.tier = Some(match params.method {
            Method::Pareto => place.tier.unwrap_or(Tier::C),
            Method::Threshold => threshold(row.basis_window, params),
        });
    }
    let pop = Population {
        total,
        ranked: order.len(),
        buyers: 0,
    };
    (out, pop)
}

/// A if basis ≥ a_min, B if ≥ b_min, else C.
pub fn threshold(basis: i64, params: &Params) -> Tier {
    if basis >= params.a_min && basis > 0 {
        Tier::A
    } else if basis >= params.b_min && basis > 0 {
        Tier::B
    } else {
        Tier::C
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, basis: i64) -> RankRow {
        RankRow {
            id,
            archived: false,
            basis_window: basis,
            orders_window: 1,
            bought: true,
            last_order: None,
        }
    }

    fn tiers_of(rows: &[RankRow], params: &Params) -> Vec<Tier> {
        tiers(rows, params).0.iter().map(|p| p.tier.unwrap()).collect()
    }

    #[test]
    fn pareto_cuts_on_the_share_held_by_those_ranked_above() {
        let p = Params::default();
        // T = 100; ranking 1 (50), 2 (29), 4 (14), 6 (5), 3 (1), 5 (1 — tie, higher id after).
        // Held above: 0 → A, 50 → A, 79 → A, 93 → B, 98 → C, 99 → C.
        let rows = [row(1, 50), row(2, 29), row(3, 1), row(4, 14), row(5, 1), row(6, 5)];
        assert_eq!(
            tiers_of(&rows, &p),
            vec![Tier::A, Tier::A, Tier::C, Tier::A, Tier::C, Tier::B]
        );
    }

    #[test]
    fn pareto_boundary_exactly_at_eighty_percent_is_b() {
        let p = Params::default();
        let rows = [row(1, 80), row(2, 15), row(3, 5)];
        // before: 0 → A; 80/100 = 0.80 → not < 0.80 → B; 95/100 → not < 0.95 → C.
        assert_eq!(tiers_of(&rows, &p), vec![Tier::A, Tier::B, Tier::C]);
    }

    #[test]
    fn ties_rank_by_id_ascending() {
        let p = Params::default();
        let rows = [row(9, 20), row(3, 20), row(5, 20), row(1, 20), row(7, 20)];
        let (places, pop) = tiers(&rows, &p);
        assert_eq!(pop.total, 100);
        // id order 1, 3, 5, 7, 9 → before 0, 20, 40, 60, 80.
        let by_id: Vec<(i64, usize, Tier)> = rows
            .iter()
            .zip(&places)
            .map(|(r, p)| (r.id, p.position, p.tier.unwrap()))
            .collect();
        assert!(by_id.contains(&(1, 1, Tier::A)));
        assert!(by_id.contains(&(7, 4, Tier::A)));
        assert!(by_id.contains(&(9, 5, Tier::B)));
    }

    #[test]
    fn zero_basis_is_c_and_archived_has_no_tier() {
        let p = Params::default();
        let mut rows = vec![row(1, 100), row(2, 0)];
        rows.push(RankRow {
            archived: true,
            ..row(3, 1_000)
        });
        let (places, pop) = tiers(&rows, &p);
        assert_eq!(places[0].tier, Some(Tier::A));
        assert_eq!(places[1].tier, Some(Tier::C));
        assert_eq!(places[1].position, 0);
        assert_eq!(places[2].tier, None);
        assert_eq!(pop.total, 100, "archived basis is not in the total");
    }

    #[test]
    fn a_total_past_the_largest_amount_saturates_and_keeps_the_order() {
        let p = Params::default();
        let rows = vec![row(1, i64::MAX - 5), row(2, i64::MAX - 5), row(3, 10)];
        let (places, pop) = tiers(&rows, &p);
        assert_eq!(pop.total, i64::MAX);
        assert_eq!(places[0].tier, Some(Tier::A));
        assert!(places.iter().all(|pl| pl.before >= 0));
    }

    #[test]
    fn one_new_order_moves_others_between_tiers() {
        let p = Params::default();
        let before = [row(1, 70), row(2, 20), row(3, 10)];
        assert_eq!(tiers_of(&before, &p), vec![Tier::A, Tier::A, Tier::B]);
        // Customer 3 buys 60 more: ranking 3 (70), 1 (70)... ties by id: 1 then 3.
        let after = [row(1, 70), row(2, 20), row(3, 70)];
        // T = 160: 1 before 0 A; 3 before 70 (43.75%) A; 2 before 140 (87.5%) B.
        assert_eq!(tiers_of(&after, &p), vec![Tier::A, Tier::B, Tier::A]);
    }

    #[test]
    fn threshold_method_uses_fixed_lines() {
        let p = Params {
            method: Method::Threshold,
            a_min: 1000,
            b_min: 100,
            ..Params::default()
        };
        let rows = [row(1, 1000), row(2, 999), row(3, 100), row(4, 99), row(5, 0)];
        assert_eq!(tiers_of(&rows, &p), vec![Tier::A, Tier::B, Tier::B, Tier::C, Tier::C]);
        let zero = Params { b_min: 0, ..p };
        assert_eq!(threshold(0, &zero), Tier::C, "no spend is never B");
    }
}
