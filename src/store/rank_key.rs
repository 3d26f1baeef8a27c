//! The packed `rank_key` column of `derived`: everything the re-rank after a write reads for each
//! customer besides the id and the basis, in one integer served in ranking order by the `derived_rank` index.

use chrono::NaiveDate;

use super::derive::Relative;
use crate::domain::Tier;
use crate::domain::classify::{Classes, Inputs, RankRow, Rfm};

const ARCHIVED: i64 = 1 << 9;
/// Orders in the window are capped at this in the key (no real customer comes near it).
const MAX_WINDOW_ORDERS: u32 = (1 << 20) - 1;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()
}

/// last order day (days since 1900 + 1, 0 = none) << 30 | orders in window << 10 | archived << 9 |
/// tier (0 none, 1 A, 2 B, 3 C) << 7 | RFM (0..124, 127 = none).
pub fn pack(i: &Inputs, c: &Classes) -> i64 {
    let day = i.last_order.map_or(0, |d| (d - epoch()).num_days().max(0) + 1);
    let tier = match c.tier {
        None => 0,
        Some(Tier::A) => 1,
        Some(Tier::B) => 2,
        Some(Tier::C) => 3,
    };
    let rfm = c
        .rfm
        .map_or(127, |s| i64::from((s.r - 1) * 25 + (s.f - 1) * 5 + (s.m - 1)));
    (day << 30)
        | (i64::from(i.orders_window.min(MAX_WINDOW_ORDERS)) << 10)
        | if i.archived { ARCHIVED } else { 0 }
        | (tier << 7)
        | rfm
}

pub fn unpack(id: i64, basis_window: i64, key: i64) -> (RankRow, Relative) {
    let day = key >> 30;
    let last_order = (day > 0).then(|| epoch() + chrono::Duration::days(day - 1));
    let row = RankRow {
        id,
        archived: key & ARCHIVED != 0,
        basis_window,
        orders_window: ((key >> 10) & i64::from(MAX_WINDOW_ORDERS)) as u32,
        bought: last_order.is_some(),
        last_order,
    };
    let tier = match (key >> 7) & 3 {
        1 => Some(Tier::A),
        2 => Some(Tier::B),
        3 => Some(Tier::C),
        _ => None,
    };
    let code = (key & 127) as u8;
    let rfm = (code < 125).then(|| Rfm {
        r: code / 25 + 1,
        f: code / 5 % 5 + 1,
        m: code % 5 + 1,
    });
    (row, (tier, rfm))
}

/// SQL true for customers that are not archived, over the key column.
pub const NOT_ARCHIVED: &str = "(rank_key & 512) = 0";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::classify::{Classes, Inputs};
    use crate::domain::{Behavior, Stage};

    #[test]
    fn packs_and_unpacks_every_part() {
        let mut i = Inputs::new(7, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        i.last_order = NaiveDate::from_ymd_opt(2026, 11, 20);
        i.orders_window = 42;
        i.orders_total = 50;
        i.archived = true;
        i.basis_window = 123;
        let c = Classes {
            tier: Some(Tier::B),
            behavior: Behavior::Frequent,
            stage: Stage::Active,
            rfm: Some(Rfm { r: 5, f: 1, m: 3 }),
            segment: None,
            clv_hist: 0,
            clv_proj: 0,
            churn_risk: 0,
            churn_flag: false,
            cadence_days: None,
            next_due: None,
        };
        let (row, rel) = unpack(7, 123, pack(&i, &c));
        assert_eq!(row, RankRow::from(&i));
        assert_eq!(rel, (Some(Tier::B), Some(Rfm { r: 5, f: 1, m: 3 })));
        let lead = Inputs::new(8, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let c = Classes {
            tier: None,
            rfm: None,
            ..c
        };
        let (row, rel) = unpack(8, 0, pack(&lead, &c));
        assert_eq!(row, RankRow::from(&lead));
        assert_eq!(rel, (None, None));
    }
}
