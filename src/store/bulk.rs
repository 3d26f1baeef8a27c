//! Loading a generated data set in one transaction with prepared statements, then deriving everyone once.

use rusqlite::params;

use super::{Result, Store, StoreError, Tx};
use crate::demo::Dataset;
use crate::domain::customer::phone_key;
use crate::domain::dates::parse_ymd;
use crate::domain::reach::{self, Reach};

/// Holds a data set to the date ranges every other write checks (orders, contacts and feedback within
/// [`Reach::Happened`], follow-ups within [`Reach::Planned`]): it is written with plain inserts, not
/// through the tables' own add functions, so the check is made here, once per record.
fn check_reach(data: &Dataset, today: chrono::NaiveDate) -> Result<()> {
    let stored = |field: &str, text: &str| -> Result<chrono::NaiveDate> {
        parse_ymd(text)
            .ok_or_else(|| StoreError::Invalid(crate::domain::Invalid::said(field, "invalid.date", &[("value", text)])))
    };
    for o in &data.orders {
        reach::check("date", o.date, today, Reach::Happened)?;
    }
    for c in &data.contacts {
        reach::check("at", stored("at", &c.at)?, today, Reach::Happened)?;
    }
    for f in &data.feedback {
        reach::check("at", stored("at", &f.received_at)?, today, Reach::Happened)?;
    }
    for f in &data.followups {
        reach::check("due", f.due, today, Reach::Planned)?;
    }
    Ok(())
}

/// Writes a data set into an empty database.
pub fn load(store: &mut Store, data: &Dataset) -> Result<super::derive::Summary> {
    let existing: i64 = store
        .conn
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(StoreError::Invalid(crate::domain::Invalid::new(
            "demo",
            format!(
                "{} already has {existing} customers; demo data goes into a new, empty database",
                store.path.display()
            ),
        )));
    }
    check_reach(data, store.today)?;
    store.write("demo data", |w: &mut Tx<'_>| {
        let tx = &w.tx;
        let mut ids = Vec::with_capacity(data.customers.len());
        {
            let mut st = tx.prepare(
                "INSERT INTO customers (external_id, name, kind, company, industry, region, phone, phone_key, email, social, \
                 source, owner, needs, notes, stage_pin, archived, search, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?18, ?19)",
            )?;
            let mut tag = tx.prepare("INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?1, ?2)")?;
            for c in &data.customers {
                let search = super::customers::search_text(
                    &c.name,
                    &[c.company.as_deref(), c.email.as_deref(), c.notes.as_deref(), Some(&c.external_id), c.region.as_deref()],
                    c.phone.as_deref(),
                    &c.tags,
                );
                st.execute(params![
                    c.external_id,
                    c.name,
                    c.kind.as_str(),
                    c.company,
                    c.industry,
                    c.region,
                    c.phone,
                    c.phone.as_deref().map(phone_key),
                    c.email,
                    c.social,
                    c.source,
                    c.owner,
                    c.needs,
                    c.notes,
                    c.pin.map(|p| p.as_str()),
                    c.archived as i64,
                    search,
                    format!("{}T09:00:00Z", c.created),
                    c.owner,
                ])?;
                let id = tx.last_insert_rowid();
                for t in &c.tags {
                    tag.execute(params![id, t])?;
                }
                ids.push(id);
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO orders (customer_id, date, amount, cost, product, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)",
            )?;
            for o in &data.orders {
                let c = &data.customers[o.customer];
                st.execute(params![ids[o.customer], o.date.to_string(), o.amount, o.cost, o.product, format!("{}T10:00:00Z", o.date), c.owner])?;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO contacts (customer_id, at, channel, direction, summary, outcome, staff, created_at, created_by, \
                 updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?2, ?7, ?2, ?7)",
            )?;
            for c in &data.contacts {
                st.execute(params![ids[c.customer], c.at, c.channel.as_str(), c.direction.as_str(), c.summary, c.outcome, c.staff])?;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO feedback (customer_id, received_at, kind, title, urgency, importance, status, assignee, resolved_at, \
                 satisfaction, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?2, 'demo', ?2, 'demo')",
            )?;
            for f in &data.feedback {
                st.execute(params![
                    ids[f.customer],
                    f.received_at,
                    f.kind.as_str(),
                    f.title,
                    f.urgency,
                    f.importance,
                    f.status.as_str(),
                    f.assignee,
                    f.resolved_at,
                    f.satisfaction
                ])?;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO followups (customer_id, due, note, state, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)",
            )?;
            for f in &data.followups {
                st.execute(params![ids[f.customer], f.due.to_string(), f.note, f.state.as_str(), w.now, f.by])?;
            }
        }
        let mut ch = super::audit::Changes::default();
        ch.set("customers", &None::<i64>, &data.customers.len());
        ch.set("orders", &None::<i64>, &data.orders.len());
        super::audit::record(w, "database", 0, "demo", ch)?;
        super::derive::derive_everything(w, "demo data")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Options, Store};

    #[test]
    fn a_data_set_with_a_date_out_of_range_is_refused_whole() {
        let dir = tempfile::tempdir().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut store = Store::open(Options {
            path: dir.path().join("crm.db"),
            user: "t".into(),
            today,
            params: Default::default(),
            currency: "CNY".into(),
            shared: false,
            busy_timeout: std::time::Duration::from_secs(5),
            access: Default::default(),
        })
        .unwrap();
        let mut data = crate::demo::generate(20, 3, today);
        let good = data.orders[0].date;
        data.orders[0].date = chrono::NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        let Err(StoreError::Invalid(e)) = load(&mut store, &data) else {
            panic!("an order dated 0000-01-01 is refused")
        };
        assert_eq!(e.reason, "0000-01-01 is before 1900-01-01; check the year");
        data.orders[0].date = good;
        data.followups.push(crate::demo::DemoFollowup {
            due: chrono::NaiveDate::from_ymd_opt(2040, 1, 1).unwrap(),
            ..data.followups[0].clone()
        });
        assert!(load(&mut store, &data).is_err(), "a follow-up fourteen years ahead");
        let n: i64 = store
            .conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "nothing written");
        data.followups.pop();
        load(&mut store, &data).unwrap();
    }
}
