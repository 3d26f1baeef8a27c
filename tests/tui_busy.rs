//! A database another process keeps locked: the interface says it is busy and retrying, not that
//! something failed, and the list arrives once the lock is gone.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiercrm::i18n::I18n;
use tiercrm::store::{Access, Options, Store, bulk};
use tiercrm::tui::app::App;
use tiercrm::tui::keymap::Keymap;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    app.settle();
}

#[test]
fn a_locked_database_is_busy_and_retried_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.db");
    let options = |access| Options {
        path: path.clone(),
        user: "li.wei".into(),
        today: today(),
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        // The loader gives up quickly, so the test does not wait long for the refusal.
        busy_timeout: std::time::Duration::from_millis(100),
        access,
    };
    let mut store = Store::open(options(Access::default())).unwrap();
    bulk::load(&mut store, &tiercrm::demo::generate(30, 5, today())).unwrap();
    drop(store);
    // A file in rollback-journal mode, looked at read-only (so it stays in that mode), while another
    // program writes to it: its write lock keeps every reader out until it commits. (In WAL mode readers
    // are never kept out long enough to test.)
    rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))
        .unwrap();
    let store = Store::open(options(Access {
        read_only: true,
        ..Access::default()
    }))
    .unwrap();
    let mut app = App::new(store, Keymap::default(), I18n::new("en"), 120, 35).unwrap();
    app.settle();
    let listed = app.customers.nav.len;
    assert!(listed > 0);

    let locker = rusqlite::Connection::open(&path).unwrap();
    locker
        .execute_batch("BEGIN EXCLUSIVE; INSERT INTO meta (key, value) VALUES ('held', '1');")
        .unwrap();

    // A sort asks the loader for the list again, and the loader finds the file locked.
    press(&mut app, KeyCode::Char('s'));
    let status = app.status.clone().expect("the status line says something");
    assert_eq!(
        status.text,
        "The database is busy (another tiercrm is writing); retrying…"
    );
    assert!(!status.error, "busy is not a failure");
    assert!(app.customers.filter_error.is_none(), "nor a bad filter");

    // Still locked on the next tick: still busy, still no error.
    app.check_for_changes();
    app.settle();
    assert!(app.status.as_ref().is_some_and(|s| !s.error), "{:?}", app.status);

    // Let go: the next tick asks again, the list arrives and the busy message goes.
    locker.execute_batch("ROLLBACK").unwrap();
    app.check_for_changes();
    app.settle();
    assert_eq!(app.customers.nav.len, listed);
    assert!(
        app.status.as_ref().is_none_or(|s| !s.text.contains("busy")),
        "{:?}",
        app.status
    );
}
