//! `tiercrm contact …`: log a contact (closing the follow-ups it satisfies), list contacts.

use anyhow::Result;
use clap::Subcommand;

use super::App;
use super::output::{self, Table};
use crate::domain::{CustomerId, FollowupId};
use crate::ops;
use crate::store::contacts;

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
        /// When it happened, in your local time: YYYY-MM-DD (noon) or "YYYY-MM-DD HH:MM" [default: now]
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

pub fn run(cmd: ContactCmd, app: &mut App) -> Result<()> {
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
            let typed = ops::contacts::Text {
                channel: &channel,
                direction: &direction,
                summary: summary.as_deref(),
                outcome: outcome.as_deref(),
                at: at.as_deref(),
                next: next.as_deref(),
            };
            let input = ops::contacts::Input::parse(CustomerId(customer), &typed)?;
            let saved = ops::contacts::log(&mut app.store, input)?;
            output::ahead(saved.ahead);
            let logged = saved.record;
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
            super::customer::report(app, customer)
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
                    crate::store::clock::show(c.at),
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
