//! The demo's contact log and follow-ups: a team that mostly keeps up. Each customer is called on their
//! cadence, a day or a few late now and then and never at the weekend; a call that ends with a promise
//! ("send the quote", "call back") sets a next date, and the next call keeps it. A few customers were let
//! slide weeks or months ago — the tail the queue and the churn warning exist to catch.

use chrono::{Duration, NaiveDate};

use super::names::Names;
use super::office;
use super::people::{Person, Persona};
use super::plan::Plan;
use super::rng::Rng;
use super::said::Outcome;
use crate::domain::contact::Contact;
use crate::domain::customer::Customer;
use crate::domain::dataset::Dataset;
use crate::domain::followup::Followup;
use crate::domain::{ContactId, FollowupId, FollowupState};

/// Promises made on a call, kept apart from the cadence (English, Chinese).
const PROMISES: [(&str, &str); 4] = [
    ("Send the renewal contract before year end", "年底前寄送续约合同"),
    ("Invite them to the spring product launch", "邀请参加春季新品发布会"),
    ("Check the delivery of the replacement part", "确认替换配件已送达"),
    ("Confirm next year's volumes with their buyer", "与采购确认明年用量"),
];

/// Adds a customer's contacts and follow-ups, on the cadence of `plan`, as of the start of `today`.
pub fn add(data: &mut Dataset, c: &Customer, p: &Person, plan: Plan, names: &Names, today: NaiveDate, rng: &mut Rng) {
    let days = Duration::days;
    if p.persona == (Persona::Lead { contacted: false }) {
        return;
    }
    let (cadence, end) = match plan.cadence {
        // Archived: talked to now and then until they were put away, months ago.
        None => (90, today - days(rng.range(60, 300))),
        Some(cadence) => {
            // Lapsing customers are the easiest to let slide; then the churn warning is the reminder.
            let neglect = match (plan.flagged, p.persona) {
                (true, _) => 0.2,
                (false, Persona::Gone) => 0.05,
                _ => 0.015,
            };
            let end = if rng.chance(neglect) {
                // Overdue by days to months: most by a week or three.
                let late = 3 + (rng.unit() * rng.unit() * 110.0) as i64;
                today - days(cadence + late)
            } else {
                today
            };
            (cadence, end)
        }
    };
    let first_contact = data.contacts.len();
    let mut log = Log {
        data,
        c,
        p,
        names,
        rng,
        pending: None,
    };
    // A few cycles on the cadence in force; before them, the calls on which orders were taken.
    let cycles = match cadence {
        ..=7 => 5,
        8..=14 => 4,
        15..=30 => 3,
        _ => 2,
    };
    // Where in its cycle each customer is: spread evenly over the weekdays, so that no day of the week
    // carries more than its share of the calls.
    let mut start = end - days(cadence * cycles + log.rng.range(0, cadence - 1));
    for _ in 0..8 {
        if office::workday(start) == start {
            break;
        }
        start = end - days(cadence * cycles + log.rng.range(0, cadence - 1));
    }
    let start = start.max(p.created + days(1));
    let before: Vec<NaiveDate> = p
        .order_days
        .iter()
        .copied()
        .filter(|d| *d >= p.created && *d < start)
        .collect();
    let mut older: Vec<NaiveDate> = (0..log.rng.range(0, 2))
        .filter(|_| !before.is_empty())
        .map(|_| *log.rng.pick(&before))
        .collect();
    older.sort_unstable();
    older.dedup();
    for day in older {
        log.contact(day, Outcome::Ordered);
    }
    let mut planned = start;
    let mut previous = start - days(1);
    loop {
        // Mostly on the day, sometimes a day or a few late; a call due at the weekend is made on the
        // Friday before, and never twice a day.
        let late = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 5];
        let mut day = office::workday_before(planned + days(*log.rng.pick(&late)));
        if day <= previous {
            day = office::workday(previous + days(1));
        }
        if day >= end {
            break;
        }
        previous = day;
        let outcome = if p.order_days.binary_search(&day).is_ok() {
            Outcome::Ordered
        } else {
            let lead = matches!(p.persona, Persona::Lead { .. });
            let weights = Outcome::USUAL.map(|(_, customer, lead_w)| if lead { lead_w } else { customer });
            Outcome::USUAL[log.rng.weighted(&weights)].0
        };
        let next = log.contact(day, outcome);
        planned = next.unwrap_or(day + days(cadence));
    }
    // The promise made on the last call is still to keep; now and then it was put off a few days.
    if let Some(k) = log.pending.take() {
        if log.rng.chance(0.15) {
            let f = &mut log.data.followups[k];
            f.state = FollowupState::Snoozed;
            f.due = office::workday(f.due + days(log.rng.range(1, 4)));
        } else {
            log.data.followups[k].state = FollowupState::Open;
        }
    }
    if plan.cadence.is_some() && log.data.contacts.len() > first_contact {
        log.promise(first_contact, today);
    }
}

/// One customer's log being written.
struct Log<'a> {
    data: &'a mut Dataset,
    c: &'a Customer,
    p: &'a Person,
    names: &'a Names,
    rng: &'a mut Rng,
    /// The follow-up the last contact's next date opened, until a later contact keeps it.
    pending: Option<usize>,
}

impl Log<'_> {
    /// Logs a contact on `day` ending in `outcome`; returns its next date, if it set one.
    fn contact(&mut self, day: NaiveDate, outcome: Outcome) -> Option<NaiveDate> {
        let zh = self.p.zh;
        let said = self.rng.pick(outcome.summaries());
        let staff = if self.rng.chance(0.88) {
            self.p.owner.clone()
        } else {
            self.names.colleague(&self.p.owner, self.rng).to_string()
        };
        let next = outcome
            .next_in()
            .map(|(lo, hi)| office::workday(day + Duration::days(self.rng.range(lo, hi))));
        let id = ContactId(self.data.contacts.len() as i64 + 1);
        let at = office::stamp(day, self.rng);
        // This contact happened on or after the date the last one promised: that follow-up is done.
        if let Some(k) = self.pending.take() {
            self.data.followups[k].state = FollowupState::Done;
        }
        if let Some(due) = next {
            self.pending = Some(self.data.followups.len());
            self.data.followups.push(Followup {
                id: FollowupId(self.data.followups.len() as i64 + 1),
                customer_id: self.c.id,
                due,
                // The note and creation time by which a later contact knows and replaces it, as when a
                // contact with a next date is logged by hand.
                note: Some(crate::store::followups::note_for_contact(id)),
                state: FollowupState::Done,
                created_at: at,
                created_by: staff.clone(),
            });
        }
        self.data.contacts.push(Contact {
            id,
            customer_id: self.c.id,
            at,
            channel: said.channel,
            direction: said.direction,
            summary: Some(if zh { said.zh } else { said.en }.to_string()),
            outcome: Some(outcome.label(zh).to_string()),
            staff,
            next_date: next,
        });
        next
    }

    /// Now and then a promise of its own, made on a call: one still to keep, or one kept long ago.
    fn promise(&mut self, first_contact: usize, today: NaiveDate) {
        let roll = self.rng.unit();
        let contacts = &self.data.contacts[first_contact..];
        let (made, due, state) = if roll < 0.04 {
            let Some(last) = contacts.last() else { return };
            let due = office::workday(today + Duration::days(self.rng.range(2, 25)));
            (last, due, FollowupState::Open)
        } else if roll < 0.07 && contacts.len() >= 2 {
            // Kept: due between the call it was made on and the next one.
            let k = self.rng.range(0, contacts.len() as i64 - 2) as usize;
            let (from, to) = (day_of(&contacts[k].at), day_of(&contacts[k + 1].at));
            let (Some(from), Some(to)) = (from, to) else { return };
            let due = from + Duration::days(self.rng.range(1, (to - from).num_days().max(1)));
            (&contacts[k], due, FollowupState::Done)
        } else {
            return;
        };
        let (en, zh) = *self.rng.pick(&PROMISES);
        let followup = Followup {
            id: FollowupId(self.data.followups.len() as i64 + 1),
            customer_id: self.c.id,
            due,
            note: Some(if self.p.zh { zh } else { en }.to_string()),
            state,
            created_at: made.at,
            created_by: made.staff.clone(),
        };
        self.data.followups.push(followup);
    }
}

/// The date of a stored contact time (office hours keep it on its UTC date).
fn day_of(at: &chrono::DateTime<chrono::Utc>) -> Option<NaiveDate> {
    Some(at.date_naive())
}
