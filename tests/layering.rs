//! Holds the line of ARCHITECTURE.md: the domain and the store never touch the terminal; the command line
//! and the TUI never write SQL and never write through the store themselves (the operations in `src/ops`
//! do), and the operations know neither front end; the domain knows neither SQLite nor the clock nor any
//! module above it; the store knows no front end, no interop and no demo; only the command line speaks clap.

use std::path::Path;

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out
}

fn offenders(dirs: &[&str], needles: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    for dir in dirs {
        for (path, text) in sources(dir) {
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if needles.iter().any(|needle| code.contains(needle)) {
                    bad.push(format!("{path}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    bad
}

#[test]
fn domain_and_store_have_no_terminal_code() {
    let bad = offenders(&["src/domain", "src/store"], &["ratatui", "crossterm"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_domain_knows_no_sqlite_and_no_clock() {
    let bad = offenders(&["src/domain"], &["rusqlite", "Utc::now", "Local::now", "SystemTime"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn interfaces_write_no_sql() {
    let bad = offenders(
        &["src/cli", "src/tui", "src/interop"],
        &["rusqlite", "SELECT ", "INSERT ", "UPDATE ", "DELETE "],
    );
    assert!(bad.is_empty(), "{bad:#?}");
    let main = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    assert!(!main.contains("SELECT "), "main.rs runs SQL");
}

/// The crate's own modules a file names (`crate::store::…`, `crate::{i18n, text}` …), outside comments.
fn crate_modules(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        // `$crate::` inside a macro is the crate too.
        rest = &rest[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group
                .split('}')
                .next()
                .unwrap_or("")
                .split(',')
                .map(|n| n.trim().split("::").next().unwrap_or("").trim())
                .collect(),
            None => vec![
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or(""),
            ],
        };
        found.extend(names.into_iter().filter(|n| !n.is_empty()).map(str::to_string));
    }
    found
}

#[test]
fn the_domain_uses_nothing_of_the_crate_but_itself_words_and_text() {
    let mut bad = Vec::new();
    for (path, text) in sources("src/domain") {
        for m in crate_modules(&text) {
            // `closed_set!` is the domain's own macro, exported at the crate root.
            if !matches!(m.as_str(), "domain" | "i18n" | "text" | "closed_set") {
                bad.push(format!("{path}: crate::{m}"));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_store_knows_no_front_end_no_files_in_and_out_and_no_demo() {
    let mut bad = Vec::new();
    for (path, text) in sources("src/store") {
        for m in crate_modules(&text) {
            if matches!(m.as_str(), "cli" | "tui" | "interop" | "demo") {
                bad.push(format!("{path}: crate::{m}"));
            }
        }
    }
    bad.extend(offenders(&["src/store"], &["tiercrm::"]));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn only_the_command_line_uses_clap() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs: Vec<String> = Vec::new();
    for e in std::fs::read_dir(&root).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if e.path().is_dir() && name != "cli" {
            dirs.push(format!("src/{name}"));
        }
    }
    let dirs: Vec<&str> = dirs.iter().map(String::as_str).collect();
    let mut bad = offenders(&dirs, &["clap"]);
    for e in std::fs::read_dir(&root).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.split("//").next().unwrap_or("").contains("clap") {
                    bad.push(format!("{}:{}: {}", p.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_module_finder_sees_grouped_and_macro_paths() {
    let text = "use crate::{i18n, store::Store};\nlet x = $crate::domain::Invalid::new(a, b); // crate::cli\n";
    assert_eq!(crate_modules(text), vec!["i18n", "store", "domain"]);
}

/// The calls that write through the store, as they read with all whitespace taken out (a call split over
/// lines, `app.store\n    .write(`, is still found).
const STORE_WRITES: &[&str] = &[
    "store.write(",
    "store.try_write(",
    "store.classify_all(",
    "Store::write(",
];

/// Where `text` calls the store to write, whitespace and `//` comments ignored: the needles found.
fn store_writes(text: &str) -> Vec<&'static str> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    STORE_WRITES.iter().copied().filter(|n| code.contains(n)).collect()
}

#[test]
fn the_scan_finds_a_write_however_it_is_spelt() {
    for text in [
        "let c = store.write(\"customer added\", |w| customers::add(w, patch))?;",
        "self.store.write(&format!(\"customer {id} archived\"), |w| {",
        "let f = app\n    .store\n    .write(&trigger, |w| followups::done(w, id))?;",
        "app.store.classify_all(\"tiercrm classify\")?",
        "store.try_write(&trigger, !dry_run, |w| {",
    ] {
        assert!(!store_writes(text).is_empty(), "not found in {text:?}");
    }
    for text in [
        "// store.write( in a comment",
        "out.write(&buf)?;",
        "ops::customers::archive(&mut self.store, id)?;",
    ] {
        assert!(store_writes(text).is_empty(), "found in {text:?}");
    }
}

#[test]
fn front_ends_write_through_operations_only() {
    let mut bad = Vec::new();
    // interop reads and maps files; the import that writes them is an operation too.
    for dir in ["src/cli", "src/tui", "src/interop"] {
        for (path, text) in sources(dir) {
            for needle in store_writes(&text) {
                bad.push(format!(
                    "{path}: calls {needle}…) itself; call the operation in src/ops instead"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn operations_know_no_front_end() {
    let bad = offenders(
        &["src/ops"],
        &[
            "crate::cli",
            "crate::tui",
            "super::cli",
            "super::tui",
            "ratatui",
            "crossterm",
            "clap",
        ],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn files_in_and_out_know_no_command_line() {
    let mut bad = Vec::new();
    for (path, text) in sources("src/interop") {
        for m in crate_modules(&text) {
            if matches!(m.as_str(), "cli" | "tui") {
                bad.push(format!("{path}: crate::{m}"));
            }
        }
    }
    bad.extend(offenders(&["src/interop"], &["super::cli", "super::super::cli"]));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_json_shapes_know_no_front_end_and_no_files_in_and_out() {
    let mut bad = Vec::new();
    for (path, text) in sources("src/shapes") {
        for m in crate_modules(&text) {
            if matches!(m.as_str(), "cli" | "tui" | "interop" | "demo") {
                bad.push(format!("{path}: crate::{m}"));
            }
        }
    }
    bad.extend(offenders(
        &["src/shapes"],
        &["ratatui", "crossterm", "clap", "super::cli", "super::tui"],
    ));
    assert!(!sources("src/shapes").is_empty(), "src/shapes is missing");
    assert!(bad.is_empty(), "{bad:#?}");
}
