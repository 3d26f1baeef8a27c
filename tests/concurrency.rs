//! Several staff on one machine: processes that open, migrate and write the same file at once, and a
//! process killed in the middle of a write.

mod common;

use std::fmt::Write as _;
use std::time::Duration;

use common::{Env, s};

#[test]
fn processes_that_create_the_database_at_once_all_succeed() {
    let env = Env::new();
    let children: Vec<_> = (0..6)
        .map(|_| {
            env.command()
                .arg("init")
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, tiercrm::store::schema::latest());
    let channels: i64 = conn
        .query_row("SELECT count(*) FROM source_channels", [], |r| r.get(0))
        .unwrap();
    assert_eq!(channels, 10, "the migration ran exactly once");
}

#[test]
fn parallel_writers_all_land_and_the_classes_stay_exact() {
    let env = Env::new();
    for name in ["A", "B", "C", "D"] {
        env.ok(&["customer", "add", "--name", name]);
    }
    std::thread::scope(|scope| {
        for w in 0..4 {
            let env = &env;
            scope.spawn(move || {
                for k in 0..8 {
                    let customer = ((w + k) % 4 + 1).to_string();
                    let amount = format!("{}", 100 * (w * 8 + k + 1));
                    env.ok(&[
                        "--as",
                        &format!("staff{w}"),
                        "order",
                        "add",
                        "--customer",
                        &customer,
                        "--amount",
                        &amount,
                    ]);
                }
            });
        }
    });
    assert_eq!(
        env.json(&["order", "list", "--limit", "100"]).as_array().unwrap().len(),
        32
    );
    let out = env.ok(&["classify"]).stdout;
    assert!(out.contains(": 0 changed"), "every write left exact classes: {out}");
}

#[test]
fn a_process_killed_mid_import_leaves_all_or_nothing() {
    let env = Env::new();
    env.ok(&["init"]);
    let mut csv = String::from("external_id,name,email\n");
    for i in 0..8000 {
        writeln!(csv, "K{i},Customer {i},c{i}@example.com").unwrap();
    }
    let file = env.write("big.csv", csv.as_bytes());
    for delay in [50, 150, 400] {
        let mut child = env
            .command()
            .args(["import", "--on-duplicate", "skip", s(&file)])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let n = env
            .json(&["customer", "list", "--filter", "archived:any"])
            .as_array()
            .unwrap()
            .len();
        assert!(n == 0 || n == 8000, "after kill at {delay} ms: {n} customers");
        assert!(env.ok(&["classify"]).stdout.contains(": 0 changed"));
    }
}

#[test]
fn a_database_held_by_another_writer_is_refused_after_the_busy_timeout_and_nothing_changes() {
    let env = Env::new();
    std::fs::write(&env.config, "busy_timeout = 1\n").unwrap();
    env.ok(&["customer", "add", "--name", "Ann"]);
    let mut holder = rusqlite::Connection::open(&env.db).unwrap();
    let tx = holder
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let started = std::time::Instant::now();
    let r = env.run(&["order", "add", "--customer", "1", "--amount", "10"]);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "it waited for the lock first"
    );
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("the database is locked"), "{}", r.stderr);
    tx.rollback().unwrap();
    assert_eq!(env.json(&["order", "list"]).as_array().unwrap().len(), 0);
    env.ok(&["order", "add", "--customer", "1", "--amount", "10"]);
}
