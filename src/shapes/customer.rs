//! A customer as JSON: every field, the classes and, where asked for, the reason for each class.

use std::collections::BTreeMap;

use crate::domain::classify::explain::Reasons;
use crate::domain::classify::{Classes, Inputs, Rfm};
use crate::domain::customer::Customer;
use crate::domain::{Behavior, CustomerKind, Segment, Stage, Tier, money};
use crate::store::timeline;

/// The stable JSON shape of a customer (documented in the README).
#[derive(Debug, serde::Serialize)]
pub struct CustomerJson {
    pub id: i64,
    pub external_id: Option<String>,
    pub name: String,
    pub kind: CustomerKind,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub social: Option<String>,
    pub owner: Option<String>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub needs: Option<String>,
    pub notes: Option<String>,
    pub stage_pin: Option<Stage>,
    pub archived: bool,
    pub tier: Option<Tier>,
    pub behavior: Behavior,
    pub stage: Stage,
    pub rfm: Option<Rfm>,
    pub rfm_segment: Option<Segment>,
    pub revenue_window: f64,
    pub basis_window: f64,
    pub orders_total: u32,
    pub orders_window: u32,
    pub last_order: Option<chrono::NaiveDate>,
    pub last_contact: Option<chrono::NaiveDate>,
    pub clv: f64,
    pub clv_historical: f64,
    pub clv_projected: f64,
    pub churn_risk: u8,
    pub churn_flag: bool,
    pub cadence_days: Option<i64>,
    pub next_due: Option<chrono::NaiveDate>,
    /// The reason for each class, keyed by `ClassField::key` (sorted, as scripts have always read it).
    pub reasons: Option<BTreeMap<&'static str, String>>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
}

/// `customer show --json`: the customer and their recent timeline.
#[derive(Debug, serde::Serialize)]
pub struct CustomerShowJson<'a> {
    #[serde(flatten)]
    pub customer: CustomerJson,
    pub timeline: &'a [timeline::Event],
    /// Every feedback item, as `feedback list` shows it (priority, respond_by, overdue_days).
    pub feedback: Vec<super::FeedbackJson>,
}

fn reasons_map(r: &Reasons) -> BTreeMap<&'static str, String> {
    r.iter().map(|(field, text)| (field.key(), text.to_string())).collect()
}

/// Builds the JSON view of a customer; `reasons` is left out (null) where the caller did not explain.
pub fn to_json(c: &Customer, i: &Inputs, cl: &Classes, reasons: Option<&Reasons>) -> CustomerJson {
    CustomerJson {
        id: c.id.0,
        external_id: c.external_id.clone(),
        name: c.name.clone(),
        kind: c.kind,
        company: c.company.clone(),
        industry: c.industry.clone(),
        region: c.region.clone(),
        address: c.address.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        social: c.social.clone(),
        owner: c.owner.clone(),
        source: c.source.clone(),
        tags: c.tags.clone(),
        needs: c.needs.clone(),
        notes: c.notes.clone(),
        stage_pin: c.stage_pin,
        archived: c.archived,
        tier: cl.tier,
        behavior: cl.behavior,
        stage: cl.stage,
        rfm: cl.rfm,
        rfm_segment: cl.segment,
        revenue_window: money::to_major(i.revenue_window),
        basis_window: money::to_major(i.basis_window),
        orders_total: i.orders_total,
        orders_window: i.orders_window,
        last_order: i.last_order,
        last_contact: i.last_contact,
        clv: money::to_major(cl.clv_hist.saturating_add(cl.clv_proj)),
        clv_historical: money::to_major(cl.clv_hist),
        clv_projected: money::to_major(cl.clv_proj),
        churn_risk: cl.churn_risk,
        churn_flag: cl.churn_flag,
        cadence_days: cl.cadence_days,
        next_due: cl.next_due,
        reasons: reasons.map(reasons_map),
        version: c.version,
        created_at: crate::domain::dates::format_datetime(c.created_at),
        created_by: c.created_by.clone(),
        updated_at: crate::domain::dates::format_datetime(c.updated_at),
        updated_by: c.updated_by.clone(),
    }
}
