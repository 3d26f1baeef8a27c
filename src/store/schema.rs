//! The schema as an ordered list of migrations, applied under `BEGIN IMMEDIATE` so two processes cannot race.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Identifies a tiercrm file (`PRAGMA application_id`): "TCRM".
pub const APPLICATION_ID: i32 = 0x5443_524D;

/// Each entry moves the schema from version `index` to `index + 1`. Never edit a released entry; append.
pub const MIGRATIONS: &[&str] = &[
    // 1: every entity of the spec, the derived classification, its history and the audit log.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE source_channels (
        code       TEXT PRIMARY KEY,
        label      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    ) STRICT;

    CREATE TABLE customers (
        id          INTEGER PRIMARY KEY,
        external_id TEXT UNIQUE,
        name        TEXT NOT NULL CHECK (name <> ''),
        kind        TEXT NOT NULL DEFAULT 'individual'
                    CHECK (kind IN ('individual', 'company', 'government', 'nonprofit')),
        company     TEXT,
        industry    TEXT,
        region      TEXT,
        address     TEXT,
        phone       TEXT,
        phone_key   TEXT,
        email       TEXT COLLATE NOCASE,
        social      TEXT,
        source      TEXT REFERENCES source_channels(code),
        owner       TEXT,
        needs       TEXT,
        notes       TEXT,
        stage_pin   TEXT CHECK (stage_pin IN ('potential', 'intent', 'active', 'loyal', 'at_risk', 'churned')),
        archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        search      TEXT NOT NULL DEFAULT '',
        version     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX customers_email ON customers(email);
    CREATE INDEX customers_phone_key ON customers(phone_key);
    CREATE INDEX customers_owner ON customers(owner);

    CREATE TABLE customer_tags (
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        tag         TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (customer_id, tag)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX customer_tags_tag ON customer_tags(tag, customer_id);

    CREATE TABLE orders (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        date        TEXT NOT NULL,
        amount      INTEGER NOT NULL CHECK (amount >= 0),
        cost        INTEGER CHECK (cost >= 0),
        product     TEXT,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX orders_customer ON orders(customer_id, date, amount, cost);
    CREATE INDEX orders_date ON orders(date);

    CREATE TABLE contacts (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        at          TEXT NOT NULL,
        channel     TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'visit', 'meeting', 'sms', 'wechat', 'social', 'other')),
        direction   TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
        summary     TEXT,
        outcome     TEXT,
        staff       TEXT NOT NULL,
        next_date   TEXT,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX contacts_customer ON contacts(customer_id, at);
    CREATE INDEX contacts_at ON contacts(at);

    CREATE TABLE feedback (
        id           INTEGER PRIMARY KEY,
        customer_id  INTEGER NOT NULL REFERENCES customers(id),
        received_at  TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('complaint', 'suggestion', 'praise', 'inquiry', 'need')),
        channel      TEXT,
        title        TEXT NOT NULL,
        body         TEXT,
        urgency      INTEGER NOT NULL CHECK (urgency BETWEEN 1 AND 3),
        importance   INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 3),
        status       TEXT NOT NULL CHECK (status IN ('new', 'investigating', 'resolved', 'closed', 'reopened')),
        assignee     TEXT,
        resolution   TEXT,
        resolved_at  TEXT,
        satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
        created_at   TEXT NOT NULL,
        created_by   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        updated_by   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX feedback_customer ON feedback(customer_id, status);
    CREATE INDEX feedback_status ON feedback(status, received_at);

    CREATE TABLE followups (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        due         TEXT NOT NULL,
        note        TEXT,
        state       TEXT NOT NULL CHECK (state IN ('open', 'done', 'snoozed')),
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX followups_customer ON followups(customer_id, state, due);
    CREATE INDEX followups_state ON followups(state, due);

    -- Derived per customer: the inputs the rules read (so reasons can be rebuilt) and the classes.
    CREATE TABLE derived (
        customer_id        INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        archived           INTEGER NOT NULL,
        created_on         TEXT NOT NULL,
        stage_pin          TEXT,
        orders_total       INTEGER NOT NULL,
        orders_window      INTEGER NOT NULL,
        first_order        TEXT,
        last_order         TEXT,
        basis_window       INTEGER NOT NULL,
        revenue_window     INTEGER NOT NULL,
        basis_all          INTEGER NOT NULL,
        median_gap         INTEGER,
        spend_first_half   INTEGER NOT NULL,
        spend_second_half  INTEGER NOT NULL,
        contacts_total     INTEGER NOT NULL,
        last_contact       TEXT,
        open_p1            INTEGER NOT NULL,
        open_p2            INTEGER NOT NULL,
        open_p3            INTEGER NOT NULL,
        open_p4            INTEGER NOT NULL,
        last_satisfaction  INTEGER,
        followup_due       TEXT,
        tier               TEXT,
        behavior           TEXT NOT NULL,
        stage              TEXT NOT NULL,
        rfm                TEXT,
        segment            TEXT,
        clv_hist           INTEGER NOT NULL,
        clv_proj           INTEGER NOT NULL,
        churn_risk         INTEGER NOT NULL,
        churn_flag         INTEGER NOT NULL,
        cadence_days       INTEGER,
        next_due           TEXT,
        -- What the re-rank after every write reads for everyone, packed into one integer and served in
        -- ranking order by derived_rank: last order day, orders in window, archived, tier, RFM.
        rank_key           INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX derived_rank ON derived(basis_window DESC, customer_id, rank_key);
    -- The follow-up queue: everything it sorts by, without touching the customers table.
    CREATE INDEX derived_due ON derived(next_due, archived, tier, churn_risk, stage);
    CREATE INDEX derived_tier ON derived(tier);

    CREATE TABLE tier_history (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        at          TEXT NOT NULL,
        field       TEXT NOT NULL,
        old         TEXT,
        new         TEXT,
        reason      TEXT NOT NULL,
        trigger     TEXT NOT NULL,
        staff       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX tier_history_customer ON tier_history(customer_id, at);

    CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        staff     TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        action    TEXT NOT NULL,
        changes   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_entity ON audit_log(entity, entity_id);

    INSERT INTO source_channels (code, label, created_at, created_by) VALUES
        ('online_ads', 'Online ads', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('search', 'Search', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('social', 'Social media', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('email_campaign', 'Email campaign', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('referral', 'Referral', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('partner', 'Partner', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('trade_show', 'Trade show', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('cold_call', 'Cold call', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('walk_in', 'Walk-in', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm'),
        ('other', 'Other', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'tiercrm');
    "#,
    // 2: what caused each class change as a value (domain/trigger.rs: `{"customer":3,"op":"order_added"}`),
    // so that each language words it; `trigger` keeps the English words. Older rows have none and are read
    // from their words.
    r#"
    ALTER TABLE tier_history ADD COLUMN cause TEXT;
    "#,
    // 3: corrections. An order entered by mistake is voided (kept, with who and when, never deleted: the
    // audit and history point at it); a refund or return is its own record linked to its order, never a
    // negative order. Classification reads live orders net of the returns made by its day (`orders::NET`). The
    // partial index keeps that read covering, as `orders_customer` was for the plain table.
    r#"
    ALTER TABLE orders ADD COLUMN voided_at TEXT;
    ALTER TABLE orders ADD COLUMN voided_by TEXT;
    CREATE INDEX orders_live ON orders(customer_id, date, amount, cost) WHERE voided_at IS NULL;

    CREATE TABLE returns (
        id          INTEGER PRIMARY KEY,
        order_id    INTEGER NOT NULL REFERENCES orders(id),
        date        TEXT NOT NULL,
        amount      INTEGER NOT NULL CHECK (amount > 0),
        reason      TEXT,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX returns_order ON returns(order_id, date, amount);
    "#,
    // 4: a customer's snooze and last review (issue 9's review mode). A snooze holds the next due date back
    // until its day (the cadence's and any open follow-up's); a review ("done, no contact needed") restarts
    // the cadence from its day as a contact would, without being one. Both are inputs of the derivation,
    // so `derived` keeps them beside the others (a stored row is compared with a fresh one as a whole).
    r#"
    ALTER TABLE customers ADD COLUMN snoozed_until TEXT;
    ALTER TABLE customers ADD COLUMN reviewed_on TEXT;
    ALTER TABLE derived ADD COLUMN snoozed_until TEXT;
    ALTER TABLE derived ADD COLUMN reviewed_on TEXT;
    "#,
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The schema version, application id and number of schema objects, read in one statement so that all three
/// come from one snapshot (another process may be creating the file at this moment).
fn versions(conn: &Connection) -> rusqlite::Result<(i64, i32, i64)> {
    conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id), \
         (SELECT count(*) FROM sqlite_schema)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Refuses files that are not ours or are newer than this build.
fn check(path: &str, version: i64, app: i32, objects: i64) -> Result<(), StoreError> {
    // A file with another id, or with tables or a version of its own but no id, is another program's.
    if app != APPLICATION_ID && (app != 0 || objects > 0 || version > 0) {
        return Err(StoreError::Foreign { path: path.to_string() });
    }
    if version > latest() {
        return Err(StoreError::Newer {
            path: path.to_string(),
            found: version,
            known: latest(),
        });
    }
    Ok(())
}

/// Refuses another program's file, or a newer tiercrm's, reading only: called before anything is written.
pub fn check_file(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let (version, app, objects) = versions(conn)?;
    check(path, version, app, objects)
}

/// A file opened read-only cannot be migrated: it must already have this build's schema.
pub fn require_latest(conn: &Connection, path: &str, why: &str) -> Result<(), StoreError> {
    let (version, _, _) = versions(conn)?;
    if version < latest() {
        let what = if version == 0 {
            "has no tables yet"
        } else {
            "needs an upgrade of its schema"
        };
        return Err(StoreError::ReadOnly(format!(
            "{why}; {path} {what}, which needs write access"
        )));
    }
    Ok(())
}

/// Brings the schema up to date. The version is read again after taking the write lock, so a second
/// process that migrated meanwhile is noticed and nothing is applied twice.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let (version, app, objects) = versions(conn)?;
    check(path, version, app, objects)?;
    if version == latest() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (version, app, objects) = versions(&tx)?;
    check(path, version, app, objects)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    if version == 0 {
        // A new file's identity, written once as it is made and never changed: the calendar export's UIDs
        // carry it, so that two files' customer 7 differ and one file's keep their UIDs. (A file made
        // before this has none, and keeps the one `interop::ics::file_identity` finds instead.)
        tx.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('file_id', lower(hex(randomblob(16))))",
            [],
        )?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_from_empty_and_are_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        let (v, app, _) = versions(&conn).unwrap();
        assert_eq!((v, app), (latest(), APPLICATION_ID));
        let channels: i64 = conn
            .query_row("SELECT count(*) FROM source_channels", [], |r| r.get(0))
            .unwrap();
        assert_eq!(channels, 10);
    }

    #[test]
    fn newer_and_foreign_files_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, "x.db").unwrap();
        conn.pragma_update(None, "user_version", latest() + 1).unwrap();
        let e = migrate(&mut conn, "x.db").unwrap_err();
        assert!(
            matches!(e, StoreError::Newer { found, .. } if found == latest() + 1),
            "{e}"
        );

        let mut other = Connection::open_in_memory().unwrap();
        other.execute_batch("CREATE TABLE notes (x TEXT)").unwrap();
        assert!(matches!(
            migrate(&mut other, "notes.db").unwrap_err(),
            StoreError::Foreign { .. }
        ));
    }
}
