//! Orders, contacts and follow-ups as JSON: what `add`/`log`/`done`/`snooze` print, what `list` prints (with
//! the customer's name) and what `export --format json` writes. Spelled out field by field, so that a change
//! to a domain record cannot change what scripts read without a change here.

use chrono::NaiveDate;

use crate::domain::contact::Contact;
use crate::domain::followup::Followup;
use crate::domain::order::Order;
use crate::domain::{Channel, ContactId, CustomerId, Direction, FollowupId, FollowupState, OrderId};
use crate::store::{contacts, followups, orders};

/// An order; money in minor units.
#[derive(Debug, serde::Serialize)]
pub struct OrderJson {
    pub id: OrderId,
    pub customer_id: CustomerId,
    pub date: NaiveDate,
    pub amount: i64,
    pub cost: Option<i64>,
    pub product: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

impl From<&Order> for OrderJson {
    fn from(o: &Order) -> Self {
        OrderJson {
            id: o.id,
            customer_id: o.customer_id,
            date: o.date,
            amount: o.amount,
            cost: o.cost,
            product: o.product.clone(),
            created_at: crate::domain::dates::format_datetime(o.created_at),
            created_by: o.created_by.clone(),
        }
    }
}

/// An order in `order list`, with whom it is for.
#[derive(Debug, serde::Serialize)]
pub struct OrderListedJson {
    #[serde(flatten)]
    pub order: OrderJson,
    pub customer_name: String,
    /// The total returned against it, minor units like `amount`.
    pub returned: i64,
}

impl From<&orders::Listed> for OrderListedJson {
    fn from(l: &orders::Listed) -> Self {
        OrderListedJson {
            order: OrderJson::from(&l.order),
            customer_name: l.customer_name.clone(),
            returned: l.returned,
        }
    }
}

/// A contact; `at` is UTC ISO-8601.
#[derive(Debug, serde::Serialize)]
pub struct ContactJson {
    pub id: ContactId,
    pub customer_id: CustomerId,
    pub at: String,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: Option<String>,
    pub outcome: Option<String>,
    pub staff: String,
    pub next_date: Option<NaiveDate>,
}

impl From<&Contact> for ContactJson {
    fn from(c: &Contact) -> Self {
        ContactJson {
            id: c.id,
            customer_id: c.customer_id,
            at: crate::domain::dates::format_datetime(c.at),
            channel: c.channel,
            direction: c.direction,
            summary: c.summary.clone(),
            outcome: c.outcome.clone(),
            staff: c.staff.clone(),
            next_date: c.next_date,
        }
    }
}

/// `contact log`: the contact and what it did to the customer's follow-ups.
#[derive(Debug, serde::Serialize)]
pub struct LoggedJson {
    pub contact: ContactJson,
    pub closed_followups: Vec<FollowupId>,
    pub replaced_followups: Vec<FollowupId>,
    pub next_followup: Option<FollowupId>,
}

impl From<&contacts::Logged> for LoggedJson {
    fn from(l: &contacts::Logged) -> Self {
        LoggedJson {
            contact: ContactJson::from(&l.contact),
            closed_followups: l.closed_followups.clone(),
            replaced_followups: l.replaced_followups.clone(),
            next_followup: l.next_followup,
        }
    }
}

/// A contact in `contact list`, with whom it was with.
#[derive(Debug, serde::Serialize)]
pub struct ContactListedJson {
    #[serde(flatten)]
    pub contact: ContactJson,
    pub customer_name: String,
}

impl From<&contacts::Listed> for ContactListedJson {
    fn from(l: &contacts::Listed) -> Self {
        ContactListedJson {
            contact: ContactJson::from(&l.contact),
            customer_name: l.customer_name.clone(),
        }
    }
}

/// An explicit follow-up.
#[derive(Debug, serde::Serialize)]
pub struct FollowupJson {
    pub id: FollowupId,
    pub customer_id: CustomerId,
    pub due: NaiveDate,
    pub note: Option<String>,
    pub state: FollowupState,
    pub created_at: String,
    pub created_by: String,
}

impl From<&Followup> for FollowupJson {
    fn from(f: &Followup) -> Self {
        FollowupJson {
            id: f.id,
            customer_id: f.customer_id,
            due: f.due,
            note: f.note.clone(),
            state: f.state,
            created_at: crate::domain::dates::format_datetime(f.created_at),
            created_by: f.created_by.clone(),
        }
    }
}

/// A follow-up in `followup list`, with whom it is for.
#[derive(Debug, serde::Serialize)]
pub struct FollowupListedJson {
    #[serde(flatten)]
    pub followup: FollowupJson,
    pub customer_name: String,
    pub customer_archived: bool,
}

impl From<&followups::Listed> for FollowupListedJson {
    fn from(l: &followups::Listed) -> Self {
        FollowupListedJson {
            followup: FollowupJson::from(&l.followup),
            customer_name: l.customer_name.clone(),
            customer_archived: l.customer_archived,
        }
    }
}

/// Each of `rows` in its JSON shape.
pub fn all<'a, T: 'a, J: From<&'a T>>(rows: &'a [T]) -> Vec<J> {
    rows.iter().map(J::from).collect()
}
