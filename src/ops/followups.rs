//! Explicit follow-ups: promise a contact by a date, mark it done, move it later.

use chrono::NaiveDate;

use crate::domain::followup::Followup;
use crate::domain::{CustomerId, FollowupId};
use crate::store::{Result, Store, followups};

use super::{Trigger, non_empty, write};

/// Opens a follow-up for `customer` due on `due` (at most ten years ahead).
pub fn add(store: &mut Store, customer: CustomerId, due: NaiveDate, note: Option<&str>) -> Result<Followup> {
    let note = non_empty(note);
    write(store, Trigger::FollowupAdded(customer), |w| {
        followups::add(w, customer, due, note)
    })
}

/// Marks a pending follow-up done.
pub fn done(store: &mut Store, id: FollowupId) -> Result<Followup> {
    write(store, Trigger::FollowupDone(id), |w| followups::done(w, id))
}

/// Moves a pending follow-up to a later date (after today).
pub fn snooze(store: &mut Store, id: FollowupId, until: NaiveDate) -> Result<Followup> {
    write(store, Trigger::FollowupSnoozed(id), |w| followups::snooze(w, id, until))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FollowupState;
    use crate::ops::testing::{customer, day, store};

    #[test]
    fn a_follow_up_is_added_snoozed_and_done_once() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        let today = s.today;
        let f = add(&mut s, id, today, Some("  call back ")).unwrap();
        assert_eq!(f.note.as_deref(), Some("call back"));
        let later = snooze(&mut s, f.id, day(2026, 12, 5)).unwrap();
        assert_eq!((later.state, later.due), (FollowupState::Snoozed, day(2026, 12, 5)));
        assert_eq!(done(&mut s, f.id).unwrap().state, FollowupState::Done);
        assert!(done(&mut s, f.id).is_err(), "a follow-up is done once");
    }
}
