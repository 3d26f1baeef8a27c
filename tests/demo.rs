//! The demo as a working week (issue 9 point 5), loaded into a store and read back as a user would see
//! it: the queue is a day's work with a tail of neglected customers, not a backlog; nobody contacted
//! this week is overdue by more than a cadence; nothing is in the future; every feedback status is there.

use chrono::NaiveDate;
use tiercrm::store::{Options, Store, bulk, queue};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The `--demo` set (2,000 customers, seed 42) loaded as of `today`.
fn loaded(dir: &std::path::Path, today: NaiveDate) -> Store {
    let mut store = Store::open(Options {
        path: dir.join("demo.db"),
        user: "li.wei".into(),
        today,
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(5),
        access: Default::default(),
    })
    .unwrap();
    bulk::load(&mut store, &tiercrm::demo::generate(2000, 42, today)).unwrap();
    store
}

fn count(store: &Store, sql: &str, today: NaiveDate) -> i64 {
    store.conn().query_row(sql, [today.to_string()], |r| r.get(0)).unwrap()
}

/// A Monday (the `--demo` date of the issue) and a Sunday (the date of the other tests).
#[test]
fn the_queue_is_a_days_work_with_a_tail_and_nobody_contacted_this_week_is_long_overdue() {
    for today in [day("2026-11-23"), day("2026-11-22")] {
        let dir = tempfile::tempdir().unwrap();
        let store = loaded(dir.path(), today);
        let rows = queue::due(store.conn(), today, None, None).unwrap();
        let recent = rows.iter().filter(|r| r.overdue_days <= 3).count();
        let tail: Vec<_> = rows.iter().filter(|r| r.overdue_days > 7).collect();
        // About one weekday of calls at the cadences (≈50 for 2,000 customers, more on a Monday with the
        // promises made for it) — not the 650 of a neglected book.
        assert!(
            (30..=160).contains(&recent),
            "{today}: {recent} due or a few days overdue"
        );
        assert!(
            (10..=100).contains(&tail.len()),
            "{today}: a tail of {} neglected",
            tail.len()
        );
        assert!(rows.len() <= 250, "{today}: {} in the queue", rows.len());
        assert!(
            tail.iter().any(|r| r.churn_risk >= 60),
            "{today}: the churn warning catches some of the neglected"
        );
        // Contacted in the last week, yet overdue by more than the cadence: the contradiction of the old demo.
        let contradictions = count(
            &store,
            "SELECT count(*) FROM derived WHERE last_contact >= date(?1, '-7 days') \
             AND julianday(?1) - julianday(next_due) > cadence_days",
            today,
        );
        assert_eq!(contradictions, 0, "{today}");
        // Nothing stored lies after the start of today anywhere (UTC+14 starts it at 10:00 UTC the day before).
        let future = count(
            &store,
            "SELECT (SELECT count(*) FROM contacts WHERE at >= date(?1, '-1 day') || 'T10:00:00Z') \
             + (SELECT count(*) FROM feedback WHERE received_at >= date(?1, '-1 day') || 'T10:00:00Z' \
                OR resolved_at >= date(?1, '-1 day') || 'T10:00:00Z') \
             + (SELECT count(*) FROM orders WHERE date >= ?1)",
            today,
        );
        assert_eq!(future, 0, "{today}");
        // Every feedback status, each with what it needs.
        let statuses = count(
            &store,
            "SELECT count(DISTINCT status) FROM feedback WHERE ?1 IS NOT NULL",
            today,
        );
        assert_eq!(statuses, 5, "{today}");
        let incomplete = count(
            &store,
            "SELECT count(*) FROM feedback WHERE ?1 IS NOT NULL AND ( \
               (status IN ('resolved', 'closed') AND (resolution IS NULL OR resolved_at IS NULL)) \
               OR (status = 'closed' AND satisfaction IS NULL) OR (status <> 'new' AND assignee IS NULL))",
            today,
        );
        assert_eq!(incomplete, 0, "{today}");
    }
}
