//! The value report as plain values: one computation (store aggregates shaped here) that the Report tab,
//! the CLI and every output format render. Amounts are minor units of the file's currency; shares are
//! fractions 0–1; "revenue" is revenue in the classification window (`derived.revenue_window`), the
//! figure the customer list shows, so every count and amount here agrees with `customer list`.
//!
//! Every row a user can open carries `drill`: a filter expression in the filter language
//! (`domain::filter`) that, joined with the report's own filter, selects exactly the customers the row
//! counts. Customers keep the classes they have among everyone: a filtered report never re-ranks.

use chrono::NaiveDate;

use super::{FeedbackKind, FeedbackStatus, Priority, Segment, Stage, Tier};

/// The whole report for one day and one filter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The day the report is as of.
    pub today: NaiveDate,
    /// The filter as the user typed it ("" for everyone not archived).
    pub filter: String,
    /// The file's currency code (`CNY`, `USD` …).
    pub currency: String,
    /// Customers in scope: not archived, matching the filter.
    pub customers: i64,
    /// Their revenue in the window.
    pub revenue: i64,
    pub tiers: Tiers,
    pub rfm: Rfm,
    pub funnel: Funnel,
    pub churn: Vec<ChurnRow>,
    pub channels: Vec<ChannelRow>,
    pub regions: Vec<PlaceRow>,
    pub industries: Vec<PlaceRow>,
    pub feedback: FeedbackSection,
    pub staff: Staff,
    pub months: Vec<MonthRow>,
}

/// Tiers: one row per tier (A, B, C, then customers with no tier), and the Pareto curve.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tiers {
    pub rows: Vec<TierRow>,
    /// Cumulative revenue share against customer share, customers sorted by revenue, best first: 101
    /// points at customer shares 0, 0.01 … 1 (empty when there are no customers).
    pub pareto: Vec<ParetoPoint>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TierRow {
    /// `None`: customers with no tier (no revenue in the window).
    pub tier: Option<Tier>,
    pub customers: i64,
    pub revenue: i64,
    /// Revenue share of the report's revenue (0 when that is 0).
    pub share: f64,
    /// Average projected CLV (`derived.clv_proj`), rounded to a minor unit; 0 for no customers.
    pub avg_clv: i64,
    pub drill: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ParetoPoint {
    pub customer_share: f64,
    pub revenue_share: f64,
}

/// RFM: customers and revenue per segment, and the R × F grid of buyers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rfm {
    /// Every segment in `Segment::ALL` order (zero rows kept, so the grid is stable), then customers with
    /// no segment (non-buyers) as `segment: None`.
    pub segments: Vec<SegmentRow>,
    /// `grid[r - 1][f - 1]`: buyers with that recency and frequency score.
    pub grid: [[GridCell; 5]; 5],
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SegmentRow {
    pub segment: Option<Segment>,
    pub customers: i64,
    pub revenue: i64,
    pub share: f64,
    pub drill: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct GridCell {
    pub customers: i64,
    pub revenue: i64,
    pub drill: String,
}

/// The lifecycle funnel potential → intent → active → loyal, and the at-risk and churned beside it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Funnel {
    /// One row per stage in `Stage::ALL` order.
    pub stages: Vec<StageRow>,
    /// The four steps potential, intent, active, loyal: how many reached each, and the conversion from
    /// the step before (the first step's is `None`). Reached: a customer now at a later stage reached
    /// every earlier one; at-risk and churned customers count as having reached active (not loyal).
    pub steps: Vec<FunnelStep>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageRow {
    pub stage: Stage,
    pub customers: i64,
    pub revenue: i64,
    pub drill: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FunnelStep {
    pub stage: Stage,
    pub reached: i64,
    /// `reached / reached of the step before`; `None` for the first step or when the one before is 0.
    pub conversion: Option<f64>,
    pub drill: String,
}

/// One of the highest churn risks (at most 20, highest risk first, then most revenue, then id).
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnRow {
    pub id: i64,
    pub name: String,
    pub tier: Option<Tier>,
    pub stage: Stage,
    pub risk: u8,
    /// The churn reasons as locale keys with their values (what `customer show` explains), so each
    /// front end words them in its language.
    pub reasons: Vec<Reason>,
    /// What is at stake: revenue in the window and projected CLV.
    pub revenue: i64,
    pub clv: i64,
    pub drill: String,
}

/// A reason as a locale key and the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reason {
    pub key: String,
    pub args: Vec<(String, String)>,
}

/// A source channel (or `code: None`, customers with no source).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChannelRow {
    pub code: Option<String>,
    /// The channel's label from `source_channels` (the code when it has none).
    pub label: String,
    pub customers: i64,
    /// Customers per stage, in `Stage::ALL` order (the seeds' channel table: potential, intent, buying
    /// = active, loyal, at risk, lost = churned).
    pub by_stage: Vec<(Stage, i64)>,
    /// Customers with at least one order ever.
    pub buyers: i64,
    /// `buyers / customers`.
    pub conversion: f64,
    /// Median days from a customer's creation to their first order, among buyers.
    pub median_days_to_first_order: Option<f64>,
    pub revenue: i64,
    pub revenue_per_customer: i64,
    pub avg_clv: i64,
    pub drill: String,
}

/// A region or an industry (`name: None`: not given).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlaceRow {
    pub name: Option<String>,
    pub customers: i64,
    pub revenue: i64,
    pub share: f64,
    pub drill: String,
}

/// Feedback of the customers in scope.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedbackSection {
    /// Every status in `FeedbackStatus::ALL` order.
    pub by_status: Vec<(FeedbackStatus, i64)>,
    /// Every kind in `FeedbackKind::ALL` order: all, and how many are open (new, investigating, reopened).
    pub by_kind: Vec<KindRow>,
    /// Open items past their response target, per priority P1…P4, and in all.
    pub overdue: Vec<(Priority, i64)>,
    pub overdue_total: i64,
    /// Median days from received to resolved, over items with a resolution date.
    pub median_days_to_resolve: Option<f64>,
    /// Average satisfaction (1–5) over items that have one.
    pub avg_satisfaction: Option<f64>,
    /// Complaints per 100 customers, per tier (A, B, C, none).
    pub complaints_by_tier: Vec<ComplaintRate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KindRow {
    pub kind: FeedbackKind,
    pub total: i64,
    pub open: i64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComplaintRate {
    pub tier: Option<Tier>,
    pub complaints: i64,
    pub customers: i64,
    pub per_100: f64,
    pub drill: String,
}

/// Contact activity per person.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Staff {
    /// The Mondays starting the last 8 weeks, oldest first; the last is this week's.
    pub weeks: Vec<NaiveDate>,
    /// Everyone who logged a contact in those weeks or owns a customer in scope, by name.
    pub rows: Vec<StaffRow>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct StaffRow {
    pub name: String,
    /// Contacts logged per week, aligned with `Staff::weeks`.
    pub contacts: Vec<i64>,
    /// Their customers due today or overdue, and of those overdue.
    pub due: i64,
    pub overdue: i64,
    pub drill: String,
}

/// One calendar month (the last 24, oldest first, this month last).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonthRow {
    /// The first day of the month.
    pub month: NaiveDate,
    /// Order revenue dated in the month, net of returns, of customers in scope.
    pub revenue: i64,
    pub orders: i64,
    /// Customers in scope created in the month.
    pub new_customers: i64,
}
