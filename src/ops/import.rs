//! Importing a file: every row in one transaction (or, in a dry run, checked and rolled back).

use std::path::Path;

use crate::interop::import::{self, Options, Report};
use crate::store::{Result, Store};

/// Imports `path` as `opts` say. The interop layer reads the file, matches the rows and writes them in
/// its one transaction under the trigger `import FILE`; any rejected row rejects the whole file.
pub fn file(store: &mut Store, path: &Path, opts: &Options) -> Result<Report> {
    import::run(store, path, opts)
}
