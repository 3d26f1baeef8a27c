//! The Follow-ups tab: the due queue of SPEC 3.6 in three sections — overdue, today, the next seven days —
//! with why each customer is due; `/` narrows it with the filter language (`owner:me`, `tier:A`), and
//! `x`, `z`, `c` and `F` act on the selected customer.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

use super::page::{Command, Cx, Page, quiet, shown};
use super::{Ui, safe};
use crate::domain::CustomerId;
use crate::domain::classify::Population;
use crate::domain::classify::explain::{self, Context};
use crate::i18n::I18n;
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
    /// Why each customer on screen is due, filled as rows come into view.
    why: HashMap<i64, String>,
    pub nav: Nav,
    pub fetch: Fetch,
}

impl FollowupsTab {
    /// Takes the queue from the loader, keeps the selection on its customer and explains the rows on
    /// screen. Says who left when the selected customer is no longer due.
    fn take_rows(&mut self, rows: Vec<DueRow>, store: &Store, words: &I18n) -> Result<Option<Moved>> {
        let gone = self.rows.get(self.nav.selected).map(|r| (r.name.clone(), Some(r.id)));
        let old: Vec<i64> = self.rows.iter().map(|r| r.id).collect();
        let new: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let followed = list::follow(&old, &new, &mut self.nav, None);
        self.rows = rows;
        self.why.clear();
        self.explain_window(store, words)?;
        Ok(followed.moved(gone, |_| self.rows.get(self.nav.selected).map(|r| r.name.clone())))
    }

    /// Explains the rows on screen that are not explained yet.
    fn explain_window(&mut self, store: &Store, words: &I18n) -> Result<()> {
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
        let ctx = Context {
            params: &store.params,
            today: store.today,
            currency: &store.currency,
            population: Population::default(),
            words,
        };
        for (id, (i, c)) in stored {
            let text = explain::next_due(&i, &c, &ctx);
            // Drop the leading date: the table shows it in its own column.
            let why = text
                .split_once([':', '：'])
                .map_or(text.clone(), |(_, w)| w.trim_start().to_string());
            self.why.insert(id.0, why);
        }
        Ok(())
    }

    pub fn selected_customer(&self) -> Option<i64> {
        self.rows.get(self.nav.selected).map(|r| r.id)
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
            Payload::Followups(rows) => self.take_rows(rows, cx.store, cx.i18n),
            _ => Ok(None),
        }
    }

    fn load_window(&mut self, cx: &Cx<'_>) -> Result<()> {
        self.explain_window(cx.store, cx.i18n)
    }

    /// The queue does not hide archived customers by a filter: it never lists them.
    fn hides_archived(&self, _user: &str) -> bool {
        true
    }

    fn selected_customer(&self) -> Option<i64> {
        FollowupsTab::selected_customer(self)
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
        let Some(table) = super::list_frame(f, area, ui, Some(&prefix), &self.nav, &self.fetch, empty) else {
            return;
        };
        let rows: Vec<Row<'_>> = self
            .nav
            .window()
            .map(|k| {
                let r = &self.rows[k];
                // A section's name on its first row (and on the first row on screen).
                let section = Section::of(r);
                let first =
                    k == self.nav.window().start || self.rows.get(k.wrapping_sub(1)).map(Section::of) != Some(section);
                let label = if first {
                    t.t(section.key()).to_string()
                } else {
                    String::new()
                };
                let row = Row::new(vec![
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
                    Cell::from(safe(self.why.get(&r.id).map_or("", String::as_str))).style(ui.theme.muted),
                ]);
                super::mark(row, k == self.nav.selected, ui)
            })
            .collect();
        let widths = [
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
        let columns = [
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
        super::table(f, table, ui, &columns, rows, &widths);
    }
}
