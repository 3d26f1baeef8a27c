//! Stored times and dates read back once, where a row is read, into typed values; one that does not read is
//! an error naming its table, row and column, never a made-up value or a panic.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use rusqlite::types::{Type, ValueRef};

use crate::domain::dates::{parse_stored_time, parse_ymd};

/// A stored value that is not what its column holds (a file edited by hand or by another program). It
/// travels through rusqlite's row readers as a conversion failure and becomes [`super::StoreError::BadValue`].
#[derive(Debug, thiserror::Error)]
#[error("{table} row {row}: {column} holds {value:?}, which is not {what}")]
pub struct BadValue {
    pub table: &'static str,
    pub row: i64,
    pub column: String,
    pub value: String,
    pub what: &'static str,
}

/// Reads column `i` with `parse`; NULL is `None`. Every record's reader has its id in column 0, which the
/// error names as the row.
fn read<T>(
    r: &Row<'_>,
    table: &'static str,
    i: usize,
    what: &'static str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let raw = r.get_ref(i)?;
    if let ValueRef::Null = raw {
        return Ok(None);
    }
    if let Some(v) = raw.as_str().ok().and_then(parse) {
        return Ok(Some(v));
    }
    let value = match raw {
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        _ => "(binary)".to_string(),
    };
    Err(bad(r, table, i, what, value))
}

fn bad(r: &Row<'_>, table: &'static str, i: usize, what: &'static str, value: String) -> rusqlite::Error {
    let bad = BadValue {
        table,
        row: r.get(0).unwrap_or_default(),
        column: r.as_ref().column_name(i).map_or_else(|_| i.to_string(), str::to_string),
        value,
        what,
    };
    rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(bad))
}

const TIME: &str = "a time (2026-03-05T14:30:00Z)";
const DATE: &str = "a date (2026-03-05)";

/// A UTC time column (`2026-03-05T14:30:00Z`).
pub(crate) fn time(r: &Row<'_>, table: &'static str, i: usize) -> rusqlite::Result<DateTime<Utc>> {
    read(r, table, i, TIME, parse_stored_time)?.ok_or_else(|| bad(r, table, i, TIME, "NULL".into()))
}

/// A UTC time column that may be NULL.
pub(crate) fn opt_time(r: &Row<'_>, table: &'static str, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    read(r, table, i, TIME, parse_stored_time)
}

/// A date column (`2026-03-05`).
pub(crate) fn date(r: &Row<'_>, table: &'static str, i: usize) -> rusqlite::Result<NaiveDate> {
    read(r, table, i, DATE, parse_ymd)?.ok_or_else(|| bad(r, table, i, DATE, "NULL".into()))
}

/// A date column that may be NULL.
pub(crate) fn opt_date(r: &Row<'_>, table: &'static str, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    read(r, table, i, DATE, parse_ymd)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::domain::contact::NewContact;
    use crate::domain::customer::CustomerPatch;
    use crate::domain::dates::parse_stored_time;
    use crate::domain::{Channel, Direction};
    use crate::store::{Options, Store, StoreError, contacts, customers, orders};

    fn store(dir: &std::path::Path) -> Store {
        Store::open(Options::scratch(
            dir.join("crm.db"),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        ))
        .unwrap()
    }

    /// One customer with one contact logged at 2026-11-20T09:30:00Z.
    fn with_a_contact(s: &mut Store) -> crate::domain::CustomerId {
        s.write("test", |w| {
            let c = customers::add(
                w,
                CustomerPatch {
                    name: Some("Ann".into()),
                    ..CustomerPatch::default()
                },
            )?;
            contacts::log(
                w,
                NewContact {
                    staff: None,
                    customer_id: c.id,
                    at: parse_stored_time("2026-11-20T09:30:00Z").unwrap(),
                    channel: Channel::Phone,
                    direction: Direction::Outbound,
                    summary: None,
                    outcome: None,
                    next_date: None,
                },
            )?;
            Ok(c.id)
        })
        .unwrap()
    }

    #[test]
    fn a_stored_time_reads_back_typed_and_serializes_as_stored() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let id = with_a_contact(&mut s);
        let listed = contacts::list(s.conn(), Some(id), None).unwrap();
        assert_eq!(listed[0].at, parse_stored_time("2026-11-20T09:30:00Z").unwrap());
        let json = serde_json::to_string(&listed[0]).unwrap();
        assert!(json.contains(r#""at":"2026-11-20T09:30:00Z""#), "{json}");
        let c = customers::get(s.conn(), id).unwrap();
        let stored: String = s
            .conn()
            .query_row("SELECT created_at FROM customers WHERE id = ?1", [id.0], |r| r.get(0))
            .unwrap();
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(
            json["created_at"],
            stored.as_str(),
            "JSON shows the time as the file holds it"
        );
    }

    #[test]
    fn a_bad_stored_time_or_date_is_an_error_naming_table_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let id = with_a_contact(&mut s);
        s.conn().execute("UPDATE contacts SET at = 'yesterday'", []).unwrap();
        let contact_id: i64 = s.conn().query_row("SELECT id FROM contacts", [], |r| r.get(0)).unwrap();
        match contacts::list(s.conn(), Some(id), None) {
            Err(StoreError::BadValue(bad)) => {
                assert_eq!(
                    (bad.table, bad.row, bad.column.as_str()),
                    ("contacts", contact_id, "at")
                );
                assert_eq!(bad.value, "yesterday");
                let said = StoreError::BadValue(bad).to_string();
                assert!(
                    said.contains("contacts row") && said.contains("\"yesterday\""),
                    "{said}"
                );
            }
            other => panic!("expected a bad value, got {other:?}"),
        }
        s.conn()
            .execute("UPDATE customers SET created_at = '2026-13-01T00:00:00Z'", [])
            .unwrap();
        match customers::get(s.conn(), id) {
            Err(StoreError::BadValue(bad)) => {
                assert_eq!(
                    (bad.table, bad.row, bad.column.as_str()),
                    ("customers", id.0, "created_at")
                )
            }
            other => panic!("expected a bad value, got {other:?}"),
        }
        s.conn()
            .execute(
                "INSERT INTO orders (customer_id, date, amount, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, '2026-02-30', 100, '2026-11-20T09:30:00Z', 't', '2026-11-20T09:30:00Z', 't')",
                [id.0],
            )
            .unwrap();
        match orders::list(s.conn(), Some(id), None) {
            Err(StoreError::BadValue(bad)) => assert_eq!((bad.table, bad.column.as_str()), ("orders", "date")),
            other => panic!("expected a bad value, got {other:?}"),
        }
    }
}
