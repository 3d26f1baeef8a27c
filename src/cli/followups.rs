//! `tiercrm followup …`: promise a contact by a date, mark it done, snooze it, list the pending ones. Done
//! and snooze take a follow-up's id, or `--customer` for the customer as the queue has them (what the
//! interface's review does: `ops::review`).

use anyhow::Result;
use clap::Subcommand;

use super::App;
use super::output::{self, Table};
use crate::domain::{CustomerId, FollowupId, snooze};
use crate::ops;
use crate::shapes::records::{self, FollowupJson, FollowupListedJson};
use crate::store::followups;

#[derive(Debug, Subcommand)]
pub enum FollowupCmd {
    /// Promise to contact a customer by a date
    Add {
        #[arg(long)]
        customer: i64,
        /// YYYY-MM-DD, or a day as snooze takes it: +3d, +2w, tomorrow, a weekday (mon, 周五)
        #[arg(long)]
        due: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark a follow-up done, or with --customer a customer done without a contact (their due follow-ups
    /// done; when the cadence had them due, it restarts from today)
    Done {
        #[arg(required_unless_present = "customer")]
        id: Option<i64>,
        #[arg(long, conflicts_with = "id")]
        customer: Option<i64>,
    },
    /// Move a follow-up to a later day, or with --customer hold a customer back (cadence and follow-ups)
    Snooze {
        #[arg(required_unless_present = "customer")]
        id: Option<i64>,
        #[arg(long, conflicts_with = "id")]
        customer: Option<i64>,
        /// A day after today: +3d, +2w, tomorrow, a weekday (mon, 周一) or YYYY-MM-DD
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

pub fn run(cmd: FollowupCmd, app: &mut App) -> Result<()> {
    match cmd {
        FollowupCmd::Add { customer, due, note } => {
            let due = snooze::parse_day("due", &due, app.store.today)?;
            let f = ops::followups::add(&mut app.store, CustomerId(customer), due, note.as_deref())?;
            if app.json {
                return output::json(&FollowupJson::from(&f));
            }
            output::line(&format!("follow-up {} for customer {customer} due {}", f.id, f.due))?;
            super::customer::report(app, customer)
        }
        FollowupCmd::Done {
            customer: Some(customer),
            ..
        } => {
            let done = ops::review::done(&mut app.store, CustomerId(customer))?;
            if app.json {
                return output::json(&done);
            }
            for id in &done.closed {
                output::line(&format!("follow-up {id} done"))?;
            }
            if done.reviewed {
                output::line(&format!("customer {customer} reviewed: the cadence counts from today"))?;
            }
            super::customer::report(app, customer)
        }
        FollowupCmd::Done { id, .. } => {
            let id = id.unwrap_or_default();
            let f = ops::followups::done(&mut app.store, FollowupId(id))?;
            if app.json {
                return output::json(&FollowupJson::from(&f));
            }
            output::line(&format!("follow-up {id} done"))?;
            super::customer::report(app, f.customer_id.0)
        }
        FollowupCmd::Snooze {
            customer: Some(customer),
            until,
            ..
        } => {
            let until = snooze::parse_until("until", &until, app.store.today)?;
            let hold = ops::review::snooze(&mut app.store, CustomerId(customer), until)?;
            if app.json {
                return output::json(&serde_json::json!({
                    "customer": customer,
                    "snoozed_until": hold.snoozed_until,
                    "reviewed_on": hold.reviewed_on,
                }));
            }
            output::line(&format!("customer {customer} snoozed until {until}"))?;
            super::customer::report(app, customer)
        }
        FollowupCmd::Snooze { id, until, .. } => {
            let id = id.unwrap_or_default();
            let until = snooze::parse_until("until", &until, app.store.today)?;
            let f = ops::followups::snooze(&mut app.store, FollowupId(id), until)?;
            if app.json {
                return output::json(&FollowupJson::from(&f));
            }
            output::line(&format!("follow-up {id} snoozed until {}", f.due))?;
            super::customer::report(app, f.customer_id.0)
        }
        FollowupCmd::List { customer, all, limit } => {
            let customer = customer.map(CustomerId);
            let rows = followups::list(app.store.conn(), customer, all, Some(limit))?;
            let total = followups::count(app.store.conn(), customer, all)?;
            if app.json {
                output::json(&records::all::<_, FollowupListedJson>(&rows))?;
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
