//! Importing a CSV of customers, orders, contacts or feedback: reading the file and mapping its rows to the
//! domain's values (`sheet.rs`, `rows.rs`); the operation that writes them, all in one transaction or
//! none, is `ops::import`. A rejected row is reported as `file:line: field: why`.

use std::path::Path;

use super::encoding;
use super::headers::Field;
use super::rows::Line;
use super::sheet::{self, Sheet};
use crate::domain::Invalid;
use crate::store::StoreError;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Customers,
    Orders,
    Contacts,
    Feedback,
}

/// What to do with a customer row that matches an existing customer (same external id, email or phone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Update the existing customer with the row's non-empty cells.
    Merge,
    /// Leave the existing customer alone.
    Skip,
    /// Reject the row (and so the import).
    #[default]
    Error,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub kind: Option<RecordKind>,
    pub encoding: Option<String>,
    pub on_duplicate: OnDuplicate,
    pub dry_run: bool,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub file: String,
    pub kind: Option<RecordKind>,
    pub encoding: String,
    pub rows: usize,
    pub created: usize,
    pub merged: usize,
    pub skipped: usize,
    pub ignored_columns: Vec<String>,
    pub warnings: Vec<String>,
    pub dry_run: bool,
}

/// A file read and understood, ready to be written.
pub struct Parsed {
    pub kind: RecordKind,
    /// What the import did so far (the file, its encoding, its rows, the columns it ignores).
    pub report: Report,
    file: String,
    sheet: Sheet,
}

impl Parsed {
    /// The file's records in order, each with where it stands.
    pub fn lines(&self) -> impl Iterator<Item = Line<'_>> {
        self.sheet
            .records
            .iter()
            .map(|(line, rec)| Line::new(format!("{}:{line}", self.file), &self.sheet, rec))
    }
}

/// Reads `path` as `opts` say: decodes it, parses its rows and tells what kind of records they are. A file
/// that cannot be read, is ragged, or lacks a column its kind needs is refused here, before any write.
pub fn read(path: &Path, opts: &Options) -> Result<Parsed, StoreError> {
    let file = path.display().to_string();
    // The file is the user's argument: one that is missing or unreadable is bad input (exit 2), and
    // nothing has been touched yet.
    let bytes = std::fs::read(path).map_err(|e| Invalid::new("import", format!("cannot read {file}: {e}")))?;
    let decoded =
        encoding::decode(&file, &bytes, opts.encoding.as_deref()).map_err(|e| StoreError::Rejected(vec![e]))?;
    let sheet = sheet::parse(&file, &decoded.text)?;
    let kind = opts.kind.unwrap_or_else(|| sheet::guess_kind(&sheet));
    let report = Report {
        file: file.clone(),
        kind: Some(kind),
        encoding: decoded.encoding.to_string(),
        rows: sheet.records.len(),
        ignored_columns: sheet.ignored_for(kind),
        dry_run: opts.dry_run,
        ..Report::default()
    };
    let missing = |what: &str, looked: &str| {
        StoreError::Rejected(vec![format!(
            "{file}:1: no {what} column (looked for {looked}); is this a {kind:?} file? name it with --kind"
        )])
    };
    match kind {
        RecordKind::Customers
            if !sheet.has(Field::Name) && !sheet.has(Field::FirstName) && !sheet.has(Field::LastName) =>
        {
            return Err(missing("name", "name, 姓名, 客户名称, first name, last name …"));
        }
        RecordKind::Orders if !sheet.has(Field::Amount) => {
            return Err(missing("amount", "amount, total, 金额, 订单金额 …"));
        }
        RecordKind::Orders if !sheet.has(Field::Date) => {
            return Err(missing("date", "date, order date, 日期, 下单日期 …"));
        }
        RecordKind::Feedback if !sheet.has(Field::Title) => {
            return Err(missing("title", "title, subject, 标题 …"));
        }
        RecordKind::Orders | RecordKind::Contacts | RecordKind::Feedback
            if !sheet.has(Field::ExternalId) && !sheet.has(Field::Email) && !sheet.has(Field::Phone) =>
        {
            return Err(missing("customer key", "external_id, email or phone"));
        }
        _ => {}
    }
    Ok(Parsed {
        kind,
        report,
        file,
        sheet,
    })
}
