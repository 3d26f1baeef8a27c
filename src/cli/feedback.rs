//! `tiercrm feedback …`: record feedback, move it through its statuses, list it by priority in force.

use anyhow::Result;
use clap::Subcommand;

use super::App;
use super::output::{self, Table};
use crate::domain::{CustomerId, FeedbackId, FeedbackStatus};
use crate::ops;
use crate::store::feedback::{self, FeedbackUpdate};

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
                return output::json(&item);
            }
            output::line(&format!(
                "added feedback {} ({}) for customer {customer}",
                item.id, item.kind
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
            let change = FeedbackUpdate {
                status: status.map(|s| s.parse::<FeedbackStatus>()).transpose()?,
                assignee,
                resolution,
                satisfaction,
            };
            let item = ops::feedback::update(&mut app.store, FeedbackId(id), change)?;
            if app.json {
                return output::json(&item);
            }
            output::line(&format!("feedback {} is {}", item.id, item.status))?;
            super::customer::report(app, item.customer_id.0)
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
