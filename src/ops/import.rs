//! Importing a file: every row in one transaction (or, in a dry run, checked and rolled back); any
//! rejected row rejects the whole file, and every rejected row is reported as `file:line: field: why`.

use std::path::Path;

use crate::domain::{CustomerId, Invalid};
use crate::interop::import::{self, OnDuplicate, Options, RecordKind, Report};
use crate::interop::rows::{CustomerKey, Line};
use crate::store::{Result, Store, StoreError, Tx, contacts, customers, feedback, orders};

/// Imports `path` as `opts` say. `interop` reads the file and maps each row to the domain's values; this
/// writes them through each table's own functions (the checks and effects of a record added by hand) in
/// one transaction under the trigger `import FILE`.
pub fn file(store: &mut Store, path: &Path, opts: &Options) -> Result<Report> {
    let parsed = import::read(path, opts)?;
    let mut report = parsed.report.clone();
    let trigger = format!(
        "import {}",
        path.file_name()
            .map_or_else(|| report.file.clone(), |n| n.to_string_lossy().into_owned())
    );
    store.try_write(&trigger, !opts.dry_run, |w| {
        let mut errors: Vec<String> = Vec::new();
        for line in parsed.lines() {
            let result = match parsed.kind {
                RecordKind::Customers => customer_row(w, &line, opts.on_duplicate, &mut report.warnings),
                RecordKind::Orders => order_row(w, &line),
                RecordKind::Contacts => contact_row(w, &line),
                RecordKind::Feedback => feedback_row(w, &line),
            };
            let at = &line.at;
            match result {
                Ok(Outcome::Created) => report.created += 1,
                Ok(Outcome::Merged) => report.merged += 1,
                Ok(Outcome::Skipped) => report.skipped += 1,
                Err(StoreError::Invalid(e)) => errors.push(format!("{at}: {}: {}", e.field, e.reason)),
                Err(e @ StoreError::Duplicate(_)) => errors.push(format!("{at}: {e}")),
                Err(StoreError::NotFound { entity, id }) => errors.push(format!("{at}: {entity} {id} not found")),
                Err(e) => return Err(e),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Rejected(errors))
        }
    })?;
    Ok(report)
}

enum Outcome {
    Created,
    Merged,
    Skipped,
}

/// A customer row: created, or — when it matches a customer by external id, email or phone — merged,
/// skipped or refused as `dup` says.
fn customer_row(w: &mut Tx<'_>, line: &Line<'_>, dup: OnDuplicate, warnings: &mut Vec<String>) -> Result<Outcome> {
    let (patch, warning) = line.customer()?;
    warnings.extend(warning);
    let existing = customers::find_by_key(
        &w.tx,
        patch.external_id.as_deref(),
        patch.email.as_deref(),
        patch.phone.as_deref(),
    )?;
    match (existing, dup) {
        (None, _) => {
            if patch.name.is_none() {
                return Err(Invalid::new("name", "is empty").into());
            }
            customers::add(w, patch)?;
            Ok(Outcome::Created)
        }
        (Some((id, key)), OnDuplicate::Error) => Err(StoreError::Duplicate(Invalid::new(
            key,
            format!("same as customer {id}; use --on-duplicate merge or skip"),
        ))),
        (Some(_), OnDuplicate::Skip) => Ok(Outcome::Skipped),
        (Some((id, _)), OnDuplicate::Merge) => {
            customers::edit(w, id, patch, None)?;
            Ok(Outcome::Merged)
        }
    }
}

/// The customer a record belongs to; found first, so that a row for no customer says so whatever else it
/// gets wrong.
fn customer_of(w: &Tx<'_>, key: CustomerKey<'_>) -> Result<CustomerId> {
    let CustomerKey {
        external_id: x,
        email: e,
        phone: p,
    } = key;
    match customers::find_by_key(&w.tx, x, e, p)? {
        Some((id, _)) => Ok(id),
        None => {
            let key = x
                .map(|v| format!("external_id '{v}'"))
                .or(e.map(|v| format!("email '{v}'")))
                .or(p.map(|v| format!("phone '{v}'")));
            Err(Invalid::new(
                "customer",
                match key {
                    Some(k) => format!("no customer with {k}; import the customers first"),
                    None => "no external_id, email or phone to find the customer by".to_string(),
                },
            )
            .into())
        }
    }
}

fn order_row(w: &mut Tx<'_>, line: &Line<'_>) -> Result<Outcome> {
    let customer_id = customer_of(w, line.key())?;
    let order = line.order(customer_id, w.currency)?;
    orders::add(w, order)?;
    Ok(Outcome::Created)
}

fn contact_row(w: &mut Tx<'_>, line: &Line<'_>) -> Result<Outcome> {
    let customer_id = customer_of(w, line.key())?;
    contacts::log(w, line.contact(customer_id)?)?;
    Ok(Outcome::Created)
}

fn feedback_row(w: &mut Tx<'_>, line: &Line<'_>) -> Result<Outcome> {
    let customer_id = customer_of(w, line.key())?;
    let row = line.feedback(customer_id, w.today)?;
    let item = feedback::add(w, row.new)?;
    if let Some(update) = row.then? {
        feedback::update(w, item.id, update)?;
    }
    Ok(Outcome::Created)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::CustomerPatch;
    use crate::ops::testing;

    /// Imports `text` as a file of `kind` into `store`, returning the rejected lines.
    fn rejected(store: &mut Store, kind: RecordKind, text: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, text).unwrap();
        let opts = Options {
            kind: Some(kind),
            ..Options::default()
        };
        match file(store, &path, &opts) {
            Err(StoreError::Rejected(lines)) => lines
                .iter()
                .map(|l| l.replace(&path.display().to_string(), "f.csv"))
                .collect(),
            other => panic!("expected the file refused, got {other:?}"),
        }
    }

    #[test]
    fn a_row_is_refused_for_what_it_gets_wrong_first_and_nothing_is_written() {
        let (_dir, mut store) = testing::store();
        let ann = testing::customer(&mut store, "Ann");
        store
            .write("test", |w| {
                customers::edit(
                    w,
                    ann,
                    CustomerPatch {
                        email: Some("ann@example.com".into()),
                        ..CustomerPatch::default()
                    },
                    None,
                )
            })
            .unwrap();
        // The customer is looked for before the row's own cells are read.
        let lines = rejected(
            &mut store,
            RecordKind::Orders,
            "email,date,amount\nnobody@example.com,2026-02-30,x\n",
        );
        assert_eq!(
            lines,
            ["f.csv:2: customer: no customer with email 'nobody@example.com'; import the customers first"]
        );
        // A feedback item is checked before the status it is to be moved to.
        let lines = rejected(
            &mut store,
            RecordKind::Feedback,
            "email,kind,title,status\nann@example.com,complaint, ,lost\n",
        );
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("f.csv:2: title:"), "{lines:?}");
        let lines = rejected(
            &mut store,
            RecordKind::Feedback,
            "email,kind,title,status\nann@example.com,complaint,late,lost\n",
        );
        assert!(lines[0].starts_with("f.csv:2: status:"), "{lines:?}");
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM feedback", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "a refused file writes nothing");
    }
}
