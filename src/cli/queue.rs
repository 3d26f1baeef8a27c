//! `tiercrm due`, `tiercrm classify` and the summary shown when tiercrm runs without a command.

use anyhow::Result;
use clap::Args;

use super::App;
use super::output::{self, Table};
use crate::domain::classify::explain::DueWhy;
use crate::domain::{CustomerId, money};
use crate::ops;
use crate::shapes::{ClassifyJson, DueJson, SummaryJson};
use crate::store::{explained, queue, stats};

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Only this staff member's customers ("me" for you)
    #[arg(long)]
    pub owner: Option<String>,
    /// At most this many rows
    #[arg(long, short)]
    pub limit: Option<usize>,
    /// Print only how many are due (for a shell prompt)
    #[arg(long, conflicts_with_all = ["limit", "format"])]
    pub count: bool,
    /// `md`: a Markdown table (for a mail from cron) [default: text, or JSON with --json]
    #[arg(long, value_enum)]
    pub format: Option<DueFormat>,
}

/// `due --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DueFormat {
    /// The table as plain text
    Text,
    /// A Markdown table, data escaped so that a `|` or `*` in a name cannot break it
    Md,
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Explain one customer's classes instead of re-deriving everyone
    #[arg(long, value_name = "ID")]
    pub explain: Option<i64>,
}

pub fn due(args: DueArgs, app: &App) -> Result<()> {
    let s = &app.store;
    let owner = args.owner.map(|o| {
        if o.eq_ignore_ascii_case("me") {
            s.user.clone()
        } else {
            o
        }
    });
    if args.count {
        // A COUNT over the queue's index: nobody is ranked or explained.
        let n = queue::due_count(s.conn(), s.today, owner.as_deref())?;
        return if app.json {
            output::json(&n)
        } else {
            output::line(&n.to_string())
        };
    }
    if app.json && args.format == Some(DueFormat::Md) {
        return Err(crate::domain::Invalid::new("--format", "md is a table, not JSON: leave out --json").into());
    }
    let rows = queue::due(s.conn(), s.today, owner.as_deref(), args.limit)?;
    let total = if args.limit.is_some() {
        queue::due_count(s.conn(), s.today, owner.as_deref())?
    } else {
        rows.len()
    };
    let ids: Vec<CustomerId> = rows.iter().map(|r| CustomerId(r.id)).collect();
    let explained = explained::explain_many(s.conn(), &ids, crate::i18n::english(), &s.params, s.today, &s.currency)?;
    let why = |id: i64| {
        explained
            .get(&CustomerId(id))
            .map_or(DueWhy::Never, |e| DueWhy::of(&e.inputs, &e.classes, s.today))
    };
    let english = crate::i18n::english();
    if app.json {
        let out: Vec<DueJson> = rows
            .into_iter()
            .map(|r| {
                let w = why(r.id);
                DueJson::new(r, &w, english)
            })
            .collect();
        return output::json(&out);
    }
    if args.format == Some(DueFormat::Md) {
        // Line by line: `output::line` makes a line safe, and would fold a newline into a space.
        return due_markdown(&rows, total, s.today, &|id| why(id).reason(english))
            .lines()
            .try_for_each(output::line);
    }
    if rows.is_empty() {
        return output::line(&format!("nobody is due on {}", s.today));
    }
    // The due date has a column of its own, so the column says the rest, wrapped to be read in full.
    let t = due_table(&rows, Some(&|id| why(id).reason(english))).wrap_last();
    t.print()?;
    if rows.len() < total {
        output::line(&format!("showing {} of {total} due on {}", rows.len(), s.today))
    } else {
        output::line(&format!("{total} due on {}", s.today))
    }
}

/// The queue as a Markdown document: a heading, a table and the count. Data cells are escaped
/// ([`output::markdown_cell`]), so a name cannot add a column or turn the rest of a row bold.
fn due_markdown(rows: &[queue::DueRow], total: usize, today: chrono::NaiveDate, why: &dyn Fn(i64) -> String) -> String {
    let mut md = format!("## Follow-ups due on {today}\n\n");
    if rows.is_empty() {
        md.push_str("Nobody is due.");
        return md;
    }
    md.push_str("| ID | Name | Tier | Stage | Due | Late | Risk | Owner | Why |\n");
    md.push_str("|---:|---|:-:|---|---|---:|---:|---|---|\n");
    for r in rows {
        // The due date has its own column, so the cell says only the rest.
        let why = why(r.id);
        let cells = [
            r.id.to_string(),
            output::markdown_cell(&r.name),
            r.tier.map_or("-".into(), |t| t.to_string()),
            r.stage.to_string(),
            r.next_due.to_string(),
            format!("{}d", r.overdue_days),
            r.churn_risk.to_string(),
            output::markdown_cell(r.owner.as_deref().unwrap_or("")),
            output::markdown_cell(&why),
        ];
        md.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    if rows.len() < total {
        md.push_str(&format!("\nShowing {} of {total}.", rows.len()));
    } else {
        md.push_str(&format!("\n{total} due."));
    }
    md
}

/// The queue as a table; `why` adds the column saying why each customer is due.
fn due_table(rows: &[queue::DueRow], why: Option<&dyn Fn(i64) -> String>) -> Table {
    let mut columns = vec![
        ("ID", 8),
        ("NAME", 22),
        ("TIER", 4),
        ("STAGE", 10),
        ("DUE", 10),
        ("LATE", 5),
        ("RISK", 4),
        ("OWNER", 12),
    ];
    if why.is_some() {
        columns.push(("WHY", 70));
    }
    let mut t = Table::new(&columns);
    for r in rows {
        let mut cells = vec![
            r.id.to_string(),
            r.name.clone(),
            r.tier.map_or("-".into(), |t| t.to_string()),
            r.stage.to_string(),
            r.next_due.to_string(),
            format!("{}d", r.overdue_days),
            r.churn_risk.to_string(),
            r.owner.clone().unwrap_or_default(),
        ];
        if let Some(why) = why {
            cells.push(why(r.id));
        }
        t.row(cells);
    }
    t
}

pub fn classify(args: ClassifyArgs, app: &mut App) -> Result<()> {
    if let Some(id) = args.explain {
        let e = ops::classify::explain(&app.store, CustomerId(id), crate::i18n::english())?;
        if app.json {
            return output::json(&e.reasons);
        }
        return output::reasons(&e.reasons);
    }
    let summary = ops::classify::everyone(&mut app.store)?;
    if app.json {
        return output::json(&ClassifyJson::from(&summary));
    }
    output::line(&format!(
        "classified {} customers as of {}: {} changed, {} class changes recorded",
        summary.customers, app.store.today, summary.rows_written, summary.history_rows
    ))
}

/// Headline numbers: customers per tier with their revenue share, stages, and the top of the queue.
pub fn summary(app: &App) -> Result<()> {
    let s = &app.store;
    let conn = s.conn();
    let head = stats::headline(conn, s.today)?;
    let tiers: Vec<(String, i64, i64)> = head
        .tiers
        .into_iter()
        .map(|t| (t.tier, t.customers, t.revenue_window))
        .collect();
    let total: i64 = tiers.iter().map(|t| t.2).sum();
    let stages = head.stages;
    let due = queue::due(conn, s.today, None, Some(10))?;
    let due_total = head.due;
    if app.json {
        return output::json(&SummaryJson::new(s.today, &tiers, stages, due_total, due));
    }
    output::line(&format!(
        "tiercrm — {} as of {} (acting as {})",
        s.path.display(),
        s.today,
        s.user
    ))?;
    output::line("")?;
    let mut t = Table::new(&[("TIER", 4), ("CUSTOMERS", 9), ("REVENUE (WINDOW)", 18), ("SHARE", 6)]);
    for (tier, n, rev) in &tiers {
        let share = if total > 0 {
            format!("{:.1}%", *rev as f64 * 100.0 / total as f64)
        } else {
            "-".into()
        };
        t.row(vec![
            tier.clone(),
            n.to_string(),
            money::format(*rev, &s.currency),
            share,
        ]);
    }
    t.print()?;
    output::line("")?;
    let stage_line: Vec<String> = stages.iter().map(|(st, n)| format!("{st} {n}")).collect();
    output::line(&format!("stages: {}", stage_line.join(", ")))?;
    output::line("")?;
    output::line(&format!(
        "follow-up queue: {due_total} due on {}; the first ten:",
        s.today
    ))?;
    let t = due_table(&due, None);
    if !t.is_empty() {
        t.print()?;
    }
    output::line("")?;
    output::line(
        "Try: tiercrm due · tiercrm customer list --filter 'tier:A' · tiercrm customer show ID · tiercrm --help",
    )
}
