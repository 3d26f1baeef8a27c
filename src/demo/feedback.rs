//! The demo's feedback: items whose words match their kind, at every step of the workflow — new ones from
//! the last few days, items under investigation, resolved ones with their resolution, closed ones with a
//! satisfaction score, and a few reopened — each assigned to whoever would handle it.

use chrono::{Duration, NaiveDate};

use super::feedback_text;
use super::names::Names;
use super::office;
use super::people::Person;
use super::rng::Rng;
use crate::domain::feedback::Feedback;
use crate::domain::{Channel, CustomerId, FeedbackId, FeedbackKind, FeedbackStatus};

/// How often each kind comes in (complaints, suggestions, praise, inquiries, needs).
const KIND_WEIGHTS: [(FeedbackKind, u32); 5] = [
    (FeedbackKind::Complaint, 30),
    (FeedbackKind::Suggestion, 15),
    (FeedbackKind::Praise, 15),
    (FeedbackKind::Inquiry, 25),
    (FeedbackKind::Need, 15),
];

/// How often an item is at each status; most are done with, a minority still open.
const STATUS_WEIGHTS: [(FeedbackStatus, u32); 5] = [
    (FeedbackStatus::New, 10),
    (FeedbackStatus::Investigating, 14),
    (FeedbackStatus::Resolved, 20),
    (FeedbackStatus::Closed, 51),
    (FeedbackStatus::Reopened, 5),
];

/// Adds a customer's feedback, if they gave any: buyers only, one item or two, received after they
/// became a customer and before today.
pub fn add(out: &mut Vec<Feedback>, id: CustomerId, p: &Person, names: &Names, today: NaiveDate, rng: &mut Rng) {
    let Some(&first_order) = p.order_days.first() else {
        return;
    };
    if !rng.chance(0.15) {
        return;
    }
    for _ in 0..rng.range(1, 2) {
        let kind = KIND_WEIGHTS[rng.weighted(&KIND_WEIGHTS.map(|k| k.1))].0;
        let mut status = STATUS_WEIGHTS[rng.weighted(&STATUS_WEIGHTS.map(|s| s.1))].0;
        // Praise is thanked and closed; nobody investigates it.
        if kind == FeedbackKind::Praise && matches!(status, FeedbackStatus::Investigating | FeedbackStatus::Reopened) {
            status = FeedbackStatus::Closed;
        }
        // Days ago it came in: open items are recent, finished ones spread over months.
        let (lo, hi) = match status {
            FeedbackStatus::New => (1, 4),
            FeedbackStatus::Investigating => (2, 20),
            FeedbackStatus::Resolved => (4, 60),
            FeedbackStatus::Closed => (8, 240),
            // Reopened lately, after a resolution that did not hold.
            FeedbackStatus::Reopened => (8, 30),
        };
        let oldest = (today - first_order).num_days().max(1);
        let ago = rng.range(lo, hi).min(oldest);
        // A customer whose first order was only days ago can only have sent something new.
        if ago < lo {
            status = FeedbackStatus::New;
        }
        let received = today - Duration::days(ago);
        let item = rng.pick(feedback_text::items(kind, p.zh));
        let (urgency, importance) = match kind {
            FeedbackKind::Complaint => (rng.range(2, 3), rng.range(1, 3)),
            FeedbackKind::Need => (rng.range(1, 2), rng.range(2, 3)),
            FeedbackKind::Inquiry => (rng.range(1, 2), rng.range(1, 2)),
            FeedbackKind::Suggestion => (1, rng.range(1, 2)),
            FeedbackKind::Praise => (1, 1),
        };
        let done = matches!(status, FeedbackStatus::Resolved | FeedbackStatus::Closed);
        // Resolved a day to two weeks after it came in, and by yesterday; a reopened item's resolution is
        // what was done before it came back, and it has no resolution time any more (as `feedback update`
        // leaves it).
        let fixed_on = received + Duration::days(rng.range(1, 14).min(ago - 1).max(1));
        let resolved_at = done.then(|| office::stamp(fixed_on, rng));
        let satisfaction = match (status, kind) {
            (FeedbackStatus::Closed, FeedbackKind::Praise) => Some(5),
            (FeedbackStatus::Closed, FeedbackKind::Complaint) => Some(*rng.pick(&[1, 2, 3, 4, 4, 5, 5])),
            (FeedbackStatus::Closed, _) => Some(rng.range(3, 5) as u8),
            // Some reopened items were closed unhappy first; the score stays, though it no longer counts.
            (FeedbackStatus::Reopened, _) if rng.chance(0.5) => Some(rng.range(1, 2) as u8),
            _ => None,
        };
        let handler = match kind {
            FeedbackKind::Complaint | FeedbackKind::Need => names.support.clone(),
            _ => p.owner.clone(),
        };
        let assignee = match status {
            FeedbackStatus::New if rng.chance(0.6) => None,
            _ => Some(handler),
        };
        let channel = *rng.pick(&[Channel::Phone, Channel::Email, Channel::Wechat, Channel::Visit]);
        out.push(Feedback {
            id: FeedbackId(out.len() as i64 + 1),
            customer_id: id,
            received_at: office::stamp(received, rng),
            kind,
            channel: Some(channel.as_str().to_string()),
            title: item.title.to_string(),
            body: Some(item.body.to_string()),
            urgency: urgency as u8,
            importance: importance as u8,
            status,
            assignee,
            resolution: matches!(
                status,
                FeedbackStatus::Resolved | FeedbackStatus::Closed | FeedbackStatus::Reopened
            )
            .then(|| item.resolution.to_string()),
            resolved_at,
            satisfaction,
        });
    }
}
