//! The human-readable reasons for each class, built from the stored inputs so they never drift from the
//! classes. The sentences come from the locale tables (`reason.*` in `assets/locales`), so the interface
//! can speak Chinese; scripts get English.

use chrono::NaiveDate;

use super::cadence::{self, DueBasis};
use super::churn;
use super::clv;
use super::inputs::Inputs;
use super::lifecycle::{self, Rule};
use super::params::{Basis, Method, Params};
use super::{Classes, Population, Ranked};
use crate::domain::money;
use crate::i18n::I18n;

/// One sentence per class, keyed as in JSON `reasons`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reasons {
    pub tier: String,
    pub behavior: String,
    pub stage: String,
    pub rfm: String,
    pub clv: String,
    pub churn_risk: String,
    pub next_due: String,
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

fn percent(part: i64, whole: i64) -> String {
    if whole == 0 {
        return "0%".into();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

/// The tier sentence, e.g. "A: revenue ¥128,400 in the last 365 days, ranked 12 of 8,034; customers ranked
/// above hold 41.2% of revenue, under the 80% line".
pub fn tier(i: &Inputs, r: &Ranked, ctx: &Context<'_>) -> String {
    let p = ctx.params;
    let Some(t) = r.tier else {
        return ctx.f("reason.tier.archived", &[]);
    };
    let (tier, what, days) = (t.to_string(), ctx.basis_word(), p.window_days.to_string());
    if i.basis_window <= 0 {
        return ctx.f(
            "reason.tier.none",
            &[("tier", &tier), ("basis", &what), ("days", &days)],
        );
    }
    let head = ctx.f(
        "reason.tier.head",
        &[
            ("tier", &tier),
            ("basis", &what),
            ("amount", &ctx.money(i.basis_window)),
            ("days", &days),
        ],
    );
    let (a_min, b_min) = (ctx.money(p.a_min), ctx.money(p.b_min));
    match p.method {
        Method::Threshold => {
            let key = match t {
                crate::domain::Tier::A => "reason.tier.threshold_a",
                crate::domain::Tier::B => "reason.tier.threshold_b",
                crate::domain::Tier::C => "reason.tier.threshold_c",
            };
            ctx.f(key, &[("head", &head), ("a", &a_min), ("b", &b_min)])
        }
        Method::Pareto => {
            let (a, b) = (p.a_share.percent().to_string(), p.b_share.percent().to_string());
            let line_key = match t {
                crate::domain::Tier::A => "reason.tier.line_a",
                crate::domain::Tier::B => "reason.tier.line_b",
                crate::domain::Tier::C => "reason.tier.line_c",
            };
            let line = ctx.f(line_key, &[("a", &a), ("b", &b)]);
            ctx.f(
                "reason.tier.pareto",
                &[
                    ("head", &head),
                    ("position", &money::group_thousands(r.position as u64)),
                    ("ranked", &money::group_thousands(ctx.population.ranked as u64)),
                    ("share", &percent(r.before, ctx.population.total)),
                    ("basis", &what),
                    ("line", &line),
                ],
            )
        }
    }
}

fn behavior(i: &Inputs, ctx: &Context<'_>) -> String {
    let b = super::behavior::classify(i.orders_window, ctx.params);
    ctx.f(
        "reason.behavior",
        &[
            ("behavior", &ctx.class("behavior", b.as_str())),
            ("orders", &ctx.count(i.orders_window, "order")),
            ("days", &ctx.params.window_days.to_string()),
            ("frequent", &ctx.params.frequent_min.to_string()),
        ],
    )
}

fn stage(i: &Inputs, ctx: &Context<'_>) -> String {
    let p = ctx.params;
    let (s, rule) = lifecycle::decide(i, p, ctx.today);
    let days_since = |d: Option<NaiveDate>| d.map_or(0, |d| (ctx.today - d).num_days()).to_string();
    let last = i.last_order.map(|d| d.to_string()).unwrap_or_default();
    let stage = ctx.class("stage", s.as_str());
    let (min, min_days) = (p.loyal_min_orders.to_string(), p.loyal_min_days.to_string());
    match rule {
        Rule::Pinned => {
            let unpinned = Inputs {
                stage_pin: None,
                ..i.clone()
            };
            let (rules, _) = lifecycle::decide(&unpinned, p, ctx.today);
            ctx.f(
                "reason.stage.pinned",
                &[("stage", &stage), ("rules", &ctx.class("stage", rules.as_str()))],
            )
        }
        Rule::NoOrdersNoContact => ctx.f("reason.stage.potential", &[("stage", &stage)]),
        Rule::NoOrdersContacted => ctx.f(
            "reason.stage.intent",
            &[("stage", &stage), ("contacts", &ctx.count(i.contacts_total, "contact"))],
        ),
        Rule::Churned | Rule::AtRisk => {
            let limit = if rule == Rule::Churned {
                p.churn_days
            } else {
                p.at_risk_days
            };
            ctx.f(
                "reason.stage.late",
                &[
                    ("stage", &stage),
                    ("days", &days_since(i.last_order)),
                    ("date", &last),
                    ("limit", &limit.to_string()),
                ],
            )
        }
        Rule::Loyal => ctx.f(
            "reason.stage.loyal",
            &[
                ("stage", &stage),
                ("orders", &ctx.count(i.orders_total, "order")),
                ("first", &days_since(i.first_order)),
                ("min", &min),
                ("min_days", &min_days),
            ],
        ),
        Rule::Active => ctx.f(
            "reason.stage.active",
            &[
                ("stage", &stage),
                ("since", &days_since(i.last_order)),
                ("orders", &ctx.count(i.orders_total, "order")),
                ("first", &days_since(i.first_order)),
                ("min", &min),
                ("min_days", &min_days),
            ],
        ),
    }
}

fn rfm(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
    let (Some(s), Some(seg)) = (c.rfm, c.segment) else {
        return ctx.f(
            if i.archived {
                "reason.rfm.archived"
            } else {
                "reason.rfm.none"
            },
            &[],
        );
    };
    let since = i.last_order.map_or(0, |d| (ctx.today - d).num_days());
    ctx.f(
        "reason.rfm",
        &[
            ("r", &s.r.to_string()),
            ("f", &s.f.to_string()),
            ("m", &s.m.to_string()),
            ("segment", &ctx.class("segment", seg.as_str())),
            ("since", &since.to_string()),
            ("orders", &ctx.count(i.orders_window, "order")),
            ("amount", &ctx.money(i.basis_window)),
            ("basis", &ctx.basis_word()),
            ("days", &ctx.params.window_days.to_string()),
            ("buyers", &money::group_thousands(ctx.population.buyers as u64)),
        ],
    )
}

fn clv_reason(i: &Inputs, ctx: &Context<'_>) -> String {
    let v = clv::value(i, ctx.params, ctx.today);
    if i.orders_total == 0 {
        return ctx.f("reason.clv.none", &[("zero", &ctx.money(0))]);
    }
    let per_year = f64::from(i.orders_total) * 365.0 / v.span_days as f64;
    ctx.f(
        "reason.clv",
        &[
            ("total", &ctx.money(v.historical + v.projected)),
            ("hist", &ctx.money(v.historical)),
            ("proj", &ctx.money(v.projected)),
            ("aov", &ctx.money(clv::average_order(i))),
            ("per_year", &format!("{per_year:.1}")),
            ("years", &ctx.params.clv_years.to_string()),
        ],
    )
}

fn churn_reason(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
    let p = ctx.params;
    let stage = lifecycle::classify(i, p, ctx.today);
    let s = churn::score(i, c.tier, stage, p, ctx.today);
    let mut parts: Vec<String> = Vec::new();
    if s.recency > 0 {
        let gap_key = if s.gap_is_own {
            "reason.churn.gap_own"
        } else {
            "reason.churn.gap_default"
        };
        let gap = ctx.f(gap_key, &[("gap", &s.expected_gap.to_string())]);
        parts.push(ctx.f(
            "reason.churn.recency",
            &[
                ("points", &s.recency.to_string()),
                ("days", &s.days_since.to_string()),
                ("gap", &gap),
            ],
        ));
    }
    if s.complaints > 0 {
        let list: Vec<String> = s
            .complaints_by_priority
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{n} × P{}", k + 1))
            .collect();
        let capped = if s.complaints == churn::COMPLAINTS_MAX {
            ctx.f("reason.churn.capped", &[])
        } else {
            String::new()
        };
        parts.push(ctx.f(
            "reason.churn.complaints",
            &[
                ("points", &s.complaints.to_string()),
                ("list", &list.join(", ")),
                ("capped", &capped),
            ],
        ));
    }
    if s.unhappy > 0 {
        parts.push(ctx.f(
            "reason.churn.unhappy",
            &[
                ("points", &s.unhappy.to_string()),
                ("score", &i.last_satisfaction.unwrap_or_default().to_string()),
            ],
        ));
    }
    if s.spend_drop > 0 {
        parts.push(ctx.f(
            "reason.churn.drop",
            &[
                ("points", &s.spend_drop.to_string()),
                ("from", &ctx.money(i.spend_first_half)),
                ("to", &ctx.money(i.spend_second_half)),
            ],
        ));
    }
    let flag = if s.flag {
        ctx.f("reason.churn.flagged", &[("line", &p.churn_flag.to_string())])
    } else if s.total >= p.churn_flag {
        ctx.f("reason.churn.not_flagged", &[])
    } else {
        String::new()
    };
    if parts.is_empty() {
        return ctx.f("reason.churn.nothing", &[("flag", &flag)]);
    }
    let sum: u32 = [s.recency, s.complaints, s.unhappy, s.spend_drop]
        .iter()
        .map(|&v| u32::from(v))
        .sum();
    let cap = if sum > 100 {
        ctx.f("reason.churn.sum_capped", &[("sum", &sum.to_string())])
    } else {
        String::new()
    };
    ctx.f(
        "reason.churn",
        &[
            ("total", &s.total.to_string()),
            ("cap", &cap),
            ("flag", &flag),
            ("parts", &parts.join(&ctx.f("reason.sep", &[]))),
        ],
    )
}

/// The next-due sentence; it needs no ranking, only the stored inputs and classes.
pub fn next_due(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
    let (Some(days), Some(due)) = (c.cadence_days, c.next_due) else {
        return ctx.f("reason.due.archived", &[]);
    };
    let d = days.to_string();
    let why = if c.stage.is_lead() {
        ctx.f("reason.due.lead", &[("days", &d)])
    } else {
        ctx.f(
            "reason.due.tier",
            &[("days", &d), ("tier", &c.tier.map_or("C".into(), |t| t.to_string()))],
        )
    };
    let capped = if c.churn_flag {
        ctx.f("reason.due.capped", &[])
    } else {
        String::new()
    };
    let (_, basis) = cadence::next_due_with_basis(i, days);
    let (key, date) = match basis {
        DueBasis::LastContact(x) => ("reason.due.contact", x),
        DueBasis::Created(x) => ("reason.due.created", x),
        DueBasis::Followup(x) => ("reason.due.followup", x),
    };
    let when = ctx.f(
        key,
        &[
            ("date", &date.to_string()),
            ("days", &d),
            ("why", &why),
            ("capped", &capped),
        ],
    );
    let state = match cadence::overdue_days(due, ctx.today) {
        0 => ctx.f("reason.due.today", &[]),
        n if n > 0 => ctx.f("reason.due.overdue", &[("n", &n.to_string())]),
        _ => String::new(),
    };
    ctx.f(
        "reason.due",
        &[("due", &due.to_string()), ("when", &when), ("state", &state)],
    )
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
