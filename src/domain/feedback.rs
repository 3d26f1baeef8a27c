//! Customer feedback — complaints, suggestions, praise, inquiries, needs — with its status rules and priority.

use chrono::{DateTime, NaiveDate, Utc};

use super::{CustomerId, FeedbackId, FeedbackKind, FeedbackStatus, Invalid, Priority, Tier};

/// A feedback item as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Feedback {
    pub id: FeedbackId,
    pub customer_id: CustomerId,
    #[serde(serialize_with = "super::dates::serialize_time")]
    pub received_at: DateTime<Utc>,
    pub kind: FeedbackKind,
    pub channel: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub urgency: u8,
    pub importance: u8,
    pub status: FeedbackStatus,
    pub assignee: Option<String>,
    pub resolution: Option<String>,
    #[serde(serialize_with = "super::dates::serialize_opt_time")]
    pub resolved_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<u8>,
}

impl Feedback {
    /// The priority in force, given the customer's current tier.
    pub fn priority(&self, tier: Option<Tier>) -> Priority {
        Priority::from_scores(self.urgency, self.importance).for_tier(tier)
    }

    /// Days past the response target as of `today` while still open; `None` when not overdue. The day it
    /// was received is the day in `zone` (the user's), as `today` is.
    pub fn overdue_days<Tz: chrono::TimeZone>(&self, tier: Option<Tier>, today: NaiveDate, zone: &Tz) -> Option<i64> {
        if !self.status.is_open() {
            return None;
        }
        let received = self.received_at.with_timezone(zone).date_naive();
        let late = (today - received).num_days() - self.priority(tier).target_days();
        (late > 0).then_some(late)
    }
}

impl FeedbackStatus {
    /// New, investigating and reopened items still need work.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            FeedbackStatus::New | FeedbackStatus::Investigating | FeedbackStatus::Reopened
        )
    }

    /// Whether moving from `self` to `to` is allowed: forward along new → investigating → resolved → closed,
    /// reopening a resolved or closed item, and from reopened forward again.
    pub fn can_move_to(self, to: FeedbackStatus) -> bool {
        use FeedbackStatus::*;
        if self == to {
            return true;
        }
        match self {
            New => matches!(to, Investigating | Resolved | Closed),
            Investigating => matches!(to, Resolved | Closed),
            Resolved => matches!(to, Closed | Reopened),
            Closed => matches!(to, Reopened),
            Reopened => matches!(to, Investigating | Resolved | Closed),
        }
    }
}

/// Checks a 1–3 score for urgency or importance.
pub fn check_level(field: &str, v: i64) -> Result<u8, Invalid> {
    if (1..=3).contains(&v) {
        Ok(v as u8)
    } else {
        Err(Invalid::new(
            field,
            format!("{v} is out of range; use 1 (low), 2 or 3 (high)"),
        ))
    }
}

/// Checks a 1–5 satisfaction score.
pub fn check_satisfaction(v: i64) -> Result<u8, Invalid> {
    if (1..=5).contains(&v) {
        Ok(v as u8)
    } else {
        Err(Invalid::new(
            "satisfaction",
            format!("{v} is out of range; use 1 (very unhappy) to 5 (very happy)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeedbackStatus::*;

    #[test]
    fn status_moves_follow_the_lifecycle() {
        assert!(New.can_move_to(Investigating));
        assert!(Investigating.can_move_to(Resolved));
        assert!(Resolved.can_move_to(Closed));
        assert!(Closed.can_move_to(Reopened));
        assert!(Reopened.can_move_to(Investigating));
        assert!(!Closed.can_move_to(New));
        assert!(!Resolved.can_move_to(Investigating));
        assert!(!New.can_move_to(Reopened));
    }

    #[test]
    fn overdue_counts_days_past_the_target_of_the_priority_in_force() {
        let f = Feedback {
            id: FeedbackId(1),
            customer_id: CustomerId(1),
            received_at: super::super::dates::parse_stored_time("2026-11-10T09:00:00Z").unwrap(),
            kind: FeedbackKind::Complaint,
            channel: None,
            title: "late".into(),
            body: None,
            urgency: 2,
            importance: 2,
            status: New,
            assignee: None,
            resolution: None,
            resolved_at: None,
            satisfaction: None,
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        // P3 for tier B: 7 days target, 10 days old → 3 days overdue.
        assert_eq!(f.overdue_days(Some(Tier::B), today, &chrono::Utc), Some(3));
        // Tier A raises it to P2: 3-day target → 7 days overdue.
        assert_eq!(f.overdue_days(Some(Tier::A), today, &chrono::Utc), Some(7));
        let closed = Feedback { status: Closed, ..f };
        assert_eq!(closed.overdue_days(Some(Tier::A), today, &chrono::Utc), None);
    }

    #[test]
    fn levels_are_checked() {
        assert_eq!(check_level("urgency", 3).unwrap(), 3);
        assert_eq!(check_level("urgency", 4).unwrap_err().field, "urgency");
        assert!(check_satisfaction(0).is_err());
        assert_eq!(check_satisfaction(5).unwrap(), 5);
    }
}
