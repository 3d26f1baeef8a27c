//! SQLite storage: opening (pragmas, migrations, file mode), one-transaction writes that re-classify, and reads.

pub mod audit;
pub mod bulk;
pub mod clock;
pub mod contacts;
pub mod customers;
pub mod derive;
pub mod error;
pub mod explained;
pub mod feedback;
pub mod filter_sql;
pub mod followups;
mod gather;
mod history;
pub mod hold;
mod meta;
pub mod monthly;
pub mod open;
pub mod orders;
pub mod preview;
pub mod queue;
pub mod rank_key;
pub mod schema;
pub mod settings;
pub mod stats;
pub mod stored;
pub mod timeline;
pub mod writable;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OpenFlags, TransactionBehavior};

/// A connection to the database; named here so that interfaces can hold one (the loader's) and pass it
/// to the store's functions without writing SQL or depending on rusqlite.
pub use rusqlite::Connection;

use crate::domain::classify::Params;
use crate::domain::dates;
use crate::domain::trigger::Trigger;
pub use open::open_reader;
use open::{classify_open_error, create_file, open_read_only, set_wal};

pub use error::StoreError;
pub use meta::{meta_get, meta_set};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How a store is opened.
#[derive(Debug, Clone)]
pub struct Options {
    pub path: PathBuf,
    pub user: String,
    pub today: NaiveDate,
    /// The opener's classification parameters and currency (from their config): adopted as the file's
    /// rules when it has none yet; otherwise the file's rules are in force ([`settings`]).
    pub params: Params,
    pub currency: String,
    /// Group-writable file (0660) instead of 0600.
    pub shared: bool,
    /// How long a write waits for another process's write to finish.
    pub busy_timeout: Duration,
    /// What the opener may do to the file.
    pub access: Access,
}

#[cfg(test)]
impl Options {
    /// A scratch file for tests as of `today`, given as `--today` gives it, with the default rules.
    pub(crate) fn scratch(path: PathBuf, today: NaiveDate) -> Options {
        Options {
            path,
            user: "tester".into(),
            today,
            params: Params::default(),
            currency: "CNY".into(),
            shared: false,
            busy_timeout: Duration::from_secs(5),
            access: Access {
                today_given: true,
                ..Access::default()
            },
        }
    }
}

/// What opening may do. The default — create a missing file, write when it can, and store a newer day's
/// classes — is what a writing command and the interface want.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Access {
    /// The file must exist already: a missing or empty one is [`StoreError::Missing`], not created (a read
    /// command, or a write that needs records a new file cannot have).
    pub must_exist: bool,
    /// A read command: opening stores nothing but a new real day's classes (SPEC 3.8) — a file without rules
    /// is read with the opener's in memory, not given them.
    pub reading: bool,
    /// Open for reading only, even when the file could be written.
    pub read_only: bool,
    /// `today` was given by the user (`--today`), not read from the clock: on opening, a date other than
    /// the stored one is only looked at (derived in a shadow copy), never stored. A write stores it.
    pub today_given: bool,
}

/// An open database with the acting user, the date and the parameters in force.
pub struct Store {
    pub(crate) conn: Connection,
    pub user: String,
    pub today: NaiveDate,
    /// The file's rules in force (read again under the lock of every write).
    pub params: Params,
    pub currency: String,
    /// The file had no rules, and this opening adopted the opener's.
    pub rules_adopted: bool,
    pub path: PathBuf,
    pub busy_timeout: Duration,
    /// Why writes are refused, when the file is open read-only.
    pub read_only: Option<String>,
    /// The classes on this connection are a look at `today` that is not stored (see [`preview`]).
    pub previewing: bool,
    /// `today` was given by the user rather than read from the clock (see [`Access::today_given`]).
    pub today_given: bool,
    /// Days to respond to feedback by priority: a personal setting (the config's `[feedback]`), set by the
    /// caller after opening; SPEC 3.7's defaults until then.
    pub respond: crate::domain::feedback::RespondDays,
}

/// A write in progress: one `BEGIN IMMEDIATE` transaction that also collects which customers to re-derive.
pub struct Tx<'a> {
    pub(crate) tx: rusqlite::Transaction<'a>,
    pub user: &'a str,
    pub now: String,
    pub today: NaiveDate,
    pub params: &'a Params,
    pub currency: &'a str,
    pub(crate) affected: BTreeSet<i64>,
    /// Record history and the stored date (false in a [`preview`], which stores nothing).
    pub(crate) record: bool,
}

impl Tx<'_> {
    /// Marks a customer for re-derivation when the write commits.
    pub fn touch(&mut self, customer: crate::domain::CustomerId) {
        self.affected.insert(customer.0);
    }

    /// This write's time as a typed value; `now` is its stored text, as history and audit rows bind it.
    pub fn at(&self) -> DateTime<Utc> {
        dates::parse_stored_time(&self.now).unwrap_or_else(|| dates::whole_seconds(Utc::now()))
    }

    /// This write's user and time, for the rows it creates.
    pub fn stamp(&self) -> Stamp<'_> {
        Stamp {
            at: self.at(),
            by: self.user,
        }
    }
}

/// Who wrote a new row and when: its `created_*` (and first `updated_*`) columns. A write stamps its rows
/// with its own user and time; a bulk load with the times and people its records carry.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    pub at: DateTime<Utc>,
    pub by: &'a str,
}

impl Store {
    /// Opens (creating if needed) the database: mode 0600/0660, WAL, foreign keys, busy timeout, migrations,
    /// and a full re-derive when the date or the parameters changed since the last one.
    pub fn open(opts: Options) -> Result<Store> {
        Self::open_noting(opts, |_| {})
    }

    /// [`Store::open`], calling `note` with the number of customers before re-deriving them all (a new
    /// day, changed parameters), which takes a moment on a large file, so a person can be told why.
    ///
    /// Nothing is written before the file is known to be tiercrm's (or new). A file the user may not write
    /// opens read-only. The stored classes are brought to `today` only when that may be stored: a new file,
    /// or a later real day (SPEC 3.8); any other date is derived in a shadow copy ([`preview`]).
    pub fn open_noting(opts: Options, note: impl FnOnce(i64)) -> Result<Store> {
        let path_text = opts.path.display().to_string();
        let access = opts.access;
        let empty = std::fs::metadata(&opts.path).map_or(true, |m| m.len() == 0);
        if empty && (access.must_exist || access.read_only) {
            return Err(StoreError::Missing { path: path_text });
        }
        let read_only = if access.read_only {
            Some("--read-only".to_string())
        } else {
            writable::why_not(&opts.path)
        };
        let mut conn = match &read_only {
            Some(_) => open_read_only(&opts.path)?,
            None => {
                create_file(&opts.path, opts.shared)?;
                let flags =
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                Connection::open_with_flags(&opts.path, flags).map_err(|e| classify_open_error(&opts.path, e))?
            }
        };
        conn.busy_timeout(opts.busy_timeout)?;
        // Reading the header is the first thing that fails on a file that is not SQLite; the schema check
        // refuses another program's file before any pragma that writes (WAL changes bytes 18–19).
        schema::check_file(&conn, &path_text).map_err(|e| match e {
            StoreError::Sql(e) => classify_open_error(&opts.path, e),
            e => e,
        })?;
        if read_only.is_none() {
            set_wal(&conn).map_err(|e| classify_open_error(&opts.path, e))?;
        }
        // A page cache and memory map large enough for the rank index of 100,000 customers, so the re-rank
        // after each write reads memory, not the file.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;",
        )?;
        match &read_only {
            None => schema::migrate(&mut conn, &path_text)?,
            Some(why) => schema::require_latest(&conn, &path_text, why)?,
        }
        let opener = settings::Rules {
            params: opts.params,
            currency: opts.currency,
        };
        let (rules, rules_adopted) = match settings::load(&conn)? {
            Some(rules) => (rules, false),
            None if read_only.is_none() && !access.reading => {
                settings::adopt_rules(&mut conn, &opts.user, opts.today, opener)?
            }
            None => (opener, false),
        };
        let mut store = Store {
            conn,
            user: opts.user,
            today: opts.today,
            params: rules.params,
            currency: rules.currency,
            rules_adopted,
            path: opts.path,
            busy_timeout: opts.busy_timeout,
            read_only,
            previewing: false,
            today_given: access.today_given,
            respond: Default::default(),
        };
        if !access.today_given {
            // A colleague east of here has started tomorrow: look at the file as of its day, not the past.
            if let Some(d) = derive::classified_on(&store.conn)? {
                if d == store.today + chrono::Duration::days(1) {
                    store.today = d;
                }
            }
        }
        store.bring_to_today(access.today_given, access.reading, note)?;
        Ok(store)
    }

    /// Makes the classes on this connection those of `self.today`: stored when they may be (a new file, a
    /// later real day, changed parameters on the same day), else derived in a shadow copy.
    fn bring_to_today(&mut self, today_given: bool, reading: bool, note: impl FnOnce(i64)) -> Result<()> {
        if !derive::is_stale(&self.conn, self.today, &self.params)? {
            preview::drop_shadow(&self.conn)?;
            self.previewing = false;
            return Ok(());
        }
        note(stats::customer_count(&self.conn)?);
        let may_store = self.read_only.is_none()
            && match derive::classified_on(&self.conn)? {
                None => !reading,
                Some(d) if d == self.today => !reading,
                Some(d) => d < self.today && !today_given,
            };
        if may_store {
            // Another process may have stored a later date meanwhile: then this is only a look.
            match self.write(Trigger::Opened, |_| Ok(())) {
                Err(StoreError::BackDated { .. }) => {}
                other => return other,
            }
        }
        self.look()
    }

    /// Derives everyone as of `self.today` in the shadow copy, storing nothing.
    fn look(&mut self) -> Result<()> {
        preview::derive(&mut self.conn, &self.user, self.today, &self.params, &self.currency)?;
        self.previewing = true;
        Ok(())
    }

    /// Moves the interface to a new day (it was left open past midnight): as on opening, a later real day is
    /// derived and stored.
    pub fn roll_over(&mut self, day: NaiveDate) -> Result<()> {
        self.today = day;
        self.bring_to_today(false, false, |_| {})
    }

    /// Why no write can be made now, if none can: a read-only file, or a date before the stored classes'
    /// (so that the interface can say so before a form is filled in vain).
    pub fn why_no_writes(&self) -> Option<StoreError> {
        if let Some(why) = &self.read_only {
            return Some(StoreError::ReadOnly(why.clone()));
        }
        day_to_write(&self.conn, self.today, self.today_given).err()
    }

    /// Refuses a write that cannot be made: a read-only file, or a date before the stored classes' date
    /// (checked again under the write lock). Drops a shadow copy, which the write replaces by the real thing.
    pub(super) fn ready_to_write(&mut self) -> Result<()> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly(why.clone()));
        }
        self.today = day_to_write(&self.conn, self.today, self.today_given)?;
        if self.previewing {
            preview::drop_shadow(&self.conn)?;
            self.previewing = false;
        }
        Ok(())
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, then re-derives every touched customer (re-ranking
    /// everyone) and commits. Any error rolls everything back.
    /// `trigger` names what caused it (words, as a caller without an operation of its own gives them, are
    /// read as the cause they name, else kept as said).
    pub fn write<T>(&mut self, trigger: impl Into<Trigger>, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.try_write(trigger, true, f)
    }

    /// Like [`Store::write`]; with `commit = false` everything is done and then rolled back (a dry run).
    pub fn try_write<T>(
        &mut self,
        trigger: impl Into<Trigger>,
        commit: bool,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        let was_previewing = self.previewing;
        self.ready_to_write()?;
        let out = self.write_now(&trigger.into(), commit, f);
        if out.is_err() && was_previewing {
            // The look at this date stays as it was.
            self.look()?;
        }
        out
    }

    fn write_now<T>(&mut self, trigger: &Trigger, commit: bool, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.today = day_to_write(&tx, self.today, self.today_given)?;
        // A colleague may have changed a rule since this store opened: derive by the file's rules.
        if let Some(rules) = settings::load(&tx)? {
            self.params = rules.params;
            self.currency = rules.currency;
        }
        let mut w = Tx {
            tx,
            user: &self.user,
            now: dates::format_datetime(Utc::now()),
            today: self.today,
            params: &self.params,
            currency: &self.currency,
            affected: BTreeSet::new(),
            record: true,
        };
        if derive::is_stale(&w.tx, w.today, w.params)? {
            derive::derive_everything(&w, &stale_trigger(&w.tx, w.today)?)?;
        }
        let out = f(&mut w)?;
        if !commit {
            return Ok(out);
        }
        let affected: Vec<i64> = w.affected.iter().copied().collect();
        derive::refresh(&w, &affected, trigger)?;
        w.tx.commit()?;
        Ok(out)
    }

    /// Re-derives every customer now, whatever the stored state.
    pub fn classify_all(&mut self, trigger: impl Into<Trigger>) -> Result<derive::Summary> {
        let trigger = trigger.into();
        self.ready_to_write()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.today = day_to_write(&tx, self.today, self.today_given)?;
        let w = Tx {
            tx,
            user: &self.user,
            now: dates::format_datetime(Utc::now()),
            today: self.today,
            params: &self.params,
            currency: &self.currency,
            affected: BTreeSet::new(),
            record: true,
        };
        let summary = derive::derive_everything(&w, &trigger)?;
        w.tx.commit()?;
        Ok(summary)
    }

    /// The connection for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A counter that moves when another connection commits (for live refresh).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// The day a write is made as of: `today`, unless the stored classes are already as of a later day. That
/// is refused (it would re-derive everyone as of the past), except one day ahead when today is the clock's:
/// a colleague east of here has started tomorrow already, and the file stays on their day.
pub(super) fn day_to_write(conn: &Connection, today: NaiveDate, today_given: bool) -> Result<NaiveDate> {
    match derive::classified_on(conn)? {
        Some(d) if d > today && !today_given && d == today + chrono::Duration::days(1) => Ok(d),
        Some(classified_on) if classified_on > today => Err(StoreError::BackDated { today, classified_on }),
        _ => Ok(today),
    }
}

fn stale_trigger(conn: &Connection, today: NaiveDate) -> Result<Trigger> {
    Ok(match derive::classified_on(conn)? {
        None => Trigger::FirstClassification,
        Some(from) if from != today => Trigger::DateMoved { from, to: today },
        Some(_) => Trigger::ParamsChanged,
    })
}

/// The condition for "this customer's rows" (`?1` bound to the id) or "everyone's" (`?1` bound to NULL),
/// written so that SQLite can use the customer index when there is one.
pub(crate) fn by_customer(customer: Option<crate::domain::CustomerId>) -> &'static str {
    if customer.is_some() {
        "customer_id = ?1"
    } else {
        "?1 IS NULL"
    }
}

/// Text columns: empty means NULL.
pub(crate) fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|v| !v.is_empty())
}
