//! A customer's detail popup: the whole record, the classes and why, and the recent timeline.

use ratatui::text::{Line, Span};

use crate::domain::classify::explain::{ClassField, Reasons};
use crate::domain::classify::{Classes, Inputs};
use crate::domain::customer::Customer;
use crate::store::timeline::{self, Event};
use crate::store::{Result, Store};
use crate::tui::tabs::{Ui, safe};

/// A customer's whole record, loaded once when opened.
pub struct Detail {
    pub customer: Customer,
    pub inputs: Inputs,
    pub classes: Classes,
    pub reasons: Reasons,
    pub timeline: Vec<Event>,
    pub scroll: u16,
}

impl Detail {
    pub fn load(store: &Store, id: i64, words: &crate::i18n::I18n) -> Result<Detail> {
        let e = crate::ops::classify::explain(store, crate::domain::CustomerId(id), words)?;
        let timeline = timeline::folded(
            store.conn(),
            crate::domain::CustomerId(id),
            50,
            store.today,
            &store.currency,
        )?;
        Ok(Detail {
            customer: e.customer,
            inputs: e.inputs,
            classes: e.classes,
            reasons: e.reasons,
            timeline,
            scroll: 0,
        })
    }

    /// The popup's title: who, and their number.
    pub(super) fn title(&self) -> String {
        format!(" {} · #{} ", safe(&self.customer.name), self.customer.id)
    }

    pub(super) fn lines(&self, ui: &Ui<'_>) -> Vec<Line<'static>> {
        let t = ui.i18n;
        let c = &self.customer;
        let o = |v: &Option<String>| safe(v.as_deref().unwrap_or(""));
        let w: usize = 14;
        let label = |key: &str| {
            let text = t.t(key).to_string();
            let pad = w.saturating_sub(crate::text::width(&text));
            Span::styled(format!("{text}{}", " ".repeat(pad)), ui.theme.muted)
        };
        let field = |key: &str, value: String| Line::from(vec![label(key), Span::raw(value)]);
        // Who, then why (the classes), then what happened, then every other field.
        let mut lines = vec![
            Line::from(vec![
                Span::styled(safe(&c.name), ui.theme.title),
                Span::raw("  "),
                Span::raw(o(&c.company)),
                Span::raw("  "),
                Span::styled(o(&c.phone), ui.theme.key),
                Span::raw("  "),
                Span::raw(o(&c.email)),
            ]),
            Line::raw(""),
            Line::styled(
                t.f("detail.classes", &[("today", &ui.today.to_string())]),
                ui.theme.header,
            ),
        ];
        for (field, text) in self.reasons.iter() {
            let style = match field {
                ClassField::Tier => ui.theme.tier(self.classes.tier),
                ClassField::ChurnRisk => ui.theme.risk(self.classes.churn_risk, ui.churn_flag),
                _ => ui.theme.tier_c,
            };
            lines.push(Line::from(vec![
                label(field.label_key()),
                Span::styled(safe(text), style),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.t("detail.timeline").to_string(), ui.theme.header));
        if self.timeline.is_empty() {
            lines.push(Line::styled(t.t("detail.nothing").to_string(), ui.theme.muted));
        }
        // The kinds' column as wide as its widest word in this language, so that none is cut.
        let kind_width = ["order", "contact", "feedback", "class"]
            .iter()
            .map(|k| crate::text::width(t.t(&format!("kind.{k}"))))
            .max()
            .unwrap_or(0)
            + 2;
        for e in &self.timeline {
            lines.push(Line::from(vec![
                Span::styled(crate::store::clock::show_date(&e.at), ui.theme.muted),
                Span::raw("  "),
                Span::styled(
                    crate::text::pad(t.t(&format!("kind.{}", e.what)), kind_width),
                    ui.theme.key,
                ),
                Span::raw(safe(&e.happened.describe(t, ui.currency))),
            ]));
            // A feedback item's body under its title, each of its lines indented to the text's column.
            let indent = " ".repeat(10 + 2 + kind_width);
            for body_line in e
                .body
                .iter()
                .flat_map(|b| b.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                lines.push(Line::from(vec![
                    Span::raw(indent.clone()),
                    Span::styled(safe(body_line), ui.theme.muted),
                ]));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.t("detail.fields").to_string(), ui.theme.header));
        for (key, value) in [
            ("field.name", safe(&c.name)),
            ("field.kind", t.t(&format!("custkind.{}", c.kind)).to_string()),
            ("field.company", o(&c.company)),
            ("field.external_id", o(&c.external_id)),
            ("field.industry", o(&c.industry)),
            ("field.region", o(&c.region)),
            ("field.address", o(&c.address)),
            ("field.phone", o(&c.phone)),
            ("field.email", o(&c.email)),
            ("field.social", o(&c.social)),
            ("field.source", o(&c.source)),
            ("field.owner", o(&c.owner)),
            ("field.tags", safe(&c.tags.join(", "))),
            ("field.needs", o(&c.needs)),
            ("field.notes", o(&c.notes)),
            (
                "field.stage_pin",
                c.stage_pin
                    .map(|s| t.t(&format!("stage.{s}")).to_string())
                    .unwrap_or_default(),
            ),
            (
                "field.version",
                format!(
                    "{} · {} · {}",
                    c.version,
                    safe(&c.updated_by),
                    crate::store::clock::show(c.updated_at)
                ),
            ),
        ] {
            lines.push(field(key, value));
        }
        lines
    }
}
