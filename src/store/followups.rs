//! Explicit follow-ups: add, mark done, snooze, list.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::{self, Changes, Subject};
use super::{Result, StoreError, Tx, stored};
use crate::domain::dates::format_datetime;
use crate::domain::followup::Followup;
use crate::domain::reach::{self, Reach};
use crate::domain::{ContactId, CustomerId, FollowupId, FollowupState, Invalid};

const COLS: &str = "id, customer_id, due, note, state, created_at, created_by";

fn read(r: &Row<'_>) -> rusqlite::Result<Followup> {
    Ok(Followup {
        id: FollowupId(r.get(0)?),
        customer_id: CustomerId(r.get(1)?),
        due: stored::date(r, "followups", 2)?,
        note: r.get(3)?,
        state: r.get::<_, String>(4)?.parse().unwrap_or(FollowupState::Open),
        created_at: stored::time(r, "followups", 5)?,
        created_by: r.get(6)?,
    })
}

/// Loads one follow-up.
pub fn get(conn: &Connection, id: FollowupId) -> Result<Followup> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM followups WHERE id = ?1"))?
        .query_row([id.0], read)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "follow-up",
            id: id.to_string(),
        })
}

/// The one INSERT of a follow-up, with the check every stored follow-up passes: its due date within
/// [`Reach::Planned`] of today. Adding one, a contact's next date and a bulk load all come through here.
/// `f.id` is not read: the row gets the next id, which is returned; `f.created_*` stamps the row.
pub fn insert(w: &Tx<'_>, f: &Followup) -> Result<FollowupId> {
    reach::check("due", f.due, w.today, Reach::Planned)?;
    w.tx.prepare_cached(
        "INSERT INTO followups (customer_id, due, note, state, created_at, created_by, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)",
    )?
    .execute(params![
        f.customer_id.0,
        f.due.to_string(),
        f.note,
        f.state.as_str(),
        format_datetime(f.created_at),
        f.created_by
    ])?;
    Ok(FollowupId(w.tx.last_insert_rowid()))
}

/// Opens a follow-up for a customer on a date (at most [`Reach::Planned`] ahead).
pub fn add(w: &mut Tx<'_>, customer: CustomerId, due: NaiveDate, note: Option<String>) -> Result<Followup> {
    open(w, customer, due, note)
}

/// The note of the follow-up a contact's next date opens; with the contact's `created_at` it is how
/// [`replace_from_contacts`] knows that follow-up again (no column links them).
pub(crate) fn note_for_contact(contact: ContactId) -> String {
    format!("{NOTE_BEFORE}{contact}{NOTE_AFTER}")
}

/// The contact whose next date opened a follow-up with this note (one [`note_for_contact`] wrote), so that
/// a front end can word the note in its own language.
pub fn contact_of_note(note: &str) -> Option<ContactId> {
    let id = note.strip_prefix(NOTE_BEFORE)?.strip_suffix(NOTE_AFTER)?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok().map(ContactId)
}

/// The words around the contact's id in [`note_for_contact`].
const NOTE_BEFORE: &str = "set when contact #";
const NOTE_AFTER: &str = " was logged";

/// Opens a follow-up for a customer in use, audited (a contact opens one for its next date).
pub(crate) fn open(w: &mut Tx<'_>, customer: CustomerId, due: NaiveDate, note: Option<String>) -> Result<Followup> {
    super::orders::require_active(&w.tx, customer)?;
    let mut f = Followup {
        id: FollowupId(0),
        customer_id: customer,
        due,
        note: note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        state: FollowupState::Open,
        created_at: w.at(),
        created_by: w.user.to_string(),
    };
    f.id = insert(w, &f)?;
    let mut ch = Changes::default();
    ch.set("customer_id", &None::<i64>, &customer.0);
    ch.set("due", &None::<String>, &due.to_string());
    ch.set("note", &None::<String>, &f.note);
    audit::record(w, Subject::Followup(f.id), "create", ch)?;
    w.touch(customer);
    Ok(f)
}

fn change(
    w: &mut Tx<'_>,
    id: FollowupId,
    state: FollowupState,
    due: Option<NaiveDate>,
    action: &str,
) -> Result<Followup> {
    let old = get(&w.tx, id)?;
    if !old.state.is_pending() {
        return Err(Invalid::new("follow-up", format!("{id} is already {}", old.state)).into());
    }
    let new_due = due.unwrap_or(old.due);
    w.tx.prepare_cached("UPDATE followups SET state = ?2, due = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1")?
        .execute(params![id.0, state.as_str(), new_due.to_string(), w.now, w.user])?;
    let mut ch = Changes::default();
    ch.diff("state", &old.state, &state);
    ch.diff("due", &old.due.to_string(), &new_due.to_string());
    audit::record(w, Subject::Followup(id), action, ch)?;
    w.touch(old.customer_id);
    get(&w.tx, id)
}

/// Marks a follow-up done.
pub fn done(w: &mut Tx<'_>, id: FollowupId) -> Result<Followup> {
    change(w, id, FollowupState::Done, None, "done")
}

/// Moves a follow-up to a later date.
pub fn snooze(w: &mut Tx<'_>, id: FollowupId, until: NaiveDate) -> Result<Followup> {
    if until <= w.today {
        return Err(Invalid::new("until", format!("{until} is not after today ({})", w.today)).into());
    }
    reach::check("until", until, w.today, Reach::Planned)?;
    change(w, id, FollowupState::Snoozed, Some(until), "snooze")
}

/// Closes a customer's pending follow-ups due on or before `date` (a contact satisfies them).
pub fn close_satisfied(w: &mut Tx<'_>, customer: CustomerId, date: NaiveDate) -> Result<Vec<FollowupId>> {
    let ids: Vec<FollowupId> = w
        .tx
        .prepare_cached(
            "SELECT id FROM followups WHERE customer_id = ?1 AND state IN ('open', 'snoozed') AND due <= ?2 ORDER BY id",
        )?
        .query_map(params![customer.0, date.to_string()], |r| r.get(0).map(FollowupId))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        change(w, *id, FollowupState::Done, None, "done")?;
    }
    Ok(ids)
}

/// Replaces the customer's pending follow-ups that an earlier contact's next date opened (the cadence
/// follow-up, "call again on …") with a new one: they are closed as `replaced`, so that a customer has one
/// next date from the contact log, not one per contact. Follow-ups added on their own are promises about
/// something particular and stay. Returns the ids closed.
pub fn replace_from_contacts(w: &mut Tx<'_>, customer: CustomerId) -> Result<Vec<FollowupId>> {
    let ids: Vec<FollowupId> =
        w.tx.prepare_cached(
            "SELECT f.id FROM followups f WHERE f.customer_id = ?1 AND f.state IN ('open', 'snoozed') \
             AND EXISTS (SELECT 1 FROM contacts c WHERE c.customer_id = f.customer_id AND c.next_date IS NOT NULL \
                         AND c.created_at = f.created_at \
                         AND f.note = ?2 || c.id || ?3) \
             ORDER BY f.id",
        )?
        .query_map(params![customer.0, NOTE_BEFORE, NOTE_AFTER], |r| {
            r.get(0).map(FollowupId)
        })?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        change(w, *id, FollowupState::Done, None, "replace")?;
    }
    Ok(ids)
}

/// A follow-up in a list, with whom it is for.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Listed {
    #[serde(flatten)]
    pub followup: Followup,
    pub customer_name: String,
    /// The customer is archived: the follow-up waits on nobody (and `due` leaves it out).
    pub customer_archived: bool,
}

/// Which follow-ups a list shows: pending ones of customers still in use (as the `due` queue does), or
/// with `all` every follow-up, done ones and archived customers' included.
const LISTED: &str = "FROM followups f JOIN customers c ON c.id = f.customer_id \
    WHERE (?1 IS NULL OR f.customer_id = ?1) AND (?2 = 1 OR (f.state IN ('open', 'snoozed') AND c.archived = 0))";

/// Follow-ups ordered by due date (see [`LISTED`] for which).
pub fn list(conn: &Connection, customer: Option<CustomerId>, all: bool, limit: Option<usize>) -> Result<Vec<Listed>> {
    let cols: Vec<String> = COLS.split(", ").map(|c| format!("f.{c}")).collect();
    let mut st = conn.prepare_cached(&format!(
        "SELECT {}, c.name, c.archived {LISTED} ORDER BY f.due, f.id LIMIT ?3",
        cols.join(", ")
    ))?;
    let rows = st.query_map(
        params![customer.map(|c| c.0), all as i64, limit.map_or(-1, |l| l as i64)],
        |r| {
            Ok(Listed {
                followup: read(r)?,
                customer_name: r.get(7)?,
                customer_archived: r.get::<_, i64>(8)? != 0,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many follow-ups [`list`] would show without a limit.
pub fn count(conn: &Connection, customer: Option<CustomerId>, all: bool) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) {LISTED}"))?
        .query_row(params![customer.map(|c| c.0), all as i64], |r| r.get(0))?;
    Ok(n as usize)
}
