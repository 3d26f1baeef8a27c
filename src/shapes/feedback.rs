//! A feedback item as JSON: what `feedback add`/`update`/`edit` print, what `feedback list` and `customer
//! show` list and what `export --kind feedback --format json` writes. Spelled out field by field, so that a
//! change to the domain record or the store's listing cannot change what scripts read without a change here.

use chrono::NaiveDate;

use crate::domain::dates::format_datetime;
use crate::domain::{CustomerId, FeedbackId, FeedbackKind, FeedbackStatus, Priority};
use crate::store::feedback::Listed;

/// A feedback item with its customer's name and the priority in force; times are UTC ISO-8601.
#[derive(Debug, serde::Serialize)]
pub struct FeedbackJson {
    pub id: FeedbackId,
    pub customer_id: CustomerId,
    pub received_at: String,
    pub kind: FeedbackKind,
    pub channel: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub urgency: u8,
    pub importance: u8,
    pub status: FeedbackStatus,
    pub assignee: Option<String>,
    pub resolution: Option<String>,
    pub resolved_at: Option<String>,
    pub satisfaction: Option<u8>,
    pub customer_name: String,
    pub priority: Priority,
    /// The day a response is due by the priority in force.
    pub respond_by: Option<NaiveDate>,
    /// Days past the response target while open.
    pub overdue_days: Option<i64>,
}

impl From<&Listed> for FeedbackJson {
    fn from(l: &Listed) -> Self {
        let f = &l.feedback;
        FeedbackJson {
            id: f.id,
            customer_id: f.customer_id,
            received_at: format_datetime(f.received_at),
            kind: f.kind,
            channel: f.channel.clone(),
            title: f.title.clone(),
            body: f.body.clone(),
            urgency: f.urgency,
            importance: f.importance,
            status: f.status,
            assignee: f.assignee.clone(),
            resolution: f.resolution.clone(),
            resolved_at: f.resolved_at.map(format_datetime),
            satisfaction: f.satisfaction,
            customer_name: l.customer_name.clone(),
            priority: l.priority,
            respond_by: l.respond_by,
            overdue_days: l.overdue_days,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::Feedback;

    fn listed(resolved: bool) -> Listed {
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        Listed {
            feedback: Feedback {
                id: FeedbackId(9),
                customer_id: CustomerId(3),
                received_at: at("2026-11-10T09:00:00Z"),
                kind: FeedbackKind::Complaint,
                channel: Some("email".into()),
                title: "Broken lid".into(),
                body: None,
                urgency: 3,
                importance: 2,
                status: if resolved {
                    FeedbackStatus::Resolved
                } else {
                    FeedbackStatus::New
                },
                assignee: Some("li.wei".into()),
                resolution: resolved.then(|| "replaced".into()),
                resolved_at: resolved.then(|| at("2026-11-12T10:30:05Z")),
                satisfaction: None,
            },
            customer_name: "Ann".into(),
            priority: Priority::P2,
            respond_by: NaiveDate::from_ymd_opt(2026, 11, 12),
            overdue_days: (!resolved).then_some(10),
        }
    }

    /// The keys scripts read, in the order they have always been printed, with the values' forms.
    #[test]
    fn the_keys_keep_their_names_order_and_forms() {
        let text = serde_json::to_string(&FeedbackJson::from(&listed(false))).unwrap();
        assert_eq!(
            text,
            concat!(
                r#"{"id":9,"customer_id":3,"received_at":"2026-11-10T09:00:00Z","kind":"complaint","#,
                r#""channel":"email","title":"Broken lid","body":null,"urgency":3,"importance":2,"#,
                r#""status":"new","assignee":"li.wei","resolution":null,"resolved_at":null,"#,
                r#""satisfaction":null,"customer_name":"Ann","priority":"P2","respond_by":"2026-11-12","#,
                r#""overdue_days":10}"#
            )
        );
        let done = serde_json::to_value(FeedbackJson::from(&listed(true))).unwrap();
        assert_eq!(done["resolved_at"], "2026-11-12T10:30:05Z");
        assert_eq!(done["overdue_days"], serde_json::Value::Null);
    }
}
