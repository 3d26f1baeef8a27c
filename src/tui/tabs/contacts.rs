//! The Contacts tab: everyone's contact log, newest first, filtered as you type; the ids come from the
//! loader and only the rows on screen are read.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table};

use super::{Ui, safe};
use crate::domain::contact::Contact;
use crate::store::{Result, Store, contacts};
use crate::tui::list::Nav;
use crate::tui::loader::{Fetch, Query};

#[derive(Default)]
pub struct ContactsTab {
    /// The filter as typed; the list follows it (the query runs on the loader).
    pub filter_text: String,
    ids: Vec<i64>,
    window: Vec<(Contact, String)>,
    window_start: usize,
    pub nav: Nav,
    pub fetch: Fetch,
}

impl ContactsTab {
    /// The query for the log as filtered now.
    pub fn query(&self) -> Query {
        let t = self.filter_text.trim();
        Query::Contacts {
            needle: (!t.is_empty()).then(|| t.to_string()),
        }
    }

    /// Takes the contact ids the query found.
    pub fn receive(&mut self, ids: Vec<i64>, store: &Store) -> Result<()> {
        self.ids = ids;
        self.nav.set_len(self.ids.len());
        self.window.clear();
        self.load_window(store)
    }

    /// Loads the rows on screen when the window moved past what is loaded.
    pub fn load_window(&mut self, store: &Store) -> Result<()> {
        let want = self.nav.window();
        let have = self.window_start..self.window_start + self.window.len();
        if !want.is_empty() && want.start >= have.start && want.end <= have.end {
            return Ok(());
        }
        let h = self.nav.page();
        let start = want.start.saturating_sub(h);
        let end = (want.end + h).min(self.ids.len());
        self.window = contacts::by_ids(store.conn(), &self.ids[start..end])?;
        self.window_start = start;
        Ok(())
    }

    /// Reloads the rows on screen (a write may have renamed a customer).
    pub fn refresh_window(&mut self, store: &Store) -> Result<()> {
        self.window.clear();
        self.load_window(store)
    }

    pub fn selected_customer(&self) -> Option<i64> {
        self.window
            .get(self.nav.selected.checked_sub(self.window_start)?)
            .map(|(c, _)| c.customer_id.0)
    }

    pub fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>, filtering: bool) {
        let prefix = super::filter_prefix(ui, &self.filter_text, filtering);
        let Some(table) = super::list_frame(f, area, ui, prefix.as_deref(), &self.nav, &self.fetch) else {
            return;
        };
        let t = ui.i18n;
        let header = Row::new(
            ["col.at", "col.customer", "col.channel", "col.staff", "col.summary"]
                .map(|k| Cell::from(t.t(k).to_string())),
        )
        .style(ui.theme.header);
        let rows: Vec<Row<'_>> = self
            .nav
            .window()
            .filter_map(|k| self.window.get(k.checked_sub(self.window_start)?).map(|r| (k, r)))
            .map(|(k, (c, name))| {
                let summary = [c.summary.as_deref(), c.outcome.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" — ");
                let row = Row::new(vec![
                    Cell::from(
                        c.at.replace('T', " ")
                            .trim_end_matches('Z')
                            .chars()
                            .take(16)
                            .collect::<String>(),
                    ),
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
        f.render_widget(Table::new(rows, widths).header(header).column_spacing(1), table);
    }
}
