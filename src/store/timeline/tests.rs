//! The timeline's tests: wording in both languages, folding, old history rows, a write's stored cause.

use super::*;

#[test]
fn entries_read_in_either_language() {
    let contact = Happened::Contact {
        direction: Direction::Inbound,
        channel: Channel::Wechat,
        staff: "li.wei".into(),
        summary: Some("asked for {title}".into()),
    };
    assert_eq!(
        contact.describe(i18n::english(), "CNY"),
        "inbound WeChat by li.wei: asked for {title}"
    );
    assert_eq!(
        contact.describe(&I18n::new("zh"), "CNY"),
        "客户通过微信联系，li.wei 接待: asked for {title}"
    );
    let class = Happened::Class {
        field: "stage".into(),
        old: Some("active".into()),
        new: Some("at_risk".into()),
        trigger: "new day".into(),
    };
    assert_eq!(
        class.describe(i18n::english(), "CNY"),
        "stage active → at risk (new day)"
    );
    assert_eq!(
        class.describe(&I18n::new("zh"), "CNY"),
        "生命周期 活跃 → 风险（new day）"
    );
    let order = Happened::Order {
        id: 7,
        amount: 1_280_000,
        product: Some("台灯".into()),
    };
    assert_eq!(order.describe(&I18n::new("zh"), "CNY"), "#7 ¥12,800 — 台灯");
    let ordered = Happened::Class {
        field: "tier".into(),
        old: Some("B".into()),
        new: Some("A".into()),
        trigger: Trigger::OrderAdded(CustomerId(3)),
    };
    assert_eq!(
        ordered.describe(i18n::english(), "CNY"),
        "tier B → A (order added for customer 3)"
    );
    assert_eq!(
        ordered.describe(&I18n::new("zh"), "CNY"),
        "价值等级 B → A（为客户 3 添加订单）"
    );
}

fn class(at: &str, field: &str, old: &str, new: &str, trigger: Trigger) -> Event {
    let happened = Happened::Class {
        field: field.into(),
        old: Some(old.into()),
        new: Some(new.into()),
        trigger,
    };
    Event::new(at.into(), "class", happened, "CNY")
}

fn rerank(after: Trigger) -> Trigger {
    Trigger::Rerank(Box::new(after))
}

#[test]
fn a_days_re_rank_moves_fold_into_one_line_and_real_events_stay_apart() {
    let order = |c| Trigger::OrderAdded(CustomerId(c));
    // Newest first, as `recent` gives them; two of the writes in one second.
    let events = vec![
        class("2026-11-22T10:05:00Z", "rfm", "R3 F1 M2", "R3 F1 M1", rerank(order(7))),
        class("2026-11-22T10:05:00Z", "segment", "promising", "new", rerank(order(7))),
        class("2026-11-22T10:03:00Z", "rfm", "R4 F1 M2", "R3 F1 M2", rerank(order(8))),
        class("2026-11-22T10:03:00Z", "rfm", "R5 F1 M3", "R4 F1 M2", rerank(order(9))),
        class("2026-11-22T09:00:00Z", "tier", "B", "A", order(1)),
        class("2026-11-22T08:00:00Z", "rfm", "R5 F1 M4", "R5 F1 M3", rerank(order(6))),
        class("2026-11-22T08:00:00Z", "tier", "C", "B", rerank(order(6))),
        class("2026-11-21T08:00:00Z", "rfm", "R5 F1 M5", "R5 F1 M4", rerank(order(5))),
    ];
    let folded = fold(events.clone(), "CNY");
    let texts: Vec<&str> = folded.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "rfm R5 F1 M3 → R3 F1 M1, segment promising → new (3 moves as others' records re-ranked everyone)",
            "tier B → A (order added for customer 1)",
            "rfm R5 F1 M4 → R5 F1 M3 (re-rank after: order added for customer 6)",
            "tier C → B (re-rank after: order added for customer 6)",
            "rfm R5 F1 M5 → R5 F1 M4 (re-rank after: order added for customer 5)",
        ]
    );
    assert_eq!(folded[0].at, "2026-11-22T10:05:00Z");
    assert_eq!(
        folded[0].happened.describe(&I18n::new("zh"), "CNY"),
        "RFM R5 F1 M3 → R3 F1 M1，RFM 分群 有潜力 → 新客户（他人的记录引起重新排名，变动 3 次）"
    );
    // Nothing to fold: the entries stay as they were.
    assert_eq!(fold(events[4..5].to_vec(), "CNY"), events[4..5].to_vec());
}

fn store_on(dir: &std::path::Path) -> super::super::Store {
    super::super::Store::open(super::super::Options {
        path: dir.join("t.db"),
        user: "li.wei".into(),
        today: NaiveDate::from_ymd_opt(2026, 11, 22).expect("a day"),
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(5),
        access: super::super::Access {
            today_given: true,
            ..Default::default()
        },
    })
    .expect("a store")
}

#[test]
fn rows_from_before_causes_were_stored_are_read_from_their_words_or_shown_as_written() {
    let dir = tempfile::tempdir().expect("a directory");
    let mut s = store_on(dir.path());
    let c = s
        .write(Trigger::CustomerAdded, |w| {
            super::super::customers::add(
                w,
                crate::domain::customer::CustomerPatch {
                    name: Some("王芳".into()),
                    ..Default::default()
                },
            )
        })
        .expect("added");
    // As an older build wrote them: English words and no cause.
    s.conn()
        .execute_batch(&format!(
            "INSERT INTO tier_history (customer_id, at, field, old, new, reason, trigger, staff) VALUES \
             ({id}, '2026-11-20T08:00:00Z', 'tier', 'B', 'A', 'r', 're-rank after: order added for customer 2', 'li.wei'), \
             ({id}, '2026-11-21T08:00:00Z', 'stage', 'active', 'loyal', 'r', 'fixed by hand ' || char(27) || '[2J', 'li.wei');",
            id = c.id
        ))
        .expect("old rows");
    let ev = recent(s.conn(), c.id, 10, s.today, "CNY").expect("timeline");
    let zh = I18n::new("zh");
    // Shown as the interface shows text from data: escaped.
    let said: Vec<String> = ev
        .iter()
        .map(|e| crate::text::sanitize(&e.happened.describe(&zh, "CNY")))
        .collect();
    assert_eq!(
        said,
        [
            "生命周期 活跃 → 忠诚（fixed by hand \\x1b[2J）",
            "价值等级 B → A（为客户 2 添加订单后重新排名）",
        ]
    );
    // Scripts read the words as before, and the cause as a value.
    assert_eq!(ev[1].text, "tier B → A (re-rank after: order added for customer 2)");
    assert_eq!(
        ev[1].cause.as_ref().map(|v| v.to_string()).as_deref(),
        Some(r#"{"after":{"customer":2,"op":"order_added"},"op":"rerank"}"#)
    );
}

#[test]
fn a_write_stores_its_cause_beside_its_words() {
    let dir = tempfile::tempdir().expect("a directory");
    let mut s = store_on(dir.path());
    let c = s
        .write(Trigger::CustomerAdded, |w| {
            super::super::customers::add(
                w,
                crate::domain::customer::CustomerPatch {
                    name: Some("王芳".into()),
                    ..Default::default()
                },
            )
        })
        .expect("added");
    s.write(Trigger::CustomerEdited(c.id), |w| {
        w.touch(c.id);
        super::super::orders::add(
            w,
            crate::domain::order::NewOrder {
                customer_id: c.id,
                date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("a day"),
                amount: 50_000,
                cost: None,
                product: None,
            },
        )
    })
    .expect("an order");
    let rows: Vec<(String, Option<String>)> = s
        .conn()
        .prepare("SELECT trigger, cause FROM tier_history WHERE customer_id = ?1")
        .and_then(|mut st| st.query_map([c.id.0], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("history");
    assert!(!rows.is_empty());
    for (words, cause) in rows {
        assert_eq!(words, format!("customer {} edited", c.id));
        assert_eq!(
            cause,
            Some(format!(r#"{{"customer":{},"op":"customer_edited"}}"#, c.id))
        );
    }
}
