//! Entry point: parse the command line, load the config, open the store, run a command.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::{CommandFactory, Parser};

use tiercrm::cli::{App, Cli, Command, customer, io, queue, records};
use tiercrm::config::{Config, ConfigError};
use tiercrm::domain::{Invalid, dates};
use tiercrm::store::{Options, Store, StoreError};

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
            StoreError::Invalid(_) | StoreError::Duplicate(_) | StoreError::Rejected(_) => exit::INVALID,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = format!("{e:#}");
            eprintln!("tiercrm: {}", tiercrm::text::sanitize_multiline(&msg));
            ExitCode::from(exit_code(&e))
        }
    }
}

fn default_db() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "tiercrm")
        .ok_or_else(|| anyhow!("cannot find a home directory for the database; pass --db PATH"))?;
    Ok(dirs.data_dir().join("tiercrm.db"))
}

fn run(cli: Cli) -> Result<()> {
    if let Some(Command::Completions { shell }) = &cli.command {
        clap_complete::generate(*shell, &mut Cli::command(), "tiercrm", &mut std::io::stdout());
        return Ok(());
    }
    let config = match &cli.config {
        Some(p) => Config::load(p, true)?,
        None => match Config::default_path() {
            Some(p) => Config::load(&p, false)?,
            None => Config::default(),
        },
    };
    let params = config.params.clone();
    let today = match &cli.today {
        Some(t) => dates::parse_date("--today", t)?,
        None => chrono::Local::now().date_naive(),
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
    let opts = Options {
        path: path.clone(),
        user,
        today,
        params,
        currency: config.currency.clone(),
        shared: config.shared,
        busy_timeout: std::time::Duration::from_secs(config.busy_timeout),
    };
    // The interface is about to open: say why a large file takes a moment on the first open of a day.
    let interactive = cli.command.is_none() && !cli.json && {
        use std::io::IsTerminal;
        std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
    };
    let store = Store::open_noting(opts, |n| {
        if interactive && n >= 10_000 {
            eprintln!("tiercrm: re-classifying {n} customers as of {today}…");
        }
    })?;
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
            let status = cli.demo.then(|| i18n.t("status.demo").to_string());
            return tiercrm::tui::run::run(app.store, keymap, i18n, status);
        }
        return queue::summary(&app);
    };
    match cmd {
        Command::Completions { .. } => Ok(()),
        Command::Init => {
            let n = tiercrm::store::stats::customer_count(app.store.conn())?;
            if app.json {
                return tiercrm::cli::output::json(&serde_json::json!({"database": path, "customers": n}));
            }
            tiercrm::cli::output::line(&format!("database ready at {} ({n} customers)", path.display()))
        }
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
        Command::Order(c) => records::run_order(c, &mut app),
        Command::Contact(c) => records::run_contact(c, &mut app),
        Command::Feedback(c) => records::run_feedback(c, &mut app),
        Command::Followup(c) => records::run_followup(c, &mut app),
        Command::Due(a) => queue::due(a, &app),
        Command::Classify(a) => queue::classify(a, &mut app),
        Command::Import(a) => io::import(a, &mut app),
        Command::Export(a) => io::export(a, &app),
    }
}
