//! Popups over the tabs, one file each: a customer's detail, the help screen, a confirmation, an error
//! and a form. This file holds what they share: the enum of what is open, the frame they are drawn in,
//! scrolling and the hints each shows.

pub mod confirm;
pub mod detail;
pub mod error;
pub mod form;
pub mod help;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::action::Action;
use super::tabs::Ui;
pub use detail::Detail;
pub use help::Help;

/// What is open over the tabs.
pub enum Popup {
    Detail(Box<Detail>),
    Help(Help),
    /// Archive this customer?
    ConfirmArchive {
        id: i64,
        name: String,
    },
    /// Delete this contact (logged by mistake)?
    ConfirmDeleteContact {
        id: i64,
        name: String,
        at: String,
    },
    /// A form being filled in.
    Form(Box<super::forms::OpenForm>),
    /// Leave this form and drop its edits?
    ConfirmDrop(Box<super::forms::OpenForm>),
    Error(String),
}

/// A centred rectangle `w`% × `h`% of `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Percentage(h)])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Percentage(w)])
        .flex(Flex::Center)
        .areas(v);
    r
}

/// What a boxed popup shows: its title, its lines, where, scrolled how far, and whether lines wrap.
struct Boxed {
    title: String,
    lines: Vec<Line<'static>>,
    rect: Rect,
    scroll: u16,
    wrap: bool,
}

impl Popup {
    pub fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let b = match self {
            // A form draws itself over the whole body.
            Popup::Form(open) => {
                open.form.draw(f, area, ui);
                return;
            }
            Popup::Detail(d) => Boxed {
                title: d.title(),
                lines: d.lines(ui),
                rect: area,
                scroll: d.scroll,
                wrap: true,
            },
            Popup::Help(h) => Boxed {
                title: format!(" {} ", ui.i18n.t("help.title")),
                lines: h.lines(ui),
                rect: centered(area, 80, 90),
                scroll: h.scroll,
                wrap: false,
            },
            Popup::ConfirmArchive { name, .. } => confirm::archive(name, area, ui),
            Popup::ConfirmDrop(open) => confirm::drop(open, area, ui),
            Popup::ConfirmDeleteContact { name, at, .. } => confirm::delete_contact(name, at, area, ui),
            Popup::Error(e) => error::boxed(e, area, ui),
        };
        f.render_widget(Clear, b.rect);
        let block = Block::bordered().title(b.title).border_style(ui.theme.border);
        let mut p = Paragraph::new(b.lines).block(block).scroll((b.scroll, 0));
        if b.wrap {
            p = p.wrap(Wrap { trim: false });
        }
        f.render_widget(p, b.rect);
    }

    /// Scrolls a scrollable popup.
    pub fn scroll(&mut self, down: bool, n: u16) {
        let s = match self {
            Popup::Detail(d) => &mut d.scroll,
            Popup::Help(h) => &mut h.scroll,
            _ => return,
        };
        *s = if down { s.saturating_add(n) } else { s.saturating_sub(n) };
    }

    /// The keys worth showing while this popup is open, most important first.
    pub fn hints(&self) -> Vec<Action> {
        use Action::*;
        match self {
            Popup::ConfirmArchive { .. } | Popup::ConfirmDrop(_) | Popup::ConfirmDeleteContact { .. } => {
                confirm::hints()
            }
            Popup::Form(open) => form::hints(open),
            Popup::Help(_) => help::Help::hints(),
            // `q` closes a popup (Back): the hint would name it for quitting. The detail view acts on its
            // customer as a list acts on the selected one.
            Popup::Detail(_) => vec![
                Back,
                LogContact,
                AddOrder,
                AddFeedback,
                AddFollowup,
                Edit,
                Down,
                Up,
                Help,
            ],
            Popup::Error(_) => vec![Back, Down, Up, PageDown, Help],
        }
    }

    /// True when plain letters type text here (a help search, a form's text field), so hints name keys
    /// that work while typing.
    pub fn takes_text(&self) -> bool {
        match self {
            Popup::Help(_) => true,
            Popup::Form(open) => open.form.focused_is_text(),
            _ => false,
        }
    }
}
