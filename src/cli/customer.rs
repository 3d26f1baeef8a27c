//! `tiercrm customer …`: add, edit, show, list, archive, restore (the JSON shape is `shapes::customer`).

use anyhow::Result;
use clap::{Args, Subcommand};

use super::App;
use super::output::{self, Table};
use crate::domain::customer::CustomerPatch;
use crate::domain::{CustomerId, CustomerKind, filter, money};
use crate::ops;
use crate::shapes::{CustomerShowJson, to_json};
use crate::store::{customers, explained, filter_sql, timeline};

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
        let stage_pin = self.pin.as_deref().map(ops::customers::parse_pin).transpose()?;
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

/// Prints a customer after a change: JSON with its classes and reasons, or a one-line summary.
pub fn print_changed(app: &App, verb: &str, id: i64) -> Result<()> {
    let s = &app.store;
    let id = CustomerId(id);
    if app.json {
        let e = ops::classify::explain(s, id, crate::i18n::english())?;
        return output::json(&to_json(&e.customer, &e.inputs, &e.classes, Some(&e.reasons)));
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

/// After a change to a customer's records, the customer's classes now (in text; `--json` printed the record).
pub(super) fn report(app: &App, id: i64) -> Result<()> {
    if !app.json {
        print_changed(app, "now", id)?;
    }
    Ok(())
}

pub fn run(cmd: CustomerCmd, app: &mut App) -> Result<()> {
    match cmd {
        CustomerCmd::Add(fields) => {
            let c = ops::customers::add(&mut app.store, fields.patch()?)?;
            print_changed(app, "added", c.id.0)
        }
        CustomerCmd::Edit { id, fields, if_version } => {
            ops::customers::edit(&mut app.store, CustomerId(id), fields.patch()?, if_version)?;
            print_changed(app, "changed", id)
        }
        CustomerCmd::Archive { id } => {
            ops::customers::archive(&mut app.store, CustomerId(id))?;
            print_changed(app, "archived", id)
        }
        CustomerCmd::Restore { id } => {
            ops::customers::restore(&mut app.store, CustomerId(id))?;
            print_changed(app, "restored", id)
        }
        CustomerCmd::Show { id } => show(app, id),
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

/// `customer show`: every field, each class with its reasons, and the timeline.
fn show(app: &App, id: i64) -> Result<()> {
    let s = &app.store;
    let e = ops::classify::explain(s, CustomerId(id), crate::i18n::english())?;
    let c = &e.customer;
    let events = timeline::recent(s.conn(), CustomerId(id), 30, s.today, &s.currency)?;
    if app.json {
        // Scripts get every row as stored; the text below folds re-rank moves as the interface does.
        let feedback =
            crate::store::feedback::list_by(s.conn(), Some(CustomerId(id)), false, None, s.today, &s.respond)?;
        return output::json(&CustomerShowJson {
            customer: to_json(c, &e.inputs, &e.classes, Some(&e.reasons)),
            timeline: &events,
            feedback: crate::shapes::records::all(&feedback),
        });
    }
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    output::fields(&[
        ("id", c.id.to_string()),
        ("name", c.name.clone()),
        ("kind", c.kind.to_string()),
        ("external id", o(&c.external_id)),
        ("company", o(&c.company)),
        ("industry", o(&c.industry)),
        ("region", o(&c.region)),
        ("address", o(&c.address)),
        ("phone", o(&c.phone)),
        ("email", o(&c.email)),
        ("social", o(&c.social)),
        ("source", o(&c.source)),
        ("owner", o(&c.owner)),
        ("tags", c.tags.join(", ")),
        ("needs", o(&c.needs)),
        ("notes", o(&c.notes)),
        ("stage pin", c.stage_pin.map(|p| p.to_string()).unwrap_or_default()),
        ("archived", if c.archived { "yes".into() } else { "no".into() }),
        (
            "version",
            format!(
                "{} (changed {} by {})",
                c.version,
                crate::store::clock::show(c.updated_at),
                c.updated_by
            ),
        ),
        (
            "created",
            format!("{} by {}", crate::store::clock::show(c.created_at), c.created_by),
        ),
    ])?;
    output::line("")?;
    output::line(&format!("classes as of {}:", s.today))?;
    output::reasons(&e.reasons)?;
    output::line("")?;
    output::line("timeline (newest first):")?;
    if events.is_empty() {
        output::line("  nothing yet")?;
    }
    for ev in &timeline::fold(events, &s.currency) {
        output::line(&format!(
            "  {}  {:<8}  {}",
            crate::store::clock::show_date(&ev.at),
            ev.what,
            ev.text
        ))?;
        for body_line in ev
            .body
            .iter()
            .flat_map(|b| b.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            output::line(&format!("  {:10}  {:8}  {body_line}", "", ""))?;
        }
    }
    Ok(())
}
