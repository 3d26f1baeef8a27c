//! The engine's invariant: after any sequence of writes through any write path, the stored classes equal
//! what a full classification from scratch computes. A re-derive afterwards must find nothing to change.

use std::io::Write as _;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use tiercrm::domain::contact::NewContact;
use tiercrm::domain::customer::CustomerPatch;
use tiercrm::domain::order::NewOrder;
use tiercrm::domain::{Channel, CustomerId, Direction, FeedbackId, FeedbackKind, FeedbackStatus, FollowupId, Stage};
use tiercrm::interop::import;
use tiercrm::store::feedback::{FeedbackUpdate, NewFeedback};
use tiercrm::store::{Options, Store, contacts, customers, feedback, followups, orders};

#[derive(Debug, Clone)]
enum Op {
    AddCustomer,
    Order {
        who: usize,
        ago: i64,
        amount: i64,
        cost: Option<i64>,
    },
    Contact {
        who: usize,
        ago: i64,
        next: Option<i64>,
    },
    Feedback {
        who: usize,
        kind: usize,
        urgency: i64,
        importance: i64,
    },
    FeedbackMove {
        which: usize,
        status: usize,
        satisfaction: Option<i64>,
    },
    Followup {
        who: usize,
        ahead: i64,
    },
    FollowupDone {
        which: usize,
    },
    FollowupSnooze {
        which: usize,
        ahead: i64,
    },
    Pin {
        who: usize,
        stage: Option<usize>,
    },
    Archive {
        who: usize,
    },
    Restore {
        who: usize,
    },
    ImportOrders {
        who: Vec<(usize, i64, i64)>,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::AddCustomer),
        6 => (0..12usize, -5..800i64, 1..2_000_000i64, proptest::option::of(0..1_000_000i64))
            .prop_map(|(who, ago, amount, cost)| Op::Order { who, ago, amount, cost }),
        3 => (0..12usize, 0..400i64, proptest::option::of(1..30i64)).prop_map(|(who, ago, next)| Op::Contact { who, ago, next }),
        2 => (0..12usize, 0..5usize, 1..4i64, 1..4i64).prop_map(|(who, kind, urgency, importance)| Op::Feedback { who, kind, urgency, importance }),
        2 => (0..8usize, 0..5usize, proptest::option::of(1..6i64)).prop_map(|(which, status, satisfaction)| Op::FeedbackMove { which, status, satisfaction }),
        2 => (0..12usize, -10..30i64).prop_map(|(who, ahead)| Op::Followup { who, ahead }),
        1 => (0..8usize).prop_map(|which| Op::FollowupDone { which }),
        1 => (0..8usize, 1..20i64).prop_map(|(which, ahead)| Op::FollowupSnooze { which, ahead }),
        1 => (0..12usize, proptest::option::of(0..6usize)).prop_map(|(who, stage)| Op::Pin { who, stage }),
        1 => (0..12usize).prop_map(|who| Op::Archive { who }),
        1 => (0..12usize).prop_map(|who| Op::Restore { who }),
        1 => proptest::collection::vec((0..12usize, 0..500i64, 1..500_000i64), 1..4).prop_map(|who| Op::ImportOrders { who }),
    ]
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn ids(store: &Store, table: &str) -> Vec<i64> {
    let mut st = store
        .conn()
        .prepare(&format!("SELECT id FROM {table} ORDER BY id"))
        .unwrap();
    st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn pick(v: &[i64], k: usize) -> Option<i64> {
    (!v.is_empty()).then(|| v[k % v.len()])
}

/// Applies one operation; refusals (archived customer, bad transition) are part of the game.
fn apply(store: &mut Store, dir: &std::path::Path, op: &Op) {
    let cs = ids(store, "customers");
    let t = today();
    let _ = match op {
        Op::AddCustomer => store
            .write("add", |w| {
                customers::add(
                    w,
                    CustomerPatch {
                        name: Some(format!("c{}", cs.len())),
                        ..Default::default()
                    },
                )
            })
            .map(|_| ()),
        Op::Order { who, ago, amount, cost } => match pick(&cs, *who) {
            Some(id) => store
                .write("order", |w| {
                    orders::add(
                        w,
                        NewOrder {
                            customer_id: CustomerId(id),
                            date: t - Duration::days(*ago),
                            amount: *amount,
                            cost: *cost,
                            product: None,
                        },
                    )
                })
                .map(|_| ()),
            None => Ok(()),
        },
        Op::Contact { who, ago, next } => match pick(&cs, *who) {
            Some(id) => store
                .write("contact", |w| {
                    let at = (t - Duration::days(*ago)).and_hms_opt(9, 0, 0).unwrap().and_utc();
                    contacts::log(
                        w,
                        NewContact {
                            staff: None,
                            customer_id: CustomerId(id),
                            at,
                            channel: Channel::Phone,
                            direction: Direction::Outbound,
                            summary: None,
                            outcome: None,
                            next_date: next.map(|n| t - Duration::days(*ago) + Duration::days(n)),
                        },
                    )
                })
                .map(|_| ()),
            None => Ok(()),
        },
        Op::Feedback {
            who,
            kind,
            urgency,
            importance,
        } => match pick(&cs, *who) {
            Some(id) => store
                .write("feedback", |w| {
                    feedback::add(
                        w,
                        NewFeedback {
                            customer_id: CustomerId(id),
                            kind: FeedbackKind::ALL[*kind],
                            channel: None,
                            title: "t".into(),
                            body: None,
                            urgency: *urgency,
                            importance: *importance,
                            received_at: t.and_hms_opt(8, 0, 0).unwrap().and_utc(),
                        },
                    )
                })
                .map(|_| ()),
            None => Ok(()),
        },
        Op::FeedbackMove {
            which,
            status,
            satisfaction,
        } => match pick(&ids(store, "feedback"), *which) {
            Some(id) => store
                .write("feedback move", |w| {
                    feedback::update(
                        w,
                        FeedbackId(id),
                        FeedbackUpdate {
                            status: Some(FeedbackStatus::ALL[*status]),
                            satisfaction: *satisfaction,
                            ..Default::default()
                        },
                    )
                })
                .map(|_| ()),
            None => Ok(()),
        },
        Op::Followup { who, ahead } => match pick(&cs, *who) {
            Some(id) => store
                .write("followup", |w| {
                    followups::add(w, CustomerId(id), t + Duration::days(*ahead), None)
                })
                .map(|_| ()),
            None => Ok(()),
        },
        Op::FollowupDone { which } => match pick(&ids(store, "followups"), *which) {
            Some(id) => store.write("done", |w| followups::done(w, FollowupId(id))).map(|_| ()),
            None => Ok(()),
        },
        Op::FollowupSnooze { which, ahead } => match pick(&ids(store, "followups"), *which) {
            Some(id) => store
                .write("snooze", |w| {
                    followups::snooze(w, FollowupId(id), t + Duration::days(*ahead))
                })
                .map(|_| ()),
            None => Ok(()),
        },
        Op::Pin { who, stage } => match pick(&cs, *who) {
            Some(id) => store
                .write("pin", |w| {
                    customers::edit(
                        w,
                        CustomerId(id),
                        CustomerPatch {
                            stage_pin: Some(stage.map(|s| Stage::ALL[s])),
                            ..Default::default()
                        },
                        None,
                    )
                })
                .map(|_| ()),
            None => Ok(()),
        },
        Op::Archive { who } => match pick(&cs, *who) {
            Some(id) => store
                .write("archive", |w| customers::set_archived(w, CustomerId(id), true))
                .map(|_| ()),
            None => Ok(()),
        },
        Op::Restore { who } => match pick(&cs, *who) {
            Some(id) => store
                .write("restore", |w| customers::set_archived(w, CustomerId(id), false))
                .map(|_| ()),
            None => Ok(()),
        },
        Op::ImportOrders { who } => {
            if cs.is_empty() {
                return;
            }
            let path = dir.join("orders.csv");
            let mut f = std::fs::File::create(&path).unwrap();
            writeln!(f, "customer_id,date,amount").unwrap();
            for (k, ago, cents) in who {
                // Imports find customers by external id; give every customer one first.
                let id = cs[k % cs.len()];
                let _ = store.write("ext", |w| {
                    customers::edit(
                        w,
                        CustomerId(id),
                        CustomerPatch {
                            external_id: Some(format!("E{id}")),
                            ..Default::default()
                        },
                        None,
                    )
                });
                writeln!(
                    f,
                    "E{id},{},{}.{:02}",
                    t - Duration::days(*ago),
                    cents / 100,
                    cents % 100
                )
                .unwrap();
            }
            drop(f);
            tiercrm::ops::import::file(store, &path, &import::Options::default()).map(|_| ())
        }
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn incremental_writes_agree_with_a_full_classification(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let opts = Options {
            path: dir.path().join("p.db"),
            user: "prop".into(),
            today: today(),
            params: Default::default(),
            currency: "CNY".into(),
            shared: false,
            busy_timeout: std::time::Duration::from_secs(10),
            access: Default::default(),
        };
        let mut store = Store::open(opts).unwrap();
        for (k, op) in ops.iter().enumerate() {
            apply(&mut store, dir.path(), op);
            let check = store.classify_all("check").unwrap();
            prop_assert_eq!(check.rows_written, 0, "after op {} ({:?}) a full classification changed rows", k, op);
        }
    }
}

#[test]
fn a_failed_write_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        path: dir.path().join("p.db"),
        user: "t".into(),
        today: today(),
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(10),
        access: Default::default(),
    };
    let mut store = Store::open(opts.clone()).unwrap();
    let count = |s: &Store, t: &str| -> i64 {
        s.conn()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    };
    // Opening a new file records the rules it adopted (one audit row); the failed write adds nothing.
    let audit_before = count(&store, "audit_log");
    let r = store.write("doomed", |w| {
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
                date: today(),
                amount: 100,
                cost: None,
                product: None,
            },
        )?;
        Err::<(), _>(tiercrm::store::StoreError::Invalid(tiercrm::domain::Invalid::new(
            "test", "abort",
        )))
    });
    assert!(r.is_err());
    for t in ["customers", "orders", "derived", "tier_history", "customer_tags"] {
        assert_eq!(count(&store, t), 0, "{t}");
    }
    assert_eq!(count(&store, "audit_log"), audit_before);
    drop(store);
    let store = Store::open(opts).unwrap();
    assert_eq!(count(&store, "customers"), 0, "nothing after reopening either");
}
