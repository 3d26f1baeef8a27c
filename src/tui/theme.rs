//! The theme: one table of named styles; widgets ask for "selected" or "tier_a", never for colours.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Tier;

/// Named styles.
#[derive(Debug, Clone)]
pub struct Theme {
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub header: Style,
    pub selected: Style,
    pub muted: Style,
    /// Placeholder text: what could be typed, not what is in force.
    pub hint: Style,
    pub key: Style,
    pub error: Style,
    pub status: Style,
    pub tier_a: Style,
    pub tier_b: Style,
    pub tier_c: Style,
    pub risk_high: Style,
    pub risk_mid: Style,
    pub overdue: Style,
    pub border: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().bg(Color::DarkGray).add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::DarkGray),
            hint: Style::new().fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Yellow),
            tier_a: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            tier_b: Style::new().fg(Color::Yellow),
            tier_c: Style::new(),
            risk_high: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            risk_mid: Style::new().fg(Color::Yellow),
            overdue: Style::new().fg(Color::Red),
            border: Style::new().fg(Color::DarkGray),
        }
    }
}

impl Theme {
    pub fn tier(&self, t: Option<Tier>) -> Style {
        match t {
            Some(Tier::A) => self.tier_a,
            Some(Tier::B) => self.tier_b,
            _ => self.tier_c,
        }
    }

    /// Risk at or over the flag line is high; half of it is worth a look.
    pub fn risk(&self, risk: u8, flag: u8) -> Style {
        if risk >= flag {
            self.risk_high
        } else if u16::from(risk) * 2 >= u16::from(flag) {
            self.risk_mid
        } else {
            Style::new()
        }
    }
}
