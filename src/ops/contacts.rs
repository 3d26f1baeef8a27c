//! Logging a contact: stamped now unless a time is given, closing the follow-ups it satisfies and opening
//! the next one.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::contact::Contact;
use crate::domain::contact::NewContact;
use crate::domain::{Channel, ContactId, CustomerId, Direction, Invalid, snooze};
use crate::store::contacts::{self, ContactPatch, Logged};
use crate::store::{Result, Store, clock};

use super::{Ahead, Saved, Trigger, at_or_now, non_empty, write};

/// A contact to log; without `at` it happened now.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub customer: CustomerId,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: Option<String>,
    pub outcome: Option<String>,
    pub at: Option<DateTime<Utc>>,
    /// Opens a follow-up on that date, replacing the one an earlier contact's next date opened.
    pub next: Option<NaiveDate>,
}

/// A contact as the user typed it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Text<'a> {
    pub channel: &'a str,
    /// `inbound`/`outbound`, or `in`/`out`.
    pub direction: &'a str,
    pub summary: Option<&'a str>,
    pub outcome: Option<&'a str>,
    /// A local date or time (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM`).
    pub at: Option<&'a str>,
    pub next: Option<&'a str>,
}

impl Input {
    /// Parses typed text; a time is read in the local zone, a next date as a day word (`+2w`, `mon`) counts
    /// from `today`.
    pub fn parse(customer: CustomerId, t: &Text<'_>, today: NaiveDate) -> Result<Input, Invalid> {
        Ok(Input {
            customer,
            at: t.at.map(|a| clock::parse_local("at", a)).transpose()?,
            channel: t.channel.parse()?,
            direction: Direction::parse_loose(t.direction)?,
            summary: non_empty(t.summary),
            outcome: non_empty(t.outcome),
            next: t.next.map(|n| snooze::parse_day("next", n, today)).transpose()?,
        })
    }
}

/// Logs a contact by the acting user. The result says which follow-ups it closed, replaced and opened, and
/// carries a notice when the contact is dated after today.
pub fn log(store: &mut Store, input: Input) -> Result<Saved<Logged>> {
    let today = store.today;
    let at = at_or_now(input.at, today);
    let contact = NewContact {
        staff: None,
        customer_id: input.customer,
        at,
        channel: input.channel,
        direction: input.direction,
        summary: input.summary,
        outcome: input.outcome,
        next_date: input.next,
    };
    let record = write(store, Trigger::ContactLogged(input.customer), |w| {
        let logged = contacts::log(w, contact)?;
        // The customer was reached: a snooze is over, the cadence counts from this contact. A contact dated
        // after today has not happened yet: the snooze stands (its day comes, or the contact's does).
        if clock::local_day(at) <= today {
            crate::store::hold::wake(w, input.customer)?;
        }
        Ok(logged)
    })?;
    Ok(Saved {
        record,
        ahead: Ahead::of("at", clock::local_day(at), today),
    })
}

/// A correction as typed; each field given replaces the stored one.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditText<'a> {
    pub channel: Option<&'a str>,
    pub direction: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub outcome: Option<&'a str>,
    /// A local date or time.
    pub at: Option<&'a str>,
}

impl EditText<'_> {
    pub fn parse(&self) -> Result<ContactPatch, Invalid> {
        Ok(ContactPatch {
            at: self.at.map(|a| clock::parse_local("at", a)).transpose()?,
            channel: self.channel.map(str::parse).transpose()?,
            direction: self.direction.map(Direction::parse_loose).transpose()?,
            summary: self.summary.map(str::to_string),
            outcome: self.outcome.map(str::to_string),
        })
    }
}

/// Corrects a logged contact in one write that re-derives its customer, with a notice when it is dated
/// after today (as when it was logged).
pub fn edit(store: &mut Store, id: ContactId, patch: ContactPatch) -> Result<Saved<Contact>> {
    let today = store.today;
    let record = write(store, Trigger::ContactEdited(id), |w| contacts::edit(w, id, patch))?;
    Ok(Saved {
        ahead: Ahead::of("at", clock::local_day(record.at), today),
        record,
    })
}

/// Deletes a contact logged by mistake in one write that re-derives its customer (the audit keeps it).
pub fn delete(store: &mut Store, id: ContactId) -> Result<Contact> {
    write(store, Trigger::ContactDeleted(id), |w| contacts::delete(w, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{customer, day, store};

    #[test]
    fn short_directions_and_empty_text_are_read_as_the_form_and_the_flags_mean_them() {
        let t = Text {
            channel: "wechat",
            direction: "in",
            summary: Some(" "),
            outcome: Some(" agreed "),
            at: None,
            next: Some("2026-12-01"),
        };
        let input = Input::parse(CustomerId(1), &t, day(2026, 11, 23)).unwrap();
        assert_eq!(input.direction, Direction::Inbound);
        assert_eq!((input.summary, input.outcome), (None, Some("agreed".to_string())));
        assert_eq!(input.next, Some(day(2026, 12, 1)));
        let bad = Text {
            next: Some("soon"),
            ..t
        };
        assert_eq!(
            Input::parse(CustomerId(1), &bad, day(2026, 11, 23)).unwrap_err().field,
            "next"
        );
    }

    #[test]
    fn a_contact_without_a_time_is_stamped_as_of_today_and_its_next_date_opens_a_follow_up() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        let input = Input {
            customer: id,
            channel: Channel::Phone,
            direction: Direction::Outbound,
            summary: None,
            outcome: None,
            at: None,
            next: Some(day(2026, 12, 1)),
        };
        let saved = log(&mut s, input).unwrap();
        assert_eq!(saved.ahead, None);
        assert_eq!(clock::local_day(saved.record.contact.at), s.today);
        assert!(saved.record.next_followup.is_some());
    }
}
