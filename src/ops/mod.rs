//! One function per user operation, shared by the command line and the interface: each takes a typed input
//! and the store, owns its validation and its trigger, and makes its one write transaction.
//!
//! The front ends parse what the user typed (through the small parsers beside each operation, so that a
//! field's name and its parsing are the same everywhere), call the operation, and present its typed result
//! in their own words. Neither calls `Store::write` itself (tests/layering.rs holds that line).

pub mod classify;
pub mod contacts;
pub mod customers;
pub mod feedback;
pub mod followups;
pub mod import;
pub mod orders;
pub mod review;
pub mod settings;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::reach;
use crate::i18n::I18n;
use crate::store::{Result, Store, Tx};

/// What caused a write: stored with the history rows it leads to, and worded by each front end. It lives in
/// the domain so that the store can keep its stable form; every operation names its own here.
pub use crate::domain::trigger::Trigger;

/// The one write of an operation, under its trigger.
fn write<T>(store: &mut Store, trigger: Trigger, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
    store.write(trigger, f)
}

/// A record dated after today: it is saved, but counts only from its date. A value, so that each front
/// end says it in its own words and place (a warning line, the status line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ahead {
    /// The input field the date came from (`date`, `at`).
    pub field: &'static str,
    pub date: NaiveDate,
    pub today: NaiveDate,
}

impl Ahead {
    /// The notice when `date` lies after `today`.
    fn of(field: &'static str, date: NaiveDate, today: NaiveDate) -> Option<Ahead> {
        (date > today).then_some(Ahead { field, date, today })
    }

    /// The notice in `words` (without the field's name).
    pub fn say(&self, words: &I18n) -> String {
        reach::ahead_warning(words, self.date, self.today).unwrap_or_default()
    }
}

/// A record an operation saved, and the notice when it is dated after today.
#[derive(Debug, Clone)]
pub struct Saved<T> {
    pub record: T,
    pub ahead: Option<Ahead>,
}

/// The time of a record made "now", unless the user gave one: the one place that chooses it (see
/// [`crate::store::clock::moment`]: noon of `today` when classifying as of another date).
fn at_or_now(at: Option<DateTime<Utc>>, today: NaiveDate) -> DateTime<Utc> {
    at.unwrap_or_else(|| crate::store::clock::moment(today))
}

/// Free text from an optional field: trimmed, and nothing when empty.
fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_only_for_a_date_after_today_in_the_words_asked_for() {
        let today = testing::day(2026, 11, 22);
        assert_eq!(Ahead::of("date", today, today), None);
        let ahead = Ahead::of("at", testing::day(2026, 11, 23), today).expect("a notice");
        let en = ahead.say(crate::i18n::english());
        let zh = ahead.say(crate::i18n::chinese());
        assert!(en.contains("2026-11-23") && zh.contains("2026-11-23"), "{en} / {zh}");
        assert_ne!(en, zh);
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A store in a temporary directory for the operations' own tests.

    use chrono::NaiveDate;

    use crate::domain::CustomerId;
    use crate::domain::customer::CustomerPatch;
    use crate::store::{Options, Store};

    pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    /// A new store as of 2026-11-22 (given, as `--today` would be), kept alive by the returned directory.
    pub fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = Store::open(Options::scratch(dir.path().join("ops.db"), day(2026, 11, 22))).expect("a new store");
        (dir, store)
    }

    /// Adds a customer named `name` through the operation.
    pub fn customer(store: &mut Store, name: &str) -> CustomerId {
        let patch = CustomerPatch {
            name: Some(name.into()),
            ..CustomerPatch::default()
        };
        super::customers::add(store, patch).expect("added").id
    }

    /// The triggers of the history rows written for `customer`, oldest first, each once.
    pub fn triggers(store: &Store, customer: CustomerId) -> Vec<String> {
        let mut st = store
            .conn()
            .prepare("SELECT trigger FROM tier_history WHERE customer_id = ?1 GROUP BY trigger ORDER BY min(id)")
            .expect("history query");
        st.query_map([customer.0], |r| r.get(0))
            .expect("history rows")
            .collect::<Result<_, _>>()
            .expect("history text")
    }
}
