//! `tiercrm import` and `tiercrm export`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::output;
use super::{App, Kind};
use crate::interop::export::{self, Format};
use crate::interop::import::{self, OnDuplicate, RecordKind};

/// `--on-duplicate`: the command line's words for [`OnDuplicate`] (clap stays in `cli/`).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OnDuplicateArg {
    /// Update the existing customer with the row's non-empty cells
    Merge,
    /// Leave the existing customer alone
    Skip,
    /// Reject the row (and so the import)
    Error,
}

impl From<OnDuplicateArg> for OnDuplicate {
    fn from(a: OnDuplicateArg) -> Self {
        match a {
            OnDuplicateArg::Merge => OnDuplicate::Merge,
            OnDuplicateArg::Skip => OnDuplicate::Skip,
            OnDuplicateArg::Error => OnDuplicate::Error,
        }
    }
}

/// `export --format`: the command line's words for [`Format`].
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
    /// The follow-up queue of the next `--days` as an iCalendar file (all-day events, or to-dos with `--todo`)
    Ics,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file (headers in English or Chinese; Google Contacts, Outlook and Zoho exports work as they are)
    pub file: PathBuf,
    /// What the file holds [default: guessed from the headers]
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// File format (CSV; vCard and JSON come with the interop work)
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ImportFormat,
    /// Text encoding, e.g. utf-8, gbk, gb18030 [default: BOM, else UTF-8, else GB18030]
    #[arg(long)]
    pub encoding: Option<String>,
    /// A customer row matching an existing customer (external id, email or phone): merge, skip or error
    #[arg(long, value_enum, default_value = "error")]
    pub on_duplicate: OnDuplicateArg,
    /// Check everything and report, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportFormat {
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export [default: customers]; not with `--format ics`, which writes the follow-up queue
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatArg,
    /// With `--format ics`: the days ahead, today included (overdue items are always in) [default: 30]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub days: Option<u32>,
    /// With `--format ics`: write to-dos (VTODO) instead of all-day events (Google Calendar ignores to-dos)
    #[arg(long)]
    pub todo: bool,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

fn record_kind(k: Kind) -> RecordKind {
    match k {
        Kind::Customers => RecordKind::Customers,
        Kind::Orders => RecordKind::Orders,
        Kind::Contacts => RecordKind::Contacts,
        Kind::Feedback => RecordKind::Feedback,
    }
}

pub fn import(args: ImportArgs, app: &mut App) -> Result<()> {
    let ImportFormat::Csv = args.format;
    let opts = import::Options {
        kind: args.kind.map(record_kind),
        encoding: args.encoding,
        on_duplicate: args.on_duplicate.into(),
        dry_run: args.dry_run,
    };
    let report = crate::ops::import::file(&mut app.store, &args.file, &opts)?;
    if app.json {
        return output::json(&report);
    }
    let kind = report
        .kind
        .map_or("records".to_string(), |k| format!("{k:?}").to_lowercase());
    let verb = if report.dry_run { "would import" } else { "imported" };
    output::line(&format!(
        "{}: {verb} {} {kind} (read as {}): {} created, {} merged, {} skipped",
        report.file, report.rows, report.encoding, report.created, report.merged, report.skipped
    ))?;
    if !report.ignored_columns.is_empty() {
        output::line(&format!("ignored columns: {}", report.ignored_columns.join(", ")))?;
    }
    for w in &report.warnings {
        output::line(&format!("warning: {w}"))?;
    }
    if report.dry_run {
        output::line("dry run: nothing was changed")?;
    }
    Ok(())
}

pub fn export(args: ExportArgs, app: &App) -> Result<()> {
    if let (FormatArg::Ics, Some(_)) = (args.format, args.kind) {
        return Err(crate::domain::Invalid::new(
            "--kind",
            "is not for the calendar: --format ics writes the follow-up queue; leave --kind out",
        )
        .into());
    }
    let shown = args.kind.unwrap_or(Kind::Customers);
    let kind = record_kind(shown);
    let format = match args.format {
        FormatArg::Csv | FormatArg::Json if args.days.is_some() || args.todo => {
            let flag = if args.todo { "--todo" } else { "--days" };
            return Err(crate::domain::Invalid::new(flag, "is for the calendar: add --format ics").into());
        }
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
        FormatArg::Ics => Format::Ics(crate::interop::ics::Options {
            days: args.days.unwrap_or(30),
            todo: args.todo,
            stamp: chrono::Utc::now(),
        }),
    };
    match &args.out {
        Some(path) => {
            let tmp = path.with_extension("tiercrm-partial");
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(&tmp).map_err(|e| anyhow::anyhow!("{}: {e}", tmp.display()))?,
            );
            let n = export::export(&app.store, kind, format, &mut file);
            let n = n.and_then(|n| {
                std::io::Write::flush(&mut file)?;
                Ok(n)
            });
            match n {
                Ok(n) => {
                    drop(file);
                    std::fs::rename(&tmp, path)?;
                    let what = match format {
                        Format::Ics(_) => "follow-ups".to_string(),
                        _ => format!("{shown:?}"),
                    };
                    eprintln!("wrote {n} {what} to {}", path.display());
                    Ok(())
                }
                Err(e) => {
                    drop(file);
                    let _ = std::fs::remove_file(&tmp);
                    Err(e)
                }
            }
        }
        None => {
            use std::io::{IsTerminal, Write};
            let stdout = std::io::stdout();
            if stdout.is_terminal() {
                // Someone is reading it on a screen: show the data, never obey it.
                let mut buf = Vec::new();
                export::export(&app.store, kind, format, &mut buf)?;
                let text = String::from_utf8_lossy(&buf);
                let shown = match format {
                    Format::Json => crate::text::escape_json_controls(&text),
                    Format::Csv => crate::text::sanitize_multiline(&text),
                    // The writer already left no control character in the data; CRLF reads as a line.
                    Format::Ics(_) => crate::text::sanitize_multiline(&text.replace("\r\n", "\n")),
                };
                write!(stdout.lock(), "{shown}")?;
            } else {
                export::export(&app.store, kind, format, &mut stdout.lock())?;
            }
            Ok(())
        }
    }
}
