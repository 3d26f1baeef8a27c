//! The five tabs: one struct per tab owning its state, its loading and its drawing.

pub mod contacts;
pub mod customers;
pub mod feedback;
pub mod followups;
pub mod report;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::keymap::Keymap;
use super::theme::Theme;
use crate::i18n::I18n;

/// Which tab is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Customers,
    Followups,
    Contacts,
    Feedback,
    Report,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Customers,
        Tab::Followups,
        Tab::Contacts,
        Tab::Feedback,
        Tab::Report,
    ];

    pub fn title_key(self) -> &'static str {
        match self {
            Tab::Customers => "tab.customers",
            Tab::Followups => "tab.followups",
            Tab::Contacts => "tab.contacts",
            Tab::Feedback => "tab.feedback",
            Tab::Report => "tab.report",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    /// Tabs that show a list (every one but the report).
    pub fn is_list(self) -> bool {
        self != Tab::Report
    }
}

/// What drawing needs besides a tab's own state.
pub struct Ui<'a> {
    pub i18n: &'a I18n,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub today: chrono::NaiveDate,
    pub currency: &'a str,
    pub churn_flag: u8,
}

/// Data text, made safe for the screen.
pub fn safe(s: &str) -> String {
    crate::text::sanitize(s)
}

/// A one-line message in a style.
pub fn line<'a>(text: impl Into<String>, style: Style) -> Line<'a> {
    Line::from(Span::styled(text.into(), style))
}

/// The rows a table in `area` can show under its header.
pub fn table_rows(area: Rect) -> usize {
    area.height.saturating_sub(1) as usize
}
