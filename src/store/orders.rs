//! Orders: record a purchase and list them.

use rusqlite::{Connection, Row, params};

use super::audit::{self, Changes, Subject};
use super::{Result, Tx, by_customer, stored};
use crate::domain::dates::format_datetime;
use crate::domain::order::{NewOrder, Order, check_amounts};
use crate::domain::reach::{self, Reach};
use crate::domain::{CustomerId, Invalid, OrderId};

fn read(r: &Row<'_>) -> rusqlite::Result<Order> {
    Ok(Order {
        id: OrderId(r.get(0)?),
        customer_id: CustomerId(r.get(1)?),
        date: stored::date(r, "orders", 2)?,
        amount: r.get(3)?,
        cost: r.get(4)?,
        product: r.get(5)?,
        created_at: stored::time(r, "orders", 6)?,
        created_by: r.get(7)?,
    })
}

/// Refuses records for a customer that does not exist or is archived.
pub fn require_active(conn: &Connection, customer: CustomerId) -> Result<()> {
    let c = super::customers::get(conn, customer)?;
    if c.archived {
        return Err(Invalid::new(
            "customer",
            format!("{} ({}) is archived; restore it first", c.id, c.name),
        )
        .into());
    }
    Ok(())
}

/// The one INSERT of an order, with the checks every stored order passes: amounts not negative, the date
/// within [`Reach::Happened`] of today. Both [`add`] and a bulk load come through here. `o.id` is not
/// read: the row gets the next id, which is returned; `o.created_*` stamps the row.
pub fn insert(w: &Tx<'_>, o: &Order) -> Result<OrderId> {
    check_amounts(o.amount, o.cost)?;
    reach::check("date", o.date, w.today, Reach::Happened)?;
    w.tx.prepare_cached(
        "INSERT INTO orders (customer_id, date, amount, cost, product, created_at, created_by, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)",
    )?
    .execute(params![
        o.customer_id.0,
        o.date.to_string(),
        o.amount,
        o.cost,
        o.product,
        format_datetime(o.created_at),
        o.created_by
    ])?;
    Ok(OrderId(w.tx.last_insert_rowid()))
}

/// Stores an order for a customer in use and marks the customer for re-derivation. Every way in (command
/// line, form, import) comes through here.
pub fn add(w: &mut Tx<'_>, o: NewOrder) -> Result<Order> {
    require_active(&w.tx, o.customer_id)?;
    let mut order = Order {
        id: OrderId(0),
        customer_id: o.customer_id,
        date: o.date,
        amount: o.amount,
        cost: o.cost,
        product: o.product,
        created_at: w.at(),
        created_by: w.user.to_string(),
    };
    order.id = insert(w, &order)?;
    let mut ch = Changes::default();
    ch.set("customer_id", &None::<i64>, &order.customer_id.0);
    ch.set("date", &None::<String>, &order.date.to_string());
    ch.set("amount", &None::<i64>, &order.amount);
    if order.cost.is_some() {
        ch.set("cost", &None::<i64>, &order.cost);
    }
    if order.product.is_some() {
        ch.set("product", &None::<String>, &order.product);
    }
    audit::record(w, Subject::Order(order.id), "create", ch)?;
    w.touch(order.customer_id);
    Ok(order)
}

/// Orders newest first, for one customer or all.
pub fn list(conn: &Connection, customer: Option<CustomerId>, limit: Option<usize>) -> Result<Vec<Order>> {
    let limit = limit.map_or(-1, |l| l as i64);
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, customer_id, date, amount, cost, product, created_at, created_by FROM orders \
         WHERE {} ORDER BY date DESC, id DESC LIMIT ?2",
        by_customer(customer)
    ))?;
    let rows = st.query_map(params![customer.map(|c| c.0), limit], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An order in a list, with whom it is for.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Listed {
    #[serde(flatten)]
    pub order: Order,
    pub customer_name: String,
}

/// Orders newest first with their customer's name, for one customer or all.
pub fn list_named(conn: &Connection, customer: Option<CustomerId>, limit: Option<usize>) -> Result<Vec<Listed>> {
    // `by_customer` writes the condition without an OR, so that the customer index serves it (only
    // orders has a `customer_id` column, so it needs no table name).
    let mut st = conn.prepare_cached(&format!(
        "SELECT o.id, o.customer_id, o.date, o.amount, o.cost, o.product, o.created_at, o.created_by, c.name \
         FROM orders o JOIN customers c ON c.id = o.customer_id \
         WHERE {} ORDER BY o.date DESC, o.id DESC LIMIT ?2",
        by_customer(customer)
    ))?;
    let rows = st.query_map(params![customer.map(|c| c.0), limit.map_or(-1, |l| l as i64)], |r| {
        Ok(Listed {
            order: read(r)?,
            customer_name: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many orders there are, for one customer or all.
pub fn count(conn: &Connection, customer: Option<CustomerId>) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM orders WHERE {}", by_customer(customer)))?
        .query_row(params![customer.map(|c| c.0)], |r| r.get(0))?;
    Ok(n as usize)
}
