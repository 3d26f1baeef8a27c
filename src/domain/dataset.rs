//! A set of records written in one load (the demo data): plain domain records, linked by the set's own ids.

use super::contact::Contact;
use super::customer::Customer;
use super::feedback::Feedback;
use super::followup::Followup;
use super::order::Order;

/// Records to load at once into an empty database. Each record names its customer by the `id` that
/// customer has in [`Dataset::customers`] — the set's own numbering — and the load gives every record the
/// id its row gets, mapping the links. The records' own ids are not stored.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub customers: Vec<Customer>,
    pub orders: Vec<Order>,
    pub contacts: Vec<Contact>,
    pub feedback: Vec<Feedback>,
    pub followups: Vec<Followup>,
}
