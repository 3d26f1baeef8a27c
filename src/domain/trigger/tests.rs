//! The causes' tests: every variant through its stable form and its words, in both languages.

use super::*;

/// One of each cause. The match below has no catch-all, so a new variant does not compile until it is
/// listed here too, and so every test below covers it.
pub(crate) fn one_of_each() -> Vec<Trigger> {
    let c = CustomerId(3);
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("a day");
    let all = vec![
        Trigger::CustomerAdded,
        Trigger::CustomerEdited(c),
        Trigger::CustomerArchived(c),
        Trigger::CustomerRestored(c),
        Trigger::OrderAdded(c),
        Trigger::OrderEdited(OrderId(7)),
        Trigger::OrderVoided(OrderId(7)),
        Trigger::OrderReturned(OrderId(7)),
        Trigger::ContactLogged(c),
        Trigger::ContactEdited(ContactId(5)),
        Trigger::ContactDeleted(ContactId(5)),
        Trigger::FeedbackAdded(c),
        Trigger::FeedbackUpdated(FeedbackId(9)),
        Trigger::FeedbackEdited(FeedbackId(9)),
        Trigger::FollowupAdded(c),
        Trigger::FollowupDone(FollowupId(9)),
        Trigger::FollowupSnoozed(FollowupId(9)),
        Trigger::CustomerSnoozed(c),
        Trigger::CustomerReviewed(c),
        Trigger::ClassifyAll,
        Trigger::FirstClassification,
        Trigger::DateMoved {
            from: day(21),
            to: day(22),
        },
        Trigger::ParamsChanged,
        Trigger::SettingChanged {
            key: "window_days".into(),
            old: "365".into(),
            new: "180".into(),
        },
        Trigger::Import {
            file: "订单 2026.csv".into(),
        },
        Trigger::DemoData,
        Trigger::Preview,
        Trigger::Opened,
        Trigger::Rerank(Box::new(Trigger::OrderAdded(CustomerId(5)))),
        Trigger::Said("imported by hand".into()),
    ];
    for t in &all {
        match t {
            Trigger::CustomerAdded
            | Trigger::CustomerEdited(_)
            | Trigger::CustomerArchived(_)
            | Trigger::CustomerRestored(_)
            | Trigger::OrderAdded(_)
            | Trigger::OrderEdited(_)
            | Trigger::OrderVoided(_)
            | Trigger::OrderReturned(_)
            | Trigger::ContactLogged(_)
            | Trigger::ContactEdited(_)
            | Trigger::ContactDeleted(_)
            | Trigger::FeedbackAdded(_)
            | Trigger::FeedbackUpdated(_)
            | Trigger::FeedbackEdited(_)
            | Trigger::FollowupAdded(_)
            | Trigger::FollowupDone(_)
            | Trigger::FollowupSnoozed(_)
            | Trigger::CustomerSnoozed(_)
            | Trigger::CustomerReviewed(_)
            | Trigger::ClassifyAll
            | Trigger::FirstClassification
            | Trigger::DateMoved { .. }
            | Trigger::ParamsChanged
            | Trigger::SettingChanged { .. }
            | Trigger::Import { .. }
            | Trigger::DemoData
            | Trigger::Preview
            | Trigger::Opened
            | Trigger::Rerank(_)
            | Trigger::Said(_) => {}
        }
    }
    all
}

#[test]
fn every_cause_survives_its_stored_form_and_its_english_words_and_reads_in_both_languages() {
    let zh = i18n::chinese();
    for t in one_of_each() {
        let stored = t.to_cause();
        assert_eq!(Trigger::from_cause(&stored).as_ref(), Some(&t), "{stored}");
        let en = t.english();
        assert_eq!(Trigger::from_words(&en), t, "{en}");
        let (op, _) = t.parts();
        let key = format!("cause.{op}");
        assert!(
            i18n::english().get(&key).is_some() && zh.get(&key).is_some(),
            "{key} in both locales"
        );
        let cn = t.words(zh);
        assert!(!cn.contains("cause.") && !cn.contains('{'), "{cn}");
        if !matches!(t, Trigger::Said(_)) {
            assert_ne!(cn, en, "{op} is not translated");
        }
    }
}

/// The words are stored in every history row and quoted by `--json` and scripts: they stay as they
/// were when each front end wrote its own.
#[test]
fn the_english_words_are_those_history_has_always_stored() {
    let c = CustomerId(3);
    for (trigger, words) in [
        (Trigger::CustomerAdded, "customer added"),
        (Trigger::CustomerEdited(c), "customer 3 edited"),
        (Trigger::OrderAdded(c), "order added for customer 3"),
        (Trigger::FollowupSnoozed(FollowupId(9)), "follow-up 9 snoozed"),
        (Trigger::ClassifyAll, "tiercrm classify"),
        (Trigger::FirstClassification, "first classification"),
        (Trigger::ParamsChanged, "classification parameters changed"),
        (Trigger::DemoData, "demo data"),
        (
            Trigger::Rerank(Box::new(Trigger::ContactLogged(c))),
            "re-rank after: contact logged for customer 3",
        ),
        (
            Trigger::DateMoved {
                from: NaiveDate::from_ymd_opt(2026, 11, 21).expect("a day"),
                to: NaiveDate::from_ymd_opt(2026, 11, 22).expect("a day"),
            },
            "date moved from 2026-11-21 to 2026-11-22",
        ),
        (
            Trigger::SettingChanged {
                key: "window_days".into(),
                old: "365".into(),
                new: "180".into(),
            },
            "setting window_days changed from 365 to 180",
        ),
        (Trigger::Import { file: "a.csv".into() }, "import a.csv"),
    ] {
        assert_eq!(trigger.to_string(), words);
    }
}

#[test]
fn the_stable_form_is_small_and_names_its_parts() {
    assert_eq!(
        Trigger::OrderAdded(CustomerId(3)).to_cause(),
        r#"{"customer":3,"op":"order_added"}"#
    );
    assert_eq!(
        Trigger::Rerank(Box::new(Trigger::FeedbackUpdated(FeedbackId(4)))).to_cause(),
        r#"{"after":{"feedback":4,"op":"feedback_updated"},"op":"rerank"}"#
    );
}

#[test]
fn words_that_only_look_like_a_cause_are_kept_as_said() {
    for text in [
        "customer 3x edited",
        "order added for customer ",
        "date moved from yesterday to 2026-11-22",
        "re-rank after",
        "add",
        "",
    ] {
        assert_eq!(Trigger::from_words(text), Trigger::Said(text.into()), "{text:?}");
    }
    // Words inside a re-rank are read as words too.
    assert_eq!(
        Trigger::from_words("re-rank after: new day"),
        Trigger::Rerank(Box::new(Trigger::Said("new day".into())))
    );
}

#[test]
fn an_unknown_or_broken_stored_form_is_not_a_cause() {
    for text in [
        r#"{"op":"teleported","customer":3}"#,
        r#"{"op":"order_added"}"#,
        r#"{"op":"order_added","customer":"3"}"#,
        r#"{"op":"rerank","after":{"op":"nope"}}"#,
        "order added",
        "",
    ] {
        assert_eq!(Trigger::from_cause(text), None, "{text}");
    }
}
