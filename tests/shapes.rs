//! The queue's "why due" as one value: `due` prints it whole (wrapped, not cut), and its text column and
//! `--json`'s `why` say the same thing; the JSON shapes that scripts read keep their keys and order.

mod common;

use common::Env;

/// A customer due on an explicit follow-up 12 days overdue on the default today (2026-11-22): the
/// why-due sentence is far longer than the column.
fn overdue_customer(env: &Env) -> String {
    let day = ["--today", "2026-11-01"];
    let mut add = day.to_vec();
    add.extend(["customer", "add", "--name", "Ann"]);
    let id = env.json(&add)["id"].as_i64().unwrap().to_string();
    let mut order = day.to_vec();
    order.extend([
        "order",
        "add",
        "--customer",
        &id,
        "--date",
        "2026-11-01",
        "--amount",
        "100",
    ]);
    env.ok(&order);
    let mut contact = day.to_vec();
    contact.extend([
        "contact",
        "log",
        "--customer",
        &id,
        "--summary",
        "intro",
        "--next",
        "2026-11-10",
    ]);
    env.ok(&contact);
    id
}

#[test]
fn due_wraps_the_why_column_instead_of_cutting_it() {
    let env = Env::new();
    overdue_customer(&env);
    let why = env.json(&["due"])[0]["why"].as_str().unwrap().to_string();
    let (date, reason) = why.split_once(": ").unwrap();
    assert_eq!(date, "2026-11-10");
    assert!(
        reason.len() > 70,
        "the test needs a reason wider than the column: {reason}"
    );
    let out = env.ok(&["due"]).stdout;
    assert!(!out.contains('…'), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    // The header, the row and the lines the reason wraps onto, then the count.
    let column = lines[0].find("WHY").unwrap();
    let row = &lines[1..lines.len() - 1];
    assert!(row.len() > 1, "{out}");
    for l in &row[1..] {
        assert!(l[..column].trim().is_empty(), "a wrapped line starts under WHY: {l:?}");
    }
    let text: Vec<&str> = row.iter().map(|l| l[column..].trim()).collect();
    assert_eq!(text.join(" "), reason, "{out}");
    assert_eq!(lines[lines.len() - 1], "1 due on 2026-11-22");
}

#[test]
fn the_reasons_are_listed_in_one_order_everywhere() {
    let env = Env::new();
    let id = overdue_customer(&env);
    let labels = ["tier", "behavior", "stage", "rfm", "clv", "churn risk", "next due"];
    let explain = env.ok(&["classify", "--explain", &id]).stdout;
    let shown: Vec<&str> = explain.lines().map(|l| l.split("  ").next().unwrap().trim()).collect();
    assert_eq!(shown, labels, "{explain}");
    let show = env.ok(&["customer", "show", &id]).stdout;
    let at = show.find("classes as of 2026-11-22:").unwrap();
    let shown: Vec<&str> = show[at..]
        .lines()
        .skip(1)
        .take(labels.len())
        .map(|l| l.split("  ").next().unwrap().trim())
        .collect();
    assert_eq!(shown, labels, "{show}");
    // `classify --explain --json` keeps the display order; a customer's `reasons` is sorted by key.
    let raw = env.ok(&["--json", "classify", "--explain", &id]).stdout;
    let keys = ["tier", "behavior", "stage", "rfm", "clv", "churn_risk", "next_due"];
    let at: Vec<usize> = keys.iter().map(|k| raw.find(&format!("\"{k}\"")).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{raw}");
    let c = env.json(&["customer", "show", &id]);
    let mut sorted = keys.to_vec();
    sorted.sort();
    let got: Vec<&str> = c["reasons"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(got, sorted);
    assert_eq!(c["reasons"]["next_due"], env.json(&["due"])[0]["why"]);
}
