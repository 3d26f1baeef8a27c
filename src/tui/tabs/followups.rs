//! The Follow-ups tab: the due queue of SPEC 3.6 in three sections — overdue, today, the next seven days —
//! with why each customer is due (and, under the list, the whole why-due sentence of the selected row,
//! wrapped, which a column cannot hold); `/` narrows it with the filter language (`owner:me`, `tier:A`), and
//! `x`, `z`, `c` and `F` act on the selected customer.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use super::page::{Command, Cx, Page, quiet, shown};
use super::{Ui, safe};
use crate::domain::CustomerId;
use crate::domain::classify::explain::DueWhy;
use crate::store::queue::DueRow;
use crate::store::{Result, Store, derive};
use crate::tui::action::Action;
use crate::tui::list::{self, Moved, Nav};
use crate::tui::loader::{Fetch, Payload, Query};

/// How many days after today the list reaches (its third section).
pub const AHEAD: u32 = 7;

/// The section a row falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overdue,
    Today,
    Coming,
}

impl Section {
    pub fn of(row: &DueRow) -> Section {
        match row.overdue_days {
            n if n > 0 => Section::Overdue,
            0 => Section::Today,
            _ => Section::Coming,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Section::Overdue => "followups.overdue",
            Section::Today => "followups.today",
            Section::Coming => "followups.coming",
        }
    }
}

#[derive(Default)]
pub struct FollowupsTab {
    pub filter_text: String,
    pub filter_error: Option<crate::domain::Invalid>,
    rows: Vec<DueRow>,
    /// Why each customer on screen is due, filled as rows come into view; worded when drawn.
    why: HashMap<i64, DueWhy>,
    pub nav: Nav,
    pub fetch: Fetch,
    /// The rows the last frame drew (the why-due detail can shift them within the window), for a click.
    drawn: std::cell::Cell<std::ops::Range<usize>>,
}

impl FollowupsTab {
    /// Takes the queue from the loader, keeps the selection on its customer and explains the rows on
    /// screen. Says who left when the selected customer is no longer due.
    fn take_rows(&mut self, rows: Vec<DueRow>, store: &Store) -> Result<Option<Moved>> {
        let gone = self.rows.get(self.nav.selected).map(|r| (r.name.clone(), Some(r.id)));
        let old: Vec<i64> = self.rows.iter().map(|r| r.id).collect();
        let new: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let followed = list::follow(&old, &new, &mut self.nav, None);
        self.rows = rows;
        self.why.clear();
        self.explain_window(store)?;
        Ok(followed.moved(gone, |_| self.rows.get(self.nav.selected).map(|r| r.name.clone())))
    }

    /// Explains the rows on screen that are not explained yet.
    fn explain_window(&mut self, store: &Store) -> Result<()> {
        let missing: Vec<i64> = self.rows[self.nav.window()]
            .iter()
            .map(|r| r.id)
            .filter(|id| !self.why.contains_key(id))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let missing: Vec<CustomerId> = missing.into_iter().map(CustomerId).collect();
        let stored = derive::read_stored(store.conn(), &missing)?;
        for (id, (i, c)) in stored {
            self.why.insert(id.0, DueWhy::of(&i, &c, store.today));
        }
        Ok(())
    }

    pub fn selected_customer(&self) -> Option<i64> {
        self.rows.get(self.nav.selected).map(|r| r.id)
    }

    /// The rows drawn when `fit` rows fit: the list's window, less the lines the why-due detail takes,
    /// moved down within the window as far as needed to keep the selected row on screen.
    fn shown_rows(&self, fit: usize) -> std::ops::Range<usize> {
        let window = self.nav.window();
        let fit = fit.max(1);
        if window.len() <= fit {
            return window;
        }
        let start = window.start.max((self.nav.selected + 1).saturating_sub(fit));
        start..(start + fit).min(window.end)
    }

    /// How many rows each section holds: overdue, today, coming.
    pub fn sections(&self) -> [usize; 3] {
        let mut n = [0; 3];
        for r in &self.rows {
            n[Section::of(r) as usize] += 1;
        }
        n
    }

    /// The customers listed as due on or before `today`, in the list's order: what a review walks.
    pub fn due_by(&self, today: chrono::NaiveDate) -> Vec<i64> {
        self.rows.iter().filter(|r| r.next_due <= today).map(|r| r.id).collect()
    }
}

/// At most this many lines under the list for the selected row's why-due sentence.
const MAX_DETAIL_LINES: usize = 3;

impl Page for FollowupsTab {
    fn commands(&self) -> &'static [Command] {
        use Action::*;
        const COMMANDS: &[Command] = &[
            shown(Review),
            shown(LogContact),
            shown(MarkDone),
            shown(Snooze),
            shown(AddFollowup),
            shown(Open),
            shown(Filter),
            shown(Down),
            shown(Up),
            shown(NextTab),
            shown(Help),
            shown(Quit),
            quiet(Top),
            quiet(Bottom),
            quiet(PageDown),
            quiet(PageUp),
        ];
        COMMANDS
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

    /// The list as filtered now; `None` while the filter does not parse (the last good list stays, with
    /// the error beside the filter).
    fn query(&mut self, store: &Store) -> Option<Query> {
        match crate::domain::filter::parse(&self.filter_text, &store.user) {
            Ok(filter) => {
                self.filter_error = None;
                Some(Query::Followups { filter })
            }
            Err(e) => {
                self.filter_error = Some(e);
                None
            }
        }
    }

    fn receive(&mut self, payload: Payload, _want: Option<i64>, cx: &Cx<'_>) -> Result<Option<Moved>> {
        match payload {
            Payload::Followups(rows) => self.take_rows(rows, cx.store),
            _ => Ok(None),
        }
    }

    fn load_window(&mut self, cx: &Cx<'_>) -> Result<()> {
        self.explain_window(cx.store)
    }

    /// The queue does not hide archived customers by a filter: it never lists them.
    fn hides_archived(&self, _user: &str) -> bool {
        true
    }

    fn selected_customer(&self) -> Option<i64> {
        FollowupsTab::selected_customer(self)
    }

    /// The rows as the last frame drew them: the detail under the list may have moved them down.
    fn row_at(&self, row: usize) -> Option<usize> {
        let drawn = self.drawn.take();
        self.drawn.set(drawn.clone());
        let k = drawn.start + row.checked_sub(super::LIST_TOP)?;
        drawn.contains(&k).then_some(k)
    }

    fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>, filtering: bool) {
        let t = ui.i18n;
        let [o, d, c] = self.sections();
        let counts = t.f(
            "followups.counts",
            &[
                ("overdue", &o.to_string()),
                ("today", &d.to_string()),
                ("coming", &c.to_string()),
            ],
        );
        let prefix = match (
            &self.filter_error,
            super::filter_prefix(ui, &self.filter_text, filtering),
        ) {
            (Some(e), Some(p)) => format!("{p}   {}", safe(&e.reason_in(t))),
            (None, Some(p)) => format!("{p} · {counts}"),
            (_, None) => counts,
        };
        // Empty without a filter means nobody is due, which is good news, not "nothing matches".
        let empty = if self.filter_text.is_empty() {
            "followups.clear"
        } else {
            "list.empty"
        };
        // The selected row's why-due sentence, whole: the column is cut at any width, the sentence is not.
        let detail: Vec<String> = self
            .rows
            .get(self.nav.selected)
            .and_then(|r| Some((r, self.why.get(&r.id)?)))
            .map(|(r, w)| {
                // The name first: its column is the first to be cut on a narrow screen.
                let text = format!("{} — {}", safe(&r.name), safe(&w.say(t)));
                crate::text::wrap(&text, usize::from(area.width))
            })
            .unwrap_or_default();
        let detail_height = detail.len().min(MAX_DETAIL_LINES) as u16;
        let [area, under] = Layout::vertical([Constraint::Min(0), Constraint::Length(detail_height)]).areas(area);
        let Some(table) = super::list_frame(f, area, ui, Some(&prefix), &self.nav, &self.fetch, empty) else {
            return;
        };
        let lines: Vec<Line<'_>> = detail.into_iter().map(Line::from).collect();
        f.render_widget(Paragraph::new(lines), under);
        // Narrow, the why-due column would hold a word or two: the line under the list says it whole, and
        // the names get the room.
        let narrow = area.width < 100;
        let mut widths = vec![
            Constraint::Length(9),
            Constraint::Fill(2),
            Constraint::Length(4),
            Constraint::Length(9),
            Constraint::Length(10),
            Constraint::Length(5),
            Constraint::Length(4),
            Constraint::Length(10),
            Constraint::Fill(4),
        ];
        let mut columns = vec![
            "col.section",
            "col.name",
            "col.tier",
            "col.stage",
            "col.due",
            "col.late",
            "col.risk",
            "col.owner",
            "col.why",
        ];
        if narrow {
            widths.pop();
            columns.pop();
        }
        let shown = self.shown_rows(usize::from(table.height.saturating_sub(1)));
        let top = shown.start;
        self.drawn.set(shown.clone());
        let rows: Vec<Row<'_>> = shown
            .map(|k| {
                let r = &self.rows[k];
                // A section's name on its first row (and on the first row on screen).
                let section = Section::of(r);
                let first = k == top || self.rows.get(k.wrapping_sub(1)).map(Section::of) != Some(section);
                let label = if first {
                    t.t(section.key()).to_string()
                } else {
                    String::new()
                };
                let mut cells = vec![
                    Cell::from(label).style(ui.theme.header),
                    Cell::from(safe(&r.name)),
                    Cell::from(r.tier.map_or("-".into(), |t| t.to_string())).style(ui.theme.tier(r.tier)),
                    Cell::from(t.t(&format!("stage.{}", r.stage)).to_string()),
                    Cell::from(r.next_due.to_string()),
                    Cell::from(if r.overdue_days < 0 {
                        t.f("followups.in", &[("n", &(-r.overdue_days).to_string())])
                    } else {
                        t.f("list.days", &[("n", &r.overdue_days.to_string())])
                    })
                    .style(if r.overdue_days > 0 {
                        ui.theme.overdue
                    } else {
                        ui.theme.tier_c
                    }),
                    Cell::from(r.churn_risk.to_string()).style(ui.theme.risk(r.churn_risk, ui.churn_flag)),
                    Cell::from(safe(r.owner.as_deref().unwrap_or(""))),
                    Cell::from(safe(&self.why.get(&r.id).map_or(String::new(), |w| w.reason(t)))).style(ui.theme.muted),
                ];
                cells.truncate(widths.len());
                let row = Row::new(cells);
                super::mark(row, k == self.nav.selected, ui)
            })
            .collect();
        super::table(f, table, ui, &columns, rows, &widths);
    }
}
