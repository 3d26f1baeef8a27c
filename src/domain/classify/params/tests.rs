//! Tests of the parameters: exact shares, the pinned stable text, the table, range and order checks, and
//! that no value in range can crash the engine.

use super::table::major_text;
use super::*;

#[test]
fn shares_compare_exactly_at_the_line() {
    let a = Share(800_000);
    assert!(!a.exceeds(80, 100), "80% is not under the 80% line");
    assert!(a.exceeds(79, 100));
    assert!(a.exceeds(7_999_999, 10_000_000));
    assert_eq!(Params::default().get("classify.a_share").as_deref(), Some("0.8"));
}

#[test]
fn defaults_are_the_spec_and_pass_their_own_check() {
    let p = Params::default();
    assert_eq!(
        (p.window_days, p.frequent_min, p.churn_days, p.at_risk_days),
        (365, 4, 365, 180)
    );
    assert_eq!((p.cadence.a, p.cadence.b, p.cadence.c, p.cadence.lead), (14, 30, 90, 7));
    p.check().unwrap();
    let bad = Params {
        a_share: Share(990_000),
        ..Params::default()
    };
    assert_eq!(bad.check().unwrap_err().field, "classify.a_share");
}

/// The stored fingerprint of the defaults. Changing it makes every existing database re-derive once
/// on open, so a refactor of the struct must not change it by accident.
const DEFAULTS_TEXT: &str = "\
cadence.A = 14
cadence.B = 30
cadence.C = 90
cadence.lead = 7
cadence.risk = 7
classify.a_min = 100000
classify.a_share = 0.8
classify.at_risk_days = 180
classify.b_min = 10000
classify.b_share = 0.95
classify.basis = revenue
classify.churn_days = 365
classify.churn_default_gap = 90
classify.churn_flag = 60
classify.clv_years = 3
classify.frequent_min = 4
classify.loyal_min_days = 365
classify.loyal_min_orders = 5
classify.method = pareto
classify.window_days = 365
";

#[test]
fn the_stable_text_of_the_defaults_is_pinned_and_is_the_fingerprint() {
    assert_eq!(Params::default().to_stable_text(), DEFAULTS_TEXT);
    assert_eq!(Params::default().fingerprint(), DEFAULTS_TEXT);
    assert_eq!(Params::from_stable_text(DEFAULTS_TEXT).unwrap(), Params::default());
}

#[test]
fn the_table_is_sorted_and_names_every_parameter_once() {
    let keys: Vec<&str> = Params::keys().collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(keys, sorted, "sorted, no key twice");
    // Setting each key to a distinct in-range value changes exactly one field: no two keys share a slot.
    let base = Params::default();
    let mut fingerprints = std::collections::BTreeSet::new();
    for key in Params::keys() {
        let mut p = base.clone();
        let other = match Param::find(key).unwrap().range {
            Range::OneOf(words) => words[1].to_string(),
            Range::Share => "0.9".to_string(),
            _ => "2".to_string(),
        };
        p.assign(key, &other).unwrap();
        assert_eq!(p.get(key).unwrap(), other, "{key}");
        assert_ne!(p, base, "{key} is stored somewhere");
        fingerprints.insert(p.to_stable_text());
    }
    assert_eq!(fingerprints.len(), TABLE.len());
    // The words offered are exactly the closed sets' spellings.
    let words = |key: &str| match Param::find(key).unwrap().range {
        Range::OneOf(w) => w.to_vec(),
        other => panic!("{key}: {other:?}"),
    };
    assert_eq!(
        words("classify.basis"),
        Basis::ALL.iter().map(|b| b.as_str()).collect::<Vec<_>>()
    );
    assert_eq!(
        words("classify.method"),
        Method::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>()
    );
}

#[test]
fn the_stable_text_round_trips_exactly() {
    let mut p = Params::default();
    for (k, v) in [
        ("classify.a_share", "0.123456"),
        ("classify.b_share", "1"),
        ("classify.a_min", "1234567.89"),
        ("classify.b_min", "0.05"),
        ("classify.clv_years", "2.718281828459045"),
        ("classify.basis", "profit"),
        ("classify.method", "threshold"),
        ("cadence.A", "3650"),
        ("classify.window_days", "36500"),
        ("classify.loyal_min_days", "0"),
    ] {
        p.set(k, v).unwrap();
        assert_eq!(p.get(k).unwrap(), v);
    }
    let text = p.to_stable_text();
    let back = Params::from_stable_text(&text).unwrap();
    assert_eq!(back, p);
    assert_eq!(back.to_stable_text(), text);
    assert_eq!(back.a_min, 123_456_789);
    assert_eq!(back.a_share, Share(123_456));
}

#[test]
fn the_stable_text_refuses_unknown_repeated_and_bad_keys() {
    let e = Params::from_stable_text("classify.window = 30\n").unwrap_err();
    assert_eq!(e.field, "classify.window");
    assert!(e.reason.contains("unknown setting"), "{}", e.reason);
    let e = Params::from_stable_text("cadence.A = 3\ncadence.A = 4\n").unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.reason.as_str()),
        ("cadence.A", "set twice (line 2)")
    );
    let e = Params::from_stable_text("cadence.A = 0\n").unwrap_err();
    assert_eq!(e.field, "cadence.A");
    assert!(Params::from_stable_text("just words\n").is_err());
    // A key the text does not name keeps its default.
    assert_eq!(Params::from_stable_text("").unwrap(), Params::default());
}

#[test]
fn set_checks_the_range_and_names_the_key() {
    let mut p = Params::default();
    let cases = [
        ("cadence.A", "100000000000", "100000000000 is too large: 1 to 3650 days"),
        (
            "classify.window_days",
            "100000000",
            "100000000 is too large: 1 to 36500 days",
        ),
        ("classify.window_days", "0", "0 is too small: 1 to 36500 days"),
        ("classify.window_days", "-5", "-5 is too small: 1 to 36500 days"),
        (
            "classify.window_days",
            "ten",
            "'ten' is not a whole number (1 to 36500 days)",
        ),
        (
            "classify.window_days",
            "99999999999999999999999999999999999999999",
            "is too large",
        ),
        (
            "classify.a_min",
            "99999999999999999",
            "99999999999999999 is too large: 0 to 1000000000000",
        ),
        ("classify.a_min", "1,000", "'1,000' is not an amount"),
        ("classify.a_min", "1.005", "more than 2 decimals"),
        ("classify.a_share", "1.5", "1.5 is too large: 0 to 1"),
        ("classify.a_share", "0.1234567", "more than 6 decimals"),
        ("classify.churn_flag", "300", "300 is too large: 1 to 100 points"),
        ("classify.clv_years", "NaN", "'NaN' is not a number"),
        ("classify.clv_years", "inf", "'inf' is not a number"),
        ("classify.clv_years", "101", "101 is too large: 0 to 100 years"),
        ("classify.basis", "margin", "'margin' is not one of: revenue, profit"),
        ("classify.frequent_min", "1", "1 is too small: 2 to 100000 orders"),
    ];
    for (key, value, why) in cases {
        let e = p.set(key, value).unwrap_err();
        assert_eq!(e.field, key, "{key} = {value}");
        assert!(e.reason.contains(why), "{key} = {value}: {}", e.reason);
        assert_eq!(p, Params::default(), "a refused value changes nothing");
    }
    let e = p.set("classify.nope", "1").unwrap_err();
    assert!(
        e.reason.starts_with("unknown setting; known: cadence.A"),
        "{}",
        e.reason
    );
    assert_eq!(p.get("classify.nope"), None);
}

#[test]
fn set_checks_the_other_parameters_and_names_the_key_being_set() {
    let mut p = Params::default();
    let e = p.set("classify.b_share", "0.5").unwrap_err();
    assert_eq!(
        e.to_string(),
        "classify.b_share: 0.5 must not be below classify.a_share (0.8)"
    );
    let e = p.set("classify.a_share", "0.99").unwrap_err();
    assert_eq!(
        e.to_string(),
        "classify.a_share: 0.99 must not be above classify.b_share (0.95)"
    );
    let e = p.set("classify.at_risk_days", "400").unwrap_err();
    assert_eq!(e.field, "classify.at_risk_days");
    let e = p.set("classify.a_min", "50").unwrap_err();
    assert_eq!(
        e.to_string(),
        "classify.a_min: 50 must not be below classify.b_min (10000)"
    );
    assert_eq!(p, Params::default());
    p.set("classify.b_share", "0.99").unwrap();
    p.set("classify.a_share", "0.99").unwrap();
    p.set("classify.basis", "Profit").unwrap();
    assert_eq!((p.a_share, p.basis), (Share(990_000), Basis::Profit));
    assert_eq!(p.get("classify.basis").as_deref(), Some("profit"));
}

#[test]
fn settings_list_every_key_with_value_range_and_doc() {
    let s = Params::default().settings();
    assert_eq!(s.len(), TABLE.len());
    let a_min = s.iter().find(|s| s.key == "classify.a_min").unwrap();
    assert_eq!(a_min.value, "100000");
    assert!(a_min.range.starts_with("0 to 1000000000000"), "{}", a_min.range);
    assert!(s.iter().all(|s| !s.doc.is_empty() && !s.range.is_empty()));
}

mod engine_in_range {
    //! Defect 7: no parameter value inside its documented range may crash the engine, whatever the data.
    use super::super::super::explain::{Context, reasons};
    use super::super::super::{Inputs, OrderFact, RankRow, finish, rank};
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// A value text inside `range`, the ends as likely as the middle.
    fn value_in(range: Range) -> BoxedStrategy<String> {
        match range {
            Range::Whole { min, max, .. } => prop_oneof![Just(min), Just(max), min..=max]
                .prop_map(|v| v.to_string())
                .boxed(),
            Range::Share => prop_oneof![Just(0u32), Just(Share::ONE), 0..=Share::ONE]
                .prop_map(|v| Share(v).text())
                .boxed(),
            Range::Money { max } => prop_oneof![Just(0), Just(max * 100), 0..=max * 100]
                .prop_map(major_text)
                .boxed(),
            Range::Real { min, max, .. } => prop_oneof![Just(min), Just(max), min..=max]
                .prop_map(|v| v.to_string())
                .boxed(),
            Range::OneOf(words) => proptest::sample::select(words).prop_map(str::to_string).boxed(),
        }
    }

    /// Parameters anywhere in their ranges, with the ordered pairs put in order.
    fn params() -> impl Strategy<Value = Params> {
        let each: Vec<BoxedStrategy<String>> = TABLE.iter().map(|p| value_in(p.range)).collect();
        each.prop_map(|texts| {
            let mut p = Params::default();
            for (param, text) in TABLE.iter().zip(&texts) {
                p.assign(param.key, text)
                    .expect("a value drawn from the range is accepted");
            }
            if p.a_share > p.b_share {
                std::mem::swap(&mut p.a_share, &mut p.b_share);
            }
            if p.b_min > p.a_min {
                std::mem::swap(&mut p.a_min, &mut p.b_min);
            }
            if p.at_risk_days > p.churn_days {
                std::mem::swap(&mut p.at_risk_days, &mut p.churn_days);
            }
            p
        })
    }

    fn date(n: i64) -> NaiveDate {
        super::super::super::shift_days(NaiveDate::from_ymd_opt(0, 1, 1).unwrap(), n)
    }

    /// One customer: orders, a last contact and a follow-up at day offsets from year 0.
    type Raw = (
        Vec<(i64, i64, Option<i64>)>,
        Option<i64>,
        Option<i64>,
        [u32; 4],
        Option<u8>,
    );

    fn customer() -> impl Strategy<Value = Raw> {
        let day = 0i64..3_652_425; // 0000-01-01 … 9999-12-31
        (
            proptest::collection::vec(
                (
                    day.clone(),
                    0i64..1_000_000_000,
                    proptest::option::of(0i64..1_000_000_000),
                ),
                0..6,
            ),
            proptest::option::of(day.clone()),
            proptest::option::of(day),
            proptest::array::uniform4(0u32..4),
            proptest::option::of(1u8..=5),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn every_value_in_range_classifies_and_explains_without_crashing(
            p in params(),
            today in prop_oneof![Just(0i64), Just(3_652_424), 0i64..3_652_425],
            raws in proptest::collection::vec(customer(), 1..6),
        ) {
            prop_assert!(p.check().is_ok(), "{:?}", p.check());
            prop_assert_eq!(Params::from_stable_text(&p.to_stable_text()).unwrap(), p.clone());
            let today = date(today);
            let inputs: Vec<Inputs> = raws
                .iter()
                .enumerate()
                .map(|(n, (orders, contact, followup, complaints, satisfaction))| {
                    let mut facts: Vec<OrderFact> = orders
                        .iter()
                        .map(|&(d, amount, cost)| OrderFact { date: date(d), amount, cost })
                        .collect();
                    facts.sort_by_key(|o| o.date);
                    let mut i = Inputs::new(n as i64 + 1, date(0));
                    i.set_orders(&facts, &p, today);
                    i.last_contact = contact.map(date).filter(|d| *d <= today);
                    i.contacts_total = u32::from(i.last_contact.is_some());
                    i.followup_due = followup.map(date);
                    i.open_complaints = *complaints;
                    i.last_satisfaction = *satisfaction;
                    i
                })
                .collect();
            let rows: Vec<RankRow> = inputs.iter().map(RankRow::from).collect();
            let (ranked, population) = rank(&rows, &p);
            let words = crate::i18n::I18n::new("en");
            let ctx = Context { params: &p, today, currency: "CNY", population, words: &words };
            for (i, r) in inputs.iter().zip(&ranked) {
                let c = finish(i, r, &p, today);
                prop_assert!(c.churn_risk <= 100);
                let _ = reasons(i, r, &c, &ctx);
            }
        }
    }
}
