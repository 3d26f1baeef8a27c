//! Recording an order: parsed from what the user typed with the file's currency, dated today unless given;
//! and correcting one: edit, void, or a return against it (its own record, never a negative order).

use chrono::NaiveDate;

use crate::domain::order::{NewOrder, Order};
use crate::domain::{CustomerId, Invalid, OrderId, dates, money};
use crate::store::orders::{OrderPatch, Return};
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

/// A correction as typed: each field given replaces the stored one (an empty cost clears it).
#[derive(Debug, Clone, Copy, Default)]
pub struct EditText<'a> {
    pub date: Option<&'a str>,
    pub amount: Option<&'a str>,
    pub cost: Option<&'a str>,
    pub product: Option<&'a str>,
}

impl EditText<'_> {
    /// Parses the fields given, amounts in `currency`; an error names its field.
    pub fn parse(&self, currency: &str) -> Result<OrderPatch, Invalid> {
        Ok(OrderPatch {
            date: self.date.map(|d| dates::parse_date("date", d)).transpose()?,
            amount: self
                .amount
                .map(|a| money::parse_amount("amount", a, currency))
                .transpose()?,
            cost: self
                .cost
                .map(|c| {
                    if c.trim().is_empty() {
                        Ok(None)
                    } else {
                        money::parse_amount("cost", c, currency).map(Some)
                    }
                })
                .transpose()?,
            product: self.product.map(str::to_string),
        })
    }
}

/// Corrects an order in one write that re-derives its customer (and everyone's ranking).
pub fn edit(store: &mut Store, id: OrderId, patch: OrderPatch) -> Result<Saved<Order>> {
    let today = store.today;
    let record = write(store, Trigger::OrderEdited(id), |w| orders::edit(w, id, patch))?;
    Ok(Saved {
        ahead: Ahead::of("date", record.date, today),
        record,
    })
}

/// Voids an order entered by mistake, in one write that re-derives its customer.
pub fn void(store: &mut Store, id: OrderId) -> Result<Order> {
    write(store, Trigger::OrderVoided(id), |w| orders::void(w, id))
}

/// A return as typed: the amount in the file's currency, the date (today when not given), why.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReturnText<'a> {
    pub amount: &'a str,
    pub date: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// Records a refund or return against an order, in one write that re-derives its customer: revenue and
/// CLV fall by its amount, and the order keeps its day (gone only when returned in full).
pub fn return_order(store: &mut Store, id: OrderId, t: &ReturnText<'_>) -> Result<Saved<Return>> {
    let amount = money::parse_amount("amount", t.amount, &store.currency)?;
    let date = match t.date {
        Some(d) => dates::parse_date("date", d)?,
        None => crate::store::clock::entry_day(store.today),
    };
    let reason = non_empty(t.reason);
    let today = store.today;
    let record = write(store, Trigger::OrderReturned(id), |w| {
        orders::add_return(w, id, date, amount, reason)
    })?;
    // Like an order, a return dated after today counts from its day.
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

#[cfg(test)]
mod corrections {
    //! Each correction re-derives in its own write exactly what a full `classify` gives afterwards.

    use super::*;
    use crate::ops::testing::{customer, store};

    /// Every derived row, as text, in customer order.
    fn derived(s: &Store) -> Vec<String> {
        let mut st = s
            .conn()
            .prepare("SELECT * FROM derived ORDER BY customer_id")
            .expect("derived query");
        let n = st.column_count();
        st.query_map([], |r| {
            (0..n)
                .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(|v| v.join("|"))
        })
        .expect("derived rows")
        .collect::<rusqlite::Result<_>>()
        .expect("derived text")
    }

    fn revenue(s: &Store, c: CustomerId) -> i64 {
        s.conn()
            .query_row(
                "SELECT revenue_window FROM derived WHERE customer_id = ?1",
                [c.0],
                |r| r.get(0),
            )
            .expect("a derived row")
    }

    /// After the write, the stored classes are what classifying everyone from scratch gives.
    fn as_full_classify(s: &mut Store) -> Vec<String> {
        let after_write = derived(s);
        crate::ops::classify::everyone(s).expect("classify");
        assert_eq!(derived(s), after_write, "the write re-derived as a full classify would");
        after_write
    }

    fn order(s: &mut Store, c: CustomerId, date: &str, amount: &str) -> OrderId {
        let t = Text {
            date: Some(date),
            amount,
            cost: None,
            product: None,
        };
        add(s, Input::parse(c, &t, "CNY").unwrap()).unwrap().record.id
    }

    /// Three customers: the typo order makes Ann tier A; each correction must undo its effect.
    fn shop() -> (tempfile::TempDir, Store, CustomerId, OrderId) {
        let (dir, mut s) = store();
        let ann = customer(&mut s, "Ann");
        let bob = customer(&mut s, "Bob");
        let cy = customer(&mut s, "Cy");
        order(&mut s, bob, "2026-10-01", "5000");
        order(&mut s, cy, "2026-09-01", "3000");
        order(&mut s, ann, "2026-08-01", "100");
        let typo = order(&mut s, ann, "2026-11-01", "1000000000");
        (dir, s, ann, typo)
    }

    #[test]
    fn editing_an_order_re_derives_as_a_full_classify() {
        let (_d, mut s, ann, typo) = shop();
        assert_eq!(revenue(&s, ann), 100_000_010_000, "1,000,000,000 and 100 in fen");
        let patch = EditText {
            amount: Some("1000"),
            ..EditText::default()
        }
        .parse("CNY")
        .unwrap();
        edit(&mut s, typo, patch).unwrap();
        assert_eq!(revenue(&s, ann), 110_000);
        as_full_classify(&mut s);
        let bad = EditText {
            amount: Some("-5"),
            ..EditText::default()
        }
        .parse("CNY");
        assert!(bad.is_err(), "a negative amount is refused before any write");
    }

    #[test]
    fn voiding_an_order_re_derives_as_a_full_classify_and_it_leaves_the_lists() {
        let (_d, mut s, ann, typo) = shop();
        void(&mut s, typo).unwrap();
        assert_eq!(revenue(&s, ann), 10_000);
        assert_eq!(orders::count(s.conn(), Some(ann)).unwrap(), 1);
        as_full_classify(&mut s);
        let e = void(&mut s, typo).unwrap_err();
        assert!(e.to_string().contains("voided"), "{e}");
        let e = return_order(
            &mut s,
            typo,
            &ReturnText {
                amount: "1",
                ..ReturnText::default()
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("voided"), "{e}");
    }

    #[test]
    fn a_return_lowers_revenue_re_derives_as_a_full_classify_and_never_exceeds_its_order() {
        let (_d, mut s, ann, typo) = shop();
        let t = ReturnText {
            amount: "999999000",
            date: Some("2026-11-05"),
            reason: Some("typo: meant 1000"),
        };
        let r = return_order(&mut s, typo, &t).unwrap().record;
        assert_eq!(r.order_net, 100_000);
        assert_eq!(revenue(&s, ann), 110_000, "net of the return");
        as_full_classify(&mut s);
        // Not an order day: Ann still has two orders, and the order is not negative anywhere.
        let orders_of_ann: i64 = s
            .conn()
            .query_row(
                &format!(
                    "SELECT count(*) FROM {} WHERE customer_id = :id",
                    crate::store::orders::NET
                ),
                rusqlite::named_params! {":id": ann.0, ":end": "2026-11-23"},
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orders_of_ann, 2);
        let too_much = ReturnText {
            amount: "1001",
            ..ReturnText::default()
        };
        let before = derived(&s);
        assert!(
            return_order(&mut s, typo, &too_much)
                .unwrap_err()
                .to_string()
                .contains("more than")
        );
        let early = ReturnText {
            amount: "1",
            date: Some("2026-10-01"),
            ..ReturnText::default()
        };
        assert!(return_order(&mut s, typo, &early).is_err(), "before the order");
        let zero = ReturnText {
            amount: "0",
            ..ReturnText::default()
        };
        assert!(return_order(&mut s, typo, &zero).is_err());
        assert_eq!(derived(&s), before, "refusals change nothing");
        // The rest returned: the order is no longer an order day at all.
        return_order(
            &mut s,
            typo,
            &ReturnText {
                amount: "1000",
                ..ReturnText::default()
            },
        )
        .unwrap();
        assert_eq!(revenue(&s, ann), 10_000);
        as_full_classify(&mut s);
        let shrink = EditText {
            amount: Some("10"),
            ..EditText::default()
        }
        .parse("CNY")
        .unwrap();
        assert!(
            edit(&mut s, typo, shrink).is_err(),
            "an order is never edited below what was returned"
        );
    }
}
