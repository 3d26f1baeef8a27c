//! Popups over the tabs: a customer's detail, the help screen, a confirmation, an error.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::action::{Action, Scope};
use super::tabs::{Ui, safe};
use crate::domain::classify::explain::Reasons;
use crate::domain::classify::{Classes, Inputs};
use crate::domain::customer::Customer;
use crate::store::timeline::{self, Event};
use crate::store::{Result, Store};

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
        let timeline = timeline::recent(store.conn(), id, 50, store.today, &store.currency)?;
        Ok(Detail {
            customer: e.customer,
            inputs: e.inputs,
            classes: e.classes,
            reasons: e.reasons,
            timeline,
            scroll: 0,
        })
    }

    fn lines(&self, ui: &Ui<'_>) -> Vec<Line<'static>> {
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
        let r = &self.reasons;
        for (key, text) in [
            ("class.tier", &r.tier),
            ("class.behavior", &r.behavior),
            ("class.stage", &r.stage),
            ("class.rfm", &r.rfm),
            ("class.clv", &r.clv),
            ("class.churn_risk", &r.churn_risk),
            ("class.next_due", &r.next_due),
        ] {
            let style = match key {
                "class.tier" => ui.theme.tier(self.classes.tier),
                "class.churn_risk" => ui.theme.risk(self.classes.churn_risk, ui.churn_flag),
                _ => ui.theme.tier_c,
            };
            lines.push(Line::from(vec![label(key), Span::styled(safe(text), style)]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.t("detail.timeline").to_string(), ui.theme.header));
        if self.timeline.is_empty() {
            lines.push(Line::styled(t.t("detail.nothing").to_string(), ui.theme.muted));
        }
        for e in &self.timeline {
            lines.push(Line::from(vec![
                Span::styled(crate::store::clock::show_date(&e.at), ui.theme.muted),
                Span::raw("  "),
                Span::styled(crate::text::pad(t.t(&format!("kind.{}", e.what)), 10), ui.theme.key),
                Span::raw(safe(&e.happened.describe(t, ui.currency))),
            ]));
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
                    crate::store::clock::show(&c.updated_at)
                ),
            ),
        ] {
            lines.push(field(key, value));
        }
        lines
    }
}

/// The help screen: every binding in force, grouped by where it applies, filtered by what is typed.
#[derive(Default)]
pub struct Help {
    pub search: String,
    pub scroll: u16,
}

impl Help {
    fn lines(&self, ui: &Ui<'_>) -> Vec<Line<'static>> {
        let t = ui.i18n;
        let needle = self.search.to_lowercase();
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{}: ", t.t("help.search")), ui.theme.muted),
            Span::raw(safe(&self.search)),
            Span::styled("▏", ui.theme.key),
        ])];
        for scope in Scope::ALL {
            let key = format!("help.group.{}", scope.name());
            let entries: Vec<(String, String)> = Action::ALL
                .iter()
                .filter(|a| a.scope() == scope)
                .map(|a| {
                    let keys: Vec<String> = ui.keymap.keys(*a).iter().map(|k| k.label()).collect();
                    (
                        keys.join(" "),
                        format!("{}  ({})", t.t(&format!("action.{}", a.name())), a.name()),
                    )
                })
                .filter(|(k, d)| {
                    needle.is_empty() || k.to_lowercase().contains(&needle) || d.to_lowercase().contains(&needle)
                })
                .collect();
            if entries.is_empty() {
                continue;
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(t.t(&key).to_string(), ui.theme.header));
            for (k, d) in entries {
                lines.push(Line::from(vec![
                    Span::styled(format!("{k:<18}"), ui.theme.key),
                    Span::raw(d),
                ]));
            }
        }
        lines
    }
}

/// What is open over the tabs.
pub enum Popup {
    Detail(Box<Detail>),
    Help(Help),
    /// Archive this customer?
    ConfirmArchive {
        id: i64,
        name: String,
    },
    /// A form being filled in.
    Form(Box<super::forms::OpenForm>),
    /// Leave this form and drop its edits?
    ConfirmDrop(Box<super::forms::OpenForm>),
    Error(String),
}

/// A question and the keys that answer it.
fn confirm_lines(question: String, ui: &Ui<'_>) -> Vec<Line<'static>> {
    let keys = format!(
        "{} {}   {} ✗",
        ui.keymap.hint(Action::Confirm),
        ui.i18n.t("action.confirm"),
        ui.keymap.hint(Action::Back)
    );
    vec![Line::raw(question), Line::raw(""), Line::styled(keys, ui.theme.key)]
}

/// A centred rectangle `w`% × `h`% of `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Percentage(h)])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Percentage(w)])
        .flex(Flex::Center)
        .areas(v);
    r
}

impl Popup {
    pub fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let hint = |a: Action| ui.keymap.hint(a);
        if let Popup::Form(open) = self {
            open.form.draw(f, area, ui);
            return;
        }
        let (title, lines, rect, scroll, wrap) = match self {
            Popup::Detail(d) => (
                format!(" {} · #{} ", safe(&d.customer.name), d.customer.id),
                d.lines(ui),
                area,
                d.scroll,
                true,
            ),
            Popup::Help(h) => (
                format!(" {} ", ui.i18n.t("help.title")),
                h.lines(ui),
                centered(area, 80, 90),
                h.scroll,
                false,
            ),
            Popup::ConfirmArchive { name, .. } => (
                format!(" {} ", ui.i18n.t("action.archive")),
                confirm_lines(
                    ui.i18n.f(
                        "confirm.archive",
                        &[("name", &safe(name)), ("undo", &hint(Action::Undo))],
                    ),
                    ui,
                ),
                centered(area, 60, 30),
                0,
                true,
            ),
            Popup::ConfirmDrop(open) => (
                format!(" {} ", safe(&open.form.title)),
                confirm_lines(
                    ui.i18n.f(
                        "confirm.drop",
                        &[("yes", &hint(Action::Confirm)), ("no", &hint(Action::Back))],
                    ),
                    ui,
                ),
                centered(area, 60, 30),
                0,
                true,
            ),
            Popup::Form(_) => return,
            Popup::Error(e) => (
                format!(" {} ", ui.i18n.t("status.error")),
                vec![
                    Line::styled(safe(e), ui.theme.error),
                    Line::raw(""),
                    Line::styled(format!("{} ✗", hint(Action::Back)), ui.theme.key),
                ],
                centered(area, 70, 30),
                0,
                true,
            ),
        };
        f.render_widget(Clear, rect);
        let block = Block::bordered().title(title).border_style(ui.theme.border);
        let mut p = Paragraph::new(lines).block(block).scroll((scroll, 0));
        if wrap {
            p = p.wrap(Wrap { trim: false });
        }
        f.render_widget(p, rect);
    }

    /// Scrolls a scrollable popup.
    pub fn scroll(&mut self, down: bool, n: u16) {
        let s = match self {
            Popup::Detail(d) => &mut d.scroll,
            Popup::Help(h) => &mut h.scroll,
            _ => return,
        };
        *s = if down { s.saturating_add(n) } else { s.saturating_sub(n) };
    }
}
