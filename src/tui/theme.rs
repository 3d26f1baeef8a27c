//! The theme: one table of named styles; widgets ask for "selected" or "tier_a", never for colours. Three
//! tables — 256 colours, the 16 every terminal has, and none at all (`NO_COLOR`) — chosen once at start.

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

/// Which table of styles, as the config's `theme` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// 256 colours (also truecolor terminals): the default theme.
    Full,
    /// The sixteen ANSI colours, and only the eight basic ones as backgrounds: for the Linux console,
    /// old xterms, serial lines. No grey backgrounds (bright black is black on some), so the selected row
    /// is reversed instead.
    Sixteen,
    /// No colour at all (NO_COLOR): bold, underline, reverse and dim tell things apart.
    Mono,
}

impl Palette {
    /// The palette in force. An explicit `theme` in the config wins (no-color.org: a user's configuration
    /// overrides NO_COLOR); `"auto"` (the default) gives none when NO_COLOR is set and not empty, else 256
    /// colours when the terminal says it has them (`COLORTERM` truecolor/24bit, or a `TERM` naming 256
    /// colours or one of the terminals that always have them), else sixteen. `env` reads a variable.
    pub fn choose(setting: &str, env: &dyn Fn(&str) -> Option<String>) -> Palette {
        match setting {
            "256" => return Palette::Full,
            "16" => return Palette::Sixteen,
            "none" => return Palette::Mono,
            _ => {}
        }
        if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Palette::Mono;
        }
        let colorterm = env("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        let term = env("TERM").unwrap_or_default().to_ascii_lowercase();
        let rich = ["truecolor", "24bit"].contains(&colorterm.as_str())
            || term.contains("256color")
            || term.contains("direct")
            || ["alacritty", "xterm-kitty", "xterm-ghostty", "wezterm", "foot", "tmux"]
                .iter()
                .any(|t| term.starts_with(t));
        if rich { Palette::Full } else { Palette::Sixteen }
    }

    /// The words the config's `theme` takes.
    pub const SETTINGS: [&str; 4] = ["auto", "256", "16", "none"];
}

impl Theme {
    /// The table of styles for a palette.
    pub fn of(palette: Palette) -> Theme {
        match palette {
            Palette::Full => Theme::default(),
            Palette::Sixteen => Theme::sixteen(),
            Palette::Mono => Theme::mono(),
        }
    }

    /// Sixteen colours: the default's hues, with the basic eight only as backgrounds and the grey ones
    /// (which vanish on some terminals) replaced by dim and reverse.
    pub fn sixteen() -> Theme {
        Theme {
            tab: Style::new(),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            muted: Style::new().add_modifier(Modifier::DIM),
            hint: Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
            border: Style::new(),
            ..Theme::default()
        }
    }

    /// No colour: the active tab and the selected row reversed, tier A bold and B underlined (C plain; the
    /// letter says it too), high risk and overdue bold, errors bold, what is muted dim.
    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::BOLD),
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            header: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            muted: plain.add_modifier(Modifier::DIM),
            hint: plain.add_modifier(Modifier::DIM | Modifier::ITALIC),
            key: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD),
            status: plain,
            tier_a: plain.add_modifier(Modifier::BOLD),
            tier_b: plain.add_modifier(Modifier::UNDERLINED),
            tier_c: plain,
            risk_high: plain.add_modifier(Modifier::BOLD),
            risk_mid: plain.add_modifier(Modifier::UNDERLINED),
            overdue: plain.add_modifier(Modifier::BOLD),
            border: plain,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn no_color_set_and_not_empty_means_no_colour_unless_the_config_names_a_theme() {
        let xterm = [("TERM", "xterm-256color"), ("NO_COLOR", "1")];
        assert_eq!(Palette::choose("auto", &env(&xterm)), Palette::Mono);
        // Empty is unset (no-color.org).
        let empty = [("TERM", "xterm-256color"), ("NO_COLOR", "")];
        assert_eq!(Palette::choose("auto", &env(&empty)), Palette::Full);
        assert_eq!(Palette::choose("16", &env(&xterm)), Palette::Sixteen);
        assert_eq!(Palette::choose("none", &env(&[])), Palette::Mono);
    }

    #[test]
    fn the_terminal_decides_between_256_and_16_colours() {
        for (vars, want) in [
            (vec![("COLORTERM", "truecolor"), ("TERM", "xterm")], Palette::Full),
            (vec![("TERM", "screen-256color")], Palette::Full),
            (vec![("TERM", "xterm-kitty")], Palette::Full),
            (vec![("TERM", "linux")], Palette::Sixteen),
            (vec![("TERM", "xterm")], Palette::Sixteen),
            (vec![("TERM", "vt100")], Palette::Sixteen),
            (vec![], Palette::Sixteen),
        ] {
            assert_eq!(Palette::choose("auto", &env(&vars)), want, "{vars:?}");
        }
    }

    fn styles(t: &Theme) -> Vec<Style> {
        vec![
            t.title,
            t.tab,
            t.tab_active,
            t.header,
            t.selected,
            t.muted,
            t.hint,
            t.key,
            t.error,
            t.status,
            t.tier_a,
            t.tier_b,
            t.tier_c,
            t.risk_high,
            t.risk_mid,
            t.overdue,
            t.border,
        ]
    }

    #[test]
    fn mono_has_no_colour_and_still_tells_the_tiers_and_the_selection_apart() {
        let t = Theme::mono();
        for s in styles(&t) {
            assert_eq!((s.fg, s.bg, s.underline_color), (None, None, None), "{s:?}");
        }
        let tiers = [t.tier_a, t.tier_b, t.tier_c];
        for (i, a) in tiers.iter().enumerate() {
            for b in &tiers[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(t.tab_active, t.tab);
    }

    #[test]
    fn sixteen_uses_only_the_basic_colours_as_backgrounds_and_tiers_differ() {
        let t = Theme::sixteen();
        let basic = [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
        ];
        for s in styles(&t) {
            if let Some(bg) = s.bg {
                assert!(basic.contains(&bg), "{s:?}");
            }
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert!(!matches!(c, Color::Indexed(_) | Color::Rgb(..)), "{s:?}");
            }
        }
        assert_ne!(t.tier_a, t.tier_b);
        assert_ne!(t.tier_b, t.tier_c);
    }
}
