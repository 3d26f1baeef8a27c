//! The rules belong to the file: adopted once from the first opener's config, the same for everyone after,
//! changed for everyone by `tiercrm settings set` (checked, audited, re-deriving once).

mod common;

use common::Env;

fn count(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A customer with three orders in the window: occasional under the default `frequent_min` of 4.
fn three_orders(env: &Env) -> String {
    let id = env.json(&["customer", "add", "--name", "Ann"])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    for d in ["2026-01-05", "2026-04-05", "2026-08-05"] {
        env.ok(&["order", "add", "--customer", &id, "--date", d, "--amount", "10"]);
    }
    id
}

#[test]
fn two_colleagues_with_different_configs_classify_alike_and_rewrite_nothing() {
    let env = Env::new();
    std::fs::write(&env.config, "currency = \"USD\"\n[classify]\nfrequent_min = 3\n").unwrap();
    let id = three_orders(&env);
    // The first opener's values were adopted: three orders are frequent here, and amounts are dollars.
    let shown = env.json(&["customer", "show", &id]);
    assert_eq!(shown["behavior"], "frequent");
    let rules = env.json(&["settings"]);
    assert_eq!(rules["classify.frequent_min"]["value"], "3");
    assert_eq!(rules["currency"]["value"], "USD");
    assert!(
        rules["cadence.A"]["range"].as_str().unwrap().contains("3650"),
        "{}",
        rules["cadence.A"]
    );

    // A colleague whose config says otherwise: the file's rules stay in force, nothing is re-derived, and
    // they are told which key and what to do.
    let colleague = env.path("colleague.toml");
    std::fs::write(&colleague, "[classify]\n\nfrequent_min = 5\n").unwrap();
    let history = count(&env, "SELECT count(*) FROM tier_history");
    for _ in 0..2 {
        let r = env.run(&[
            "--config",
            colleague.to_str().unwrap(),
            "--json",
            "customer",
            "show",
            &id,
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.json()["behavior"], "frequent");
        assert!(
            r.stderr.contains("line 3: classify.frequent_min = 5 is not used")
                && r.stderr.contains("tiercrm settings set classify.frequent_min 5"),
            "{}",
            r.stderr
        );
        env.ok(&["customer", "show", &id]);
    }
    assert_eq!(
        count(&env, "SELECT count(*) FROM tier_history"),
        history,
        "no one rewrote the classes"
    );

    // Changing a rule for everyone: one write that re-derives and is audited.
    let changed = env.json(&["settings", "set", "classify.frequent_min", "4"]);
    assert_eq!(
        (changed["old"].as_str(), changed["new"].as_str()),
        (Some("3"), Some("4"))
    );
    assert_eq!(env.json(&["customer", "show", &id])["behavior"], "occasional");
    assert!(
        count(
            &env,
            "SELECT count(*) FROM tier_history WHERE trigger LIKE 'setting classify.frequent_min changed%'"
        ) >= 1
    );
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM audit_log WHERE entity = 'settings' AND action = 'set'"
        ),
        1
    );
}

#[test]
fn a_bad_setting_names_the_key_and_the_range_and_changes_nothing() {
    let env = Env::new();
    let id = three_orders(&env);
    let before = env.json(&["settings"]);
    for (key, value, says) in [
        ("cadence.A", "100000000000", "cadence.A"),
        ("classify.window_days", "0", "classify.window_days"),
        ("classify.a_share", "0.99", "classify.b_share"),
        ("classify.frequnt_min", "3", "classify.frequnt_min"),
        ("currency", "XYZ", "currency"),
        ("classify.a_min", "99999999999999999", "too large"),
    ] {
        let r = env.run(&["settings", "set", key, value]);
        assert_eq!(r.code, 2, "{key} {value}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{key} {value}: {}", r.stderr);
    }
    assert_eq!(env.json(&["settings"]), before);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM audit_log WHERE entity = 'settings' AND action = 'set'"
        ),
        0
    );
    assert_eq!(env.json(&["customer", "show", &id])["behavior"], "occasional");
    // Setting a rule to the value it has changes nothing and says so.
    let r = env.ok(&["settings", "set", "classify.frequent_min", "4"]);
    assert!(r.stdout.contains("already 4"), "{}", r.stdout);
    // Reading the rules of a read-only file works; changing them is refused.
    env.ok(&["--read-only", "settings"]);
    let r = env.run(&["--read-only", "settings", "set", "cadence.A", "7"]);
    assert!(r.code != 0 && r.stderr.contains("read-only"), "{}", r.stderr);
    // The currency of a file with amounts changes only when relabelling them is what is meant.
    let r = env.run(&["settings", "set", "currency", "USD"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("3 orders in CNY") && r.stderr.contains("--relabel"),
        "{}",
        r.stderr
    );
    assert_eq!(env.json(&["settings"])["currency"]["value"], "CNY");
    env.ok(&["settings", "set", "currency", "USD", "--relabel"]);
    assert_eq!(env.json(&["settings"])["currency"]["value"], "USD");
}
