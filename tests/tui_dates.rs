//! The interface and the calendar: a look at another date that stores nothing, the roll-over to a new day
//! when left open past midnight, and a read-only file.

use chrono::NaiveDate;
use tiercrm::domain::Stage;
use tiercrm::domain::customer::CustomerPatch;
use tiercrm::domain::order::NewOrder;
use tiercrm::i18n::I18n;
use tiercrm::store::{Access, Options, Store, StoreError, customers, orders};
use tiercrm::tui::app::App;
use tiercrm::tui::keymap::Keymap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn options(dir: &std::path::Path, today: &str, access: Access) -> Options {
    Options {
        path: dir.join("crm.db"),
        user: "li.wei".into(),
        today: day(today),
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(5),
        access,
    }
}

/// A file classified as of 2026-11-22 with one customer whose only order was on 2026-06-01.
fn seeded(dir: &std::path::Path) -> i64 {
    let mut s = Store::open(options(dir, "2026-11-22", Access::default())).unwrap();
    let c = s
        .write("add", |w| {
            let c = customers::add(
                w,
                CustomerPatch {
                    name: Some("Ann".into()),
                    ..Default::default()
                },
            )?;
            orders::add(
                w,
                NewOrder {
                    customer_id: c.id,
                    date: day("2026-06-01"),
                    amount: 50_000,
                    cost: None,
                    product: None,
                },
            )?;
            Ok(c)
        })
        .unwrap();
    c.id.0
}

fn stored_state(s: &Store) -> (String, i64, String) {
    let conn = rusqlite::Connection::open(&s.path).unwrap();
    let on: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'classified_on'", [], |r| r.get(0))
        .unwrap();
    let history: i64 = conn
        .query_row("SELECT count(*) FROM tier_history", [], |r| r.get(0))
        .unwrap();
    let stage: String = conn
        .query_row("SELECT stage FROM main.derived", [], |r| r.get(0))
        .unwrap();
    (on, history, stage)
}

fn stage_seen(app: &App, id: i64) -> Stage {
    let f = tiercrm::domain::filter::parse(&format!("id:{id}"), "li.wei").unwrap();
    tiercrm::store::filter_sql::list(app.store.conn(), &f, "id", None, app.store.today).unwrap()[0]
        .classes
        .stage
}

#[test]
fn a_look_at_another_date_shows_its_classes_says_so_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let id = seeded(dir.path());
    let access = Access {
        today_given: true,
        ..Access::default()
    };
    let store = Store::open(options(dir.path(), "2027-02-01", access)).unwrap();
    assert!(store.previewing);
    let before = stored_state(&store);
    assert_eq!(before.2, "active");
    let mut app = App::new(store, Keymap::default(), I18n::new("en"), 100, 30).unwrap();
    app.settle();
    assert_eq!(
        stage_seen(&app, id),
        Stage::AtRisk,
        "as of 2027-02-01 the last order is 245 days old"
    );
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("Viewing as of 2027-02-01"), "{status}");
    assert_eq!(stored_state(&app.store), before, "nothing stored");
    drop(app);

    // As of an earlier date than the stored one, a write is refused and the look stays.
    let mut store = Store::open(options(dir.path(), "2026-11-01", access)).unwrap();
    let e = store
        .write("add", |w| {
            customers::add(
                w,
                CustomerPatch {
                    name: Some("Bob".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    assert!(matches!(e, StoreError::BackDated { .. }), "{e}");
    assert!(store.previewing);
    assert_eq!(stored_state(&store), before);
    // In the interface the refusal comes at the key, before a form is filled in vain.
    let mut app = App::new(store, Keymap::default(), I18n::new("en"), 100, 30).unwrap();
    app.settle();
    app.on_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    assert!(app.popup.is_none(), "no order form");
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("later than 2026-11-01"),
        "{status:?}"
    );
}

#[test]
fn left_open_past_midnight_the_interface_rolls_over_instead_of_writing_as_of_yesterday() {
    let dir = tempfile::tempdir().unwrap();
    let id = seeded(dir.path());
    let store = Store::open(options(dir.path(), "2026-11-22", Access::default())).unwrap();
    let mut app = App::new(store, Keymap::default(), I18n::new("en"), 100, 30).unwrap();
    app.settle();
    // A colleague's tiercrm, opened after midnight, stores the new day first.
    drop(Store::open(options(dir.path(), "2026-12-20", Access::default())).unwrap());
    let e = app
        .store
        .write("edit", |w| {
            customers::edit(
                w,
                tiercrm::domain::CustomerId(id),
                CustomerPatch {
                    notes: Some("late call".into()),
                    ..Default::default()
                },
                None,
            )
        })
        .unwrap_err();
    assert!(matches!(e, StoreError::BackDated { .. }), "{e}");
    // The timer notices the new day: the interface moves to it, and writes work again.
    app.check_for_new_day(day("2026-12-20"));
    app.settle();
    assert_eq!(app.store.today, day("2026-12-20"));
    assert!(app.status.clone().unwrap().text.contains("2026-12-20"));
    assert_eq!(stage_seen(&app, id), Stage::AtRisk);
    app.store
        .write("edit", |w| {
            customers::edit(
                w,
                tiercrm::domain::CustomerId(id),
                CustomerPatch {
                    notes: Some("late call".into()),
                    ..Default::default()
                },
                None,
            )
        })
        .unwrap();
    // An interface opened with --today does not move.
    let given = Access {
        today_given: true,
        ..Access::default()
    };
    let store = Store::open(options(dir.path(), "2026-12-20", given)).unwrap();
    let mut app = App::new(store, Keymap::default(), I18n::new("en"), 100, 30).unwrap();
    app.check_for_new_day(day("2026-12-21"));
    assert_eq!(app.store.today, day("2026-12-20"));
}

#[test]
fn a_read_only_file_opens_in_the_interface_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    seeded(dir.path());
    let access = Access {
        read_only: true,
        ..Access::default()
    };
    let store = Store::open(options(dir.path(), "2026-11-22", access)).unwrap();
    let mut app = App::new(store, Keymap::default(), I18n::new("zh"), 100, 30).unwrap();
    app.settle();
    assert_eq!(app.customers.total(), 1);
    let status = app.status.clone().unwrap().text;
    assert!(status.starts_with("只读"), "{status}");
    // A write is refused at once, before a form is filled in vain, and its key is not offered.
    app.on_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    assert!(app.popup.is_none(), "no order form");
    let status = app.status.clone().unwrap();
    assert!(status.error && status.text.starts_with("只读"), "{status:?}");
}

#[test]
fn quitting_the_interface_leaves_every_change_in_the_database_file_itself() {
    let dir = tempfile::tempdir().unwrap();
    let id = seeded(dir.path());
    let store = Store::open(options(dir.path(), "2026-11-22", Access::default())).unwrap();
    let mut app = App::new(store, Keymap::default(), I18n::new("en"), 100, 30).unwrap();
    app.settle();
    app.store
        .write("order", |w| {
            orders::add(
                w,
                NewOrder {
                    customer_id: tiercrm::domain::CustomerId(id),
                    date: day("2026-11-20"),
                    amount: 700,
                    cost: None,
                    product: None,
                },
            )
        })
        .unwrap();
    drop(app);
    // Someone copies the database file alone (no -wal beside it): the order is in it.
    let copy = dir.path().join("copy.db");
    std::fs::copy(dir.path().join("crm.db"), &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM orders", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2);
}
