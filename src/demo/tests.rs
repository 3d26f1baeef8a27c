//! The demo set's own promises, checked on the records as generated (tests/demo.rs checks them again as
//! the store derives and queues them).

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::feedback_text;
use super::said::Outcome;
use super::*;
use crate::domain::{CustomerId, FeedbackStatus, FollowupState};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_same_seed_gives_the_same_data() {
    let today = day("2026-11-22");
    let (a, b) = (generate(300, 7, today), generate(300, 7, today));
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    let c = generate(300, 8, today);
    assert_ne!(format!("{a:?}"), format!("{c:?}"));
}

#[test]
fn orders_are_never_in_the_future_and_buyers_average_about_ten() {
    let today = day("2026-11-22");
    let d = generate(2000, 1, today);
    assert!(d.orders.iter().all(|o| o.date < today && o.amount > 0));
    let buyers = d.orders.iter().map(|o| o.customer_id).collect::<HashSet<_>>().len();
    let per = d.orders.len() as f64 / buyers as f64;
    assert!((8.0..=14.0).contains(&per), "{per} orders per buyer");
    assert!(d.customers.iter().any(|c| c.name.chars().any(|ch| ch > '\u{4e00}')));
    assert!(d.customers.iter().any(|c| c.name.is_ascii()));
}

/// Whether a stored time lies before `today` begins in UTC+14, the first zone to start a day: before
/// "now" for anyone, anywhere, whose date is `today`.
fn before_today_anywhere(t: &chrono::DateTime<chrono::Utc>, today: NaiveDate) -> bool {
    let t = *t;
    let first_start = (today - Duration::days(1)).and_hms_opt(10, 0, 0).unwrap().and_utc();
    t < first_start
}

#[test]
fn nothing_lies_after_the_start_of_today_in_any_zone() {
    let today = day("2026-11-23");
    let d = generate(2000, 42, today);
    for c in &d.contacts {
        assert!(before_today_anywhere(&c.at, today), "contact at {}", c.at);
        if let Some(next) = c.next_date {
            assert!(
                next > c.at.date_naive(),
                "next date {next} not after the contact {}",
                c.at
            );
        }
    }
    for f in &d.feedback {
        assert!(before_today_anywhere(&f.received_at, today), "{}", f.received_at);
        if let Some(r) = &f.resolved_at {
            assert!(
                before_today_anywhere(r, today) && *r > f.received_at,
                "{r} vs {}",
                f.received_at
            );
        }
    }
    assert!(d.customers.iter().all(|c| before_today_anywhere(&c.created_at, today)));
    assert!(d.orders.iter().all(|o| before_today_anywhere(&o.created_at, today)));
}

#[test]
fn feedback_reads_as_its_kind_and_every_status_is_there_with_what_it_needs() {
    let d = generate(2000, 42, day("2026-11-23"));
    for f in &d.feedback {
        let zh = !f.title.is_ascii();
        let item = feedback_text::items(f.kind, zh).iter().find(|i| i.title == f.title);
        let item = item.unwrap_or_else(|| panic!("{}: {:?} is not a {} title", f.id, f.title, f.kind));
        assert_eq!(f.body.as_deref(), Some(item.body));
        let finished = matches!(f.status, FeedbackStatus::Resolved | FeedbackStatus::Closed);
        assert_eq!(f.resolved_at.is_some(), finished, "{f:?}");
        assert_eq!(
            f.resolution.is_some(),
            finished || f.status == FeedbackStatus::Reopened,
            "{f:?}"
        );
        if f.resolution.is_some() {
            assert_eq!(f.resolution.as_deref(), Some(item.resolution));
        }
        // A score is given on closing; a reopened item may keep the one it was closed with.
        match f.status {
            FeedbackStatus::Closed => assert!(f.satisfaction.is_some(), "{f:?}"),
            FeedbackStatus::Reopened => {}
            _ => assert!(f.satisfaction.is_none(), "{f:?}"),
        }
        assert!(f.status == FeedbackStatus::New || f.assignee.is_some(), "{f:?}");
    }
    let statuses: HashSet<FeedbackStatus> = d.feedback.iter().map(|f| f.status).collect();
    assert_eq!(statuses.len(), FeedbackStatus::ALL.len(), "{statuses:?}");
    let kinds: HashSet<_> = d.feedback.iter().map(|f| f.kind).collect();
    assert_eq!(kinds.len(), 5);
    assert!(d.feedback.iter().any(|f| f.title.is_ascii()) && d.feedback.iter().any(|f| !f.title.is_ascii()));
}

#[test]
fn summaries_agree_with_outcomes_and_orders_are_taken_on_order_days() {
    let d = generate(2000, 42, day("2026-11-23"));
    let all = [
        Outcome::NoAnswer,
        Outcome::Interested,
        Outcome::NeedsQuote,
        Outcome::Considering,
        Outcome::Ordered,
        Outcome::Satisfied,
        Outcome::NotNow,
    ];
    let order_days: HashSet<(CustomerId, NaiveDate)> = d.orders.iter().map(|o| (o.customer_id, o.date)).collect();
    for c in &d.contacts {
        let (summary, outcome) = (c.summary.as_deref().unwrap(), c.outcome.as_deref().unwrap());
        let o = all
            .iter()
            .find(|o| o.label(false) == outcome || o.label(true) == outcome)
            .unwrap_or_else(|| panic!("unknown outcome {outcome}"));
        let said = o.summaries().iter().find(|s| s.en == summary || s.zh == summary);
        let said = said.unwrap_or_else(|| panic!("{summary:?} is not said of {outcome:?}"));
        assert_eq!((said.channel, said.direction), (c.channel, c.direction), "{summary}");
        assert_eq!(c.next_date.is_some(), o.next_in().is_some(), "{summary}");
        if *o == Outcome::Ordered {
            assert!(order_days.contains(&(c.customer_id, c.at.date_naive())), "{c:?}");
        }
    }
}

#[test]
fn follow_ups_agree_with_the_contact_log() {
    let d = generate(2000, 42, day("2026-11-23"));
    let mut last: HashMap<CustomerId, &crate::domain::contact::Contact> = HashMap::new();
    for c in &d.contacts {
        let e = last.entry(c.customer_id).or_insert(c);
        if c.at > e.at {
            *e = c;
        }
    }
    let states: HashSet<FollowupState> = d.followups.iter().map(|f| f.state).collect();
    assert_eq!(states.len(), 3, "{states:?}");
    for f in d.followups.iter().filter(|f| f.state.is_pending()) {
        let note = f.note.as_deref().unwrap_or("");
        if note.starts_with("set when contact #") {
            // A pending follow-up from a next date is the last contact's: every earlier one was kept.
            let l = last[&f.customer_id];
            assert_eq!(note, crate::store::followups::note_for_contact(l.id), "{f:?}");
            assert_eq!(f.created_at, l.at);
            assert!(f.due >= l.next_date.unwrap(), "{f:?}");
        }
    }
}
