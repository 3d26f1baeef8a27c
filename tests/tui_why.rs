//! The Follow-ups tab says why the selected customer is due in full, under the list, at 80×24 in both
//! languages: the same sentence as `reasons.next_due`, wrapped instead of cut, following the cursor.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiercrm::domain::CustomerId;
use tiercrm::i18n::I18n;
use tiercrm::store::{Options, Store, bulk};
use tiercrm::tui::app::App;
use tiercrm::tui::keymap::Keymap;
use tiercrm::tui::tabs::Tab;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn app(dir: &std::path::Path, lang: &str, w: u16, h: u16) -> App {
    let mut store = Store::open(Options {
        path: dir.join("crm.db"),
        user: "li.wei".into(),
        today: today(),
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(5),
        access: Default::default(),
    })
    .unwrap();
    bulk::load(&mut store, &tiercrm::demo::generate(300, 11, today())).unwrap();
    let mut a = App::new(store, Keymap::default(), I18n::new(lang), w, h).unwrap();
    a.settle();
    a
}

/// The screen's lines, wide characters counted once.
fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < w {
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
            }
            line.trim_end().to_string()
        })
        .collect()
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn the_selected_rows_why_due_is_shown_whole_at_80_by_24() {
    let (w, h) = (80u16, 24u16);
    for lang in ["en", "zh"] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path(), lang, w, h);
        press(&mut a, KeyCode::Char('2'));
        assert_eq!(a.tab, Tab::Followups);
        let mut seen = Vec::new();
        // The first rows, then one far enough down that the list has scrolled.
        for step in 0..20 {
            let id = a.page(Tab::Followups).selected_customer().expect("someone is due");
            let e = tiercrm::ops::classify::explain(&a.store, CustomerId(id), &I18n::new(lang)).unwrap();
            let expected = format!("{} — {}", e.customer.name, e.reasons.next_due);
            let lines = screen(&a, w, h);
            // Above the status line and the key hints.
            let body = &lines[..lines.len() - 2];
            let start = body
                .iter()
                .rposition(|l| l.starts_with(&format!("{} — ", e.customer.name)))
                .unwrap_or_else(|| panic!("{lang} step {step}: no detail for {expected}\n{}", lines.join("\n")));
            assert_eq!(body[start..].join(" "), expected, "{lang} step {step}");
            assert!(!body[start..].concat().contains('…'), "{lang}: {:?}", &body[start..]);
            // The selected row itself is still on screen, above the detail.
            let short: String = e.customer.name.chars().take(4).collect();
            assert!(
                body[3..start].iter().any(|l| l.contains(&short)),
                "{lang} step {step}: the selected row scrolled under the detail\n{}",
                lines.join("\n")
            );
            seen.push(id);
            press(&mut a, KeyCode::Char('j'));
        }
        seen.dedup();
        assert_eq!(seen.len(), 20, "{lang}: the detail follows the cursor");
    }
}
