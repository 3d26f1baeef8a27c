//! Loading a data set into an empty database in one transaction, through each table's own insert (with
//! its checks), then deriving everyone once.

use std::collections::HashMap;

use super::audit::{self, Created};
use super::{Result, Stamp, Store, StoreError, Tx, contacts, customers, feedback, followups, orders};
use crate::domain::contact::Contact;
use crate::domain::dataset::Dataset;
use crate::domain::feedback::Feedback;
use crate::domain::followup::Followup;
use crate::domain::order::Order;
use crate::domain::trigger::Trigger;
use crate::domain::{CustomerId, Invalid};

/// How the data set's customer ids become the ids their rows got.
enum Links {
    /// The set numbers its customers 1 … n in order and the rows got the same ids (the usual case: an
    /// empty table numbers from 1), so every link stands as it is and no record is copied to change it.
    Same(i64),
    Map(HashMap<CustomerId, CustomerId>),
}

impl Links {
    fn new(set: &[CustomerId], rows: &[CustomerId]) -> Links {
        let n = set.len() as i64;
        if set.iter().zip(rows).zip(1..=n).all(|((s, r), k)| s.0 == k && r.0 == k) {
            Links::Same(n)
        } else {
            Links::Map(set.iter().copied().zip(rows.iter().copied()).collect())
        }
    }

    /// The row id of the set's customer `id`.
    fn row(&self, id: CustomerId) -> Result<CustomerId> {
        let found = match self {
            Links::Same(n) => (1..=*n).contains(&id.0).then_some(id),
            Links::Map(m) => m.get(&id).copied(),
        };
        found.ok_or_else(|| {
            StoreError::Invalid(Invalid::new(
                "customer_id",
                format!("{id} is not a customer of the data set"),
            ))
        })
    }
}

/// Writes a data set into an empty database: every record through its table's `insert`, so it passes the
/// checks of a record added by hand (dates in range, scores, known sources …); a record that fails them
/// refuses the whole set. The load is audited as one row that lists the ids it created (see
/// [`audit::record_load`]).
pub fn load(store: &mut Store, data: &Dataset) -> Result<super::derive::Summary> {
    let existing: i64 = store
        .conn
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(StoreError::Invalid(Invalid::new(
            "demo",
            format!(
                "{} already has {existing} customers; demo data goes into a new, empty database",
                store.path.display()
            ),
        )));
    }
    store.write(Trigger::DemoData, |w: &mut Tx<'_>| {
        let mut created = Created::default();
        let mut rows = Vec::with_capacity(data.customers.len());
        for c in &data.customers {
            let id = customers::insert(w, c)?;
            rows.push(id);
            created.customers.push(id.0);
        }
        let set: Vec<CustomerId> = data.customers.iter().map(|c| c.id).collect();
        let links = Links::new(&set, &rows);
        for o in &data.orders {
            let row = links.row(o.customer_id)?;
            let id = if row == o.customer_id {
                orders::insert(w, o)?
            } else {
                orders::insert(
                    w,
                    &Order {
                        customer_id: row,
                        ..o.clone()
                    },
                )?
            };
            created.orders.push(id.0);
        }
        for c in &data.contacts {
            let row = links.row(c.customer_id)?;
            // A contact carries no stamp of its own: it was written when it happened, by who made it.
            let stamp = Stamp { at: c.at, by: &c.staff };
            let id = if row == c.customer_id {
                contacts::insert(w, c, stamp)?
            } else {
                contacts::insert(
                    w,
                    &Contact {
                        customer_id: row,
                        ..c.clone()
                    },
                    stamp,
                )?
            };
            created.contacts.push(id.0);
        }
        for f in &data.feedback {
            let row = links.row(f.customer_id)?;
            // Written when it was received, by whoever loads the set.
            let stamp = Stamp {
                at: f.received_at,
                by: w.user,
            };
            let id = if row == f.customer_id {
                feedback::insert(w, f, stamp)?
            } else {
                feedback::insert(
                    w,
                    &Feedback {
                        customer_id: row,
                        ..f.clone()
                    },
                    stamp,
                )?
            };
            created.feedback.push(id.0);
        }
        for f in &data.followups {
            let row = links.row(f.customer_id)?;
            let id = if row == f.customer_id {
                followups::insert(w, f)?
            } else {
                followups::insert(
                    w,
                    &Followup {
                        customer_id: row,
                        ..f.clone()
                    },
                )?
            };
            created.followups.push(id.0);
        }
        audit::record_load(w, "demo", &created)?;
        super::derive::derive_everything(w, &Trigger::DemoData)
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::customer::Customer;
    use crate::domain::order::NewOrder;
    use crate::domain::{
        Channel, ContactId, CustomerKind, Direction, FeedbackId, FeedbackKind, FeedbackStatus, FollowupId,
        FollowupState, OrderId,
    };
    use crate::store::audit::{self, Subject};
    use crate::store::{Options, Store};

    fn time(stored: &str) -> chrono::DateTime<chrono::Utc> {
        crate::domain::dates::parse_stored_time(stored).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn store(dir: &std::path::Path) -> Store {
        Store::open(Options {
            path: dir.join("crm.db"),
            user: "t".into(),
            today: today(),
            params: Default::default(),
            currency: "CNY".into(),
            shared: false,
            busy_timeout: std::time::Duration::from_secs(5),
            access: Default::default(),
        })
        .unwrap()
    }

    fn customer(id: i64, name: &str) -> Customer {
        Customer {
            id: CustomerId(id),
            external_id: Some(format!("X{id}")),
            name: name.into(),
            kind: CustomerKind::Individual,
            company: None,
            industry: None,
            region: None,
            address: None,
            phone: None,
            email: None,
            social: None,
            source: Some("referral".into()),
            owner: Some("ann".into()),
            tags: vec!["vip".into()],
            needs: None,
            notes: None,
            stage_pin: None,
            archived: false,
            version: 1,
            created_at: time("2025-01-01T09:00:00Z"),
            created_by: "ann".into(),
            updated_at: time("2025-01-01T09:00:00Z"),
            updated_by: "ann".into(),
        }
    }

    /// Two customers, numbered 7 and 9 in the set (not 1 and 2: the load maps them), with a record of
    /// every kind.
    fn small_set() -> Dataset {
        let order = |id: i64, customer: i64, date: &str| Order {
            id: OrderId(id),
            customer_id: CustomerId(customer),
            date: date.parse().unwrap(),
            amount: 10_000,
            cost: Some(4_000),
            product: Some("lamp".into()),
            created_at: time(&format!("{date}T10:00:00Z")),
            created_by: "ann".into(),
        };
        Dataset {
            customers: vec![customer(7, "王芳"), customer(9, "Ann Lee")],
            orders: vec![
                order(1, 7, "2026-01-05"),
                order(2, 9, "2026-03-05"),
                order(3, 9, "2026-06-05"),
            ],
            contacts: vec![Contact {
                id: ContactId(1),
                customer_id: CustomerId(9),
                at: time("2026-11-01T09:00:00Z"),
                channel: Channel::Phone,
                direction: Direction::Outbound,
                summary: Some("quote".into()),
                outcome: None,
                staff: "ann".into(),
                next_date: None,
            }],
            feedback: vec![Feedback {
                id: FeedbackId(1),
                customer_id: CustomerId(7),
                received_at: time("2026-10-01T09:00:00Z"),
                kind: FeedbackKind::Complaint,
                channel: None,
                title: "late".into(),
                body: None,
                urgency: 2,
                importance: 3,
                status: FeedbackStatus::New,
                assignee: None,
                resolution: None,
                resolved_at: None,
                satisfaction: None,
            }],
            followups: vec![Followup {
                id: FollowupId(1),
                customer_id: CustomerId(7),
                due: "2026-12-01".parse().unwrap(),
                note: None,
                state: FollowupState::Open,
                created_at: time("2026-11-20T09:00:00Z"),
                created_by: "ann".into(),
            }],
        }
    }

    fn customers_stored(s: &Store) -> i64 {
        s.conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_data_set_with_a_date_out_of_range_is_refused_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let mut data = small_set();
        let good = data.orders[0].date;
        data.orders[0].date = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        let Err(StoreError::Invalid(e)) = load(&mut store, &data) else {
            panic!("an order dated 0000-01-01 is refused")
        };
        assert_eq!(e.reason, "0000-01-01 is before 1900-01-01; check the year");
        data.orders[0].date = good;
        data.followups.push(Followup {
            due: NaiveDate::from_ymd_opt(2040, 1, 1).unwrap(),
            ..data.followups[0].clone()
        });
        assert!(load(&mut store, &data).is_err(), "a follow-up fourteen years ahead");
        assert_eq!(customers_stored(&store), 0, "nothing written");
        data.followups.pop();
        load(&mut store, &data).unwrap();
        assert_eq!(customers_stored(&store), 2);
    }

    /// The load goes through each table's own insert, so a record passes the checks of one added by hand.
    #[test]
    fn a_record_a_hand_made_one_could_not_be_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let mut data = small_set();
        data.feedback[0].urgency = 4;
        let Err(StoreError::Invalid(e)) = load(&mut store, &data) else {
            panic!("urgency 4 is refused")
        };
        assert_eq!(e.field, "urgency");
        let mut data = small_set();
        data.customers[1].source = Some("carrier_pigeon".into());
        let Err(StoreError::Invalid(e)) = load(&mut store, &data) else {
            panic!("an unknown source is refused")
        };
        assert_eq!(e.field, "source");
        let mut data = small_set();
        data.orders[2].customer_id = CustomerId(8);
        let Err(StoreError::Invalid(e)) = load(&mut store, &data) else {
            panic!("an order for a customer not in the set is refused")
        };
        assert_eq!(e.reason, "8 is not a customer of the data set");
        // Numbered 1, 2 as their rows will be, the links stand as they are, and are still checked.
        let mut data = small_set();
        data.customers[0].id = CustomerId(1);
        data.customers[1].id = CustomerId(2);
        for o in &mut data.orders {
            o.customer_id = CustomerId(3);
        }
        let Err(StoreError::Invalid(e)) = load(&mut store, &data) else {
            panic!("an order for customer 3 of two is refused")
        };
        assert_eq!(e.reason, "3 is not a customer of the data set");
        assert_eq!(customers_stored(&store), 0, "nothing written");
    }

    #[test]
    fn history_answers_for_every_record_a_load_created_from_one_audit_row() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        load(&mut store, &small_set()).unwrap();
        let loads: i64 = store
            .conn
            .query_row("SELECT count(*) FROM audit_log WHERE entity = 'load'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(loads, 1, "one row for the whole load");
        let created = |subject| {
            let h = audit::history(&store.conn, subject).unwrap();
            h.len() == 1 && h[0].load && h[0].action == "demo"
        };
        for id in [1, 2] {
            assert!(created(Subject::Customer(CustomerId(id))), "customer {id}");
        }
        for id in [1, 2, 3] {
            assert!(created(Subject::Order(OrderId(id))), "order {id}");
        }
        assert!(created(Subject::Contact(ContactId(1))));
        assert!(created(Subject::Feedback(FeedbackId(1))));
        assert!(created(Subject::Followup(FollowupId(1))));
        // The links were mapped: the set's customer 9 is the second row.
        let ann = crate::store::customers::get(&store.conn, CustomerId(2)).unwrap();
        assert_eq!(
            (ann.name.as_str(), ann.tags.as_slice()),
            ("Ann Lee", &["vip".to_string()][..])
        );
        assert_eq!(
            crate::store::orders::count(&store.conn, Some(CustomerId(2))).unwrap(),
            2
        );
        // A record added afterwards has its own row, and no load claims it.
        let o = store
            .write("order", |w| {
                crate::store::orders::add(
                    w,
                    NewOrder {
                        customer_id: CustomerId(1),
                        date: today(),
                        amount: 500,
                        cost: None,
                        product: None,
                    },
                )
            })
            .unwrap();
        assert_eq!(o.id, OrderId(4));
        let h = audit::history(&store.conn, Subject::Order(o.id)).unwrap();
        assert_eq!(h.len(), 1);
        assert!(!h[0].load && h[0].action == "create");
        assert!(
            audit::history(&store.conn, Subject::Order(OrderId(5)))
                .unwrap()
                .is_empty()
        );
    }
}
