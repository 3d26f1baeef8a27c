//! `tiercrm order …`: record a purchase, list orders.

use anyhow::Result;
use clap::Subcommand;

use super::App;
use super::output::{self, Table};
use crate::domain::{CustomerId, money};
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
    /// Orders, newest first
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
