//! The Contacts tab: everyone's contact log, newest first, one screen loaded at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table};

use super::{Ui, safe};
use crate::domain::contact::Contact;
use crate::store::{Result, Store, contacts};
use crate::tui::list::Nav;

#[derive(Default)]
pub struct ContactsTab {
    /// The filter being typed, and the one applied (on Enter: the log is too long to search per key).
    pub filter_text: String,
    applied: Option<String>,
    total: usize,
    window: Vec<(Contact, String)>,
    window_start: usize,
    pub nav: Nav,
}

impl ContactsTab {
    /// Applies the typed filter and reloads.
    pub fn apply_filter(&mut self, store: &Store) -> Result<()> {
        let t = self.filter_text.trim();
        self.applied = (!t.is_empty()).then(|| t.to_string());
        self.nav.top();
        self.reload(store)
    }

    pub fn reload(&mut self, store: &Store) -> Result<()> {
        self.total = contacts::count(store.conn(), self.applied.as_deref())?;
        self.nav.set_len(self.total);
        self.window.clear();
        self.load_window(store)
    }

    pub fn load_window(&mut self, store: &Store) -> Result<()> {
        let want = self.nav.window();
        let have = self.window_start..self.window_start + self.window.len();
        if !want.is_empty() && want.start >= have.start && want.end <= have.end {
            return Ok(());
        }
        let h = self.nav.page();
        let start = want.start.saturating_sub(h);
        self.window = contacts::page(store.conn(), self.applied.as_deref(), start, want.end + h - start)?;
        self.window_start = start;
        Ok(())
    }

    pub fn selected_customer(&self) -> Option<i64> {
        self.window
            .get(self.nav.selected.checked_sub(self.window_start)?)
            .map(|(c, _)| c.customer_id.0)
    }

    pub fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>, filtering: bool) {
        let prefix = super::filter_prefix(ui, &self.filter_text, filtering);
        let Some(table) = super::list_frame(f, area, ui, prefix.as_deref(), &self.nav) else {
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
                        c.channel,
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
