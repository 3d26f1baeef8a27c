//! Holds the line of ARCHITECTURE.md: the domain and the store never touch the terminal; the command line
//! (and later the TUI) never writes SQL; the domain does not even know SQLite or the clock.

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
