//! Working through the queue without a contact: snooze a customer (holding back the cadence and every
//! open follow-up until a day), or mark them done — closing the follow-ups that made them due, and
//! restarting the cadence from today when the cadence made them due (a review, which is not a contact).

use chrono::NaiveDate;

use crate::domain::classify::cadence;
use crate::domain::reach::{self, Reach};
use crate::domain::{CustomerId, FollowupId, Invalid};
use crate::store::hold::{self, Hold};
use crate::store::{Result, Store, Tx, followups};

use super::{Trigger, write};

/// What marking a customer done did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Done {
    pub customer: CustomerId,
    /// The pending follow-ups it closed: those due by the day the customer was up.
    pub closed: Vec<FollowupId>,
    /// Whether it restarted the cadence from today (recorded as a review).
    pub reviewed: bool,
    #[serde(flatten)]
    pub hold: Hold,
}

/// The customer in use, with their inputs and cadence; an archived customer is refused by name.
fn standing(w: &Tx<'_>, customer: CustomerId) -> Result<(crate::domain::classify::Inputs, i64)> {
    hold::standing(w, customer)?.ok_or_else(|| Invalid::new("customer", format!("{customer} is never due")).into())
}

/// Snoozes `customer` until `until`: not due before that day, neither by the cadence nor by a follow-up.
/// Refused when `until` is not after today, or not after the day the customer is due anyway (a snooze
/// that would change nothing is a mistake to say, not to store).
pub fn snooze(store: &mut Store, customer: CustomerId, until: NaiveDate) -> Result<Hold> {
    write(store, Trigger::CustomerSnoozed(customer), |w| {
        if until <= w.today {
            let (value, today) = (until.to_string(), w.today.to_string());
            return Err(Invalid::said(
                "until",
                "invalid.until_not_after",
                &[("value", &value), ("today", &today)],
            )
            .into());
        }
        reach::check("until", until, w.today, Reach::Planned)?;
        let (mut i, days) = standing(w, customer)?;
        if i.snoozed_until == Some(until) {
            let value = until.to_string();
            return Err(Invalid::said("until", "invalid.until_same", &[("value", &value)]).into());
        }
        i.snoozed_until = None;
        let due = cadence::next_due(&i, days);
        if until <= due {
            let (value, due) = (until.to_string(), due.to_string());
            return Err(Invalid::said("until", "invalid.until_not_due", &[("value", &value), ("due", &due)]).into());
        }
        hold::snooze(w, customer, until)
    })
}

/// Marks `customer` done without a contact. The pending follow-ups due by the day they are up (today, or
/// their due date when that is later) are done; when none was, or the cadence had them due as well, the
/// cadence restarts from today (a review). A snooze ends either way. Refused when the customer is not due
/// today or before (snoozed, reviewed already, or a colleague's contact moved the date): nothing to mark.
pub fn done(store: &mut Store, customer: CustomerId) -> Result<Done> {
    write(store, Trigger::CustomerReviewed(customer), |w| {
        let (i, days) = standing(w, customer)?;
        let due = cadence::next_due(&i, days);
        if due > w.today {
            let (id, due) = (customer.to_string(), due.to_string());
            return Err(Invalid::said("customer", "invalid.not_due_yet", &[("customer", &id), ("due", &due)]).into());
        }
        let up = due.max(w.today);
        let closed = followups::close_satisfied(w, customer, up)?;
        let reviewed = closed.is_empty() || cadence::by_touch(&i, days) <= up;
        let hold = if reviewed {
            hold::review(w, customer)?
        } else {
            hold::wake(w, customer)?
        };
        Ok(Done {
            customer,
            closed,
            reviewed,
            hold,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CustomerId;
    use crate::ops::testing::{customer, day, store};

    fn next_due(s: &Store, id: CustomerId) -> NaiveDate {
        let rows = crate::store::derive::read_stored(s.conn(), &[id]).unwrap();
        rows[&id].1.next_due.expect("a due date")
    }

    fn audit_actions(s: &Store, id: CustomerId) -> Vec<String> {
        let mut st = s
            .conn()
            .prepare("SELECT action FROM audit_log WHERE entity = 'customer' AND entity_id = ?1 ORDER BY id")
            .unwrap();
        st.query_map([id.0], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    #[test]
    fn a_snooze_holds_the_customer_back_and_one_that_changes_nothing_is_refused() {
        let (_dir, mut s) = store();
        // A new customer is a lead: due a week after creation (2026-11-29).
        let id = customer(&mut s, "Ann");
        assert_eq!(next_due(&s, id), day(2026, 11, 29));
        let e = snooze(&mut s, id, day(2026, 11, 25)).unwrap_err();
        assert!(e.to_string().contains("2026-11-29"), "{e}");
        let today = s.today;
        let e = snooze(&mut s, id, today).unwrap_err();
        assert!(e.to_string().contains("not after today"), "{e}");
        assert_eq!(
            crate::store::hold::get(s.conn(), id).unwrap(),
            Hold::default(),
            "a refusal changes nothing"
        );
        let held = snooze(&mut s, id, day(2026, 12, 3)).unwrap();
        assert_eq!(held.snoozed_until, Some(day(2026, 12, 3)));
        assert_eq!(next_due(&s, id), day(2026, 12, 3));
        assert_eq!(audit_actions(&s, id).last().map(String::as_str), Some("snooze"));
    }

    fn call(s: &mut Store, id: CustomerId, on: NaiveDate) {
        let input = crate::ops::contacts::Input {
            customer: id,
            channel: crate::domain::Channel::Phone,
            direction: crate::domain::Direction::Outbound,
            summary: None,
            outcome: None,
            at: Some(crate::store::clock::moment(on)),
            next: None,
        };
        crate::ops::contacts::log(s, input).unwrap();
    }

    #[test]
    fn done_on_a_cadence_only_customer_is_a_review_and_on_a_follow_up_closes_it() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        let today = s.today;
        // Last called ten days ago: the 7-day lead cadence had her due three days ago.
        call(&mut s, id, today - chrono::Days::new(10));
        let d = done(&mut s, id).unwrap();
        assert!(d.reviewed && d.closed.is_empty(), "{d:?}");
        assert_eq!(d.hold.reviewed_on, Some(s.today));
        assert_eq!(next_due(&s, id), day(2026, 11, 29), "the cadence counts from today");
        assert_eq!(
            crate::store::contacts::count(s.conn(), Some(id)).unwrap(),
            1,
            "a review is no contact"
        );

        let f = crate::ops::followups::add(&mut s, id, today, Some("send the quote")).unwrap();
        assert_eq!(next_due(&s, id), today);
        let d = done(&mut s, id).unwrap();
        assert_eq!((d.closed.clone(), d.reviewed), (vec![f.id], false), "{d:?}");
        assert_eq!(next_due(&s, id), day(2026, 11, 29), "back to the cadence");
        assert!(audit_actions(&s, id).contains(&"review".to_string()));
    }

    #[test]
    fn done_on_a_customer_not_due_yet_is_refused_and_changes_nothing() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        let before = audit_actions(&s, id);
        let e = done(&mut s, id).unwrap_err();
        assert!(e.to_string().contains("not due until 2026-11-29"), "{e}");
        // Snoozed, or reviewed a moment ago: not due either.
        let ago = s.today - chrono::Days::new(10);
        call(&mut s, id, ago);
        snooze(&mut s, id, day(2026, 12, 3)).unwrap();
        let e = done(&mut s, id).unwrap_err();
        assert!(e.to_string().contains("not due until 2026-12-03"), "{e}");
        let (_d2, mut s) = store();
        let id = customer(&mut s, "Bo");
        let ago = s.today - chrono::Days::new(10);
        call(&mut s, id, ago);
        done(&mut s, id).unwrap();
        let after_first = audit_actions(&s, id);
        assert!(done(&mut s, id).is_err(), "a second done right after the first");
        assert_eq!(audit_actions(&s, id), after_first, "a refusal changes nothing");
        assert!(!before.is_empty());
    }

    #[test]
    fn a_snooze_to_the_day_already_held_is_refused() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        snooze(&mut s, id, day(2026, 12, 3)).unwrap();
        let audited = audit_actions(&s, id);
        let e = snooze(&mut s, id, day(2026, 12, 3)).unwrap_err();
        assert!(e.to_string().contains("already snoozed until 2026-12-03"), "{e}");
        assert_eq!(audit_actions(&s, id), audited);
        snooze(&mut s, id, day(2026, 12, 4)).unwrap();
    }

    #[test]
    fn a_contact_dated_after_today_leaves_a_snooze_alone() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        snooze(&mut s, id, day(2026, 12, 20)).unwrap();
        let tomorrow = s.today + chrono::Days::new(1);
        call(&mut s, id, tomorrow);
        assert_eq!(
            crate::store::hold::get(s.conn(), id).unwrap().snoozed_until,
            Some(day(2026, 12, 20))
        );
        let today = s.today;
        call(&mut s, id, today);
        assert_eq!(crate::store::hold::get(s.conn(), id).unwrap().snoozed_until, None);
    }

    /// The first customer of the demo in `tier`, flagged or not, with no follow-up pending.
    fn pick(s: &Store, tier: crate::domain::Tier, flagged: bool) -> CustomerId {
        let ids: Vec<CustomerId> = (1..=300).map(CustomerId).collect();
        let rows = crate::store::derive::read_stored(s.conn(), &ids).unwrap();
        ids.into_iter()
            .find(|id| {
                let (_, c) = &rows[id];
                c.tier == Some(tier)
                    && c.churn_flag == flagged
                    && !c.stage.is_lead()
                    && crate::store::followups::count(s.conn(), Some(*id), false).unwrap() == 0
            })
            .expect("such a customer in the demo")
    }

    #[test]
    fn a_customer_contacted_today_is_due_again_after_the_cadence_and_a_flagged_one_in_a_week() {
        let (_dir, mut s) = store();
        let today = s.today;
        crate::store::bulk::load(&mut s, &crate::demo::generate(300, 11, today)).unwrap();
        for (tier, flagged, days) in [
            (crate::domain::Tier::A, false, 14),
            (crate::domain::Tier::A, true, 7),
            (crate::domain::Tier::B, false, 30),
        ] {
            let id = pick(&s, tier, flagged);
            let input = crate::ops::contacts::Input {
                customer: id,
                channel: crate::domain::Channel::Phone,
                direction: crate::domain::Direction::Outbound,
                summary: None,
                outcome: None,
                at: None,
                next: None,
            };
            crate::ops::contacts::log(&mut s, input).unwrap();
            let (_, c) = &crate::store::derive::read_stored(s.conn(), &[id]).unwrap()[&id];
            assert_eq!(
                c.churn_flag, flagged,
                "{id}: a contact today does not move the flag here"
            );
            assert_eq!(
                next_due(&s, id),
                today + chrono::Days::new(days),
                "{id}: {tier:?} flagged {flagged}"
            );
            // Snoozed past that, the customer is due on the snooze's day.
            let later = today + chrono::Days::new(days + 3);
            snooze(&mut s, id, later).unwrap();
            assert_eq!(next_due(&s, id), later);
            assert!(
                crate::store::queue::due(s.conn(), today, None, None)
                    .unwrap()
                    .iter()
                    .all(|r| r.id != id.0)
            );
        }
    }

    #[test]
    fn a_contact_ends_a_snooze_and_an_archived_customer_is_refused() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        snooze(&mut s, id, day(2026, 12, 20)).unwrap();
        let input = crate::ops::contacts::Input {
            customer: id,
            channel: crate::domain::Channel::Phone,
            direction: crate::domain::Direction::Outbound,
            summary: None,
            outcome: None,
            at: None,
            next: None,
        };
        crate::ops::contacts::log(&mut s, input).unwrap();
        assert_eq!(crate::store::hold::get(s.conn(), id).unwrap().snoozed_until, None);
        assert_eq!(next_due(&s, id), day(2026, 11, 29));
        crate::ops::customers::archive(&mut s, id).unwrap();
        let e = snooze(&mut s, id, day(2026, 12, 20)).unwrap_err();
        assert!(e.to_string().contains("archived"), "{e}");
        assert!(done(&mut s, id).is_err());
    }
}
