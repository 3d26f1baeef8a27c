//! Turns a parsed [`Filter`] into a SQL condition over `customers c JOIN derived d`, and lists customers.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::Result;
use super::customers::{SELECT, SELECT_LEN, read_customer};
use super::derive::{columns, read_row};
use crate::domain::classify::{Classes, Inputs};
use crate::domain::customer::Customer;
use crate::domain::filter::{Archived, Cond, Due, Filter};
use crate::domain::{CustomerId, Invalid};

/// A WHERE clause and its parameters.
pub struct Sql {
    pub clause: String,
    pub params: Vec<Value>,
}

fn list_in<T: ToString>(col: &str, vals: &[T], p: &mut Vec<Value>) -> String {
    let marks: Vec<&str> = vals.iter().map(|_| "?").collect();
    p.extend(vals.iter().map(|v| Value::Text(v.to_string())));
    format!("{col} IN ({})", marks.join(", "))
}

/// The SQL for a filter as of `today`.
pub fn to_sql(f: &Filter, today: NaiveDate) -> Sql {
    let mut parts: Vec<String> = Vec::new();
    let mut p: Vec<Value> = Vec::new();
    match f.archived.unwrap_or(Archived::No) {
        Archived::No => parts.push("c.archived = 0".into()),
        Archived::Yes => parts.push("c.archived = 1".into()),
        Archived::Any => {}
    }
    let text = |v: &str| Value::Text(v.to_string());
    for t in &f.terms {
        let expr = match &t.cond {
            Cond::Word(w) => {
                p.push(text(w));
                "instr(c.search, ?) > 0".to_string()
            }
            Cond::Tier(v) => list_in("d.tier", v, &mut p),
            Cond::Stage(v) => list_in("d.stage", v, &mut p),
            Cond::Behavior(v) => list_in("d.behavior", v, &mut p),
            Cond::Segment(v) => list_in("d.segment", v, &mut p),
            Cond::Kind(v) => list_in("c.kind", v, &mut p),
            Cond::Owner(o) => {
                p.push(text(o));
                "c.owner = ? COLLATE NOCASE".into()
            }
            Cond::Tag(tag) => {
                p.push(text(tag));
                "EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)".into()
            }
            Cond::Source(s) => {
                p.push(text(s));
                "c.source = ?".into()
            }
            Cond::Region(v) | Cond::Industry(v) | Cond::Company(v) | Cond::Name(v) | Cond::Email(v) => {
                let col = match &t.cond {
                    Cond::Region(_) => "c.region",
                    Cond::Industry(_) => "c.industry",
                    Cond::Company(_) => "c.company",
                    Cond::Name(_) => "c.name",
                    _ => "c.email",
                };
                p.push(text(v));
                format!("instr(lower({col}), ?) > 0")
            }
            Cond::Phone(digits) => {
                p.push(text(digits));
                "instr(c.phone_key, ?) > 0".into()
            }
            Cond::Due(d) => {
                let (op, date) = match d {
                    Due::Today => ("<=", today),
                    Due::Overdue => ("<", today),
                    Due::By(date) => ("<=", *date),
                };
                p.push(text(&date.to_string()));
                format!("d.next_due {op} ?")
            }
            Cond::Risk(c, n) => {
                p.push(Value::Integer(*n));
                format!("d.churn_risk {} ?", c.sql())
            }
            Cond::Revenue(c, n) => {
                p.push(Value::Integer(*n));
                format!("d.revenue_window {} ?", c.sql())
            }
            Cond::Clv(c, n) => {
                p.push(Value::Integer(*n));
                format!("(d.clv_hist + d.clv_proj) {} ?", c.sql())
            }
            Cond::Orders(c, n) => {
                p.push(Value::Integer(*n));
                format!("d.orders_total {} ?", c.sql())
            }
            Cond::Id(id) => {
                p.push(Value::Integer(*id));
                "c.id = ?".into()
            }
            Cond::ExternalId(x) => {
                p.push(text(x));
                "c.external_id = ?".into()
            }
            Cond::Flagged(b) => format!("d.churn_flag = {}", i64::from(*b)),
            Cond::Pinned(b) => format!("c.stage_pin IS {}NULL", if *b { "NOT " } else { "" }),
        };
        parts.push(if t.negated {
            format!("NOT coalesce(({expr}), 0)")
        } else {
            expr
        });
    }
    let clause = if parts.is_empty() {
        "1".to_string()
    } else {
        parts.join(" AND ")
    };
    Sql { clause, params: p }
}

/// Columns a list can be sorted by, each with its natural direction.
pub const SORTS: &[(&str, &str)] = &[
    ("id", "c.id ASC"),
    ("name", "c.name ASC"),
    ("company", "coalesce(c.company, '') ASC"),
    ("tier", "coalesce(d.tier, 'Z') ASC, d.basis_window DESC"),
    ("stage", "d.stage ASC"),
    ("segment", "coalesce(d.segment, 'zz') ASC"),
    ("risk", "d.churn_risk DESC"),
    ("revenue", "d.revenue_window DESC"),
    ("clv", "(d.clv_hist + d.clv_proj) DESC"),
    ("due", "d.next_due IS NULL, d.next_due ASC"),
    ("owner", "coalesce(c.owner, '') ASC"),
    ("updated", "c.updated_at DESC"),
];

/// The ORDER BY for `field` (a leading `-` reverses its natural direction).
pub fn order_by(field: &str) -> Result<String, Invalid> {
    let (rev, name) = match field.strip_prefix('-') {
        Some(n) => (true, n),
        None => (false, field),
    };
    let Some((_, sql)) = SORTS.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) else {
        let known: Vec<&str> = SORTS.iter().map(|(k, _)| *k).collect();
        return Err(Invalid::said(
            "sort",
            "invalid.sort",
            &[("value", name), ("known", &known.join(", "))],
        ));
    };
    let sql = if rev {
        sql.replace("ASC", "@").replace("DESC", "ASC").replace('@', "DESC")
    } else {
        sql.to_string()
    };
    Ok(format!("{sql}, c.id ASC"))
}

/// A customer with their stored inputs and classes.
pub struct Listed {
    pub customer: Customer,
    pub inputs: Inputs,
    pub classes: Classes,
}

/// Customers matching `filter`, sorted, at most `limit` (all when `None`).
pub fn list(
    conn: &Connection,
    filter: &Filter,
    sort: &str,
    limit: Option<usize>,
    today: NaiveDate,
) -> Result<Vec<Listed>> {
    let sql = to_sql(filter, today);
    let order = order_by(sort)?;
    let dcols: Vec<String> = columns().split(',').map(|c| format!("d.{}", c.trim())).collect();
    let limit = limit.map_or(-1, |l| l as i64);
    let q = format!(
        "SELECT {SELECT}, {} FROM customers c JOIN derived d ON d.customer_id = c.id WHERE {} ORDER BY {order} LIMIT {limit}",
        dcols.join(", "),
        sql.clause
    );
    let mut st = conn.prepare(&q)?;
    let rows = st.query_map(rusqlite::params_from_iter(sql.params.iter()), |r| {
        let customer = read_customer(r)?;
        let (inputs, classes) = read_row(r, SELECT_LEN)?;
        Ok(Listed {
            customer,
            inputs,
            classes,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of every customer matching `filter`, in `sort` order: a list view keeps these and loads only
/// the rows on screen with [`by_ids`].
pub fn ids(conn: &Connection, filter: &Filter, sort: &str, today: NaiveDate) -> Result<Vec<CustomerId>> {
    let sql = to_sql(filter, today);
    let order = order_by(sort)?;
    let q = format!(
        "SELECT c.id FROM customers c JOIN derived d ON d.customer_id = c.id WHERE {} ORDER BY {order}",
        sql.clause
    );
    let mut st = conn.prepare(&q)?;
    let rows = st.query_map(rusqlite::params_from_iter(sql.params.iter()), |r| {
        r.get(0).map(CustomerId)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The customers with these ids, in the order given (missing ones are left out).
pub fn by_ids(conn: &Connection, ids: &[CustomerId]) -> Result<Vec<Listed>> {
    let dcols: Vec<String> = columns().split(',').map(|c| format!("d.{}", c.trim())).collect();
    let mut st = conn.prepare_cached(&format!(
        "SELECT {SELECT}, {} FROM customers c JOIN derived d ON d.customer_id = c.id WHERE c.id = ?1",
        dcols.join(", ")
    ))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let mut rows = st.query([id.0])?;
        if let Some(r) = rows.next()? {
            let customer = read_customer(r)?;
            let (inputs, classes) = read_row(r, SELECT_LEN)?;
            out.push(Listed {
                customer,
                inputs,
                classes,
            });
        }
    }
    Ok(out)
}

/// How many customers match `filter`.
pub fn count(conn: &Connection, filter: &Filter, today: NaiveDate) -> Result<usize> {
    let sql = to_sql(filter, today);
    let q = format!(
        "SELECT count(*) FROM customers c JOIN derived d ON d.customer_id = c.id WHERE {}",
        sql.clause
    );
    let n: i64 = conn.query_row(&q, rusqlite::params_from_iter(sql.params.iter()), |r| r.get(0))?;
    Ok(n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter::parse;

    #[test]
    fn negation_and_parameters_line_up() {
        let f = parse("acme -tier:A risk:>=60 due:overdue", "me").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let s = to_sql(&f, today);
        assert_eq!(
            s.clause,
            "c.archived = 0 AND instr(c.search, ?) > 0 AND NOT coalesce((d.tier IN (?)), 0) AND d.churn_risk >= ? AND d.next_due < ?"
        );
        assert_eq!(s.params.len(), 4);
        assert_eq!(s.clause.matches('?').count(), s.params.len());
    }

    #[test]
    fn sort_fields_reverse_and_refuse_unknown() {
        assert_eq!(order_by("risk").unwrap(), "d.churn_risk DESC, c.id ASC");
        assert_eq!(order_by("-risk").unwrap(), "d.churn_risk ASC, c.id ASC");
        assert!(order_by("colour").unwrap_err().reason.contains("known: id, name"));
    }
}
