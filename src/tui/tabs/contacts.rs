//! The Contacts tab: everyone's contact log, newest first, filtered as you type; the ids come from the
//! loader and only the rows on screen are read.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

use super::page::{Command, Cx, Effect, Page, quiet, shown};
use super::{Ui, safe};
use crate::domain::ContactId;
use crate::domain::contact::Contact;
use crate::store::{Result, contacts};
use crate::tui::action::Action;
use crate::tui::forms::OpenForm;
use crate::tui::list::{Keyed, Moved, Nav, Paged};
use crate::tui::loader::{Fetch, Payload, Query};
use crate::tui::popups::Popup;

impl Keyed for (Contact, String) {
    fn key(&self) -> i64 {
        self.0.id.0
    }
}

#[derive(Default)]
pub struct ContactsTab {
    /// The filter as typed; the list follows it (the query runs on the loader).
    pub filter_text: String,
    rows: Paged<(Contact, String)>,
    pub nav: Nav,
    pub fetch: Fetch,
}

/// The contact log's commands: those of every filtered log, and correcting an entry.
const COMMANDS: &[Command] = &[
    shown(Action::Open),
    shown(Action::Filter),
    shown(Action::EditEntry),
    shown(Action::DeleteEntry),
    quiet(Action::AddFollowup),
    shown(Action::Down),
    shown(Action::Up),
    shown(Action::NextTab),
    shown(Action::Help),
    shown(Action::Quit),
    quiet(Action::Top),
    quiet(Action::Bottom),
    quiet(Action::PageDown),
    quiet(Action::PageUp),
];

impl Page for ContactsTab {
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }

    /// `E` corrects the contact under the cursor in a form, `D` deletes it after a confirmation; each is
    /// one operation. The rest is what every list does.
    fn handle(&mut self, action: Action, cx: &Cx<'_>) -> Result<Effect> {
        let Some((c, name)) = self.rows.get(self.nav.selected) else {
            return super::page::handle_list(self, action, cx);
        };
        Ok(match action {
            Action::EditEntry => {
                // As stored now: the row on screen may be a moment old.
                let c = contacts::get(cx.store.conn(), c.id)?;
                Effect::Open(Popup::Form(Box::new(OpenForm::edit_contact(&c, name, cx.i18n))))
            }
            Action::DeleteEntry => Effect::Open(Popup::ConfirmDeleteContact {
                id: c.id.0,
                name: name.clone(),
                at: crate::store::clock::show(c.at),
            }),
            _ => return super::page::handle_list(self, action, cx),
        })
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

    /// The query for the log as filtered now.
    fn query(&mut self, _store: &crate::store::Store) -> Option<Query> {
        let t = self.filter_text.trim();
        Some(Query::Contacts {
            needle: (!t.is_empty()).then(|| t.to_string()),
        })
    }

    /// Takes the contact ids the query found; the selection follows its contact into them.
    fn receive(&mut self, payload: Payload, _want: Option<i64>, cx: &Cx<'_>) -> Result<Option<Moved>> {
        let Payload::Contacts(ids) = payload else {
            return Ok(None);
        };
        let store = cx.store;
        let gone = self
            .rows
            .get(self.nav.selected)
            .map(|(c, name)| (name.clone(), Some(c.customer_id.0)));
        let followed = self.rows.set_ids(ids, &mut self.nav, None, |ids| {
            contacts::by_ids(store.conn(), &ids.iter().map(|&i| ContactId(i)).collect::<Vec<_>>())
        })?;
        Ok(followed.moved(gone, |_| self.rows.get(self.nav.selected).map(|(_, name)| name.clone())))
    }

    /// Loads the rows on screen when the window moved past what is loaded.
    fn load_window(&mut self, cx: &Cx<'_>) -> Result<()> {
        self.rows.load(&self.nav, |ids| {
            contacts::by_ids(cx.store.conn(), &ids.iter().map(|&i| ContactId(i)).collect::<Vec<_>>())
        })
    }

    /// Reloads the rows on screen (a write may have renamed a customer).
    fn refresh_window(&mut self, cx: &Cx<'_>) -> Result<()> {
        self.rows.refresh(&self.nav, |ids| {
            contacts::by_ids(cx.store.conn(), &ids.iter().map(|&i| ContactId(i)).collect::<Vec<_>>())
        })
    }

    fn selected_customer(&self) -> Option<i64> {
        self.rows.get(self.nav.selected).map(|(c, _)| c.customer_id.0)
    }

    fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>, filtering: bool) {
        let prefix = super::filter_prefix(ui, &self.filter_text, filtering);
        let Some(table) = super::list_frame(f, area, ui, prefix.as_deref(), &self.nav, &self.fetch, "list.empty")
        else {
            return;
        };
        let t = ui.i18n;
        let rows: Vec<Row<'_>> = self
            .rows
            .visible(&self.nav)
            .map(|(k, (c, name))| {
                let summary = [c.summary.as_deref(), c.outcome.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" — ");
                let row = Row::new(vec![
                    Cell::from(crate::store::clock::show(c.at)),
                    Cell::from(safe(name)),
                    Cell::from(format!(
                        "{} {}",
                        t.t(&format!("channel.{}", c.channel)),
                        if c.direction == crate::domain::Direction::Inbound {
                            "←"
                        } else {
                            "→"
                        }
                    )),
                    Cell::from(safe(&c.staff)),
                    Cell::from(safe(&summary)),
                ]);
                super::mark(row, k == self.nav.selected, ui)
            })
            .collect();
        let widths = [
            Constraint::Length(16),
            Constraint::Fill(2),
            Constraint::Length(10),
            Constraint::Length(10),
            Constraint::Fill(4),
        ];
        let columns = ["col.at", "col.customer", "col.channel", "col.staff", "col.summary"];
        super::table(f, table, ui, &columns, rows, &widths);
    }
}
