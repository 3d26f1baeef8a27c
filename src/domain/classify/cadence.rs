//! Contact cadence and the next contact due: the tier decides how often, leads and risk shorten it.

use chrono::NaiveDate;

use super::inputs::Inputs;
use super::params::Params;
use crate::domain::{Stage, Tier};

/// Days between contacts: by tier, 7 for leads, capped at 7 while the churn flag is raised;
/// `None` for an archived customer, who is never due.
pub fn days(archived: bool, tier: Option<Tier>, stage: Stage, flagged: bool, params: &Params) -> Option<i64> {
    if archived {
        return None;
    }
    let c = &params.cadence;
    let mut d = if stage.is_lead() {
        c.lead
    } else {
        match tier.unwrap_or(Tier::C) {
            Tier::A => c.a,
            Tier::B => c.b,
            Tier::C => c.c,
        }
    };
    if flagged {
        d = d.min(c.risk);
    }
    Some(d)
}

/// What set the next due date, for the reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueBasis {
    LastContact(NaiveDate),
    Created(NaiveDate),
    Followup(NaiveDate),
}

/// Last contact (or creation) + cadence, unless a pending explicit follow-up is earlier.
pub fn next_due_with_basis(i: &Inputs, cadence_days: i64) -> (NaiveDate, DueBasis) {
    let (from, basis) = match i.last_contact {
        Some(d) => (d, DueBasis::LastContact(d)),
        None => (i.created_on, DueBasis::Created(i.created_on)),
    };
    let by_cadence = super::shift_days(from, cadence_days);
    match i.followup_due {
        Some(f) if f < by_cadence => (f, DueBasis::Followup(f)),
        _ => (by_cadence, basis),
    }
}

/// What keeps the next due date later than the contacts and follow-ups alone would set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Reviewed on that day without a contact ("nothing to do now"): the cadence counts from it.
    Reviewed(NaiveDate),
    /// Snoozed until that day: not due before it, neither by the cadence nor by a follow-up.
    Snoozed(NaiveDate),
}

/// The next due date with what set it, and what held it back: a review later than the last contact
/// restarts the cadence from the review's day (an explicit follow-up earlier than that still comes first);
/// then a snooze holds the date back to its own day. A snooze whose day has passed holds nothing once the
/// date it set is reached: the customer is due from the snooze's day, overdue counted from there.
pub fn next_due_held(i: &Inputs, cadence_days: i64) -> (NaiveDate, DueBasis, Option<Held>) {
    let (mut due, mut basis) = next_due_with_basis(i, cadence_days);
    let mut held = None;
    let touched = i.last_contact.unwrap_or(i.created_on);
    if let Some(r) = i.reviewed_on.filter(|r| *r > touched) {
        if !matches!(basis, DueBasis::Followup(_)) {
            let by_review = super::shift_days(r, cadence_days);
            match i.followup_due {
                Some(f) if f < by_review => (due, basis) = (f, DueBasis::Followup(f)),
                _ => (due, held) = (by_review, Some(Held::Reviewed(r))),
            }
        }
    }
    if let Some(s) = i.snoozed_until.filter(|s| *s > due) {
        (due, held) = (s, Some(Held::Snoozed(s)));
    }
    (due, basis, held)
}

/// The cadence's own date, follow-ups and a snooze aside: the last touch (the last contact, or a later
/// review; creation when neither) + the cadence.
pub fn by_touch(i: &Inputs, cadence_days: i64) -> NaiveDate {
    let touched = i.last_contact.unwrap_or(i.created_on);
    let from = i.reviewed_on.filter(|r| *r > touched).unwrap_or(touched);
    super::shift_days(from, cadence_days)
}

/// The next contact due: see [`next_due_held`].
pub fn next_due(i: &Inputs, cadence_days: i64) -> NaiveDate {
    next_due_held(i, cadence_days).0
}

/// How far overdue a due date is, in days (0 when due today, negative when not yet due).
pub fn overdue_days(due: NaiveDate, today: NaiveDate) -> i64 {
    (today - due).num_days()
}

/// The queue order: overdue days × tier weight, then churn risk, both descending; then id.
pub fn queue_key(due: NaiveDate, tier: Option<Tier>, churn_risk: u8, id: i64, today: NaiveDate) -> (i64, i64, i64) {
    let weight = tier.map_or(1, Tier::weight);
    (-(overdue_days(due, today) * weight), -i64::from(churn_risk), id)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::day;
    use super::*;

    #[test]
    fn cadence_by_tier_lead_and_risk() {
        let p = Params::default();
        assert_eq!(days(false, Some(Tier::A), Stage::Active, false, &p), Some(14));
        assert_eq!(days(false, Some(Tier::B), Stage::Loyal, false, &p), Some(30));
        assert_eq!(days(false, Some(Tier::C), Stage::AtRisk, false, &p), Some(90));
        assert_eq!(days(false, Some(Tier::C), Stage::Potential, false, &p), Some(7));
        assert_eq!(days(false, Some(Tier::C), Stage::Intent, false, &p), Some(7));
        assert_eq!(days(false, Some(Tier::B), Stage::AtRisk, true, &p), Some(7));
        assert_eq!(days(true, Some(Tier::A), Stage::Active, false, &p), None);
    }

    #[test]
    fn next_due_takes_the_earlier_of_cadence_and_follow_up() {
        let mut i = Inputs::new(1, day("2026-01-01"));
        assert_eq!(
            next_due_with_basis(&i, 7),
            (day("2026-01-08"), DueBasis::Created(day("2026-01-01")))
        );
        i.last_contact = Some(day("2026-11-01"));
        assert_eq!(next_due(&i, 30), day("2026-12-01"));
        i.followup_due = Some(day("2026-11-15"));
        assert_eq!(
            next_due_with_basis(&i, 30),
            (day("2026-11-15"), DueBasis::Followup(day("2026-11-15")))
        );
        i.followup_due = Some(day("2026-12-24"));
        assert_eq!(
            next_due(&i, 30),
            day("2026-12-01"),
            "a later follow-up does not push the cadence back"
        );
    }

    #[test]
    fn a_review_restarts_the_cadence_from_its_day_unless_a_follow_up_comes_first() {
        let mut i = Inputs::new(1, day("2026-01-01"));
        i.last_contact = Some(day("2026-11-01"));
        i.reviewed_on = Some(day("2026-11-23"));
        assert_eq!(
            next_due_held(&i, 14),
            (
                day("2026-12-07"),
                DueBasis::LastContact(day("2026-11-01")),
                Some(Held::Reviewed(day("2026-11-23")))
            )
        );
        i.followup_due = Some(day("2026-11-30"));
        assert_eq!(
            next_due_held(&i, 14),
            (day("2026-11-30"), DueBasis::Followup(day("2026-11-30")), None),
            "a promise made for a day before the review's next date is kept"
        );
        i.followup_due = None;
        i.last_contact = Some(day("2026-11-24"));
        assert_eq!(
            next_due_held(&i, 14),
            (day("2026-12-08"), DueBasis::LastContact(day("2026-11-24")), None),
            "a contact after the review is the last touch"
        );
    }

    #[test]
    fn a_snooze_holds_back_the_cadence_and_a_follow_up_until_its_day() {
        let mut i = Inputs::new(1, day("2026-01-01"));
        i.last_contact = Some(day("2026-11-01"));
        i.followup_due = Some(day("2026-11-10"));
        i.snoozed_until = Some(day("2026-11-26"));
        assert_eq!(
            next_due_held(&i, 14),
            (
                day("2026-11-26"),
                DueBasis::Followup(day("2026-11-10")),
                Some(Held::Snoozed(day("2026-11-26")))
            )
        );
        i.snoozed_until = Some(day("2026-11-05"));
        assert_eq!(
            next_due(&i, 14),
            day("2026-11-10"),
            "a snooze before the date holds nothing"
        );
    }

    #[test]
    fn queue_orders_by_weighted_overdue_then_risk() {
        let today = day("2026-11-22");
        let mut rows = [
            (1, day("2026-11-20"), Some(Tier::C), 90u8), // 2 × 1 = 2
            (2, day("2026-11-21"), Some(Tier::A), 0),    // 1 × 3 = 3
            (3, day("2026-11-22"), Some(Tier::A), 10),   // 0
            (4, day("2026-11-22"), Some(Tier::B), 70),   // 0, higher risk first
            (5, day("2026-11-19"), Some(Tier::C), 0),    // 3 × 1 = 3, tie with 2 on score and risk: id
        ];
        rows.sort_by_key(|(id, due, tier, risk)| queue_key(*due, *tier, *risk, *id, today));
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(ids, vec![2, 5, 1, 4, 3]);
    }
}
