//! Day-one correctness of the real binary: times typed and shown in local time, bad times refused, reads that
//! never write, files that are not ours left untouched, read-only files readable.

mod common;

use common::{Env, Run};

fn add(env: &Env, name: &str) -> String {
    env.json(&["customer", "add", "--name", name])["id"]
        .as_i64()
        .unwrap()
        .to_string()
}

/// Runs with a time zone for the process.
fn run_in(env: &Env, tz: &str, args: &[&str]) -> Run {
    let out = env.command().env("TZ", tz).args(args).output().unwrap();
    common::to_run(out)
}

fn stored(env: &Env, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut st = conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_time_that_is_not_a_time_is_refused_and_nothing_is_stored() {
    let env = Env::new();
    let id = add(&env, "Ann");
    for at in ["2026-11-20 25:00", "2026-11-20 23:61", "banana", "2026-11-20 9pm"] {
        let r = env.run(&["contact", "log", "--customer", &id, "--at", at]);
        assert_eq!(r.code, 2, "{at}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("at:"), "{at}: names the field: {}", r.stderr);
    }
    assert!(stored(&env, "SELECT at FROM contacts").is_empty(), "nothing was saved");
}

#[test]
fn times_are_typed_and_shown_in_local_time_and_stored_as_utc() {
    let env = Env::new();
    let id = add(&env, "Ann");
    let logged = run_in(
        &env,
        "Asia/Shanghai",
        &[
            "--json",
            "contact",
            "log",
            "--customer",
            &id,
            "--at",
            "2026-11-21 09:30",
            "--summary",
            "call",
        ],
    )
    .ok()
    .json();
    // 09:30 in Beijing is 01:30 UTC; JSON is RFC 3339 with its offset.
    assert_eq!(logged["contact"]["at"], "2026-11-21T01:30:00Z");
    assert_eq!(stored(&env, "SELECT at FROM contacts"), vec!["2026-11-21T01:30:00Z"]);
    // A contact logged at 21:33 Beijing time is shown at 21:33 there, and at 13:33 in UTC.
    run_in(
        &env,
        "Asia/Shanghai",
        &["contact", "log", "--customer", &id, "--at", "2026-11-21 21:33"],
    )
    .ok();
    let there = run_in(&env, "Asia/Shanghai", &["contact", "list"]).ok().stdout;
    assert!(there.contains("2026-11-21 21:33"), "{there}");
    assert!(there.contains("2026-11-21 09:30"), "{there}");
    assert!(!there.contains("13:33"), "{there}");
    let utc = run_in(&env, "UTC", &["contact", "list"]).ok().stdout;
    assert!(utc.contains("2026-11-21 13:33"), "{utc}");
    // The customer's timeline shows the local date: 01:00 on the 22nd in Beijing is still the 21st in UTC.
    run_in(
        &env,
        "Asia/Shanghai",
        &["contact", "log", "--customer", &id, "--at", "2026-11-22 01:00"],
    )
    .ok();
    let show = run_in(&env, "Asia/Shanghai", &["customer", "show", &id]).ok().stdout;
    assert!(show.contains("2026-11-22  contact"), "{show}");
    let show = run_in(&env, "UTC", &["customer", "show", &id]).ok().stdout;
    assert!(!show.contains("2026-11-22  contact"), "{show}");
}
