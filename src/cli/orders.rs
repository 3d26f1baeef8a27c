//! `tiercrm order …`: record a purchase, correct it (edit, void, return), list orders.

use anyhow::Result;
use clap::Subcommand;

use super::App;
use super::output::{self, Table};
use crate::domain::{CustomerId, OrderId, money};
use crate::ops;
use crate::shapes::records::{self, OrderJson, OrderListedJson};
use crate::store::orders;

#[derive(Debug, Subcommand)]
pub enum OrderCmd {
    /// Record a purchase
    Add {
        #[arg(long)]
        customer: i64,
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// In major units, e.g. 1280.50
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        #[arg(long, allow_hyphen_values = true)]
        cost: Option<String>,
        #[arg(long)]
        product: Option<String>,
    },
    /// Correct an order entered with a typo; each flag given replaces the stored value
    Edit {
        id: i64,
        /// YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
        /// In major units
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// In major units; "" clears it
        #[arg(long, allow_hyphen_values = true)]
        cost: Option<String>,
        /// "" clears it
        #[arg(long)]
        product: Option<String>,
    },
    /// Void an order entered by mistake: kept for history and audit, counted nowhere
    Void { id: i64 },
    /// Record a refund or return against an order (its own record; the order's revenue is net of it)
    Return {
        id: i64,
        /// In major units: more than zero, with earlier returns at most the order's amount
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        /// YYYY-MM-DD, on or after the order's date [default: today]
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Orders, newest first (voided ones left out)
    List {
        #[arg(long)]
        customer: Option<i64>,
        #[arg(long, short, default_value_t = 50)]
        limit: usize,
    },
}

pub fn run(cmd: OrderCmd, app: &mut App) -> Result<()> {
    match cmd {
        OrderCmd::Add {
            customer,
            date,
            amount,
            cost,
            product,
        } => {
            let typed = ops::orders::Text {
                date: date.as_deref(),
                amount: &amount,
                cost: cost.as_deref(),
                product: product.as_deref(),
            };
            let input = ops::orders::Input::parse(CustomerId(customer), &typed, &app.store.currency)?;
            let saved = ops::orders::add(&mut app.store, input)?;
            output::ahead(saved.ahead);
            let order = saved.record;
            if app.json {
                return output::json(&OrderJson::from(&order));
            }
            output::line(&format!(
                "added order {} for customer {customer}: {} on {}",
                order.id,
                money::format(order.amount, &app.store.currency),
                order.date
            ))?;
            super::customer::report(app, customer)
        }
        OrderCmd::Edit {
            id,
            date,
            amount,
            cost,
            product,
        } => {
            let typed = ops::orders::EditText {
                date: date.as_deref(),
                amount: amount.as_deref(),
                cost: cost.as_deref(),
                product: product.as_deref(),
            };
            let patch = typed.parse(&app.store.currency)?;
            let saved = ops::orders::edit(&mut app.store, OrderId(id), patch)?;
            output::ahead(saved.ahead);
            let order = saved.record;
            if app.json {
                return output::json(&order);
            }
            output::line(&format!(
                "order {} is now {} on {}",
                order.id,
                money::format(order.amount, &app.store.currency),
                order.date
            ))?;
            super::customer::report(app, order.customer_id.0)
        }
        OrderCmd::Void { id } => {
            let order = ops::orders::void(&mut app.store, OrderId(id))?;
            if app.json {
                return output::json(
                    &serde_json::json!({"id": order.id, "customer_id": order.customer_id, "voided": true}),
                );
            }
            output::line(&format!(
                "voided order {} ({} on {})",
                order.id,
                money::format(order.amount, &app.store.currency),
                order.date
            ))?;
            super::customer::report(app, order.customer_id.0)
        }
        OrderCmd::Return {
            id,
            amount,
            date,
            reason,
        } => {
            let typed = ops::orders::ReturnText {
                amount: &amount,
                date: date.as_deref(),
                reason: reason.as_deref(),
            };
            let saved = ops::orders::return_order(&mut app.store, OrderId(id), &typed)?;
            output::ahead(saved.ahead);
            let r = saved.record;
            if app.json {
                return output::json(&r);
            }
            output::line(&format!(
                "return {} of {} against order {}; {} left of it",
                r.id,
                money::format(r.amount, &app.store.currency),
                r.order_id,
                money::format(r.order_net, &app.store.currency)
            ))?;
            let (order, _) = orders::get(app.store.conn(), OrderId(id))?;
            super::customer::report(app, order.customer_id.0)
        }
        OrderCmd::List { customer, limit } => {
            let customer = customer.map(CustomerId);
            let rows = orders::list_named(app.store.conn(), customer, Some(limit))?;
            let total = orders::count(app.store.conn(), customer)?;
            if app.json {
                output::json(&records::all::<_, OrderListedJson>(&rows))?;
                output::shown_of(rows.len(), total);
                return Ok(());
            }
            let mut t = Table::new(&[
                ("ID", 8),
                ("CUST", 6),
                ("NAME", 20),
                ("DATE", 10),
                ("AMOUNT", 16),
                ("RETURNED", 16),
                ("COST", 16),
                ("PRODUCT", 40),
            ]);
            for r in &rows {
                let o = &r.order;
                t.row(vec![
                    o.id.to_string(),
                    o.customer_id.to_string(),
                    r.customer_name.clone(),
                    o.date.to_string(),
                    money::format(o.amount, &app.store.currency),
                    if r.returned == 0 {
                        String::new()
                    } else {
                        money::format(r.returned, &app.store.currency)
                    },
                    o.cost.map_or(String::new(), |c| money::format(c, &app.store.currency)),
                    o.product.clone().unwrap_or_default(),
                ]);
            }
            t.print_or("no orders")?;
            output::shown_of(rows.len(), total);
            Ok(())
        }
    }
}
