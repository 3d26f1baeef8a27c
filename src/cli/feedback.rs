//! `tiercrm feedback …`: record feedback, move it through its statuses, list it by priority in force.

use anyhow::Result;
use clap::Subcommand;

use super::App;
use super::output::{self, Table};
use crate::domain::feedback::Change;
use crate::domain::{CustomerId, FeedbackId, FeedbackStatus};
use crate::ops;
use crate::shapes::FeedbackJson;
use crate::shapes::records;
use crate::store::feedback;

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
    /// Move it along new → investigating → resolved → closed (reopened → investigating), assign it, or
    /// give the satisfaction score when closing
    Update {
        id: i64,
        /// investigating, resolved (needs --resolution), closed (needs --satisfaction), reopened
        #[arg(long)]
        status: Option<String>,
        /// Who works on it ("" clears it)
        #[arg(long)]
        assignee: Option<String>,
        /// What was done; required when resolving
        #[arg(long)]
        resolution: Option<String>,
        /// When closing: 1 (very unhappy) to 5 (very happy), or `skip` when the customer gave none
        #[arg(long)]
        satisfaction: Option<String>,
    },
    /// Correct what was received; each flag given replaces the stored value (the workflow moves with update)
    Edit {
        id: i64,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// "" clears it
        #[arg(long)]
        body: Option<String>,
        /// 1 (low) to 3 (high)
        #[arg(long, allow_hyphen_values = true)]
        urgency: Option<i64>,
        /// 1 (low) to 3 (high)
        #[arg(long, allow_hyphen_values = true)]
        importance: Option<i64>,
        /// "" clears it
        #[arg(long)]
        channel: Option<String>,
        /// When it was received, in your local time
        #[arg(long)]
        at: Option<String>,
    },
    /// Feedback worst first: most days past its response target, then priority in force, then oldest
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

pub fn run(cmd: FeedbackCmd, app: &mut App) -> Result<()> {
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
            let typed = ops::feedback::Text {
                kind: &kind,
                title: &title,
                body: body.as_deref(),
                urgency,
                importance,
                channel: channel.as_deref(),
                at: at.as_deref(),
            };
            let input = ops::feedback::Input::parse(CustomerId(customer), &typed)?;
            let saved = ops::feedback::add(&mut app.store, input)?;
            output::ahead(saved.ahead);
            let item = saved.record;
            if app.json {
                return output::json(&FeedbackJson::from(&item));
            }
            output::line(&format!(
                "added feedback {} ({}, {}, respond by {}) for customer {customer}",
                item.feedback.id,
                item.feedback.kind,
                item.priority,
                item.respond_by.map_or_else(String::new, |d| d.to_string())
            ))?;
            super::customer::report(app, customer)
        }
        FeedbackCmd::Update {
            id,
            status,
            assignee,
            resolution,
            satisfaction,
        } => {
            let change = Change {
                status: status.map(|s| s.parse::<FeedbackStatus>()).transpose()?,
                assignee,
                resolution,
                satisfaction: satisfaction.map(|s| s.parse()).transpose()?,
            };
            let item = ops::feedback::update(&mut app.store, FeedbackId(id), &change)?;
            if app.json {
                return output::json(&FeedbackJson::from(&item));
            }
            let f = &item.feedback;
            output::line(&format!("feedback {} is {} ({})", f.id, f.status, item.priority))?;
            super::customer::report(app, f.customer_id.0)
        }
        FeedbackCmd::Edit {
            id,
            kind,
            title,
            body,
            urgency,
            importance,
            channel,
            at,
        } => {
            let typed = ops::feedback::EditText {
                kind: kind.as_deref(),
                title: title.as_deref(),
                body: body.as_deref(),
                channel: channel.as_deref(),
                urgency,
                importance,
                at: at.as_deref(),
            };
            let saved = ops::feedback::edit(&mut app.store, FeedbackId(id), typed.parse()?)?;
            output::ahead(saved.ahead);
            let item = saved.record;
            if app.json {
                return output::json(&FeedbackJson::from(&item));
            }
            let f = &item.feedback;
            output::line(&format!("feedback {} corrected ({}, {})", f.id, f.kind, item.priority))?;
            super::customer::report(app, f.customer_id.0)
        }
        FeedbackCmd::List { customer, all, limit } => {
            let rows = feedback::list_by(
                app.store.conn(),
                customer.map(CustomerId),
                !all,
                Some(limit),
                app.store.today,
                &app.store.respond,
            )?;
            let total = feedback::count(app.store.conn(), customer.map(CustomerId), !all)?;
            if app.json {
                output::json(&records::all::<_, FeedbackJson>(&rows))?;
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
                    crate::store::clock::local_day(r.feedback.received_at).to_string(),
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
