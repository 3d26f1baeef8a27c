//! The mouse: the wheel scrolls the list or the popup, a click on a tab shows it, a click on a row selects
//! it and a second click on the same row soon after opens it. Where things are is what the last draw
//! recorded ([`Drawn`]), so a click means what the user saw under the pointer.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{App, Effect, Mode};
use crate::tui::action::Action;
use crate::tui::tabs::Tab;

/// Where the last frame put what a click can hit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    /// Each tab's title in the tab bar (padding included), in [`Tab::ALL`] order; empty when cut off.
    pub tabs: [Rect; 5],
    /// The tab's own area, under the tab bar and above the status line.
    pub body: Rect,
}

/// Rows the wheel moves per notch: three lines, as terminals scroll text.
const WHEEL_ROWS: usize = 3;

/// Two clicks on one row within this time open it (the usual double-click time of desktops).
const DOUBLE_CLICK: Duration = Duration::from_millis(500);

impl App {
    /// Handles one mouse event as it happens.
    pub fn on_mouse(&mut self, e: MouseEvent) {
        self.on_mouse_at(e, Instant::now());
    }

    /// Handles one mouse event that happened at `now` (given, so that a double click can be tested).
    pub fn on_mouse_at(&mut self, e: MouseEvent, now: Instant) {
        let at = Position::new(e.column, e.row);
        let mode = self.mode();
        match e.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = e.kind == MouseEventKind::ScrollDown;
                match mode {
                    Mode::Popup | Mode::Search => {
                        if let Some(p) = &mut self.popup {
                            p.scroll(down, WHEEL_ROWS as u16);
                        }
                    }
                    // A form keeps its place; the list behind it does not move unseen. The review card is
                    // one customer: there is nothing to scroll.
                    Mode::Form | Mode::Review => {}
                    Mode::Normal | Mode::Filtering => self.wheel(down),
                }
            }
            MouseEventKind::Down(MouseButton::Left) if mode == Mode::Normal => self.click(at, now),
            _ => {}
        }
    }

    /// Moves the selection of the list showing by a wheel notch.
    fn wheel(&mut self, down: bool) {
        let tab = self.tab;
        let Some(nav) = self.page_mut(tab).nav_mut() else {
            return;
        };
        if down {
            nav.down(WHEEL_ROWS);
        } else {
            nav.up(WHEEL_ROWS);
        }
        self.apply(tab, Effect::Scrolled);
    }

    fn click(&mut self, at: Position, now: Instant) {
        let drawn = self.drawn.get();
        if let Some(k) = drawn.tabs.iter().position(|r| r.contains(at)) {
            self.last_click = None;
            self.show_tab(Tab::ALL[k]);
            return;
        }
        if !drawn.body.contains(at) {
            return;
        }
        let tab = self.tab;
        let row = usize::from(at.y - drawn.body.y);
        let Some(k) = self.page(tab).row_at(row) else {
            return;
        };
        let again = self
            .last_click
            .is_some_and(|(when, t, was)| t == tab && was == k && now.saturating_duration_since(when) <= DOUBLE_CLICK);
        if let Some(nav) = self.page_mut(tab).nav_mut() {
            let on_screen = k.saturating_sub(nav.offset);
            nav.place(k, on_screen);
        }
        self.apply(tab, Effect::Scrolled);
        if again {
            self.last_click = None;
            if let Err(e) = self.act(Action::Open) {
                self.fail(e);
            }
        } else {
            self.last_click = Some((now, tab, k));
        }
    }
}
