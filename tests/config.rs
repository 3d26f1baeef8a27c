//! The config file through the real binary: bad values are refused with the key, the line and exit 2
//! before anything runs; the widest values in range run.

mod common;

use common::Env;

/// A database with some customers, orders and contacts to classify.
fn with_data() -> Env {
    let env = Env::new();
    env.ok(&["demo", "--customers", "40", "--seed", "3"]);
    env
}

/// Defect 7: these crashed the program (exit 101) once a database had data.
#[test]
fn values_that_crashed_are_refused_with_the_key_line_and_exit_2() {
    let env = with_data();
    let before = env.ok(&["--json", "customer", "list"]).stdout;
    let cases = [
        (
            "[cadence]\nA = 100000000000\n",
            "line 2: cadence.A: 100000000000 is too large: 1 to 3650 days",
        ),
        (
            "[classify]\nwindow_days = 100000000\n",
            "line 2: classify.window_days: 100000000 is too large: 1 to 36500 days",
        ),
        (
            "busy_timeout = 5000000\n",
            "line 1: busy_timeout: 5000000 is too large: 0 to 3600 seconds",
        ),
        (
            "\nbusy_timeout = \"ten\"\n",
            "line 2: busy_timeout: expected a whole number",
        ),
        (
            "[cadence]\nA = 3\nA = 4\n",
            "line 3: cadence.A: set twice (first on line 2)",
        ),
        (
            "[classify]\na_min = 99999999999999999\n",
            "line 2: classify.a_min: 99999999999999999 is too large",
        ),
        (
            "currency = \"XYZ\"\n",
            "line 1: currency: 'XYZ' is not an ISO 4217 currency code",
        ),
    ];
    for (text, want) in cases {
        std::fs::write(&env.config, text).unwrap();
        for args in [
            &["due"][..],
            &["customer", "list"],
            &[
                "order",
                "add",
                "--customer",
                "1",
                "--date",
                "2026-11-01",
                "--amount",
                "5",
            ],
        ] {
            let r = env.run(args);
            assert_eq!(r.code, 2, "{text:?} {args:?}: {}", r.stderr);
            assert!(r.stderr.contains(want), "{text:?}\n got: {}\nwant: {want}", r.stderr);
        }
    }
    std::fs::write(&env.config, "").unwrap();
    assert_eq!(
        env.ok(&["--json", "customer", "list"]).stdout,
        before,
        "a refused config changed nothing"
    );
}

/// Defect 8: `quit = "j"` was accepted, so `j` quit on the report tab and moved down in lists.
#[test]
fn a_key_bound_to_two_actions_is_refused_with_exit_2() {
    let env = Env::new();
    std::fs::write(&env.config, "language = \"en\"\n[keys]\nquit = \"j\"\n").unwrap();
    let r = env.run(&["init"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "config.toml: line 3: keys.quit: j is already bound to down; in lists a key can do only one of them"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn a_config_file_named_but_missing_is_exit_2() {
    let env = Env::new();
    std::fs::remove_file(&env.config).unwrap();
    let r = env.run(&["init"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("config.toml: No such file"), "{}", r.stderr);
    assert!(!env.db.exists(), "nothing was created");
}

/// The widest values in range classify, list and queue without an error, even at the calendar's ends,
/// where a next contact date past 9999-12-31 used to be stored in a form that could not be read back.
#[test]
fn the_widest_values_in_range_run_at_the_ends_of_the_calendar() {
    let widest = "busy_timeout = 3600\n[classify]\nwindow_days = 36500\nchurn_days = 36500\nat_risk_days = 36500\n\
                  loyal_min_days = 36500\nchurn_default_gap = 36500\nfrequent_min = 100000\nloyal_min_orders = 100000\n\
                  clv_years = 100\nchurn_flag = 1\na_min = 1000000000000\nb_min = 1000000000000\na_share = 1\nb_share = 1\n\
                  [cadence]\nA = 3650\nB = 3650\nC = 3650\nlead = 3650\nrisk = 3650\n";
    let narrowest = "busy_timeout = 0\n[classify]\nwindow_days = 1\nchurn_days = 1\nat_risk_days = 1\nloyal_min_days = 0\n\
                     churn_default_gap = 1\nfrequent_min = 2\nloyal_min_orders = 1\nclv_years = 0\nchurn_flag = 100\n\
                     a_min = 0\nb_min = 0\na_share = 0\nb_share = 0\nbasis = \"profit\"\nmethod = \"threshold\"\n\
                     [cadence]\nA = 1\nB = 1\nC = 1\nlead = 1\nrisk = 1\n";
    for config in [widest, narrowest] {
        // Records before 1900 are refused (issue 7 item 9), so the demo's two years of history start after it.
        for today in ["2026-11-22", "1903-01-01"] {
            let mut env = Env::new();
            env.today = today.into();
            std::fs::write(&env.config, config).unwrap();
            env.ok(&["demo", "--customers", "30", "--seed", "5"]);
            env.ok(&["due"]);
            let all = env.json(&["customer", "list"]);
            assert_eq!(all.as_array().map(Vec::len), Some(30), "{today}");
            env.ok(&["classify"]);
            // The far end of the calendar is looked at (a write as of the future is refused): derived in
            // memory as of 9999-12-31, every class and date within range.
            env.ok(&["--today", "9999-12-31", "due"]);
            let far = env.json(&["--today", "9999-12-31", "customer", "list"]);
            assert_eq!(far.as_array().map(Vec::len), Some(30), "{today}");
        }
    }
}
