//! What `Params` offers through the table: listing, getting and setting a key, the stable `key = value`
//! text stored with the database, and the checks of range and order.

use super::Params;
use super::table::{ORDERED, Param, Setting, TABLE};
use crate::domain::Invalid;

impl Params {
    /// Every parameter's dotted key, sorted.
    pub fn keys() -> impl Iterator<Item = &'static str> {
        TABLE.iter().map(|p| p.key)
    }

    /// Every parameter with its value in force, range and doc, sorted by key.
    pub fn settings(&self) -> Vec<Setting> {
        TABLE
            .iter()
            .map(|p| Setting {
                key: p.key,
                value: p.text(self),
                range: p.range.text(),
                doc: p.doc,
            })
            .collect()
    }

    /// The value of `key` as a user writes it (money in major units); `None` for an unknown key.
    pub fn get(&self, key: &str) -> Option<String> {
        Param::find(key).ok().map(|p| p.text(self))
    }

    /// Sets `key` from a user's text: parsed, range-checked and checked against the other parameters.
    /// On error nothing changes, and the error names the key and says what it takes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), Invalid> {
        let mut next = self.clone();
        next.assign(key, value)?;
        next.check_naming(&|k| k == key)?;
        *self = next;
        Ok(())
    }

    /// Sets `key` with its own range checked but not yet the others: for applying several keys at once
    /// (a config section, the stable text) before one [`Params::check`].
    pub fn assign(&mut self, key: &str, value: &str) -> Result<(), Invalid> {
        Param::find(key)?.assign(self, value)
    }

    /// `key = value` lines sorted by key: the form stored with the database and compared to know whether
    /// the stored classes were made under these parameters. It changes only when a value does.
    pub fn to_stable_text(&self) -> String {
        TABLE
            .iter()
            .map(|p| format!("{} = {}\n", p.key, p.text(self)))
            .collect()
    }

    /// Reads [`Params::to_stable_text`] back. A key it does not name keeps its default (text written
    /// before that parameter existed); an unknown or repeated key, or a bad value, is an error.
    pub fn from_stable_text(text: &str) -> Result<Params, Invalid> {
        let mut p = Params::default();
        let mut seen = std::collections::BTreeSet::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(Invalid::new(
                    "settings",
                    format!("line {}: '{}' is not `key = value`", n + 1, line.trim()),
                ));
            };
            let key = key.trim();
            if !seen.insert(key.to_string()) {
                return Err(Invalid::new(key, format!("set twice (line {})", n + 1)));
            }
            p.assign(key, value)?;
        }
        p.check()?;
        Ok(p)
    }

    /// A stable fingerprint: stored classes computed under other parameters are stale.
    pub fn fingerprint(&self) -> String {
        self.to_stable_text()
    }

    /// Checks every parameter is in its range and that they make sense together.
    pub fn check(&self) -> Result<(), Invalid> {
        self.check_naming(&|_| false)
    }

    /// [`Params::check`], naming in an ordering error the side `named` says the user just set.
    pub fn check_naming(&self, named: &dyn Fn(&str) -> bool) -> Result<(), Invalid> {
        for p in TABLE {
            // Re-reading the text through the range catches a value built in code outside it.
            p.range.parse(p.key, &p.text(self))?;
        }
        for &(lo, hi) in ORDERED {
            let (Ok(plo), Ok(phi)) = (Param::find(lo), Param::find(hi)) else {
                continue;
            };
            if plo.ordinal(self) > phi.ordinal(self) {
                let (vlo, vhi) = (plo.text(self), phi.text(self));
                return Err(if named(hi) && !named(lo) {
                    Invalid::new(hi, format!("{vhi} must not be below {lo} ({vlo})"))
                } else {
                    Invalid::new(lo, format!("{vlo} must not be above {hi} ({vhi})"))
                });
            }
        }
        Ok(())
    }
}
