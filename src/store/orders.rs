//! Orders: record a purchase, correct it (edit, void), record a return against it, and list them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::{self, Changes, Subject};
use super::{Result, StoreError, Tx, by_customer, stored};
use crate::domain::dates::format_datetime;
use crate::domain::money;
use crate::domain::order::{NewOrder, Order, check_amounts};
use crate::domain::reach::{self, Reach};
use crate::domain::{CustomerId, Invalid, OrderId};

/// Live orders dated before `:end`, net of their returns dated before `:end` (cost scaled down with the
/// amount, as returned goods come back); an order returned in full by then is no order day at all. What
/// classification and every revenue figure read, as a subquery: a return dated after today, like an order,
/// counts only from its day. Returns are few: they are summed once and joined, not looked up per order
/// (a correlated lookup made a full classification at 100,000 customers 0.6 s slower).
pub(crate) const NET: &str = "(SELECT o.id, o.customer_id, o.date, o.amount - coalesce(r.returned, 0) AS amount, \
     CASE WHEN o.cost IS NULL OR r.returned IS NULL OR o.amount = 0 THEN o.cost \
          ELSE o.cost * (o.amount - r.returned) / o.amount END AS cost \
     FROM orders o LEFT JOIN \
          (SELECT order_id, sum(amount) AS returned FROM returns WHERE date < :end GROUP BY order_id) r \
          ON r.order_id = o.id \
     WHERE o.voided_at IS NULL AND o.date < :end AND (r.returned IS NULL OR r.returned < o.amount))";

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

/// Loads one order, live or voided, with when it was voided (`None`: live).
pub fn get(conn: &Connection, id: OrderId) -> Result<(Order, Option<String>)> {
    conn.prepare_cached(
        "SELECT id, customer_id, date, amount, cost, product, created_at, created_by, voided_at FROM orders WHERE id = ?1",
    )?
    .query_row([id.0], |r| Ok((read(r)?, r.get(8)?)))
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: "order",
        id: id.to_string(),
    })
}

/// A live order, refusing one voided (named by `field` in the error).
fn live(w: &Tx<'_>, id: OrderId) -> Result<Order> {
    match get(&w.tx, id)? {
        (o, None) => Ok(o),
        (o, Some(at)) => Err(Invalid::new(
            "order",
            format!("order {} was voided at {at}; nothing more can change it", o.id),
        )
        .into()),
    }
}

/// The total returned against an order, in minor units.
pub fn returned(conn: &Connection, id: OrderId) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(sum(amount), 0) FROM returns WHERE order_id = ?1")?
        .query_row([id.0], |r| r.get(0))?)
}

/// A correction to an order; `None` leaves a field as it is (an empty product clears it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderPatch {
    pub date: Option<NaiveDate>,
    pub amount: Option<i64>,
    /// `Some(None)` clears the cost.
    pub cost: Option<Option<i64>>,
    pub product: Option<String>,
}

/// Corrects a live order with the checks of a new one, and never below what was already returned against
/// it; audited as `update`, its customer re-derived.
pub fn edit(w: &mut Tx<'_>, id: OrderId, p: OrderPatch) -> Result<Order> {
    let old = live(w, id)?;
    require_active(&w.tx, old.customer_id)?;
    let mut new = old.clone();
    if let Some(d) = p.date {
        reach::check("date", d, w.today, Reach::Happened)?;
        new.date = d;
    }
    new.amount = p.amount.unwrap_or(old.amount);
    new.cost = p.cost.unwrap_or(old.cost);
    if let Some(pr) = p.product {
        new.product = Some(pr.trim().to_string()).filter(|v| !v.is_empty());
    }
    check_amounts(new.amount, new.cost)?;
    let back = returned(&w.tx, id)?;
    if new.amount < back {
        return Err(Invalid::new(
            "amount",
            format!(
                "{} is less than the {} already returned against this order",
                money::format(new.amount, w.currency),
                money::format(back, w.currency)
            ),
        )
        .into());
    }
    let mut ch = Changes::default();
    ch.diff("date", &old.date.to_string(), &new.date.to_string());
    ch.diff("amount", &old.amount, &new.amount);
    ch.diff("cost", &old.cost, &new.cost);
    ch.diff("product", &old.product, &new.product);
    if ch.is_empty() {
        return Ok(old);
    }
    w.tx.prepare_cached(
        "UPDATE orders SET date = ?2, amount = ?3, cost = ?4, product = ?5, updated_at = ?6, updated_by = ?7 WHERE id = ?1",
    )?
    .execute(params![id.0, new.date.to_string(), new.amount, new.cost, new.product, w.now, w.user])?;
    audit::record(w, Subject::Order(id), "update", ch)?;
    w.touch(new.customer_id);
    Ok(new)
}

/// Voids an order entered by mistake: kept, marked with who and when, and no longer counted anywhere
/// (lists, revenue, order days); audited as `void`, its customer re-derived.
pub fn void(w: &mut Tx<'_>, id: OrderId) -> Result<Order> {
    let order = live(w, id)?;
    w.tx.prepare_cached(
        "UPDATE orders SET voided_at = ?2, voided_by = ?3, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
    )?
    .execute(params![id.0, w.now, w.user])?;
    let mut ch = Changes::default();
    ch.set("voided_at", &None::<String>, &w.now);
    audit::record(w, Subject::Order(id), "void", ch)?;
    w.touch(order.customer_id);
    Ok(order)
}

/// A refund or return against an order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Return {
    pub id: i64,
    pub order_id: OrderId,
    pub date: NaiveDate,
    /// Minor units, more than zero.
    pub amount: i64,
    pub reason: Option<String>,
    /// What is left of the order after every return.
    pub order_net: i64,
}

/// Records a return against a live order: more than zero, together with earlier returns at most the
/// order's amount, dated no earlier than the order; audited on the order as `return`. The order keeps
/// its day; classification reads it net of its returns ([`NET`]), so revenue and CLV fall.
pub fn add_return(w: &mut Tx<'_>, id: OrderId, date: NaiveDate, amount: i64, reason: Option<String>) -> Result<Return> {
    let order = live(w, id)?;
    require_active(&w.tx, order.customer_id)?;
    reach::check("date", date, w.today, Reach::Happened)?;
    if date < order.date {
        return Err(Invalid::new("date", format!("{date} is before the order's date ({})", order.date)).into());
    }
    if amount <= 0 {
        return Err(Invalid::new(
            "amount",
            "a return is more than zero (an order's amount is corrected with `order edit`)",
        )
        .into());
    }
    let back = returned(&w.tx, id)?;
    if back + amount > order.amount {
        return Err(Invalid::new(
            "amount",
            format!(
                "{} with {} already returned is more than the order's {}",
                money::format(amount, w.currency),
                money::format(back, w.currency),
                money::format(order.amount, w.currency)
            ),
        )
        .into());
    }
    let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    w.tx.prepare_cached(
        "INSERT INTO returns (order_id, date, amount, reason, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id.0, date.to_string(), amount, reason, w.now, w.user])?;
    let rid = w.tx.last_insert_rowid();
    let mut ch = Changes::default();
    ch.set("return_id", &None::<i64>, &rid);
    ch.set("returned", &back, &(back + amount));
    ch.set("return_date", &None::<String>, &date.to_string());
    audit::record(w, Subject::Order(id), "return", ch)?;
    w.touch(order.customer_id);
    Ok(Return {
        id: rid,
        order_id: id,
        date,
        amount,
        reason,
        order_net: order.amount - back - amount,
    })
}

/// Orders newest first, for one customer or all.
pub fn list(conn: &Connection, customer: Option<CustomerId>, limit: Option<usize>) -> Result<Vec<Order>> {
    let limit = limit.map_or(-1, |l| l as i64);
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, customer_id, date, amount, cost, product, created_at, created_by FROM orders \
         WHERE {} AND voided_at IS NULL ORDER BY date DESC, id DESC LIMIT ?2",
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
    /// The total returned against it (minor units; 0 when nothing was).
    pub returned: i64,
}

/// Orders newest first with their customer's name, for one customer or all.
pub fn list_named(conn: &Connection, customer: Option<CustomerId>, limit: Option<usize>) -> Result<Vec<Listed>> {
    // `by_customer` writes the condition without an OR, so that the customer index serves it (only
    // orders has a `customer_id` column, so it needs no table name).
    let mut st = conn.prepare_cached(&format!(
        "SELECT o.id, o.customer_id, o.date, o.amount, o.cost, o.product, o.created_at, o.created_by, c.name, \
         (SELECT coalesce(sum(r.amount), 0) FROM returns r WHERE r.order_id = o.id) \
         FROM orders o JOIN customers c ON c.id = o.customer_id \
         WHERE {} AND o.voided_at IS NULL ORDER BY o.date DESC, o.id DESC LIMIT ?2",
        by_customer(customer)
    ))?;
    let rows = st.query_map(params![customer.map(|c| c.0), limit.map_or(-1, |l| l as i64)], |r| {
        Ok(Listed {
            order: read(r)?,
            customer_name: r.get(8)?,
            returned: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A return in a customer's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Returned {
    pub order_id: OrderId,
    pub date: NaiveDate,
    pub amount: i64,
    pub reason: Option<String>,
}

/// The newest returns against a customer's live orders, newest first.
pub fn returns_of(conn: &Connection, customer: CustomerId, limit: usize) -> Result<Vec<Returned>> {
    let mut st = conn.prepare_cached(
        "SELECT r.order_id, r.date, r.amount, r.reason FROM returns r JOIN orders o ON o.id = r.order_id \
         WHERE o.customer_id = ?1 AND o.voided_at IS NULL ORDER BY r.date DESC, r.id DESC LIMIT ?2",
    )?;
    let rows = st.query_map(params![customer.0, limit as i64], |r| {
        Ok(Returned {
            order_id: OrderId(r.get(0)?),
            date: stored::date(r, "returns", 1)?,
            amount: r.get(2)?,
            reason: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many orders there are, for one customer or all.
pub fn count(conn: &Connection, customer: Option<CustomerId>) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM orders WHERE {} AND voided_at IS NULL",
            by_customer(customer)
        ))?
        .query_row(params![customer.map(|c| c.0)], |r| r.get(0))?;
    Ok(n as usize)
}
