//! The real binary at its edges: values that parse but mean something else, a closed pipe, error
//! messages said once, a version from the future, and the smaller command-line defects of issue 7.

mod common;

use std::process::Stdio;

use common::{Env, Run, s, to_run};

fn add(env: &Env, name: &str) -> i64 {
    env.json(&["customer", "add", "--name", name])["id"].as_i64().unwrap()
}

fn count(env: &Env, what: &str) -> usize {
    env.json(&[what, "list", "--limit", "1000"]).as_array().unwrap().len()
}

/// The one line of standard error without the program's name.
fn said(r: &Run) -> &str {
    let line = r.stderr.trim_end();
    assert_eq!(line.lines().count(), 1, "one line: {line}");
    line.strip_prefix("tiercrm: ").unwrap_or(line)
}

#[test]
fn amounts_that_mean_something_else_are_refused_and_change_nothing() {
    let env = Env::new();
    let id = add(&env, "Ann").to_string();
    for (amount, why) in [
        (
            "12,50",
            "amount: '12,50': a comma must separate groups of three digits; use a point for decimals: 12.50",
        ),
        ("1,2,3", "a comma must separate groups of three digits"),
        ("$ 5", "amount: '$ 5' is in $ but this database keeps CNY"),
        ("5 EUR", "is in EUR but this database keeps CNY"),
    ] {
        let r = env.run(&["order", "add", "--customer", &id, "--amount", amount]);
        assert_eq!(r.code, 2, "{amount}: {}", r.stderr);
        assert!(said(&r).contains(why), "{amount}: {}", r.stderr);
    }
    let r = env.run(&["order", "add", "--customer", &id, "--amount", "5", "--cost", "1,5"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(said(&r).starts_with("cost: '1,5'"), "{}", r.stderr);
    assert_eq!(count(&env, "order"), 0, "nothing stored");
    // What people do write still works.
    env.ok(&["order", "add", "--customer", &id, "--amount", "¥1,280.50"]);
    env.ok(&["order", "add", "--customer", &id, "--amount", "1 280"]);
    let orders = env.json(&["order", "list"]);
    let amounts: Vec<i64> = orders
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(amounts.iter().sum::<i64>(), 128_050 + 128_000);
}

#[test]
fn dates_outside_their_range_are_refused_on_every_way_in() {
    let env = Env::new();
    let id = add(&env, "Ann").to_string();
    let f = env.json(&["followup", "add", "--customer", &id, "--due", "2026-12-01"])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    for (args, why) in [
        (
            vec![
                "order",
                "add",
                "--customer",
                &id,
                "--amount",
                "5",
                "--date",
                "0000-01-01",
            ],
            "date: 0000-01-01 is before 1900-01-01; check the year",
        ),
        (
            vec![
                "order",
                "add",
                "--customer",
                &id,
                "--amount",
                "5",
                "--date",
                "2027-11-24",
            ],
            "date: 2027-11-24 is more than a year after today (2026-11-22)",
        ),
        (
            vec!["contact", "log", "--customer", &id, "--at", "1899-12-31"],
            "at: 1899-12-31 is before 1900-01-01",
        ),
        (
            vec!["contact", "log", "--customer", &id, "--next", "2036-11-23"],
            "next: 2036-11-23 is more than ten years after today",
        ),
        (
            vec![
                "feedback",
                "add",
                "--customer",
                &id,
                "--kind",
                "praise",
                "--title",
                "t",
                "--at",
                "2062-03-01",
            ],
            "at: 2062-03-01 is more than a year after today",
        ),
        (
            vec!["followup", "add", "--customer", &id, "--due", "1066-10-14"],
            "due: 1066-10-14 is before 1900-01-01",
        ),
        (
            vec!["followup", "snooze", &f, "--until", "2040-01-01"],
            "until: 2040-01-01 is more than ten years after today",
        ),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(said(&r).starts_with(why), "{args:?}: {}", r.stderr);
    }
    assert_eq!(count(&env, "order"), 0);
    assert_eq!(count(&env, "contact"), 0);
    assert_eq!(count(&env, "feedback"), 0);
    // Follow-ups are plans: ten years ahead is fine.
    env.ok(&["followup", "add", "--customer", &id, "--due", "2036-11-22"]);
    // An import goes through the same check, and rejects the whole file.
    env.ok(&["customer", "edit", &id, "--email", "ann@example.com"]);
    let csv = env.write(
        "orders.csv",
        b"email,date,amount\nann@example.com,2026-11-01,10\nann@example.com,0000-01-01,10\n",
    );
    let r = env.run(&["import", s(&csv), "--kind", "orders"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("orders.csv:3: date: 0000-01-01 is before 1900-01-01"),
        "{}",
        r.stderr
    );
    let csv = env.write(
        "orders2.csv",
        b"email,date,amount\nann@example.com,2026-11-01,\"12,50\"\n",
    );
    let r = env.run(&["import", s(&csv), "--kind", "orders"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("use a point for decimals: 12.50"), "{}", r.stderr);
    assert_eq!(count(&env, "order"), 0);
}

#[test]
fn a_record_dated_after_today_is_saved_with_one_warning_line() {
    let env = Env::new();
    let id = add(&env, "Ann").to_string();
    let r = env.ok(&[
        "order",
        "add",
        "--customer",
        &id,
        "--amount",
        "5",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(
        r.stderr,
        "tiercrm: warning: date 2026-12-01 is after today (2026-11-22); it will not count until then\n"
    );
    let r = env.ok(&[
        "--json",
        "contact",
        "log",
        "--customer",
        &id,
        "--at",
        "2026-11-25 10:00",
    ]);
    assert!(
        r.stderr.contains("2026-11-25 is after today (2026-11-22)"),
        "{}",
        r.stderr
    );
    r.json();
    let r = env.ok(&[
        "order",
        "add",
        "--customer",
        &id,
        "--amount",
        "5",
        "--date",
        "2026-11-22",
    ]);
    assert_eq!(r.stderr, "", "today is not ahead");
    assert_eq!(count(&env, "order"), 2);
}

/// Runs with standard output a pipe whose reader has gone, as `tiercrm … | head -0` does.
fn run_into_closed_pipe(env: &Env, args: &[&str]) -> Run {
    let mut child = env
        .command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    to_run(child.wait_with_output().unwrap())
}

#[test]
fn a_closed_pipe_ends_quietly_and_a_write_still_commits() {
    let env = Env::new();
    env.ok(&["demo", "--customers", "600"]);
    for args in [
        vec!["customer", "list"],
        vec!["--json", "customer", "list"],
        vec!["completions", "bash"],
        vec!["order", "list", "--limit", "100000"],
    ] {
        let r = run_into_closed_pipe(&env, &args);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{args:?}");
    }
    let ann = add(&env, "Ann").to_string();
    let r = run_into_closed_pipe(&env, &["contact", "log", "--customer", &ann, "--summary", "piped"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let after = env.json(&["contact", "list", "--customer", &ann]);
    assert_eq!(after[0]["summary"], "piped", "the contact was saved");
    assert_eq!(after.as_array().unwrap().len(), 1);
}

#[test]
fn each_error_message_is_said_once() {
    let env = Env::new();
    let id = add(&env, "Ann").to_string();
    let fb = env.json(&["feedback", "add", "--customer", &id, "--kind", "praise", "--title", "t"])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let f = env.json(&["followup", "add", "--customer", &id, "--due", "2026-12-01"])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    env.ok(&["followup", "done", &f]);
    let other = add(&env, "Bob").to_string();
    env.ok(&["customer", "archive", &other]);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["customer", "add", "--name", ""], "name: must not be empty"),
        (vec!["customer", "archive", &other], "is already archived"),
        (vec!["customer", "restore", &id], "is not archived"),
        (
            vec!["customer", "add", "--name", "x", "--email", "bad"],
            "is not an email address",
        ),
        (
            vec!["customer", "add", "--name", "x", "--source", "tv"],
            "is not a source channel",
        ),
        (
            vec![
                "feedback",
                "add",
                "--customer",
                &id,
                "--kind",
                "praise",
                "--title",
                "t",
                "--urgency",
                "9",
            ],
            "urgency: 9 is out of range",
        ),
        (
            vec![
                "feedback",
                "update",
                &fb,
                "--status",
                "investigating",
                "--satisfaction",
                "9",
            ],
            "satisfaction: 9 is out of range",
        ),
        (vec!["customer", "list", "--sort", "bad"], "is not a sort field"),
        (
            vec![
                "contact",
                "log",
                "--customer",
                &id,
                "--at",
                "2026-11-20",
                "--next",
                "2026-11-19",
            ],
            "is not after the contact's date",
        ),
        (
            vec!["demo", "--customers", "3"],
            "demo data goes into a new, empty database",
        ),
        (vec!["followup", "done", &f], "is already done"),
    ];
    for (args, why) in cases {
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        let msg = said(&r);
        assert_eq!(msg.matches(why).count(), 1, "{args:?}: {msg}");
        let field = msg.split(':').next().unwrap();
        assert_eq!(msg.matches(&format!("{field}:")).count(), 1, "{args:?}: {msg}");
    }
}

#[test]
fn a_version_from_the_future_is_a_bad_argument_not_a_conflict() {
    let env = Env::new();
    let id = add(&env, "Ann").to_string();
    for v in ["99", "0"] {
        let r = env.run(&["customer", "edit", &id, "--if-version", v, "--notes", "x"]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(
            said(&r),
            format!("if-version: customer {id} has never been at version {v}; it is at version 1")
        );
    }
    // A version that was real but is stale is still someone's change.
    env.ok(&["customer", "edit", &id, "--notes", "called"]);
    let r = env.run(&["customer", "edit", &id, "--if-version", "1", "--notes", "x"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(said(&r).contains("now version 2, you had version 1"), "{}", r.stderr);
    assert_eq!(env.json(&["customer", "show", &id])["notes"], "called");
}

#[test]
fn a_new_next_date_replaces_the_follow_up_an_earlier_one_opened() {
    let env = Env::new();
    let id = add(&env, "Ann").to_string();
    let own = env.json(&[
        "followup",
        "add",
        "--customer",
        &id,
        "--due",
        "2026-12-20",
        "--note",
        "send the quote",
    ])["id"]
        .as_i64()
        .unwrap();
    let first = env.json(&["contact", "log", "--customer", &id, "--next", "2026-11-24"]);
    let first_f = first["next_followup"].as_i64().unwrap();
    let second = env.json(&["contact", "log", "--customer", &id, "--next", "2026-11-27"]);
    assert_eq!(second["replaced_followups"], serde_json::json!([first_f]));
    let open = env.json(&["followup", "list", "--customer", &id]);
    let due: Vec<(i64, &str)> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_i64().unwrap(), f["due"].as_str().unwrap()))
        .collect();
    assert_eq!(
        due,
        vec![
            (second["next_followup"].as_i64().unwrap(), "2026-11-27"),
            (own, "2026-12-20")
        ],
        "one next date from the contact log; the follow-up added on its own stays"
    );
    // The older date no longer pulls the customer's next contact forward.
    assert_eq!(env.json(&["customer", "show", &id])["next_due"], "2026-11-27");
    let r = env.ok(&["contact", "log", "--customer", &id, "--next", "2026-12-15"]);
    assert!(r.stdout.contains("(from an earlier --next) replaced"), "{}", r.stdout);
}

#[test]
fn order_and_contact_lists_name_the_customer_and_say_when_they_stop() {
    let env = Env::new();
    let id = add(&env, "Ann\u{1b}[31m Lee").to_string();
    for d in ["2026-11-01", "2026-11-02", "2026-11-03"] {
        env.ok(&["order", "add", "--customer", &id, "--amount", "5", "--date", d]);
        env.ok(&["contact", "log", "--customer", &id, "--at", d]);
    }
    for what in ["order", "contact"] {
        let r = env.ok(&[what, "list", "--limit", "2"]);
        assert_eq!(r.stderr, "tiercrm: showing 2 of 3 (use --limit)\n", "{what}");
        assert_eq!(r.stdout.lines().count(), 3, "{what}: {}", r.stdout);
        assert!(
            r.stdout.contains("Ann\\x1b[31m Lee"),
            "{what}: the name, sanitised: {}",
            r.stdout
        );
        assert!(!r.stdout.contains('\u{1b}'), "{what}");
        let r = env.ok(&["--json", what, "list", "--limit", "2"]);
        assert!(r.stderr.contains("showing 2 of 3"), "{what}");
        assert_eq!(r.json()[0]["customer_name"], "Ann\u{1b}[31m Lee");
        let r = env.ok(&[what, "list"]);
        assert_eq!(r.stderr, "", "{what}: all shown, nothing to say");
    }
}

#[test]
fn importing_a_missing_file_is_a_bad_argument() {
    let env = Env::new();
    let missing = env.path("nonexistent.csv");
    let r = env.run(&["import", s(&missing)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(said(&r).starts_with("import: cannot read "), "{}", r.stderr);
}

#[test]
fn followup_list_leaves_out_archived_customers_as_due_does() {
    let env = Env::new();
    let ann = add(&env, "Ann").to_string();
    let bob = add(&env, "Bob").to_string();
    for c in [&ann, &bob] {
        env.ok(&["followup", "add", "--customer", c, "--due", "2026-11-20"]);
    }
    env.ok(&["customer", "archive", &bob]);
    let listed = |args: &[&str]| -> Vec<String> {
        env.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["customer_name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(listed(&["followup", "list"]), vec!["Ann"]);
    let due: Vec<String> = env
        .json(&["due"])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_string())
        .collect();
    assert!(!due.contains(&"Bob".to_string()), "{due:?}");
    assert_eq!(listed(&["followup", "list", "--all"]), vec!["Ann", "Bob"]);
    let r = env.ok(&["followup", "list", "--all"]);
    assert!(r.stdout.contains("Bob [archived]"), "{}", r.stdout);
}

#[test]
fn a_lone_minus_in_a_filter_is_refused() {
    let env = Env::new();
    add(&env, "Ann");
    for f in ["-", "- tag:vip"] {
        let r = env.run(&["customer", "list", "--filter", f]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(said(&r), "filter: '-' negates a term: write -tag:vip");
    }
}

#[test]
fn demo_beside_an_explicit_db_is_refused_and_touches_nothing() {
    let env = Env::new();
    let r = env.run(&["--demo", "customer", "list"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(said(&r).contains("run `tiercrm --db "), "{}", r.stderr);
    assert!(!env.db.exists(), "no database made at --db");
    // TIERCRM_DB set in the environment is not a request; --demo still uses its temporary file.
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_tiercrm"))
        .env("TIERCRM_DB", &env.db)
        .env("HOME", env.dir.path())
        .args([
            "--config",
            s(&env.config),
            "--today",
            "2026-11-22",
            "--demo",
            "customer",
            "list",
            "--limit",
            "1",
        ])
        .output()
        .unwrap();
    let r = to_run(r);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!env.db.exists(), "the demo did not go into TIERCRM_DB");
}
