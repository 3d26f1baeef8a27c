//! The command line: clap definitions and dispatch; each command group lives in its own file.

pub mod contacts;
pub mod customer;
pub mod feedback;
pub mod followups;
pub mod io;
pub mod orders;
pub mod output;
pub mod queue;
pub mod settings;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A keyboard-driven customer manager that re-tiers customers the moment a record changes.
#[derive(Debug, Parser)]
#[command(
    name = "tiercrm",
    version,
    about,
    args_override_self = true,
    after_help = "Run without a command for today's follow-up queue and tier summary."
)]
pub struct Cli {
    /// Database file [default: TIERCRM_DB, else the config's `database`, else the data directory]
    #[arg(long, global = true, value_name = "PATH", env = "TIERCRM_DB")]
    pub db: Option<PathBuf>,
    /// Config file [default: ~/.config/tiercrm/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Act as this staff member [default: config `user`, else $USER]
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub as_user: Option<String>,
    /// Classify as of this date instead of the local date
    #[arg(long, global = true, value_name = "YYYY-MM-DD", env = "TIERCRM_TODAY")]
    pub today: Option<String>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// Open the database for reading only: every read works, every write is refused
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Use a fresh demo database in a temporary file
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (or check an existing one) and print where it is
    Init,
    /// Fill an empty database with a realistic, deterministic sample
    Demo(DemoArgs),
    /// Add, edit, show, list, archive and restore customers
    #[command(subcommand)]
    Customer(customer::CustomerCmd),
    /// Record, list and correct orders (edit, void, return)
    #[command(subcommand)]
    Order(orders::OrderCmd),
    /// Log, list and correct contacts (edit, delete)
    #[command(subcommand)]
    Contact(contacts::ContactCmd),
    /// Record feedback and move it through its statuses
    #[command(subcommand)]
    Feedback(feedback::FeedbackCmd),
    /// Follow-ups: add, done, snooze (one or a customer as the queue has them), list
    #[command(subcommand)]
    Followup(followups::FollowupCmd),
    /// The follow-up queue: everyone due today or overdue, most pressing first
    Due(queue::DueArgs),
    /// Re-derive every customer's classes now, or explain one customer's
    Classify(queue::ClassifyArgs),
    /// Show the file's classification rules and currency, or change one (`settings set KEY VALUE`)
    Settings {
        #[command(subcommand)]
        cmd: Option<settings::SettingsCmd>,
    },
    /// Import customers, orders, contacts or feedback from a CSV file (one transaction)
    Import(io::ImportArgs),
    /// Export customers, orders, contacts or feedback as CSV or JSON, or the follow-up queue as iCalendar
    Export(io::ExportArgs),
    /// Print the manual page (roff): tiercrm man > ~/.local/share/man/man1/tiercrm.1
    Man {
        /// Write a page for tiercrm and one for each subcommand (tiercrm-customer-add.1 …) into DIR instead
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

impl Command {
    /// Whether the command may create a missing database: `init`, `demo`, adding a customer, an import.
    /// Any other command needs records that a new file cannot have (and a read never creates).
    pub fn creates(&self) -> bool {
        match self {
            Command::Init | Command::Demo(_) => true,
            Command::Customer(c) => matches!(c, customer::CustomerCmd::Add(_)),
            Command::Import(a) => !a.dry_run,
            _ => false,
        }
    }

    /// Whether the command changes the database (and so may create it); a read never writes, and a missing
    /// database is an error for it rather than a new file.
    pub fn writes(&self) -> bool {
        use customer::CustomerCmd as Cu;
        use {contacts::ContactCmd, feedback::FeedbackCmd, followups::FollowupCmd, orders::OrderCmd};
        match self {
            Command::Init | Command::Demo(_) => true,
            Command::Customer(c) => !matches!(c, Cu::Show { .. } | Cu::List { .. }),
            Command::Order(c) => !matches!(c, OrderCmd::List { .. }),
            Command::Contact(c) => !matches!(c, ContactCmd::List { .. }),
            Command::Feedback(c) => !matches!(c, FeedbackCmd::List { .. }),
            Command::Followup(c) => !matches!(c, FollowupCmd::List { .. }),
            Command::Classify(a) => a.explain.is_none(),
            Command::Settings { cmd } => cmd.is_some(),
            Command::Import(a) => !a.dry_run,
            Command::Due(_) | Command::Export(_) | Command::Man { .. } | Command::Completions { .. } => false,
        }
    }
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many customers to create
    #[arg(long, default_value_t = 1000)]
    pub customers: usize,
    /// Seed for the generator: the same seed and date give the same database
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

/// Record kinds for import and export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Customers,
    Orders,
    Contacts,
    Feedback,
}

/// Parses the command line, and tells whether `--db` was typed on it rather than taken from `TIERCRM_DB`.
/// A refusal (neutralised), `--help` or `--version` is printed here, and the exit code to end with returned.
pub fn parse() -> Result<(Cli, bool), std::process::ExitCode> {
    use clap::FromArgMatches;
    let matches = command().try_get_matches().map_err(command_line_error)?;
    let cli = Cli::from_arg_matches(&matches).map_err(command_line_error)?;
    let db_typed = matches.value_source("db") == Some(clap::parser::ValueSource::CommandLine);
    Ok((cli, db_typed))
}

/// The command definitions, without colour in help and errors when NO_COLOR is set and not empty
/// (no-color.org; clap's own detection agrees, this makes it hold whatever clap's defaults become).
fn command() -> clap::Command {
    use clap::CommandFactory;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let cmd = Cli::command();
    if no_color {
        cmd.color(clap::ColorChoice::Never)
    } else {
        cmd
    }
}

/// A command line clap refused, or `--help` / `--version`. The refusal quotes what was typed, so it is
/// neutralised like any text from outside before it reaches the terminal; exit 2 (bad input).
fn command_line_error(e: clap::Error) -> std::process::ExitCode {
    use clap::error::ErrorKind;
    use std::io::Write;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // Our own text: printed as clap prints it, to standard output.
        let _ = e.print();
        return std::process::ExitCode::SUCCESS;
    }
    // clap quotes the value it refused, and its plain rendering drops escape sequences from it, which would
    // quote `1\x1b[2J` as `1`: parse the arguments once more with every one neutralised, so the refusal
    // names what was typed, visibly.
    let visible: Vec<String> = std::env::args_os()
        .map(|a| crate::text::sanitize(&a.to_string_lossy()))
        .collect();
    let e = command().try_get_matches_from(visible).err().unwrap_or(e);
    let text = e.render().to_string();
    // A closed standard error is ignored (`eprintln!` would panic).
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        crate::text::sanitize_multiline(text.trim_end())
    );
    // Exit 2: bad input, as for any other refusal.
    std::process::ExitCode::from(2)
}

/// The completion script for `shell`, made in memory: `clap_complete::generate` panics when it cannot
/// write (a closed pipe), so the caller writes it.
pub fn completion_script(shell: clap_complete::Shell) -> Vec<u8> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tiercrm", &mut script);
    script
}

/// The manual page in roff, rendered from the same definitions as `--help` (so it cannot drift from
/// them), made in memory for the caller to write, as [`completion_script`] is.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    use clap::CommandFactory;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    Ok(page)
}

/// Writes the manual page of tiercrm and of every subcommand (which the main page's list refers to, as
/// `tiercrm-customer(1)`) into `dir`; returns how many pages.
pub fn man_pages(dir: &std::path::Path) -> anyhow::Result<usize> {
    use clap::CommandFactory;
    fn count(c: &clap::Command) -> usize {
        1 + c
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(count)
            .sum::<usize>()
    }
    let cmd = Cli::command().disable_help_subcommand(true);
    let n = count(&cmd);
    clap_mangen::generate_to(cmd, dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    Ok(n)
}

/// What every command gets: the open store and the output mode.
pub struct App {
    pub store: crate::store::Store,
    pub json: bool,
}
