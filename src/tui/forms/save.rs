//! How a form saves: its fields become the operation's typed input, the operation makes the one write, and
//! an error lands beside the field it names; a conflict offers to reload.

use super::{OpenForm, Target};
use crate::domain::customer::CustomerPatch;
use crate::domain::{ContactId, CustomerId, FeedbackId, Invalid};
use crate::i18n::I18n;
use crate::ops::{self, Ahead};
use crate::store::{Store, StoreError};
use crate::tui::form::Form;

impl OpenForm {
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
                let saved = ops::contacts::log(
                    store,
                    ops::contacts::Input::parse(CustomerId(customer), &typed, store.today)?,
                )?;
                Ok((customer, saved.ahead))
            }
            Target::Snooze { customer } => {
                let until = crate::domain::snooze::parse_until("until", f.get("until"), store.today)?;
                ops::review::snooze(store, CustomerId(customer), until)?;
                Ok((customer, None))
            }
            Target::Followup { customer } => {
                let due = crate::domain::snooze::parse_day("due", f.get("due"), store.today)?;
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
                let saved = ops::contacts::edit(store, ContactId(id), typed.parse()?)?;
                Ok((customer, saved.ahead))
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
                let saved = ops::feedback::edit(store, FeedbackId(id), typed.parse()?)?;
                Ok((customer, saved.ahead))
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
