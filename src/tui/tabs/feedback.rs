//! The Feedback tab: open items first by priority in force, then the resolved and closed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

use super::page::{Command, Cx, Effect, Page, quiet, shown};
use super::{Ui, safe};
use crate::domain::FeedbackStatus;
use crate::store::Result;
use crate::store::feedback::Listed;
use crate::tui::action::Action;
use crate::tui::forms::{OpenForm, Step};
use crate::tui::list::{self, Moved, Nav};
use crate::tui::loader::{Fetch, Payload, Query};
use crate::tui::popups::Popup;

/// What each item is searched by: title, kind, status, priority, customer, assignee (folded).
pub fn index(rows: &[Listed]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            let f = &r.feedback;
            crate::domain::filter::fold(&format!(
                "{} {} {} {} {} {}",
                f.title,
                f.kind,
                f.status,
                r.priority,
                r.customer_name,
                f.assignee.as_deref().unwrap_or("")
            ))
        })
        .collect()
}

#[derive(Default)]
pub struct FeedbackTab {
    pub filter_text: String,
    all: Vec<Listed>,
    /// [`index`] of `all`.
    haystacks: Vec<String>,
    rows: Vec<Listed>,
    pub nav: Nav,
    pub fetch: Fetch,
}

impl FeedbackTab {
    /// Takes every item and its search text from the loader, and applies the filter.
    pub fn take_all(&mut self, all: Vec<Listed>, haystacks: Vec<String>) -> Option<Moved> {
        self.all = all;
        self.haystacks = haystacks;
        self.refilter()
    }

    /// How the list names an item in the status line: its customer and title.
    fn label(r: &Listed) -> String {
        format!("{}: {}", r.customer_name, r.feedback.title)
    }

    /// Narrows the list to items containing every typed word (they are all in memory: live as you type);
    /// the selection follows its item. Says which item left when the selected one did.
    pub fn refilter(&mut self) -> Option<Moved> {
        let gone = self
            .rows
            .get(self.nav.selected)
            .map(|r| (Self::label(r), Some(r.feedback.customer_id.0)));
        let old: Vec<i64> = self.rows.iter().map(|r| r.feedback.id.0).collect();
        let words: Vec<String> = crate::domain::filter::fold(&self.filter_text)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.rows = self
            .all
            .iter()
            .zip(&self.haystacks)
            .filter(|(_, h)| words.iter().all(|w| h.contains(w.as_str())))
            .map(|(r, _)| r.clone())
            .collect();
        let new: Vec<i64> = self.rows.iter().map(|r| r.feedback.id.0).collect();
        let followed = list::follow(&old, &new, &mut self.nav, None);
        followed.moved(gone, |_| self.rows.get(self.nav.selected).map(Self::label))
    }
}

/// The feedback log's commands: those of every filtered log, and the steps of the workflow.
const COMMANDS: &[Command] = &[
    shown(Action::Open),
    shown(Action::Filter),
    shown(Action::FeedbackInvestigate),
    shown(Action::FeedbackResolve),
    shown(Action::FeedbackClose),
    shown(Action::Down),
    shown(Action::Up),
    shown(Action::NextTab),
    shown(Action::Help),
    shown(Action::Quit),
    quiet(Action::FeedbackAssign),
    quiet(Action::FeedbackReopen),
    quiet(Action::EditEntry),
    quiet(Action::AddFollowup),
    quiet(Action::Top),
    quiet(Action::Bottom),
    quiet(Action::PageDown),
    quiet(Action::PageUp),
];

impl Page for FeedbackTab {
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }

    /// A workflow key opens the one-field form of that step for the item under the cursor; a step its
    /// status does not allow is refused at once, naming from and to, before anything is typed.
    fn handle(&mut self, action: Action, cx: &Cx<'_>) -> Result<Effect> {
        let step = match action {
            Action::FeedbackInvestigate => Step::Investigate,
            Action::FeedbackAssign => Step::Assign,
            Action::FeedbackResolve => Step::Resolve,
            Action::FeedbackClose => Step::Close,
            Action::FeedbackReopen => Step::Reopen,
            Action::EditEntry => {
                let Some(row) = self.rows.get(self.nav.selected) else {
                    return Ok(Effect::Done);
                };
                let item = crate::store::feedback::get(cx.store.conn(), row.feedback.id)?;
                return Ok(Effect::Open(Popup::Form(Box::new(OpenForm::edit_feedback(
                    &item, cx.i18n,
                )))));
            }
            _ => return super::page::handle_list(self, action, cx),
        };
        let Some(row) = self.rows.get(self.nav.selected) else {
            return Ok(Effect::Done);
        };
        // As stored now, not as the list last read it: a step just saved may not have reached the list yet.
        let item = &crate::store::feedback::get(cx.store.conn(), row.feedback.id)?;
        let to = match step {
            Step::Investigate => Some(FeedbackStatus::Investigating),
            Step::Resolve => Some(FeedbackStatus::Resolved),
            Step::Close => Some(FeedbackStatus::Closed),
            Step::Reopen => Some(FeedbackStatus::Reopened),
            Step::Assign => None,
        };
        // A step its status does not allow is refused before anything is typed, in the domain's words.
        if let Some(why) = to.and_then(|to| item.refuse_move(to)) {
            return Ok(Effect::Open(Popup::Error(why.reason_in(cx.i18n))));
        }
        let open = OpenForm::feedback_step(item, step, &cx.store.user, cx.i18n);
        Ok(Effect::Open(Popup::Form(Box::new(open))))
    }

    fn nav(&self) -> Option<&Nav> {
        Some(&self.nav)
    }
    fn nav_mut(&mut self) -> Option<&mut Nav> {
        Some(&mut self.nav)
    }
    fn fetch(&self) -> &Fetch {
        &self.fetch
    }
    fn fetch_mut(&mut self) -> &mut Fetch {
        &mut self.fetch
    }
    fn filter_text(&self) -> Option<&str> {
        Some(&self.filter_text)
    }
    fn filter_text_mut(&mut self) -> Option<&mut String> {
        Some(&mut self.filter_text)
    }

    /// Every item is in memory: the filter narrows it here, as one types.
    fn filter_changed(&mut self) -> Effect {
        Effect::Moved(self.refilter())
    }

    fn query(&mut self, store: &crate::store::Store) -> Option<Query> {
        Some(Query::Feedback(store.respond))
    }

    fn receive(&mut self, payload: Payload, _want: Option<i64>, _cx: &Cx<'_>) -> Result<Option<Moved>> {
        Ok(match payload {
            Payload::Feedback(rows, index) => self.take_all(rows, index),
            _ => None,
        })
    }

    fn selected_customer(&self) -> Option<i64> {
        self.rows.get(self.nav.selected).map(|r| r.feedback.customer_id.0)
    }

    fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>, filtering: bool) {
        let prefix = super::filter_prefix(ui, &self.filter_text, filtering);
        let Some(table) = super::list_frame(f, area, ui, prefix.as_deref(), &self.nav, &self.fetch, "list.empty")
        else {
            return;
        };
        let t = ui.i18n;
        let rows: Vec<Row<'_>> = self
            .nav
            .window()
            .map(|k| {
                let r = &self.rows[k];
                let fb = &r.feedback;
                let prio_style = match r.priority {
                    crate::domain::Priority::P1 => ui.theme.risk_high,
                    crate::domain::Priority::P2 => ui.theme.risk_mid,
                    _ => ui.theme.tier_c,
                };
                let open = fb.status.is_open();
                let row = Row::new(vec![
                    Cell::from(r.priority.to_string()).style(if open { prio_style } else { ui.theme.muted }),
                    Cell::from(t.t(&format!("status.{}", fb.status)).to_string()),
                    Cell::from(t.t(&format!("fbkind.{}", fb.kind)).to_string()),
                    Cell::from(safe(&r.customer_name)),
                    Cell::from(crate::store::clock::local_day(fb.received_at).to_string()),
                    Cell::from(
                        r.overdue_days
                            .map_or(String::new(), |d| t.f("list.days", &[("n", &d.to_string())])),
                    )
                    .style(ui.theme.overdue),
                    Cell::from(safe(&fb.title)),
                ]);
                let row = if open { row } else { row.style(ui.theme.muted) };
                super::mark(row, k == self.nav.selected, ui)
            })
            .collect();
        let widths = [
            Constraint::Length(4),
            Constraint::Length(13),
            Constraint::Length(10),
            Constraint::Fill(2),
            Constraint::Length(10),
            Constraint::Length(5),
            Constraint::Fill(4),
        ];
        let columns = [
            "col.priority",
            "col.status",
            "col.kind",
            "col.customer",
            "col.at",
            "col.late",
            "col.title",
        ];
        super::table(f, table, ui, &columns, rows, &widths);
    }
}
