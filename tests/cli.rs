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
        "resolved",
        "--resolution",
        "refunded",
    ]);
    env.ok(&["feedback", "update", &fid, "--status", "closed", "--satisfaction", "2"]);
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
fn customer_show_gives_feedback_bodies_and_causes_and_folds_re_rank_moves_in_its_text() {
    let env = Env::new();
    let names = ["王芳", "李雷", "韩梅梅", "Tom Baker", "Ana Lima", "Chen Jing"];
    let ids: Vec<String> = names.iter().map(|n| add(&env, n, &[]).to_string()).collect();
    let order = |id: &str, amount: &str| {
        env.ok(&[
            "order",
            "add",
            "--customer",
            id,
            "--date",
            "2026-11-20",
            "--amount",
            amount,
        ]);
    };
    order(&ids[0], "3000");
    env.ok(&[
        "feedback",
        "add",
        "--customer",
        &ids[0],
        "--kind",
        "complaint",
        "--title",
        "台灯到货破损",
        "--body",
        "灯罩碎了。\n请尽快补发。",
    ]);
    for (k, id) in ids[1..].iter().enumerate() {
        order(id, &(4000 + 1000 * k).to_string());
    }
    let show = env.json(&["customer", "show", &ids[0]]);
    let events = show["timeline"].as_array().unwrap();
    let fb = events.iter().find(|e| e["what"] == "feedback").expect("the complaint");
    assert_eq!(fb["body"], "灯罩碎了。\n请尽快补发。");
    let own = events
        .iter()
        .find(|e| e["what"] == "class" && e["text"].as_str().unwrap().starts_with("tier C → A"))
        .expect("her own order's tier change");
    assert_eq!(
        own["text"], "tier C → A (order added for customer 1)",
        "the words as before"
    );
    assert_eq!(own["cause"], serde_json::json!({"op": "order_added", "customer": 1}));
    // Scripts get every row; the text puts the day's re-rank moves of her RFM score on one line.
    let reranked = events
        .iter()
        .filter(|e| e["cause"]["op"] == "rerank" && e["text"].as_str().unwrap().starts_with("rfm "))
        .count();
    assert!(reranked >= 2, "{events:#?}");
    let text = env.ok(&["customer", "show", &ids[0]]).stdout;
    assert!(
        text.contains(&format!("({reranked} moves as others' records re-ranked everyone)")),
        "{text}"
    );
    assert!(
        !text.lines().any(|l| l.contains("rfm ") && l.contains("re-rank after")),
        "{text}"
    );
    assert!(text.contains("灯罩碎了。") && text.contains("请尽快补发。"), "{text}");
}

/// The feedback workflow from the command line: each illegal move refused naming from and to, with exit
/// status 2 and nothing changed; resolving needs its text; closing needs a score or `--satisfaction skip`.
#[test]
fn feedback_moves_one_step_at_a_time_and_refuses_the_rest_changing_nothing() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    let f = env.json(&[
        "feedback",
        "add",
        "--customer",
        &id,
        "--kind",
        "complaint",
        "--title",
        "late",
    ]);
    let fid = f["id"].as_i64().unwrap().to_string();
    let history = |env: &Env| env.json(&["customer", "show", &id]);
    let refuse = |args: &[&str], says: &[&str]| {
        let before = (env.json(&["feedback", "list", "--all"]), history(&env));
        let mut all = vec!["feedback", "update", &fid];
        all.extend_from_slice(args);
        let r = env.run(&all);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        for s in says {
            assert!(r.stderr.contains(s), "{args:?} should say {s}: {}", r.stderr);
        }
        assert_eq!(
            (env.json(&["feedback", "list", "--all"]), history(&env)),
            before,
            "{args:?} changed something"
        );
    };
    refuse(
        &["--status", "closed", "--satisfaction", "4"],
        &["cannot go from new to closed", "investigating"],
    );
    refuse(
        &["--status", "resolved", "--resolution", "x"],
        &["cannot go from new to resolved"],
    );
    let moved = env.json(&[
        "feedback",
        "update",
        &fid,
        "--status",
        "investigating",
        "--assignee",
        "li.wei",
    ]);
    assert_eq!(
        (moved["status"].as_str(), moved["assignee"].as_str()),
        (Some("investigating"), Some("li.wei"))
    );
    refuse(&["--status", "resolved"], &["resolution"]);
    refuse(&["--status", "reopened"], &["cannot go from investigating to reopened"]);
    env.ok(&[
        "feedback",
        "update",
        &fid,
        "--status",
        "resolved",
        "--resolution",
        "sent a new one",
    ]);
    refuse(&["--status", "closed"], &["satisfaction", "skip"]);
    refuse(&["--status", "closed", "--satisfaction", "6"], &["satisfaction"]);
    refuse(&["--status", "closed", "--satisfaction", "maybe"], &["skip"]);
    let closed = env.json(&[
        "feedback",
        "update",
        &fid,
        "--status",
        "closed",
        "--satisfaction",
        "skip",
    ]);
    assert_eq!(
        (closed["status"].as_str(), closed["satisfaction"].is_null()),
        (Some("closed"), true)
    );
    refuse(
        &["--status", "investigating"],
        &["cannot go from closed to investigating", "reopened"],
    );
    let reopened = env.json(&["feedback", "update", &fid, "--status", "reopened"]);
    assert!(
        reopened["resolution"].is_null(),
        "a reopened item is resolved afresh: {reopened}"
    );
    env.ok(&["feedback", "update", &fid, "--status", "investigating"]);
}

/// `priority`, `respond_by` and `overdue_days` in every feedback JSON, with the targets of the config.
#[test]
fn every_feedback_json_carries_priority_response_day_and_lateness() {
    let env = Env::new();
    std::fs::write(&env.config, "[feedback]\nrespond_days = { P3 = 5 }\n").unwrap();
    let id = add(&env, "Ann", &[]).to_string();
    let added = env.json(&[
        "feedback",
        "add",
        "--customer",
        &id,
        "--kind",
        "complaint",
        "--title",
        "late",
        "--at",
        "2026-11-10",
    ]);
    let fid = added["id"].as_i64().unwrap().to_string();
    let updated = env.json(&["feedback", "update", &fid, "--assignee", "li.wei"]);
    let listed = env.json(&["feedback", "list"])[0].clone();
    let shown = env.json(&["customer", "show", &id])["feedback"][0].clone();
    for (from, j) in [
        ("add", &added),
        ("update", &updated),
        ("list", &listed),
        ("customer show", &shown),
    ] {
        // urgency 2 × importance 2 → P3 (Ann has no orders: not tier A); 5 days from the config.
        assert_eq!(j["priority"], "P3", "{from}: {j}");
        assert_eq!(j["respond_by"], "2026-11-15", "{from}: {j}");
        assert_eq!(j["overdue_days"], 7, "{from}: {j}");
        assert_eq!(j["id"].as_i64().unwrap().to_string(), fid, "{from}");
    }
    std::fs::write(&env.config, "[feedback]\nrespond_days = { P2 = 9 }\n").unwrap();
    let r = env.run(&["feedback", "list"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("line 2: feedback.respond_days.P2"), "{}", r.stderr);
}

/// Corrections from the command line: each one write whose classes are what `classify` gives afterwards,
/// and a bad value refused with exit status 2, changing nothing.
#[test]
fn orders_contacts_and_feedback_can_be_corrected_and_re_derive_as_classify_would() {
    let env = Env::new();
    let ann = add(&env, "Ann", &[]).to_string();
    let bob = add(&env, "Bob", &[]).to_string();
    env.ok(&[
        "order",
        "add",
        "--customer",
        &bob,
        "--date",
        "2026-10-01",
        "--amount",
        "5000",
    ]);
    env.ok(&[
        "order",
        "add",
        "--customer",
        &ann,
        "--date",
        "2026-08-01",
        "--amount",
        "100",
    ]);
    let typo = env.json(&[
        "order",
        "add",
        "--customer",
        &ann,
        "--date",
        "2026-11-01",
        "--amount",
        "1000000000000",
    ]);
    let typo = typo["id"].as_i64().unwrap().to_string();
    let shown = |env: &Env| {
        let mut c = env.json(&["customer", "show", &ann]);
        for k in ["timeline", "feedback", "updated_at", "version"] {
            c.as_object_mut().unwrap().remove(k);
        }
        c
    };
    let as_classify = |env: &Env, what: &str| {
        let after = shown(env);
        env.ok(&["classify"]);
        assert_eq!(
            shown(env),
            after,
            "{what}: the write re-derived as a full classify would"
        );
        after
    };
    assert_eq!(shown(&env)["tier"], "A");
    let r = env.run(&["order", "edit", &typo, "--amount", "-1"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let edited = env.json(&["order", "edit", &typo, "--amount", "1000"]);
    assert_eq!(edited["amount"], 100_000);
    assert_eq!(as_classify(&env, "edit")["revenue_window"], 1100.0);
    env.json(&["order", "return", &typo, "--amount", "400", "--reason", "damaged"]);
    assert_eq!(as_classify(&env, "return")["revenue_window"], 700.0);
    let r = env.run(&["order", "return", &typo, "--amount", "601"]);
    assert_eq!(r.code, 2, "more than is left: {}", r.stderr);
    env.json(&["order", "void", &typo]);
    assert_eq!(as_classify(&env, "void")["revenue_window"], 100.0);
    let listed = env.json(&["order", "list", "--customer", &ann]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "a voided order leaves the list");

    let contact = env.json(&["contact", "log", "--customer", &ann, "--at", "2026-11-20"]);
    let cid = contact["contact"]["id"]
        .as_i64()
        .or(contact["id"].as_i64())
        .unwrap()
        .to_string();
    env.json(&[
        "contact",
        "edit",
        &cid,
        "--at",
        "2026-11-10",
        "--summary",
        "called back",
    ]);
    assert_eq!(as_classify(&env, "contact edit")["last_contact"], "2026-11-10");
    let r = env.run(&["contact", "edit", &cid, "--channel", "pigeon"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    env.json(&["contact", "delete", &cid]);
    assert!(as_classify(&env, "contact delete")["last_contact"].is_null());

    let f = env.json(&[
        "feedback",
        "add",
        "--customer",
        &ann,
        "--kind",
        "praise",
        "--title",
        "tpyo",
    ]);
    let fid = f["id"].as_i64().unwrap().to_string();
    let fixed = env.json(&[
        "feedback",
        "edit",
        &fid,
        "--kind",
        "complaint",
        "--title",
        "Late",
        "--urgency",
        "3",
        "--importance",
        "3",
    ]);
    assert_eq!(
        (fixed["kind"].as_str(), fixed["priority"].as_str()),
        (Some("complaint"), Some("P1"))
    );
    assert!(
        fixed.get("respond_by").is_some() && fixed.get("overdue_days").is_some(),
        "{fixed}"
    );
    assert!(
        as_classify(&env, "feedback edit")["churn_risk"].as_i64().unwrap() > 0,
        "an open P1 complaint"
    );
    let r = env.run(&["feedback", "edit", &fid, "--urgency", "4"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
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
    // Snoozed, she is not due: done is refused, naming the day she is.
    let r = env.run(&["followup", "done", "--customer", &id]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not due until 2026-11-25"), "{}", r.stderr);
    // Done without a contact on a customer due: the cadence restarts from today (a review).
    let id = add(&env, "Bo", &[]).to_string();
    env.ok(&["contact", "log", "--customer", &id, "--at", "2026-11-08"]);
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

/// Cold testers' finds: a snooze or a done that would change nothing, a contact dated ahead ending a snooze,
/// day words for a follow-up's due date and a contact's next date, and a long value echoed whole.
#[test]
fn a_snooze_or_done_that_changes_nothing_is_refused_and_due_dates_take_day_words() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    env.ok(&["contact", "log", "--customer", &id, "--at", "2026-11-08"]);
    let audit = || env.json(&["customer", "show", &id]).to_string();
    // Snoozed until tomorrow, again until tomorrow: refused, nothing written (also "" and " ").
    env.ok(&["followup", "snooze", "--customer", &id, "--until", "+1d"]);
    let before = audit();
    for until in ["+1d", "", " "] {
        let r = env.run(&["followup", "snooze", "--customer", &id, "--until", until]);
        assert_eq!(r.code, 2, "{until:?}: {}", r.stderr);
        assert!(r.stderr.contains("already snoozed until 2026-11-23"), "{}", r.stderr);
        assert!(r.stderr.contains("would change nothing"), "{}", r.stderr);
    }
    assert_eq!(audit(), before);
    // A contact dated tomorrow leaves today's snooze alone; one dated today ends it.
    env.ok(&["contact", "log", "--customer", &id, "--at", "2026-11-23 10:00"]);
    let c = env.json(&["customer", "show", &id]);
    assert_eq!(c["next_due"], "2026-11-23", "{c}");
    assert!(
        c["reasons"]["next_due"]
            .as_str()
            .unwrap()
            .contains("snoozed until 2026-11-23"),
        "{c}"
    );
    // Done twice: the second is refused.
    let bo = add(&env, "Bo", &[]).to_string();
    env.ok(&["contact", "log", "--customer", &bo, "--at", "2026-11-08"]);
    env.ok(&["followup", "done", "--customer", &bo]);
    let r = env.run(&["followup", "done", "--customer", &bo]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not due until 2026-11-29"), "{}", r.stderr);
    // Day words for a follow-up's due date and a contact's next date; plain dates still work.
    for (due, want) in [
        ("+3d", "2026-11-25"),
        ("mon", "2026-11-23"),
        ("周五", "2026-11-27"),
        ("2026-12-01", "2026-12-01"),
    ] {
        let f = env.json(&["followup", "add", "--customer", &bo, "--due", due]);
        assert_eq!(f["due"], want, "{due}");
    }
    let r = env.run(&["followup", "add", "--customer", &bo, "--due", "soon"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("due") && r.stderr.contains("'soon' is not a day"),
        "{}",
        r.stderr
    );
    let logged = env.json(&["contact", "log", "--customer", &bo, "--next", "+2w"]);
    assert!(logged.to_string().contains("2026-12-06"), "{logged}");
    // A long value is echoed cut.
    let long = "x".repeat(5000);
    let r = env.run(&["followup", "snooze", "--customer", &id, "--until", &long]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.len() < 400 && r.stderr.contains(&format!("{}…", &long[..40])),
        "{}",
        r.stderr
    );
}

/// A return dated after today is saved with the notice an order dated after today gets, and counts only
/// from its day: today's revenue and classes stay as they were (a hostile tester's find).
#[test]
fn a_return_dated_after_today_counts_from_its_day() {
    let env = Env::new();
    let x = add(&env, "Xu", &[]).to_string();
    let y = add(&env, "Yan", &[]).to_string();
    let o = env.json(&[
        "order",
        "add",
        "--customer",
        &x,
        "--amount",
        "100",
        "--date",
        "2026-06-01",
    ]);
    env.ok(&[
        "order",
        "add",
        "--customer",
        &y,
        "--amount",
        "90",
        "--date",
        "2026-06-01",
    ]);
    let before = env.json(&["customer", "show", &x]);
    let order = o["id"].as_i64().unwrap().to_string();
    let r = env.run(&["order", "return", &order, "--amount", "100", "--date", "2026-12-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("2026-12-20"), "the notice: {}", r.stderr);
    let after = env.json(&["customer", "show", &x]);
    for field in ["tier", "stage", "revenue_window", "orders_total"] {
        assert_eq!(after[field], before[field], "{field} as of today");
    }
    let classify = env.json(&["classify"]);
    assert_eq!(classify["rows_written"], 0, "{classify}");
    // On its day the order is returned in full: no revenue left.
    let then = env.json(&["--today", "2026-12-21", "customer", "show", &x]);
    assert_eq!(then["revenue_window"], 0.0, "{then}");
}

/// A score only when closing, a resolution only when resolving or on a resolved item, and a "move" to the
/// status an item has already is refused naming it — each exit 2, changing nothing.
#[test]
fn feedback_update_refuses_a_score_or_resolution_out_of_place_and_a_move_to_the_same_status() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    let f = env.json(&[
        "feedback",
        "add",
        "--customer",
        &id,
        "--kind",
        "complaint",
        "--title",
        "late",
    ]);
    let fid = f["id"].as_i64().unwrap().to_string();
    let refuse = |args: &[&str], says: &[&str]| {
        let before = env.json(&["feedback", "list", "--all"]);
        let mut all = vec!["feedback", "update", &fid];
        all.extend_from_slice(args);
        let r = env.run(&all);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        for s in says {
            assert!(r.stderr.contains(s), "{args:?} should say {s}: {}", r.stderr);
        }
        assert_eq!(
            env.json(&["feedback", "list", "--all"]),
            before,
            "{args:?} changed something"
        );
    };
    refuse(
        &["--satisfaction", "3", "--status", "investigating"],
        &["satisfaction:", "when closing", "investigating"],
    );
    refuse(&["--resolution", "zzz"], &["resolution:", "when resolving", "new"]);
    env.ok(&["feedback", "update", &fid, "--status", "investigating"]);
    refuse(&["--resolution", "zzz"], &["resolution:", "investigating"]);
    refuse(&["--status", "investigating"], &["status:", "investigating already"]);
    // With another field the same status is no move: the assignee changes.
    let assigned = env.json(&[
        "feedback",
        "update",
        &fid,
        "--status",
        "investigating",
        "--assignee",
        "li",
    ]);
    assert_eq!(assigned["assignee"], "li");
    env.ok(&[
        "feedback",
        "update",
        &fid,
        "--status",
        "resolved",
        "--resolution",
        "sent one",
    ]);
    // On a resolved item a resolution corrects the one given.
    let fixed = env.json(&["feedback", "update", &fid, "--resolution", "sent a new one"]);
    assert_eq!(fixed["resolution"], "sent a new one");
    env.ok(&["feedback", "update", &fid, "--status", "reopened"]);
    refuse(&["--status", "reopened"], &["status:", "reopened already"]);
    refuse(
        &["--status", "investigating", "--satisfaction", "4"],
        &["satisfaction:"],
    );
}

/// Correcting a contact's or a feedback item's time to after today says so, as recording it did.
#[test]
fn editing_a_contact_or_feedback_to_after_today_gives_the_notice() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    let c = env.json(&["contact", "log", "--customer", &id, "--channel", "phone"]);
    let cid = c["contact"]["id"].as_i64().or(c["id"].as_i64()).unwrap().to_string();
    let r = env.ok(&["contact", "edit", &cid, "--at", "2026-11-25 10:00"]);
    assert!(
        r.stderr.contains("2026-11-25") && r.stderr.contains("will not count until then"),
        "{}",
        r.stderr
    );
    let f = env.json(&[
        "feedback",
        "add",
        "--customer",
        &id,
        "--kind",
        "praise",
        "--title",
        "nice",
    ]);
    let fid = f["id"].as_i64().unwrap().to_string();
    let r = env.ok(&["feedback", "edit", &fid, "--at", "2026-11-26 10:00"]);
    assert!(
        r.stderr.contains("2026-11-26") && r.stderr.contains("will not count until then"),
        "{}",
        r.stderr
    );
    let r = env.ok(&["feedback", "edit", &fid, "--at", "2026-11-20 10:00"]);
    assert!(!r.stderr.contains("will not count"), "{}", r.stderr);
}

/// A return over what is left, and an order edited below what was returned, say the amounts as money.
#[test]
fn return_and_edit_refusals_word_the_amounts_as_money_and_returns_show_in_list_and_timeline() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    let o = env.json(&[
        "order",
        "add",
        "--customer",
        &id,
        "--amount",
        "3000",
        "--date",
        "2026-11-01",
    ]);
    let oid = o["id"].as_i64().unwrap().to_string();
    env.ok(&["order", "return", &oid, "--amount", "2000", "--reason", "broken"]);
    let r = env.run(&["order", "return", &oid, "--amount", "1001"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("¥1,001 with ¥2,000 already returned is more than the order's ¥3,000"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("minor units"), "{}", r.stderr);
    let r = env.run(&["order", "edit", &oid, "--amount", "1999.50"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("amount: ¥1,999.50 is less than the ¥2,000 already returned"),
        "{}",
        r.stderr
    );
    // The return shows in the list (JSON in minor units like `amount`, text in its own column) …
    let listed = env.json(&["order", "list"]);
    assert_eq!(
        (listed[0]["amount"].as_i64(), listed[0]["returned"].as_i64()),
        (Some(300000), Some(200000))
    );
    let text = env.ok(&["order", "list"]).stdout;
    assert!(text.contains("RETURNED") && text.contains("¥2,000"), "{text}");
    // … and in the customer's timeline.
    let show = env.json(&["customer", "show", &id]);
    let timeline = show["timeline"].as_array().expect("a timeline");
    assert!(
        timeline
            .iter()
            .any(|e| e["what"] == "return" && e["text"] == format!("return of ¥2,000 against order #{oid} — broken")),
        "{timeline:?}"
    );
}

/// A contact moved to after its next follow-up date is refused naming both dates the right way round.
#[test]
fn a_contact_moved_past_its_follow_up_names_both_dates_in_order() {
    let env = Env::new();
    let id = add(&env, "Ann", &[]).to_string();
    let c = env.json(&[
        "contact",
        "log",
        "--customer",
        &id,
        "--channel",
        "phone",
        "--next",
        "2026-11-20",
        "--at",
        "2026-11-10 10:00",
    ]);
    let cid = c["contact"]["id"].as_i64().or(c["id"].as_i64()).unwrap().to_string();
    let r = env.run(&["contact", "edit", &cid, "--at", "2026-11-21 10:00"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("at: 2026-11-21 is not before the contact's next follow-up date (2026-11-20)"),
        "{}",
        r.stderr
    );
}

/// The calendar is the follow-up queue: `--kind` with `--format ics` is refused.
#[test]
fn export_refuses_kind_with_the_calendar() {
    let env = Env::new();
    add(&env, "Ann", &[]);
    let out = env.path("cal.ics");
    let r = env.run(&["export", "--kind", "orders", "--format", "ics", "--out", s(&out)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("--kind") && r.stderr.contains("follow-up queue"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    env.ok(&["export", "--format", "ics", "--out", s(&out)]);
    env.ok(&["export", "--kind", "orders"]);
}
