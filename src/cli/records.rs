//! `tiercrm order|contact|feedback|followup …` and the customer detail view with its timeline.

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::Subcommand;

use super::output::{self, Table};
use super::{App, non_empty};
use crate::domain::contact::NewContact;
use crate::domain::order::NewOrder;
use crate::domain::{
    Channel, CustomerId, Direction, FeedbackId, FeedbackKind, FeedbackStatus, FollowupId, dates, money, reach,
};
use crate::store::feedback::{FeedbackUpdate, NewFeedback};
use crate::store::{contacts, customers, explained, feedback, followups, orders, timeline};

#[derive(Debug, Subcommand)]
pub enum OrderCmd {
    /// Record a purchase
    Add {
        #[arg(long)]
        customer: i64,
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// In major units, e.g. 1280.50
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        #[arg(long, allow_hyphen_values = true)]
        cost: Option<String>,
        #[arg(long)]
        product: Option<String>,
    },
    /// Orders, newest first
    List {
        #[arg(long)]
        customer: Option<i64>,
        #[arg(long, short, default_value_t = 50)]
        limit: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Log a call, visit, message or meeting; --next opens a follow-up on that date
    Log {
        #[arg(long)]
        customer: i64,
        /// phone, email, visit, meeting, sms, wechat, social, other
        #[arg(long, default_value = "phone")]
        channel: String,
        /// in or out
        #[arg(long, default_value = "out")]
        direction: String,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long)]
        outcome: Option<String>,
        /// When it happened: YYYY-MM-DD or "YYYY-MM-DD HH:MM" (UTC) [default: now]
        #[arg(long)]
        at: Option<String>,
        /// Next follow-up date; replaces the follow-up an earlier contact's --next opened
        #[arg(long)]
        next: Option<String>,
    },
    /// Contacts, newest first
    List {
        #[arg(long)]
        customer: Option<i64>,
        #[arg(long, short, default_value_t = 50)]
        limit: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum FeedbackCmd {
    /// Record feedback
    Add {
        #[arg(long)]
        customer: i64,
        /// complaint, suggestion, praise, inquiry, need
        #[arg(long)]
        kind: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        body: Option<String>,
        /// 1 (low) to 3 (high)
        #[arg(long, default_value_t = 2)]
        urgency: i64,
        /// 1 (low) to 3 (high)
        #[arg(long, default_value_t = 2)]
        importance: i64,
        /// How it reached you (phone, email, wechat …)
        #[arg(long)]
        channel: Option<String>,
        /// When it was received [default: now]
        #[arg(long)]
        at: Option<String>,
    },
    /// Change status, assignee, resolution, or give the satisfaction score when closing
    Update {
        id: i64,
        /// new, investigating, resolved, closed, reopened
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        assignee: Option<String>,
        #[arg(long)]
        resolution: Option<String>,
        /// 1–5, with --status closed
        #[arg(long)]
        satisfaction: Option<i64>,
    },
    /// Feedback by priority in force, oldest first
    List {
        #[arg(long)]
        customer: Option<i64>,
        /// Include resolved and closed items
        #[arg(long)]
        all: bool,
        #[arg(long, short, default_value_t = 50)]
        limit: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum FollowupCmd {
    /// Promise to contact a customer by a date
    Add {
        #[arg(long)]
        customer: i64,
        #[arg(long)]
        due: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark a follow-up done
    Done { id: i64 },
    /// Move a follow-up to a later date
    Snooze {
        id: i64,
        #[arg(long)]
        until: String,
    },
    /// Pending follow-ups by due date (archived customers' left out, as `due` does)
    List {
        #[arg(long)]
        customer: Option<i64>,
        /// Include done ones and archived customers' (marked [archived])
        #[arg(long)]
        all: bool,
        #[arg(long, short, default_value_t = 50)]
        limit: usize,
    },
}

/// A time typed by the user, or now; when `--today` moves the date, "now" is noon of that day so that
/// the record is not in the future of the date being classified.
fn when(app: &App, field: &str, text: Option<&str>) -> Result<DateTime<Utc>> {
    if let Some(t) = text {
        return Ok(crate::store::clock::parse_local(field, t)?);
    }
    Ok(crate::store::clock::moment(app.store.today))
}

/// Warns on standard error about a record dated after today: saved, but not counted until then.
fn warn_ahead(app: &App, field: &str, day: chrono::NaiveDate) {
    if let Some(w) = reach::ahead_warning(crate::i18n::english(), day, app.store.today) {
        output::note(&format!("warning: {field} {w}"));
    }
}

fn report_customer(app: &App, id: i64) -> Result<()> {
    if !app.json {
        super::customer::print_changed(app, "now", id)?;
    }
    Ok(())
}

pub fn run_order(cmd: OrderCmd, app: &mut App) -> Result<()> {
    match cmd {
        OrderCmd::Add {
            customer,
            date,
            amount,
            cost,
            product,
        } => {
            let date = match date {
                Some(d) => dates::parse_date("date", &d)?,
                None => app.store.today,
            };
            let o = NewOrder {
                customer_id: CustomerId(customer),
                date,
                amount: money::parse_amount("amount", &amount, &app.store.currency)?,
                cost: cost
                    .map(|c| money::parse_amount("cost", &c, &app.store.currency))
                    .transpose()?,
                product: non_empty(product),
            };
            let trigger = format!("order added for customer {customer}");
            let order = app.store.write(&trigger, |w| orders::add(w, o))?;
            warn_ahead(app, "date", order.date);
            if app.json {
                return output::json(&order);
            }
            output::line(&format!(
                "added order {} for customer {customer}: {} on {}",
                order.id,
                money::format(order.amount, &app.store.currency),
                order.date
            ))?;
            report_customer(app, customer)
        }
        OrderCmd::List { customer, limit } => {
            let customer = customer.map(CustomerId);
            let rows = orders::list_named(app.store.conn(), customer, Some(limit))?;
            let total = orders::count(app.store.conn(), customer)?;
            if app.json {
                output::json(&rows)?;
                output::shown_of(rows.len(), total);
                return Ok(());
            }
            let mut t = Table::new(&[
                ("ID", 8),
                ("CUST", 6),
                ("NAME", 20),
                ("DATE", 10),
                ("AMOUNT", 16),
                ("COST", 16),
                ("PRODUCT", 40),
            ]);
            for r in &rows {
                let o = &r.order;
                t.row(vec![
                    o.id.to_string(),
                    o.customer_id.to_string(),
                    r.customer_name.clone(),
                    o.date.to_string(),
                    money::format(o.amount, &app.store.currency),
                    o.cost.map_or(String::new(), |c| money::format(c, &app.store.currency)),
                    o.product.clone().unwrap_or_default(),
                ]);
            }
            t.print_or("no orders")?;
            output::shown_of(rows.len(), total);
            Ok(())
        }
    }
}

pub fn run_contact(cmd: ContactCmd, app: &mut App) -> Result<()> {
    match cmd {
        ContactCmd::Log {
            customer,
            channel,
            direction,
            summary,
            outcome,
            at,
            next,
        } => {
            let c = NewContact {
                staff: None,
                customer_id: CustomerId(customer),
                at: when(app, "at", at.as_deref())?,
                channel: channel.parse::<Channel>()?,
                direction: Direction::parse_loose(&direction)?,
                summary,
                outcome,
                next_date: next.map(|n| dates::parse_date("next", &n)).transpose()?,
            };
            let trigger = format!("contact logged for customer {customer}");
            let day = crate::store::clock::local_day(c.at);
            let logged = app.store.write(&trigger, |w| contacts::log(w, c))?;
            warn_ahead(app, "at", day);
            if app.json {
                return output::json(&logged);
            }
            let ids = |v: &[FollowupId]| v.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
            let mut msg = format!("logged contact {} with customer {customer}", logged.contact.id);
            if !logged.closed_followups.is_empty() {
                msg.push_str(&format!("; follow-up {} done", ids(&logged.closed_followups)));
            }
            if !logged.replaced_followups.is_empty() {
                msg.push_str(&format!(
                    "; follow-up {} (from an earlier --next) replaced",
                    ids(&logged.replaced_followups)
                ));
            }
            if let Some(n) = logged.next_followup {
                msg.push_str(&format!("; follow-up {n} opened"));
            }
            output::line(&msg)?;
            report_customer(app, customer)
        }
        ContactCmd::List { customer, limit } => {
            let customer = customer.map(CustomerId);
            let rows = contacts::list_named(app.store.conn(), customer, Some(limit))?;
            let total = contacts::count(app.store.conn(), customer)?;
            if app.json {
                output::json(&rows)?;
                output::shown_of(rows.len(), total);
                return Ok(());
            }
            let mut t = Table::new(&[
                ("ID", 8),
                ("CUST", 6),
                ("NAME", 20),
                ("AT", 20),
                ("CHANNEL", 8),
                ("DIR", 8),
                ("STAFF", 12),
                ("SUMMARY", 60),
            ]);
            for r in &rows {
                let c = &r.contact;
                t.row(vec![
                    c.id.to_string(),
                    c.customer_id.to_string(),
                    r.customer_name.clone(),
                    crate::store::clock::show(&c.at),
                    c.channel.to_string(),
                    c.direction.to_string(),
                    c.staff.clone(),
                    c.summary.clone().unwrap_or_default(),
                ]);
            }
            t.print_or("no contacts")?;
            output::shown_of(rows.len(), total);
            Ok(())
        }
    }
}

pub fn run_feedback(cmd: FeedbackCmd, app: &mut App) -> Result<()> {
    match cmd {
        FeedbackCmd::Add {
            customer,
            kind,
            title,
            body,
            urgency,
            importance,
            channel,
            at,
        } => {
            let f = NewFeedback {
                customer_id: CustomerId(customer),
                kind: kind.parse::<FeedbackKind>()?,
                channel: non_empty(channel),
                title,
                body,
                urgency,
                importance,
                received_at: when(app, "at", at.as_deref())?,
            };
            let trigger = format!("feedback added for customer {customer}");
            let day = crate::store::clock::local_day(f.received_at);
            let item = app.store.write(&trigger, |w| feedback::add(w, f))?;
            warn_ahead(app, "at", day);
            if app.json {
                return output::json(&item);
            }
            output::line(&format!(
                "added feedback {} ({}) for customer {customer}",
                item.id, item.kind
            ))?;
            report_customer(app, customer)
        }
        FeedbackCmd::Update {
            id,
            status,
            assignee,
            resolution,
            satisfaction,
        } => {
            let u = FeedbackUpdate {
                status: status.map(|s| s.parse::<FeedbackStatus>()).transpose()?,
                assignee,
                resolution,
                satisfaction,
            };
            let item = app.store.write(&format!("feedback {id} updated"), |w| {
                feedback::update(w, FeedbackId(id), u)
            })?;
            if app.json {
                return output::json(&item);
            }
            output::line(&format!("feedback {} is {}", item.id, item.status))?;
            report_customer(app, item.customer_id.0)
        }
        FeedbackCmd::List { customer, all, limit } => {
            let rows = feedback::list(
                app.store.conn(),
                customer.map(CustomerId),
                !all,
                Some(limit),
                app.store.today,
            )?;
            let total = feedback::count(app.store.conn(), customer.map(CustomerId), !all)?;
            if app.json {
                output::json(&rows)?;
                output::shown_of(rows.len(), total);
                return Ok(());
            }
            let mut t = Table::new(&[
                ("ID", 8),
                ("PRIO", 4),
                ("STATUS", 13),
                ("KIND", 10),
                ("CUSTOMER", 20),
                ("RECEIVED", 10),
                ("LATE", 5),
                ("TITLE", 50),
            ]);
            for r in &rows {
                t.row(vec![
                    r.feedback.id.to_string(),
                    r.priority.to_string(),
                    r.feedback.status.to_string(),
                    r.feedback.kind.to_string(),
                    r.customer_name.clone(),
                    crate::store::clock::show_date(&r.feedback.received_at),
                    r.overdue_days.map_or(String::new(), |d| format!("{d}d")),
                    r.feedback.title.clone(),
                ]);
            }
            t.print_or("no feedback")?;
            output::shown_of(rows.len(), total);
            Ok(())
        }
    }
}

pub fn run_followup(cmd: FollowupCmd, app: &mut App) -> Result<()> {
    match cmd {
        FollowupCmd::Add { customer, due, note } => {
            let due = dates::parse_date("due", &due)?;
            let trigger = format!("follow-up added for customer {customer}");
            let f = app
                .store
                .write(&trigger, |w| followups::add(w, CustomerId(customer), due, note))?;
            if app.json {
                return output::json(&f);
            }
            output::line(&format!("follow-up {} for customer {customer} due {}", f.id, f.due))?;
            report_customer(app, customer)
        }
        FollowupCmd::Done { id } => {
            let f = app
                .store
                .write(&format!("follow-up {id} done"), |w| followups::done(w, FollowupId(id)))?;
            if app.json {
                return output::json(&f);
            }
            output::line(&format!("follow-up {id} done"))?;
            report_customer(app, f.customer_id.0)
        }
        FollowupCmd::Snooze { id, until } => {
            let until = dates::parse_date("until", &until)?;
            let f = app.store.write(&format!("follow-up {id} snoozed"), |w| {
                followups::snooze(w, FollowupId(id), until)
            })?;
            if app.json {
                return output::json(&f);
            }
            output::line(&format!("follow-up {id} snoozed until {}", f.due))?;
            report_customer(app, f.customer_id.0)
        }
        FollowupCmd::List { customer, all, limit } => {
            let customer = customer.map(CustomerId);
            let rows = followups::list(app.store.conn(), customer, all, Some(limit))?;
            let total = followups::count(app.store.conn(), customer, all)?;
            if app.json {
                output::json(&rows)?;
                output::shown_of(rows.len(), total);
                return Ok(());
            }
            let mut t = Table::new(&[
                ("ID", 8),
                ("CUST", 6),
                ("NAME", 24),
                ("DUE", 10),
                ("STATE", 8),
                ("BY", 12),
                ("NOTE", 60),
            ]);
            for r in &rows {
                let f = &r.followup;
                // Only --all shows them: the customer is archived, so nobody is waiting on this one.
                let name = if r.customer_archived {
                    format!("{} [archived]", r.customer_name)
                } else {
                    r.customer_name.clone()
                };
                t.row(vec![
                    f.id.to_string(),
                    f.customer_id.to_string(),
                    name,
                    f.due.to_string(),
                    f.state.to_string(),
                    f.created_by.clone(),
                    f.note.clone().unwrap_or_default(),
                ]);
            }
            t.print_or("no follow-ups")?;
            output::shown_of(rows.len(), total);
            Ok(())
        }
    }
}

/// `customer show`: every field, each class with its reasons, and the timeline.
pub fn show_customer(app: &App, id: i64) -> Result<()> {
    let s = &app.store;
    let id = CustomerId(id);
    let c = customers::get(s.conn(), id)?;
    let explained = explained::explain_many(s.conn(), &[id], crate::i18n::english(), &s.params, s.today, &s.currency)?;
    let e = explained
        .get(&id)
        .ok_or_else(|| anyhow::anyhow!("customer {id} has no classification yet; run `tiercrm classify`"))?;
    let events = timeline::recent(s.conn(), id, 30, s.today, &s.currency)?;
    if app.json {
        #[derive(serde::Serialize)]
        struct Show<'a> {
            #[serde(flatten)]
            customer: super::customer::CustomerJson,
            timeline: &'a [timeline::Event],
        }
        return output::json(&Show {
            customer: super::customer::to_json(&c, &e.inputs, &e.classes, Some(&e.reasons)),
            timeline: &events,
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
                crate::store::clock::show(&c.updated_at),
                c.updated_by
            ),
        ),
        (
            "created",
            format!("{} by {}", crate::store::clock::show(&c.created_at), c.created_by),
        ),
    ])?;
    output::line("")?;
    output::line(&format!("classes as of {}:", s.today))?;
    let r = &e.reasons;
    output::fields(&[
        ("tier", r.tier.clone()),
        ("behavior", r.behavior.clone()),
        ("stage", r.stage.clone()),
        ("rfm", r.rfm.clone()),
        ("clv", r.clv.clone()),
        ("churn risk", r.churn_risk.clone()),
        ("next due", r.next_due.clone()),
    ])?;
    output::line("")?;
    output::line("timeline (newest first):")?;
    if events.is_empty() {
        output::line("  nothing yet")?;
    }
    for ev in &events {
        output::line(&format!(
            "  {}  {:<8}  {}",
            crate::store::clock::show_date(&ev.at),
            ev.what,
            ev.text
        ))?;
    }
    Ok(())
}
