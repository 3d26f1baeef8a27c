//! Changing one of the file's rules (`tiercrm settings set`): checked, audited and everyone re-derived once,
//! in the store's one transaction for it.

use crate::store::settings::Change;
use crate::store::{Result, Store};

/// Sets `key` to `value` for everyone who shares the file. Changing the currency of a file that holds
/// amounts relabels them without converting: refused unless `relabel` says that is meant.
pub fn set(store: &mut Store, key: &str, value: &str, relabel: bool) -> Result<Change> {
    store.set_rule(key.trim(), value, relabel)
}
