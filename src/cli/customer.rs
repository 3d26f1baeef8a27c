//! `tiercrm customer …`: add, edit, show, list, archive, restore — and the stable JSON shape of a customer.

use std::collections::BTreeMap;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::App;
use super::output::{self, Table};
use crate::domain::classify::explain::Reasons;
use crate::domain::classify::{Classes, Inputs, Rfm};
use crate::domain::customer::{Customer, CustomerPatch};
use crate::domain::{CustomerKind, Stage, filter, money};
use crate::store::{customers, explained, filter_sql};

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Add a customer
    Add(FieldArgs),
    /// Change a customer's fields (an empty value clears a field)
    Edit {
        id: i64,
        #[command(flatten)]
        fields: FieldArgs,
        /// Refuse (exit 3) if the customer is no longer at this version
        #[arg(long, value_name = "N")]
        if_version: Option<i64>,
    },
    /// Every field, each class with its reasons, and a timeline
    Show { id: i64 },
    /// List customers matching a filter
    List {
        /// Filter, e.g. "tier:A stage:at_risk owner:me 上海 -tag:vip"
        #[arg(long, short, default_value = "", allow_hyphen_values = true)]
        filter: String,
        /// Sort field (id, name, company, tier, stage, segment, risk, revenue, clv, due, owner, updated); -FIELD reverses
        #[arg(long, short, default_value = "tier", allow_hyphen_values = true)]
        sort: String,
        /// At most this many rows
        #[arg(long, short)]
        limit: Option<usize>,
    },
    /// Archive (soft-delete) a customer
    Archive { id: i64 },
    /// Bring an archived customer back
    Restore { id: i64 },
}

/// The fields `add` and `edit` share.
#[derive(Debug, Args, Default)]
pub struct FieldArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// individual, company, government or nonprofit
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// Province / city
    #[arg(long)]
    pub region: Option<String>,
    #[arg(long)]
    pub industry: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    /// WeChat or other social handle
    #[arg(long)]
    pub social: Option<String>,
    /// Source channel (online_ads, search, social, email_campaign, referral, partner, trade_show, cold_call, walk_in, other)
    #[arg(long)]
    pub source: Option<String>,
    /// Staff member responsible [default on add: you]
    #[arg(long)]
    pub owner: Option<String>,
    /// A tag; repeat or separate with commas. On edit, replaces all tags
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Needs and preferences
    #[arg(long)]
    pub needs: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// Key in another system (unique)
    #[arg(long)]
    pub external_id: Option<String>,
    /// Pin the lifecycle stage by hand; "none" removes the pin
    #[arg(long, value_name = "STAGE")]
    pub pin: Option<String>,
}

impl FieldArgs {
    pub fn patch(self) -> Result<CustomerPatch> {
        let kind = self.kind.as_deref().map(str::parse::<CustomerKind>).transpose()?;
        let stage_pin = match self.pin.as_deref() {
            None => None,
            Some(p) if p.eq_ignore_ascii_case("none") || p.is_empty() => Some(None),
            Some(p) => Some(Some(p.parse::<Stage>()?)),
        };
        Ok(CustomerPatch {
            name: self.name,
            kind,
            external_id: self.external_id,
            company: self.company,
            industry: self.industry,
            region: self.region,
            address: self.address,
            phone: self.phone,
            email: self.email,
            social: self.social,
            source: self.source,
            owner: self.owner,
            needs: self.needs,
            notes: self.notes,
            tags: if self.tags.is_empty() { None } else { Some(self.tags) },
            stage_pin,
        })
    }
}

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
    pub tier: Option<crate::domain::Tier>,
    pub behavior: crate::domain::Behavior,
    pub stage: Stage,
    pub rfm: Option<Rfm>,
    pub rfm_segment: Option<crate::domain::Segment>,
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
    pub reasons: Option<BTreeMap<&'static str, String>>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
}

fn reasons_map(r: &Reasons) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("tier", r.tier.clone()),
        ("behavior", r.behavior.clone()),
        ("stage", r.stage.clone()),
        ("rfm", r.rfm.clone()),
        ("clv", r.clv.clone()),
        ("churn_risk", r.churn_risk.clone()),
        ("next_due", r.next_due.clone()),
    ])
}

/// Builds the JSON view.
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
        created_at: c.created_at.clone(),
        created_by: c.created_by.clone(),
        updated_at: c.updated_at.clone(),
        updated_by: c.updated_by.clone(),
    }
}

/// Prints a customer after a change: JSON with its classes and reasons, or a one-line summary.
pub fn print_changed(app: &App, verb: &str, id: i64) -> Result<()> {
    let s = &app.store;
    if app.json {
        let c = customers::get(s.conn(), id)?;
        let explained =
            explained::explain_many(s.conn(), &[id], crate::i18n::english(), &s.params, s.today, &s.currency)?;
        return match explained.get(&id) {
            Some(e) => output::json(&to_json(&c, &e.inputs, &e.classes, Some(&e.reasons))),
            None => output::json(&c),
        };
    }
    let (c, classes) = customers::get_with_classes(s.conn(), id)?;
    match classes {
        Some(cl) => output::line(&format!(
            "{verb} customer {} {} (version {}): tier {}, {}, {}, next due {}",
            c.id,
            c.name,
            c.version,
            cl.tier.map_or("-".into(), |t| t.to_string()),
            cl.stage,
            cl.behavior,
            cl.next_due.map_or("never".into(), |d| d.to_string())
        )),
        None => output::line(&format!("{verb} customer {} {}", c.id, c.name)),
    }
}

pub fn run(cmd: CustomerCmd, app: &mut App) -> Result<()> {
    match cmd {
        CustomerCmd::Add(fields) => {
            let patch = fields.patch()?;
            let c = app.store.write("customer added", |w| customers::add(w, patch))?;
            print_changed(app, "added", c.id.0)
        }
        CustomerCmd::Edit { id, fields, if_version } => {
            let patch = fields.patch()?;
            if patch.is_empty() {
                anyhow::bail!(crate::domain::Invalid::new(
                    "edit",
                    "nothing to change: name at least one field flag"
                ));
            }
            let trigger = format!("customer {id} edited");
            app.store
                .write(&trigger, |w| customers::edit(w, id, patch, if_version))?;
            print_changed(app, "changed", id)
        }
        CustomerCmd::Archive { id } => {
            app.store.write(&format!("customer {id} archived"), |w| {
                customers::set_archived(w, id, true)
            })?;
            print_changed(app, "archived", id)
        }
        CustomerCmd::Restore { id } => {
            app.store.write(&format!("customer {id} restored"), |w| {
                customers::set_archived(w, id, false)
            })?;
            print_changed(app, "restored", id)
        }
        CustomerCmd::Show { id } => super::records::show_customer(app, id),
        CustomerCmd::List {
            filter: text,
            sort,
            limit,
        } => {
            let s = &app.store;
            let f = filter::parse(&text, &s.user)?;
            let rows = filter_sql::list(s.conn(), &f, &sort, limit, s.today)?;
            if app.json {
                let explainer = if rows.len() <= 16 {
                    explained::Explainer::for_few(s.conn(), crate::i18n::english(), &s.params, s.today, &s.currency)?
                } else {
                    explained::Explainer::for_many(s.conn(), crate::i18n::english(), &s.params, s.today, &s.currency)?
                };
                return output::json_array(rows.iter().map(|r| {
                    let reasons = explainer.reasons(s.conn(), &r.inputs, &r.classes)?;
                    Ok(to_json(&r.customer, &r.inputs, &r.classes, Some(&reasons)))
                }));
            }
            let mut t = Table::new(&[
                ("ID", 8),
                ("NAME", 24),
                ("COMPANY", 24),
                ("TIER", 4),
                ("STAGE", 10),
                ("SEGMENT", 18),
                ("RISK", 4),
                ("REVENUE", 14),
                ("NEXT DUE", 10),
                ("OWNER", 16),
            ]);
            for r in &rows {
                let (c, cl) = (&r.customer, &r.classes);
                t.row(vec![
                    c.id.to_string(),
                    c.name.clone(),
                    c.company.clone().unwrap_or_default(),
                    cl.tier.map_or("-".into(), |t| t.to_string()),
                    cl.stage.to_string(),
                    cl.segment.map_or("-".into(), |s| s.to_string()),
                    format!("{}{}", cl.churn_risk, if cl.churn_flag { "!" } else { "" }),
                    money::format(r.inputs.revenue_window, &s.currency),
                    cl.next_due.map_or("-".into(), |d| d.to_string()),
                    c.owner.clone().unwrap_or_default(),
                ]);
            }
            t.print_or("no customers match")
        }
    }
}
