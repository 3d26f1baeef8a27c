//! An entry in the contact log: a call, visit, message or meeting with a customer.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Channel, ContactId, CustomerId, Direction};

/// A contact as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Contact {
    pub id: ContactId,
    pub customer_id: CustomerId,
    #[serde(serialize_with = "super::dates::serialize_time")]
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: Option<String>,
    pub outcome: Option<String>,
    pub staff: String,
    pub next_date: Option<NaiveDate>,
}

/// A contact to log; `next_date` also opens an explicit follow-up on that date.
#[derive(Debug, Clone, PartialEq)]
pub struct NewContact {
    /// Who made the contact [default: the acting user].
    pub staff: Option<String>,
    pub customer_id: CustomerId,
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: Option<String>,
    pub outcome: Option<String>,
    pub next_date: Option<NaiveDate>,
}
