//! A CSV file as read: which columns hold which field, its records with their line numbers, and what kind
//! of records it holds.

use std::collections::HashMap;

use super::headers::{Field, field_of, rank_of};
use super::import::RecordKind;
use crate::store::StoreError;

/// A parsed file: which columns hold which field, and the records with their line numbers.
pub struct Sheet {
    headers: Vec<String>,
    columns: HashMap<Field, Vec<usize>>,
    /// Headers no field claims, with their column.
    ignored: Vec<(usize, String)>,
    pub(super) records: Vec<(u64, csv::StringRecord)>,
}

impl Sheet {
    /// Headers not read for this kind of file: unknown ones and those that belong to another kind.
    pub(super) fn ignored_for(&self, kind: RecordKind) -> Vec<String> {
        let mut out: Vec<(usize, String)> = Vec::new();
        for (f, cols) in &self.columns {
            if !uses(kind, *f) {
                out.extend(cols.iter().map(|&k| (k, self.headers[k].trim().to_string())));
            }
        }
        out.extend(self.ignored.iter().cloned());
        out.sort();
        out.into_iter().map(|(_, h)| h).collect()
    }

    pub(super) fn has(&self, f: Field) -> bool {
        self.columns.contains_key(&f)
    }

    /// The first non-empty cell among the columns mapped to `f`.
    pub(super) fn get<'a>(&self, rec: &'a csv::StringRecord, f: Field) -> Option<&'a str> {
        self.columns
            .get(&f)?
            .iter()
            .filter_map(|&k| rec.get(k))
            .map(str::trim)
            .find(|v| !v.is_empty())
    }
}

fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let (comma, semi, tab) = (count(','), count(';'), count('\t'));
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

pub(super) fn parse(file: &str, text: &str) -> Result<Sheet, StoreError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| StoreError::Rejected(vec![format!("{file}:1: cannot read the header row: {e}")]))?
        .clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(StoreError::Rejected(vec![format!("{file}:1: the header row is empty")]));
    }
    let mut columns: HashMap<Field, Vec<usize>> = HashMap::new();
    let mut ignored = Vec::new();
    for (k, h) in headers.iter().enumerate() {
        match field_of(h) {
            Some(f) => columns.entry(f).or_default().push(k),
            None if h.trim().is_empty() => {}
            None => ignored.push((k, h.trim().to_string())),
        }
    }
    for (f, cols) in columns.iter_mut() {
        cols.sort_by_key(|&k| rank_of(&headers[k], *f));
    }
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let width = headers.len();
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if r.len() != width {
                    problems.push(format!("{file}:{line}: has {} fields, the header has {width}", r.len()));
                    continue;
                }
                records.push((line, r));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(format!("{file}:{line}: {e}"));
            }
        }
    }
    if !problems.is_empty() {
        return Err(StoreError::Rejected(problems));
    }
    Ok(Sheet {
        headers: headers.iter().map(str::to_string).collect(),
        columns,
        ignored,
        records,
    })
}

/// What a file holds, from its headers. People come first: a file with names is customers even when it
/// also has a `Title` (Outlook's Mr./Ms.) or a `Description` (Zoho's notes).
pub(super) fn guess_kind(s: &Sheet) -> RecordKind {
    let people = s.has(Field::Name) || s.has(Field::FirstName) || s.has(Field::LastName);
    if s.has(Field::Amount) && s.has(Field::Date) && !people {
        RecordKind::Orders
    } else if s.has(Field::Title)
        && (s.has(Field::FeedbackKind) || s.has(Field::Urgency) || s.has(Field::Importance) || s.has(Field::Kind))
        && !people
    {
        RecordKind::Feedback
    } else if (s.has(Field::Channel) || s.has(Field::Summary) || s.has(Field::Outcome) || s.has(Field::Direction))
        && s.has(Field::Date)
        && !people
    {
        RecordKind::Contacts
    } else if s.has(Field::Amount) && !people {
        RecordKind::Orders
    } else {
        RecordKind::Customers
    }
}

/// The fields each kind of file reads; other mapped columns are reported as ignored.
fn uses(kind: RecordKind, f: Field) -> bool {
    use Field::*;
    let key = matches!(f, ExternalId | Email | Phone);
    match kind {
        RecordKind::Customers => !matches!(
            f,
            Date | Amount
                | Cost
                | Product
                | Channel
                | Direction
                | Summary
                | Outcome
                | Next
                | Staff
                | FeedbackKind
                | Title
                | Urgency
                | Importance
                | Status
                | Satisfaction
        ),
        RecordKind::Orders => key || matches!(f, Date | Amount | Cost | Product),
        RecordKind::Contacts => key || matches!(f, Date | Channel | Direction | Summary | Outcome | Next | Staff),
        RecordKind::Feedback => {
            key || matches!(
                f,
                Date | Kind | FeedbackKind | Channel | Title | Body | Urgency | Importance | Status | Satisfaction
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_guessed_from_headers() {
        let k = |text: &str| guess_kind(&parse("f.csv", text).unwrap());
        assert_eq!(k("external_id,name\n1,Ann\n"), RecordKind::Customers);
        assert_eq!(k("external_id,date,amount\n1,2026-01-01,10\n"), RecordKind::Orders);
        assert_eq!(
            k("email,date,channel,summary\na@b.cn,2026-01-01,phone,hi\n"),
            RecordKind::Contacts
        );
        assert_eq!(
            k("phone,kind,title\n13800138000,complaint,late\n"),
            RecordKind::Feedback
        );
        assert_eq!(k("姓名;电话\n王芳;13800138000\n"), RecordKind::Customers);
    }

    #[test]
    fn ragged_rows_are_reported_with_their_line() {
        let Err(StoreError::Rejected(lines)) = parse("f.csv", "name,phone\nAnn,123456\nBob\n") else {
            panic!()
        };
        assert_eq!(lines, vec!["f.csv:3: has 1 fields, the header has 2"]);
    }
}
