//! The five tabs: one struct per tab owning its state, its loading, its drawing and the actions it
//! accepts (the `Page` trait in `page.rs`, through which the application dispatches).

pub mod contacts;
pub mod customers;
pub mod feedback;
pub mod followups;
pub mod page;
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

/// The lines a list tab draws above its rows: the info line and the table header.
pub const LIST_TOP: usize = 2;

/// Data text, made safe for the screen.
pub fn safe(s: &str) -> String {
    crate::text::sanitize(s)
}

/// A one-line message in a style.
pub fn line<'a>(text: impl Into<String>, style: Style) -> Line<'a> {
    Line::from(Span::styled(text.into(), style))
}

/// "Filter: text▏" while typing or while a filter is set.
pub fn filter_prefix(ui: &Ui<'_>, text: &str, filtering: bool) -> Option<String> {
    (filtering || !text.is_empty()).then(|| {
        format!(
            "{}: {}{}",
            ui.i18n.t("filter.prompt"),
            safe(text),
            if filtering { "▏" } else { "" }
        )
    })
}

/// Draws a list's info line (`prefix`, "3 of 120", and "loading…" while a query is out) above `area`
/// and, when the list is empty, why (still loading, or the locale key `empty`: nothing matches, the queue
/// is clear); returns where the table goes, or `None` when there is nothing to list.
pub fn list_frame(
    f: &mut ratatui::Frame<'_>,
    area: Rect,
    ui: &Ui<'_>,
    prefix: Option<&str>,
    nav: &crate::tui::list::Nav,
    fetch: &crate::tui::loader::Fetch,
    empty: &str,
) -> Option<Rect> {
    use ratatui::layout::{Constraint, Layout};
    use ratatui::widgets::Paragraph;
    let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let t = ui.i18n;
    let shown = if nav.len == 0 { 0 } else { nav.selected + 1 };
    let count = t.f(
        "list.count",
        &[("shown", &shown.to_string()), ("total", &nav.len.to_string())],
    );
    let mut text = match prefix {
        Some(p) => format!("{p} — {count}"),
        None => count,
    };
    if fetch.pending {
        text = format!("{text}   {}", t.t("list.loading"));
    }
    f.render_widget(Paragraph::new(text).style(ui.theme.muted), info);
    if nav.len == 0 {
        let empty = if fetch.first_load() { "list.loading" } else { empty };
        f.render_widget(Paragraph::new(t.t(empty).to_string()).style(ui.theme.muted), table);
        return None;
    }
    Some(table)
}

/// A table row, marked when it is the one under the cursor.
pub fn mark<'a>(row: ratatui::widgets::Row<'a>, selected: bool, ui: &Ui<'_>) -> ratatui::widgets::Row<'a> {
    if selected { row.style(ui.theme.selected) } else { row }
}

/// Draws `rows` as a table under a header of column titles (locale keys).
pub fn table(
    f: &mut ratatui::Frame<'_>,
    area: Rect,
    ui: &Ui<'_>,
    columns: &[&str],
    rows: Vec<ratatui::widgets::Row<'_>>,
    widths: &[ratatui::layout::Constraint],
) {
    use ratatui::widgets::{Cell, Row, Table};
    let header = Row::new(columns.iter().map(|k| Cell::from(ui.i18n.t(k).to_string()))).style(ui.theme.header);
    f.render_widget(
        Table::new(rows, widths.iter().copied())
            .header(header)
            .column_spacing(1),
        area,
    );
}

/// The rows a table in `area` can show under its header.
pub fn table_rows(area: Rect) -> usize {
    area.height.saturating_sub(1) as usize
}
