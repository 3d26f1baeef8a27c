//! The error popup: a failure that needs reading before going on.

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Boxed, centered};
use crate::tui::action::Action;
use crate::tui::tabs::{Ui, safe};

pub(super) fn boxed(e: &str, area: Rect, ui: &Ui<'_>) -> Boxed {
    Boxed {
        title: format!(" {} ", ui.i18n.t("status.error")),
        lines: vec![
            Line::styled(safe(e), ui.theme.error),
            Line::raw(""),
            Line::styled(format!("{} ✗", ui.keymap.hint(Action::Back)), ui.theme.key),
        ],
        rect: centered(area, 70, 30),
        scroll: 0,
        wrap: true,
    }
}
