//! Review mode and the Follow-ups tab driven by keys: a queue of five customers worked through (log,
//! snooze, done, back, skip) with the store and the queue checked after each step, in English and
//! Chinese; resuming after leaving; the card and the summary drawn at 80×24 and 120×35.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiercrm::domain::CustomerId;
use tiercrm::domain::customer::CustomerPatch;
use tiercrm::i18n::I18n;
use tiercrm::store::{Options, Store, bulk, contacts, followups, hold, queue};
use tiercrm::tui::app::App;
use tiercrm::tui::keymap::Keymap;
use tiercrm::tui::popup::Popup;
use tiercrm::tui::review::Outcome;

fn day(s: &str) -> NaiveDate {
    tiercrm::domain::dates::parse_ymd(s).unwrap()
}

/// 2026-11-22, a Sunday.
fn today() -> NaiveDate {
    day("2026-11-22")
}

fn options(dir: &std::path::Path, today: NaiveDate) -> Options {
    Options {
        path: dir.join("crm.db"),
        user: "li.wei".into(),
        today,
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(5),
        access: tiercrm::store::Access {
            today_given: true,
            ..Default::default()
        },
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, c);
    }
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Five leads last called a day apart from 2026-11-10, so that on 2026-11-22 they are 5, 4, 3, 2 and 1
/// days overdue on the 7-day lead cadence (the queue's order is theirs); the fourth has a follow-up due
/// 2026-11-19, before its cadence date (3 days overdue, as the third: the lower id goes first).
const NAMES: [&str; 5] = ["Ann", "Bo", "Cai", "Dee", "Eve"];

fn five(dir: &std::path::Path, lang: &str) -> App {
    let mut store = Store::open(options(dir, today())).unwrap();
    for (k, name) in NAMES.iter().enumerate() {
        let patch = CustomerPatch {
            name: Some(name.to_string()),
            ..Default::default()
        };
        let id = tiercrm::ops::customers::add(&mut store, patch).unwrap().id;
        let called = day("2026-11-10") + chrono::Days::new(k as u64);
        let input = tiercrm::ops::contacts::Input {
            customer: id,
            channel: tiercrm::domain::Channel::Phone,
            direction: tiercrm::domain::Direction::Outbound,
            summary: Some("first call".into()),
            outcome: None,
            at: Some(tiercrm::store::clock::moment(called)),
            next: None,
        };
        tiercrm::ops::contacts::log(&mut store, input).unwrap();
        if k == 3 {
            tiercrm::ops::followups::add(&mut store, id, day("2026-11-19"), Some("send the price list")).unwrap();
        }
    }
    let mut app = App::new(store, Keymap::default(), I18n::new(lang), 120, 35).unwrap();
    app.settle();
    app
}

/// The names in today's queue, in its order.
fn queue_names(app: &App) -> Vec<String> {
    queue::due(app.store.conn(), today(), None, None)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect()
}

fn on_card(app: &App) -> String {
    let r = app.review.as_ref().expect("a review");
    r.card().map(|c| c.customer.name.clone()).unwrap_or_default()
}

#[test]
fn a_queue_of_five_is_reviewed_in_both_languages_and_the_store_follows_each_step() {
    for lang in ["en", "zh"] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = five(dir.path(), lang);
        let id = |n: usize| CustomerId(n as i64 + 1);
        assert_eq!(queue_names(&a), NAMES);
        key(&mut a, 'r');
        assert!(a.reviewing());
        assert_eq!(on_card(&a), "Ann");
        let shown = screen(&a, 120, 35);
        assert!(
            shown.contains("1/5") || shown.contains("1 of 5") || shown.contains("第 1 / 5 位"),
            "{shown}"
        );

        // c: a compact contact form, the next date proposed from the 7-day cadence; saved, the walk moves on.
        key(&mut a, 'c');
        let Some(Popup::Form(open)) = &a.popup else {
            panic!("no form: {}", screen(&a, 120, 35))
        };
        assert_eq!(open.form.get("next"), "2026-11-29");
        press(&mut a, KeyCode::Tab);
        typ(&mut a, "called, all well");
        a.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert!(a.popup.is_none(), "{}", screen(&a, 120, 35));
        assert_eq!(
            contacts::count(a.store.conn(), Some(id(0))).unwrap(),
            2,
            "the first call and this one"
        );
        assert_eq!(queue_names(&a), ["Bo", "Cai", "Dee", "Eve"]);
        assert_eq!(on_card(&a), "Bo");

        // z, Enter: snoozed one day.
        key(&mut a, 'z');
        assert!(matches!(a.popup, Some(Popup::Form(_))));
        press(&mut a, KeyCode::Enter);
        assert!(a.popup.is_none(), "{}", screen(&a, 120, 35));
        assert_eq!(
            hold::get(a.store.conn(), id(1)).unwrap().snoozed_until,
            Some(day("2026-11-23"))
        );
        assert_eq!(queue_names(&a), ["Cai", "Dee", "Eve"]);
        assert_eq!(on_card(&a), "Cai");

        // x on a customer due by the cadence alone: a review, no contact.
        key(&mut a, 'x');
        let h = hold::get(a.store.conn(), id(2)).unwrap();
        assert_eq!(h.reviewed_on, Some(today()));
        assert_eq!(
            contacts::count(a.store.conn(), Some(id(2))).unwrap(),
            1,
            "a review is no contact"
        );
        assert_eq!(queue_names(&a), ["Dee", "Eve"]);
        assert_eq!(on_card(&a), "Dee");

        // p goes back to the one just done, which says so; n returns.
        key(&mut a, 'p');
        assert_eq!(on_card(&a), "Cai");
        assert_eq!(a.review.as_ref().unwrap().outcome(), Some(Outcome::Done));
        key(&mut a, 'n');
        assert_eq!(on_card(&a), "Dee");

        // x on a customer with a follow-up due: it is done.
        let pending = followups::list(a.store.conn(), Some(id(3)), false, None).unwrap();
        assert_eq!(pending.len(), 1);
        key(&mut a, 'x');
        assert!(
            followups::list(a.store.conn(), Some(id(3)), false, None)
                .unwrap()
                .is_empty()
        );
        assert_eq!(queue_names(&a), ["Eve"]);
        assert_eq!(on_card(&a), "Eve");

        // n past the last: the summary, and the footer's counts.
        key(&mut a, 'n');
        let r = a.review.as_ref().unwrap();
        assert!(r.finished());
        assert_eq!(r.counts(), (4, 1));
        assert_eq!(r.tally(), [1, 1, 2, 1]);
        assert_eq!(queue_names(&a), ["Eve"], "skipping changes nothing");

        // Esc leaves; the tabs show again.
        press(&mut a, KeyCode::Esc);
        assert!(!a.reviewing());
        // A finished review is not resumed: `r` walks the queue as it now is.
        a.settle();
        key(&mut a, 'r');
        assert_eq!(on_card(&a), "Eve");
        assert_eq!(a.review.as_ref().unwrap().place(), (1, 1));
    }
}

#[test]
fn leaving_and_coming_back_resumes_where_the_review_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = five(dir.path(), "en");
    key(&mut a, 'r');
    key(&mut a, 'n');
    key(&mut a, 'n');
    assert_eq!(on_card(&a), "Cai");
    press(&mut a, KeyCode::Esc);
    assert!(!a.reviewing());
    key(&mut a, '3');
    key(&mut a, 'r');
    assert!(a.reviewing());
    assert_eq!(on_card(&a), "Cai");
    assert_eq!(a.review.as_ref().unwrap().place(), (3, 5));
    // o opens the full record over the card; closing it comes back to the card.
    key(&mut a, 'o');
    assert!(matches!(a.popup, Some(Popup::Detail(_))));
    press(&mut a, KeyCode::Esc);
    assert!(a.popup.is_none() && a.reviewing());
    // A snooze that is not a day says why beside the field and changes nothing.
    key(&mut a, 'z');
    typ(&mut a, "soon");
    press(&mut a, KeyCode::Enter);
    let shown = screen(&a, 120, 35);
    assert!(shown.contains("soon"), "{shown}");
    assert!(matches!(a.popup, Some(Popup::Form(_))));
    assert_eq!(hold::get(a.store.conn(), CustomerId(3)).unwrap(), hold::Hold::default());
}

#[test]
fn the_follow_ups_tab_has_its_sections_filter_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = five(dir.path(), "en");
    key(&mut a, '2');
    assert_eq!(a.followups.sections(), [5, 0, 0]);
    // z on the selected (first) row: snoozed to 2026-11-25, it moves to the coming days.
    key(&mut a, 'z');
    typ(&mut a, "+3d");
    press(&mut a, KeyCode::Enter);
    a.settle();
    assert_eq!(a.followups.sections(), [4, 0, 1]);
    let shown = screen(&a, 120, 35);
    assert!(shown.contains("next 7d") && shown.contains("in 3d"), "{shown}");
    // The selection followed the snoozed customer to the coming days; x on the first row: done by
    // review, due again in a week (still within the next seven days).
    key(&mut a, 'g');
    key(&mut a, 'x');
    a.settle();
    assert_eq!(a.followups.sections(), [3, 0, 2]);
    // F: an explicit follow-up for today on the selected customer; it is due today.
    let who = a.followups.selected_customer().unwrap();
    key(&mut a, 'F');
    let Some(Popup::Form(open)) = &a.popup else {
        panic!("no form")
    };
    assert_eq!(open.form.get("due"), "2026-11-23");
    a.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typ(&mut a, "2026-11-22");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "bring samples");
    a.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(a.popup.is_none(), "{}", screen(&a, 120, 35));
    let pending = followups::list(a.store.conn(), Some(CustomerId(who)), false, None).unwrap();
    assert_eq!(pending[0].followup.note.as_deref(), Some("bring samples"));
    // The filter narrows the list: nobody here is tier A; every one is a lead owned by li.wei.
    key(&mut a, '/');
    typ(&mut a, "tier:A");
    press(&mut a, KeyCode::Enter);
    a.settle();
    assert_eq!(a.followups.sections(), [0, 0, 0]);
    key(&mut a, '/');
    a.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typ(&mut a, "owner:me");
    press(&mut a, KeyCode::Enter);
    a.settle();
    assert_eq!(a.followups.sections().iter().sum::<usize>(), 5);
}

#[test]
fn the_card_and_the_summary_in_both_languages_at_two_sizes() {
    for lang in ["en", "zh"] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(options(dir.path(), today())).unwrap();
        bulk::load(&mut store, &tiercrm::demo::generate(300, 11, today())).unwrap();
        let mut a = App::new(store, Keymap::default(), I18n::new(lang), 120, 35).unwrap();
        a.settle();
        key(&mut a, 'r');
        assert!(a.review.as_ref().unwrap().card().is_some());
        for (w, h) in [(80u16, 24u16), (120, 35)] {
            a.resize(w, h);
            insta::assert_snapshot!(format!("review_card_{lang}_{w}x{h}"), screen(&a, w, h));
        }
        let dir = tempfile::tempdir().unwrap();
        let mut a = five(dir.path(), lang);
        key(&mut a, 'r');
        key(&mut a, 'x');
        key(&mut a, 'z');
        press(&mut a, KeyCode::Enter);
        for _ in 0..3 {
            key(&mut a, 'n');
        }
        assert!(a.review.as_ref().unwrap().finished());
        for (w, h) in [(80u16, 24u16), (120, 35)] {
            a.resize(w, h);
            insta::assert_snapshot!(format!("review_summary_{lang}_{w}x{h}"), screen(&a, w, h));
        }
    }
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

/// A colleague's contact logged today for customer `id`, from another connection.
fn colleague_calls(dir: &std::path::Path, id: i64) {
    let mut store = Store::open(options(dir, today())).unwrap();
    let input = tiercrm::ops::contacts::Input {
        customer: CustomerId(id),
        channel: tiercrm::domain::Channel::Phone,
        direction: tiercrm::domain::Direction::Outbound,
        summary: Some("colleague".into()),
        outcome: None,
        at: None,
        next: None,
    };
    tiercrm::ops::contacts::log(&mut store, input).unwrap();
}

/// `x` on a card whose customer a colleague has reached meanwhile says so and writes nothing, and the card
/// reads again; the footer's "remaining" counts the queue again on every reload.
#[test]
fn x_on_a_customer_no_longer_due_is_refused_and_remaining_is_recounted() {
    for lang in ["en", "zh"] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = five(dir.path(), lang);
        key(&mut a, 'r');
        assert_eq!(on_card(&a), "Ann");
        assert_eq!(a.review.as_ref().unwrap().counts(), (0, 5));
        colleague_calls(dir.path(), 1);
        let before = hold::get(a.store.conn(), CustomerId(1)).unwrap();
        key(&mut a, 'x');
        assert_eq!(
            hold::get(a.store.conn(), CustomerId(1)).unwrap(),
            before,
            "nothing written"
        );
        let said = status(&a);
        assert!(said.contains("2026-11-29"), "{said}");
        assert_eq!(said.contains("not due until"), lang == "en", "{said}");
        assert_eq!(on_card(&a), "Ann", "the card stays");
        let r = a.review.as_ref().unwrap();
        assert_eq!(r.outcome(), None);
        assert!(
            r.card().unwrap().why[0].contains("2026-11-29"),
            "the card read again: {:?}",
            r.card().unwrap().why
        );
        assert_eq!(r.counts(), (0, 4));
        colleague_calls(dir.path(), 3);
        a.check_for_changes();
        assert_eq!(a.review.as_ref().unwrap().counts(), (0, 3));
        let shown = screen(&a, 120, 35);
        assert!(shown.contains("3"), "{shown}");
    }
}

/// Paging through with `n` skips: the summary says how many were dealt with and how many skipped.
#[test]
fn the_summary_tells_dealt_with_from_skipped() {
    for (lang, dealt, skipped) in [("en", "1 dealt with", "4 skipped"), ("zh", "已处理 1 位", "跳过 4 位")] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = five(dir.path(), lang);
        key(&mut a, 'r');
        key(&mut a, 'x');
        for _ in 0..4 {
            key(&mut a, 'n');
        }
        assert!(a.review.as_ref().unwrap().finished());
        let shown = screen(&a, 120, 35);
        assert!(shown.contains(dealt) && shown.contains(skipped), "{shown}");
    }
}
