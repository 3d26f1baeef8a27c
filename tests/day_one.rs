//! Day-one correctness of the real binary: times typed and shown in local time, bad times refused, reads that
//! never write, files that are not ours left untouched, read-only files readable.

mod common;

use common::{Env, Run};

fn add(env: &Env, name: &str) -> String {
    env.json(&["customer", "add", "--name", name])["id"]
        .as_i64()
        .unwrap()
        .to_string()
}

/// Runs with a time zone for the process.
fn run_in(env: &Env, tz: &str, args: &[&str]) -> Run {
    let out = env.command().env("TZ", tz).args(args).output().unwrap();
    common::to_run(out)
}

fn stored(env: &Env, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut st = conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_time_that_is_not_a_time_is_refused_and_nothing_is_stored() {
    let env = Env::new();
    let id = add(&env, "Ann");
    for at in ["2026-11-20 25:00", "2026-11-20 23:61", "banana", "2026-11-20 9pm"] {
        let r = env.run(&["contact", "log", "--customer", &id, "--at", at]);
        assert_eq!(r.code, 2, "{at}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("at:"), "{at}: names the field: {}", r.stderr);
    }
    assert!(stored(&env, "SELECT at FROM contacts").is_empty(), "nothing was saved");
}

#[test]
fn times_are_typed_and_shown_in_local_time_and_stored_as_utc() {
    let env = Env::new();
    let id = add(&env, "Ann");
    let logged = run_in(
        &env,
        "Asia/Shanghai",
        &[
            "--json",
            "contact",
            "log",
            "--customer",
            &id,
            "--at",
            "2026-11-21 09:30",
            "--summary",
            "call",
        ],
    )
    .ok()
    .json();
    // 09:30 in Beijing is 01:30 UTC; JSON is RFC 3339 with its offset.
    assert_eq!(logged["contact"]["at"], "2026-11-21T01:30:00Z");
    assert_eq!(stored(&env, "SELECT at FROM contacts"), vec!["2026-11-21T01:30:00Z"]);
    // A contact logged at 21:33 Beijing time is shown at 21:33 there, and at 13:33 in UTC.
    run_in(
        &env,
        "Asia/Shanghai",
        &["contact", "log", "--customer", &id, "--at", "2026-11-21 21:33"],
    )
    .ok();
    let there = run_in(&env, "Asia/Shanghai", &["contact", "list"]).ok().stdout;
    assert!(there.contains("2026-11-21 21:33"), "{there}");
    assert!(there.contains("2026-11-21 09:30"), "{there}");
    assert!(!there.contains("13:33"), "{there}");
    let utc = run_in(&env, "UTC", &["contact", "list"]).ok().stdout;
    assert!(utc.contains("2026-11-21 13:33"), "{utc}");
    // The customer's timeline shows the local date: 01:00 on the 22nd in Beijing is still the 21st in UTC.
    run_in(
        &env,
        "Asia/Shanghai",
        &["contact", "log", "--customer", &id, "--at", "2026-11-22 01:00"],
    )
    .ok();
    let show = run_in(&env, "Asia/Shanghai", &["customer", "show", &id]).ok().stdout;
    assert!(show.contains("2026-11-22  contact"), "{show}");
    let show = run_in(&env, "UTC", &["customer", "show", &id]).ok().stdout;
    assert!(!show.contains("2026-11-22  contact"), "{show}");
}

/// What a read must leave alone: the stored classes, their date, history and audit.
fn fingerprint(env: &Env) -> Vec<String> {
    let mut out = stored(env, "SELECT value FROM meta WHERE key = 'classified_on'");
    out.extend(stored(env, "SELECT count(*) || '' FROM tier_history"));
    out.extend(stored(env, "SELECT count(*) || '' FROM audit_log"));
    out.extend(stored(
        env,
        "SELECT customer_id || tier || stage || behavior || churn_risk || ifnull(next_due, '-') FROM derived ORDER BY customer_id",
    ));
    out
}

#[test]
fn a_look_at_another_date_derives_without_writing_and_a_back_dated_write_is_refused() {
    let env = Env::new();
    let ann = add(&env, "Ann");
    env.ok(&[
        "order",
        "add",
        "--customer",
        &ann,
        "--date",
        "2026-06-01",
        "--amount",
        "500",
    ]);
    let before = fingerprint(&env);
    assert_eq!(before[0], "2026-11-22");

    // Looking at another date shows that date's classes …
    let later = env.json(&["--today", "2027-01-15", "customer", "show", &ann]);
    assert_eq!(
        later["stage"], "at_risk",
        "last order more than 180 days before 2027-01-15"
    );
    let earlier = env.json(&["--today", "2020-01-01", "customer", "list"]);
    assert_eq!(earlier[0]["stage"], "potential", "nothing had happened by 2020");
    let due = env.run(&["--today", "2020-01-01", "due"]);
    assert_eq!(due.code, 0, "{}", due.stderr);
    // … and stores nothing: the next run as of the stored date finds everything as it was.
    assert_eq!(fingerprint(&env), before);
    assert_eq!(env.json(&["customer", "show", &ann])["stage"], "active");
    assert_eq!(fingerprint(&env), before);

    // A write as of an earlier date would re-derive everyone as of the past: refused, nothing changed.
    let r = env.run(&["--today", "2026-11-01", "customer", "add", "--name", "Bob"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("2026-11-22") && r.stderr.contains("nothing was changed"),
        "{}",
        r.stderr
    );
    let r = env.run(&["--today", "2026-11-01", "classify"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(fingerprint(&env), before);
    assert_eq!(env.json(&["customer", "list"]).as_array().unwrap().len(), 1);

    // A write as of a later date moves the stored date forward, once.
    env.ok(&["--today", "2026-11-23", "customer", "add", "--name", "Cy"]);
    assert_eq!(
        stored(&env, "SELECT value FROM meta WHERE key = 'classified_on'"),
        vec!["2026-11-23"]
    );
    let after = fingerprint(&env);
    env.ok(&["--today", "2026-11-23", "due"]);
    assert_eq!(fingerprint(&env), after, "a read on the stored date writes nothing");
}

#[test]
fn a_read_command_on_a_missing_database_creates_nothing() {
    let env = Env::new();
    let db = env.path("nodir/x.db");
    for args in [&["customer", "list"][..], &["due"], &["export"], &["contact", "list"]] {
        let out = env.command().arg("--db").arg(&db).args(args).output().unwrap();
        let r = common::to_run(out);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("no database") && r.stderr.contains("tiercrm init"),
            "{}",
            r.stderr
        );
    }
    assert!(!env.path("nodir").exists(), "no directory was made");
    let out = env.command().arg("--db").arg(&db).arg("init").output().unwrap();
    assert_eq!(common::to_run(out).code, 0);
    assert!(db.exists());
}

#[test]
fn another_programs_sqlite_file_is_refused_before_anything_is_written() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    let bytes = std::fs::read(&env.db).unwrap();
    for args in [
        &["customer", "list"][..],
        &["customer", "add", "--name", "Ann"],
        &["init"],
    ] {
        let r = env.run(args);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.stderr.contains("another program"), "{}", r.stderr);
        assert_eq!(
            std::fs::read(&env.db).unwrap(),
            bytes,
            "{args:?}: the file is byte for byte as it was"
        );
    }
    assert!(!env.path("crm.db-wal").exists());
}

#[test]
fn read_only_opens_for_every_read_and_refuses_writes_saying_why() {
    let env = Env::new();
    let ann = add(&env, "Ann");
    let before = fingerprint(&env);
    let list = env.json(&["--read-only", "customer", "list"]);
    assert_eq!(list[0]["name"], "Ann");
    env.ok(&["--read-only", "due"]);
    env.ok(&["--read-only", "--today", "2027-03-01", "customer", "show", &ann]);
    let r = env.run(&["--read-only", "customer", "add", "--name", "Bob"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("read-only") && r.stderr.contains("--read-only"),
        "{}",
        r.stderr
    );
    assert_eq!(fingerprint(&env), before);
}

/// Runs the binary as an unprivileged user when the tests run as root (who may write anything), so that
/// file permissions mean what they mean for a salesperson.
fn run_unprivileged(env: &Env, args: &[&str]) -> Run {
    let mut c = if unsafe { libc::geteuid() } == 0 {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_tiercrm"),
        ]);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_tiercrm"))
    };
    c.env_remove("TIERCRM_DB")
        .env_remove("TIERCRM_TODAY")
        .env("HOME", env.dir.path())
        .arg("--db")
        .arg(&env.db)
        .arg("--config")
        .arg(&env.config)
        .arg("--today")
        .arg(&env.today)
        .args(args);
    common::to_run(c.output().unwrap())
}

#[cfg(unix)]
#[test]
fn a_file_the_user_may_only_read_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let set =
        |p: &std::path::Path, mode: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    let env = Env::new();
    add(&env, "Ann");
    set(env.dir.path(), 0o755);
    set(&env.config, 0o644);
    // The file is readable, not writable by this user (its owner's only); its directory is writable.
    set(&env.db, 0o644);
    let r = run_unprivileged(&env, &["--json", "customer", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Ann"));
    let r = run_unprivileged(&env, &["customer", "add", "--name", "Bob"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("read-only") && r.stderr.contains("not writable by you"),
        "{}",
        r.stderr
    );
    // Made read-only on purpose (no write bit at all): refused even for root, who could write it.
    set(&env.db, 0o444);
    let r = env.run(&["customer", "add", "--name", "Bob"]);
    assert!(r.code != 0 && r.stderr.contains("mode 444"), "{}", r.stderr);
    // The directory is read-only too and no journal files are there: opened as immutable.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(conn);
    let _ = std::fs::remove_file(env.path("crm.db-wal"));
    let _ = std::fs::remove_file(env.path("crm.db-shm"));
    set(env.dir.path(), 0o555);
    let r = run_unprivileged(&env, &["--json", "customer", "list"]);
    let r2 = run_unprivileged(&env, &["--today", "2027-02-01", "due"]);
    let r3 = run_unprivileged(&env, &["customer", "add", "--name", "Bob"]);
    set(env.dir.path(), 0o755);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Ann"));
    assert_eq!(r2.code, 0, "{}", r2.stderr);
    assert_ne!(r3.code, 0);
    assert!(r3.stderr.contains("read-only"), "{}", r3.stderr);
}

#[test]
fn a_colleague_a_day_ahead_leaves_the_file_on_their_day_and_this_side_keeps_writing() {
    let env = Env::new();
    let real = chrono::Local::now().date_naive();
    let tomorrow = (real + chrono::Duration::days(1)).to_string();
    let run_real = |args: &[&str]| {
        // As the clock says: no --today.
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_tiercrm"));
        c.env_remove("TIERCRM_TODAY")
            .env_remove("TIERCRM_DB")
            .env("HOME", env.dir.path())
            .arg("--db")
            .arg(&env.db)
            .arg("--config")
            .arg(&env.config)
            .args(args);
        common::to_run(c.output().unwrap())
    };
    // East of here it is already tomorrow, and they wrote.
    env.ok(&["--today", &tomorrow, "customer", "add", "--name", "Ann"]);
    let r = run_real(&["customer", "add", "--name", "Bob"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        stored(&env, "SELECT value FROM meta WHERE key = 'classified_on'"),
        vec![tomorrow.clone()]
    );
    // Two days ahead is not a time zone: refused, saying which date to write as of. (No write can move a
    // file that far ahead any more; an older tiercrm could have.)
    let later = (real + chrono::Duration::days(2)).to_string();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute("UPDATE meta SET value = ?1 WHERE key = 'classified_on'", [&later])
            .unwrap();
    }
    let r = run_real(&["customer", "add", "--name", "Dee"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("--today {later}")), "{}", r.stderr);
}

#[test]
fn a_conflict_names_the_time_in_local_time() {
    let env = Env::new();
    let id = add(&env, "Ann");
    env.ok(&["--as", "zhang.min", "customer", "edit", &id, "--notes", "x"]);
    let r = run_in(
        &env,
        "Asia/Shanghai",
        &["customer", "edit", &id, "--notes", "y", "--if-version", "1"],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    let changed = stored(&env, "SELECT updated_at FROM customers")[0].clone();
    let local = chrono::DateTime::parse_from_rfc3339(&changed)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
        .format("%Y-%m-%d %H:%M")
        .to_string();
    assert!(r.stderr.contains(&format!("at {local}")), "{local}: {}", r.stderr);
}

#[test]
fn hostile_dates_and_times_are_refused_whole() {
    let env = Env::new();
    let id = add(&env, "Ann");
    for args in [
        &[
            "order",
            "add",
            "--customer",
            &id,
            "--date",
            "2026-11-01 garbage",
            "--amount",
            "5",
        ][..],
        &[
            "order",
            "add",
            "--customer",
            &id,
            "--date",
            "2026-11-01 99:99",
            "--amount",
            "5",
        ],
        &["followup", "add", "--customer", &id, "--due", "2026-12-01 garbage"],
        &["contact", "log", "--customer", &id, "--next", "2026-12-03 nonsense"],
        &["contact", "log", "--customer", &id, "--at", "2026-11-20 23:59:60"],
    ] {
        let r = env.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
    // The first minute of a daylight-saving gap does not exist either.
    let r = run_in(
        &env,
        "America/New_York",
        &["contact", "log", "--customer", &id, "--at", "2026-03-08 02:00"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    assert!(stored(&env, "SELECT at FROM contacts").is_empty());
    assert!(stored(&env, "SELECT date FROM orders").is_empty());
    // A write as of a day after tomorrow would lock everyone else out: refused; a look at it is fine.
    let far = (chrono::Local::now().date_naive() + chrono::Duration::days(30)).to_string();
    let r = env.run(&["--today", &far, "customer", "add", "--name", "Bob"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("in the future"), "{}", r.stderr);
    env.ok(&["--today", &far, "due"]);
    assert_eq!(
        stored(&env, "SELECT value FROM meta WHERE key = 'classified_on'"),
        vec![env.today.clone()]
    );
}

#[test]
fn reads_of_an_empty_or_rule_less_file_and_writes_that_need_records_create_nothing() {
    let env = Env::new();
    std::fs::write(&env.db, b"").unwrap();
    let r = env.run(&["customer", "list"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        std::fs::metadata(&env.db).unwrap().len(),
        0,
        "the empty file stays empty"
    );
    std::fs::remove_file(&env.db).unwrap();
    let r = env.run(&["order", "add", "--customer", "1", "--amount", "1"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        !env.db.exists(),
        "a write that needs a customer does not create a database"
    );
    // A file without rules (made by an older tiercrm) is read with the reader's rules and not given them.
    add(&env, "Ann");
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute("DELETE FROM meta WHERE key = 'settings'", []).unwrap();
    }
    env.ok(&["customer", "list"]);
    assert!(stored(&env, "SELECT value FROM meta WHERE key = 'settings'").is_empty());
    env.ok(&["customer", "add", "--name", "Bob"]);
    assert_eq!(
        stored(&env, "SELECT value FROM meta WHERE key = 'settings'").len(),
        1,
        "a write adopts them"
    );
}

#[test]
fn what_is_typed_is_shown_neutralised_even_in_refusals() {
    let env = Env::new();
    add(&env, "Ann");
    let r = env.run(&[
        "order",
        "add",
        "--customer",
        "1\u{1b}[2J\u{1b}]0;TITLE\u{7}",
        "--amount",
        "5",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        !r.stderr.contains('\u{1b}') && r.stderr.contains("\\x1b[2J"),
        "{:?}",
        r.stderr
    );
    let r = env.run(&["customer", "add", "--name", "x", "--phone", "12\r\n345x"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.trim_end().lines().count(), 1, "{:?}", r.stderr);
    // A name of invisible characters alone is empty; one inside a name is shown.
    let r = env.run(&["customer", "add", "--name", "\u{200b}\u{feff}"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // The same through an import, which stores customers by the table's one insert.
    let file = env.write("blank.csv", "name,email\n\u{200b}\u{feff},z@example.com\n".as_bytes());
    let r = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    env.ok(&["customer", "add", "--name", "Bo\u{200b}b"]);
    let list = env.ok(&["customer", "list"]).stdout;
    assert!(list.contains("Bo<U+200B>b"), "{list}");
    // Too many filter terms are a bad filter, not a database error.
    let many: Vec<String> = (0..150).map(|i| format!("-x{i}")).collect();
    let r = env.run(&["customer", "list", "--filter", &many.join(" ")]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // A demo too large to build is refused before it starts.
    let r = env.run(&["demo", "--customers", "100000000"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn closed_pipes_end_quietly_and_a_closed_stderr_does_not_panic() {
    use std::process::Stdio;
    let env = Env::new();
    env.ok(&["demo", "--customers", "300"]);
    // Standard error closed before the error is written: the exit code still says "not found".
    let mut child = env
        .command()
        .args(["customer", "show", "99999"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(4));
    // A CSV export into a pipe that closes after the first line.
    let mut child = env
        .command()
        .args(["export", "--kind", "orders"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut out, &mut first).unwrap();
    drop(out);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_file_with_a_version_but_no_tiercrm_id_is_another_programs() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("PRAGMA user_version = 7").unwrap();
    }
    let bytes = std::fs::read(&env.db).unwrap();
    let r = env.run(&["customer", "list"]);
    assert!(r.stderr.contains("another program"), "{}", r.stderr);
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn the_interface_does_not_create_a_database_at_a_mistyped_path() {
    let env = Env::new();
    let missing = env.path("nothere.db");
    // A terminal for the interface: `script` runs the command on a pseudo-terminal.
    let cmd = format!(
        "{} --config {} --db {}",
        env!("CARGO_BIN_EXE_tiercrm"),
        env.config.display(),
        missing.display()
    );
    let out = std::process::Command::new("timeout")
        .args(["20", "script", "-qec", &cmd, "/dev/null"])
        .env("HOME", env.dir.path())
        .env("TERM", "xterm")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("no database"), "{text}");
    assert!(!missing.exists());
}
