//! One customer's review card: everything the card shows, read from the store when the card is reached
//! (one customer's rows, each by an index), never while drawing.

use chrono::NaiveDate;

use crate::domain::classify::explain::Reasons;
use crate::domain::classify::{Classes, Inputs};
use crate::domain::contact::Contact;
use crate::domain::customer::Customer;
use crate::domain::followup::Followup;
use crate::domain::{CustomerId, Priority};
use crate::i18n::I18n;
use crate::store::{Result, Store, contacts, feedback, followups, monthly};

/// How many contacts the card shows, and months of revenue.
const CONTACTS: usize = 3;
pub const MONTHS: u32 = 12;

/// An open feedback item as the card lists it.
#[derive(Debug, Clone)]
pub struct OpenFeedback {
    pub priority: Priority,
    pub title: String,
    pub status: String,
    pub overdue_days: Option<i64>,
}

/// What the card shows of one customer.
#[derive(Debug, Clone)]
pub struct Card {
    pub customer: Customer,
    pub inputs: Inputs,
    pub classes: Classes,
    /// Why the customer is due today, a line each (see [`why_due`]).
    pub why: Vec<String>,
    pub contacts: Vec<Contact>,
    pub feedback: Vec<OpenFeedback>,
    /// Revenue per calendar month, oldest first, ending with today's month.
    pub revenue: Vec<i64>,
    /// The next contact date a contact logged today would propose: today + the cadence.
    pub proposed_next: Option<NaiveDate>,
}

impl Card {
    pub fn load(store: &Store, id: i64, words: &I18n) -> Result<Card> {
        let cid = CustomerId(id);
        let conn = store.conn();
        let e = crate::ops::classify::explain(store, cid, words)?;
        let pending = followups::list(conn, Some(cid), false, Some(5))?;
        let why = why_due(&e.classes, &e.reasons, &pending, store.today, words);
        let contacts = contacts::list(conn, Some(cid), Some(CONTACTS))?;
        let feedback = feedback::list_by(conn, Some(cid), true, Some(5), store.today, &store.respond)?
            .into_iter()
            .map(|l| OpenFeedback {
                priority: l.priority,
                title: l.feedback.title,
                status: l.feedback.status.to_string(),
                overdue_days: l.overdue_days,
            })
            .collect();
        let revenue = monthly::revenue_by_month(conn, cid, store.today, MONTHS)?;
        let proposed_next = e
            .classes
            .cadence_days
            .map(|d| crate::domain::classify::shift_days(store.today, d));
        Ok(Card {
            customer: e.customer,
            inputs: e.inputs,
            classes: e.classes,
            why,
            contacts,
            feedback,
            revenue,
            proposed_next,
        })
    }
}

/// Why a customer is due today, as lines in `words`: when and by what (the next-due sentence: overdue
/// days, the tier's cadence, a churn cap), what holds the date (a review, a snooze), the churn-risk
/// reasons when there is a risk, and each pending follow-up's note. The one place the card words it, so
/// that a structured "why due" value can replace the sentences here alone.
pub fn why_due(
    c: &Classes,
    reasons: &Reasons,
    pending: &[followups::Listed],
    today: NaiveDate,
    words: &I18n,
) -> Vec<String> {
    let mut out = vec![reasons.next_due.clone()];
    if c.churn_risk > 0 {
        out.push(words.f("review.why.churn", &[("why", &reasons.churn_risk)]));
    }
    for f in pending.iter().map(|l| &l.followup) {
        out.push(followup_line(f, today, words));
    }
    out
}

fn followup_line(f: &Followup, today: NaiveDate, words: &I18n) -> String {
    let key = if f.due <= today {
        "review.why.followup_due"
    } else {
        "review.why.followup_later"
    };
    words.f(
        key,
        &[
            ("date", &f.due.to_string()),
            ("note", &note_in(f.note.as_deref(), words)),
        ],
    )
}

/// A follow-up's note as the interface shows it: the system's note of a follow-up a contact's next date
/// opened ("set when contact #N was logged") in `words`' language, anyone else's as written.
pub fn note_in(note: Option<&str>, words: &I18n) -> String {
    let note = note.unwrap_or("");
    match followups::contact_of_note(note) {
        Some(id) => words.f("followup.note.contact", &[("id", &id.to_string())]),
        None => note.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_a_contact_set_is_worded_in_the_interface_language() {
        let system = followups::note_for_contact(crate::domain::ContactId(4454));
        let zh = I18n::new("zh");
        let said = note_in(Some(&system), &zh);
        assert!(said.contains("4454") && !said.contains("logged"), "{said}");
        assert_eq!(
            note_in(Some(&system), &I18n::new("en")),
            "set when contact #4454 was logged"
        );
        assert_eq!(
            note_in(Some("set when contact #x was logged"), &zh),
            "set when contact #x was logged"
        );
        assert_eq!(note_in(Some("call back"), &zh), "call back");
    }
}
