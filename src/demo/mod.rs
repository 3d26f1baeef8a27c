//! A realistic, deterministic demo data set: a working week of a small sales team — Chinese and English
//! customers, two years of orders, a contact log that follows each customer's cadence, feedback at every
//! step of its workflow, follow-ups — so that every tier, stage and segment appears and the queue on the
//! demo's today is a day's work, not a backlog.
//!
//! Made in two passes: customers, orders and feedback first; then the classes the store will derive from
//! them (each customer's cadence), and the contacts and follow-ups on that cadence.

mod feedback;
mod feedback_text;
mod history;
mod names;
mod office;
mod people;
mod plan;
mod rng;
mod said;
#[cfg(test)]
mod tests;

pub use rng::Rng;

use chrono::NaiveDate;

use crate::domain::dataset::Dataset;

/// The largest demo: a million customers with their orders is a few gigabytes of memory while it is built.
pub const MAX_CUSTOMERS: usize = 1_000_000;

/// Generates `n` customers as of the start of `today`, as domain records linked by their ids in the set
/// (customers 1 … n); the store's bulk load gives them the ids their rows get. The same `n`, `seed` and
/// `today` always give the same set.
pub fn generate(n: usize, seed: u64, today: NaiveDate) -> Dataset {
    let names = names::Names::builtin();
    let mut rng = Rng::new(seed);
    let mut data = Dataset::default();
    let mut people = Vec::with_capacity(n);
    for i in 0..n {
        let (c, p) = people::customer(i, &names, today, &mut data.orders, &mut rng);
        feedback::add(&mut data.feedback, c.id, &p, &names, today, &mut rng);
        data.customers.push(c);
        people.push(p);
    }
    let plans = plan::plans(&data.customers, &data.orders, &data.feedback, today);
    // The customers are moved out for the second pass, which adds to the rest of the set beside them.
    let customers = std::mem::take(&mut data.customers);
    for ((c, p), plan) in customers.iter().zip(&people).zip(plans) {
        history::add(&mut data, c, p, plan, &names, today, &mut rng);
    }
    data.customers = customers;
    data
}
