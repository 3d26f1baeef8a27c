//! The classification bar: import tens of thousands of customers and their orders through the binary,
//! classify with a fixed date, and check every customer's tier, behavior and stage against an independent
//! calculation written straight from SPEC section 3 (no code shared with the engine).

mod common;

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Duration, NaiveDate};
use common::{Env, s};

/// A tiny LCG, independent of the demo generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Fixture {
    customers: Vec<String>,
    /// external id → (date, amount in cents)
    orders: BTreeMap<String, Vec<(NaiveDate, i64)>>,
}

fn fixture(n: usize, today: NaiveDate) -> Fixture {
    let mut rng = Lcg(2026);
    let ago = |d: i64| today - Duration::days(d);
    let mut f = Fixture {
        customers: Vec::new(),
        orders: BTreeMap::new(),
    };
    // In cents; a few values so that ties are common.
    let amounts = [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_280_000, 9_999];
    for i in 0..n {
        let ext = format!("X{i:05}");
        let mut os: Vec<(NaiveDate, i64)> = Vec::new();
        match i {
            // Boundary customers first, then random ones.
            0 => os.push((ago(180), 50_000)),
            1 => os.push((ago(181), 50_000)),
            2 => os.push((ago(365), 50_000)),
            3 => os.push((ago(366), 50_000)),
            4 => os.extend([365, 300, 200, 100, 10].map(|d| (ago(d), 10_000))),
            5 => os.extend([364, 300, 200, 100, 10].map(|d| (ago(d), 10_000))),
            6 => os.push((today + Duration::days(3), 100_000_000)),
            7 => os.extend([(ago(364), 10_000), (ago(365), 10_000)]),
            8 => os.extend([10, 20, 30, 40].map(|d| (ago(d), 1_280_000))),
            9 => os.extend([10, 20, 30].map(|d| (ago(d), 1_280_000))),
            _ if i % 10 == 0 => {}
            _ => {
                for _ in 0..rng.below(14) {
                    let d = rng.below(820) as i64 - 20;
                    let amount = amounts[rng.below(amounts.len() as u64) as usize] * (1 + rng.below(3) as i64);
                    os.push((ago(d), amount));
                }
            }
        }
        f.customers.push(ext.clone());
        f.orders.insert(ext, os);
    }
    f
}

/// SPEC 3.1–3.3 with the defaults, computed the plain way.
fn expected(f: &Fixture, today: NaiveDate) -> BTreeMap<String, (String, String, String)> {
    let window_start = today - Duration::days(365);
    let mut basis: Vec<(usize, i64)> = Vec::new();
    let mut out = BTreeMap::new();
    for (idx, ext) in f.customers.iter().enumerate() {
        let past: Vec<&(NaiveDate, i64)> = f.orders[ext].iter().filter(|(d, _)| *d <= today).collect();
        let in_window: Vec<&&(NaiveDate, i64)> = past.iter().filter(|(d, _)| *d > window_start).collect();
        let b: i64 = in_window.iter().map(|(_, a)| a).sum();
        basis.push((idx, b));
        let behavior = match in_window.len() {
            0 => "inactive",
            1 => "one_time",
            2 | 3 => "occasional",
            _ => "frequent",
        };
        let stage = if past.is_empty() {
            "potential" // the fixture logs no contacts
        } else {
            let last = past.iter().map(|(d, _)| *d).max().unwrap();
            let first = past.iter().map(|(d, _)| *d).min().unwrap();
            if (today - last).num_days() > 365 {
                "churned"
            } else if (today - last).num_days() > 180 {
                "at_risk"
            } else if past.len() >= 5 && (today - first).num_days() >= 365 {
                "loyal"
            } else {
                "active"
            }
        };
        out.insert(ext.clone(), ("C".to_string(), behavior.to_string(), stage.to_string()));
    }
    let mut ranked: Vec<(usize, i64)> = basis.into_iter().filter(|(_, b)| *b > 0).collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let total: i64 = ranked.iter().map(|(_, b)| b).sum();
    let mut before: i64 = 0;
    for (idx, b) in ranked {
        // S/T < 0.80 ⇔ 100·S < 80·T, exactly.
        let tier = if 100 * before < 80 * total {
            "A"
        } else if 100 * before < 95 * total {
            "B"
        } else {
            "C"
        };
        out.get_mut(&f.customers[idx]).unwrap().0 = tier.to_string();
        before += b;
    }
    out
}

#[test]
fn every_customer_gets_exactly_the_classes_the_spec_defines() {
    let env = Env::new();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let f = fixture(20_000, today);
    let mut customers = String::from("external_id,name\n");
    let mut orders = String::from("external_id,date,amount\n");
    for (i, ext) in f.customers.iter().enumerate() {
        let name = if i % 2 == 0 {
            format!("客户{i}")
        } else {
            format!("Customer {i}")
        };
        writeln!(customers, "{ext},{name}").unwrap();
        for (d, a) in &f.orders[ext] {
            writeln!(orders, "{ext},{d},{}.{:02}", a / 100, a % 100).unwrap();
        }
    }
    let c = env.write("customers.csv", customers.as_bytes());
    let o = env.write("orders.csv", orders.as_bytes());
    env.ok(&["import", s(&c)]);
    env.ok(&["import", s(&o)]);
    env.ok(&["classify"]);
    let listed = env.json(&["customer", "list", "--filter", "archived:any"]);
    let got: BTreeMap<String, (String, String, String)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("external_id"), (s("tier"), s("behavior"), s("stage")))
        })
        .collect();
    let want = expected(&f, today);
    assert_eq!(got.len(), want.len());
    let wrong: Vec<String> = want
        .iter()
        .filter(|(k, v)| got.get(*k) != Some(v))
        .take(20)
        .map(|(k, v)| format!("{k}: want {v:?}, got {:?}", got.get(k)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} customers differ, e.g.\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // The boundary cases, by name.
    let stage = |ext: &str| got[ext].2.as_str();
    assert_eq!(stage("X00000"), "active", "180 days");
    assert_eq!(stage("X00001"), "at_risk", "181 days");
    assert_eq!(stage("X00002"), "at_risk", "365 days");
    assert_eq!(stage("X00003"), "churned", "366 days");
    assert_eq!(stage("X00004"), "loyal", "five orders, first 365 days ago");
    assert_eq!(stage("X00005"), "active", "first order 364 days ago");
    assert_eq!(
        got["X00006"],
        ("C".into(), "inactive".into(), "potential".into()),
        "future orders are ignored"
    );
    assert_eq!(
        got["X00007"].1, "one_time",
        "an order exactly 365 days ago is outside the window"
    );
    assert_eq!(
        (got["X00008"].1.as_str(), got["X00009"].1.as_str()),
        ("frequent", "occasional")
    );
    for t in ["A", "B", "C"] {
        assert!(got.values().filter(|v| v.0 == t).count() > 100, "tier {t} is populated");
    }
}
