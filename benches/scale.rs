//! Scale benchmark: a 100,000-customer demo database with about a million orders.
//!
//! Measures a full classification from scratch, a re-classification with nothing to change, a single
//! `order add` with its re-rank (in process, and as the real binary including process start and open),
//! and a filtered list. Run with `cargo bench --bench scale`; `TIERCRM_BENCH_CUSTOMERS` changes the size.

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tiercrm::domain::CustomerId;
use tiercrm::domain::classify::Params;
use tiercrm::domain::order::NewOrder;
use tiercrm::store::{Options, Store, bulk, filter_sql, orders};

fn stats(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let max = *times.last().unwrap_or(&median);
    println!(
        "{label:<48} median {:>9.2} ms   min {:>9.2} ms   max {:>9.2} ms   (n={})",
        ms(median),
        ms(times[0]),
        ms(max),
        times.len()
    );
}

fn main() {
    let n: usize = std::env::var("TIERCRM_BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let opts = Options {
        path: path.clone(),
        user: "bench".into(),
        today,
        params: Params::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(10),
        access: Default::default(),
    };
    let mut store = Store::open(opts.clone()).unwrap();
    let t = Instant::now();
    let data = tiercrm::demo::generate(n, 42, today);
    let generated = t.elapsed();
    let t = Instant::now();
    bulk::load(&mut store, &data).unwrap();
    println!(
        "demo: {} customers, {} orders, {} contacts, {} feedback — generated in {:.2} s, loaded and classified in {:.2} s",
        data.customers.len(),
        data.orders.len(),
        data.contacts.len(),
        data.feedback.len(),
        generated.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );

    let mut scratch = Vec::new();
    for _ in 0..3 {
        store
            .conn()
            .execute_batch("DELETE FROM derived; DELETE FROM meta WHERE key = 'classified_on';")
            .unwrap();
        let t = Instant::now();
        store.classify_all("bench from scratch").unwrap();
        scratch.push(t.elapsed());
    }
    stats("classify from scratch (empty derived table)", scratch);

    let mut again = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let s = store.classify_all("bench again").unwrap();
        again.push(t.elapsed());
        assert_eq!(s.rows_written, 0);
    }
    stats("classify again (nothing changed)", again);

    let mut add = Vec::new();
    for k in 0..40 {
        let customer = CustomerId(1 + (k * 7919) % n as i64);
        let o = NewOrder {
            customer_id: customer,
            date: today,
            amount: 50_000 + k * 1000,
            cost: None,
            product: None,
        };
        let t = Instant::now();
        store.write("bench order", |w| orders::add(w, o)).unwrap();
        add.push(t.elapsed());
    }
    stats("order add + re-rank (in process)", add);

    drop(store);
    let bin = env!("CARGO_BIN_EXE_tiercrm");
    let mut cli = Vec::new();
    for k in 0..15 {
        let customer = (1 + (k * 104_729) % n).to_string();
        let t = Instant::now();
        let out = Command::new(bin)
            .args([
                "--db",
                path.to_str().unwrap(),
                "--today",
                "2026-11-22",
                "--as",
                "bench",
                "--json",
            ])
            .args(["order", "add", "--customer", &customer, "--amount", "999.00"])
            .output()
            .unwrap();
        cli.push(t.elapsed());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    stats("tiercrm order add (process: start, open, write)", cli);

    let store = Store::open(opts.clone()).unwrap();
    let f = tiercrm::domain::filter::parse("tier:A stage:at_risk,active risk:>20", "bench").unwrap();
    let mut list = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let rows = filter_sql::list(store.conn(), &f, "risk", Some(50), today).unwrap();
        list.push(t.elapsed());
        assert!(!rows.is_empty());
    }
    stats("filtered list, first 50 by risk", list);
    drop(store);
    tui(opts);
}

/// The terminal interface on the same database: opening it, and a keystroke's update + draw.
fn tui(opts: Options) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use tiercrm::tui::app::App;

    let (w, h) = (120u16, 35u16);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let t = Instant::now();
    let store = Store::open(opts).unwrap();
    let mut app = App::new(
        store,
        tiercrm::tui::keymap::Keymap::default(),
        tiercrm::i18n::I18n::new("en"),
        w,
        h,
    )
    .unwrap();
    term.draw(|f| app.draw(f)).unwrap();
    println!(
        "tui: open the database, first frame (lists asked of the loader)  {:>9.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    while app.poll() {
        std::thread::sleep(Duration::from_millis(1));
        if app.customers.total() > 0 && app.customers.fetch.loaded {
            break;
        }
    }
    term.draw(|f| app.draw(f)).unwrap();
    println!(
        "tui: the visible tab's list arrives after                          {:>9.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    app.settle();
    term.draw(|f| app.draw(f)).unwrap();
    println!(
        "tui: every tab's list has arrived after                            {:>9.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut refresh = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        app.refresh().unwrap();
        term.draw(|f| app.draw(f)).unwrap();
        refresh.push(t.elapsed());
        app.settle();
    }
    stats("tui: refresh after a write (update + draw)", refresh);
    let mut key = |app: &mut App, code: KeyCode, label: &str, n: usize| {
        let mut times = Vec::new();
        for _ in 0..n {
            let t = Instant::now();
            app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
            term.draw(|f| app.draw(f)).unwrap();
            times.push(t.elapsed());
        }
        stats(label, times);
    };
    key(&mut app, KeyCode::Char('j'), "tui keystroke: down (update + draw)", 200);
    key(
        &mut app,
        KeyCode::PageDown,
        "tui keystroke: page down (update + draw)",
        100,
    );
    key(&mut app, KeyCode::Char('G'), "tui keystroke: bottom (update + draw)", 5);
    key(
        &mut app,
        KeyCode::Char('s'),
        "tui keystroke: sort by next column (update + draw)",
        9,
    );
    key(&mut app, KeyCode::Char('/'), "tui keystroke: start filter", 1);
    let mut filter = Vec::new();
    for c in "tier:A 上海".chars() {
        let t = Instant::now();
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        term.draw(|f| app.draw(f)).unwrap();
        filter.push(t.elapsed());
    }
    stats("tui keystroke: type into the filter (update + draw)", filter);
    let t = Instant::now();
    app.settle();
    term.draw(|f| app.draw(f)).unwrap();
    println!(
        "tui: the filtered list arrives from the loader after                {:>9.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut draw = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        term.draw(|f| app.draw(f)).unwrap();
        draw.push(t.elapsed());
    }
    stats("tui draw alone (no change)", draw);
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.settle();
    app.on_key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
    app.on_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    let mut typing = Vec::new();
    for c in "wechat".chars() {
        let t = Instant::now();
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        app.poll();
        term.draw(|f| app.draw(f)).unwrap();
        typing.push(t.elapsed());
    }
    stats("tui keystroke: type into the contacts filter", typing);
    let t = Instant::now();
    app.settle();
    term.draw(|f| app.draw(f)).unwrap();
    println!(
        "tui: {} matching contacts arrive from the loader after        {:>9.2} ms",
        app.contacts.nav.len,
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut page = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        app.on_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
        term.draw(|f| app.draw(f)).unwrap();
        page.push(t.elapsed());
    }
    stats("tui keystroke: page down the filtered contacts", page);
}
