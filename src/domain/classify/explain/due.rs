//! Why a customer is due when they are, as a value: what set the date (last contact, creation, an explicit
//! follow-up), the cadence and whence it comes, whether the churn flag shortened it, and how late it is.
//! Each front end words it in its language; the English sentence (`reasons.next_due`, `due --json`'s `why`)
//! is the same value worded by the English table, so nothing re-parses prose.

use chrono::NaiveDate;

use super::Context;
use crate::domain::Tier;
use crate::domain::classify::Classes;
use crate::domain::classify::cadence::{self, DueBasis, Held};
use crate::domain::classify::inputs::Inputs;
use crate::i18n::I18n;

/// Where a customer's cadence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CadenceFrom {
    /// Leads (potential, intent) are contacted on the lead cadence.
    Lead,
    /// Customers are contacted on their tier's cadence.
    Tier(Tier),
}

/// Why a customer is due on their next-due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueWhy {
    /// Archived customers are never due.
    Never,
    Due {
        /// The date they are due.
        due: NaiveDate,
        /// What set the date: the last contact or creation plus the cadence, or an earlier follow-up.
        basis: DueBasis,
        /// The cadence in days, and whence it comes.
        cadence_days: i64,
        cadence: CadenceFrom,
        /// The churn flag shortened the cadence.
        churn_capped: bool,
        /// A review restarted the cadence, or a snooze holds the date back (what `basis` alone would not set).
        held: Option<Held>,
        /// Days past the due date as of today: 0 when due today, negative when not yet due.
        overdue_days: i64,
    },
}

impl DueWhy {
    /// Why the customer with these stored inputs and classes is due, as of `today`.
    pub fn of(i: &Inputs, c: &Classes, today: NaiveDate) -> DueWhy {
        let (Some(days), Some(_)) = (c.cadence_days, c.next_due) else {
            return DueWhy::Never;
        };
        let cadence = if c.stage.is_lead() {
            CadenceFrom::Lead
        } else {
            // Only archived customers have no tier, and they returned above; C is the cadence they would get.
            CadenceFrom::Tier(c.tier.unwrap_or(Tier::C))
        };
        // The date from these inputs (the stored next due date when they are the stored ones; a caller may
        // leave a follow-up out to ask when the cadence alone has the customer due).
        let (due, basis, held) = cadence::next_due_held(i, days);
        DueWhy::Due {
            due,
            basis,
            cadence_days: days,
            cadence,
            churn_capped: c.churn_flag,
            held,
            overdue_days: cadence::overdue_days(due, today),
        }
    }

    /// The whole sentence: the date, what set it, and how late it is (`2026-11-20: last contact … overdue`).
    pub fn say(&self, words: &I18n) -> String {
        match self {
            DueWhy::Never => words.f("reason.due.archived", &[]),
            DueWhy::Due { due, .. } => words.f(
                "reason.due",
                &[
                    ("due", &due.to_string()),
                    ("when", &self.when(words)),
                    ("state", &self.state(words)),
                ],
            ),
        }
    }

    /// The sentence without the date, for a list that shows the date in a column of its own.
    pub fn reason(&self, words: &I18n) -> String {
        match self {
            DueWhy::Never => self.say(words),
            DueWhy::Due { .. } => words.f(
                "reason.due.short",
                &[("when", &self.when(words)), ("state", &self.state(words))],
            ),
        }
    }

    /// What set the date, with the cadence and whence it comes.
    fn when(&self, words: &I18n) -> String {
        let DueWhy::Due {
            basis,
            cadence_days,
            cadence,
            churn_capped,
            held,
            ..
        } = self
        else {
            return String::new();
        };
        let d = cadence_days.to_string();
        let why = match cadence {
            CadenceFrom::Lead => words.f("reason.due.lead", &[("days", &d)]),
            CadenceFrom::Tier(t) => words.f("reason.due.tier", &[("days", &d), ("tier", &t.to_string())]),
        };
        let capped = if *churn_capped {
            words.f("reason.due.capped", &[])
        } else {
            String::new()
        };
        let (key, date) = match (held, basis) {
            (Some(Held::Snoozed(x)), _) => ("reason.due.snoozed", x),
            (Some(Held::Reviewed(x)), _) => ("reason.due.reviewed", x),
            (None, DueBasis::LastContact(x)) => ("reason.due.contact", x),
            (None, DueBasis::Created(x)) => ("reason.due.created", x),
            (None, DueBasis::Followup(x)) => ("reason.due.followup", x),
        };
        words.f(
            key,
            &[
                ("date", &date.to_string()),
                ("days", &d),
                ("why", &why),
                ("capped", &capped),
            ],
        )
    }

    /// ", due today", ", 3 days overdue", or nothing when not yet due.
    fn state(&self, words: &I18n) -> String {
        match self {
            DueWhy::Due { overdue_days: 0, .. } => words.f("reason.due.today", &[]),
            DueWhy::Due { overdue_days: n, .. } if *n > 0 => words.f("reason.due.overdue", &[("n", &n.to_string())]),
            _ => String::new(),
        }
    }
}

/// The next-due sentence; it needs no ranking, only the stored inputs and classes.
pub fn next_due(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
    DueWhy::of(i, c, ctx.today).say(ctx.words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::classify::testkit::{customer, day};
    use crate::domain::classify::{Params, RankRow, finish, rank};

    fn classes(i: &Inputs, p: &Params, today: NaiveDate) -> Classes {
        let (ranked, _) = rank(&[RankRow::from(i)], p);
        finish(i, &ranked[0], p, today)
    }

    #[test]
    fn an_overdue_customer_is_a_value_with_its_numbers() {
        let p = Params::default();
        let today = day("2026-11-22");
        let mut i = customer(1, &[("2026-10-01", 500_000)], today, &p);
        i.last_contact = Some(day("2026-09-01"));
        let c = classes(&i, &p, today);
        let why = DueWhy::of(&i, &c, today);
        let DueWhy::Due {
            basis,
            cadence,
            overdue_days,
            cadence_days,
            due,
            ..
        } = why
        else {
            panic!("due: {why:?}")
        };
        assert_eq!(basis, DueBasis::LastContact(day("2026-09-01")));
        assert_eq!(cadence, CadenceFrom::Tier(Tier::A));
        assert_eq!(due, cadence::next_due(&i, cadence_days));
        assert_eq!(overdue_days, (today - due).num_days());
        assert!(overdue_days > 0);
    }

    #[test]
    fn the_short_reason_is_the_sentence_without_its_date_in_both_languages() {
        let p = Params::default();
        let today = day("2026-11-22");
        let mut i = customer(1, &[("2026-10-01", 500_000)], today, &p);
        i.last_contact = Some(day("2026-09-01"));
        let c = classes(&i, &p, today);
        let why = DueWhy::of(&i, &c, today);
        for (lang, sep) in [("en", ": "), ("zh", "：")] {
            let words = I18n::new(lang);
            let full = why.say(&words);
            let short = why.reason(&words);
            assert_eq!(full, format!("{}{sep}{short}", c.next_due.unwrap()), "{lang}");
        }
        let en = I18n::new("en");
        assert_eq!(
            why.reason(&en),
            format!(
                "last contact 2026-09-01 + {} days (every {} days for tier A), {} days overdue",
                c.cadence_days.unwrap(),
                c.cadence_days.unwrap(),
                (today - c.next_due.unwrap()).num_days()
            )
        );
    }

    #[test]
    fn a_review_and_a_snooze_are_said_as_what_set_the_date() {
        let p = Params::default();
        let today = day("2026-11-22");
        let mut i = customer(1, &[("2026-10-01", 500_000)], today, &p);
        i.last_contact = Some(day("2026-09-01"));
        i.reviewed_on = Some(day("2026-11-20"));
        let c = classes(&i, &p, today);
        let en = I18n::new("en");
        let days = c.cadence_days.unwrap();
        let reviewed = DueWhy::of(&i, &c, today);
        assert_eq!(
            reviewed.reason(&en),
            format!("reviewed 2026-11-20 + {days} days (every {days} days for tier A)")
        );
        assert!(DueWhy::of(&i, &c, today).say(&I18n::new("zh")).contains("已回顾"));
        i.snoozed_until = Some(day("2026-12-30"));
        let c = classes(&i, &p, today);
        let snoozed = DueWhy::of(&i, &c, today);
        assert_eq!(snoozed.say(&en), "2026-12-30: snoozed until 2026-12-30");
        assert!(snoozed.say(&I18n::new("zh")).contains("已推迟到 2026-12-30"));
    }

    #[test]
    fn an_archived_customer_is_never_due() {
        let p = Params::default();
        let today = day("2026-11-22");
        let mut i = customer(1, &[], today, &p);
        i.archived = true;
        let c = classes(&i, &p, today);
        assert_eq!(DueWhy::of(&i, &c, today), DueWhy::Never);
        assert_eq!(
            DueWhy::Never.reason(&I18n::new("en")),
            "never: archived customers are not due"
        );
    }
}
