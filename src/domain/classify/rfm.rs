//! RFM: recency, frequency and monetary scores 1–5 by quintile among buyers, and the segment map.

use std::fmt;

use chrono::Datelike;

use super::RankRow;
use crate::domain::Segment;

/// Scores 1 (worst) to 5 (best).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Rfm {
    pub r: u8,
    pub f: u8,
    pub m: u8,
}

impl fmt::Display for Rfm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.r, self.f, self.m)
    }
}

impl std::str::FromStr for Rfm {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let d: Vec<u8> = s.bytes().map(|b| b.wrapping_sub(b'0')).collect();
        match d.as_slice() {
            [r, f, m] if [r, f, m].iter().all(|v| (1..=5).contains(*v)) => Ok(Rfm { r: *r, f: *f, m: *m }),
            _ => Err(()),
        }
    }
}

/// The quintile score of a value given how many buyers are strictly worse and how many are equal.
///
/// It is the mid-rank percentile: `1 + ⌊5 × (worse + equal/2) / n⌋`, capped at 5. Equal values always
/// share a score, the best buyer of a large population gets 5 and the worst 1, and a lone buyer (or a
/// population that is all tied) sits in the middle at 3.
pub fn quintile(worse: usize, equal: usize, n: usize) -> u8 {
    if n == 0 {
        return 0;
    }
    let score = 1 + (10 * worse + 5 * equal) / (2 * n);
    score.min(5) as u8
}

/// Scores for every row: buyers (not archived, at least one order) get R, F and M; others none.
pub fn scores(rows: &[RankRow]) -> Vec<Option<Rfm>> {
    let buyers: Vec<usize> = (0..rows.len())
        .filter(|&i| !rows[i].archived && rows[i].bought)
        .collect();
    // Each metric as a key where larger is better.
    let key = |f: &dyn Fn(&RankRow) -> i64| -> Vec<i64> { buyers.iter().map(|&i| f(&rows[i])).collect() };
    let r = score_metric(&key(&|row| {
        row.last_order.map_or(i64::MIN, |d| i64::from(d.num_days_from_ce()))
    }));
    let f = score_metric(&key(&|row| i64::from(row.orders_window)));
    let m = score_metric(&key(&|row| row.basis_window));
    let mut out = vec![None; rows.len()];
    for (k, &i) in buyers.iter().enumerate() {
        out[i] = Some(Rfm {
            r: r[k],
            f: f[k],
            m: m[k],
        });
    }
    out
}

/// Quintile scores of `keys` (larger is better), in their order.
///
/// Linear when the keys span a small range (order counts, dates): a counting pass. Otherwise the keys are
/// sorted (fast when they arrive in ranking order, as money does) and each is placed by binary search.
pub fn score_metric(keys: &[i64]) -> Vec<u8> {
    let n = keys.len();
    let (Some(&min), Some(&max)) = (keys.iter().min(), keys.iter().max()) else {
        return Vec::new();
    };
    let span = max.abs_diff(min) as usize;
    if span <= 4 * n + 1024 {
        let mut counts = vec![0usize; span + 1];
        for &k in keys {
            counts[(k - min) as usize] += 1;
        }
        let mut score_at = vec![0u8; span + 1];
        let mut worse = 0;
        for (slot, &c) in counts.iter().enumerate() {
            if c > 0 {
                score_at[slot] = quintile(worse, c, n);
                worse += c;
            }
        }
        return keys.iter().map(|&k| score_at[(k - min) as usize]).collect();
    }
    // Descending by key alone, so that keys already in ranking order are recognised as sorted.
    let mut order: Vec<(i64, u32)> = keys.iter().enumerate().map(|(k, &v)| (v, k as u32)).collect();
    order.sort_unstable_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = vec![0u8; n];
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && order[end].0 == order[start].0 {
            end += 1;
        }
        let score = quintile(n - end, end - start, n);
        for &(_, k) in &order[start..end] {
            out[k as usize] = score;
        }
        start = end;
    }
    out
}

/// The segment for R and FM, where FM is the mean of F and M rounded down (a customer is only as
/// strong as the weaker half of F and M suggests).
///
/// | R \ FM | 1 | 2 | 3 | 4 | 5 |
/// |---|---|---|---|---|---|
/// | 5 | new | potential loyalist | potential loyalist | champions | champions |
/// | 4 | promising | potential loyalist | potential loyalist | loyal | loyal |
/// | 3 | about to sleep | about to sleep | need attention | loyal | loyal |
/// | 2 | hibernating | hibernating | at risk | at risk | can't lose |
/// | 1 | lost | hibernating | at risk | at risk | can't lose |
pub fn segment(s: Rfm) -> Segment {
    let fm = (s.f + s.m) / 2;
    match (s.r, fm) {
        (5, 4 | 5) => Segment::Champions,
        (5, 1) => Segment::New,
        (4 | 5, 2 | 3) => Segment::PotentialLoyalist,
        (4, 1) => Segment::Promising,
        (3 | 4, 4 | 5) => Segment::Loyal,
        (3, 3) => Segment::NeedAttention,
        (3, _) => Segment::AboutToSleep,
        (_, 5) => Segment::CantLose,
        (_, 3 | 4) => Segment::AtRisk,
        (1, 1) => Segment::Lost,
        _ => Segment::Hibernating,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::classify::testkit::day;

    #[test]
    fn quintile_gives_ties_one_score_and_spreads_the_rest() {
        // 100 distinct values: the worst gets 1, the best 5, each fifth its own score.
        let got: Vec<u8> = (0..100).map(|w| quintile(w, 1, 100)).collect();
        assert_eq!(got[0], 1);
        assert_eq!(got[19], 1);
        assert_eq!(got[20], 2);
        assert_eq!(got[99], 5);
        for s in 1..=5u8 {
            assert_eq!(got.iter().filter(|&&g| g == s).count(), 20, "score {s}");
        }
        assert_eq!(quintile(0, 1, 1), 3, "a lone buyer is in the middle");
        assert_eq!(quintile(0, 7, 7), 3, "all tied are in the middle");
    }

    #[test]
    fn both_scoring_paths_agree() {
        // Small span (counting) and wide span (sorting) must give the same scores for the same order.
        let small: Vec<i64> = (0..500).map(|i| (i * 37) % 90).collect();
        let wide: Vec<i64> = small.iter().map(|k| k * 1_000_000_007).collect();
        assert_eq!(score_metric(&small), score_metric(&wide));
        assert_eq!(score_metric(&[]), Vec::<u8>::new());
        assert_eq!(score_metric(&[5]), vec![3]);
    }

    #[test]
    fn scores_rank_recency_frequency_and_money() {
        let row = |id, last: &str, f, m| RankRow {
            id,
            archived: false,
            basis_window: m,
            orders_window: f,
            bought: true,
            last_order: Some(day(last)),
        };
        let rows = vec![
            row(1, "2026-11-20", 9, 9000),
            row(2, "2026-06-01", 1, 100),
            row(3, "2025-01-01", 0, 0),
            row(4, "2026-10-01", 3, 500),
            row(5, "2026-09-01", 2, 300),
            RankRow {
                id: 6,
                archived: false,
                basis_window: 0,
                orders_window: 0,
                bought: false,
                last_order: None,
            },
        ];
        let s = scores(&rows);
        assert_eq!(s[0], Some(Rfm { r: 5, f: 5, m: 5 }));
        assert_eq!(s[2], Some(Rfm { r: 1, f: 1, m: 1 }));
        assert_eq!(s[5], None, "no orders, no RFM");
        // Ties share a score.
        let tied = vec![row(1, "2026-01-01", 2, 10), row(2, "2026-01-01", 2, 10)];
        let s = scores(&tied);
        assert_eq!(s[0], s[1]);
    }

    #[test]
    fn segment_map_covers_every_cell_and_every_name() {
        let mut seen = std::collections::HashSet::new();
        for r in 1..=5 {
            for f in 1..=5 {
                for m in 1..=5 {
                    seen.insert(segment(Rfm { r, f, m }));
                }
            }
        }
        assert_eq!(seen.len(), Segment::ALL.len());
        let cases = [
            ((5, 5, 5), Segment::Champions),
            ((5, 1, 1), Segment::New),
            ((4, 1, 1), Segment::Promising),
            ((4, 4, 5), Segment::Loyal),
            ((5, 3, 2), Segment::PotentialLoyalist),
            ((3, 3, 3), Segment::NeedAttention),
            ((3, 1, 2), Segment::AboutToSleep),
            ((2, 3, 4), Segment::AtRisk),
            ((1, 5, 5), Segment::CantLose),
            ((2, 1, 2), Segment::Hibernating),
            ((1, 1, 1), Segment::Lost),
        ];
        for ((r, f, m), want) in cases {
            assert_eq!(segment(Rfm { r, f, m }), want, "{r}{f}{m}");
        }
        assert_eq!("345".parse::<Rfm>(), Ok(Rfm { r: 3, f: 4, m: 5 }));
        assert!("346".parse::<Rfm>().is_err());
    }
}
