//! `tiercrm settings`: the file's rules (classification parameters and currency), shown and changed.

use anyhow::Result;
use clap::Subcommand;

use super::{App, output};

#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// Change one rule for everyone who uses this file: checked, audited, and every customer re-derived once
    Set {
        /// The rule's key, as `tiercrm settings` lists it: `classify.a_share`, `cadence.A`, `currency` …
        key: String,
        /// Its new value, as `tiercrm settings` shows values (money in major units, shares as fractions)
        value: String,
        /// With `currency`: relabel the amounts already in the file as the new currency (nothing is converted)
        #[arg(long)]
        relabel: bool,
    },
}

/// Prints the rules in force, or changes one.
pub fn run(cmd: Option<SettingsCmd>, app: &mut App) -> Result<()> {
    match cmd {
        None => show(app),
        Some(SettingsCmd::Set { key, value, relabel }) => {
            let change = crate::ops::settings::set(&mut app.store, &key, &value, relabel)?;
            if app.json {
                return output::json::<crate::shapes::settings::SettingChangeJson>(&change);
            }
            if change.old == change.new {
                return output::line(&format!("{} is already {}; nothing changed", change.key, change.new));
            }
            output::line(&format!(
                "{}: {} → {} (re-derived {} customers, {} class changes recorded)",
                change.key, change.old, change.new, change.customers, change.history_rows
            ))
        }
    }
}

fn show(app: &App) -> Result<()> {
    let shown = app.store.rules().shown();
    if app.json {
        return output::json(&crate::shapes::settings::rules(&shown));
    }
    let mut t = output::Table::new(&[("KEY", 26), ("VALUE", 14), ("RANGE", 48), ("MEANING", 400)]);
    for s in &shown {
        t.row(vec![s.key.clone(), s.value.clone(), s.range.clone(), s.doc.clone()]);
    }
    t.print()?;
    output::line("")?;
    output::line(
        "These rules belong to the database file, so everyone who shares it classifies alike; change one with `tiercrm settings set KEY VALUE`.",
    )
}
