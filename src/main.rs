//! Entry point: parse the command line, load the config, open the store, run a command.

use std::ops::Not;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};

use tiercrm::cli::{App, Cli, Command, contacts, customer, feedback, followups, io, orders, queue};
use tiercrm::config::{Config, ConfigError};
use tiercrm::domain::{Invalid, dates};
use tiercrm::store::{Access, Options, Store, StoreError};

/// Exit codes scripts can rely on.
mod exit {
    pub const ERROR: u8 = 1;
    pub const INVALID: u8 = 2;
    pub const CONFLICT: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
    pub const LOCKED: u8 = 5;
}

fn exit_code(e: &anyhow::Error) -> u8 {
    if let Some(se) = e.downcast_ref::<StoreError>() {
        return match se {
            StoreError::Invalid(_)
            | StoreError::Duplicate(_)
            | StoreError::Rejected(_)
            | StoreError::Missing { .. }
            | StoreError::BackDated { .. } => exit::INVALID,
            StoreError::Conflict { .. } => exit::CONFLICT,
            StoreError::NotFound { .. } => exit::NOT_FOUND,
            StoreError::Locked => exit::LOCKED,
            _ => exit::ERROR,
        };
    }
    if e.downcast_ref::<Invalid>().is_some() || e.downcast_ref::<ConfigError>().is_some() {
        return exit::INVALID;
    }
    exit::ERROR
}

/// Whether the error is standard output closed under us (`tiercrm … | head -1`). The reader has all it
/// wanted and any write has already committed, so that is a normal end, not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(
                |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe),
            )
    })
}

/// Writes one line to standard error; a closed standard error is ignored (`eprintln!` would panic).
fn say_on_stderr(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn main() -> ExitCode {
    // `--db` typed on the command line (not TIERCRM_DB from the environment) next to `--demo`.
    let (cli, db_typed) = match tiercrm::cli::parse() {
        Ok(parsed) => parsed,
        Err(code) => return code,
    };
    match run(cli, db_typed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = format!("{e:#}");
            say_on_stderr(&format!("tiercrm: {}", tiercrm::text::sanitize_multiline(&msg)));
            ExitCode::from(exit_code(&e))
        }
    }
}

/// The rules a personal config still sets although the database keeps its own (once it has adopted them):
/// one warning each, naming the key, its line and the command that changes it for everyone.
fn rules_in_config(config: &Config, path: Option<PathBuf>, store: &Store) -> Vec<String> {
    if store.rules_adopted {
        return Vec::new();
    }
    let file = path.map_or_else(|| "your config".to_string(), |p| p.display().to_string());
    let rules = store.rules();
    let mut set = config.rule_lines();
    set.sort_by_key(|(_, line)| *line);
    set.into_iter()
        .map(|(key, line)| {
            let mine = config.rule_value(key).unwrap_or_default();
            let theirs = rules.get(key).unwrap_or_default();
            let what = if mine == theirs {
                format!("the database has the same value ({theirs})")
            } else {
                format!("the database's value, {theirs}, is in force; to change it for everyone: tiercrm settings set {key} {mine}")
            };
            format!(
                "{file} line {line}: {key} = {mine} is not used: the classification rules and currency belong to the database file, so everyone sharing it classifies alike; {what}; then remove it from your config"
            )
        })
        .collect()
}

fn default_db() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "tiercrm")
        .ok_or_else(|| anyhow!("cannot find a home directory for the database; pass --db PATH"))?;
    Ok(dirs.data_dir().join("tiercrm.db"))
}

fn run(cli: Cli, db_typed: bool) -> Result<()> {
    if let Some(Command::Completions { shell }) = &cli.command {
        let script = tiercrm::cli::completion_script(*shell);
        use std::io::Write;
        std::io::stdout().lock().write_all(&script)?;
        return Ok(());
    }
    if let Some(Command::Man { dir }) = &cli.command {
        if let Some(dir) = dir {
            let n = tiercrm::cli::man_pages(dir)?;
            say_on_stderr(&format!("wrote {n} manual pages to {}", dir.display()));
            return Ok(());
        }
        use std::io::Write;
        std::io::stdout().lock().write_all(&tiercrm::cli::man_page()?)?;
        return Ok(());
    }
    if cli.demo && db_typed {
        // The demo database is temporary; a --db beside it would be silently ignored and the user would
        // believe their file held (or received) the demo.
        let db = cli.db.as_deref().map_or(String::new(), |p| p.display().to_string());
        anyhow::bail!(Invalid::new(
            "--demo",
            format!(
                "uses a temporary database and would ignore --db {db}; to put demo data into {db}, run `tiercrm --db {db} demo`"
            ),
        ));
    }
    let config = match &cli.config {
        Some(p) => Config::load(p, true)?,
        None => match Config::default_path() {
            Some(p) => Config::load(&p, false)?,
            None => Config::default(),
        },
    };
    let params = config.params.clone();
    let real_today = chrono::Local::now().date_naive();
    let today = match &cli.today {
        Some(t) => dates::parse_date("--today", t)?,
        None => real_today,
    };
    let user = cli
        .as_user
        .clone()
        .or(config.user.clone())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".to_string());
    // Keeps the demo's temporary directory alive until the end of the run.
    let mut _demo_dir = None;
    let path = if cli.demo {
        let dir = tempfile::Builder::new()
            .prefix("tiercrm-demo-")
            .tempdir()
            .context("temporary directory for --demo")?;
        let p = dir.path().join("demo.db");
        _demo_dir = Some(dir);
        p
    } else {
        match cli.db.clone().or(config.database.clone()) {
            Some(p) => p,
            None => default_db()?,
        }
    };
    // A person at a terminal gets the interface; a pipe or a script gets the summary.
    let interactive = cli.command.is_none() && !cli.json && {
        use std::io::IsTerminal;
        std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
    };
    let reads = match &cli.command {
        Some(c) => !c.writes(),
        None => !interactive,
    };
    // A missing database is created only by what can fill it; the interface may create one.
    // The interface creates the database only where tiercrm keeps it by default (a first run): a path that
    // was named (--db, TIERCRM_DB, the config's `database`) and is missing is more likely a typo than a wish
    // for a new, empty CRM.
    let may_create = match &cli.command {
        Some(c) => c.creates(),
        None => interactive && cli.db.is_none() && config.database.is_none(),
    };
    // A write as of a day after tomorrow would move the whole file into the future: until that day nobody
    // could write as of their own today (a day ahead is allowed: someone east of here has started it).
    if today > real_today + chrono::Duration::days(1) && cli.command.as_ref().is_some_and(Command::writes) {
        return Err(Invalid::new(
            "--today",
            format!(
                "{today} is in the future (today is {real_today}): a write as of it would classify the whole file as of {today}, and nobody could write as of their own date until then; look at a future date with a read command instead"
            ),
        )
        .into());
    }
    let opts = Options {
        path: path.clone(),
        user,
        today,
        params,
        currency: config.currency.clone(),
        shared: config.shared,
        busy_timeout: std::time::Duration::from_secs(config.busy_timeout),
        access: Access {
            // A read command never creates a database; the interface and writing commands may.
            must_exist: !cli.demo && !may_create,
            reading: !cli.demo && reads,
            read_only: cli.read_only,
            today_given: today != real_today,
        },
    };
    // The interface is about to open: say why a large file takes a moment on the first open of a day.
    let mut store = Store::open_noting(opts, |n| {
        if interactive && n >= 10_000 {
            say_on_stderr(&format!("tiercrm: re-classifying {n} customers as of {today}…"));
        }
    })?;
    // A personal setting, unlike the classification rules: how soon this user means to answer feedback.
    store.respond = config.respond_days;
    let rule_warnings = rules_in_config(&config, cli.config.clone().or_else(Config::default_path), &store);
    if interactive.not() {
        for w in &rule_warnings {
            say_on_stderr(&format!("tiercrm: warning: {w}"));
        }
    }
    let mut app = App { store, json: cli.json };
    if cli.demo {
        let data = tiercrm::demo::generate(2000, 42, today);
        tiercrm::store::bulk::load(&mut app.store, &data)?;
    }
    let Some(cmd) = cli.command else {
        // A person at a terminal gets the interface; a pipe or a script gets the summary.
        if interactive {
            let keymap = config.keymap().map_err(|e| anyhow!("config: {e}"))?;
            let i18n = tiercrm::i18n::I18n::new(config.language());
            let status = match rule_warnings.first() {
                Some(_) => Some(
                    i18n.f(
                        "status.rules_in_config",
                        &[(
                            "keys",
                            &config
                                .rule_lines()
                                .iter()
                                .map(|(k, _)| *k)
                                .collect::<Vec<_>>()
                                .join(", "),
                        )],
                    ),
                ),
                None => cli.demo.then(|| i18n.t("status.demo").to_string()),
            };
            let palette = tiercrm::tui::theme::Palette::choose(&config.theme, &|k| std::env::var(k).ok());
            let prefs = tiercrm::tui::run::Prefs {
                theme: tiercrm::tui::theme::Theme::of(palette),
                mouse: config.mouse,
            };
            return tiercrm::tui::run::run(app.store, keymap, i18n, status, prefs);
        }
        return queue::summary(&app);
    };
    match cmd {
        Command::Completions { .. } | Command::Man { .. } => Ok(()),
        Command::Init => {
            let n = tiercrm::store::stats::customer_count(app.store.conn())?;
            if app.json {
                return tiercrm::cli::output::json(&serde_json::json!({"database": path, "customers": n}));
            }
            tiercrm::cli::output::line(&format!("database ready at {} ({n} customers)", path.display()))
        }
        Command::Demo(args) if !(1..=tiercrm::demo::MAX_CUSTOMERS).contains(&args.customers) => Err(Invalid::new(
            "--customers",
            format!(
                "{} is out of range: 1 to {}",
                args.customers,
                tiercrm::demo::MAX_CUSTOMERS
            ),
        )
        .into()),
        Command::Demo(args) => {
            let data = tiercrm::demo::generate(args.customers, args.seed, app.store.today);
            let summary = tiercrm::store::bulk::load(&mut app.store, &data)?;
            if app.json {
                return tiercrm::cli::output::json(&serde_json::json!({
                    "database": path,
                    "customers": data.customers.len(),
                    "orders": data.orders.len(),
                    "contacts": data.contacts.len(),
                    "feedback": data.feedback.len(),
                    "followups": data.followups.len(),
                    "classified": summary.customers,
                }));
            }
            tiercrm::cli::output::line(&format!(
                "demo database at {}: {} customers, {} orders, {} contacts, {} feedback, {} follow-ups",
                path.display(),
                data.customers.len(),
                data.orders.len(),
                data.contacts.len(),
                data.feedback.len(),
                data.followups.len()
            ))
        }
        Command::Customer(c) => customer::run(c, &mut app),
        Command::Order(c) => orders::run(c, &mut app),
        Command::Contact(c) => contacts::run(c, &mut app),
        Command::Feedback(c) => feedback::run(c, &mut app),
        Command::Followup(c) => followups::run(c, &mut app),
        Command::Due(a) => queue::due(a, &app),
        Command::Classify(a) => queue::classify(a, &mut app),
        Command::Import(a) => io::import(a, &mut app),
        Command::Settings { cmd } => tiercrm::cli::settings::run(cmd, &mut app),
        Command::Export(a) => io::export(a, &app),
    }
}
