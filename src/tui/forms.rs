//! The forms behind `a`, `e`, `c`, `o` and `f`: what each shows, and how it saves: the fields become the
//! operation's typed input, the operation makes the one write, and an error lands beside the field it
//! names; a conflict offers to reload.

use chrono::NaiveDate;

use super::form::{Field, Form};
use crate::domain::contact::Contact;
use crate::domain::customer::{Customer, CustomerPatch};
use crate::domain::feedback::Feedback;
use crate::domain::{
    Channel, ContactId, CustomerId, CustomerKind, Direction, FeedbackId, FeedbackKind, Invalid, Stage,
};
use crate::i18n::I18n;
use crate::ops::{self, Ahead};
use crate::store::{Store, StoreError};
pub use crate::tui::steps::Step;

/// Which record a form makes or changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    NewCustomer,
    EditCustomer {
        id: i64,
        version: i64,
    },
    Order {
        customer: i64,
    },
    Contact {
        customer: i64,
    },
    Feedback {
        customer: i64,
    },
    /// A step of a feedback item's workflow.
    FeedbackStep {
        id: i64,
        step: Step,
    },
    /// Correcting a logged contact.
    EditContact {
        id: i64,
        customer: i64,
    },
    /// Correcting what a feedback item received.
    EditFeedback {
        id: i64,
        customer: i64,
    },
    /// Hold the customer back until a day (`z`).
    Snooze {
        customer: i64,
    },
    /// Promise a contact by a day, with a note (`F`).
    Followup {
        customer: i64,
    },
}

/// An open form and what it is for.
#[derive(Debug, Clone)]
pub struct OpenForm {
    pub target: Target,
    pub form: Form,
    /// After a save, what the status line should add (a record dated after today will not count yet).
    pub notice: Option<String>,
}

fn names<T: Copy + ToString>(all: &[T]) -> Vec<String> {
    all.iter().map(|v| v.to_string()).collect()
}

/// A choice field whose values show through the locale keys `{shown_as}.{value}`.
fn choice(name: &'static str, label: &'static str, value: &str, all: Vec<String>, shown_as: &'static str) -> Field {
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    Field::choice(name, label, value, &refs, Some(shown_as))
}

/// A choice of plain numbers, shown as they are.
fn levels(name: &'static str, label: &'static str) -> Field {
    Field::choice(name, label, "2", &["1", "2", "3"], None)
}

fn customer_fields(c: Option<&Customer>) -> Vec<Field> {
    let o = |f: fn(&Customer) -> &Option<String>| c.and_then(|c| f(c).clone()).unwrap_or_default();
    let mut pins = vec!["none".to_string()];
    pins.extend(names(Stage::ALL));
    vec![
        Field::text("name", "field.name", c.map(|c| c.name.clone()).unwrap_or_default()).required(),
        choice(
            "kind",
            "field.kind",
            c.map_or("individual", |c| c.kind.as_str()),
            names(CustomerKind::ALL),
            "custkind",
        ),
        Field::text("company", "field.company", o(|c| &c.company)),
        Field::text("phone", "field.phone", o(|c| &c.phone)),
        Field::text("email", "field.email", o(|c| &c.email)),
        Field::text("region", "field.region", o(|c| &c.region)),
        Field::text("industry", "field.industry", o(|c| &c.industry)),
        Field::text("address", "field.address", o(|c| &c.address)),
        Field::text("social", "field.social", o(|c| &c.social)),
        Field::text("source", "field.source", o(|c| &c.source)),
        Field::text("owner", "field.owner", o(|c| &c.owner)),
        Field::text("tags", "field.tags", c.map(|c| c.tags.join(", ")).unwrap_or_default()),
        Field::text("external_id", "field.external_id", o(|c| &c.external_id)),
        Field::text("needs", "field.needs", o(|c| &c.needs)),
        Field::text("notes", "field.notes", o(|c| &c.notes)),
        choice(
            "stage_pin",
            "field.stage_pin",
            c.and_then(|c| c.stage_pin).map_or("none", |s| s.as_str()),
            pins,
            "stage",
        ),
    ]
}

impl OpenForm {
    /// A new customer, owned by the acting user unless the owner field is changed.
    pub fn new_customer(user: &str, words: &I18n) -> OpenForm {
        let mut fields = customer_fields(None);
        if let Some(owner) = fields.iter_mut().find(|f| f.name == "owner") {
            owner.value = user.to_string();
        }
        OpenForm {
            target: Target::NewCustomer,
            form: Form::new(words.t("form.add_customer").to_string(), fields),
            notice: None,
        }
    }

    pub fn edit_customer(c: &Customer, words: &I18n) -> OpenForm {
        OpenForm {
            target: Target::EditCustomer {
                id: c.id.0,
                version: c.version,
            },
            form: Form::new(
                words.f("form.edit_customer", &[("name", &c.name)]),
                customer_fields(Some(c)),
            ),
            notice: None,
        }
    }

    pub fn order(c: &Customer, today: NaiveDate, words: &I18n) -> OpenForm {
        let fields = vec![
            Field::text("date", "field.date", crate::store::clock::entry_day(today).to_string()).required(),
            Field::text("amount", "field.amount", "").required(),
            Field::text("cost", "field.cost", ""),
            Field::text("product", "field.product", ""),
        ];
        OpenForm {
            target: Target::Order { customer: c.id.0 },
            form: Form::new(words.f("form.order", &[("name", &c.name)]), fields),
            notice: None,
        }
    }

    pub fn contact(c: &Customer, words: &I18n) -> OpenForm {
        let fields = vec![
            choice("channel", "field.channel", "phone", names(Channel::ALL), "channel"),
            choice(
                "direction",
                "field.direction",
                "outbound",
                names(Direction::ALL),
                "direction",
            ),
            Field::text("summary", "field.summary", ""),
            Field::text("outcome", "field.outcome", ""),
            Field::text("at", "field.at", ""),
            Field::text("next", "field.next", ""),
        ];
        OpenForm {
            target: Target::Contact { customer: c.id.0 },
            form: Form::new(words.f("form.contact", &[("name", &c.name)]), fields),
            notice: None,
        }
    }

    /// The review's compact contact: how, what was said, and the next date, proposed from the cadence.
    pub fn quick_contact(c: &Customer, next: Option<NaiveDate>, words: &I18n) -> OpenForm {
        let fields = vec![
            choice("channel", "field.channel", "phone", names(Channel::ALL), "channel"),
            Field::text("summary", "field.summary", ""),
            Field::text("outcome", "field.outcome", ""),
            Field::text("next", "field.next", next.map(|d| d.to_string()).unwrap_or_default()),
        ];
        OpenForm {
            target: Target::Contact { customer: c.id.0 },
            form: Form::new(words.f("form.contact", &[("name", &c.name)]), fields),
            notice: None,
        }
    }

    /// One field, the day: empty (Enter at once) is one day; `+3d`, `mon`, `2026-12-01` as typed.
    pub fn snooze(c: &Customer, words: &I18n) -> OpenForm {
        OpenForm {
            target: Target::Snooze { customer: c.id.0 },
            form: Form::new(
                words.f("form.snooze", &[("name", &c.name)]),
                vec![Field::text("until", "field.until", "")],
            ),
            notice: None,
        }
    }

    /// An explicit follow-up: the day (proposed for tomorrow) and what it is about.
    pub fn followup(c: &Customer, today: NaiveDate, words: &I18n) -> OpenForm {
        let tomorrow = today.succ_opt().unwrap_or(today);
        let fields = vec![
            Field::text("due", "field.due", tomorrow.to_string()).required(),
            Field::text("note", "field.note", ""),
        ];
        OpenForm {
            target: Target::Followup { customer: c.id.0 },
            form: Form::new(words.f("form.followup", &[("name", &c.name)]), fields),
            notice: None,
        }
    }

    pub fn feedback(c: &Customer, words: &I18n) -> OpenForm {
        let fields = vec![
            choice("kind", "field.fbkind", "complaint", names(FeedbackKind::ALL), "fbkind"),
            Field::text("title", "field.title", "").required(),
            Field::text("body", "field.body", ""),
            levels("urgency", "field.urgency"),
            levels("importance", "field.importance"),
            // When it came in, as `feedback add --at`: empty is now.
            Field::text("at", "field.at", ""),
        ];
        OpenForm {
            target: Target::Feedback { customer: c.id.0 },
            form: Form::new(words.f("form.feedback", &[("name", &c.name)]), fields),
            notice: None,
        }
    }

    /// A step of `item`'s workflow: one field — who (investigate, assign, reopen: the assignee as it is, or
    /// the acting user), what was done (resolve, required) or the satisfaction score (close: 1–5, or the
    /// skip key, which saves with `skip`).
    pub fn feedback_step(item: &Feedback, step: Step, user: &str, words: &I18n) -> OpenForm {
        let who = item.assignee.clone().unwrap_or_else(|| user.to_string());
        let field = match step {
            Step::Investigate | Step::Assign | Step::Reopen => Field::text("assignee", "field.assignee", who),
            Step::Resolve => Field::text(
                "resolution",
                "field.resolution",
                item.resolution.clone().unwrap_or_default(),
            )
            .required(),
            Step::Close => Field::text("satisfaction", "field.satisfaction", "").required(),
        };
        OpenForm {
            target: Target::FeedbackStep { id: item.id.0, step },
            form: Form::new(words.f(step.title_key(), &[("title", &item.title)]), vec![field]),
            notice: None,
        }
    }

    /// Correcting contact `c` (of the customer called `name`): the fields as logged, the time as the user
    /// reads it (left as it is unless changed).
    pub fn edit_contact(c: &Contact, name: &str, words: &I18n) -> OpenForm {
        let fields = vec![
            choice(
                "channel",
                "field.channel",
                c.channel.as_str(),
                names(Channel::ALL),
                "channel",
            ),
            choice(
                "direction",
                "field.direction",
                c.direction.as_str(),
                names(Direction::ALL),
                "direction",
            ),
            Field::text("summary", "field.summary", c.summary.clone().unwrap_or_default()),
            Field::text("outcome", "field.outcome", c.outcome.clone().unwrap_or_default()),
            Field::text("at", "field.at", crate::store::clock::show(c.at)).required(),
        ];
        OpenForm {
            target: Target::EditContact {
                id: c.id.0,
                customer: c.customer_id.0,
            },
            form: Form::new(words.f("form.edit_contact", &[("name", name)]), fields),
            notice: None,
        }
    }

    /// Correcting what feedback item `f` received.
    pub fn edit_feedback(f: &Feedback, words: &I18n) -> OpenForm {
        let level = |name, label, v: u8| Field::choice(name, label, &v.to_string(), &["1", "2", "3"], None);
        let fields = vec![
            choice(
                "kind",
                "field.fbkind",
                f.kind.as_str(),
                names(FeedbackKind::ALL),
                "fbkind",
            ),
            Field::text("title", "field.title", f.title.clone()).required(),
            Field::text("body", "field.body", f.body.clone().unwrap_or_default()),
            level("urgency", "field.urgency", f.urgency),
            level("importance", "field.importance", f.importance),
            Field::text("at", "field.at", crate::store::clock::show(f.received_at)).required(),
        ];
        OpenForm {
            target: Target::EditFeedback {
                id: f.id.0,
                customer: f.customer_id.0,
            },
            form: Form::new(words.f("form.edit_feedback", &[("title", &f.title)]), fields),
            notice: None,
        }
    }

    fn customer_patch(&self) -> Result<CustomerPatch, Invalid> {
        let f = &self.form;
        let text = |name: &str| Some(f.get(name).to_string());
        Ok(CustomerPatch {
            name: text("name"),
            kind: Some(f.get("kind").parse()?),
            external_id: text("external_id"),
            company: text("company"),
            industry: text("industry"),
            region: text("region"),
            address: text("address"),
            phone: text("phone"),
            email: text("email"),
            social: text("social"),
            source: text("source"),
            owner: text("owner"),
            needs: text("needs"),
            notes: text("notes"),
            tags: Some(vec![f.get("tags").to_string()]),
            stage_pin: Some(ops::customers::parse_pin(f.get("stage_pin"))?),
        })
    }

    /// Saves in one write and returns the id of the customer saved (the new one for an added customer);
    /// when it did not save, `None` and the form shows why (after a conflict, that `reload_key` takes the
    /// record as it now is).
    pub fn save(&mut self, store: &mut Store, words: &I18n, reload_key: &str) -> Option<i64> {
        if !self.form.check_required(words.t("form.required")) {
            return None;
        }
        let result = self.try_save(store);
        match result {
            Ok((id, ahead)) => {
                self.notice = ahead.map(|a| a.say(words));
                Some(id)
            }
            Err(StoreError::Invalid(e) | StoreError::Duplicate(e)) => {
                let label = words.get(&format!("field.{}", e.field)).unwrap_or(&e.field).to_string();
                self.form.set_error(&e.field, &label, e.reason_in(words));
                None
            }
            Err(StoreError::Conflict { by, at, .. }) => {
                let changed = words.f("form.changed_by", &[("by", &by), ("at", &at)]);
                let reload = words.f("form.conflict", &[("key", reload_key)]);
                self.form.set_error("", "", format!("{changed} {reload}"));
                None
            }
            Err(StoreError::Locked) => {
                self.form.set_error("", "", words.t("form.locked").to_string());
                None
            }
            Err(e) => {
                self.form.set_error("", "", e.to_string());
                None
            }
        }
    }

    /// Builds the operation's input from the fields and carries it out; returns the customer saved and the
    /// notice for a record dated after today.
    fn try_save(&self, store: &mut Store) -> Result<(i64, Option<Ahead>), StoreError> {
        let f = &self.form;
        // An empty optional field means "not given", as a flag left out does on the command line.
        let given = |name: &str| Some(f.get(name)).filter(|v| !v.trim().is_empty());
        match self.target {
            Target::NewCustomer => {
                let c = ops::customers::add(store, self.customer_patch()?)?;
                Ok((c.id.0, None))
            }
            Target::EditCustomer { id, version } => {
                ops::customers::edit(store, CustomerId(id), self.customer_patch()?, Some(version))?;
                Ok((id, None))
            }
            Target::Order { customer } => {
                let typed = ops::orders::Text {
                    date: Some(f.get("date")),
                    amount: f.get("amount"),
                    cost: given("cost"),
                    product: given("product"),
                };
                let input = ops::orders::Input::parse(CustomerId(customer), &typed, &store.currency)?;
                let saved = ops::orders::add(store, input)?;
                Ok((customer, saved.ahead))
            }
            Target::Contact { customer } => {
                // The review's compact form has no direction: a call made from the queue goes out.
                let direction = Some(f.get("direction")).filter(|d| !d.is_empty());
                let typed = ops::contacts::Text {
                    channel: f.get("channel"),
                    direction: direction.unwrap_or("outbound"),
                    summary: given("summary"),
                    outcome: given("outcome"),
                    at: given("at"),
                    next: given("next"),
                };
                let saved = ops::contacts::log(store, ops::contacts::Input::parse(CustomerId(customer), &typed)?)?;
                Ok((customer, saved.ahead))
            }
            Target::Snooze { customer } => {
                let until = crate::domain::snooze::parse_until("until", f.get("until"), store.today)?;
                ops::review::snooze(store, CustomerId(customer), until)?;
                Ok((customer, None))
            }
            Target::Followup { customer } => {
                let due = crate::domain::dates::parse_date("due", f.get("due"))?;
                ops::followups::add(store, CustomerId(customer), due, given("note"))?;
                Ok((customer, None))
            }
            Target::Feedback { customer } => {
                let typed = ops::feedback::Text {
                    kind: f.get("kind"),
                    title: f.get("title"),
                    body: given("body"),
                    urgency: level(f, "urgency")?,
                    importance: level(f, "importance")?,
                    channel: None,
                    at: given("at"),
                };
                let saved = ops::feedback::add(store, ops::feedback::Input::parse(CustomerId(customer), &typed)?)?;
                Ok((customer, saved.ahead))
            }
            Target::EditContact { id, customer } => {
                let stored = crate::store::contacts::get(store.conn(), ContactId(id))?;
                // The time as shown is to the minute: unchanged, it is not given (its seconds stay).
                let at = Some(f.get("at")).filter(|a| a.trim() != crate::store::clock::show(stored.at));
                let typed = ops::contacts::EditText {
                    channel: Some(f.get("channel")),
                    direction: Some(f.get("direction")),
                    summary: Some(f.get("summary")),
                    outcome: Some(f.get("outcome")),
                    at,
                };
                ops::contacts::edit(store, ContactId(id), typed.parse()?)?;
                Ok((customer, None))
            }
            Target::EditFeedback { id, customer } => {
                let stored = crate::store::feedback::get(store.conn(), FeedbackId(id))?;
                let at = Some(f.get("at")).filter(|a| a.trim() != crate::store::clock::show(stored.received_at));
                let typed = ops::feedback::EditText {
                    kind: Some(f.get("kind")),
                    title: Some(f.get("title")),
                    body: Some(f.get("body")),
                    channel: None,
                    urgency: Some(level(f, "urgency")?),
                    importance: Some(level(f, "importance")?),
                    at,
                };
                ops::feedback::edit(store, FeedbackId(id), typed.parse()?)?;
                Ok((customer, None))
            }
            Target::FeedbackStep { id, step } => {
                let value = f.fields.first().map_or("", |field| field.value.as_str());
                let item = ops::feedback::update(store, FeedbackId(id), &step.change(value)?)?;
                Ok((item.feedback.customer_id.0, None))
            }
        }
    }
}

/// A 1–3 level from its choice field (refused by name, never taken for the middle one, should the choice
/// ever hold something else).
fn level(f: &Form, name: &str) -> Result<i64, Invalid> {
    let v = f.get(name).trim();
    v.parse()
        .map_err(|_| Invalid::said(name, "invalid.one_of", &[("value", v), ("known", "1, 2, 3")]))
}
