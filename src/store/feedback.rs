//! Feedback: receive, move through its statuses, list by priority in force.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::{self, Changes, Subject};
use super::{Result, Stamp, StoreError, Tx, stored};
use crate::domain::dates::{format_datetime, whole_seconds};
use crate::domain::feedback::{Change, Feedback, RespondDays, check_level, check_satisfaction};
use crate::domain::reach::{self, Reach};
use crate::domain::{CustomerId, FeedbackId, FeedbackKind, FeedbackStatus, Invalid, Priority, Tier};

const COLS: &str = "f.id, f.customer_id, f.received_at, f.kind, f.channel, f.title, f.body, f.urgency, f.importance, \
    f.status, f.assignee, f.resolution, f.resolved_at, f.satisfaction";

fn read(r: &Row<'_>) -> rusqlite::Result<Feedback> {
    Ok(Feedback {
        id: FeedbackId(r.get(0)?),
        customer_id: CustomerId(r.get(1)?),
        received_at: stored::time(r, "feedback", 2)?,
        kind: r.get::<_, String>(3)?.parse().unwrap_or(FeedbackKind::Inquiry),
        channel: r.get(4)?,
        title: r.get(5)?,
        body: r.get(6)?,
        urgency: r.get::<_, i64>(7)? as u8,
        importance: r.get::<_, i64>(8)? as u8,
        status: r.get::<_, String>(9)?.parse().unwrap_or(FeedbackStatus::New),
        assignee: r.get(10)?,
        resolution: r.get(11)?,
        resolved_at: stored::opt_time(r, "feedback", 12)?,
        satisfaction: r.get::<_, Option<i64>>(13)?.map(|v| v as u8),
    })
}

/// Loads one item.
pub fn get(conn: &Connection, id: FeedbackId) -> Result<Feedback> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM feedback f WHERE f.id = ?1"))?
        .query_row([id.0], read)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "feedback",
            id: id.to_string(),
        })
}

/// A new piece of feedback.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    pub customer_id: CustomerId,
    pub kind: FeedbackKind,
    pub channel: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub urgency: i64,
    pub importance: i64,
    pub received_at: DateTime<Utc>,
}

/// The one INSERT of a feedback item, with the checks every stored item passes: a title, urgency and
/// importance of 1–3, a satisfaction of 1–5 when given, and when it was received (UTC as stored) within
/// [`Reach::Happened`] of today. Both [`add`] and a bulk load come through here. `f.id` is not read: the
/// row gets the next id, which is returned.
pub fn insert(w: &Tx<'_>, f: &Feedback, stamp: Stamp<'_>) -> Result<FeedbackId> {
    let day = super::clock::local_day(f.received_at);
    reach::check("at", day, w.today, Reach::Happened)?;
    if f.title.trim().is_empty() {
        return Err(Invalid::said("title", "invalid.empty", &[]).into());
    }
    check_level("urgency", i64::from(f.urgency))?;
    check_level("importance", i64::from(f.importance))?;
    if let Some(s) = f.satisfaction {
        check_satisfaction(i64::from(s))?;
    }
    w.tx.prepare_cached(
        "INSERT INTO feedback (customer_id, received_at, kind, channel, title, body, urgency, importance, status, \
         assignee, resolution, resolved_at, satisfaction, created_at, created_by, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?14, ?15)",
    )?
    .execute(params![
        f.customer_id.0,
        format_datetime(f.received_at),
        f.kind.as_str(),
        f.channel,
        f.title,
        f.body,
        f.urgency,
        f.importance,
        f.status.as_str(),
        f.assignee,
        f.resolution,
        f.resolved_at.map(format_datetime),
        f.satisfaction,
        format_datetime(stamp.at),
        stamp.by
    ])?;
    Ok(FeedbackId(w.tx.last_insert_rowid()))
}

/// Records feedback as `new`; when it was received must lie within [`Reach::Happened`] of today.
pub fn add(w: &mut Tx<'_>, f: NewFeedback) -> Result<Feedback> {
    super::orders::require_active(&w.tx, f.customer_id)?;
    // Checked here in the order a form reads its fields, and before the scores are narrowed to the
    // record's type (a 300 must not become 44); `insert` checks the record again.
    reach::check("at", super::clock::local_day(f.received_at), w.today, Reach::Happened)?;
    if f.title.trim().is_empty() {
        return Err(Invalid::said("title", "invalid.empty", &[]).into());
    }
    let urgency = check_level("urgency", f.urgency)?;
    let importance = check_level("importance", f.importance)?;
    let mut item = Feedback {
        id: FeedbackId(0),
        customer_id: f.customer_id,
        received_at: whole_seconds(f.received_at),
        kind: f.kind,
        channel: f.channel,
        title: f.title.trim().to_string(),
        body: f.body.map(|b| b.trim().to_string()).filter(|b| !b.is_empty()),
        urgency,
        importance,
        status: FeedbackStatus::New,
        assignee: None,
        resolution: None,
        resolved_at: None,
        satisfaction: None,
    };
    item.id = insert(w, &item, w.stamp())?;
    let mut ch = Changes::default();
    ch.set("customer_id", &None::<i64>, &item.customer_id.0);
    ch.set("kind", &None::<String>, &item.kind);
    ch.set("title", &None::<String>, &item.title);
    ch.set("urgency", &None::<i64>, &item.urgency);
    ch.set("importance", &None::<i64>, &item.importance);
    audit::record(w, Subject::Feedback(item.id), "create", ch)?;
    w.touch(item.customer_id);
    Ok(item)
}

/// Moves an item along its lifecycle, assigns it, or records its resolution or score: the rules are the
/// domain's ([`Feedback::changed`]); the time stamped is this write's day (noon of `today` when writing as
/// of another date, as every record made "now").
pub fn change(w: &mut Tx<'_>, id: FeedbackId, change: &Change) -> Result<Feedback> {
    let old = get(&w.tx, id)?;
    let new = old.changed(change, whole_seconds(super::clock::moment(w.today)))?;
    save(w, old, new)
}

/// A correction to what was received; `None` leaves a field as it is (empty body or channel clears it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackPatch {
    pub kind: Option<FeedbackKind>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub channel: Option<String>,
    pub urgency: Option<i64>,
    pub importance: Option<i64>,
    pub received_at: Option<DateTime<Utc>>,
}

/// Corrects what was received with the checks of a new item; audited as `update`, its customer re-derived
/// (a complaint's kind and priority feed churn risk). The workflow fields move with [`change`].
pub fn edit(w: &mut Tx<'_>, id: FeedbackId, p: FeedbackPatch) -> Result<Feedback> {
    let old = get(&w.tx, id)?;
    super::orders::require_active(&w.tx, old.customer_id)?;
    let mut new = old.clone();
    if let Some(at) = p.received_at {
        reach::check("at", super::clock::local_day(at), w.today, Reach::Happened)?;
        new.received_at = whole_seconds(at);
    }
    if let Some(k) = p.kind {
        new.kind = k;
    }
    if let Some(t) = p.title {
        if t.trim().is_empty() {
            return Err(Invalid::said("title", "invalid.empty", &[]).into());
        }
        new.title = t.trim().to_string();
    }
    let clean = |s: String| Some(s.trim().to_string()).filter(|v| !v.is_empty());
    if let Some(b) = p.body {
        new.body = clean(b);
    }
    if let Some(c) = p.channel {
        new.channel = clean(c);
    }
    if let Some(u) = p.urgency {
        new.urgency = check_level("urgency", u)?;
    }
    if let Some(i) = p.importance {
        new.importance = check_level("importance", i)?;
    }
    let mut ch = Changes::default();
    ch.diff("received_at", &old.received_at, &new.received_at);
    ch.diff("kind", &old.kind, &new.kind);
    ch.diff("title", &old.title, &new.title);
    ch.diff("body", &old.body, &new.body);
    ch.diff("channel", &old.channel, &new.channel);
    ch.diff("urgency", &old.urgency, &new.urgency);
    ch.diff("importance", &old.importance, &new.importance);
    if ch.is_empty() {
        return Ok(old);
    }
    w.tx.prepare_cached(
        "UPDATE feedback SET received_at = ?2, kind = ?3, title = ?4, body = ?5, channel = ?6, urgency = ?7, \
         importance = ?8, updated_at = ?9, updated_by = ?10 WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        format_datetime(new.received_at),
        new.kind.as_str(),
        new.title,
        new.body,
        new.channel,
        new.urgency,
        new.importance,
        w.now,
        w.user
    ])?;
    audit::record(w, Subject::Feedback(id), "update", ch)?;
    w.touch(new.customer_id);
    Ok(new)
}

/// The state another system recorded for an item just created by an import: any status may be set at
/// once (the item's history happened elsewhere, so the workflow's one-step moves do not apply), a resolved
/// or closed one gets its resolved time, and a satisfaction score only goes with `closed`.
#[derive(Debug, Clone, Default)]
pub struct FeedbackUpdate {
    pub status: Option<FeedbackStatus>,
    pub assignee: Option<String>,
    pub resolution: Option<String>,
    pub satisfaction: Option<i64>,
}

/// Sets the state recorded elsewhere ([`FeedbackUpdate`]); the interface and the command line move an
/// item with [`change`] instead.
pub fn update(w: &mut Tx<'_>, id: FeedbackId, u: FeedbackUpdate) -> Result<Feedback> {
    let old = get(&w.tx, id)?;
    let mut new = old.clone();
    if let Some(to) = u.status {
        new.status = to;
        match to {
            FeedbackStatus::Resolved | FeedbackStatus::Closed if old.resolved_at.is_none() => {
                new.resolved_at = Some(whole_seconds(super::clock::moment(w.today)));
            }
            FeedbackStatus::New | FeedbackStatus::Investigating | FeedbackStatus::Reopened => new.resolved_at = None,
            _ => {}
        }
    }
    if let Some(a) = u.assignee {
        new.assignee = Some(a.trim().to_string()).filter(|v| !v.is_empty());
    }
    if let Some(r) = u.resolution {
        new.resolution = Some(r.trim().to_string()).filter(|v| !v.is_empty());
    }
    if let Some(s) = u.satisfaction {
        let s = check_satisfaction(s)?;
        if new.status != FeedbackStatus::Closed {
            return Err(Invalid::said(
                "satisfaction",
                "invalid.satisfaction_when_closing",
                &[("status", new.status.as_str())],
            )
            .into());
        }
        new.satisfaction = Some(s);
    }
    save(w, old, new)
}

/// Writes the workflow fields of `new` over `old` with their audit; nothing when nothing changed.
fn save(w: &mut Tx<'_>, old: Feedback, new: Feedback) -> Result<Feedback> {
    let id = old.id;
    let mut ch = Changes::default();
    ch.diff("status", &old.status, &new.status);
    ch.diff("assignee", &old.assignee, &new.assignee);
    ch.diff("resolution", &old.resolution, &new.resolution);
    ch.diff(
        "resolved_at",
        &old.resolved_at.map(format_datetime),
        &new.resolved_at.map(format_datetime),
    );
    ch.diff("satisfaction", &old.satisfaction, &new.satisfaction);
    if ch.is_empty() {
        return Ok(old);
    }
    w.tx.prepare_cached(
        "UPDATE feedback SET status = ?2, assignee = ?3, resolution = ?4, resolved_at = ?5, satisfaction = ?6, \
         updated_at = ?7, updated_by = ?8 WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        new.status.as_str(),
        new.assignee,
        new.resolution,
        new.resolved_at.map(format_datetime),
        new.satisfaction,
        w.now,
        w.user
    ])?;
    audit::record(w, Subject::Feedback(id), "update", ch)?;
    w.touch(old.customer_id);
    get(&w.tx, id)
}

/// A feedback item with its customer's name and the priority in force (as JSON: `shapes::FeedbackJson`).
#[derive(Debug, Clone)]
pub struct Listed {
    pub feedback: Feedback,
    pub customer_name: String,
    pub priority: Priority,
    /// The day a response is due by the priority in force (`[feedback] respond_days`).
    pub respond_by: Option<NaiveDate>,
    /// Days past the response target while open.
    pub overdue_days: Option<i64>,
}

impl Listed {
    fn of(
        feedback: Feedback,
        customer_name: String,
        tier: Option<Tier>,
        today: NaiveDate,
        targets: &RespondDays,
    ) -> Listed {
        Listed {
            priority: feedback.priority(tier),
            respond_by: feedback.respond_by(tier, targets, &chrono::Local),
            overdue_days: feedback.overdue_days(tier, today, targets, &chrono::Local),
            feedback,
            customer_name,
        }
    }

    /// Worst first: open before done; the most days overdue, then the priority in force, then the oldest.
    fn rank(&self) -> (bool, i64, Priority, chrono::DateTime<chrono::Utc>, i64) {
        (
            !self.feedback.status.is_open(),
            -self.overdue_days.unwrap_or(0),
            self.priority,
            self.feedback.received_at,
            self.feedback.id.0,
        )
    }
}

/// One item as [`list`] shows it (what `add` and `update` print).
pub fn listed(conn: &Connection, id: FeedbackId, today: NaiveDate, targets: &RespondDays) -> Result<Listed> {
    let (feedback, name, tier) = conn
        .prepare_cached(&format!(
            "SELECT {COLS}, c.name, d.tier FROM feedback f JOIN customers c ON c.id = f.customer_id \
             LEFT JOIN derived d ON d.customer_id = f.customer_id WHERE f.id = ?1"
        ))?
        .query_row([id.0], |r| {
            Ok((read(r)?, r.get::<_, String>(14)?, r.get::<_, Option<String>>(15)?))
        })
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "feedback",
            id: id.to_string(),
        })?;
    Ok(Listed::of(
        feedback,
        name,
        tier.and_then(|t| t.parse().ok()),
        today,
        targets,
    ))
}

/// Feedback worst first ([`Listed::rank`]: overdue days by the targets given, then the priority in force,
/// tier A raising it); `open_only` hides resolved and closed. Every matching row is read: how late an item
/// is depends on the local day it was received, which the sort needs before the limit cuts.
pub fn list_by(
    conn: &Connection,
    customer: Option<CustomerId>,
    open_only: bool,
    limit: Option<usize>,
    today: NaiveDate,
    targets: &RespondDays,
) -> Result<Vec<Listed>> {
    let cond = if customer.is_some() {
        "f.customer_id = ?1"
    } else {
        "?1 IS NULL"
    };
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS}, c.name, d.tier \
         FROM feedback f JOIN customers c ON c.id = f.customer_id LEFT JOIN derived d ON d.customer_id = f.customer_id \
         WHERE {cond} AND (?2 = 0 OR f.status IN ('new', 'investigating', 'reopened'))"
    ))?;
    let rows = st.query_map(params![customer.map(|c| c.0), open_only as i64], |r| {
        let feedback = read(r)?;
        let name: String = r.get(14)?;
        let tier: Option<Tier> = r.get::<_, Option<String>>(15)?.and_then(|t| t.parse().ok());
        Ok((feedback, name, tier))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (feedback, customer_name, tier) = row?;
        out.push(Listed::of(feedback, customer_name, tier, today, targets));
    }
    out.sort_by_key(|a| a.rank());
    if let Some(l) = limit {
        out.truncate(l);
    }
    Ok(out)
}

/// [`list_by`] under SPEC 3.7's default response targets, for the timeline, which shows only the priority.
pub fn list(
    conn: &Connection,
    customer: Option<CustomerId>,
    open_only: bool,
    limit: Option<usize>,
    today: NaiveDate,
) -> Result<Vec<Listed>> {
    list_by(conn, customer, open_only, limit, today, &RespondDays::default())
}

/// How many items [`list`] would show without a limit.
pub fn count(conn: &Connection, customer: Option<CustomerId>, open_only: bool) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM feedback f WHERE (?1 IS NULL OR f.customer_id = ?1) \
             AND (?2 = 0 OR f.status IN ('new', 'investigating', 'reopened'))",
        )?
        .query_row(params![customer.map(|c| c.0), open_only as i64], |r| r.get(0))?;
    Ok(n as usize)
}
