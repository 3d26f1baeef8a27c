//! Customers: add, edit, archive and restore, each one write under its trigger.

use crate::domain::customer::{Customer, CustomerPatch};
use crate::domain::{CustomerId, Invalid, Stage};
use crate::store::{Result, Store, customers};

use super::{Trigger, write};

/// A stage pin as typed: a stage pins it, `none` (any case) or nothing removes the pin.
pub fn parse_pin(text: &str) -> Result<Option<Stage>, Invalid> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    text.parse::<Stage>().map(Some)
}

/// Adds a customer (the name is required; the owner defaults to the acting user).
pub fn add(store: &mut Store, patch: CustomerPatch) -> Result<Customer> {
    write(store, Trigger::CustomerAdded, |w| customers::add(w, patch))
}

/// Changes a customer's fields. With `if_version`, refuses when someone else changed it since that
/// version. A patch that names no field is refused: it would change nothing and the user meant something.
pub fn edit(store: &mut Store, id: CustomerId, patch: CustomerPatch, if_version: Option<i64>) -> Result<Customer> {
    if patch.is_empty() {
        return Err(Invalid::new("edit", "nothing to change: name at least one field flag").into());
    }
    write(store, Trigger::CustomerEdited(id), |w| {
        customers::edit(w, id, patch, if_version)
    })
}

/// Archives (soft-deletes) a customer.
pub fn archive(store: &mut Store, id: CustomerId) -> Result<Customer> {
    write(store, Trigger::CustomerArchived(id), |w| {
        customers::set_archived(w, id, true)
    })
}

/// Brings an archived customer back.
pub fn restore(store: &mut Store, id: CustomerId) -> Result<Customer> {
    write(store, Trigger::CustomerRestored(id), |w| {
        customers::set_archived(w, id, false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{customer, store, triggers};
    use crate::store::StoreError;

    #[test]
    fn a_pin_is_a_stage_or_none() {
        assert_eq!(parse_pin("active"), Ok(Some(Stage::Active)));
        assert_eq!(parse_pin(" None "), Ok(None));
        assert_eq!(parse_pin(""), Ok(None));
        assert_eq!(parse_pin("soon").map_err(|e| e.field), Err("stage".to_string()));
    }

    #[test]
    fn an_edit_that_names_no_field_is_refused_and_changes_nothing() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        let before = customers::get(s.conn(), id).unwrap();
        let e = edit(&mut s, id, CustomerPatch::default(), None).unwrap_err();
        assert!(matches!(&e, StoreError::Invalid(i) if i.field == "edit"), "{e}");
        assert_eq!(customers::get(s.conn(), id).unwrap(), before);
    }

    #[test]
    fn archive_and_restore_record_their_triggers() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        assert!(archive(&mut s, id).unwrap().archived);
        assert!(!restore(&mut s, id).unwrap().archived);
        let said = triggers(&s, id);
        let id = id.0;
        assert!(said.contains(&format!("customer {id} archived")), "{said:?}");
        assert!(said.contains(&format!("customer {id} restored")), "{said:?}");
    }
}
