//! The store's errors, typed so that the interface can tell them apart (not found, conflict, locked, a
//! refused file …).

use chrono::NaiveDate;

use super::stored;
use crate::domain::Invalid;

/// Errors the interface must tell apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    // Transparent, not "{0}": `#[from]` makes the inner error the source too, and `{:#}` printed the
    // message and then its source — the same words twice.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    #[error(
        "customer {id} was changed by {by} at {at} (now version {current}, you had version {expected}); reload it and try again"
    )]
    Conflict {
        id: i64,
        expected: i64,
        current: i64,
        by: String,
        at: String,
    },
    /// The record would repeat another's unique key; the failure names the key's field.
    #[error("{0}")]
    Duplicate(Invalid),
    #[error("the database is locked: another tiercrm kept writing for longer than `busy_timeout` allows; try again")]
    Locked,
    #[error(
        "{path} was written by a newer tiercrm (schema version {found}; this one knows up to {known}); upgrade tiercrm"
    )]
    Newer { path: String, found: i64, known: i64 },
    #[error("{path} is a SQLite database of another program, not tiercrm's; refusing to touch it")]
    Foreign { path: String },
    #[error("{path} is not a tiercrm database or is damaged: {detail}")]
    Corrupt { path: String, detail: String },
    #[error("{}", rejected(.0))]
    Rejected(Vec<String>),
    #[error("{0}")]
    Io(String),
    /// A read command, or a look at another date, found no database: nothing is created.
    #[error("there is no database at {path}; create one with `tiercrm init --db {path}` (or pass the right --db)")]
    Missing { path: String },
    /// The file (or its directory) cannot be written by this user: reading works, writing is refused.
    #[error("the database is open read-only ({0}); nothing was changed")]
    ReadOnly(String),
    /// A write as of a day before the day the stored classes were derived: everyone would be re-derived
    /// as of the past.
    #[error(
        "the classes in this file are as of {classified_on}, later than {today}, the date this write is made as of: a write as of an earlier date would re-classify everyone as of the past; nothing was changed (write as of {classified_on} or later: --today {classified_on})"
    )]
    BackDated { today: NaiveDate, classified_on: NaiveDate },
    /// A stored value that does not read as its column's type; it names the table, row and column.
    #[error("the database holds a value tiercrm cannot read: {0}")]
    BadValue(stored::BadValue),
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
}

fn rejected(lines: &[String]) -> String {
    const SHOWN: usize = 50;
    let mut s = format!("{} problem(s); nothing was changed:", lines.len());
    for l in lines.iter().take(SHOWN) {
        s.push_str("\n  ");
        s.push_str(l);
    }
    if lines.len() > SHOWN {
        s.push_str(&format!("\n  … and {} more", lines.len() - SHOWN));
    }
    s
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::FromSqlConversionFailure(i, t, inner) = e {
            return match inner.downcast::<stored::BadValue>() {
                Ok(bad) => StoreError::BadValue(*bad),
                Err(inner) => StoreError::Sql(rusqlite::Error::FromSqlConversionFailure(i, t, inner)),
            };
        }
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) {
                return StoreError::Locked;
            }
        }
        StoreError::Sql(e)
    }
}
