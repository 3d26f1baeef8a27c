//! The Customers tab: every customer matching the filter, sorted; only the rows on screen are loaded.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::page::{Command, Cx, Effect, Page, handle_list, quiet, shown};
use super::{Ui, safe};
use crate::domain::money;
use crate::domain::{CustomerId, Invalid, filter};
use crate::store::filter_sql::{self, Listed};
use crate::store::{Result, Store};
use crate::tui::action::Action;
use crate::tui::forms::OpenForm;
use crate::tui::list::{Keyed, Moved, Nav, Paged};
use crate::tui::loader::{Fetch, Payload, Query};
use crate::tui::popups::Popup;

/// Sort fields in the order `s` cycles through them.
pub const SORTS: &[&str] = &[
    "tier", "risk", "due", "revenue", "name", "company", "stage", "segment", "owner",
];

impl Keyed for Listed {
    fn key(&self) -> i64 {
        self.customer.id.0
    }
}

/// The tab's state.
#[derive(Default)]
pub struct CustomersTab {
    pub filter_text: String,
    pub filter_error: Option<Invalid>,
    pub sort: usize,
    pub reverse: bool,
    rows: Paged<Listed>,
    pub nav: Nav,
    /// The request out to the loader.
    pub fetch: Fetch,
}

impl CustomersTab {
    pub fn sort_field(&self) -> String {
        format!(
            "{}{}",
            if self.reverse { "-" } else { "" },
            SORTS[self.sort % SORTS.len()]
        )
    }

    /// The filter as typed, parsed; a bad filter keeps the last good list and shows why.
    fn parsed(&mut self, store: &Store) -> Option<filter::Filter> {
        match filter::parse(&self.filter_text, &store.user) {
            Ok(f) => {
                self.filter_error = None;
                Some(f)
            }
            Err(e) => {
                self.filter_error = Some(e);
                None
            }
        }
    }

    /// The customer under the cursor.
    pub fn selected(&self) -> Option<&Listed> {
        self.rows.get(self.nav.selected)
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }
}

impl Page for CustomersTab {
    fn commands(&self) -> &'static [Command] {
        use Action::*;
        const COMMANDS: &[Command] = &[
            shown(Open),
            shown(Filter),
            shown(Add),
            shown(Edit),
            shown(LogContact),
            shown(AddOrder),
            shown(AddFeedback),
            quiet(AddFollowup),
            quiet(Snooze),
            quiet(MarkDone),
            shown(Sort),
            shown(Archive),
            shown(Undo),
            shown(Help),
            shown(Quit),
            quiet(Down),
            quiet(Up),
            quiet(Top),
            quiet(Bottom),
            quiet(PageDown),
            quiet(PageUp),
            quiet(SortReverse),
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

    /// The query for the list as filtered and sorted now; `None` while the filter does not parse (the
    /// last good list stays, with the error beside the filter).
    fn query(&mut self, store: &Store) -> Option<Query> {
        let filter = self.parsed(store)?;
        Some(Query::Customers {
            filter,
            sort: self.sort_field(),
        })
    }

    /// Takes the ids the query found; the selection follows its customer into them, or moves to `want`
    /// (a customer just added) when it is listed. Says who left when the selected customer did.
    fn receive(&mut self, payload: Payload, want: Option<i64>, cx: &Cx<'_>) -> Result<Option<Moved>> {
        let Payload::Customers(ids) = payload else {
            return Ok(None);
        };
        let gone = self
            .selected()
            .map(|l| (l.customer.name.clone(), Some(l.customer.id.0)));
        let followed = self.rows.set_ids(ids, &mut self.nav, want, |ids| {
            filter_sql::by_ids(cx.store.conn(), &ids.iter().map(|&i| CustomerId(i)).collect::<Vec<_>>())
        })?;
        Ok(followed.moved(gone, |_| self.selected().map(|l| l.customer.name.clone())))
    }

    /// Shows why the query failed beside the filter, where it was typed.
    fn failed(&mut self, why: String) -> Option<String> {
        self.filter_error = Some(Invalid::new("filter", why));
        None
    }

    /// Reloads the rows on screen (after a write changed their classes); the list follows from the loader.
    fn refresh_window(&mut self, cx: &Cx<'_>) -> Result<()> {
        self.rows.refresh(&self.nav, |ids| {
            filter_sql::by_ids(cx.store.conn(), &ids.iter().map(|&i| CustomerId(i)).collect::<Vec<_>>())
        })
    }

    /// Loads the rows on screen when the window moved past what is loaded.
    fn load_window(&mut self, cx: &Cx<'_>) -> Result<()> {
        self.rows.load(&self.nav, |ids| {
            filter_sql::by_ids(cx.store.conn(), &ids.iter().map(|&i| CustomerId(i)).collect::<Vec<_>>())
        })
    }

    fn selected_customer(&self) -> Option<i64> {
        self.selected().map(|l| l.customer.id.0)
    }

    /// Unless the filter asks for archived customers too (then archiving is not why one left).
    fn hides_archived(&self, user: &str) -> bool {
        !filter::parse(&self.filter_text, user)
            .ok()
            .and_then(|f| f.archived)
            .is_some_and(|a| a != filter::Archived::No)
    }

    fn handle(&mut self, action: Action, cx: &Cx<'_>) -> Result<Effect> {
        Ok(match action {
            Action::Sort | Action::SortReverse => {
                if action == Action::Sort {
                    self.sort = (self.sort + 1) % SORTS.len();
                } else {
                    self.reverse = !self.reverse;
                }
                // The selection follows its customer to wherever the new order puts it.
                Effect::Ask
            }
            Action::Archive => match self.selected() {
                Some(l) => Effect::Open(Popup::ConfirmArchive {
                    id: l.customer.id.0,
                    name: l.customer.name.clone(),
                }),
                None => Effect::Done,
            },
            Action::Add => Effect::Open(Popup::Form(Box::new(OpenForm::new_customer(&cx.store.user, cx.i18n)))),
            _ => return handle_list(self, action, cx),
        })
    }

    fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>, filtering: bool) {
        let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let t = ui.i18n;
        // No filter: a hint in its own style and words ("/ to filter, e.g. …") that cannot be mistaken
        // for a filter in force, which reads "Filter: …".
        let mut spans = if self.filter_text.is_empty() && !filtering {
            let key = ui.keymap.hint(crate::tui::action::Action::Filter);
            vec![Span::styled(t.f("filter.hint", &[("key", &key)]), ui.theme.hint)]
        } else {
            vec![
                Span::styled(format!("{}: ", t.t("filter.prompt")), ui.theme.title),
                Span::raw(safe(&self.filter_text)),
            ]
        };
        if filtering {
            spans.push(Span::styled("▏", ui.theme.key));
        }
        spans.push(Span::raw("   "));
        match &self.filter_error {
            Some(e) => spans.push(Span::styled(safe(&e.reason_in(t)), ui.theme.error)),
            None if self.fetch.pending => spans.push(Span::styled(t.t("list.loading").to_string(), ui.theme.muted)),
            None => {
                let shown = if self.total() == 0 { 0 } else { self.nav.selected + 1 };
                spans.push(Span::styled(
                    t.f(
                        "list.count",
                        &[("shown", &shown.to_string()), ("total", &self.total().to_string())],
                    ),
                    ui.theme.muted,
                ));
                let column = t.t(&format!("col.{}", SORTS[self.sort % SORTS.len()])).to_string();
                let column = if self.reverse {
                    t.f("list.reversed", &[("field", &column)])
                } else {
                    column
                };
                spans.push(Span::styled(
                    format!("  {}", t.f("list.sorted", &[("field", &column)])),
                    ui.theme.muted,
                ));
            }
        }
        f.render_widget(Paragraph::new(Line::from(spans)), info);
        if self.total() == 0 {
            let empty = if self.fetch.first_load() {
                "list.loading"
            } else {
                "list.empty"
            };
            f.render_widget(Paragraph::new(t.t(empty).to_string()).style(ui.theme.muted), table);
            return;
        }
        // Narrow terminals drop the segment and owner columns so names stay readable.
        let wide = area.width >= 110;
        let keys: &[&str] = if wide {
            &[
                "col.name",
                "col.company",
                "col.tier",
                "col.stage",
                "col.segment",
                "col.risk",
                "col.revenue",
                "col.due",
                "col.owner",
            ]
        } else {
            &[
                "col.name",
                "col.company",
                "col.tier",
                "col.stage",
                "col.risk",
                "col.revenue",
                "col.due",
            ]
        };
        let rows: Vec<Row<'_>> = self
            .rows
            .visible(&self.nav)
            .map(|(k, r)| {
                let (c, cl) = (&r.customer, &r.classes);
                let overdue = cl.next_due.is_some_and(|d| d < ui.today);
                let mut cells = vec![
                    Cell::from(safe(&c.name)),
                    Cell::from(safe(c.company.as_deref().unwrap_or(""))),
                    Cell::from(cl.tier.map_or("-".into(), |t| t.to_string())).style(ui.theme.tier(cl.tier)),
                    Cell::from(t.t(&format!("stage.{}", cl.stage)).to_string()),
                ];
                if wide {
                    cells.push(Cell::from(
                        cl.segment
                            .map_or("-".into(), |s| t.t(&format!("segment.{s}")).to_string()),
                    ));
                }
                cells.extend([
                    Cell::from(format!("{}{}", cl.churn_risk, if cl.churn_flag { "!" } else { "" }))
                        .style(ui.theme.risk(cl.churn_risk, ui.churn_flag)),
                    Cell::from(money::format(r.inputs.revenue_window, ui.currency)),
                    Cell::from(cl.next_due.map_or("-".into(), |d| d.to_string())).style(if overdue {
                        ui.theme.overdue
                    } else {
                        ui.theme.tier_c
                    }),
                ]);
                if wide {
                    cells.push(Cell::from(safe(c.owner.as_deref().unwrap_or(""))));
                }
                let row = Row::new(cells);
                super::mark(row, k == self.nav.selected, ui)
            })
            .collect();
        let widths: Vec<Constraint> = if wide {
            vec![
                Constraint::Fill(3),
                Constraint::Fill(3),
                Constraint::Length(4),
                Constraint::Length(9),
                Constraint::Length(18),
                Constraint::Length(4),
                Constraint::Length(14),
                Constraint::Length(10),
                Constraint::Fill(2),
            ]
        } else {
            vec![
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Length(4),
                Constraint::Length(9),
                Constraint::Length(4),
                Constraint::Length(13),
                Constraint::Length(10),
            ]
        };
        super::table(f, table, ui, keys, rows, &widths);
    }
}
