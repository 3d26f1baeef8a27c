//! A look at another date without writing: the classes derived into a temporary copy of `derived` that only
//! this connection sees, shadowing the stored one, and dropped before any real write.
//!
//! SQLite resolves an unqualified table name in the `temp` schema first, so every read of `derived` on this
//! connection sees the copy. Writing to `temp` takes no lock on the database file: other processes keep
//! writing while someone looks at last year's queue, and nothing of theirs is shadowed but the classes.

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, Tx, derive};

/// Whether the shadow copy is in place on `conn`.
pub fn is_active(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'table' AND name = 'derived'",
        [],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// Copies the stored classes into the shadow and re-derives everyone there as of `w.today`, recording no
/// history and moving no stored date.
pub fn derive(
    conn: &mut Connection,
    user: &str,
    today: chrono::NaiveDate,
    params: &crate::domain::classify::Params,
    currency: &str,
) -> Result<derive::Summary> {
    drop_shadow(conn)?;
    // The copy is for this run only: keep it in memory rather than in a temporary file.
    conn.execute_batch("PRAGMA temp_store = MEMORY")?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
    let table: String = tx.query_row(
        "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = 'derived'",
        [],
        |r| r.get(0),
    )?;
    // The copy keeps the columns, the key and the indexes the reads use; a reference from `temp` into `main`
    // is not allowed, and the shadow needs none.
    let table = table
        .replacen("CREATE TABLE derived", "CREATE TEMP TABLE derived", 1)
        .replace(" REFERENCES customers(id) ON DELETE CASCADE", "");
    tx.execute_batch(&table)?;
    let indexes: Vec<String> = {
        let mut st = tx.prepare(
            "SELECT sql FROM main.sqlite_schema WHERE type = 'index' AND tbl_name = 'derived' AND sql IS NOT NULL",
        )?;
        st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    for sql in indexes {
        tx.execute_batch(&sql.replacen("CREATE INDEX ", "CREATE INDEX temp.", 1))?;
    }
    tx.execute_batch("INSERT INTO temp.derived SELECT * FROM main.derived")?;
    let w = Tx {
        tx,
        user,
        now: crate::domain::dates::format_datetime(chrono::Utc::now()),
        today,
        params,
        currency,
        affected: Default::default(),
        record: false,
    };
    let summary = derive::derive_everything(&w, &crate::domain::trigger::Trigger::Preview)?;
    w.tx.commit()?;
    Ok(summary)
}

/// Removes the shadow, so that reads and writes see the stored classes again.
pub fn drop_shadow(conn: &Connection) -> Result<()> {
    conn.execute_batch("DROP TABLE IF EXISTS temp.derived")?;
    Ok(())
}
