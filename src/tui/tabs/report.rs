//! The Report tab: the headline numbers (tiers with revenue share, stages, the queue); the value-report
//! work fills in the rest.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Ui;
use super::page::{Command, Cx, Page, shown};
use crate::domain::money;
use crate::store::Result;
use crate::store::stats::Headline;
use crate::tui::action::Action;
use crate::tui::list::Moved;
use crate::tui::loader::{Fetch, Payload, Query};

#[derive(Default)]
pub struct ReportTab {
    figures: Headline,
    pub fetch: Fetch,
}

impl Page for ReportTab {
    fn commands(&self) -> &'static [Command] {
        use Action::*;
        const COMMANDS: &[Command] = &[shown(NextTab), shown(PrevTab), shown(Help), shown(Quit)];
        COMMANDS
    }

    fn fetch(&self) -> &Fetch {
        &self.fetch
    }
    fn fetch_mut(&mut self) -> &mut Fetch {
        &mut self.fetch
    }

    fn query(&mut self, _store: &crate::store::Store) -> Option<Query> {
        Some(Query::Report)
    }

    fn receive(&mut self, payload: Payload, _want: Option<i64>, _cx: &Cx<'_>) -> Result<Option<Moved>> {
        if let Payload::Report(figures) = payload {
            self.figures = figures;
        }
        Ok(None)
    }

    fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>, _filtering: bool) {
        let t = ui.i18n;
        if self.fetch.first_load() {
            f.render_widget(
                Paragraph::new(t.t("list.loading").to_string()).style(ui.theme.muted),
                area,
            );
            return;
        }
        let fig = &self.figures;
        let total: i64 = fig.tiers.iter().map(|x| x.revenue_window).sum();
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{}: ", t.t("report.customers")), ui.theme.title),
                Span::raw(fig.customers.to_string()),
                Span::raw("    "),
                Span::styled(format!("{}: ", t.t("report.due")), ui.theme.title),
                Span::styled(fig.due.to_string(), ui.theme.overdue),
            ]),
            Line::raw(""),
            Line::styled(t.t("report.tiers").to_string(), ui.theme.header),
        ];
        for x in &fig.tiers {
            let share = if total > 0 {
                x.revenue_window as f64 / total as f64
            } else {
                0.0
            };
            let bar = "█".repeat((share * 40.0).round() as usize);
            let tier = x.tier.parse().ok();
            lines.push(Line::from(vec![
                Span::styled(format!("{:<3}", x.tier), ui.theme.tier(tier)),
                Span::raw(format!(
                    "{:>8}  {:>18}  {:>6.1}%  ",
                    x.customers,
                    money::format(x.revenue_window, ui.currency),
                    share * 100.0
                )),
                Span::styled(bar, ui.theme.tier(tier)),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.t("report.stages").to_string(), ui.theme.header));
        for (stage, n) in &fig.stages {
            let name = t.t(&format!("stage.{stage}")).to_string();
            lines.push(Line::raw(format!("{} {n:>8}", crate::text::pad(&name, 10))));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.t("report.more").to_string(), ui.theme.muted));
        f.render_widget(Paragraph::new(lines), area);
    }
}
