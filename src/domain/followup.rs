//! An explicit follow-up: a promise to contact a customer by a date.

use chrono::{DateTime, NaiveDate, Utc};

use super::{CustomerId, FollowupId, FollowupState};

/// A follow-up as stored. A snoozed follow-up is still pending, on its new date.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Followup {
    pub id: FollowupId,
    pub customer_id: CustomerId,
    pub due: NaiveDate,
    pub note: Option<String>,
    pub state: FollowupState,
    #[serde(serialize_with = "super::dates::serialize_time")]
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

impl FollowupState {
    /// Open and snoozed follow-ups still wait to be done.
    pub fn is_pending(self) -> bool {
        matches!(self, FollowupState::Open | FollowupState::Snoozed)
    }
}
