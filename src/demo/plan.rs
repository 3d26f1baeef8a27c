//! How often the demo's team must call each customer: the classes the store will derive from the orders
//! and feedback already made, worked out the same way (the engine's own `derive_all`), so the contact
//! history can follow each customer's cadence.

use chrono::NaiveDate;

use crate::domain::classify::{self, Inputs, OrderFact, Params};
use crate::domain::customer::Customer;
use crate::domain::feedback::Feedback;
use crate::domain::order::Order;
use crate::domain::{FeedbackKind, Priority};

/// What the history needs of a customer's classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Days between contacts; `None` for an archived customer, who is never due.
    pub cadence: Option<i64>,
    /// The churn flag is raised.
    pub flagged: bool,
}

/// The plan of every customer, in the order of `customers`. `orders` and `feedback` hold each customer's
/// records together, in the order of `customers` (as the generator makes them).
///
/// Contacts and follow-ups are not made yet and do not change the cadence: a lead is on the lead cadence
/// whether contacted or not, and a follow-up moves the due date, not the cadence. The parameters are the
/// defaults, which a new demo file has.
pub fn plans(customers: &[Customer], orders: &[Order], feedback: &[Feedback], today: NaiveDate) -> Vec<Plan> {
    let params = Params::default();
    let mut inputs: Vec<Inputs> = Vec::with_capacity(customers.len());
    let mut o = 0;
    let mut f = 0;
    let mut facts: Vec<OrderFact> = Vec::new();
    for c in customers {
        let mut i = Inputs::new(c.id.0, created_on(c, today));
        i.archived = c.archived;
        i.stage_pin = c.stage_pin;
        facts.clear();
        while o < orders.len() && orders[o].customer_id == c.id {
            let r = &orders[o];
            facts.push(OrderFact {
                date: r.date,
                amount: r.amount,
                cost: r.cost,
            });
            o += 1;
        }
        facts.sort_by_key(|r| r.date);
        i.set_orders(&facts, &params, today);
        let mut last_closed: Option<chrono::DateTime<chrono::Utc>> = None;
        while f < feedback.len() && feedback[f].customer_id == c.id {
            let r = &feedback[f];
            if r.kind == FeedbackKind::Complaint && r.status.is_open() {
                i.open_complaints[Priority::from_scores(r.urgency, r.importance).index()] += 1;
            }
            // The score of the most recently resolved item that has one, as the store reads it.
            if let (Some(s), Some(at)) = (r.satisfaction, r.resolved_at) {
                if last_closed.is_none_or(|l| at > l) {
                    last_closed = Some(at);
                    i.last_satisfaction = Some(s);
                }
            }
            f += 1;
        }
        inputs.push(i);
    }
    classify::derive_all(&inputs, &params, today)
        .into_iter()
        .map(|c| Plan {
            cadence: c.cadence_days,
            flagged: c.churn_flag,
        })
        .collect()
}

/// The day a customer was created: the date of its stamp (office hours fall on the same date in UTC).
fn created_on(c: &Customer, today: NaiveDate) -> NaiveDate {
    c.created_at.date_naive().min(today)
}
