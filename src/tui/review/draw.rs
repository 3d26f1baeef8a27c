//! Drawing review mode from its state alone: the card (who, why due, last contacts, open feedback, the
//! classes and a year of revenue as a sparkline) with the footer's counts, or the summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline, Wrap};

use super::{Card, Outcome, Review};
use crate::tui::action::Action;
use crate::tui::tabs::{Ui, safe};

impl Review {
    pub fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let t = ui.i18n;
        let (at, of) = self.place();
        let title = if self.finished {
            format!(" {} ", t.t("review.summary.title"))
        } else {
            format!(
                " {} ",
                t.f("review.title", &[("n", &at.to_string()), ("total", &of.to_string())])
            )
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(ui.theme.border)
            .title(Span::styled(title, ui.theme.title));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let [body, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
        let (done, left) = self.counts();
        let counts = t.f(
            "review.footer",
            &[("done", &done.to_string()), ("left", &left.to_string())],
        );
        f.render_widget(Paragraph::new(counts).style(ui.theme.muted), footer);
        match (self.finished, self.card()) {
            (true, _) => self.draw_summary(f, body, ui),
            (false, Some(card)) => self.draw_card(card, f, body, ui),
            // The card could not be read: the status line says why.
            (false, None) => {}
        }
    }

    fn draw_card(&self, card: &Card, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let t = ui.i18n;
        let [text, spark_title, spark] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1), Constraint::Length(2)]).areas(area);
        let c = &card.customer;
        let cl = &card.classes;
        let o = |v: &Option<String>| safe(v.as_deref().unwrap_or(""));
        let mut who = vec![
            Span::styled(safe(&c.name), ui.theme.title),
            Span::raw(format!("  #{}  ", c.id)),
            Span::raw(o(&c.company)),
            Span::raw("  "),
            Span::styled(o(&c.phone), ui.theme.key),
        ];
        if let Some(outcome) = self.outcome() {
            let said = match outcome {
                Outcome::Logged => t.t("review.outcome.logged").to_string(),
                Outcome::Snoozed(d) => t.f("review.outcome.snoozed", &[("date", &d.to_string())]),
                Outcome::Done => t.t("review.outcome.done").to_string(),
            };
            who.push(Span::raw("  "));
            who.push(Span::styled(format!("[{said}]"), ui.theme.tier_a));
        }
        let tier = cl.tier.map_or("-".to_string(), |x| x.to_string());
        let mut classes = vec![
            Span::styled(format!("{} {tier}", t.t("col.tier")), ui.theme.tier(cl.tier)),
            Span::raw(" · "),
            Span::raw(t.t(&format!("stage.{}", cl.stage)).to_string()),
        ];
        if let Some(seg) = cl.segment {
            classes.push(Span::raw(" · "));
            classes.push(Span::raw(t.t(&format!("segment.{seg}")).to_string()));
        }
        classes.push(Span::raw(" · "));
        classes.push(Span::styled(
            format!("{} {}", t.t("col.risk"), cl.churn_risk),
            ui.theme.risk(cl.churn_risk, ui.churn_flag),
        ));
        if let Some(owner) = &c.owner {
            classes.push(Span::raw(" · "));
            classes.push(Span::styled(safe(owner), ui.theme.muted));
        }
        let mut lines = vec![Line::from(who), Line::from(classes)];
        lines.push(Line::styled(t.t("review.why").to_string(), ui.theme.header));
        for why in &card.why {
            lines.push(Line::raw(format!("  {}", safe(why))));
        }
        lines.push(Line::styled(t.t("review.contacts").to_string(), ui.theme.header));
        if card.contacts.is_empty() {
            lines.push(Line::styled(format!("  {}", t.t("review.none")), ui.theme.muted));
        }
        for k in &card.contacts {
            let said = [k.summary.as_deref(), k.outcome.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" → ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", crate::store::clock::local_day(k.at)), ui.theme.muted),
                Span::raw(format!("{}  ", t.t(&format!("channel.{}", k.channel)))),
                Span::raw(safe(&said)),
            ]));
        }
        lines.push(Line::styled(t.t("review.feedback").to_string(), ui.theme.header));
        if card.feedback.is_empty() {
            lines.push(Line::styled(format!("  {}", t.t("review.none")), ui.theme.muted));
        }
        for fb in &card.feedback {
            let mut spans = vec![
                Span::styled(format!("  {} ", fb.priority), ui.theme.risk_high),
                Span::raw(safe(&fb.title)),
                Span::styled(format!("  ({})", t.t(&format!("status.{}", fb.status))), ui.theme.muted),
            ];
            if let Some(n) = fb.overdue_days.filter(|n| *n > 0) {
                spans.push(Span::styled(
                    format!("  {}", t.f("review.late", &[("n", &n.to_string())])),
                    ui.theme.overdue,
                ));
            }
            lines.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text);
        let total: i64 = card.revenue.iter().sum();
        let label = t.f(
            "review.revenue",
            &[
                ("n", &card.revenue.len().to_string()),
                ("total", &crate::domain::money::format(total, ui.currency)),
            ],
        );
        f.render_widget(Paragraph::new(label).style(ui.theme.header), spark_title);
        // One bar a month, as wide as the screen allows (three cells when there is room).
        let width = (spark.width as usize / card.revenue.len().max(1)).clamp(1, 3) as u16;
        let data: Vec<u64> = card
            .revenue
            .iter()
            .flat_map(|v| std::iter::repeat_n((*v).max(0) as u64, width as usize))
            .collect();
        f.render_widget(Sparkline::default().data(&data).style(ui.theme.tier_b), spark);
    }

    fn draw_summary(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let t = ui.i18n;
        let [logged, snoozed, done, skipped] = self.tally();
        let n = |v: usize| v.to_string();
        let total = self.queue.len();
        let mut lines = vec![
            Line::styled(
                t.f(
                    "review.summary.total",
                    &[
                        ("n", &n(total)),
                        ("done", &n(logged + snoozed + done)),
                        ("skipped", &n(skipped)),
                    ],
                ),
                ui.theme.header,
            ),
            Line::raw(""),
        ];
        for (key, v) in [
            ("review.summary.logged", logged),
            ("review.summary.snoozed", snoozed),
            ("review.summary.done", done),
            ("review.summary.skipped", skipped),
        ] {
            lines.push(Line::raw(format!("  {}", t.f(key, &[("n", &n(v))]))));
        }
        lines.push(Line::raw(""));
        let key = |a: Action| ui.keymap.hint(a);
        lines.push(Line::styled(
            t.f(
                "review.summary.again",
                &[
                    ("back", &key(Action::ReviewPrev)),
                    ("leave", &key(Action::ReviewLeave)),
                    ("again", &key(Action::Review)),
                ],
            ),
            ui.theme.muted,
        ));
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}
