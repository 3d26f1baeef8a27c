//! Classes on request: re-derive everyone now, or explain one customer's classes with the reasons the
//! engine gave.

use crate::domain::CustomerId;
use crate::domain::classify::explain::Reasons;
use crate::domain::classify::{Classes, Inputs};
use crate::domain::customer::Customer;
use crate::i18n::I18n;
use crate::store::{Result, Store, StoreError, customers, derive, explained};

use super::Trigger;

/// Re-derives every customer now, whatever the stored state, recording what changed.
pub fn everyone(store: &mut Store) -> Result<derive::Summary> {
    store.classify_all(Trigger::ClassifyAll)
}

/// One customer with the inputs and classes stored for them and why, in `words`.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub customer: Customer,
    pub inputs: Inputs,
    pub classes: Classes,
    pub reasons: Reasons,
}

/// Explains one customer's stored classes (a read: nothing is written). A customer with no stored classes
/// yet is not found, like one that does not exist.
pub fn explain(store: &Store, id: CustomerId, words: &I18n) -> Result<Explanation> {
    let customer = customers::get(store.conn(), id)?;
    let mut all = explained::explain_many(store.conn(), &[id], words, &store.params, store.today, &store.currency)?;
    let e = all.remove(&id).ok_or_else(|| StoreError::NotFound {
        entity: "classes of customer",
        id: id.to_string(),
    })?;
    Ok(Explanation {
        customer,
        inputs: e.inputs,
        classes: e.classes,
        reasons: e.reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Stage;
    use crate::ops::testing::{customer, store};

    #[test]
    fn explaining_reads_the_stored_classes_and_an_unknown_customer_is_not_found() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        let e = explain(&s, id, crate::i18n::english()).unwrap();
        assert_eq!((e.customer.id, e.classes.stage), (id, Stage::Potential));
        assert!(!e.reasons.stage.is_empty());
        let missing = explain(&s, CustomerId(id.0 + 1), crate::i18n::english()).unwrap_err();
        assert!(
            matches!(missing, StoreError::NotFound { entity: "customer", .. }),
            "{missing}"
        );
    }

    #[test]
    fn classifying_everyone_counts_them() {
        let (_dir, mut s) = store();
        customer(&mut s, "Ann");
        customer(&mut s, "Bob");
        assert_eq!(everyone(&mut s).unwrap().customers, 2);
    }
}
