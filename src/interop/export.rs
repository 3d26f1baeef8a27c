//! Exporting records as CSV (headers that `import` reads back) or JSON, and the queue as iCalendar.

use std::io::Write;

use anyhow::Result;

use super::import::RecordKind;
use crate::domain::filter::{Archived, Filter};
use crate::domain::{CustomerId, dates, money};
use crate::shapes::{FeedbackJson, records};
use crate::store::{Store, contacts, feedback, filter_sql, orders, stats};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    /// The follow-up queue of the coming days (`super::ics`), whatever the record kind.
    Ics(super::ics::Options),
}

/// Writes records as one pretty JSON array and says how many.
fn write_json<T: serde::Serialize>(out: &mut dyn Write, rows: &[T]) -> Result<usize> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)?;
    Ok(rows.len())
}

/// Writes a CSV of records that belong to a customer. Every row starts with the record's id, the
/// customer's id and the keys `import` finds customers by (external id, email, phone), so the file reads
/// back in; `cells` gives the record's id, its customer and the remaining cells, under `headers`.
fn keyed_csv<T>(
    store: &Store,
    out: &mut dyn Write,
    rows: &[T],
    headers: &[&str],
    cells: impl Fn(&T) -> (i64, i64, Vec<String>),
) -> Result<usize> {
    let keys = stats::customer_keys(store.conn())?;
    let mut w = csv::Writer::from_writer(out);
    let mut head = vec!["id", "tiercrm_customer_id", "external_id", "email", "phone"];
    head.extend_from_slice(headers);
    w.write_record(&head)?;
    for row in rows {
        let (id, customer, rest) = cells(row);
        let (x, e, p) = keys
            .get(&crate::domain::CustomerId(customer))
            .cloned()
            .unwrap_or_default();
        let mut record = vec![
            id.to_string(),
            customer.to_string(),
            x.unwrap_or_default(),
            e.unwrap_or_default(),
            p.unwrap_or_default(),
        ];
        record.extend(rest);
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(rows.len())
}

/// Writes every record of `kind` (archived customers included) to `out`.
pub fn export(store: &Store, kind: RecordKind, format: Format, out: &mut dyn Write) -> Result<usize> {
    if let Format::Ics(opts) = format {
        return super::ics::write(store, &opts, out);
    }
    let conn = store.conn();
    let all = Filter {
        terms: Vec::new(),
        archived: Some(Archived::Any),
    };
    match kind {
        RecordKind::Customers => {
            let rows = filter_sql::list(conn, &all, "id", None, store.today)?;
            if format == Format::Json {
                let json: Vec<_> = rows
                    .iter()
                    .map(|r| crate::shapes::to_json(&r.customer, &r.inputs, &r.classes, None))
                    .collect();
                return write_json(out, &json);
            }
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "id",
                "external_id",
                "name",
                "kind",
                "company",
                "industry",
                "region",
                "address",
                "phone",
                "email",
                "social",
                "source",
                "owner",
                "tags",
                "needs",
                "notes",
                "archived",
                "tier",
                "behavior",
                "stage",
                "rfm",
                "rfm_segment",
                "revenue_window",
                "clv",
                "churn_risk",
                "next_due",
            ])?;
            for r in &rows {
                let (c, cl) = (&r.customer, &r.classes);
                let o = |v: &Option<String>| v.clone().unwrap_or_default();
                w.write_record([
                    c.id.to_string(),
                    o(&c.external_id),
                    c.name.clone(),
                    c.kind.to_string(),
                    o(&c.company),
                    o(&c.industry),
                    o(&c.region),
                    o(&c.address),
                    o(&c.phone),
                    o(&c.email),
                    o(&c.social),
                    o(&c.source),
                    o(&c.owner),
                    c.tags.join(","),
                    o(&c.needs),
                    o(&c.notes),
                    c.archived.to_string(),
                    cl.tier.map(|t| t.to_string()).unwrap_or_default(),
                    cl.behavior.to_string(),
                    cl.stage.to_string(),
                    cl.rfm.map(|s| s.to_string()).unwrap_or_default(),
                    cl.segment.map(|s| s.to_string()).unwrap_or_default(),
                    money::to_major_text(r.inputs.revenue_window),
                    money::to_major_text(cl.clv_hist.saturating_add(cl.clv_proj)),
                    cl.churn_risk.to_string(),
                    cl.next_due.map(|d| d.to_string()).unwrap_or_default(),
                ])?;
            }
            w.flush()?;
            Ok(rows.len())
        }
        RecordKind::Orders => {
            let rows = orders::list(conn, None, None)?;
            if format == Format::Json {
                return write_json(out, &records::all::<_, records::OrderJson>(&rows));
            }
            keyed_csv(store, out, &rows, &["date", "amount", "cost", "product"], |o| {
                let cells = vec![
                    o.date.to_string(),
                    money::to_major_text(o.amount),
                    o.cost.map(money::to_major_text).unwrap_or_default(),
                    o.product.clone().unwrap_or_default(),
                ];
                (o.id.0, o.customer_id.0, cells)
            })
        }
        RecordKind::Contacts => {
            let rows = contacts::list(conn, None, None)?;
            if format == Format::Json {
                return write_json(out, &records::all::<_, records::ContactJson>(&rows));
            }
            let headers = ["date", "channel", "direction", "summary", "outcome", "staff", "next"];
            keyed_csv(store, out, &rows, &headers, |c| {
                let cells = vec![
                    dates::format_datetime(c.at),
                    c.channel.to_string(),
                    c.direction.to_string(),
                    c.summary.clone().unwrap_or_default(),
                    c.outcome.clone().unwrap_or_default(),
                    c.staff.clone(),
                    c.next_date.map(|d| d.to_string()).unwrap_or_default(),
                ];
                (c.id.0, c.customer_id.0, cells)
            })
        }
        RecordKind::Feedback => {
            let rows = feedback::list_by(conn, None::<CustomerId>, false, None, store.today, &store.respond)?;
            if format == Format::Json {
                return write_json(out, &records::all::<_, FeedbackJson>(&rows));
            }
            let headers = [
                "date",
                "kind",
                "channel",
                "title",
                "body",
                "urgency",
                "importance",
                "priority",
                "status",
                "assignee",
                "resolution",
                "resolved_at",
                "satisfaction",
            ];
            keyed_csv(store, out, &rows, &headers, |r| {
                let f = &r.feedback;
                let cells = vec![
                    dates::format_datetime(f.received_at),
                    f.kind.to_string(),
                    f.channel.clone().unwrap_or_default(),
                    f.title.clone(),
                    f.body.clone().unwrap_or_default(),
                    f.urgency.to_string(),
                    f.importance.to_string(),
                    r.priority.to_string(),
                    f.status.to_string(),
                    f.assignee.clone().unwrap_or_default(),
                    f.resolution.clone().unwrap_or_default(),
                    f.resolved_at.map(dates::format_datetime).unwrap_or_default(),
                    f.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
                ];
                (f.id.0, f.customer_id.0, cells)
            })
        }
    }
}
