//! `tiercrm contact …`: log a contact (closing the follow-ups it satisfies), list contacts.

use anyhow::Result;
use clap::Subcommand;

use super::App;
use super::output::{self, Table};
use crate::domain::{ContactId, CustomerId, FollowupId};
use crate::ops;
use crate::shapes::records::{self, ContactListedJson, LoggedJson};
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
        /// Next follow-up date (YYYY-MM-DD, +3d, +2w, tomorrow, mon, 周五); replaces the follow-up an earlier
        /// contact's --next opened
        #[arg(long)]
        next: Option<String>,
    },
    /// Correct a logged contact; each flag given replaces the stored value
    Edit {
        id: i64,
        #[arg(long)]
        channel: Option<String>,
        /// in or out
        #[arg(long)]
        direction: Option<String>,
        /// "" clears it
        #[arg(long)]
        summary: Option<String>,
        /// "" clears it
        #[arg(long)]
        outcome: Option<String>,
        /// When it happened, in your local time: YYYY-MM-DD (noon) or "YYYY-MM-DD HH:MM"
        #[arg(long)]
        at: Option<String>,
    },
    /// Delete a contact logged by mistake (the audit keeps what it said)
    Delete { id: i64 },
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
        ContactCmd::Edit {
            id,
            channel,
            direction,
            summary,
            outcome,
            at,
        } => {
            let typed = ops::contacts::EditText {
                channel: channel.as_deref(),
                direction: direction.as_deref(),
                summary: summary.as_deref(),
                outcome: outcome.as_deref(),
                at: at.as_deref(),
            };
            let saved = ops::contacts::edit(&mut app.store, ContactId(id), typed.parse()?)?;
            output::ahead(saved.ahead);
            let c = saved.record;
            if app.json {
                return output::json(&c);
            }
            output::line(&format!("contact {} corrected", c.id))?;
            super::customer::report(app, c.customer_id.0)
        }
        ContactCmd::Delete { id } => {
            let c = ops::contacts::delete(&mut app.store, ContactId(id))?;
            if app.json {
                return output::json(&serde_json::json!({"id": c.id, "customer_id": c.customer_id, "deleted": true}));
            }
            output::line(&format!("deleted contact {}", c.id))?;
            super::customer::report(app, c.customer_id.0)
        }
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
            let input = ops::contacts::Input::parse(CustomerId(customer), &typed, app.store.today)?;
            let saved = ops::contacts::log(&mut app.store, input)?;
            output::ahead(saved.ahead);
            let logged = saved.record;
            if app.json {
                return output::json(&LoggedJson::from(&logged));
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
                output::json(&records::all::<_, ContactListedJson>(&rows))?;
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
