//! What caused a write, as a value: stored with each history row it leads to as a small stable JSON
//! (`tier_history.cause`, e.g. `{"customer":3,"op":"order_added"}`, keys sorted), worded in either language through
//! the locale tables (`cause.<op>`), and in English as the `trigger` column and `--json` have always said it.
//!
//! To add a cause: a variant, one line in [`Trigger::parts`], one in [`Trigger::from_parts`], and its
//! words (`cause.<op>`, with the same `{names}` as its parts) in both locale files.

use std::fmt;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::domain::dates::parse_ymd;
use crate::domain::{ContactId, CustomerId, FeedbackId, FollowupId, OrderId};
use crate::i18n::{self, I18n};

/// What caused a write. Each front end words it in its own language; the store keeps its stable form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    CustomerAdded,
    CustomerEdited(CustomerId),
    CustomerArchived(CustomerId),
    CustomerRestored(CustomerId),
    OrderAdded(CustomerId),
    OrderEdited(OrderId),
    OrderVoided(OrderId),
    OrderReturned(OrderId),
    ContactLogged(CustomerId),
    ContactEdited(ContactId),
    ContactDeleted(ContactId),
    FeedbackAdded(CustomerId),
    FeedbackUpdated(FeedbackId),
    FeedbackEdited(FeedbackId),
    FollowupAdded(CustomerId),
    FollowupDone(FollowupId),
    FollowupSnoozed(FollowupId),
    /// Held back until a day (review mode's `z`, `followup snooze --customer`).
    CustomerSnoozed(CustomerId),
    /// Marked done without a contact: the cadence restarts from the day.
    CustomerReviewed(CustomerId),
    /// Everyone re-derived on request.
    ClassifyAll,
    /// A file's first derivation.
    FirstClassification,
    /// The stored classes were another day's.
    DateMoved {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// The stored classes were derived under other parameters.
    ParamsChanged,
    /// A rule of the file changed (`tiercrm set`).
    SettingChanged {
        key: String,
        old: String,
        new: String,
    },
    /// A file imported (its name).
    Import {
        file: String,
    },
    /// The demo data set loaded.
    DemoData,
    /// A look at another date, which stores nothing.
    Preview,
    /// Opening a file brings its classes to today (history comes from the derivation's own cause).
    Opened,
    /// Another customer's write moved this one in the ranking.
    Rerank(Box<Trigger>),
    /// Words that name no known cause (rows from before causes were stored, a caller's own words): kept
    /// as they were written.
    Said(String),
}

/// One part of a cause, as its stable form and its words take it.
enum Part<'a> {
    Id(i64),
    Text(&'a str),
    Date(NaiveDate),
    Cause(&'a Trigger),
}

/// Where [`Trigger::from_parts`] reads the parts from: the stable JSON, or English words matched against
/// their template.
enum Parts<'a> {
    Json(&'a Map<String, Value>),
    Words(&'a [(String, String)]),
}

impl Parts<'_> {
    fn text(&self, name: &str) -> Option<String> {
        match self {
            Parts::Json(m) => m.get(name)?.as_str().map(str::to_string),
            Parts::Words(w) => w.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()),
        }
    }

    fn id(&self, name: &str) -> Option<i64> {
        match self {
            Parts::Json(m) => m.get(name)?.as_i64(),
            Parts::Words(_) => self.text(name)?.parse().ok(),
        }
    }

    fn date(&self, name: &str) -> Option<NaiveDate> {
        parse_ymd(&self.text(name)?)
    }

    fn cause(&self, name: &str) -> Option<Trigger> {
        match self {
            Parts::Json(m) => Trigger::from_value(m.get(name)?),
            Parts::Words(_) => Some(Trigger::from_words(&self.text(name)?)),
        }
    }
}

impl Trigger {
    /// The stable name of the cause and its named parts: the one match from value to form.
    fn parts(&self) -> (&'static str, Vec<(&'static str, Part<'_>)>) {
        use Part::{Cause, Date, Id, Text};
        use Trigger as T;
        match self {
            T::CustomerAdded => ("customer_added", vec![]),
            T::CustomerEdited(c) => ("customer_edited", vec![("customer", Id(c.0))]),
            T::CustomerArchived(c) => ("customer_archived", vec![("customer", Id(c.0))]),
            T::CustomerRestored(c) => ("customer_restored", vec![("customer", Id(c.0))]),
            T::OrderAdded(c) => ("order_added", vec![("customer", Id(c.0))]),
            T::OrderEdited(o) => ("order_edited", vec![("order", Id(o.0))]),
            T::OrderVoided(o) => ("order_voided", vec![("order", Id(o.0))]),
            T::OrderReturned(o) => ("order_returned", vec![("order", Id(o.0))]),
            T::ContactLogged(c) => ("contact_logged", vec![("customer", Id(c.0))]),
            T::ContactEdited(c) => ("contact_edited", vec![("contact", Id(c.0))]),
            T::ContactDeleted(c) => ("contact_deleted", vec![("contact", Id(c.0))]),
            T::FeedbackEdited(f) => ("feedback_edited", vec![("feedback", Id(f.0))]),
            T::FeedbackAdded(c) => ("feedback_added", vec![("customer", Id(c.0))]),
            T::FeedbackUpdated(f) => ("feedback_updated", vec![("feedback", Id(f.0))]),
            T::FollowupAdded(c) => ("followup_added", vec![("customer", Id(c.0))]),
            T::FollowupDone(f) => ("followup_done", vec![("followup", Id(f.0))]),
            T::FollowupSnoozed(f) => ("followup_snoozed", vec![("followup", Id(f.0))]),
            T::CustomerSnoozed(c) => ("customer_snoozed", vec![("customer", Id(c.0))]),
            T::CustomerReviewed(c) => ("customer_reviewed", vec![("customer", Id(c.0))]),
            T::ClassifyAll => ("classify_all", vec![]),
            T::FirstClassification => ("first_classification", vec![]),
            T::DateMoved { from, to } => ("date_moved", vec![("from", Date(*from)), ("to", Date(*to))]),
            T::ParamsChanged => ("params_changed", vec![]),
            T::SettingChanged { key, old, new } => (
                "setting_changed",
                vec![("key", Text(key)), ("old", Text(old)), ("new", Text(new))],
            ),
            T::Import { file } => ("import", vec![("file", Text(file))]),
            T::DemoData => ("demo_data", vec![]),
            T::Preview => ("preview", vec![]),
            T::Opened => ("opened", vec![]),
            T::Rerank(after) => ("rerank", vec![("after", Cause(after))]),
            T::Said(words) => ("said", vec![("words", Text(words))]),
        }
    }

    /// The cause named `op` from its parts: the one match from form to value (`None` when the name is
    /// unknown or a part is missing or of the wrong kind).
    fn from_parts(op: &str, p: &Parts<'_>) -> Option<Trigger> {
        use Trigger as T;
        let customer = || p.id("customer").map(CustomerId);
        Some(match op {
            "customer_added" => T::CustomerAdded,
            "customer_edited" => T::CustomerEdited(customer()?),
            "customer_archived" => T::CustomerArchived(customer()?),
            "customer_restored" => T::CustomerRestored(customer()?),
            "order_added" => T::OrderAdded(customer()?),
            "order_edited" => T::OrderEdited(OrderId(p.id("order")?)),
            "order_voided" => T::OrderVoided(OrderId(p.id("order")?)),
            "order_returned" => T::OrderReturned(OrderId(p.id("order")?)),
            "contact_logged" => T::ContactLogged(customer()?),
            "contact_edited" => T::ContactEdited(ContactId(p.id("contact")?)),
            "contact_deleted" => T::ContactDeleted(ContactId(p.id("contact")?)),
            "feedback_edited" => T::FeedbackEdited(FeedbackId(p.id("feedback")?)),
            "feedback_added" => T::FeedbackAdded(customer()?),
            "feedback_updated" => T::FeedbackUpdated(FeedbackId(p.id("feedback")?)),
            "followup_added" => T::FollowupAdded(customer()?),
            "followup_done" => T::FollowupDone(FollowupId(p.id("followup")?)),
            "followup_snoozed" => T::FollowupSnoozed(FollowupId(p.id("followup")?)),
            "customer_snoozed" => T::CustomerSnoozed(customer()?),
            "customer_reviewed" => T::CustomerReviewed(customer()?),
            "classify_all" => T::ClassifyAll,
            "first_classification" => T::FirstClassification,
            "date_moved" => T::DateMoved {
                from: p.date("from")?,
                to: p.date("to")?,
            },
            "params_changed" => T::ParamsChanged,
            "setting_changed" => T::SettingChanged {
                key: p.text("key")?,
                old: p.text("old")?,
                new: p.text("new")?,
            },
            "import" => T::Import { file: p.text("file")? },
            "demo_data" => T::DemoData,
            "preview" => T::Preview,
            "opened" => T::Opened,
            "rerank" => T::Rerank(Box::new(p.cause("after")?)),
            "said" => T::Said(p.text("words")?),
            _ => return None,
        })
    }

    /// The stable form: `{"op": name, part: value, …}` with its keys sorted, ids as numbers, dates as
    /// `YYYY-MM-DD`, a cause inside a cause as its own stable form.
    pub fn to_value(&self) -> Value {
        let (op, parts) = self.parts();
        let mut m = Map::new();
        m.insert("op".into(), Value::from(op));
        for (name, part) in parts {
            let v = match part {
                Part::Id(n) => Value::from(n),
                Part::Text(t) => Value::from(t),
                Part::Date(d) => Value::from(d.to_string()),
                Part::Cause(t) => t.to_value(),
            };
            m.insert(name.into(), v);
        }
        Value::Object(m)
    }

    /// The stable form as the text stored in `tier_history.cause`.
    pub fn to_cause(&self) -> String {
        self.to_value().to_string()
    }

    /// The cause from its stable form; `None` when it is not one this build knows.
    pub fn from_value(v: &Value) -> Option<Trigger> {
        let m = v.as_object()?;
        Trigger::from_parts(m.get("op")?.as_str()?, &Parts::Json(m))
    }

    /// The cause from the text stored in `tier_history.cause`.
    pub fn from_cause(text: &str) -> Option<Trigger> {
        Trigger::from_value(&serde_json::from_str(text).ok()?)
    }

    /// The cause that English words name, as history stored them before causes were (`order added for
    /// customer 3`): the first known form whose words match and say exactly these words again; anything
    /// else is [`Trigger::Said`], kept as written.
    pub fn from_words(text: &str) -> Trigger {
        let en = i18n::english();
        let mut forms: Vec<(&str, &str)> = en
            .keys_with("cause.")
            .into_iter()
            .filter_map(|k| Some((k.strip_prefix("cause.")?, en.get(k)?)))
            .collect();
        // The form with the most fixed words first, so that `said` (all placeholder) is the last resort.
        forms.sort_by_key(|(op, template)| (std::cmp::Reverse(fixed_len(template)), *op));
        forms
            .into_iter()
            .filter(|(op, _)| *op != "said")
            .filter_map(|(op, template)| {
                let parts = match_template(template, text)?;
                Trigger::from_parts(op, &Parts::Words(&parts))
            })
            .find(|t| t.english() == text)
            .unwrap_or_else(|| Trigger::Said(text.to_string()))
    }

    /// The cause in `words`' language.
    pub fn words(&self, words: &I18n) -> String {
        let (op, parts) = self.parts();
        let values: Vec<(&str, String)> = parts
            .into_iter()
            .map(|(name, part)| {
                let v = match part {
                    Part::Id(n) => n.to_string(),
                    Part::Text(t) => t.to_string(),
                    Part::Date(d) => d.to_string(),
                    Part::Cause(t) => t.words(words),
                };
                (name, v)
            })
            .collect();
        let args: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        words.f(&format!("cause.{op}"), &args)
    }

    /// The cause in English: the words of the `trigger` column and of `--json`.
    pub fn english(&self) -> String {
        self.words(i18n::english())
    }

    /// True for a move caused by someone else's write re-ranking everyone.
    pub fn is_rerank(&self) -> bool {
        matches!(self, Trigger::Rerank(_))
    }
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// Words as a caller wrote them: the cause they name, else kept as said.
impl From<&str> for Trigger {
    fn from(text: &str) -> Trigger {
        Trigger::from_words(text)
    }
}

impl From<&String> for Trigger {
    fn from(text: &String) -> Trigger {
        Trigger::from_words(text)
    }
}

/// How much of a template is fixed text (outside `{name}` placeholders).
fn fixed_len(template: &str) -> usize {
    let mut n = 0;
    let mut inside = false;
    for c in template.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            _ if !inside => n += 1,
            _ => {}
        }
    }
    n
}

/// The placeholders' values when `text` has the template's shape (each placeholder takes the shortest
/// text up to the next fixed words; the last one takes the rest).
fn match_template(template: &str, text: &str) -> Option<Vec<(String, String)>> {
    let mut parts = Vec::new();
    let mut rest = text;
    let mut tpl = template;
    loop {
        let Some(open) = tpl.find('{') else {
            return (rest == tpl).then_some(parts);
        };
        rest = rest.strip_prefix(&tpl[..open])?;
        let close = open + tpl[open..].find('}')?;
        let name = &tpl[open + 1..close];
        tpl = &tpl[close + 1..];
        let until = tpl.find('{').unwrap_or(tpl.len());
        let fixed = &tpl[..until];
        let value = if fixed.is_empty() {
            std::mem::take(&mut rest)
        } else {
            let at = rest.find(fixed)?;
            let (v, r) = rest.split_at(at);
            rest = r;
            v
        };
        if value.is_empty() {
            return None;
        }
        parts.push((name.to_string(), value.to_string()));
    }
}

#[cfg(test)]
mod tests;
