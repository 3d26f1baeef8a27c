//! The Report tab: the headline numbers (tiers with revenue share, stages, the queue); the value-report
//! work fills in the rest.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Ui;
use crate::domain::money;
use crate::store::stats::{self, TierCount};
use crate::store::{Result, Store, queue};

#[derive(Default)]
pub struct ReportTab {
    customers: i64,
    tiers: Vec<TierCount>,
    stages: Vec<(String, i64)>,
    due: usize,
}

impl ReportTab {
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        self.customers = stats::customer_count(store.conn())?;
        self.tiers = stats::tiers(store.conn())?;
        self.stages = stats::stages(store.conn())?;
        self.due = queue::due_count(store.conn(), store.today, None)?;
        Ok(())
    }

    pub fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let t = ui.i18n;
        let total: i64 = self.tiers.iter().map(|x| x.revenue_window).sum();
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{}: ", t.t("report.customers")), ui.theme.title),
                Span::raw(self.customers.to_string()),
                Span::raw("    "),
                Span::styled(format!("{}: ", t.t("report.due")), ui.theme.title),
                Span::styled(self.due.to_string(), ui.theme.overdue),
            ]),
            Line::raw(""),
            Line::styled(t.t("report.tiers").to_string(), ui.theme.header),
        ];
        for x in &self.tiers {
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
        for (stage, n) in &self.stages {
            lines.push(Line::raw(format!("{stage:<10} {n:>8}")));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.t("report.more").to_string(), ui.theme.muted));
        f.render_widget(Paragraph::new(lines), area);
    }
}
