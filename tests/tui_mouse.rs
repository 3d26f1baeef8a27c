//! The interface driven by the mouse as tests/tui.rs drives it by keys — the wheel, clicks on tabs and
//! rows, a double click — and drawn in the sixteen-colour and the colourless (NO_COLOR) themes.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};
use tiercrm::i18n::I18n;
use tiercrm::store::{Options, Store, bulk};
use tiercrm::tui::app::App;
use tiercrm::tui::keymap::Keymap;
use tiercrm::tui::popup::Popup;
use tiercrm::tui::tabs::Tab;
use tiercrm::tui::theme::Theme;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A demo database of `n` customers and an app over it, every list arrived.
fn app(dir: &std::path::Path, n: usize, lang: &str, w: u16, h: u16) -> App {
    let mut store = Store::open(Options {
        path: dir.join("crm.db"),
        user: "li.wei".into(),
        today: today(),
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: Duration::from_secs(5),
        access: Default::default(),
    })
    .unwrap();
    bulk::load(&mut store, &tiercrm::demo::generate(n, 11, today())).unwrap();
    let mut a = App::new(store, Keymap::default(), I18n::new(lang), w, h).unwrap();
    a.settle();
    a
}

/// Draws the app as the event loop does (which is what records where things are) and returns the cells.
fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t.backend().buffer().clone()
}

/// The text of screen row `y`, wide characters once.
fn row_text(buf: &Buffer, y: u16) -> String {
    let mut line = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        line.push_str(sym);
        x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
    }
    line.trim_end().to_string()
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

fn click(app: &mut App, column: u16, row: u16, at: Instant) {
    app.on_mouse_at(mouse(MouseEventKind::Down(MouseButton::Left), column, row), at);
    // The release that follows every press means nothing by itself.
    app.on_mouse_at(mouse(MouseEventKind::Up(MouseButton::Left), column, row), at);
    app.settle();
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    app.settle();
}

/// The screen column of the tab bar's digit `n` (the tab's number), found in what was drawn.
fn tab_column(buf: &Buffer, n: usize) -> u16 {
    let digit = n.to_string();
    (0..buf.area.width)
        .find(|&x| buf[(x, 0)].symbol() == digit)
        .unwrap_or_else(|| panic!("tab {n} not drawn in {:?}", row_text(buf, 0)))
}

#[test]
fn clicking_a_tab_shows_it_in_both_languages_and_sizes() {
    for (lang, w, h) in [("en", 120, 35), ("zh", 80, 24)] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path(), 60, lang, w, h);
        let t0 = Instant::now();
        // Each title from its left padding to its right one: the first and last column count.
        for (k, tab) in Tab::ALL.iter().enumerate().rev() {
            let buf = draw(&a, w, h);
            let x = tab_column(&buf, k + 1);
            click(&mut a, x - 1, 0, t0);
            assert_eq!(a.tab, *tab, "{lang}: clicking just before digit {}", k + 1);
        }
        let buf = draw(&a, w, h);
        let title = row_text(&buf, 0);
        // Past the last title nothing is hit.
        let end = unicode_width::UnicodeWidthStr::width(title.as_str()) as u16 + 2;
        click(&mut a, end.min(w - 1), 0, t0);
        assert_eq!(a.tab, Tab::Customers, "{lang}: {title}");
        let x = tab_column(&draw(&a, w, h), 4);
        click(&mut a, x + 2, 0, t0);
        assert_eq!(a.tab, Tab::Feedback, "{lang}: inside the title of tab 4");
    }
}

#[test]
fn clicking_a_row_selects_it_and_a_second_click_soon_after_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (120, 35);
    let mut a = app(dir.path(), 60, "en", w, h);
    let buf = draw(&a, w, h);
    // Tab bar, info line, table header: the fourth row of the list is on screen row 6.
    let y = 1 + 2 + 3;
    let clicked_text = row_text(&buf, y);
    let t0 = Instant::now();
    click(&mut a, 5, y, t0);
    assert_eq!(a.customers.nav.selected, 3);
    let name = a.customers.selected().unwrap().customer.name.clone();
    assert!(clicked_text.starts_with(&name), "{clicked_text:?} is not {name}");
    assert!(a.popup.is_none(), "one click selects only");
    // A second click on the same row, late: it selects again, opens nothing.
    let buf = draw(&a, w, h);
    click(&mut a, 5, y, t0 + Duration::from_secs(2));
    assert!(a.popup.is_none());
    // And a third soon after the second: a double click opens the record.
    click(&mut a, 9, y, t0 + Duration::from_millis(2300));
    match &a.popup {
        Some(Popup::Detail(d)) => assert_eq!(d.customer.name, name),
        _ => panic!("the detail view is not open"),
    }
    // The selected row is drawn as selected where it was clicked.
    assert!(buf[(0, y)].modifier.contains(Modifier::BOLD) || buf[(0, y)].bg != Color::Reset);
    // A click on the header or below the last row selects nothing new.
    press(&mut a, KeyCode::Esc);
    draw(&a, w, h);
    click(&mut a, 5, 2, t0 + Duration::from_secs(10));
    assert_eq!(a.customers.nav.selected, 3);
}

#[test]
fn the_wheel_moves_the_list_and_scrolls_a_popup_and_a_form_ignores_the_mouse() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (80, 24);
    let mut a = app(dir.path(), 200, "en", w, h);
    draw(&a, w, h);
    let t0 = Instant::now();
    for _ in 0..10 {
        a.on_mouse_at(mouse(MouseEventKind::ScrollDown, 10, 10), t0);
    }
    a.settle();
    assert_eq!(a.customers.nav.selected, 30);
    assert!(a.customers.nav.offset > 0, "the list scrolled with the selection");
    let buf = draw(&a, w, h);
    let name = a.customers.selected().unwrap().customer.name.clone();
    let y = 1 + 2 + (a.customers.nav.selected - a.customers.nav.offset) as u16;
    assert!(row_text(&buf, y).starts_with(&name), "the rows on screen were loaded");
    a.on_mouse_at(mouse(MouseEventKind::ScrollUp, 10, 10), t0);
    assert_eq!(a.customers.nav.selected, 27);
    // In the help, the wheel scrolls the help, not the list.
    press(&mut a, KeyCode::Char('?'));
    a.on_mouse_at(mouse(MouseEventKind::ScrollDown, 10, 10), t0);
    match &a.popup {
        Some(Popup::Help(hp)) => assert_eq!(hp.scroll, 3),
        _ => panic!("help is not open"),
    }
    assert_eq!(a.customers.nav.selected, 27);
    press(&mut a, KeyCode::Esc);
    // A form takes no clicks: the tab stays, the form stays open with what was typed.
    press(&mut a, KeyCode::Char('a'));
    assert!(matches!(a.popup, Some(Popup::Form(_))));
    let buf = draw(&a, w, h);
    click(&mut a, tab_column(&buf, 2), 0, t0);
    a.on_mouse_at(mouse(MouseEventKind::ScrollDown, 10, 10), t0);
    assert_eq!(a.tab, Tab::Customers);
    assert!(matches!(a.popup, Some(Popup::Form(_))));
    assert_eq!(a.customers.nav.selected, 27);
}

/// Every screen worth looking at: each tab, the help and a detail view.
fn every_screen(a: &mut App, w: u16, h: u16, mut check: impl FnMut(&str, &Buffer)) {
    for (k, tab) in Tab::ALL.iter().enumerate() {
        press(a, KeyCode::Char(char::from(b'1' + k as u8)));
        assert_eq!(a.tab, *tab);
        check(&format!("{tab:?}"), &draw(a, w, h));
    }
    press(a, KeyCode::Char('1'));
    press(a, KeyCode::Char('?'));
    check("help", &draw(a, w, h));
    press(a, KeyCode::Esc);
    press(a, KeyCode::Enter);
    assert!(matches!(a.popup, Some(Popup::Detail(_))));
    check("detail", &draw(a, w, h));
    press(a, KeyCode::Esc);
}

#[test]
fn without_colour_no_cell_has_one_and_tiers_and_the_selection_still_differ() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (120, 35);
    let mut a = app(dir.path(), 120, "en", w, h);
    a.theme = Theme::mono();
    every_screen(&mut a, w, h, |name, buf| {
        for (i, c) in buf.content().iter().enumerate() {
            assert_eq!(
                (c.fg, c.bg, c.underline_color),
                (Color::Reset, Color::Reset, Color::Reset),
                "{name}: cell {i} ({:?}) has a colour",
                c.symbol()
            );
        }
    });
    // Customers: the tier column's letters are drawn in styles of their own (the list is sorted by tier:
    // its top shows A and B, its bottom C), and the selected row reversed.
    let buf = draw(&a, w, h);
    assert!(
        buf[(0, 3)].modifier.contains(Modifier::REVERSED),
        "the selected row is reversed"
    );
    let header = row_text(&buf, 2);
    let tier_x = header.find("Tier").expect("a Tier column") as u16;
    let mut seen: Vec<(String, Modifier)> = Vec::new();
    for end in [false, true] {
        if end {
            press(&mut a, KeyCode::Char('G'));
        }
        let buf = draw(&a, w, h);
        for y in 3..h - 2 {
            let c = &buf[(tier_x, y)];
            if ["A", "B", "C"].contains(&c.symbol()) && !c.modifier.contains(Modifier::REVERSED) {
                seen.push((c.symbol().to_string(), c.modifier));
            }
        }
    }
    let letters: std::collections::BTreeSet<&str> = seen.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(letters.into_iter().collect::<Vec<_>>(), ["A", "B", "C"]);
    for (t, m) in &seen {
        for (u, n) in &seen {
            assert_eq!(t == u, m == n, "tier {t} ({m:?}) and tier {u} ({n:?})");
        }
    }
}

#[test]
fn sixteen_colours_use_no_palette_colour_and_no_grey_background() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (80, 24);
    let mut a = app(dir.path(), 60, "zh", w, h);
    a.theme = Theme::sixteen();
    every_screen(&mut a, w, h, |name, buf| {
        for c in buf.content() {
            for colour in [c.fg, c.bg] {
                assert!(
                    !matches!(colour, Color::Indexed(_) | Color::Rgb(..)),
                    "{name}: {colour:?}"
                );
            }
            assert!(
                !matches!(c.bg, Color::DarkGray | Color::White),
                "{name}: background {:?}",
                c.bg
            );
        }
    });
}
