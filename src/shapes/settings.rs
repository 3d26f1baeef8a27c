//! The file's rules as JSON: `settings --json` (every rule with its value, range and meaning) and what
//! `settings set --json` changed.

use crate::store::settings::Shown;

pub use crate::store::settings::Change as SettingChangeJson;

/// One rule's entry under its key.
#[derive(Debug, serde::Serialize)]
// Fields in the order `settings --json` has always printed them: sorted.
pub struct RuleJson<'a> {
    pub doc: &'a str,
    pub range: &'a str,
    pub value: &'a str,
}

/// Every rule keyed by its key, sorted (`settings --json`).
pub fn rules(shown: &[Shown]) -> std::collections::BTreeMap<&str, RuleJson<'_>> {
    shown
        .iter()
        .map(|s| {
            (
                s.key.as_str(),
                RuleJson {
                    doc: &s.doc,
                    range: &s.range,
                    value: &s.value,
                },
            )
        })
        .collect()
}
