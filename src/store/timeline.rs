//! A customer's timeline: orders and their returns, contacts, feedback and class changes, newest first. Each entry keeps
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
    /// A refund or return against an order.
    Return {
        order: i64,
        amount: i64,
        reason: Option<String>,
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
    /// `order`, `return`, `contact`, `feedback` or `class`.
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
            Happened::Return { order, amount, reason } => format!(
                "{}{}",
                words.f(
                    "event.return",
                    &[
                        ("order", &order.to_string()),
                        ("amount", &money::format(*amount, currency))
                    ]
                ),
                then(reason, " — ")
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
    for r in orders::returns_of(conn, id, limit)? {
        push(
            r.date.to_string(),
            "return",
            Happened::Return {
                order: r.order_id.0,
                amount: r.amount,
                reason: r.reason,
            },
        );
    }
    for c in contacts::list(conn, Some(id), Some(limit))? {
        push(
            crate::domain::dates::format_datetime(c.at),
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
            crate::domain::dates::format_datetime(fb.received_at),
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
mod tests;
