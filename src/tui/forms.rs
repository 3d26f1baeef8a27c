//! The forms behind `a`, `e`, `c`, `o` and `f`: what each shows (how it saves is in `forms/save.rs`).

use chrono::NaiveDate;

use super::form::{Field, Form};
use crate::domain::contact::Contact;
use crate::domain::customer::Customer;
use crate::domain::feedback::Feedback;
use crate::domain::{Channel, CustomerKind, Direction, FeedbackKind, Stage};
use crate::i18n::I18n;
pub use crate::tui::steps::Step;

mod save;

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
}
