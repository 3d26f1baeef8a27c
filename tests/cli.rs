//! The real binary: every command group, its text and JSON output, exit codes and refusals.

mod common;

use common::{Env, s};

fn add(env: &Env, name: &str, extra: &[&str]) -> i64 {
    let mut args = vec!["customer", "add", "--name", name];
    args.extend_from_slice(extra);
    env.json(&args)["id"].as_i64().unwrap()
}

#[test]
fn a_new_customer_is_a_potential_lead_with_reasons() {
    let env = Env::new();
    let c = env.json(&[
        "customer",
        "add",
        "--name",
        "王芳",
        "--company",
        "上海华信科技有限公司",
        "--phone",
        "138 0013 8000",
        "--tag",
        "vip,重点",
        "--source",
        "referral",
    ]);
    assert_eq!(c["name"], "王芳");
    assert_eq!(c["tier"], "C");
    assert_eq!(c["stage"], "potential");
    assert_eq!(c["behavior"], "inactive");
    assert_eq!(c["owner"], "tester");
    assert_eq!(c["tags"], serde_json::json!(["vip", "重点"]));
    assert_eq!(c["version"], 1);
    assert_eq!(c["next_due"], "2026-11-29", "created today + the 7-day lead cadence");
    assert_eq!(c["reasons"]["stage"], "potential: no orders and no contact logged yet");
    for key in [
        "id",
        "external_id",
        "rfm",
        "rfm_segment",
        "revenue_window",
        "clv",
        "churn_risk",
        "updated_at",
        "updated_by",
    ] {
        assert!(c.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn one_order_moves_another_customer_between_tiers_and_history_names_the_trigger() {
    let env = Env::new();
    let a = add(&env, "Alpha", &[]);
    let b = add(&env, "Beta", &[]);
    let c = add(&env, "Gamma", &[]);
    for (id, amount) in [(a, "7000"), (b, "2000"), (c, "1000")] {
        env.ok(&[
            "order",
            "add",
            "--customer",
            &id.to_string(),
            "--date",
            "2026-11-01",
            "--amount",
            amount,
        ]);
    }
    let tier = |id: i64| {
        env.json(&["customer", "show", &id.to_string()])["tier"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!((tier(a), tier(b), tier(c)), ("A".into(), "A".into(), "B".into()));
    // Gamma buys 6000 more: ranking Alpha 7000, Gamma 7000, Beta 2000 → Beta falls to B.
    env.ok(&[
        "order",
        "add",
        "--customer",
        &c.to_string(),
        "--date",
        "2026-11-20",
        "--amount",
        "6000",
    ]);
    assert_eq!((tier(a), tier(b), tier(c)), ("A".into(), "B".into(), "A".into()));
    let show = env.json(&["customer", "show", &b.to_string()]);
    let events = show["timeline"].as_array().unwrap();
    let change = events
        .iter()
        .find(|e| e["what"] == "class" && e["text"].as_str().unwrap().starts_with("tier A → B"))
        .expect("tier change in the timeline");
    assert!(
        change["text"]
            .as_str()
            .unwrap()
            .contains("re-rank after: order added for customer 3"),
        "{change}"
    );
}

#[test]
fn stale_edits_are_refused_with_exit_3_naming_who_and_the_version() {
    let env = Env::new();
    let id = add(&env, "Li Lei", &[]).to_string();
    env.ok(&[
        "--as",
        "zhang.min",
        "customer",
        "edit",
        &id,
        "--phone",
        "13900139000",
        "--if-version",
        "1",
    ]);
    let r = env.run(&["customer", "edit", &id, "--email", "li@example.cn", "--if-version", "1"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("changed by zhang.min"), "{}", r.stderr);
    assert!(r.stderr.contains("now version 2, you had version 1"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1);
    let c = env.json(&["customer", "show", &id]);
    assert_eq!(c["email"], serde_json::Value::Null, "nothing changed");
    assert_eq!(c["version"], 2);
}

#[test]
fn bad_input_gets_a_specific_error_and_changes_nothing() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    let cases: &[(&[&str], &str)] = &[
        (
            &["order", "add", "--customer", &id, "--amount", "-5"],
            "amount: '-5' is negative",
        ),
        (
            &[
                "order",
                "add",
                "--customer",
                &id,
                "--amount",
                "12",
                "--date",
                "2026-02-30",
            ],
            "date: '2026-02-30' is not a real calendar date",
        ),
        (
            &["order", "add", "--customer", "999", "--amount", "12"],
            "customer 999 not found",
        ),
        (
            &["customer", "add", "--name", "Bob", "--email", "bob.example.com"],
            "email: 'bob.example.com' is not an email address",
        ),
        (
            &["customer", "add", "--name", "Bob", "--source", "billboard"],
            "source: 'billboard' is not a source channel; known:",
        ),
        (
            &["customer", "list", "--filter", "colour:red"],
            "unknown field 'colour'",
        ),
        (
            &["customer", "list", "--sort", "colour"],
            "'colour' is not a sort field",
        ),
        (
            &[
                "feedback",
                "add",
                "--customer",
                &id,
                "--kind",
                "complaint",
                "--title",
                "x",
                "--urgency",
                "5",
            ],
            "urgency: 5 is out of range",
        ),
        (
            &["contact", "log", "--customer", &id, "--channel", "pigeon"],
            "channel: 'pigeon' is not one of",
        ),
    ];
    for (args, want) in cases {
        let r = env.run(args);
        assert_ne!(r.code, 0, "{args:?} should fail");
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("tiercrm: "), "{}", r.stderr);
    }
    assert_eq!(env.json(&["order", "list"]).as_array().unwrap().len(), 0);
    assert_eq!(env.json(&["customer", "list"]).as_array().unwrap().len(), 1);
    assert_eq!(env.json(&["contact", "list"]).as_array().unwrap().len(), 0);
    let r = env.run(&["--today", "tomorrow", "due"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--today: 'tomorrow' is not a date"), "{}", r.stderr);
}

#[test]
fn filters_sorts_and_archive_restore() {
    let env = Env::new();
    let a = add(
        &env,
        "上海客户",
        &["--region", "上海 浦东新区", "--tag", "vip", "--source", "referral"],
    );
    let b = add(
        &env,
        "Beijing Buyer",
        &["--region", "北京 朝阳区", "--owner", "someone.else"],
    );
    env.ok(&[
        "order",
        "add",
        "--customer",
        &b.to_string(),
        "--date",
        "2026-10-01",
        "--amount",
        "50000",
    ]);
    let names = |f: &str| -> Vec<String> {
        env.json(&["customer", "list", "--filter", f, "--sort", "name"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("region:上海"), vec!["上海客户"]);
    assert_eq!(names("tag:VIP"), vec!["上海客户"]);
    assert_eq!(names("tier:A"), vec!["Beijing Buyer"]);
    assert_eq!(names("-tier:A"), vec!["上海客户"]);
    assert_eq!(names("owner:me"), vec!["上海客户"]);
    assert_eq!(names("revenue:>10000"), vec!["Beijing Buyer"]);
    assert_eq!(names("buyer"), vec!["Beijing Buyer"]);
    assert_eq!(names("ＢＵＹＥＲ"), vec!["Beijing Buyer"], "full-width letters fold");
    assert_eq!(names("due:today"), Vec::<String>::new());
    let text = env.ok(&["customer", "list", "--sort", "-revenue"]).stdout;
    assert!(text.lines().nth(1).unwrap().contains("上海客户"), "{text}");
    env.ok(&["customer", "archive", &a.to_string()]);
    assert_eq!(names(""), vec!["Beijing Buyer"]);
    assert_eq!(names("archived:yes"), vec!["上海客户"]);
    let archived = env.json(&["customer", "show", &a.to_string()]);
    assert_eq!(archived["tier"], serde_json::Value::Null);
    assert_eq!(archived["next_due"], serde_json::Value::Null);
    let r = env.run(&["order", "add", "--customer", &a.to_string(), "--amount", "5"]);
    assert!(r.stderr.contains("is archived; restore it first"), "{}", r.stderr);
    env.ok(&["customer", "restore", &a.to_string()]);
    assert_eq!(names("").len(), 2);
    // A city typed as a free word finds the customer, before and after any edit.
    assert_eq!(names("浦东"), vec!["上海客户"]);
    env.ok(&["customer", "edit", &a.to_string(), "--notes", "prefers calls"]);
    assert_eq!(names("浦东"), vec!["上海客户"]);
}

#[test]
fn contacts_follow_ups_and_the_due_queue() {
    let env = Env::new();
    // Written as of 11-01 from the start: a write as of a date before the stored classes' is refused.
    let id = add(&env, "Ann", &["--today", "2026-11-01"]).to_string();
    env.ok(&[
        "--today",
        "2026-11-01",
        "order",
        "add",
        "--customer",
        &id,
        "--date",
        "2026-11-01",
        "--amount",
        "100",
    ]);
    let logged = env.json(&[
        "--today",
        "2026-11-01",
        "contact",
        "log",
        "--customer",
        &id,
        "--summary",
        "intro call",
        "--next",
        "2026-11-10",
    ]);
    let fu = logged["next_followup"].as_i64().unwrap();
    // On 2026-11-22 the explicit follow-up (11-10) is overdue.
    let due = env.json(&["due"]);
    assert_eq!(due[0]["id"].as_i64().unwrap().to_string(), id);
    assert_eq!(due[0]["next_due"], "2026-11-10");
    assert_eq!(due[0]["overdue_days"], 12);
    assert!(
        due[0]["why"]
            .as_str()
            .unwrap()
            .contains("explicit follow-up on 2026-11-10"),
        "{}",
        due[0]["why"]
    );
    let r = env.run(&["followup", "snooze", &fu.to_string(), "--until", "2026-11-20"]);
    assert_eq!(r.code, 2, "snoozing into the past is refused");
    env.ok(&["followup", "snooze", &fu.to_string(), "--until", "2026-11-25"]);
    // Snoozing does not hide a customer the cadence says is due: last contact 11-01 + 14 days (tier A).
    let due = env.json(&["due"]);
    assert_eq!(due[0]["next_due"], "2026-11-15");
    assert!(
        due[0]["why"]
            .as_str()
            .unwrap()
            .contains("last contact 2026-11-01 + 14 days"),
        "{}",
        due[0]["why"]
    );
    // A contact today restarts the cadence; the snoozed follow-up (later than today) stays open.
    env.ok(&[
        "contact",
        "log",
        "--customer",
        &id,
        "--channel",
        "wechat",
        "--direction",
        "in",
    ]);
    let c = env.json(&["customer", "show", &id]);
    assert_eq!(
        c["next_due"], "2026-11-25",
        "the snoozed follow-up is earlier than today + 14"
    );
    env.ok(&["followup", "done", &fu.to_string()]);
    let c = env.json(&["customer", "show", &id]);
    assert_eq!(c["last_contact"], "2026-11-22");
    assert_eq!(c["cadence_days"], 14, "the only buyer is tier A");
    assert_eq!(c["next_due"], "2026-12-06");
    let r = env.run(&["followup", "done", &fu.to_string()]);
    assert!(r.stderr.contains("already done"), "{}", r.stderr);
}

#[test]
fn complaints_raise_churn_risk_and_closing_with_a_low_score_keeps_it() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    env.ok(&[
        "order",
        "add",
        "--customer",
        &id,
        "--date",
        "2026-11-01",
        "--amount",
        "100",
    ]);
    let f = env.json(&[
        "feedback",
        "add",
        "--customer",
        &id,
        "--kind",
        "complaint",
        "--title",
        "发货延迟",
        "--urgency",
        "3",
        "--importance",
        "3",
    ]);
    let risk = |env: &Env| env.json(&["customer", "show", &id])["churn_risk"].as_i64().unwrap();
    assert_eq!(risk(&env), 25, "one open P1 complaint");
    let fid = f["id"].as_i64().unwrap().to_string();
    let r = env.run(&["feedback", "update", &fid, "--satisfaction", "1"]);
    assert!(r.stderr.contains("is given when closing"), "{}", r.stderr);
    let r = env.run(&["feedback", "update", &fid, "--status", "reopened"]);
    assert!(r.stderr.contains("cannot go from new to reopened"), "{}", r.stderr);
    env.ok(&[
        "feedback",
        "update",
        &fid,
        "--status",
        "investigating",
        "--assignee",
        "li.wei",
    ]);
    env.ok(&[
        "feedback",
        "update",
        &fid,
        "--status",
        "closed",
        "--satisfaction",
        "2",
        "--resolution",
        "refunded",
    ]);
    assert_eq!(risk(&env), 20, "closed, but the customer was unhappy");
    let list = env.json(&["feedback", "list", "--all"]);
    assert_eq!(list[0]["status"], "closed");
    assert_eq!(list[0]["priority"], "P1");
}

#[test]
fn explain_and_classify_report_in_words() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    env.ok(&[
        "order",
        "add",
        "--customer",
        &id,
        "--date",
        "2026-05-25",
        "--amount",
        "1284",
    ]);
    let text = env.ok(&["classify", "--explain", &id]).stdout;
    assert!(
        text.contains("tier        A: revenue ¥1,284 in the last 365 days, ranked 1 of 1"),
        "{text}"
    );
    assert!(
        text.contains("stage       at_risk: last order 181 days ago (2026-05-25), more than 180"),
        "{text}"
    );
    let out = env.ok(&["classify"]).stdout;
    assert!(
        out.starts_with("classified 1 customers as of 2026-11-22: 0 changed"),
        "{out}"
    );
    // A day later recency moves on: opening the database re-derives.
    let later = env.json(&["--today", "2026-11-23", "customer", "show", &id]);
    assert!(later["reasons"]["stage"].as_str().unwrap().contains("182 days ago"));
}

#[test]
fn text_from_data_is_neutralised_before_it_reaches_the_terminal() {
    let env = Env::new();
    let evil = "Evil\u{1b}[2J\u{202e}gnp.exe";
    let id = add(&env, evil, &[]).to_string();
    for args in [
        vec!["customer", "show", id.as_str()],
        vec!["customer", "list"],
        vec!["due", "--limit", "5"],
    ] {
        let out = env.ok(&args).stdout;
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
    }
    let out = env.ok(&["customer", "show", &id]).stdout;
    assert!(out.contains("Evil\\x1b[2J<U+202E>gnp.exe"), "{out}");
}

#[test]
fn database_file_is_private_and_foreign_or_newer_files_are_refused() {
    let env = Env::new();
    env.ok(&["init"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env.db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let r = env.run(&["customer", "list"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("written by a newer tiercrm (schema version 99"),
        "{}",
        r.stderr
    );

    let other = Env::new();
    std::fs::write(
        &other.db,
        b"this is a text file, not a database at all, padded to look big enough....",
    )
    .unwrap();
    let r = other.run(&["customer", "list"]);
    assert!(
        r.stderr.contains("is not a tiercrm database or is damaged"),
        "{}",
        r.stderr
    );

    let foreign = Env::new();
    rusqlite::Connection::open(&foreign.db)
        .unwrap()
        .execute_batch("CREATE TABLE notes (t TEXT)")
        .unwrap();
    let r = foreign.run(&["init"]);
    assert!(r.stderr.contains("database of another program"), "{}", r.stderr);
}

#[test]
fn shared_config_makes_the_file_group_writable_and_bad_config_names_the_line() {
    let env = Env::new();
    std::fs::write(&env.config, "shared = true\n").unwrap();
    env.ok(&["init"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&env.db).unwrap().permissions().mode() & 0o777, 0o660);
    }
    std::fs::write(&env.config, "[classify]\nwindow_days = 365\nfrequnt_min = 3\n").unwrap();
    let r = env.run(&["due"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("line 3") && r.stderr.contains("classify.frequnt_min: unknown field"),
        "{}",
        r.stderr
    );
}

#[test]
fn classify_parameters_belong_to_the_file_and_settings_set_re_derives() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    for d in ["2026-01-05", "2026-04-05", "2026-08-05"] {
        env.ok(&["order", "add", "--customer", &id, "--date", d, "--amount", "10"]);
    }
    assert_eq!(env.json(&["customer", "show", &id])["behavior"], "occasional");
    // A personal config no longer changes the file's rules (issue 7 item 14): `settings set` does.
    std::fs::write(&env.config, "[classify]\nfrequent_min = 3\n").unwrap();
    assert_eq!(env.json(&["customer", "show", &id])["behavior"], "occasional");
    env.ok(&["settings", "set", "classify.frequent_min", "3"]);
    assert_eq!(env.json(&["customer", "show", &id])["behavior"], "frequent");
}

#[test]
fn completions_print_a_script() {
    let env = Env::new();
    let out = env.ok(&["completions", "bash"]).stdout;
    assert!(out.contains("tiercrm"), "{out}");
}

#[test]
fn demo_builds_every_tier_stage_and_segment() {
    let env = Env::new();
    env.ok(&["demo", "--customers", "1500", "--seed", "7"]);
    let all = env.json(&["customer", "list", "--filter", "archived:any"]);
    let set = |key: &str| -> std::collections::BTreeSet<String> {
        all.as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c[key].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(set("tier"), ["A", "B", "C"].iter().map(|s| s.to_string()).collect());
    assert_eq!(set("stage").len(), 6, "{:?}", set("stage"));
    assert_eq!(set("rfm_segment").len(), 11, "{:?}", set("rfm_segment"));
    assert_eq!(set("behavior").len(), 4);
    let r = env.run(&["demo"]);
    assert!(r.stderr.contains("already has 1500 customers"), "{}", r.stderr);
    let text = env.ok(&[]).stdout;
    let due = env.json(&["due"]).as_array().unwrap().len();
    assert!(due > 10, "{due}");
    assert!(
        text.contains(&format!("follow-up queue: {due} due on 2026-11-22; the first ten:")),
        "{text}"
    );
}

#[test]
fn demo_flag_prints_the_queue_and_tier_summary() {
    let env = Env::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiercrm"))
        .args(["--demo", "--today", "2026-11-22", "--config", s(&env.config)])
        .output()
        .unwrap();
    let r = common::to_run(out).ok();
    assert!(r.stdout.contains("TIER  CUSTOMERS"), "{}", r.stdout);
    assert!(r.stdout.contains("follow-up queue:"), "{}", r.stdout);
}

#[test]
fn a_customer_is_snoozed_and_marked_done_from_the_command_line() {
    let env = Env::new();
    // A lead last called on 2026-11-08 is due a week later: on 2026-11-22 (the tests' today) 7 days overdue.
    let id = add(&env, "Ann", &[]).to_string();
    env.ok(&["contact", "log", "--customer", &id, "--at", "2026-11-08"]);
    let due_ids = |day: &str| -> Vec<String> {
        env.json(&["--today", day, "due"])
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].to_string())
            .collect()
    };
    assert_eq!(due_ids("2026-11-22"), vec![id.clone()]);
    let held = env.json(&["followup", "snooze", "--customer", &id, "--until", "+3d"]);
    assert_eq!(held["snoozed_until"], "2026-11-25");
    assert!(due_ids("2026-11-22").is_empty(), "snoozed: out of today's queue");
    assert!(due_ids("2026-11-24").is_empty());
    assert_eq!(due_ids("2026-11-25"), vec![id.clone()], "back on the day");
    assert_eq!(env.json(&["--today", "2026-11-25", "due"])[0]["overdue_days"], 0);
    // A day that is not one is refused, naming the flag and the text, and changes nothing.
    let r = env.run(&["followup", "snooze", "--customer", &id, "--until", "soon"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("until") && r.stderr.contains("soon"), "{}", r.stderr);
    let r = env.run(&["followup", "done"]);
    assert_eq!(r.code, 2, "an id or --customer is needed: {}", r.stderr);
    // Done without a contact: the snooze ends and the cadence restarts from today (a review).
    let done = env.json(&["followup", "done", "--customer", &id]);
    assert_eq!(done["reviewed"], true);
    assert_eq!(done["reviewed_on"], "2026-11-22");
    assert_eq!(done["snoozed_until"], serde_json::Value::Null);
    let c = env.json(&["customer", "show", &id]);
    assert_eq!(c["next_due"], "2026-11-29");
    assert_eq!(c["last_contact"], "2026-11-08", "a review is not a contact");
    // A snooze to a day before she is due anyway would change nothing: said, not stored. 2026-11-22 is a
    // Sunday, so Friday is 2026-11-27.
    let r = env.run(&["followup", "snooze", "--customer", &id, "--until", "周五"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("2026-11-29"), "{}", r.stderr);
    let held = env.json(&["followup", "snooze", "--customer", &id, "--until", "+2w"]);
    assert_eq!(held["snoozed_until"], "2026-12-06");
}
