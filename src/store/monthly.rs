//! A customer's revenue month by month: the review card's sparkline, read when the card is loaded.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{Connection, named_params};

use super::Result;
use crate::domain::CustomerId;

/// Revenue (minor units) in each of the `months` calendar months ending with today's, oldest first; orders
/// dated after today are not counted yet, as everywhere else.
pub fn revenue_by_month(conn: &Connection, customer: CustomerId, today: NaiveDate, months: u32) -> Result<Vec<i64>> {
    let this_month = today.with_day(1).unwrap_or(today);
    let first = this_month
        .checked_sub_months(Months::new(months.saturating_sub(1)))
        .unwrap_or(this_month);
    let end = today.succ_opt().unwrap_or(today);
    let mut out = vec![0i64; months as usize];
    // Net of returns and without voided orders, as classification reads them.
    let mut st = conn.prepare_cached(&format!(
        "SELECT substr(date, 1, 7), CAST(total(amount) AS INTEGER) FROM {} \
         WHERE customer_id = :id AND date >= :first GROUP BY 1",
        super::orders::NET
    ))?;
    let args = named_params! {":id": customer.0, ":first": first.to_string(), ":end": end.to_string()};
    let rows = st.query_map(args, |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (month, amount) = row?;
        let Some(day) = crate::domain::dates::parse_ymd(&format!("{month}-01")) else {
            continue;
        };
        let k = (day.year() - first.year()) * 12 + day.month() as i32 - first.month() as i32;
        if let Some(slot) = usize::try_from(k).ok().and_then(|k| out.get_mut(k)) {
            *slot += amount;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{customer, day, store};

    #[test]
    fn each_month_of_the_year_to_today_in_its_slot_and_nothing_after_today() {
        let (_dir, mut s) = store();
        let id = customer(&mut s, "Ann");
        for (date, amount) in [
            ("2025-11-30", "1"),   // before the twelve months
            ("2025-12-01", "10"),  // the first month
            ("2026-06-15", "20"),  // the seventh
            ("2026-06-20", "5"),   // the same month
            ("2026-11-22", "40"),  // today's month
            ("2026-11-23", "999"), // after today
        ] {
            let typed = crate::ops::orders::Text {
                date: Some(date),
                amount,
                cost: None,
                product: None,
            };
            let input = crate::ops::orders::Input::parse(id, &typed, "CNY").unwrap();
            crate::ops::orders::add(&mut s, input).unwrap();
        }
        let months = revenue_by_month(s.conn(), id, day(2026, 11, 22), 12).unwrap();
        let mut want = vec![0; 12];
        want[0] = 1000;
        want[6] = 2500;
        want[11] = 4000;
        assert_eq!(months, want);
    }
}
