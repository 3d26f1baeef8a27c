//! Feedback: record it (received now unless a time is given) and move it through its statuses.

use chrono::{DateTime, Utc};

use crate::domain::feedback::Change;
use crate::domain::{CustomerId, FeedbackId, FeedbackKind, Invalid};
use crate::store::feedback::{self, FeedbackPatch, Listed, NewFeedback};
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

/// Records feedback as `new`, with a notice when it is dated after today; returns it as the list shows it
/// (its priority, response day and lateness).
pub fn add(store: &mut Store, input: Input) -> Result<Saved<Listed>> {
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
    let added = write(store, Trigger::FeedbackAdded(input.customer), |w| {
        feedback::add(w, item)
    })?;
    Ok(Saved {
        record: feedback::listed(store.conn(), added.id, today, &store.respond)?,
        ahead: Ahead::of("at", clock::local_day(received_at), today),
    })
}

/// Moves an item along its lifecycle, assigns it, resolves it (with its resolution) or closes it (with a
/// satisfaction score or an explicit skip): one write, checked by [`crate::domain::feedback::Feedback::changed`];
/// returns it as the list shows it. A score feeds churn risk, so the customer is re-derived in the write.
pub fn update(store: &mut Store, id: FeedbackId, change: &Change) -> Result<Listed> {
    write(store, Trigger::FeedbackUpdated(id), |w| feedback::change(w, id, change))?;
    feedback::listed(store.conn(), id, store.today, &store.respond)
}

/// A correction as typed; each field given replaces the stored one.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditText<'a> {
    pub kind: Option<&'a str>,
    pub title: Option<&'a str>,
    pub body: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub urgency: Option<i64>,
    pub importance: Option<i64>,
    /// A local date or time.
    pub at: Option<&'a str>,
}

impl EditText<'_> {
    pub fn parse(&self) -> Result<FeedbackPatch, Invalid> {
        Ok(FeedbackPatch {
            kind: self.kind.map(str::parse).transpose()?,
            title: self.title.map(str::to_string),
            body: self.body.map(str::to_string),
            channel: self.channel.map(str::to_string),
            urgency: self.urgency,
            importance: self.importance,
            received_at: self.at.map(|a| clock::parse_local("at", a)).transpose()?,
        })
    }
}

/// Corrects what was received (kind, title, levels, when …) in one write that re-derives its customer;
/// returns it as the list shows it, with a notice when it is dated after today (as when it was added).
pub fn edit(store: &mut Store, id: FeedbackId, patch: FeedbackPatch) -> Result<Saved<Listed>> {
    let today = store.today;
    let edited = write(store, Trigger::FeedbackEdited(id), |w| feedback::edit(w, id, patch))?;
    Ok(Saved {
        record: feedback::listed(store.conn(), id, today, &store.respond)?,
        ahead: Ahead::of("at", clock::local_day(edited.received_at), today),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FeedbackStatus;
    use crate::domain::feedback::Satisfaction;
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
        let moved = Change {
            status: Some(FeedbackStatus::Investigating),
            ..Change::default()
        };
        assert_eq!(
            update(&mut s, now.record.feedback.id, &moved).unwrap().feedback.status,
            FeedbackStatus::Investigating
        );
        let closing_early = Change {
            satisfaction: Some(Satisfaction::Score(4)),
            ..Change::default()
        };
        let e = update(&mut s, now.record.feedback.id, &closing_early).unwrap_err();
        assert!(
            matches!(e, StoreError::Invalid(ref i) if i.field == "satisfaction"),
            "{e}"
        );
    }

    fn go(status: FeedbackStatus) -> Change {
        Change {
            status: Some(status),
            ..Change::default()
        }
    }

    /// The audit rows and the stored item: what an illegal move must leave as it was.
    fn stored(s: &Store, id: FeedbackId) -> (i64, crate::domain::feedback::Feedback) {
        let n = s
            .conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        (n, feedback::get(s.conn(), id).unwrap())
    }

    #[test]
    fn the_whole_lifecycle_walks_and_every_illegal_move_is_refused_changing_nothing() {
        use FeedbackStatus::*;
        let (_dir, mut s) = store();
        let c = customer(&mut s, "Ann");
        let id = add(&mut s, Input::parse(c, &typed(None)).unwrap())
            .unwrap()
            .record
            .feedback
            .id;
        // (from, an illegal move from there, the legal change that follows)
        let walk = [
            (New, Closed, go(Investigating)),
            (
                Investigating,
                Closed,
                Change {
                    resolution: Some("sent a replacement".into()),
                    ..go(Resolved)
                },
            ),
            (
                Resolved,
                Investigating,
                Change {
                    satisfaction: Some(Satisfaction::Score(2)),
                    ..go(Closed)
                },
            ),
            (Closed, Investigating, go(Reopened)),
            (Reopened, Resolved, go(Investigating)),
        ];
        for (from, illegal, next) in walk {
            let before = stored(&s, id);
            assert_eq!(before.1.status, from);
            let e = update(&mut s, id, &go(illegal)).unwrap_err();
            let text = e.to_string();
            assert!(
                text.contains(from.as_str()) && text.contains(illegal.as_str()),
                "names from and to: {text}"
            );
            assert_eq!(stored(&s, id), before, "{from} → {illegal} changed nothing");
            update(&mut s, id, &next).unwrap();
        }
        let now = feedback::get(s.conn(), id).unwrap();
        assert_eq!(
            (now.status, now.resolution, now.satisfaction),
            (Investigating, None, None)
        );
    }

    #[test]
    fn assigning_is_recorded_and_what_update_returns_carries_priority_and_response_day() {
        let (_dir, mut s) = store();
        let c = customer(&mut s, "Ann");
        s.respond = crate::domain::feedback::RespondDays([1, 2, 5, 10]);
        let added = add(&mut s, Input::parse(c, &typed(Some("2026-11-10 09:00"))).unwrap()).unwrap();
        // urgency 3 × importance 2 = 6 → P2 (not tier A): due two days after it came in.
        assert_eq!(added.record.priority, crate::domain::Priority::P2);
        assert_eq!(added.record.respond_by, Some(crate::ops::testing::day(2026, 11, 12)));
        assert_eq!(added.record.overdue_days, Some(10));
        let assign = Change {
            assignee: Some("li.wei".into()),
            ..Change::default()
        };
        let after = update(&mut s, added.record.feedback.id, &assign).unwrap();
        assert_eq!(after.feedback.assignee.as_deref(), Some("li.wei"));
        assert_eq!(after.overdue_days, Some(10));
        // Its JSON (`shapes::FeedbackJson`, pinned by the shape's own test) prints these three as they are.
        assert_eq!(after.priority, crate::domain::Priority::P2);
        assert_eq!(after.respond_by, Some(crate::ops::testing::day(2026, 11, 12)));
    }
}
