//! The queue and the headline numbers as JSON: `due`, the bare command's summary, and what `classify`
//! re-derived.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::classify::explain::DueWhy;
use crate::domain::money;
use crate::i18n::I18n;
use crate::store::derive;
use crate::store::queue::DueRow;

/// A queue row with why the customer is due (`due --json`).
#[derive(Debug, serde::Serialize)]
pub struct DueJson {
    #[serde(flatten)]
    pub row: DueRow,
    /// The whole why-due sentence in English, date first, as `reasons.next_due` words it.
    pub why: String,
}

impl DueJson {
    /// The row with its reason worded in `words` (English for scripts).
    pub fn new(row: DueRow, why: &DueWhy, words: &I18n) -> DueJson {
        DueJson {
            row,
            why: why.say(words),
        }
    }
}

/// One tier's line of the summary.
#[derive(Debug, serde::Serialize)]
pub struct TierJson {
    pub tier: String,
    pub customers: i64,
    pub revenue_window: f64,
    /// The tier's part of everyone's revenue in the window, 0–1.
    pub share: f64,
}

/// `tiercrm --json` with no command: customers per tier, stages, and the top of the queue.
#[derive(Debug, serde::Serialize)]
pub struct SummaryJson {
    pub today: String,
    pub tiers: Vec<TierJson>,
    pub stages: BTreeMap<String, i64>,
    pub due: usize,
    pub top_due: Vec<DueRow>,
}

impl SummaryJson {
    /// `tiers` as (tier, customers, revenue in the window in minor units).
    pub fn new(
        today: NaiveDate,
        tiers: &[(String, i64, i64)],
        stages: Vec<(String, i64)>,
        due: usize,
        top_due: Vec<DueRow>,
    ) -> SummaryJson {
        let total: i64 = tiers.iter().map(|t| t.2).sum();
        SummaryJson {
            today: today.to_string(),
            tiers: tiers
                .iter()
                .map(|(t, n, r)| TierJson {
                    tier: t.clone(),
                    customers: *n,
                    revenue_window: money::to_major(*r),
                    share: if total > 0 { *r as f64 / total as f64 } else { 0.0 },
                })
                .collect(),
            stages: stages.into_iter().collect(),
            due,
            top_due,
        }
    }
}

/// `classify --json`: how many customers were re-derived and what changed.
#[derive(Debug, serde::Serialize)]
pub struct ClassifyJson {
    pub customers: usize,
    pub rows_written: usize,
    pub history_rows: usize,
}

impl From<&derive::Summary> for ClassifyJson {
    fn from(s: &derive::Summary) -> Self {
        ClassifyJson {
            customers: s.customers,
            rows_written: s.rows_written,
            history_rows: s.history_rows,
        }
    }
}
