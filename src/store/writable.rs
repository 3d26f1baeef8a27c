//! Whether this user may write the database file and keep its journal beside it, asked of the system (not
//! guessed from mode bits, which say nothing of root, ACLs or a read-only mount).

use std::path::Path;

/// Why the database at `path` cannot be written by this user, or `None` when it can (or does not exist yet,
/// when the directory is what counts).
pub fn why_not(path: &Path) -> Option<String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if path.exists() {
        // A file nobody may write (mode 0444) was made read-only on purpose: honour it even for root, whom
        // the system would let write anyway.
        if let Some(mode) = no_write_bits(path) {
            return Some(format!(
                "{} has mode {mode:o}: nobody may write it (chmod u+w to allow)",
                path.display()
            ));
        }
        if let Err(e) = access_write(path) {
            return Some(format!("{} is not writable by you: {e}", path.display()));
        }
        // WAL keeps `-wal` and `-shm` files beside the database: SQLite must be able to create them.
        if dir.exists() {
            if let Err(e) = access_write(dir) {
                return Some(format!(
                    "its directory {} is not writable by you, and SQLite keeps its journal there: {e}",
                    dir.display()
                ));
            }
        }
    }
    None
}

/// The file's permission bits when none of them allows writing.
#[cfg(unix)]
fn no_write_bits(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o7777;
    (mode & 0o222 == 0).then_some(mode)
}

#[cfg(not(unix))]
fn no_write_bits(_: &Path) -> Option<u32> {
    None
}

#[cfg(unix)]
fn access_write(path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "a NUL byte in the path"))?;
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call; access(2) only reads it.
    let rc = unsafe { libc::access(c.as_ptr(), libc::W_OK) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
fn access_write(path: &Path) -> std::io::Result<()> {
    if std::fs::metadata(path)?.permissions().readonly() {
        return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "read-only"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_writable_file_and_a_missing_one_have_no_reason() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("crm.db");
        assert_eq!(why_not(&db), None);
        std::fs::write(&db, b"").unwrap();
        assert_eq!(why_not(&db), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_with_no_write_bits_is_read_only_even_for_root() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("crm.db");
        std::fs::write(&db, b"").unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
        let why = why_not(&db).unwrap();
        assert!(why.contains("mode 444"), "{why}");
    }
}
