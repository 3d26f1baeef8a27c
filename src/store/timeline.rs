//! A customer's timeline: orders, contacts, feedback and class changes, newest first. Each entry keeps
//! what happened as values, and is put into words through the locale tables (English for scripts).
//! For reading, [`fold`] puts the moves that others' writes caused by re-ranking everyone into one line.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Result, contacts, feedback, orders, stats};
use crate::domain::trigger::Trigger;
use crate::domain::{Channel, CustomerId, Direction, FeedbackKind, FeedbackStatus, Priority, money};
use crate::i18n::{self, I18n};

/// What happened, as values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happened {
    Order {
        id: i64,
        amount: i64,
        product: Option<String>,
    },
    Contact {
        direction: Direction,
        channel: Channel,
        staff: String,
        summary: Option<String>,
    },
    Feedback {
        id: i64,
        priority: Priority,
        kind: FeedbackKind,
        status: FeedbackStatus,
        title: String,
        body: Option<String>,
    },
    /// A class changed (`field` as the history names it: tier, behavior, stage, rfm, segment, churn_flag).
    Class {
        field: String,
        old: Option<String>,
        new: Option<String>,
        trigger: Trigger,
    },
    /// Several writes of other customers on one day moved this one's RFM score (and segment) by re-ranking
    /// everyone: each field's first old and last new value, and how many writes moved them.
    Reranked { moves: usize, changes: Vec<Change> },
}

/// One field's move: (field, old, new).
pub type Change = (String, Option<String>, Option<String>);

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// A date or a UTC time; they sort together as text.
    pub at: String,
    /// `order`, `contact`, `feedback` or `class`.
    pub what: &'static str,
    /// The entry in English words (what `--json` and the CLI print).
    pub text: String,
    /// A feedback item's body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// What caused a class change, in its stable form (`{"customer":3,"op":"order_added"}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<serde_json::Value>,
    #[serde(skip)]
    pub happened: Happened,
}

impl Event {
    fn new(at: String, what: &'static str, happened: Happened, currency: &str) -> Event {
        let (body, cause) = match &happened {
            Happened::Feedback { body, .. } => (body.clone(), None),
            Happened::Class { trigger, .. } => (None, Some(trigger.to_value())),
            _ => (None, None),
        };
        Event {
            text: happened.describe(i18n::english(), currency),
            at,
            what,
            body,
            cause,
            happened,
        }
    }
}

/// A class value in words: stages, behaviors and segments through their locale keys.
fn class_value(words: &I18n, field: &str, v: &Option<String>) -> String {
    let Some(v) = v else { return "-".into() };
    let prefix = match field {
        "stage" => "stage",
        "behavior" => "behavior",
        "segment" => "segment",
        "churn_flag" => "flag",
        _ => return v.clone(),
    };
    words.t(&format!("{prefix}.{v}")).to_string()
}

impl Happened {
    /// The entry in the words of `words`; money in `currency`.
    pub fn describe(&self, words: &I18n, currency: &str) -> String {
        let then = |s: &Option<String>, sep: &str| s.as_ref().map(|s| format!("{sep}{s}")).unwrap_or_default();
        match self {
            Happened::Order { id, amount, product } => format!(
                "{}{}",
                words.f(
                    "event.order",
                    &[("id", &id.to_string()), ("amount", &money::format(*amount, currency))]
                ),
                then(product, " — ")
            ),
            Happened::Contact {
                direction,
                channel,
                staff,
                summary,
            } => format!(
                "{}{}",
                words.f(
                    &format!("event.contact.{direction}"),
                    &[("channel", words.t(&format!("channel.{channel}"))), ("staff", staff)]
                ),
                then(summary, ": ")
            ),
            Happened::Feedback {
                id,
                priority,
                kind,
                status,
                title,
                ..
            } => words.f(
                "event.feedback",
                &[
                    ("id", &id.to_string()),
                    ("priority", &priority.to_string()),
                    ("kind", words.t(&format!("fbkind.{kind}"))),
                    ("status", words.t(&format!("status.{status}"))),
                    ("title", title),
                ],
            ),
            Happened::Class {
                field,
                old,
                new,
                trigger,
            } => words.f(
                "event.class",
                &[
                    ("field", words.t(&format!("class.{field}"))),
                    ("old", &class_value(words, field, old)),
                    ("new", &class_value(words, field, new)),
                    ("trigger", &trigger.words(words)),
                ],
            ),
            Happened::Reranked { moves, changes } => {
                let changes: Vec<String> = changes
                    .iter()
                    .map(|(field, old, new)| {
                        words.f(
                            "event.change",
                            &[
                                ("field", words.t(&format!("class.{field}"))),
                                ("old", &class_value(words, field, old)),
                                ("new", &class_value(words, field, new)),
                            ],
                        )
                    })
                    .collect();
                words.f(
                    "event.reranked",
                    &[
                        ("changes", &changes.join(words.t("event.change.sep"))),
                        ("moves", &moves.to_string()),
                    ],
                )
            }
        }
    }
}

/// The newest `limit` events of a customer.
pub fn recent(conn: &Connection, id: CustomerId, limit: usize, today: NaiveDate, currency: &str) -> Result<Vec<Event>> {
    let mut ev: Vec<Event> = Vec::new();
    let mut push =
        |at: String, what: &'static str, happened: Happened| ev.push(Event::new(at, what, happened, currency));
    for o in orders::list(conn, Some(id), Some(limit))? {
        push(
            o.date.to_string(),
            "order",
            Happened::Order {
                id: o.id.0,
                amount: o.amount,
                product: o.product,
            },
        );
    }
    for c in contacts::list(conn, Some(id), Some(limit))? {
        push(
            c.at,
            "contact",
            Happened::Contact {
                direction: c.direction,
                channel: c.channel,
                staff: c.staff,
                summary: c.summary,
            },
        );
    }
    for f in feedback::list(conn, Some(id), false, Some(limit), today)? {
        let fb = f.feedback;
        push(
            fb.received_at,
            "feedback",
            Happened::Feedback {
                id: fb.id.0,
                priority: f.priority,
                kind: fb.kind,
                status: fb.status,
                title: fb.title,
                body: fb.body,
            },
        );
    }
    for c in stats::class_changes(conn, id, limit)? {
        push(
            c.at,
            "class",
            Happened::Class {
                field: c.field,
                old: c.old,
                new: c.new,
                trigger: c.cause,
            },
        );
    }
    ev.sort_by(|a, b| b.at.cmp(&a.at));
    ev.truncate(limit);
    Ok(ev)
}

/// The newest `limit` entries for reading, re-rank moves folded ([`fold`]); enough rows are read that the
/// folded ones do not crowd out the rest.
pub fn folded(conn: &Connection, id: CustomerId, limit: usize, today: NaiveDate, currency: &str) -> Result<Vec<Event>> {
    let mut ev = fold(recent(conn, id, limit.saturating_mul(4), today, currency)?, currency);
    ev.truncate(limit);
    Ok(ev)
}

/// Whether a class change only moved the RFM score or segment because another customer's write re-ranked
/// everyone: nothing this customer did, and many of them follow one real event.
fn rerank_only(e: &Event) -> bool {
    matches!(&e.happened, Happened::Class { field, trigger, .. }
        if trigger.is_rerank() && matches!(field.as_str(), "rfm" | "segment"))
}

/// Puts each run of re-rank-only moves on one local day (newest first, as [`recent`] gives them) into one
/// entry when it holds more than one write; everything else stays as it is.
pub fn fold(events: Vec<Event>, currency: &str) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut run: Vec<Event> = Vec::new();
    let flush = |run: &mut Vec<Event>, out: &mut Vec<Event>| {
        // A write moves the score at most once (and the segment only with it); two writes may share a second.
        let count = |f: &str| {
            run.iter()
                .filter(|e| matches!(&e.happened, Happened::Class { field, .. } if field == f))
                .count()
        };
        let moves = count("rfm").max(count("segment"));
        if moves < 2 {
            out.append(run);
            return;
        }
        // Newest first: a field's new value is its first row's, its old value its last row's.
        let mut changes: Vec<Change> = Vec::new();
        for e in run.iter() {
            if let Happened::Class { field, old, new, .. } = &e.happened {
                match changes.iter_mut().find(|c| &c.0 == field) {
                    Some(c) => c.1 = old.clone(),
                    None => changes.push((field.clone(), old.clone(), new.clone())),
                }
            }
        }
        changes.sort_by_key(|c| c.0 != "rfm");
        let at = run[0].at.clone();
        run.clear();
        out.push(Event::new(at, "class", Happened::Reranked { moves, changes }, currency));
    };
    for e in events {
        let same_day = run
            .first()
            .is_none_or(|r| super::clock::show_date(&r.at) == super::clock::show_date(&e.at));
        if rerank_only(&e) && same_day {
            run.push(e);
            continue;
        }
        flush(&mut run, &mut out);
        if rerank_only(&e) {
            run.push(e);
        } else {
            out.push(e);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
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
}
