//! The store on real files: creation, reopening, re-deriving when the date moves, history and audit.

use chrono::{Duration, NaiveDate};
use tiercrm::domain::customer::CustomerPatch;
use tiercrm::domain::order::NewOrder;
use tiercrm::domain::{CustomerId, Stage};
use tiercrm::store::{Options, Store, customers, orders};

fn options(dir: &std::path::Path, today: NaiveDate) -> Options {
    Options {
        path: dir.join("sub/dir/crm.db"),
        user: "li.wei".into(),
        today,
        params: Default::default(),
        currency: "CNY".into(),
        shared: false,
        busy_timeout: std::time::Duration::from_secs(5),
        access: Default::default(),
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A customer with just a name.
fn named(name: &str) -> CustomerPatch {
    CustomerPatch {
        name: Some(name.into()),
        ..Default::default()
    }
}

/// Adds a customer in one write.
fn add(s: &mut Store, patch: CustomerPatch) -> tiercrm::domain::customer::Customer {
    s.write("add", |w| customers::add(w, patch)).unwrap()
}

fn one<T: rusqlite::types::FromSql>(s: &Store, sql: &str) -> T {
    s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn creates_missing_directories_and_keeps_data_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(options(dir.path(), day("2026-11-22"))).unwrap();
    let c = add(&mut s, named("王芳"));
    assert_eq!(c.created_by, "li.wei");
    drop(s);
    let s = Store::open(options(dir.path(), day("2026-11-22"))).unwrap();
    assert_eq!(customers::get(s.conn(), c.id).unwrap().name, "王芳");
    assert_eq!(one::<i64>(&s, "PRAGMA user_version"), tiercrm::store::schema::latest());
    assert_eq!(one::<String>(&s, "PRAGMA journal_mode"), "wal");
    assert_eq!(one::<i64>(&s, "PRAGMA foreign_keys"), 1);
}

#[test]
fn opening_on_a_later_day_re_derives_and_records_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(options(dir.path(), day("2026-06-01"))).unwrap();
    let c = add(&mut s, named("Ann"));
    s.write("order", |w| {
        orders::add(
            w,
            NewOrder {
                customer_id: c.id,
                date: day("2026-05-30"),
                amount: 1000,
                cost: None,
                product: None,
            },
        )
    })
    .unwrap();
    let stage = |s: &Store| customers::get_with_classes(s.conn(), c.id).unwrap().1.unwrap().stage;
    assert_eq!(stage(&s), Stage::Active);
    drop(s);
    let later = day("2026-06-01") + Duration::days(200);
    let s = Store::open(options(dir.path(), later)).unwrap();
    assert_eq!(stage(&s), Stage::AtRisk);
    let (field, old, new, trigger): (String, String, String, String) = s
        .conn()
        .query_row(
            "SELECT field, old, new, trigger FROM tier_history WHERE field = 'stage' ORDER BY id DESC",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (field.as_str(), old.as_str(), new.as_str()),
        ("stage", "active", "at_risk")
    );
    assert_eq!(trigger, "date moved from 2026-06-01 to 2026-12-18");
}

#[test]
fn every_write_is_audited_with_old_and_new_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(options(dir.path(), day("2026-11-22"))).unwrap();
    let c = add(&mut s, named("Ann"));
    s.write("edit", |w| {
        customers::edit(
            w,
            c.id,
            CustomerPatch {
                email: Some("ann@example.com".into()),
                ..Default::default()
            },
            Some(1),
        )
    })
    .unwrap();
    s.write("order", |w| {
        orders::add(
            w,
            NewOrder {
                customer_id: CustomerId(c.id.0),
                date: day("2026-11-01"),
                amount: 500,
                cost: None,
                product: None,
            },
        )
    })
    .unwrap();
    let mut st = s
        .conn()
        .prepare("SELECT staff, entity, action, changes FROM audit_log WHERE entity <> 'settings' ORDER BY id")
        .unwrap();
    let rows: Vec<(String, String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 3);
    // Opening the new file recorded the rules it adopted from the opener, once.
    assert_eq!(
        one::<i64>(
            &s,
            "SELECT count(*) FROM audit_log WHERE entity = 'settings' AND action = 'adopt'"
        ),
        1
    );
    assert_eq!((rows[1].1.as_str(), rows[1].2.as_str()), ("customer", "edit"));
    assert_eq!(rows[1].3, r#"{"email":[null,"ann@example.com"]}"#);
    assert_eq!(rows[2].0, "li.wei");
    // The first order made Ann the only buyer: her tier moved from C to A, recorded once.
    let history: i64 = one(
        &s,
        "SELECT count(*) FROM tier_history WHERE field = 'tier' AND old = 'C' AND new = 'A'",
    );
    assert_eq!(history, 1);
}

#[test]
fn the_contact_log_search_needs_every_word_somewhere_and_takes_wildcards_literally() {
    use tiercrm::domain::contact::NewContact;
    use tiercrm::domain::{Channel, Direction};
    use tiercrm::store::contacts;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(options(dir.path(), day("2026-11-22"))).unwrap();
    let in_company = |name: &str, company: &str| CustomerPatch {
        company: Some(company.into()),
        ..named(name)
    };
    let wang = add(&mut s, in_company("王芳", "上海华信")).id;
    let ann = add(&mut s, in_company("Ann Lee", "Acme")).id;
    let log = |s: &mut Store, who: CustomerId, at: &str, channel: Channel, summary: &str| {
        s.write("log", |w| {
            contacts::log(
                w,
                NewContact {
                    staff: None,
                    customer_id: who,
                    at: chrono::DateTime::parse_from_rfc3339(at).unwrap().to_utc(),
                    channel,
                    direction: Direction::Outbound,
                    summary: Some(summary.into()),
                    outcome: None,
                    next_date: None,
                },
            )
        })
        .unwrap()
        .contact
        .id
    };
    let a = log(&mut s, wang, "2026-11-01T09:00:00Z", Channel::Wechat, "报价 100% 确认");
    let b = log(&mut s, ann, "2026-11-02T09:00:00Z", Channel::Email, "Sent the QUOTE");
    let c = log(&mut s, wang, "2026-11-03T09:00:00Z", Channel::Phone, "quote follow-up");
    let find = |needle: &str| contacts::ids(s.conn(), Some(needle)).unwrap();
    assert_eq!(contacts::ids(s.conn(), None).unwrap(), vec![c, b, a], "newest first");
    assert_eq!(find("quote"), vec![c, b], "any case");
    assert_eq!(find("ＱＵＯＴＥ"), vec![c, b], "full-width typing folds");
    assert_eq!(
        find("quote 上海"),
        vec![c],
        "every word, one from the customer's company"
    );
    assert_eq!(find("wechat"), vec![a], "the channel");
    assert_eq!(find("微信"), vec![a], "the channel by its Chinese name");
    assert_eq!(find("电话 上海"), vec![c], "电话 is the phone channel");
    assert_eq!(find("100%"), vec![a]);
    assert_eq!(find("%"), vec![a], "a wildcard is a character, not 'anything'");
    assert_eq!(find("_"), Vec::new());
    assert_eq!(find("   "), vec![c, b, a], "blank is no filter");
}

/// A patch that sets every field of a customer, each marked with `tag`.
fn every_field(tag: &str) -> CustomerPatch {
    let text = |f: &str| Some(format!("{f} {tag}"));
    CustomerPatch {
        name: text("name"),
        kind: Some(tiercrm::domain::CustomerKind::Company),
        external_id: text("X"),
        company: text("company"),
        industry: text("industry"),
        region: text("region"),
        address: text("address"),
        phone: Some(format!("+86 138-{tag}")),
        email: Some(format!("{tag}@example.com")),
        social: text("social"),
        source: Some("referral".into()),
        owner: text("owner"),
        needs: text("needs"),
        notes: text("notes"),
        tags: Some(vec![format!("t{tag}")]),
        stage_pin: Some(Some(Stage::Loyal)),
    }
}

#[test]
fn the_insert_and_the_update_write_every_field_and_read_back_what_they_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(options(dir.path(), day("2026-11-22"))).unwrap();
    let added = add(&mut s, every_field("0001"));
    assert_eq!(customers::get(s.conn(), added.id).unwrap(), added);
    let edited = s
        .write("edit", |w| customers::edit(w, added.id, every_field("0002"), Some(1)))
        .unwrap();
    assert_eq!((edited.email.as_deref(), edited.version), (Some("0002@example.com"), 2));
    assert_eq!(customers::get(s.conn(), added.id).unwrap(), edited);
    let archived = s
        .write("archive", |w| customers::set_archived(w, added.id, true))
        .unwrap();
    assert_eq!(customers::get(s.conn(), added.id).unwrap(), archived);
    let key: String = one(&s, "SELECT phone_key FROM customers");
    assert_eq!(key, "861380002", "the phone key follows the edited phone");
    let search: String = one(&s, "SELECT search FROM customers");
    assert!(search.contains("company 0002") && !search.contains("0001"), "{search}");
}
