//! Customers: create, edit (with optimistic version check), archive, find, list with filters.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::{self, Changes, Subject};
use super::{Result, StoreError, Tx, opt, stored};
use crate::domain::classify::Classes;
use crate::domain::customer::{Customer, CustomerPatch, phone_key};
use crate::domain::dates::format_datetime;
use crate::domain::filter::fold;
use crate::domain::{CustomerId, Invalid};
use bound::{Bound, INSERT, UPDATE};

mod bound;

/// The customer columns in the order [`read_customer`] expects, with tags last.
pub const SELECT: &str = "c.id, c.external_id, c.name, c.kind, c.company, c.industry, c.region, c.address, \
    c.phone, c.email, c.social, c.source, c.owner, c.needs, c.notes, c.stage_pin, c.archived, c.version, \
    c.created_at, c.created_by, c.updated_at, c.updated_by, \
    (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM customer_tags t WHERE t.customer_id = c.id ORDER BY tag))";

/// How many columns [`SELECT`] yields.
pub const SELECT_LEN: usize = 23;

/// Reads a customer from a row laid out as [`SELECT`].
pub fn read_customer(r: &Row<'_>) -> rusqlite::Result<Customer> {
    let tags: Option<String> = r.get(22)?;
    Ok(Customer {
        id: CustomerId(r.get(0)?),
        external_id: r.get(1)?,
        name: r.get(2)?,
        kind: r
            .get::<_, String>(3)?
            .parse()
            .unwrap_or(crate::domain::CustomerKind::Individual),
        company: r.get(4)?,
        industry: r.get(5)?,
        region: r.get(6)?,
        address: r.get(7)?,
        phone: r.get(8)?,
        email: r.get(9)?,
        social: r.get(10)?,
        source: r.get(11)?,
        owner: r.get(12)?,
        needs: r.get(13)?,
        notes: r.get(14)?,
        stage_pin: r.get::<_, Option<String>>(15)?.and_then(|s| s.parse().ok()),
        archived: r.get::<_, i64>(16)? != 0,
        version: r.get(17)?,
        created_at: stored::time(r, "customers", 18)?,
        created_by: r.get(19)?,
        updated_at: stored::time(r, "customers", 20)?,
        updated_by: r.get(21)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}

/// Loads one customer.
pub fn get(conn: &Connection, id: CustomerId) -> Result<Customer> {
    conn.prepare_cached(&format!("SELECT {SELECT} FROM customers c WHERE c.id = ?1"))?
        .query_row([id.0], read_customer)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "customer",
            id: id.to_string(),
        })
}

/// Loads one customer with their stored classes.
pub fn get_with_classes(conn: &Connection, id: CustomerId) -> Result<(Customer, Option<Classes>)> {
    let c = get(conn, id)?;
    let stored = super::derive::read_stored(conn, &[id])?;
    Ok((c, stored.get(&id).map(|(_, cl)| cl.clone())))
}

/// The folded text free words search: name, company, phone (as written and as digits), email, notes,
/// tags, external id, region and address — people type a city as often as a name.
pub fn search_text(name: &str, others: &[Option<&str>], phone: Option<&str>, tags: &[String]) -> String {
    let mut parts: Vec<&str> = vec![name];
    parts.extend(others.iter().flatten().copied());
    let digits = phone.map(phone_key).unwrap_or_default();
    parts.extend(phone);
    parts.push(&digits);
    let tags = tags.join(" ");
    parts.push(&tags);
    fold(&parts.join("\u{1f}"))
}

fn search_of(c: &Customer) -> String {
    search_text(
        &c.name,
        &[
            c.company.as_deref(),
            c.email.as_deref(),
            c.notes.as_deref(),
            c.external_id.as_deref(),
            c.region.as_deref(),
            c.address.as_deref(),
        ],
        c.phone.as_deref(),
        &c.tags,
    )
}

/// The customer with id `id` must exist; returns it.
pub fn require(conn: &Connection, id: CustomerId) -> Result<Customer> {
    get(conn, id)
}

fn check_source(conn: &Connection, source: &Option<String>) -> Result<()> {
    let Some(s) = opt(source) else { return Ok(()) };
    let known: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM source_channels WHERE code = ?1")?
        .query_row([s], |r| r.get(0))
        .optional()?;
    if known.is_none() {
        let mut st = conn.prepare_cached("SELECT code FROM source_channels ORDER BY code")?;
        let all: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        return Err(Invalid::said("source", "invalid.source", &[("value", s), ("known", &all.join(", "))]).into());
    }
    Ok(())
}

fn check_external_id(conn: &Connection, ext: &Option<String>, except: Option<CustomerId>) -> Result<()> {
    let Some(x) = opt(ext) else { return Ok(()) };
    let other: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, name FROM customers WHERE external_id = ?1")?
        .query_row([x], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match other {
        Some((id, name)) if Some(CustomerId(id)) != except => Err(StoreError::Duplicate(Invalid::said(
            "external_id",
            "invalid.external_id_taken",
            &[("value", x), ("id", &id.to_string()), ("name", &name)],
        ))),
        _ => Ok(()),
    }
}

fn apply(c: &mut Customer, p: &CustomerPatch) {
    fn set(field: &mut Option<String>, v: &Option<String>) {
        if let Some(v) = v {
            *field = if v.is_empty() { None } else { Some(v.clone()) };
        }
    }
    if let Some(n) = &p.name {
        c.name = n.clone();
    }
    if let Some(k) = p.kind {
        c.kind = k;
    }
    set(&mut c.external_id, &p.external_id);
    set(&mut c.company, &p.company);
    set(&mut c.industry, &p.industry);
    set(&mut c.region, &p.region);
    set(&mut c.address, &p.address);
    set(&mut c.phone, &p.phone);
    set(&mut c.email, &p.email);
    set(&mut c.social, &p.social);
    set(&mut c.source, &p.source);
    set(&mut c.owner, &p.owner);
    set(&mut c.needs, &p.needs);
    set(&mut c.notes, &p.notes);
    if let Some(t) = &p.tags {
        c.tags = t.clone();
    }
    if let Some(pin) = p.stage_pin {
        c.stage_pin = pin;
    }
}

fn diff(old: &Customer, new: &Customer) -> Changes {
    let mut ch = Changes::default();
    ch.diff("name", &old.name, &new.name);
    ch.diff("kind", &old.kind, &new.kind);
    ch.diff("external_id", &old.external_id, &new.external_id);
    ch.diff("company", &old.company, &new.company);
    ch.diff("industry", &old.industry, &new.industry);
    ch.diff("region", &old.region, &new.region);
    ch.diff("address", &old.address, &new.address);
    ch.diff("phone", &old.phone, &new.phone);
    ch.diff("email", &old.email, &new.email);
    ch.diff("social", &old.social, &new.social);
    ch.diff("source", &old.source, &new.source);
    ch.diff("owner", &old.owner, &new.owner);
    ch.diff("needs", &old.needs, &new.needs);
    ch.diff("notes", &old.notes, &new.notes);
    ch.diff("tags", &old.tags, &new.tags);
    ch.diff("stage_pin", &old.stage_pin, &new.stage_pin);
    ch.diff("archived", &old.archived, &new.archived);
    ch
}

fn save_tags(w: &Tx<'_>, id: CustomerId, tags: &[String]) -> Result<()> {
    w.tx.prepare_cached("DELETE FROM customer_tags WHERE customer_id = ?1")?
        .execute([id.0])?;
    insert_tags(w, id, tags)
}

fn insert_tags(w: &Tx<'_>, id: CustomerId, tags: &[String]) -> Result<()> {
    let mut st =
        w.tx.prepare_cached("INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?1, ?2)")?;
    for t in tags {
        st.execute(params![id.0, t])?;
    }
    Ok(())
}

fn write_fields(w: &Tx<'_>, c: &Customer) -> Result<()> {
    let bound = Bound::of(c);
    w.tx.prepare_cached(&UPDATE)?.execute(&*bound.values(&[&c.id.0]))?;
    save_tags(w, c.id, &c.tags)
}

/// The one INSERT of a customer (with its tags), with the checks every stored customer passes: a name,
/// a known source, an external id no one else has. Both [`add`] and a bulk load come through here. `c.id`
/// is not read: the row gets the next id, which is returned.
pub fn insert(w: &Tx<'_>, c: &Customer) -> Result<CustomerId> {
    if crate::domain::customer::blank_name(&c.name) {
        return Err(Invalid::said("name", "invalid.empty", &[]).into());
    }
    check_source(&w.tx, &c.source)?;
    check_external_id(&w.tx, &c.external_id, None)?;
    let bound = Bound::of(c);
    let created_at = format_datetime(c.created_at);
    w.tx.prepare_cached(&INSERT)?
        .execute(&*bound.values(&[&created_at, &c.created_by]))?;
    let id = CustomerId(w.tx.last_insert_rowid());
    insert_tags(w, id, &c.tags)?;
    Ok(id)
}

/// Creates a customer. The name is required; the owner defaults to the acting user.
pub fn add(w: &mut Tx<'_>, patch: CustomerPatch) -> Result<Customer> {
    let patch = patch.cleaned()?;
    let blank = Customer {
        id: CustomerId(0),
        external_id: None,
        name: String::new(),
        kind: crate::domain::CustomerKind::Individual,
        company: None,
        industry: None,
        region: None,
        address: None,
        phone: None,
        email: None,
        social: None,
        source: None,
        owner: Some(w.user.to_string()),
        tags: Vec::new(),
        needs: None,
        notes: None,
        stage_pin: None,
        archived: false,
        version: 1,
        created_at: w.at(),
        created_by: w.user.to_string(),
        updated_at: w.at(),
        updated_by: w.user.to_string(),
    };
    let mut c = blank.clone();
    apply(&mut c, &patch);
    c.id = insert(w, &c)?;
    let mut ch = diff(&Customer { owner: None, ..blank }, &c);
    ch.set("version", &Option::<i64>::None, &1);
    audit::record(w, Subject::Customer(c.id), "create", ch)?;
    w.touch(c.id);
    Ok(c)
}

/// Changes a customer. With `if_version`, refuses when someone else changed it since that version.
pub fn edit(w: &mut Tx<'_>, id: CustomerId, patch: CustomerPatch, if_version: Option<i64>) -> Result<Customer> {
    let patch = patch.cleaned()?;
    let old = get(&w.tx, id)?;
    if let Some(v) = if_version {
        // A version the customer never had is a mistake in the argument, not someone else's change:
        // saying "changed by …" would send the user looking for an edit nobody made.
        if v < 1 || v > old.version {
            return Err(Invalid::said(
                "if-version",
                "invalid.version_unknown",
                &[
                    ("value", &v.to_string()),
                    ("id", &id.to_string()),
                    ("current", &old.version.to_string()),
                ],
            )
            .into());
        }
        if v != old.version {
            return Err(StoreError::Conflict {
                id: id.0,
                expected: v,
                current: old.version,
                by: old.updated_by.clone(),
                // Said to a person: their local time.
                at: super::clock::show(old.updated_at),
            });
        }
    }
    check_source(&w.tx, &patch.source)?;
    check_external_id(&w.tx, &patch.external_id, Some(id))?;
    let mut c = old.clone();
    apply(&mut c, &patch);
    let ch = diff(&old, &c);
    if ch.is_empty() {
        return Ok(old);
    }
    c.version = old.version + 1;
    c.updated_at = w.at();
    c.updated_by = w.user.to_string();
    write_fields(w, &c)?;
    audit::record(w, Subject::Customer(id), "edit", ch)?;
    w.touch(id);
    Ok(c)
}

/// Archives (soft-deletes) or restores a customer.
pub fn set_archived(w: &mut Tx<'_>, id: CustomerId, archived: bool) -> Result<Customer> {
    let old = get(&w.tx, id)?;
    if old.archived == archived {
        let what = if archived { "already archived" } else { "not archived" };
        return Err(Invalid::new("customer", format!("{id} ({}) is {what}", old.name)).into());
    }
    let mut c = old.clone();
    c.archived = archived;
    c.version += 1;
    c.updated_at = w.at();
    c.updated_by = w.user.to_string();
    write_fields(w, &c)?;
    audit::record(
        w,
        Subject::Customer(id),
        if archived { "archive" } else { "restore" },
        diff(&old, &c),
    )?;
    w.touch(id);
    Ok(c)
}

/// Finds a customer by external id, else email, else phone (the import and scripting key order).
pub fn find_by_key(
    conn: &Connection,
    external_id: Option<&str>,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<Option<(CustomerId, &'static str)>> {
    let one = |sql: &str, v: &str| -> Result<Option<CustomerId>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row([v], |r| r.get(0).map(CustomerId))
            .optional()?)
    };
    if let Some(x) = external_id.filter(|v| !v.trim().is_empty()) {
        if let Some(id) = one("SELECT id FROM customers WHERE external_id = ?1", x.trim())? {
            return Ok(Some((id, "external_id")));
        }
    }
    if let Some(e) = email.filter(|v| !v.trim().is_empty()) {
        if let Some(id) = one(
            "SELECT id FROM customers WHERE email = ?1 ORDER BY archived, id LIMIT 1",
            e.trim(),
        )? {
            return Ok(Some((id, "email")));
        }
    }
    if let Some(p) = phone.map(phone_key).filter(|v| !v.is_empty()) {
        if let Some(id) = one(
            "SELECT id FROM customers WHERE phone_key = ?1 ORDER BY archived, id LIMIT 1",
            &p,
        )? {
            return Ok(Some((id, "phone")));
        }
    }
    Ok(None)
}
