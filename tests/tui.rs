//! The terminal interface drawn into ratatui's TestBackend and driven by key events, on a fixed-date
//! demo database: every tab, the detail view, help and an error, in English and Chinese, at 80×24 and
//! 120×35; and flows that change the store.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiercrm::domain::CustomerId;
use tiercrm::domain::customer::CustomerPatch;
use tiercrm::i18n::I18n;
use tiercrm::store::{Options, Store, bulk, customers};
use tiercrm::tui::app::App;
use tiercrm::tui::forms::Target;
use tiercrm::tui::keymap::Keymap;
use tiercrm::tui::popup::Popup;
use tiercrm::tui::tabs::Tab;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn options(dir: &std::path::Path) -> Options {
    Options {
        path: dir.join("crm.db"),
        user: "li.wei".into(),
        today: today(),
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(5),
        access: Default::default(),
    }
}

/// A demo database of `n` customers and an app over it.
fn app(dir: &std::path::Path, n: usize, lang: &str, w: u16, h: u16) -> App {
    let mut store = Store::open(options(dir)).unwrap();
    bulk::load(&mut store, &tiercrm::demo::generate(n, 11, today())).unwrap();
    opened(App::new(store, Keymap::default(), I18n::new(lang), w, h).unwrap())
}

/// The app once every tab's list has arrived from the loader.
fn opened(mut a: App) -> App {
    a.settle();
    a
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
            // A wide character covers the next cell too.
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen as drawn, cell by cell (for styles).
fn buffer(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t.backend().buffer().clone()
}

/// The text of the row drawn highlighted in the list.
fn highlighted(app: &App, w: u16, h: u16) -> String {
    let buf = buffer(app, w, h);
    let text = screen(app, w, h);
    (2..h)
        .find(|&y| buf[(0, y)].bg == app.theme.selected.bg.unwrap())
        .and_then(|y| text.lines().nth(y as usize))
        .unwrap_or_default()
        .to_string()
}

/// The status line.
fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

/// The customer under the cursor on the Customers tab, as (id, name).
fn selected(app: &App) -> (i64, String) {
    let l = app.customers.selected().expect("a customer is selected");
    (l.customer.id.0, l.customer.name.clone())
}

/// The customer the open form is for.
fn form_customer(app: &App) -> i64 {
    match &app.popup {
        Some(Popup::Form(open)) => match open.target {
            Target::Order { customer }
            | Target::Contact { customer }
            | Target::Feedback { customer }
            | Target::Snooze { customer }
            | Target::Followup { customer } => customer,
            Target::EditCustomer { id, .. } => id,
            Target::NewCustomer => panic!("a new customer's form"),
            Target::EditContact { customer, .. } | Target::EditFeedback { customer, .. } => customer,
            Target::FeedbackStep { .. } => panic!("a feedback step's form"),
        },
        _ => panic!("no form open"),
    }
}

/// An empty database with customers of these names (ids 1, 2, … in this order) and an app over it.
fn named(dir: &std::path::Path, names: &[&str], lang: &str) -> App {
    let mut store = Store::open(options(dir)).unwrap();
    for name in names {
        store
            .write("add", |w| {
                customers::add(
                    w,
                    CustomerPatch {
                        name: Some(name.to_string()),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
    }
    opened(App::new(store, Keymap::default(), I18n::new(lang), 120, 35).unwrap())
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn every_screen_in_both_languages_at_two_sizes() {
    for lang in ["en", "zh"] {
        for (w, h) in [(80u16, 24u16), (120, 35)] {
            let dir = tempfile::tempdir().unwrap();
            let mut a = app(dir.path(), 300, lang, w, h);
            let name = |what: &str| format!("{what}_{lang}_{w}x{h}");
            for (k, tab) in Tab::ALL.iter().enumerate() {
                press(&mut a, KeyCode::Char(char::from(b'1' + k as u8)));
                assert_eq!(a.tab, *tab);
                insta::assert_snapshot!(name(&format!("tab{}", k + 1)), screen(&a, w, h));
            }
            press(&mut a, KeyCode::Char('1'));
            press(&mut a, KeyCode::Char('j'));
            press(&mut a, KeyCode::Enter);
            assert!(matches!(a.popup, Some(Popup::Detail(_))));
            insta::assert_snapshot!(name("detail"), screen(&a, w, h));
            press(&mut a, KeyCode::Esc);
            press(&mut a, KeyCode::Char('?'));
            insta::assert_snapshot!(name("help"), screen(&a, w, h));
            press(&mut a, KeyCode::Esc);
            a.popup = Some(Popup::Error(
                "customer 7 was changed by zhang.min; reload it and try again".into(),
            ));
            insta::assert_snapshot!(name("error"), screen(&a, w, h));
            a.popup = None;
            for (key, form) in [
                ('a', "form_add"),
                ('e', "form_edit"),
                ('c', "form_contact"),
                ('o', "form_order"),
                ('f', "form_feedback"),
            ] {
                press(&mut a, KeyCode::Char(key));
                assert!(matches!(a.popup, Some(Popup::Form(_))), "{form}");
                insta::assert_snapshot!(name(form), screen(&a, w, h));
                press(&mut a, KeyCode::Esc);
                assert!(a.popup.is_none(), "an untouched form leaves without asking");
            }
        }
    }
}

#[test]
fn the_filter_follows_typing_and_reports_bad_terms() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 300, "en", 120, 35);
    let all = a.customers.total();
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "tier:A");
    assert!(
        a.customers.fetch.pending || a.customers.total() < all,
        "the query runs off the input path"
    );
    a.settle();
    let tier_a = a.customers.total();
    assert!(tier_a > 0 && tier_a < all, "{tier_a} of {all}");
    assert!(a.customers.selected().unwrap().classes.tier == Some(tiercrm::domain::Tier::A));
    typ(&mut a, " colour:red");
    assert!(
        a.customers
            .filter_error
            .as_ref()
            .unwrap()
            .reason
            .contains("unknown field 'colour'")
    );
    assert!(screen(&a, 120, 35).contains("unknown field 'colour'"));
    for _ in 0..11 {
        press(&mut a, KeyCode::Backspace);
    }
    a.settle();
    assert_eq!(a.customers.filter_error, None);
    assert_eq!(a.customers.total(), tier_a);
    press(&mut a, KeyCode::Esc);
    a.settle();
    assert_eq!(a.customers.total(), all, "Esc clears the filter");
    assert!(!a.filtering());
}

#[test]
fn sorting_cycles_and_reverses() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 300, "en", 120, 35);
    press(&mut a, KeyCode::Char('s'));
    a.settle();
    assert_eq!(a.customers.sort_field(), "risk");
    // The selection followed its customer into the new order; the top of the list is one key away.
    press(&mut a, KeyCode::Char('g'));
    let top = a.customers.selected().unwrap().classes.churn_risk;
    press(&mut a, KeyCode::Char('G'));
    assert!(a.customers.selected().unwrap().classes.churn_risk <= top);
    press(&mut a, KeyCode::Char('S'));
    a.settle();
    assert_eq!(a.customers.sort_field(), "-risk");
    assert!(a.customers.selected().unwrap().classes.churn_risk <= top);
    assert!(screen(&a, 120, 35).contains("sorted by Risk, reversed"));
}

#[test]
fn archive_asks_first_and_undo_restores_it_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 200, "en", 120, 35);
    let before = a.customers.total();
    let id = a.customers.selected().unwrap().customer.id.0;
    press(&mut a, KeyCode::Char('d'));
    assert!(matches!(a.popup, Some(Popup::ConfirmArchive { .. })));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.customers.total(), before, "Esc cancels");
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('y'));
    a.settle();
    assert_eq!(a.customers.total(), before - 1);
    assert!(customers::get(a.store.conn(), CustomerId(id)).unwrap().archived);
    press(&mut a, KeyCode::Char('u'));
    a.settle();
    assert_eq!(a.customers.total(), before);
    assert!(!customers::get(a.store.conn(), CustomerId(id)).unwrap().archived);
    assert!(screen(&a, 120, 35).contains("Restored"));
}

#[test]
fn escape_sequences_and_bidi_overrides_in_data_render_as_harmless_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(options(dir.path())).unwrap();
    store
        .write("add", |w| {
            customers::add(
                w,
                CustomerPatch {
                    name: Some("Evil\u{1b}[2J\u{202e}gnp.exe".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let mut a = opened(App::new(store, Keymap::default(), I18n::new("en"), 100, 20).unwrap());
    let s = screen(&a, 100, 20);
    assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s:?}");
    assert!(s.contains("Evil\\x1b[2J<"), "{s}");
    press(&mut a, KeyCode::Enter);
    let s = screen(&a, 100, 20);
    assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s:?}");
    assert!(s.contains("Evil\\x1b[2J<U+202E>gnp.exe"), "{s}");
}

#[test]
fn another_connections_commit_refreshes_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 50, "en", 120, 35);
    let before = a.customers.total();
    let mut other = Store::open(Options {
        user: "zhang.min".into(),
        ..options(dir.path())
    })
    .unwrap();
    other
        .write("add", |w| {
            customers::add(
                w,
                CustomerPatch {
                    name: Some("New Lead".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    a.check_for_changes();
    a.settle();
    assert_eq!(a.customers.total(), before + 1);
    assert!(screen(&a, 120, 35).contains("Another user changed the data"));
}

#[test]
fn rebinding_a_key_changes_what_it_does_and_the_hints() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(options(dir.path())).unwrap();
    bulk::load(&mut store, &tiercrm::demo::generate(50, 1, today())).unwrap();
    let keys = Keymap::with_overrides(&[("filter".to_string(), vec!["w".to_string()])].into()).unwrap();
    let mut a = opened(App::new(store, keys, I18n::new("en"), 140, 35).unwrap());
    assert!(screen(&a, 140, 35).contains("w filter"));
    press(&mut a, KeyCode::Char('/'));
    assert!(!a.filtering());
    press(&mut a, KeyCode::Char('w'));
    assert!(a.filtering());
    let clash = Keymap::with_overrides(&[("filter".to_string(), vec!["f".to_string()])].into())
        .unwrap_err()
        .to_string();
    assert!(clash.contains("f is already bound to"), "{clash}");
}

#[test]
fn keys_inside_forms_and_the_filter_line_are_rebindable_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(options(dir.path())).unwrap();
    bulk::load(&mut store, &tiercrm::demo::generate(50, 1, today())).unwrap();
    let keys = Keymap::with_overrides(
        &[
            ("save".to_string(), vec!["f2".to_string()]),
            ("cancel".to_string(), vec!["ctrl-g".to_string()]),
            ("filter-done".to_string(), vec!["ctrl-j".to_string()]),
        ]
        .into(),
    )
    .unwrap();
    let mut a = opened(App::new(store, keys, I18n::new("en"), 120, 35).unwrap());
    let before = a.customers.total();
    press(&mut a, KeyCode::Char('a'));
    let s = screen(&a, 120, 35);
    assert!(s.contains("F2 save") && s.contains("Ctrl-G leave the form"), "{s}");
    typ(&mut a, "Ann");
    ctrl(&mut a, 's');
    assert!(matches!(a.popup, Some(Popup::Form(_))), "Ctrl-S no longer saves");
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.popup, Some(Popup::Form(_))), "nor does Esc leave");
    press(&mut a, KeyCode::F(2));
    assert!(a.popup.is_none(), "F2 saves");
    a.settle();
    assert_eq!(a.customers.total(), before + 1);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "Ann");
    assert!(screen(&a, 120, 35).contains("Ctrl-J keep the filter"));
    press(&mut a, KeyCode::Enter);
    assert!(a.filtering(), "Enter is no longer bound");
    ctrl(&mut a, 'j');
    assert!(!a.filtering());
    a.settle();
    assert!(a.customers.total() >= 1 && a.customers.total() < before);
}

fn ctrl(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

#[test]
fn adding_a_customer_through_the_form_lands_in_the_store_classified() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 30, "en", 120, 35);
    let before = a.customers.total();
    press(&mut a, KeyCode::Char('a'));
    assert!(matches!(a.popup, Some(Popup::Form(_))));
    insta::assert_snapshot!("form_add_customer_en_120x35", screen(&a, 120, 35));
    // Saving with the required name empty shows the error beside the field.
    ctrl(&mut a, 's');
    assert!(screen(&a, 120, 35).contains("✗ required"));
    typ(&mut a, "王芳");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right); // kind: company
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "上海华信科技有限公司");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "not a phone");
    ctrl(&mut a, 's');
    let s = screen(&a, 120, 35);
    assert!(
        s.contains("is not a phone number"),
        "a store error lands beside its field: {s}"
    );
    ctrl(&mut a, 'u');
    typ(&mut a, "138 0013 8000");
    ctrl(&mut a, 's');
    assert!(a.popup.is_none(), "saved and closed");
    a.settle();
    assert_eq!(a.customers.total(), before + 1);
    let id: i64 = a
        .store
        .conn()
        .query_row("SELECT max(id) FROM customers", [], |r| r.get(0))
        .unwrap();
    let (c, classes) = customers::get_with_classes(a.store.conn(), CustomerId(id)).unwrap();
    assert_eq!(
        (c.name.as_str(), c.kind.as_str(), c.owner.as_deref()),
        ("王芳", "company", Some("li.wei"))
    );
    let classes = classes.unwrap();
    assert_eq!(classes.tier, Some(tiercrm::domain::Tier::C));
    assert_eq!(classes.stage, tiercrm::domain::Stage::Potential);
}

#[test]
fn leaving_a_changed_form_asks_first_and_a_stale_edit_is_refused_with_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 30, "en", 120, 35);
    let id = a.customers.selected().unwrap().customer.id.0;
    press(&mut a, KeyCode::Char('e'));
    typ(&mut a, " Jr");
    press(&mut a, KeyCode::Esc);
    assert!(
        matches!(a.popup, Some(Popup::ConfirmDrop(_))),
        "edits are not dropped silently"
    );
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.popup, Some(Popup::Form(_))), "Esc goes back to the form");
    // Someone else changes the customer meanwhile.
    let mut other = Store::open(Options {
        user: "zhang.min".into(),
        ..options(dir.path())
    })
    .unwrap();
    other
        .write("edit", |w| {
            customers::edit(
                w,
                CustomerId(id),
                CustomerPatch {
                    notes: Some("called".into()),
                    ..Default::default()
                },
                None,
            )
        })
        .unwrap();
    ctrl(&mut a, 's');
    let s = screen(&a, 120, 35);
    assert!(
        s.contains("zhang.min changed this customer") && s.contains("Ctrl-R reloads"),
        "{s}"
    );
    assert_eq!(
        customers::get(a.store.conn(), CustomerId(id)).unwrap().notes.as_deref(),
        Some("called"),
        "nothing overwritten"
    );
    ctrl(&mut a, 'r');
    ctrl(&mut a, 's');
    assert!(a.popup.is_none());
}

#[test]
fn an_order_and_a_contact_from_the_list_re_tier_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(options(dir.path())).unwrap();
    for name in ["Ann", "Bob"] {
        store
            .write("add", |w| {
                customers::add(
                    w,
                    CustomerPatch {
                        name: Some(name.into()),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
    }
    let mut a = opened(App::new(store, Keymap::default(), I18n::new("en"), 120, 35).unwrap());
    let id = a.customers.selected().unwrap().customer.id.0;
    press(&mut a, KeyCode::Char('o'));
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "12800");
    ctrl(&mut a, 's');
    assert!(a.popup.is_none());
    let classes = customers::get_with_classes(a.store.conn(), CustomerId(id))
        .unwrap()
        .1
        .unwrap();
    assert_eq!(
        (classes.tier, classes.stage),
        (Some(tiercrm::domain::Tier::A), tiercrm::domain::Stage::Active)
    );
    press(&mut a, KeyCode::Char('c'));
    for _ in 0..5 {
        press(&mut a, KeyCode::Tab);
    }
    typ(&mut a, "2026-12-01");
    ctrl(&mut a, 's');
    assert!(a.popup.is_none());
    let classes = customers::get_with_classes(a.store.conn(), CustomerId(id))
        .unwrap()
        .1
        .unwrap();
    assert_eq!(
        classes.next_due,
        NaiveDate::from_ymd_opt(2026, 12, 1),
        "the follow-up set in the form"
    );
}

#[test]
fn ctrl_e_hands_the_focused_field_to_an_editor_and_takes_the_text_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 10, "en", 120, 35);
    press(&mut a, KeyCode::Char('a'));
    typ(&mut a, "Ann");
    ctrl(&mut a, 'e');
    assert!(a.editor_wanted);
    assert_eq!(a.editor_text().as_deref(), Some("Ann"));
    a.editor_done(Ok("Ann Lee\n".into()));
    assert!(!a.editor_wanted);
    assert!(screen(&a, 120, 35).contains("Ann Lee"));
    ctrl(&mut a, 'e');
    a.editor_done(Err("the editor 'nano' exited with 1; the field is unchanged".into()));
    assert!(screen(&a, 120, 35).contains("Ann Lee"));
    assert!(screen(&a, 120, 35).contains("exited with 1"));
}

#[test]
fn feedback_and_contacts_filter_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 300, "en", 120, 35);
    press(&mut a, KeyCode::Char('4'));
    let all = a.feedback.nav.len;
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "complaint");
    let complaints = a.feedback.nav.len;
    assert!(complaints > 0 && complaints < all, "{complaints} of {all}");
    assert!(screen(&a, 120, 35).contains("Filter: complaint"));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.feedback.nav.len, all);

    press(&mut a, KeyCode::Char('3'));
    let contacts = a.contacts.nav.len;
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "wechat");
    assert!(a.filtering(), "still typing");
    a.settle();
    let wechat = a.contacts.nav.len;
    assert!(wechat > 0 && wechat < contacts, "{wechat} of {contacts}");
    let s = screen(&a, 120, 35);
    assert!(
        s.contains("Filter: wechat") && s.contains(&format!("of {wechat}")),
        "{s}"
    );
    press(&mut a, KeyCode::Enter);
    assert!(!a.filtering());
    assert_eq!(a.contacts.nav.len, wechat, "Enter keeps the filter");
    press(&mut a, KeyCode::Char('/'));
    press(&mut a, KeyCode::Esc);
    a.settle();
    assert_eq!(a.contacts.nav.len, contacts);
}

#[test]
fn opening_draws_at_once_and_the_lists_follow_from_the_loader() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(options(dir.path())).unwrap();
    let data = tiercrm::demo::generate(100, 3, today());
    // The list shows the customers in use; archived ones wait behind a filter.
    let in_use = data.customers.iter().filter(|c| !c.archived).count();
    bulk::load(&mut store, &data).unwrap();
    let mut a = App::new(store, Keymap::default(), I18n::new("en"), 120, 35).unwrap();
    // Nothing is taken from the loader until the loop polls it, so this frame is the first one.
    assert_eq!(a.customers.total(), 0);
    assert!(a.customers.fetch.pending);
    let s = screen(&a, 120, 35);
    assert!(s.contains("loading…") && !s.contains("Nothing matches"), "{s}");
    press(&mut a, KeyCode::Char('5'));
    assert!(screen(&a, 120, 35).contains("loading…"), "every tab says so");
    a.settle();
    assert!(!a.poll(), "nothing left out");
    assert!(in_use < 100, "the demo archives a few");
    assert_eq!(a.customers.total(), in_use);
    assert!(screen(&a, 120, 35).contains("Tiers (revenue in window)"));
}

#[test]
fn a_chinese_form_says_what_is_wrong_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 10, "zh", 120, 35);
    press(&mut a, KeyCode::Char('a'));
    typ(&mut a, "王芳");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "12");
    ctrl(&mut a, 's');
    let s = screen(&a, 120, 35);
    assert!(s.contains("“12”不是有效的电话号码"), "{s}");
    assert!(s.contains("‹ 个人 ›"), "choice values in Chinese too: {s}");
    press(&mut a, KeyCode::Char('o'));
    let s = screen(&a, 120, 35);
    assert!(s.contains("12o"), "typing goes back into the phone field: {s}");
}

#[test]
fn the_help_search_takes_letters_and_esc_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 10, "en", 120, 35);
    press(&mut a, KeyCode::Char('?'));
    typ(&mut a, "save q");
    let s = screen(&a, 120, 35);
    assert!(s.contains("search keys: save q"), "q is a letter here, not quit: {s}");
    assert!(!a.quit);
    assert!(
        s.contains("↓ down") && !s.contains("j down"),
        "hints name keys that work here: {s}"
    );
    ctrl(&mut a, 'u');
    let s = screen(&a, 120, 35);
    assert!(s.contains("search keys: ▏"), "{s}");
    press(&mut a, KeyCode::Esc);
    assert!(a.popup.is_none(), "Esc closes help");
}

#[test]
fn after_an_order_moves_the_last_customer_up_the_sort_f_is_for_that_customer() {
    // Issue 7 item 1, as reported: G, o, a large amount, save, then f.
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 300, "en", 120, 35);
    press(&mut a, KeyCode::Char('G'));
    let (id, name) = selected(&a);
    let last = a.customers.nav.selected;
    press(&mut a, KeyCode::Char('o'));
    assert_eq!(form_customer(&a), id);
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "9999999");
    ctrl(&mut a, 's');
    assert!(a.popup.is_none(), "saved");
    // Before the re-sorted list arrives, what is highlighted is what the keys act on.
    assert!(
        highlighted(&a, 120, 35).starts_with(&name),
        "{}",
        highlighted(&a, 120, 35)
    );
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(form_customer(&a), id);
    press(&mut a, KeyCode::Esc);
    a.settle();
    assert_eq!(selected(&a).0, id, "the selection followed the customer");
    let nav = a.customers.nav;
    assert!(nav.selected < last, "it moved up the sort: {} of {last}", nav.selected);
    assert!(nav.window().contains(&nav.selected), "and is on screen");
    assert!(
        highlighted(&a, 120, 35).starts_with(&name),
        "{}",
        highlighted(&a, 120, 35)
    );
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(form_customer(&a), id, "the feedback form is for the same customer");
}

#[test]
fn archiving_the_selected_customer_moves_to_its_neighbour_and_says_so_in_both_languages() {
    for (lang, says) in [
        ("en", "{gone} is no longer in this list (archived); now on {now}."),
        ("zh", "{gone} 已不在此列表中（已归档），现在选中 {now}。"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path(), 50, lang, 120, 35);
        press(&mut a, KeyCode::Char('j'));
        press(&mut a, KeyCode::Char('j'));
        let gone = selected(&a);
        press(&mut a, KeyCode::Char('j'));
        let next = selected(&a);
        press(&mut a, KeyCode::Char('k'));
        press(&mut a, KeyCode::Char('d'));
        press(&mut a, KeyCode::Char('y'));
        a.settle();
        assert_eq!(selected(&a), next, "{lang}: the one that followed it");
        let want = says.replace("{gone}", &gone.1).replace("{now}", &next.1);
        assert_eq!(status(&a), want);
        assert!(screen(&a, 120, 35).contains(&want));
        // The last one archived: the one before it.
        press(&mut a, KeyCode::Char('G'));
        let gone = selected(&a);
        press(&mut a, KeyCode::Char('k'));
        let before = selected(&a);
        press(&mut a, KeyCode::Char('j'));
        press(&mut a, KeyCode::Char('d'));
        press(&mut a, KeyCode::Char('y'));
        a.settle();
        assert_eq!(selected(&a), before);
        assert_eq!(status(&a), says.replace("{gone}", &gone.1).replace("{now}", &before.1));
        // Undo brings it back, selected.
        press(&mut a, KeyCode::Char('u'));
        a.settle();
        assert_eq!(selected(&a), gone);
    }
}

#[test]
fn a_filter_keeps_the_selected_customer_and_one_that_filters_it_out_moves_to_its_neighbour() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = named(dir.path(), &["Ann", "Bob", "Cid", "Dan"], "en");
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(selected(&a).1, "Bob");
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "-dan");
    a.settle();
    assert_eq!(a.customers.total(), 3);
    assert_eq!(selected(&a).1, "Bob", "still listed: still selected");
    // Typed past every match, the list is empty; backspaced, the selection is back on Bob.
    typ(&mut a, " zzz");
    a.settle();
    assert_eq!(a.customers.total(), 0);
    assert_eq!(
        status(&a),
        "Bob is no longer in this list (does not match the filter); the list is empty now."
    );
    for _ in 0..4 {
        press(&mut a, KeyCode::Backspace);
    }
    a.settle();
    assert_eq!(selected(&a).1, "Bob");
    assert_eq!(status(&a), "", "what was said when the list went empty is withdrawn");
    for _ in 0..4 {
        press(&mut a, KeyCode::Backspace);
    }
    typ(&mut a, "-bob");
    press(&mut a, KeyCode::Enter);
    a.settle();
    assert_eq!(selected(&a).1, "Cid", "the one that followed Bob, not the top");
    assert_eq!(
        status(&a),
        "Bob is no longer in this list (does not match the filter); now on Cid."
    );
}

#[test]
fn a_re_sort_keeps_the_selected_customer() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 300, "en", 120, 35);
    for _ in 0..5 {
        press(&mut a, KeyCode::Char('j'));
    }
    let who = selected(&a);
    for _ in 0..3 {
        press(&mut a, KeyCode::Char('s'));
        a.settle();
        assert_eq!(selected(&a), who, "sorted by {}", a.customers.sort_field());
        let nav = a.customers.nav;
        assert!(nav.window().contains(&nav.selected));
    }
}

#[test]
fn a_customer_added_here_becomes_the_selection_or_is_said_to_be_outside_the_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 100, "en", 120, 35);
    press(&mut a, KeyCode::Char('a'));
    typ(&mut a, "Zed Newcomer");
    ctrl(&mut a, 's');
    assert!(a.popup.is_none());
    a.settle();
    assert_eq!(selected(&a).1, "Zed Newcomer");
    assert!(highlighted(&a, 120, 35).starts_with("Zed Newcomer"));
    // Added while a filter hides it: the selection stays, and the status line says why it is not shown.
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "tier:A");
    press(&mut a, KeyCode::Enter);
    a.settle();
    let kept = selected(&a);
    press(&mut a, KeyCode::Char('a'));
    typ(&mut a, "Yu Later");
    ctrl(&mut a, 's');
    a.settle();
    assert_eq!(selected(&a), kept);
    assert_eq!(
        status(&a),
        "Yu Later is saved but not in this list (does not match the filter)."
    );
}

#[test]
fn a_change_by_another_connection_moves_the_selected_row_and_the_selection_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 100, "en", 120, 35);
    press(&mut a, KeyCode::Char('G'));
    let who = selected(&a);
    let last = a.customers.nav.selected;
    let mut other = Store::open(Options {
        user: "zhang.min".into(),
        ..options(dir.path())
    })
    .unwrap();
    other
        .write("order", |w| {
            tiercrm::store::orders::add(
                w,
                tiercrm::domain::order::NewOrder {
                    customer_id: tiercrm::domain::CustomerId(who.0),
                    date: today(),
                    amount: 999_999_900,
                    cost: None,
                    product: None,
                },
            )
        })
        .unwrap();
    a.check_for_changes();
    a.settle();
    assert_eq!(selected(&a), who);
    assert!(a.customers.nav.selected < last);
    assert!(status(&a).contains("Another user changed the data"));

    // The customer first in the follow-up queue is archived elsewhere while this screen shows customers:
    // the queue's selection moves on, and says so when the queue is shown.
    press(&mut a, KeyCode::Char('2'));
    let due = a.followups.selected_customer().unwrap();
    let due_name = customers::get(a.store.conn(), CustomerId(due)).unwrap().name;
    press(&mut a, KeyCode::Char('1'));
    other
        .write("archive", |w| customers::set_archived(w, CustomerId(due), true))
        .unwrap();
    a.check_for_changes();
    a.settle();
    assert!(!status(&a).contains("no longer"), "not said on another tab");
    press(&mut a, KeyCode::Char('2'));
    let now = a.followups.selected_customer().unwrap();
    assert_ne!(now, due);
    let now_name = customers::get(a.store.conn(), CustomerId(now)).unwrap().name;
    assert_eq!(
        status(&a),
        format!("{due_name} is no longer in this list (archived); now on {now_name}.")
    );
}

#[test]
fn logging_a_contact_from_the_queue_moves_to_the_next_due_customer() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 100, "en", 120, 35);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('j'));
    let gone = a.followups.selected_customer().unwrap();
    press(&mut a, KeyCode::Char('j'));
    let next = a.followups.selected_customer().unwrap();
    press(&mut a, KeyCode::Char('k'));
    press(&mut a, KeyCode::Char('c'));
    assert_eq!(form_customer(&a), gone);
    ctrl(&mut a, 's');
    assert!(a.popup.is_none());
    a.settle();
    assert_eq!(a.followups.selected_customer(), Some(next));
    assert!(
        status(&a).contains("is no longer in this list (no longer due); now on"),
        "{}",
        status(&a)
    );
}

#[test]
fn the_report_leaves_out_archived_customers_as_the_list_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 50, "en", 120, 35);
    let listed = a.customers.total();
    press(&mut a, KeyCode::Char('5'));
    assert!(
        screen(&a, 120, 35).contains(&format!("Customers: {listed} ")),
        "{}",
        screen(&a, 120, 35)
    );
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Char('d'));
    press(&mut a, KeyCode::Char('y'));
    a.settle();
    assert_eq!(a.customers.total(), listed - 1);
    press(&mut a, KeyCode::Char('5'));
    assert!(screen(&a, 120, 35).contains(&format!("Customers: {} ", listed - 1)));
}

#[test]
fn an_empty_queue_says_it_is_clear_and_an_empty_filtered_list_says_nothing_matches() {
    for (lang, clear, nothing) in [
        ("en", "No one is due today or in the next 7 days.", "Nothing matches."),
        ("zh", "今天及未来 7 天没有需要跟进的客户。", "没有匹配的记录。"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        // Nobody at all: a lead added today would be due in a week, which the Follow-ups tab lists.
        let mut a = named(dir.path(), &[], lang);
        press(&mut a, KeyCode::Char('2'));
        let s = screen(&a, 120, 35);
        assert!(s.contains(clear) && !s.contains(nothing), "{s}");
        press(&mut a, KeyCode::Char('4'));
        press(&mut a, KeyCode::Char('/'));
        typ(&mut a, "zzz");
        let s = screen(&a, 120, 35);
        assert!(s.contains(nothing) && !s.contains(clear), "{s}");
    }
}

#[test]
fn the_empty_filter_line_is_a_hint_unlike_a_filter_in_force() {
    use ratatui::style::Modifier;
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 50, "en", 120, 35);
    let line = |a: &App| screen(a, 120, 35).lines().nth(1).unwrap().to_string();
    assert!(line(&a).starts_with("/ to filter, e.g. tier:A"), "{}", line(&a));
    assert!(!line(&a).contains("Filter:"), "nothing reads as a filter in force");
    let cell = buffer(&a, 120, 35)[(0, 1)].clone();
    assert!(cell.modifier.contains(Modifier::ITALIC), "{cell:?}");
    assert_eq!(cell.fg, a.theme.muted.fg.unwrap());
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "tier:A");
    press(&mut a, KeyCode::Enter);
    a.settle();
    assert!(line(&a).starts_with("Filter: tier:A "), "{}", line(&a));
    let cell = buffer(&a, 120, 35)[(0, 1)].clone();
    assert!(!cell.modifier.contains(Modifier::ITALIC), "{cell:?}");
}

#[test]
fn the_order_form_refuses_amounts_and_dates_that_mean_something_else_and_warns_about_a_later_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(options(dir.path())).unwrap();
    store
        .write("add", |w| {
            customers::add(
                w,
                CustomerPatch {
                    name: Some("Ann".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let mut a = opened(App::new(store, Keymap::default(), I18n::new("en"), 120, 35).unwrap());
    let orders = |a: &App| -> i64 {
        a.store
            .conn()
            .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))
            .unwrap()
    };
    press(&mut a, KeyCode::Char('o'));
    press(&mut a, KeyCode::Tab);
    for (amount, why) in [
        ("12,50", "use a point for decimals: 12.50"),
        ("$ 5", "is in $ but this database keeps CNY"),
    ] {
        ctrl(&mut a, 'u');
        typ(&mut a, amount);
        ctrl(&mut a, 's');
        let s = screen(&a, 120, 35);
        assert!(s.contains(why), "{amount}: {s}");
        assert!(matches!(a.popup, Some(Popup::Form(_))), "the form stays open");
    }
    ctrl(&mut a, 'u');
    typ(&mut a, "12.50");
    press(&mut a, KeyCode::BackTab);
    ctrl(&mut a, 'u');
    typ(&mut a, "0000-01-01");
    ctrl(&mut a, 's');
    let s = screen(&a, 120, 35);
    assert!(s.contains("0000-01-01 is before 1900-01-01"), "{s}");
    assert_eq!(orders(&a), 0, "nothing saved");
    ctrl(&mut a, 'u');
    typ(&mut a, "2026-12-01");
    ctrl(&mut a, 's');
    assert!(a.popup.is_none(), "saved");
    assert_eq!(orders(&a), 1);
    let status = a.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        status.contains("2026-12-01 is after today (2026-11-22); it will not count until then"),
        "{status}"
    );
}

#[test]
fn the_help_lists_the_list_actions_the_tab_under_it_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 10, "en", 120, 35);
    press(&mut a, KeyCode::Char('?'));
    typ(&mut a, "(");
    let s = screen(&a, 120, 35);
    assert!(s.contains("(archive)") && s.contains("(sort)"), "customers: {s}");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('?'));
    typ(&mut a, "(");
    let s = screen(&a, 120, 35);
    assert!(
        s.contains("(log-contact)") && !s.contains("(archive)"),
        "follow-ups: {s}"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('5'));
    press(&mut a, KeyCode::Char('?'));
    let s = screen(&a, 120, 35);
    assert!(
        s.contains("(quit)") && !s.contains("(down)"),
        "the report has no list: {s}"
    );
}

/// Customer 1 (王芳) with a history: her own order and a complaint with a body, then orders of five
/// others that move her RFM score by re-ranking everyone; history dated on the test's today.
fn with_history(dir: &std::path::Path, lang: &str, w: u16, h: u16) -> App {
    use tiercrm::ops;
    let mut store = Store::open(options(dir)).unwrap();
    let mut ids = Vec::new();
    for name in ["王芳", "李雷", "韩梅梅", "Tom Baker", "Ana Lima", "Chen Jing"] {
        let patch = CustomerPatch {
            name: Some(name.into()),
            ..Default::default()
        };
        ids.push(ops::customers::add(&mut store, patch).unwrap().id);
    }
    let order = |store: &mut Store, customer: CustomerId, amount: &str| {
        let text = ops::orders::Text {
            date: Some("2026-11-20"),
            amount,
            ..Default::default()
        };
        let input = ops::orders::Input::parse(customer, &text, "CNY").unwrap();
        ops::orders::add(store, input).unwrap();
    };
    order(&mut store, ids[0], "3000");
    let complaint = ops::feedback::Text {
        kind: "complaint",
        title: "台灯到货破损",
        body: Some("灯罩碎了。\n请尽快补发。"),
        urgency: 2,
        importance: 2,
        channel: None,
        at: Some("2026-11-21 09:30"),
    };
    ops::feedback::add(&mut store, ops::feedback::Input::parse(ids[0], &complaint).unwrap()).unwrap();
    for (k, id) in ids[1..].iter().enumerate() {
        order(&mut store, *id, &format!("{}", 4000 + 1000 * k));
    }
    // History is stamped with the clock's time: put it at noon of the test's today (rows of one time read
    // in the order they were written).
    store
        .conn()
        .execute("UPDATE tier_history SET at = '2026-11-22T12:00:00Z'", [])
        .unwrap();
    opened(App::new(store, Keymap::default(), I18n::new(lang), w, h).unwrap())
}

#[test]
fn the_detail_timeline_words_causes_in_the_interface_language_folds_re_rank_moves_and_shows_feedback_bodies() {
    for (lang, w, h) in [("zh", 80u16, 24u16), ("en", 80, 24)] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = with_history(dir.path(), lang, w, h);
        let detail = tiercrm::tui::popup::Detail::load(&a.store, 1, &a.i18n).unwrap();
        a.popup = Some(Popup::Detail(Box::new(detail)));
        // The timeline is below the classes: scroll to it.
        for _ in 0..12 {
            press(&mut a, KeyCode::Char('j'));
        }
        let shown = screen(&a, w, h);
        insta::assert_snapshot!(format!("detail_history_{lang}_{w}x{h}"), shown);
        if lang == "zh" {
            assert!(shown.contains("为客户 1 添加订单"), "{shown}");
            assert!(shown.contains("请尽快补发"), "{shown}");
            assert!(shown.contains("重新排名，变动"), "{shown}");
        } else {
            assert!(shown.contains("class change "), "{shown}");
            assert!(!shown.contains("class cha…"), "{shown}");
            assert!(shown.contains("order added for customer 1"), "{shown}");
        }
    }
}

/// The feedback workflow from the Feedback tab: a step the status does not allow is refused before
/// anything is typed, naming from and to, and changes nothing; each allowed step is one form and one write;
/// closing takes a score or the explicit skip key.
#[test]
fn feedback_moves_through_its_workflow_from_the_tab_and_refuses_a_skipped_step() {
    use tiercrm::domain::FeedbackStatus;
    use tiercrm::store::feedback;
    for lang in ["en", "zh"] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = named(dir.path(), &["Ann"], lang);
        let text = tiercrm::ops::feedback::Text {
            kind: "complaint",
            title: "late",
            body: None,
            urgency: 2,
            importance: 2,
            channel: None,
            at: None,
        };
        let input = tiercrm::ops::feedback::Input::parse(CustomerId(1), &text).unwrap();
        let id = tiercrm::ops::feedback::add(&mut a.store, input)
            .unwrap()
            .record
            .feedback
            .id;
        a.refresh().unwrap();
        a.settle();
        let item = |a: &App| feedback::get(a.store.conn(), id).unwrap();
        press(&mut a, KeyCode::Char('4'));
        assert!(screen(&a, 120, 35).contains("late"));

        let before = item(&a);
        press(&mut a, KeyCode::Char('C'));
        match &a.popup {
            Some(Popup::Error(why)) => assert!(why.contains("new") && why.contains("closed"), "{why}"),
            _ => panic!("{lang}: closing a new item is refused at once"),
        }
        assert_eq!(item(&a), before, "{lang}: nothing changed");
        press(&mut a, KeyCode::Esc);

        press(&mut a, KeyCode::Char('i'));
        assert!(matches!(&a.popup, Some(Popup::Form(_))), "{lang}: investigate asks who");
        press(&mut a, KeyCode::Enter);
        let now = item(&a);
        assert_eq!(
            (now.status, now.assignee.as_deref()),
            (FeedbackStatus::Investigating, Some("li.wei"))
        );

        press(&mut a, KeyCode::Char('R'));
        press(&mut a, KeyCode::Enter);
        assert!(
            matches!(&a.popup, Some(Popup::Form(_))),
            "{lang}: a resolution is required"
        );
        assert_eq!(item(&a).status, FeedbackStatus::Investigating);
        typ(&mut a, "sent a new one");
        press(&mut a, KeyCode::Enter);
        assert_eq!(item(&a).status, FeedbackStatus::Resolved);
        assert_eq!(item(&a).resolution.as_deref(), Some("sent a new one"));

        press(&mut a, KeyCode::Char('C'));
        press(&mut a, KeyCode::Enter);
        assert!(
            matches!(&a.popup, Some(Popup::Form(_))),
            "{lang}: an empty score is not a skip"
        );
        a.on_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
        assert!(a.popup.is_none(), "{lang}: the skip key closes and saves");
        let closed = item(&a);
        assert_eq!((closed.status, closed.satisfaction), (FeedbackStatus::Closed, None));
        assert!(status(&a).contains("late"), "{}", status(&a));
    }
}

/// Corrections from the Contacts and Feedback tabs: `E` corrects the entry under the cursor in one write
/// (the last contact moves with it), `D` deletes a contact after a confirmation; both re-derive.
#[test]
fn a_contact_and_feedback_are_corrected_and_a_contact_deleted_from_their_tabs() {
    use tiercrm::store::{contacts, feedback};
    let dir = tempfile::tempdir().unwrap();
    let mut a = named(dir.path(), &["Ann"], "en");
    let typed = tiercrm::ops::contacts::Text {
        channel: "phone",
        direction: "out",
        summary: Some("tpyo"),
        at: Some("2026-11-20 10:00"),
        ..Default::default()
    };
    let input = tiercrm::ops::contacts::Input::parse(
        CustomerId(1),
        &typed,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    )
    .unwrap();
    let cid = tiercrm::ops::contacts::log(&mut a.store, input)
        .unwrap()
        .record
        .contact
        .id;
    let text = tiercrm::ops::feedback::Text {
        kind: "praise",
        title: "tpyo",
        body: None,
        urgency: 1,
        importance: 1,
        channel: None,
        at: None,
    };
    let input = tiercrm::ops::feedback::Input::parse(CustomerId(1), &text).unwrap();
    let fid = tiercrm::ops::feedback::add(&mut a.store, input)
        .unwrap()
        .record
        .feedback
        .id;
    a.refresh().unwrap();
    a.settle();
    let last_contact = |a: &App| -> Option<String> {
        a.store
            .conn()
            .query_row("SELECT last_contact FROM derived WHERE customer_id = 1", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(last_contact(&a).as_deref(), Some("2026-11-20"));

    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('E'));
    assert!(matches!(&a.popup, Some(Popup::Form(_))), "E corrects the contact");
    // To the summary (third field), corrected; then the time (fifth), moved back.
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    a.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typ(&mut a, "typo fixed");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    a.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typ(&mut a, "2026-11-12 09:00");
    a.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(a.popup.is_none(), "saved");
    assert_eq!(
        contacts::get(a.store.conn(), cid).unwrap().summary.as_deref(),
        Some("typo fixed")
    );
    assert_eq!(
        last_contact(&a).as_deref(),
        Some("2026-11-12"),
        "re-derived in the same write"
    );

    a.settle();
    press(&mut a, KeyCode::Char('D'));
    assert!(
        matches!(&a.popup, Some(Popup::ConfirmDeleteContact { .. })),
        "D asks first"
    );
    press(&mut a, KeyCode::Esc);
    assert!(contacts::get(a.store.conn(), cid).is_ok(), "Esc keeps it");
    press(&mut a, KeyCode::Char('D'));
    press(&mut a, KeyCode::Char('y'));
    assert!(contacts::get(a.store.conn(), cid).is_err(), "deleted");
    assert_eq!(last_contact(&a), None);
    assert!(status(&a).contains("Ann"), "{}", status(&a));

    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Char('E'));
    assert!(matches!(&a.popup, Some(Popup::Form(_))), "E corrects the feedback");
    press(&mut a, KeyCode::Right); // kind: praise → the next kind
    press(&mut a, KeyCode::Tab);
    a.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typ(&mut a, "Need a manual");
    a.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(a.popup.is_none(), "saved");
    let f = feedback::get(a.store.conn(), fid).unwrap();
    assert_eq!((f.kind.as_str(), f.title.as_str()), ("inquiry", "Need a manual"));
}

/// The detail view is a place to work: `c`, `o`, `f`, `F` and `e` open their form for the customer shown,
/// and a contact saved from there is that customer's.
#[test]
fn the_detail_view_acts_on_its_customer() {
    for lang in ["en", "zh"] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path(), 40, lang, 120, 35);
        press(&mut a, KeyCode::Char('j'));
        press(&mut a, KeyCode::Enter);
        let Some(tiercrm::tui::popups::Popup::Detail(d)) = &a.popup else {
            panic!("{lang}: the detail view is open")
        };
        let (id, name) = (d.customer.id, d.customer.name.clone());
        let hints = screen(&a, 120, 35);
        assert!(hints.lines().last().unwrap().contains('F'), "{lang}: {hints}");
        for key in ['o', 'f', 'F', 'e', 'c'] {
            press(&mut a, KeyCode::Char(key));
            let Some(tiercrm::tui::popups::Popup::Form(open)) = &a.popup else {
                panic!("{lang}: `{key}` opens a form")
            };
            assert!(open.form.title.contains(&name), "{lang} `{key}`: {}", open.form.title);
            if key != 'c' {
                press(&mut a, KeyCode::Esc);
                press(&mut a, KeyCode::Enter);
            }
        }
        let before = tiercrm::store::contacts::list(a.store.conn(), Some(id), None)
            .unwrap()
            .len();
        // Tab to the summary, as a person would.
        while !matches!(&a.popup, Some(tiercrm::tui::popups::Popup::Form(o)) if o.form.fields[o.form.focus].name == "summary")
        {
            press(&mut a, KeyCode::Tab);
        }
        typ(&mut a, "from the detail view");
        a.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        a.settle();
        assert!(a.popup.is_none(), "{lang}: saved");
        let after = tiercrm::store::contacts::list(a.store.conn(), Some(id), None).unwrap();
        assert_eq!(after.len(), before + 1, "{lang}: {}", screen(&a, 120, 35));
        assert!(
            after
                .iter()
                .any(|c| c.summary.as_deref() == Some("from the detail view")),
            "{lang}: {after:?}"
        );
    }
}

/// Narrowing the Follow-ups tab with a filter says the selected customer left because of the filter, not
/// that they are no longer due; deleting a contact says it was removed.
#[test]
fn a_customer_filtered_out_of_the_queue_is_said_to_be_filtered_not_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), 300, "en", 120, 35);
    press(&mut a, KeyCode::Char('2'));
    let first = a.page(Tab::Followups).selected_customer().expect("someone is due");
    let tier = customers::get(a.store.conn(), CustomerId(first)).unwrap();
    let keep = if a
        .store
        .conn()
        .query_row("SELECT tier FROM derived WHERE customer_id = ?1", [first], |r| {
            r.get::<_, Option<String>>(0)
        })
        .unwrap()
        .as_deref()
        == Some("A")
    {
        "tier:B"
    } else {
        "tier:A"
    };
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, keep);
    press(&mut a, KeyCode::Enter);
    a.settle();
    let shown = screen(&a, 120, 35);
    assert!(
        shown.contains(&format!(
            "{} is no longer in this list (does not match the filter)",
            tier.name
        )),
        "{shown}"
    );
}
