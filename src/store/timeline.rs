//! A customer's timeline: orders, contacts, feedback and class changes, newest first. Each entry keeps
//! what happened as values, and is put into words through the locale tables (English for scripts).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Result, contacts, feedback, orders, stats};
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
    },
    /// A class changed (`field` as the history names it: tier, behavior, stage, rfm, segment, churn_flag).
    Class {
        field: String,
        old: Option<String>,
        new: Option<String>,
        trigger: String,
    },
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// A date or a UTC time; they sort together as text.
    pub at: String,
    /// `order`, `contact`, `feedback` or `class`.
    pub what: &'static str,
    /// The entry in English words (what `--json` and the CLI print).
    pub text: String,
    #[serde(skip)]
    pub happened: Happened,
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
                    ("trigger", trigger),
                ],
            ),
        }
    }
}

/// The newest `limit` events of a customer.
pub fn recent(conn: &Connection, id: CustomerId, limit: usize, today: NaiveDate, currency: &str) -> Result<Vec<Event>> {
    let mut ev: Vec<Event> = Vec::new();
    let mut push = |at: String, what: &'static str, happened: Happened| {
        let text = happened.describe(i18n::english(), currency);
        ev.push(Event {
            at,
            what,
            text,
            happened,
        });
    };
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
                trigger: c.trigger,
            },
        );
    }
    ev.sort_by(|a, b| b.at.cmp(&a.at));
    ev.truncate(limit);
    Ok(ev)
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
    }
}
