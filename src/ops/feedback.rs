//! Feedback: record it (received now unless a time is given) and move it through its statuses.

use chrono::{DateTime, Utc};

use crate::domain::feedback::Feedback;
use crate::domain::{CustomerId, FeedbackId, FeedbackKind, Invalid};
use crate::store::feedback::{self, FeedbackUpdate, NewFeedback};
use crate::store::{Result, Store, clock};

use super::{Ahead, Saved, Trigger, at_or_now, non_empty, write};

/// Feedback to record; without `at` it was received now.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub customer: CustomerId,
    pub kind: FeedbackKind,
    pub title: String,
    pub body: Option<String>,
    /// 1 (low) to 3 (high).
    pub urgency: i64,
    pub importance: i64,
    /// How it reached the business (phone, email, wechat …).
    pub channel: Option<String>,
    pub at: Option<DateTime<Utc>>,
}

/// Feedback as the user typed it.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub body: Option<&'a str>,
    pub urgency: i64,
    pub importance: i64,
    pub channel: Option<&'a str>,
    /// A local date or time.
    pub at: Option<&'a str>,
}

impl Input {
    /// Parses typed text; a time is read in the local zone. The title and levels are checked by the write.
    pub fn parse(customer: CustomerId, t: &Text<'_>) -> Result<Input, Invalid> {
        Ok(Input {
            customer,
            kind: t.kind.parse()?,
            title: t.title.to_string(),
            body: t.body.map(str::to_string),
            urgency: t.urgency,
            importance: t.importance,
            channel: non_empty(t.channel),
            at: t.at.map(|a| clock::parse_local("at", a)).transpose()?,
        })
    }
}

/// Records feedback as `new`, with a notice when it is dated after today.
pub fn add(store: &mut Store, input: Input) -> Result<Saved<Feedback>> {
    let today = store.today;
    let received_at = at_or_now(input.at, today);
    let item = NewFeedback {
        customer_id: input.customer,
        kind: input.kind,
        channel: input.channel,
        title: input.title,
        body: input.body,
        urgency: input.urgency,
        importance: input.importance,
        received_at,
    };
    let record = write(store, Trigger::FeedbackAdded(input.customer), |w| {
        feedback::add(w, item)
    })?;
    Ok(Saved {
        record,
        ahead: Ahead::of("at", clock::local_day(received_at), today),
    })
}

/// Changes an item's status, assignee, resolution or satisfaction score.
pub fn update(store: &mut Store, id: FeedbackId, change: FeedbackUpdate) -> Result<Feedback> {
    write(store, Trigger::FeedbackUpdated(id), |w| feedback::update(w, id, change))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FeedbackStatus;
    use crate::ops::testing::{customer, store};
    use crate::store::StoreError;

    fn typed(at: Option<&str>) -> Text<'_> {
        Text {
            kind: "complaint",
            title: "Late delivery",
            body: None,
            urgency: 3,
            importance: 2,
            channel: Some(" "),
            at,
        }
    }

    #[test]
    fn a_bad_time_names_the_at_field() {
        let e = Input::parse(CustomerId(1), &typed(Some("yesterday"))).unwrap_err();
        assert_eq!(e.field, "at");
        assert_eq!(Input::parse(CustomerId(1), &typed(None)).unwrap().channel, None);
    }

    #[test]
    fn feedback_received_after_today_is_saved_with_a_notice_and_moves_through_its_statuses() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        let saved = add(&mut s, Input::parse(id, &typed(Some("2026-12-02 10:00"))).unwrap()).unwrap();
        assert_eq!(
            saved.ahead.map(|a| (a.field, a.date.to_string())),
            Some(("at", "2026-12-02".into()))
        );
        let now = add(&mut s, Input::parse(id, &typed(None)).unwrap()).unwrap();
        assert_eq!(now.ahead, None);
        let moved = FeedbackUpdate {
            status: Some(FeedbackStatus::Investigating),
            ..FeedbackUpdate::default()
        };
        assert_eq!(
            update(&mut s, now.record.id, moved).unwrap().status,
            FeedbackStatus::Investigating
        );
        let closing_early = FeedbackUpdate {
            satisfaction: Some(4),
            ..FeedbackUpdate::default()
        };
        let e = update(&mut s, now.record.id, closing_early).unwrap_err();
        assert!(
            matches!(e, StoreError::Invalid(ref i) if i.field == "satisfaction"),
            "{e}"
        );
    }
}
