//! Opening the file: creating it with the right mode, telling another program's or a damaged file apart,
//! WAL, a read-only opening that works in a directory nobody may write, and the loader's second connection.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Result, StoreError};

pub(super) fn create_file(path: &Path, shared: bool) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(format!("cannot create {}: {e}", dir.display())))?;
    }
    if path.exists() {
        return Ok(());
    }
    let mode = if shared { 0o660 } else { 0o600 };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(path);
        match file {
            Ok(_) => std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
                .map_err(|e| StoreError::Io(format!("cannot set the mode of {}: {e}", path.display())))?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(StoreError::Io(format!("cannot create {}: {e}", path.display())));
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = mode;
    }
    Ok(())
}

pub(super) fn classify_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, msg) = &e {
        if matches!(
            f.code,
            rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
        ) {
            return StoreError::Corrupt {
                path: path.display().to_string(),
                detail: msg.clone().unwrap_or_else(|| f.to_string()),
            };
        }
    }
    StoreError::from(e)
}

/// Switches to WAL, retrying briefly: the switch needs a moment alone with a brand-new file.
pub(super) fn set_wal(conn: &Connection) -> rusqlite::Result<()> {
    let mut tries = 0;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::DatabaseBusy && tries < 100 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Opens a file this user may only read. A WAL file in a directory they cannot write opens only when its
/// `-wal` and `-shm` files are there (someone has it open, or left them); without a `-wal` file nobody can be
/// writing to it, so it is opened as immutable, which needs neither.
pub(super) fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let plain = Connection::open_with_flags(path, flags).and_then(|c| {
        c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
            .map(|_| c)
    });
    match plain {
        Ok(c) => Ok(c),
        Err(e) if !wal_file(path).exists() => {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)
                .map_err(|_| classify_open_error(path, e))
        }
        Err(e) => Err(classify_open_error(path, e)),
    }
}

fn wal_file(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

/// A path as the path part of an SQLite `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for c in abs.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// A second, read-only connection to the same file, for work done off the interface's thread.
pub fn open_reader(path: &Path, busy_timeout: Duration) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(path, e))?;
    conn.busy_timeout(busy_timeout)?;
    conn.execute_batch("PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;")?;
    Ok(conn)
}
