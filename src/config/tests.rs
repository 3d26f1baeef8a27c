//! Tests of the config: the shipped file is the defaults, and every refusal names its file, line and key.

use super::*;

fn err(text: &str) -> String {
    Config::from_text(text, Path::new("c.toml")).unwrap_err().to_string()
}

#[test]
fn the_shipped_file_is_the_spec_defaults() {
    let cfg = Config::default();
    assert_eq!(cfg.params, Params::default());
    let shipped = Config::from_text(DEFAULTS, Path::new("assets/config.toml")).unwrap();
    assert_eq!(
        Config {
            lines: BTreeMap::new(),
            ..shipped
        },
        cfg,
        "assets/config.toml documents exactly the built-in defaults"
    );
    assert_eq!(cfg.currency, "CNY");
    assert!(!cfg.shared);
}

#[test]
fn the_shipped_file_documents_every_numeric_range() {
    for p in crate::domain::classify::params::TABLE {
        let short = p.key.split_once('.').map_or(p.key, |(_, k)| k);
        let doc = format!("{short}: {}", p.range.text());
        assert!(DEFAULTS.contains(&doc), "assets/config.toml should say `{doc}`");
    }
    let doc = format!("busy_timeout: {}", BUSY_TIMEOUT.text());
    assert!(DEFAULTS.contains(&doc), "assets/config.toml should say `{doc}`");
    let doc = format!("respond_days: {} per priority", RESPOND_DAYS.text());
    assert!(DEFAULTS.contains(&doc), "assets/config.toml should say `{doc}`");
}

#[test]
fn response_targets_override_by_priority_and_are_checked_with_key_and_line() {
    let cfg = Config::from_text("[feedback]\nrespond_days = { P1 = 2, P4 = 30 }\n", Path::new("c.toml")).unwrap();
    assert_eq!(cfg.respond_days, RespondDays([2, 3, 7, 30]));
    let cfg = Config::from_text("[feedback.respond_days]\nP3 = 10\n", Path::new("c.toml")).unwrap();
    assert_eq!(cfg.respond_days, RespondDays([1, 3, 10, 14]));
    assert_eq!(
        err("[feedback]\nrespond_days = { P1 = 0 }\n"),
        "config c.toml: line 2: feedback.respond_days.P1: 0 is too small: 1 to 365 days"
    );
    assert_eq!(
        err("[feedback.respond_days]\nP2 = 9\n"),
        "config c.toml: line 2: feedback.respond_days.P2: P2 = 9 days is longer than P3 = 7: a more urgent item cannot have longer to answer"
    );
    assert!(
        err("[feedback]\nrespond_days = { P5 = 3 }\n").contains("line 2: feedback.respond_days.P5: unknown priority")
    );
    assert!(err("[feedback]\nrespond_days = 3\n").contains("feedback.respond_days: expected a table"));
    assert!(err("[feedback]\nrespond = 3\n").contains("feedback.respond: unknown field"));
    assert!(err("[feedback.respond_days]\nP1 = \"one\"\n").contains("feedback.respond_days.P1"));
}

#[test]
fn a_user_file_overrides_only_what_it_names() {
    let cfg = Config::from_text("currency = \"usd\"\n[cadence]\nA = 7\n", Path::new("c.toml")).unwrap();
    assert_eq!(cfg.currency, "USD");
    let p = &cfg.params;
    assert_eq!(p.cadence.a, 7);
    assert_eq!(p.cadence.b, 30);
    assert_eq!(p.window_days, 365);
    assert_eq!(cfg.rule_lines(), vec![("currency", 1), ("cadence.A", 3)]);
    // Both shares move together without tripping over the order they are written in.
    let cfg = Config::from_text("[classify]\na_share = 0.97\nb_share = 0.99\n", Path::new("c.toml")).unwrap();
    assert_eq!(cfg.params.a_share.text(), "0.97");
    let cfg = Config::from_text(
        "[classify]\na_min = 5e5\nb_min = 1000.5\nclv_years = 2\n",
        Path::new("c.toml"),
    )
    .unwrap();
    assert_eq!(
        (cfg.params.a_min, cfg.params.b_min, cfg.params.clv_years),
        (50_000_000, 100_050, 2.0)
    );
}

#[test]
fn bad_keys_and_values_name_the_key_and_line() {
    let e = err("currency = \"USD\"\n[classify]\nwindow = 30\n");
    assert!(
        e.starts_with("config c.toml: line 3: classify.window: unknown field; expected one of: a_min"),
        "{e}"
    );
    assert_eq!(
        err("[classify]\n\na_share = 0.99\n"),
        "config c.toml: line 3: classify.a_share: 0.99 must not be above classify.b_share (0.95)"
    );
    assert_eq!(
        err("[classify]\nb_share = 0.5\n"),
        "config c.toml: line 2: classify.b_share: 0.5 must not be below classify.a_share (0.8)"
    );
    let e = err("[classify]\nbasis = \"margin\"\n");
    assert!(
        e.contains("line 2: classify.basis: 'margin' is not one of: revenue, profit"),
        "{e}"
    );
    let e = err("language = \"fr\"\n");
    assert!(e.contains("line 1") && e.contains("en, zh"), "{e}");
    let e = err("[cadence\n");
    assert!(e.contains("line 1"), "{e}");
    let e = err("colour = \"red\"\n");
    assert!(e.starts_with("config c.toml: line 1: colour: unknown field"), "{e}");
}

/// Defect 7: values that crashed the program later are refused here, naming the key and line.
#[test]
fn out_of_range_numbers_are_refused_with_key_line_and_range() {
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
            "busy_timeout = -1\n",
            "line 1: busy_timeout: -1 is too small: 0 to 3600 seconds",
        ),
        (
            "busy_timeout = \"ten\"\n",
            "line 1: busy_timeout: expected a whole number (0 to 3600 seconds), found a string \"ten\"",
        ),
        ("busy_timeout = 1.5\n", "line 1: busy_timeout: expected a whole number"),
        (
            "[classify]\na_min = 99999999999999999\n",
            "line 2: classify.a_min: 99999999999999999 is too large: 0 to 1000000000000",
        ),
        (
            "[classify]\na_min = 1e20\n",
            "classify.a_min: 100000000000000000000 is too large",
        ),
        ("[classify]\na_min = -5\n", "classify.a_min: -5 is too small"),
        (
            "[classify]\nclv_years = nan\n",
            "classify.clv_years: 'NaN' is not a number",
        ),
        (
            "[classify]\nchurn_flag = 300\n",
            "line 2: classify.churn_flag: 300 is too large: 1 to 100 points",
        ),
        (
            "[classify]\nfrequent_min = 0x10000000000000000000000000000000000\n",
            "is too large",
        ),
        (
            "[classify]\nwindow_days = 365.0\n",
            "classify.window_days: expected a whole number",
        ),
        ("[classify]\nmethod = 1\n", "classify.method: expected a word in quotes"),
        ("shared = \"yes\"\n", "line 1: shared: expected true or false"),
        (
            "[keys]\nquit = 3\n",
            "line 2: keys.quit: expected a key or a list of keys",
        ),
    ];
    for (text, want) in cases {
        let e = err(text);
        assert!(e.contains(want), "{text:?}\n got: {e}\nwant: {want}");
    }
}

#[test]
fn a_key_set_twice_is_named_with_both_lines() {
    assert_eq!(
        err("[cadence]\nA = 3\nB = 4\nA = 4\n"),
        "config c.toml: line 4: cadence.A: set twice (first on line 2)"
    );
    assert_eq!(
        err("busy_timeout = 3\nbusy_timeout = 4\n"),
        "config c.toml: line 2: busy_timeout: set twice (first on line 1)"
    );
    assert_eq!(
        err("[cadence]\nA = 3\n[cadence]\nB = 4\n"),
        "config c.toml: line 3: [cadence]: set twice (first on line 1)"
    );
    assert_eq!(
        err("busy_timeout = ten\n"),
        "config c.toml: line 1: busy_timeout: 'ten' is not a value: text needs quotes (\"ten\")"
    );
}

#[test]
fn an_unknown_currency_is_refused() {
    let e = err("currency = \"XYZ\"\n");
    assert!(
        e.starts_with("config c.toml: line 1: currency: 'XYZ' is not an ISO 4217 currency code"),
        "{e}"
    );
    assert!(
        e.contains("CNY, COP") && e.contains("USD"),
        "names the codes it knows: {e}"
    );
    assert!(err("currency = 5\n").contains("currency: expected text in quotes"));
}

/// Defect 8: the keymap's refusals come back with the user's line.
#[test]
fn a_key_bound_to_two_actions_names_the_binding_and_line() {
    let e = err("user = \"li\"\n\n[keys]\nhelp = \"?\"\nquit = \"j\"\n");
    assert!(
        e.starts_with("config c.toml: line 5: keys.quit: j is already bound to down"),
        "{e}"
    );
}

/// The keymap's refusal carries its binding, so the line is found without cutting the message at
/// ": " — which cut a binding whose name holds one, and lost the line.
#[test]
fn a_binding_whose_name_holds_a_colon_is_placed_on_its_line() {
    let e = err("user = \"li\"\n[keys]\n\"fly: x\" = \"q\"\n");
    assert!(
        e.starts_with("config c.toml: line 3: keys.fly: x: unknown action; known: quit"),
        "{e}"
    );
}
