//! The real binary's terminal conventions: `due --count` and `--format md`, the queue as an iCalendar
//! file read back by a strict parser, the manual page, and NO_COLOR.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Env, s};

/// A customer added and contacted on `day` (so that by the tests' today, 2026-11-22, the 7-day cadence of
/// a lead has come due on `day` + 7), its id.
fn add_on(env: &Env, name: &str, day: &str) -> String {
    let c = env.json(&["--today", day, "customer", "add", "--name", name]);
    let id = c["id"].as_i64().unwrap().to_string();
    env.ok(&["--today", day, "contact", "log", "--customer", &id]);
    id
}

#[test]
fn due_count_is_the_queue_length_and_refuses_what_it_would_ignore() {
    let env = Env::new();
    let a = add_on(&env, "Ann", "2026-11-01");
    add_on(&env, "Bob", "2026-11-01");
    // Created today: not due for a week.
    env.json(&["customer", "add", "--name", "Cy"]);
    env.ok(&["customer", "edit", &a, "--owner", "sam"]);
    let queue = env.json(&["due"]);
    assert_eq!(queue.as_array().unwrap().len(), 2);
    assert_eq!(env.ok(&["due", "--count"]).stdout, "2\n");
    assert_eq!(env.json(&["due", "--count"]), serde_json::json!(2));
    assert_eq!(env.ok(&["due", "--count", "--owner", "sam"]).stdout, "1\n");
    assert_eq!(env.ok(&["due", "--count", "--owner", "nobody"]).stdout, "0\n");
    let r = env.run(&["due", "--count", "--limit", "1"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--limit"), "{}", r.stderr);
    let r = env.run(&["--json", "due", "--format", "md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--format: md is a table"), "{}", r.stderr);
}

/// The cells of a Markdown table row, split at the `|` not escaped by a backslash.
fn md_cells(line: &str) -> Vec<String> {
    let inner = line
        .trim()
        .strip_prefix('|')
        .and_then(|l| l.strip_suffix('|'))
        .expect("a table row");
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next().expect("an escape escapes something");
                cells.last_mut().unwrap().push(next);
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

#[test]
fn due_as_markdown_is_one_table_whatever_the_names_hold() {
    let env = Env::new();
    let names = ["A|B *bold* _it_", "王_芳 [link](x) `code`", "back\\slash <b>&amp;"];
    for n in names {
        add_on(&env, n, "2026-11-01");
    }
    let md = env.ok(&["due", "--format", "md"]).stdout;
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "## Follow-ups due on 2026-11-22");
    let table: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with('|')).collect();
    let header = md_cells(table[0]);
    assert_eq!(header[1], "Name");
    assert!(table[1].chars().all(|c| "|-: ".contains(c)), "{}", table[1]);
    assert_eq!(table.len(), 2 + names.len());
    let mut shown = BTreeSet::new();
    for row in &table[2..] {
        let cells = md_cells(row);
        assert_eq!(cells.len(), header.len(), "{row}");
        // No unescaped emphasis or code marker is left to style the row.
        for marker in ['*', '_', '`', '[', '<'] {
            let raw = row.replace(&format!("\\{marker}"), "");
            assert!(!raw.contains(marker), "{marker} unescaped in {row}");
        }
        shown.insert(cells[1].replace("&amp;", "&"));
    }
    assert_eq!(shown, names.iter().map(|n| n.to_string()).collect());
    assert_eq!(lines.last(), Some(&"3 due."));
    let md = env.ok(&["due", "--format", "md", "--limit", "1"]).stdout;
    assert!(md.ends_with("Showing 1 of 3.\n"), "{md}");
}

/// One property of a component: name, parameters as written, value (TEXT unescaped for the text fields).
#[derive(Debug, Clone)]
struct Prop {
    name: String,
    params: String,
    value: String,
}

/// A strict reader of what RFC 5545 asks of the file: CRLF line ends and nothing else, every physical
/// line at most 75 octets and valid UTF-8 on its own (a fold never splits a character), unfolding by
/// CRLF + one space, `NAME[;PARAMS]:VALUE` lines, BEGIN/END balanced. Returns the components by kind.
fn parse_ics(bytes: &[u8]) -> Vec<(String, Vec<Prop>)> {
    assert!(bytes.ends_with(b"\r\n"), "the file ends with CRLF");
    let mut logical: Vec<String> = Vec::new();
    for (n, raw) in bytes[..bytes.len() - 1].split(|&b| b == b'\n').enumerate() {
        let line = raw
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("line {n}: LF without CR: {:?}", String::from_utf8_lossy(raw)));
        assert!(!line.contains(&b'\r'), "line {n}: a bare CR");
        assert!(line.len() <= 75, "line {n}: {} octets", line.len());
        let text = std::str::from_utf8(line).unwrap_or_else(|e| panic!("line {n}: a character split by a fold: {e}"));
        match text.strip_prefix(' ') {
            Some(rest) => logical
                .last_mut()
                .expect("a continuation follows a line")
                .push_str(rest),
            None => logical.push(text.to_string()),
        }
    }
    let mut stack: Vec<(String, Vec<Prop>)> = Vec::new();
    let mut done = Vec::new();
    for l in logical {
        let (head, value) = l.split_once(':').unwrap_or_else(|| panic!("no ':' in {l:?}"));
        let (name, params) = head.split_once(';').unwrap_or((head, ""));
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '-'),
            "a property name: {name:?}"
        );
        match name {
            "BEGIN" => stack.push((value.to_string(), Vec::new())),
            "END" => {
                let (kind, props) = stack.pop().expect("END without BEGIN");
                assert_eq!(kind, value, "END matches its BEGIN");
                done.push((kind, props));
            }
            _ => stack.last_mut().expect("a property inside a component").1.push(Prop {
                name: name.to_string(),
                params: params.to_string(),
                value: if ["SUMMARY", "DESCRIPTION", "X-WR-CALNAME"].contains(&name) {
                    unescape(value)
                } else {
                    value.to_string()
                },
            }),
        }
    }
    assert!(stack.is_empty(), "every BEGIN ends");
    done
}

/// TEXT unescaped; a backslash before anything but `\ ; , n N` is an error, as is an unescaped `;` or `,`.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => out.push('\\'),
                Some(';') => out.push(';'),
                Some(',') => out.push(','),
                Some('n' | 'N') => out.push('\n'),
                other => panic!("bad escape \\{other:?} in {v:?}"),
            },
            ';' | ',' => panic!("unescaped {c:?} in {v:?}"),
            c => out.push(c),
        }
    }
    out
}

fn one<'a>(props: &'a [Prop], name: &str) -> &'a Prop {
    let found: Vec<&Prop> = props.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "{name} once in {props:?}");
    found[0]
}

/// The calendar's items by UID: (date property, date, summary, description).
fn items(bytes: &[u8], kind: &str) -> BTreeMap<String, (String, String, String, String)> {
    let comps = parse_ics(bytes);
    let (cal_kind, cal) = comps.last().expect("a calendar");
    assert_eq!(cal_kind, "VCALENDAR");
    assert_eq!(one(cal, "VERSION").value, "2.0");
    assert!(one(cal, "PRODID").value.contains("tiercrm"));
    let mut out = BTreeMap::new();
    for (k, props) in &comps[..comps.len() - 1] {
        assert_eq!(k, kind);
        let stamp = &one(props, "DTSTAMP").value;
        assert!(
            stamp.len() == 16 && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T',
            "DTSTAMP in UTC: {stamp}"
        );
        let date = if kind == "VEVENT" { "DTSTART" } else { "DUE" };
        let d = one(props, date);
        assert_eq!(d.params, "VALUE=DATE");
        assert!(
            d.value.len() == 8 && d.value.chars().all(|c| c.is_ascii_digit()),
            "{d:?}"
        );
        let uid = one(props, "UID").value.clone();
        let item = (
            date.to_string(),
            d.value.clone(),
            one(props, "SUMMARY").value.clone(),
            one(props, "DESCRIPTION").value.clone(),
        );
        assert!(out.insert(uid.clone(), item).is_none(), "UID {uid} twice");
    }
    out
}

#[test]
fn the_queue_as_icalendar_reads_back_and_a_re_export_keeps_every_uid() {
    let env = Env::new();
    let odd = "张伟; 王, 李\\测试";
    let long = "北京市朝阳区建国门外大街国际贸易中心写字楼第三座二十八层销售部华东区域客户经理办公室";
    let a = add_on(&env, odd, "2026-11-01");
    let b = add_on(&env, "Ann Lee", "2026-11-01");
    let c = add_on(&env, long, "2026-11-01");
    let note = "call back; bring quote, ask \\ boss\nline two";
    let soon = env.json(&[
        "followup",
        "add",
        "--customer",
        &a,
        "--due",
        "2026-11-30",
        "--note",
        note,
    ]);
    let soon = soon["id"].as_i64().unwrap();
    // Beyond the 30 days: not in the file.
    env.json(&["followup", "add", "--customer", &b, "--due", "2027-01-15"]);
    let out = env.path("queue.ics");
    let r = env.ok(&["export", "--format", "ics", "--out", s(&out)]);
    assert!(r.stderr.contains("wrote 4 follow-ups"), "{}", r.stderr);
    let first = std::fs::read(&out).unwrap();
    let events = items(&first, "VEVENT");
    assert_eq!(events.len(), 4, "{events:#?}");
    let by_summary = |name: &str| {
        events
            .iter()
            .filter(|(_, e)| e.2.contains(name))
            .map(|(u, e)| (u.clone(), e.clone()))
            .collect::<Vec<_>>()
    };
    // The cadence: created 11-01 + 7 days for a lead, overdue on 11-22, so on today's page.
    for (id, name) in [(&a, odd), (&b, "Ann Lee"), (&c, long)] {
        let cadence: Vec<_> = by_summary(name)
            .into_iter()
            .filter(|(u, _)| u.contains("cadence"))
            .collect();
        assert_eq!(cadence.len(), 1, "{name}");
        let (uid, (_, date, summary, description)) = &cadence[0];
        assert!(uid.starts_with(&format!("c{id}-cadence-")), "{uid}");
        assert_eq!(date, "20261122");
        assert_eq!(summary, &format!("Contact {name} (tier C)"));
        assert!(description.starts_with("2026-11-08: "), "{description}");
        assert!(description.contains("14 days overdue"), "{description}");
    }
    let (uid, (_, date, summary, description)) = by_summary(odd)
        .into_iter()
        .find(|(u, _)| !u.contains("cadence"))
        .expect("the follow-up");
    assert!(uid.starts_with(&format!("c{a}-f{soon}-")), "{uid}");
    assert_eq!(date, "20261130");
    assert_eq!(summary, format!("Follow up {odd}"));
    assert!(
        description.ends_with(note),
        "the note comes back whole: {description:?}"
    );
    assert!(first.windows(2).filter(|w| w == b"\r\n").count() > 30);
    assert!(
        String::from_utf8_lossy(&first).contains("\r\n "),
        "the long name was folded"
    );

    // A re-export, after a contact that moves one customer's cadence date: the same UIDs, one new date.
    env.ok(&["contact", "log", "--customer", &b, "--summary", "called"]);
    let again = env.ok(&["export", "--format", "ics"]).stdout;
    let moved = items(again.as_bytes(), "VEVENT");
    assert_eq!(moved.keys().collect::<Vec<_>>(), events.keys().collect::<Vec<_>>());
    let b_uid = events.keys().find(|u| u.starts_with(&format!("c{b}-cadence"))).unwrap();
    assert_eq!(moved[b_uid].1, "20261129", "contacted today: a lead again in 7 days");

    // To-dos: the same UIDs, due on the real dates (a to-do list shows what is overdue itself).
    let todo = env.ok(&["export", "--format", "ics", "--todo"]).stdout;
    let todos = items(todo.as_bytes(), "VTODO");
    assert_eq!(todos.keys().collect::<Vec<_>>(), events.keys().collect::<Vec<_>>());
    let a_uid = events.keys().find(|u| u.starts_with(&format!("c{a}-cadence"))).unwrap();
    assert_eq!(todos[a_uid].1, "20261108");

    // --days narrows the window: today alone is the two overdue cadences, not the 29th or the 30th.
    let today_only = env.ok(&["export", "--format", "ics", "--days", "1"]).stdout;
    let today_only = items(today_only.as_bytes(), "VEVENT");
    assert_eq!(today_only.len(), 2);
    assert!(today_only.values().all(|e| e.1 == "20261122"), "{today_only:?}");
    // Another database's customer 1 is another UID.
    let other = Env::new();
    add_on(&other, "Ann Lee", "2026-11-01");
    let theirs = items(other.ok(&["export", "--format", "ics"]).stdout.as_bytes(), "VEVENT");
    assert!(theirs.keys().all(|u| !events.contains_key(u)), "{theirs:?}");
}

#[test]
fn ics_flags_are_refused_without_the_calendar_and_bad_days_are_named() {
    let env = Env::new();
    add_on(&env, "Ann", "2026-11-01");
    let r = env.run(&["export", "--days", "7"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--days: is for the calendar"), "{}", r.stderr);
    let r = env.run(&["export", "--format", "json", "--todo"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--todo"), "{}", r.stderr);
    let r = env.run(&["export", "--format", "ics", "--days", "0"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--days"), "{}", r.stderr);
}

#[test]
fn the_manual_page_is_roff_naming_every_subcommand() {
    use clap::CommandFactory;
    let env = Env::new();
    let r = env.ok(&["man"]);
    let page = r.stdout;
    assert!(page.contains(".TH tiercrm 1"), "{}", &page[..page.len().min(300)]);
    assert!(page.contains(".SH SYNOPSIS") && page.contains(".SH SUBCOMMANDS"));
    let cmd = tiercrm::cli::Cli::command();
    let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
    assert!(names.len() >= 14, "{names:?}");
    for name in names {
        // roff escapes a hyphen; a name is written in bold where it is listed.
        let written = format!("tiercrm\\-{}", name.replace('-', "\\-"));
        assert!(page.contains(&written), "{name} is missing from the manual page");
    }
    // Reading needs no database: none was made.
    assert!(!env.db.exists());
    // The pages the list refers to, one per subcommand, with --dir.
    let dir = env.path("man1");
    std::fs::create_dir(&dir).unwrap();
    let r = env.ok(&["man", "--dir", s(&dir)]);
    for page in [
        "tiercrm.1",
        "tiercrm-due.1",
        "tiercrm-customer-add.1",
        "tiercrm-export.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH "), "{page}");
    }
    let export = std::fs::read_to_string(dir.join("tiercrm-export.1")).unwrap();
    assert!(
        export.contains("\\-\\-todo") && export.contains("ics"),
        "the export page names its flags"
    );
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert!(
        r.stderr.contains(&format!("wrote {written} manual pages")),
        "{}",
        r.stderr
    );
    let r = env.run(&["man", "--dir", s(&env.path("missing"))]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("missing"), "{}", r.stderr);
}

#[test]
fn no_color_leaves_colour_out_of_help_even_when_colour_is_forced() {
    let env = Env::new();
    let help = |no_color: Option<&str>| {
        let mut c = env.command();
        c.env("CLICOLOR_FORCE", "1").env_remove("NO_COLOR").arg("--help");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        common::to_run(c.output().unwrap()).ok().stdout
    };
    // Forced colour shows, so the test can see it…
    assert!(help(None).contains('\x1b'));
    // …and NO_COLOR, set and not empty, removes it; empty counts as unset (no-color.org).
    assert!(!help(Some("1")).contains('\x1b'));
    assert!(help(Some("")).contains('\x1b'));
}

#[test]
fn the_config_names_a_theme_and_the_mouse_and_refuses_anything_else_by_line() {
    use std::path::Path;
    use tiercrm::config::Config;
    let c = Config::from_text("theme = \"16\"\nmouse = false\n", Path::new("c.toml")).unwrap();
    assert_eq!((c.theme.as_str(), c.mouse), ("16", false));
    let d = Config::default();
    assert_eq!((d.theme.as_str(), d.mouse), ("auto", true));
    let e = Config::from_text("mouse = true\ntheme = \"8\"\n", Path::new("c.toml")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "config c.toml: line 2: theme: '8' is not one of: auto, 256, 16, none"
    );
    let e = Config::from_text("mouse = \"no\"\n", Path::new("c.toml")).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.reason.contains("expected true or false"), "{}", e.reason);
}

/// A snooze holds back the customer's cadence date and every open follow-up of theirs: the calendar puts
/// both on the snooze's day and says why.
#[test]
fn a_snoozed_customer_waits_in_the_calendar_cadence_and_follow_ups_alike() {
    let env = Env::new();
    let a = add_on(&env, "Ann Lee", "2026-11-01");
    let b = add_on(&env, "Bo Chen", "2026-11-01");
    env.json(&[
        "followup",
        "add",
        "--customer",
        &a,
        "--due",
        "2026-11-24",
        "--note",
        "quote",
    ]);
    env.json(&["followup", "snooze", "--customer", &a, "--until", "2026-12-02"]);
    let out = env.path("queue.ics");
    env.ok(&["export", "--format", "ics", "--out", s(&out)]);
    let events = items(&std::fs::read(&out).unwrap(), "VEVENT");
    let of = |id: &str| -> Vec<_> {
        events
            .iter()
            .filter(|(u, _)| u.starts_with(&format!("c{id}-")))
            .map(|(u, e)| (u.clone(), e.1.clone(), e.3.clone()))
            .collect()
    };
    let ann = of(&a);
    assert_eq!(ann.len(), 2, "{ann:#?}");
    for (uid, date, description) in &ann {
        assert_eq!(date, "20261202", "{uid}: held until the snooze's day");
        assert!(description.contains("2026-12-02"), "{uid}: {description}");
    }
    assert!(
        ann.iter().any(|(_, _, d)| d.contains("snoozed until 2026-12-02")),
        "{ann:#?}"
    );
    // Her colleague is not snoozed: still due today.
    assert_eq!(of(&b)[0].1, "20261122");
}
