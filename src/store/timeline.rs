//! A customer's timeline: orders, contacts, feedback and class changes, newest first.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Result, contacts, feedback, orders, stats};
use crate::domain::{CustomerId, money};

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// A date or a UTC time; they sort together as text.
    pub at: String,
    /// `order`, `contact`, `feedback` or `class`.
    pub what: &'static str,
    pub text: String,
}

/// The newest `limit` events of a customer.
pub fn recent(conn: &Connection, id: i64, limit: usize, today: NaiveDate, currency: &str) -> Result<Vec<Event>> {
    let mut ev: Vec<Event> = Vec::new();
    for o in orders::list(conn, Some(CustomerId(id)), Some(limit))? {
        let product = o.product.map(|p| format!(" — {p}")).unwrap_or_default();
        ev.push(Event {
            at: o.date.to_string(),
            what: "order",
            text: format!("#{} {}{product}", o.id, money::format(o.amount, currency)),
        });
    }
    for c in contacts::list(conn, Some(CustomerId(id)), Some(limit))? {
        let summary = c.summary.map(|s| format!(": {s}")).unwrap_or_default();
        ev.push(Event {
            at: c.at,
            what: "contact",
            text: format!("{} {} by {}{summary}", c.direction, c.channel, c.staff),
        });
    }
    for f in feedback::list(conn, Some(CustomerId(id)), false, Some(limit), today)? {
        ev.push(Event {
            at: f.feedback.received_at.clone(),
            what: "feedback",
            text: format!(
                "#{} {} {} [{}]: {}",
                f.feedback.id, f.priority, f.feedback.kind, f.feedback.status, f.feedback.title
            ),
        });
    }
    for c in stats::class_changes(conn, id, limit)? {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        ev.push(Event {
            at: c.at,
            what: "class",
            text: format!("{} {} → {} ({})", c.field, show(&c.old), show(&c.new), c.trigger),
        });
    }
    ev.sort_by(|a, b| b.at.cmp(&a.at));
    ev.truncate(limit);
    Ok(ev)
}
