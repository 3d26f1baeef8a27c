//! Drawing the screen from the application's state alone: the tab bar, the tab, the status line, the
//! key hints and any popup. Nothing here queries or changes anything.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};

use super::action::Action;
use super::app::{App, Mode};
use super::tabs::{Tab, Ui, safe};

impl App {
    /// The keys worth showing here and now, from the key map (so rebinding changes them): the popup's,
    /// the filter's, or the tab's own `commands()`.
    fn hints(&self) -> Vec<Action> {
        use Action::*;
        match (self.mode(), &self.popup) {
            (Mode::Filtering, _) => vec![FilterDone, FilterCancel, FilterClear],
            (_, Some(p)) => p.hints(),
            (Mode::Review, None) => match &self.review {
                Some(r) => r.commands().iter().filter(|c| c.hint).map(|c| c.action).collect(),
                None => Vec::new(),
            },
            (_, None) => self.page(self.tab).hints(),
        }
    }

    /// [`App::hints`] less what a read-only file cannot do.
    fn hints_in_force(&self) -> Vec<Action> {
        let mut hints = self.hints();
        if self.store.read_only.is_some() {
            hints.retain(|a| !a.writes());
        }
        hints
    }

    /// Draws the whole screen from the state alone.
    pub fn draw(&self, f: &mut Frame<'_>) {
        let ui = Ui {
            i18n: &self.i18n,
            theme: &self.theme,
            keymap: &self.keymap,
            today: self.store.today,
            currency: &self.store.currency,
            churn_flag: self.store.params.churn_flag,
        };
        let [tabs, body, status, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(f.area());
        let titles: Vec<Line<'_>> = Tab::ALL
            .iter()
            .enumerate()
            .map(|(k, t)| Line::from(format!(" {} {} ", k + 1, self.i18n.t(t.title_key()))))
            .collect();
        self.drawn.set(super::app::Drawn {
            tabs: tab_rects(tabs, &titles),
            body,
        });
        f.render_widget(
            Tabs::new(titles)
                .select(self.tab.index())
                .style(self.theme.tab)
                .highlight_style(self.theme.tab_active)
                .divider(" "),
            tabs,
        );
        self.draw_tab(f, body, &ui);
        if let Some(s) = &self.status {
            let style = if s.error { self.theme.error } else { self.theme.status };
            f.render_widget(Paragraph::new(safe(&s.text)).style(style), status);
        } else {
            let file = self
                .store
                .path
                .file_name()
                .map_or(String::new(), |f| f.to_string_lossy().into_owned());
            let who = format!("{} · {} · {file}", self.store.user, self.store.today);
            f.render_widget(Paragraph::new(safe(&who)).style(self.theme.muted), status);
        }
        self.draw_hints(f, keys);
        if let Some(p) = &self.popup {
            p.draw(f, body, &ui);
        }
    }

    fn draw_tab(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        if let Some(r) = self.review.as_ref().filter(|_| self.reviewing()) {
            return r.draw(f, area, ui);
        }
        self.page(self.tab).draw(f, area, ui, self.mode() == Mode::Filtering);
    }

    fn draw_hints(&self, f: &mut Frame<'_>, area: Rect) {
        let mut spans: Vec<Span<'_>> = Vec::new();
        // Most important first; a hint that does not fit whole is left out, not cut; the way to help
        // (which lists the rest) always keeps its place at the end.
        let typing = match &self.popup {
            Some(p) => p.takes_text(),
            None => self.mode() == Mode::Filtering,
        };
        let hint = |a: Action| {
            let k = if typing {
                self.keymap.hint_typing(a)
            } else {
                self.keymap.hint(a)
            };
            let text = format!(" {}  ", self.i18n.t(&format!("action.{}", a.name())));
            let need = crate::text::width(&k) + crate::text::width(&text);
            (k, text, need)
        };
        let hints = self.hints_in_force();
        let help = hints.contains(&Action::Help).then(|| hint(Action::Help));
        let mut room = (area.width as usize).saturating_sub(help.as_ref().map_or(0, |h| h.2));
        for a in hints.into_iter().filter(|a| *a != Action::Help) {
            let (k, text, need) = hint(a);
            if k.is_empty() {
                continue;
            }
            if need > room + 2 {
                break;
            }
            room = room.saturating_sub(need);
            spans.push(Span::styled(k, self.theme.key));
            spans.push(Span::raw(text));
        }
        if let Some((k, text, _)) = help.filter(|h| !h.0.is_empty()) {
            spans.push(Span::styled(k, self.theme.key));
            spans.push(Span::raw(text));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}

/// Where `Tabs` (one space of padding each side, a one-column divider) puts each title in `bar`: the
/// columns a click on that tab can hit, clipped to the bar.
fn tab_rects(bar: Rect, titles: &[Line<'_>]) -> [Rect; 5] {
    let mut rects = [Rect::default(); 5];
    let mut x = bar.x;
    for (r, title) in rects.iter_mut().zip(titles) {
        let w = u16::try_from(title.width() + 2).unwrap_or(u16::MAX);
        let end = x.saturating_add(w).min(bar.right());
        *r = Rect::new(x, bar.y, end.saturating_sub(x), bar.height.min(1));
        x = end.saturating_add(1).min(bar.right());
    }
    rects
}
