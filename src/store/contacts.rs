//! The contact log: record an interaction (closing the follow-ups it satisfies, opening the next) and list.

use rusqlite::{Connection, Row, params};

use super::audit::{self, Changes};
use super::{Result, Tx, by_customer};
use crate::domain::contact::{Contact, NewContact};
use crate::domain::dates::{format_datetime, parse_ymd};
use crate::domain::{Channel, CustomerId, Direction, Invalid};

const COLS: &str = "id, customer_id, at, channel, direction, summary, outcome, staff, next_date";

fn read(r: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        customer_id: CustomerId(r.get(1)?),
        at: r.get(2)?,
        channel: r.get::<_, String>(3)?.parse().unwrap_or(Channel::Other),
        direction: r.get::<_, String>(4)?.parse().unwrap_or(Direction::Outbound),
        summary: r.get(5)?,
        outcome: r.get(6)?,
        staff: r.get(7)?,
        next_date: r.get::<_, Option<String>>(8)?.as_deref().and_then(parse_ymd),
    })
}

/// What logging a contact did besides the entry itself.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Logged {
    pub contact: Contact,
    /// Follow-ups due on or before the contact that it closed.
    pub closed_followups: Vec<i64>,
    /// The follow-up opened for `next_date`.
    pub next_followup: Option<i64>,
}

/// Logs a contact. Pending follow-ups due on or before its date are done; `next_date` opens a new one.
pub fn log(w: &mut Tx<'_>, c: NewContact) -> Result<Logged> {
    super::orders::require_active(&w.tx, c.customer_id)?;
    let clean = |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let (summary, outcome) = (clean(c.summary), clean(c.outcome));
    let day = c.at.date_naive();
    if let Some(next) = c.next_date {
        if next <= day {
            return Err(Invalid::new("next", format!("{next} is not after the contact's date ({day})")).into());
        }
    }
    let at = format_datetime(c.at);
    w.tx.prepare_cached(
        "INSERT INTO contacts (customer_id, at, channel, direction, summary, outcome, staff, next_date, \
         created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)",
    )?
    .execute(params![
        c.customer_id.0,
        at,
        c.channel.as_str(),
        c.direction.as_str(),
        summary,
        outcome,
        c.staff
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(w.user),
        c.next_date.map(|d| d.to_string()),
        w.now,
        w.user
    ])?;
    let id = w.tx.last_insert_rowid();
    let mut ch = Changes::default();
    ch.set("customer_id", &None::<i64>, &c.customer_id.0);
    ch.set("at", &None::<String>, &at);
    ch.set("channel", &None::<String>, &c.channel);
    ch.set("direction", &None::<String>, &c.direction);
    ch.set("summary", &None::<String>, &summary);
    ch.set("outcome", &None::<String>, &outcome);
    audit::record(w, "contact", id, "create", ch)?;
    w.touch(c.customer_id.0);
    let closed = if day <= w.today {
        super::followups::close_satisfied(w, c.customer_id, day)?
    } else {
        Vec::new()
    };
    let next = match c.next_date {
        Some(d) => {
            Some(super::followups::add(w, c.customer_id, d, Some(format!("set when contact #{id} was logged")))?.id)
        }
        None => None,
    };
    let contact =
        w.tx.prepare_cached(&format!("SELECT {COLS} FROM contacts WHERE id = ?1"))?
            .query_row([id], read)?;
    Ok(Logged {
        contact,
        closed_followups: closed,
        next_followup: next,
    })
}

/// Contacts newest first, for one customer or all.
pub fn list(conn: &Connection, customer: Option<CustomerId>, limit: Option<usize>) -> Result<Vec<Contact>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM contacts WHERE {} ORDER BY at DESC, id DESC LIMIT ?2",
        by_customer(customer)
    ))?;
    let rows = st.query_map(params![customer.map(|c| c.0), limit.map_or(-1, |l| l as i64)], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Contacts whose summary, outcome, staff, channel or customer name contain `needle` (folded), as SQL.
const MATCHES: &str = "(?3 IS NULL OR instr(lower(coalesce(t.summary, '') || ' ' || coalesce(t.outcome, '') || ' ' || \
    t.staff || ' ' || t.channel || ' ' || c.name), ?3) > 0)";

/// A page of everyone's contacts, newest first, with each customer's name; `needle` narrows them.
pub fn page(conn: &Connection, needle: Option<&str>, offset: usize, limit: usize) -> Result<Vec<(Contact, String)>> {
    let cols: Vec<String> = COLS.split(", ").map(|c| format!("t.{c}")).collect();
    let mut st = conn.prepare_cached(&format!(
        "SELECT {}, c.name FROM contacts t JOIN customers c ON c.id = t.customer_id WHERE {MATCHES} \
         ORDER BY t.at DESC, t.id DESC LIMIT ?1 OFFSET ?2",
        cols.join(", ")
    ))?;
    let needle = needle.map(crate::domain::filter::fold);
    let rows = st.query_map(params![limit as i64, offset as i64, needle], |r| {
        Ok((read(r)?, r.get(9)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many contacts there are (that match `needle`).
pub fn count(conn: &Connection, needle: Option<&str>) -> Result<usize> {
    let needle = needle.map(crate::domain::filter::fold);
    let sql = match needle {
        None => "SELECT count(*) FROM contacts".to_string(),
        Some(_) => format!(
            "SELECT count(*) FROM contacts t JOIN customers c ON c.id = t.customer_id WHERE {}",
            MATCHES.replace("?3", "?1")
        ),
    };
    let n: i64 = match needle {
        None => conn.query_row(&sql, [], |r| r.get(0))?,
        Some(n) => conn.query_row(&sql, [n], |r| r.get(0))?,
    };
    Ok(n as usize)
}
