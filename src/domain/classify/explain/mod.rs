//! The human-readable reasons for each class, built from the stored inputs so they never drift from the
//! classes. The sentences come from the locale tables (`reason.*` in `assets/locales`), so the interface
//! can speak Chinese; scripts get English.

use chrono::NaiveDate;

use super::inputs::Inputs;
use super::params::{Basis, Params};
use super::{Classes, Population, Ranked};
use crate::domain::money;
use crate::i18n::I18n;

mod due;
mod sentences;

pub use due::{CadenceFrom, DueWhy, next_due};
pub use sentences::tier;
use sentences::{behavior, churn_reason, clv_reason, rfm, stage};

/// The classes that carry a reason, in the order every front end lists them. Each place that shows the
/// reasons (the CLI, the detail popup, JSON) walks [`ClassField::ALL`] instead of naming the fields, so a
/// new class is added here once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClassField {
    Tier,
    Behavior,
    Stage,
    Rfm,
    Clv,
    ChurnRisk,
    NextDue,
}

impl ClassField {
    /// Every class with a reason, in display order.
    pub const ALL: [ClassField; 7] = [
        ClassField::Tier,
        ClassField::Behavior,
        ClassField::Stage,
        ClassField::Rfm,
        ClassField::Clv,
        ClassField::ChurnRisk,
        ClassField::NextDue,
    ];

    /// The stable key: the field's name in JSON `reasons`.
    pub fn key(self) -> &'static str {
        match self {
            ClassField::Tier => "tier",
            ClassField::Behavior => "behavior",
            ClassField::Stage => "stage",
            ClassField::Rfm => "rfm",
            ClassField::Clv => "clv",
            ClassField::ChurnRisk => "churn_risk",
            ClassField::NextDue => "next_due",
        }
    }

    /// The locale key of the field's label: `class.` and the key.
    pub fn label_key(self) -> &'static str {
        match self {
            ClassField::Tier => "class.tier",
            ClassField::Behavior => "class.behavior",
            ClassField::Stage => "class.stage",
            ClassField::Rfm => "class.rfm",
            ClassField::Clv => "class.clv",
            ClassField::ChurnRisk => "class.churn_risk",
            ClassField::NextDue => "class.next_due",
        }
    }
}

/// One sentence per class, keyed as in JSON `reasons`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reasons {
    pub tier: String,
    pub behavior: String,
    pub stage: String,
    pub rfm: String,
    pub clv: String,
    pub churn_risk: String,
    pub next_due: String,
}

impl Reasons {
    /// The sentence for one class.
    pub fn get(&self, field: ClassField) -> &str {
        match field {
            ClassField::Tier => &self.tier,
            ClassField::Behavior => &self.behavior,
            ClassField::Stage => &self.stage,
            ClassField::Rfm => &self.rfm,
            ClassField::Clv => &self.clv,
            ClassField::ChurnRisk => &self.churn_risk,
            ClassField::NextDue => &self.next_due,
        }
    }

    /// Every class with its sentence, in [`ClassField::ALL`]'s order.
    pub fn iter(&self) -> impl Iterator<Item = (ClassField, &str)> + '_ {
        ClassField::ALL.into_iter().map(|f| (f, self.get(f)))
    }
}

/// As an object of the sentences keyed by [`ClassField::key`], in display order (`classify --explain`).
impl serde::Serialize for Reasons {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(ClassField::ALL.len()))?;
        for (field, text) in self.iter() {
            map.serialize_entry(field.key(), text)?;
        }
        map.end()
    }
}

/// What the sentences quote besides the customer: parameters, the date, the currency, the population,
/// and the language they are written in.
pub struct Context<'a> {
    pub params: &'a Params,
    pub today: NaiveDate,
    pub currency: &'a str,
    pub population: Population,
    pub words: &'a I18n,
}

impl Context<'_> {
    fn money(&self, minor: i64) -> String {
        money::format(minor, self.currency)
    }

    fn basis_word(&self) -> String {
        self.words
            .t(match self.params.basis {
                Basis::Revenue => "basis.revenue",
                Basis::Profit => "basis.profit",
            })
            .to_string()
    }

    fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.words.f(key, args)
    }

    /// A class value as the sentences name it: the stable spelling in English, the translation otherwise.
    fn class(&self, group: &str, value: &str) -> String {
        if self.words.lang() == "en" {
            value.to_string()
        } else {
            self.words.t(&format!("{group}.{value}")).to_string()
        }
    }

    fn count(&self, n: u32, what: &str) -> String {
        let key = if n == 1 {
            format!("count.{what}.one")
        } else {
            format!("count.{what}.many")
        };
        self.f(&key, &[("n", &n.to_string())])
    }
}

/// Every reason for one customer.
pub fn reasons(i: &Inputs, r: &Ranked, c: &Classes, ctx: &Context<'_>) -> Reasons {
    Reasons {
        tier: tier(i, r, ctx),
        behavior: behavior(i, ctx),
        stage: stage(i, ctx),
        rfm: rfm(i, c, ctx),
        clv: clv_reason(i, ctx),
        churn_risk: churn_reason(i, c, ctx),
        next_due: next_due(i, c, ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{customer, day};
    use super::super::{RankRow, finish, rank};
    use super::*;

    fn explain_all(inputs: &[Inputs], params: &Params, today: NaiveDate) -> Vec<Reasons> {
        let rows: Vec<RankRow> = inputs.iter().map(RankRow::from).collect();
        let (ranked, population) = rank(&rows, params);
        let words = I18n::new("en");
        let ctx = Context {
            params,
            today,
            currency: "CNY",
            population,
            words: &words,
        };
        inputs
            .iter()
            .zip(&ranked)
            .map(|(i, r)| reasons(i, r, &finish(i, r, params, today), &ctx))
            .collect()
    }

    #[test]
    fn every_class_field_is_listed_once_with_a_label_in_both_languages() {
        let r = Reasons {
            tier: "t".into(),
            behavior: "b".into(),
            stage: "s".into(),
            rfm: "r".into(),
            clv: "c".into(),
            churn_risk: "k".into(),
            next_due: "n".into(),
        };
        let texts: Vec<&str> = r.iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["t", "b", "s", "r", "c", "k", "n"]);
        // The JSON of `classify --explain` lists the keys in display order.
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"tier":"t","behavior":"b","stage":"s","rfm":"r","clv":"c","churn_risk":"k","next_due":"n"}"#
        );
        for lang in ["en", "zh"] {
            let words = I18n::new(lang);
            for f in ClassField::ALL {
                assert_eq!(f.label_key(), format!("class.{}", f.key()));
                assert!(words.get(f.label_key()).is_some(), "{lang}: {f:?} has no label");
            }
        }
    }

    #[test]
    fn reasons_quote_the_numbers_behind_each_class() {
        let p = Params::default();
        let today = day("2026-11-22");
        let big = customer(1, &[("2026-11-01", 12_840_000), ("2026-10-01", 100)], today, &p);
        let small = customer(2, &[("2026-06-01", 100_000)], today, &p);
        let lead = customer(3, &[], today, &p);
        let r = explain_all(&[big, small, lead], &p, today);
        assert_eq!(
            r[0].tier,
            "A: revenue ¥128,401 in the last 365 days, ranked 1 of 2; customers ranked above hold 0.0% of revenue, under the 80% line"
        );
        assert!(r[1].tier.starts_with("C: revenue ¥1,000"), "{}", r[1].tier);
        assert!(r[1].tier.contains("at or over the 95% line"), "{}", r[1].tier);
        assert_eq!(r[2].tier, "C: no revenue in the last 365 days");
        assert_eq!(
            r[0].behavior,
            "occasional: 2 orders in the last 365 days (frequent from 4, occasional from 2)"
        );
        assert_eq!(r[2].stage, "potential: no orders and no contact logged yet");
        assert_eq!(r[2].rfm, "no RFM: no orders yet");
        // The better of two buyers sits at the 75th percentile: 4 on each score.
        assert!(
            r[0].rfm.starts_with("R4 F4 M4 (loyal): last order 21 days ago"),
            "{}",
            r[0].rfm
        );
        assert!(r[0].clv.contains("historical ¥128,401"), "{}", r[0].clv);
        assert!(
            r[2].next_due
                .contains("never contacted: created 2020-01-01 + 7 days (every 7 days for a lead)"),
            "{}",
            r[2].next_due
        );
    }

    #[test]
    fn churn_reason_names_every_point() {
        let p = Params::default();
        let today = day("2026-11-22");
        let mut c = customer(
            1,
            &[("2026-01-10", 1000), ("2026-07-25", 400), ("2026-08-24", 100)],
            today,
            &p,
        );
        c.open_complaints = [1, 0, 0, 0];
        c.last_satisfaction = Some(1);
        let r = explain_all(&[c], &p, today);
        // Gaps 196 and 30 days: median 113; the last order 90 days ago is on time.
        assert_eq!(
            r[0].churn_risk,
            "65 — flagged (line 60): 25 for open complaints (1 × P1); 20 for a last satisfaction score of 1; \
             20 for spend falling from ¥10 to ¥5 between the halves of the window"
        );
    }

    #[test]
    fn the_same_reasons_in_chinese() {
        let p = Params::default();
        let today = day("2026-11-22");
        let c = customer(1, &[("2026-05-25", 128_400)], today, &p);
        let rows = vec![RankRow::from(&c)];
        let (ranked, population) = rank(&rows, &p);
        let words = I18n::new("zh");
        let ctx = Context {
            params: &p,
            today,
            currency: "CNY",
            population,
            words: &words,
        };
        let r = reasons(&c, &ranked[0], &finish(&c, &ranked[0], &p, today), &ctx);
        assert_eq!(r.stage, "风险：最近一次下单在 181 天前（2026-05-25），超过 180 天");
        assert!(r.tier.starts_with("A：近 365 天收入 ¥1,284"), "{}", r.tier);
        assert!(!r.next_due.contains("last contact"), "{}", r.next_due);
    }
}
