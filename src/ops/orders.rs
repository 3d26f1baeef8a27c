//! Recording an order: parsed from what the user typed with the file's currency, dated today unless given.

use chrono::NaiveDate;

use crate::domain::order::{NewOrder, Order};
use crate::domain::{CustomerId, Invalid, dates, money};
use crate::store::{Result, Store, orders};

use super::{Ahead, Saved, Trigger, non_empty, write};

/// An order to record; without a date it happened today.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub customer: CustomerId,
    pub date: Option<NaiveDate>,
    /// In minor units of the file's currency.
    pub amount: i64,
    pub cost: Option<i64>,
    pub product: Option<String>,
}

/// An order as the user typed it (the command line's flags, the form's fields).
#[derive(Debug, Clone, Copy, Default)]
pub struct Text<'a> {
    pub date: Option<&'a str>,
    pub amount: &'a str,
    pub cost: Option<&'a str>,
    pub product: Option<&'a str>,
}

impl Input {
    /// Parses typed text, amounts in `currency` (the file's); an error names the field as the form and the
    /// flags both call it.
    pub fn parse(customer: CustomerId, t: &Text<'_>, currency: &str) -> Result<Input, Invalid> {
        Ok(Input {
            customer,
            date: t.date.map(|d| dates::parse_date("date", d)).transpose()?,
            amount: money::parse_amount("amount", t.amount, currency)?,
            cost: t.cost.map(|c| money::parse_amount("cost", c, currency)).transpose()?,
            product: non_empty(t.product),
        })
    }
}

/// Records an order and re-derives its customer (and everyone's ranking). An order dated after today is
/// saved with a notice: it counts only from its date.
pub fn add(store: &mut Store, input: Input) -> Result<Saved<Order>> {
    let today = store.today;
    let order = NewOrder {
        customer_id: input.customer,
        date: input.date.unwrap_or_else(|| crate::store::clock::entry_day(today)),
        amount: input.amount,
        cost: input.cost,
        product: input.product,
    };
    let record = write(store, Trigger::OrderAdded(input.customer), |w| orders::add(w, order))?;
    Ok(Saved {
        ahead: Ahead::of("date", record.date, today),
        record,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{customer, day, store, triggers};

    #[test]
    fn typed_text_is_parsed_with_the_files_currency_and_names_its_field() {
        let id = CustomerId(7);
        let t = Text {
            date: Some("2026-11-01"),
            amount: "1,280.50",
            cost: None,
            product: Some("  "),
        };
        let input = Input::parse(id, &t, "CNY").unwrap();
        assert_eq!(
            input,
            Input {
                customer: id,
                date: Some(day(2026, 11, 1)),
                amount: 128_050,
                cost: None,
                product: None,
            }
        );
        let bad = Text { cost: Some("1,5"), ..t };
        assert_eq!(Input::parse(id, &bad, "CNY").unwrap_err().field, "cost");
        let dollars = Text { amount: "$5", ..t };
        assert_eq!(Input::parse(id, &dollars, "CNY").unwrap_err().field, "amount");
    }

    #[test]
    fn an_order_without_a_date_is_today_and_one_after_today_comes_with_a_notice() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        let input = |date| Input {
            customer: id,
            date,
            amount: 100,
            cost: None,
            product: None,
        };
        let today = add(&mut s, input(None)).unwrap();
        assert_eq!((today.record.date, today.ahead), (s.today, None));
        let later = add(&mut s, input(Some(day(2026, 12, 1)))).unwrap();
        assert_eq!(
            later.ahead,
            Some(Ahead {
                field: "date",
                date: day(2026, 12, 1),
                today: s.today
            })
        );
        assert!(triggers(&s, id).contains(&format!("order added for customer {id}")));
    }
}
