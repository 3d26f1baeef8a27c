//! The columns a customer's insert and update both write, their two statements, and a customer's values
//! bound to them in that order.

use rusqlite::ToSql;

use super::search_of;
use crate::domain::customer::{Customer, phone_key};
use crate::domain::dates::format_datetime;

/// The columns an insert and an update of a customer both write, in the order [`Bound::values`] binds them
/// (`?1` …); the insert adds `created_at, created_by`, the update `id`, after them.
const FIELDS: &str = "external_id, name, kind, company, industry, region, address, phone, phone_key, email, \
    social, source, owner, needs, notes, stage_pin, archived, search, version, updated_at, updated_by";

pub(super) static INSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let marks: Vec<String> = (1..=FIELDS.split(", ").count() + 2).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO customers ({FIELDS}, created_at, created_by) VALUES ({})",
        marks.join(", ")
    )
});

pub(super) static UPDATE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let sets: Vec<String> = FIELDS
        .split(", ")
        .enumerate()
        .map(|(i, f)| format!("{f} = ?{}", i + 1))
        .collect();
    format!(
        "UPDATE customers SET {} WHERE id = ?{}",
        sets.join(", "),
        sets.len() + 1
    )
});

/// A customer's [`FIELDS`] as bound, with the values derived from it (phone key, search text, stored time).
pub(super) struct Bound<'a> {
    c: &'a Customer,
    kind: &'static str,
    phone_key: Option<String>,
    stage_pin: Option<&'static str>,
    archived: i64,
    search: String,
    updated_at: String,
}

impl<'a> Bound<'a> {
    pub(super) fn of(c: &'a Customer) -> Self {
        Bound {
            c,
            kind: c.kind.as_str(),
            phone_key: c.phone.as_deref().map(phone_key),
            stage_pin: c.stage_pin.map(|s| s.as_str()),
            archived: i64::from(c.archived),
            search: search_of(c),
            updated_at: format_datetime(c.updated_at),
        }
    }

    /// The values of [`FIELDS`], in its order, followed by `more`.
    pub(super) fn values<'b>(&'b self, more: &[&'b dyn ToSql]) -> Vec<&'b dyn ToSql> {
        let c = self.c;
        let mut v: Vec<&dyn ToSql> = vec![
            &c.external_id,
            &c.name,
            &self.kind,
            &c.company,
            &c.industry,
            &c.region,
            &c.address,
            &c.phone,
            &self.phone_key,
            &c.email,
            &c.social,
            &c.source,
            &c.owner,
            &c.needs,
            &c.notes,
            &self.stage_pin,
            &self.archived,
            &self.search,
            &c.version,
            &self.updated_at,
            &c.updated_by,
        ];
        v.extend_from_slice(more);
        v
    }
}
