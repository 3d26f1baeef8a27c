//! The human-readable reasons for each class, built from the stored inputs so they never drift from the classes.

use chrono::NaiveDate;

use super::cadence::{self, DueBasis};
use super::churn;
use super::clv;
use super::inputs::Inputs;
use super::lifecycle::{self, Rule};
use super::params::{Basis, Method, Params};
use super::{Classes, Population, Ranked};
use crate::domain::money;

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

/// What the sentences quote besides the customer: parameters, the date, the currency, the population.
pub struct Context<'a> {
    pub params: &'a Params,
    pub today: NaiveDate,
    pub currency: &'a str,
    pub population: Population,
}

impl Context<'_> {
    fn money(&self, minor: i64) -> String {
        money::format(minor, self.currency)
    }

    fn basis_word(&self) -> &'static str {
        match self.params.basis {
            Basis::Revenue => "revenue",
            Basis::Profit => "profit",
        }
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

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
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
        return "no tier: archived customers are left out of the ranking".into();
    };
    let what = ctx.basis_word();
    if i.basis_window <= 0 {
        return format!("{t}: no {what} in the last {} days", p.window_days);
    }
    let head = format!(
        "{t}: {what} {} in the last {} days",
        ctx.money(i.basis_window),
        p.window_days
    );
    match p.method {
        Method::Threshold => {
            let line = match t {
                crate::domain::Tier::A => {
                    format!("at or over the A line of {}", ctx.money(p.a_min))
                }
                crate::domain::Tier::B => {
                    format!(
                        "at or over the B line of {}, under the A line of {}",
                        ctx.money(p.b_min),
                        ctx.money(p.a_min)
                    )
                }
                crate::domain::Tier::C => format!("under the B line of {}", ctx.money(p.b_min)),
            };
            format!("{head}, {line}")
        }
        Method::Pareto => {
            let share = percent(r.before, ctx.population.total);
            let (a, b) = (p.a_share.percent(), p.b_share.percent());
            let line = match t {
                crate::domain::Tier::A => format!("under the {a}% line"),
                crate::domain::Tier::B => format!("at or over the {a}% line, under the {b}% line"),
                crate::domain::Tier::C => format!("at or over the {b}% line"),
            };
            format!(
                "{head}, ranked {} of {}; customers ranked above hold {share} of {what}, {line}",
                money::group_thousands(r.position as u64),
                money::group_thousands(ctx.population.ranked as u64)
            )
        }
    }
}

fn behavior(i: &Inputs, ctx: &Context<'_>) -> String {
    let b = super::behavior::classify(i.orders_window, ctx.params);
    format!(
        "{b}: {} in the last {} days (frequent from {}, occasional from 2)",
        plural(i.orders_window, "order", "orders"),
        ctx.params.window_days,
        ctx.params.frequent_min
    )
}

fn stage(i: &Inputs, ctx: &Context<'_>) -> String {
    let p = ctx.params;
    let (s, rule) = lifecycle::decide(i, p, ctx.today);
    let days_since = |d: Option<NaiveDate>| d.map_or(0, |d| (ctx.today - d).num_days());
    let last = i.last_order.map(|d| d.to_string()).unwrap_or_default();
    match rule {
        Rule::Pinned => {
            let unpinned = Inputs {
                stage_pin: None,
                ..i.clone()
            };
            let (rules, _) = lifecycle::decide(&unpinned, p, ctx.today);
            format!("{s}: pinned by hand (the rules alone would say {rules})")
        }
        Rule::NoOrdersNoContact => format!("{s}: no orders and no contact logged yet"),
        Rule::NoOrdersContacted => {
            format!(
                "{s}: no orders yet; {} logged",
                plural(i.contacts_total, "contact", "contacts")
            )
        }
        Rule::Churned => format!(
            "{s}: last order {} days ago ({last}), more than {}",
            days_since(i.last_order),
            p.churn_days
        ),
        Rule::AtRisk => format!(
            "{s}: last order {} days ago ({last}), more than {}",
            days_since(i.last_order),
            p.at_risk_days
        ),
        Rule::Loyal => format!(
            "{s}: {}, the first {} days ago (loyal from {} orders and {} days)",
            plural(i.orders_total, "order", "orders"),
            days_since(i.first_order),
            p.loyal_min_orders,
            p.loyal_min_days
        ),
        Rule::Active => format!(
            "{s}: last order {} days ago; {}, the first {} days ago (loyal needs {} orders and {} days)",
            days_since(i.last_order),
            plural(i.orders_total, "order", "orders"),
            days_since(i.first_order),
            p.loyal_min_orders,
            p.loyal_min_days
        ),
    }
}

fn rfm(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
    let (Some(s), Some(seg)) = (c.rfm, c.segment) else {
        return if i.archived {
            "no RFM: archived customers are left out of the ranking".into()
        } else {
            "no RFM: no orders yet".into()
        };
    };
    let since = i.last_order.map_or(0, |d| (ctx.today - d).num_days());
    format!(
        "R{} F{} M{} ({seg}): last order {since} days ago, {} and {} {} in the last {} days; quintiles among {} customers with orders",
        s.r,
        s.f,
        s.m,
        plural(i.orders_window, "order", "orders"),
        ctx.money(i.basis_window),
        ctx.basis_word(),
        ctx.params.window_days,
        money::group_thousands(ctx.population.buyers as u64)
    )
}

fn clv_reason(i: &Inputs, ctx: &Context<'_>) -> String {
    let v = clv::value(i, ctx.params, ctx.today);
    if i.orders_total == 0 {
        return format!("{}: no orders yet", ctx.money(0));
    }
    let per_year = f64::from(i.orders_total) * 365.0 / v.span_days as f64;
    format!(
        "{} = historical {} + projected {} (average order {} × {per_year:.1} orders a year × {} years)",
        ctx.money(v.historical + v.projected),
        ctx.money(v.historical),
        ctx.money(v.projected),
        ctx.money(clv::average_order(i)),
        ctx.params.clv_years
    )
}

fn churn_reason(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
    let p = ctx.params;
    let stage = lifecycle::classify(i, p, ctx.today);
    let s = churn::score(i, c.tier, stage, p, ctx.today);
    let mut parts: Vec<String> = Vec::new();
    if s.recency > 0 {
        let gap = if s.gap_is_own {
            format!("their usual gap of {} days", s.expected_gap)
        } else {
            format!("the default gap of {} days (one buying day so far)", s.expected_gap)
        };
        parts.push(format!(
            "{} for the last order {} days ago against {gap}",
            s.recency, s.days_since
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
            ", capped"
        } else {
            ""
        };
        parts.push(format!(
            "{} for open complaints ({}{capped})",
            s.complaints,
            list.join(", ")
        ));
    }
    if s.unhappy > 0 {
        parts.push(format!(
            "{} for a last satisfaction score of {}",
            s.unhappy,
            i.last_satisfaction.unwrap_or_default()
        ));
    }
    if s.spend_drop > 0 {
        parts.push(format!(
            "{} for spend falling from {} to {} between the halves of the window",
            s.spend_drop,
            ctx.money(i.spend_first_half),
            ctx.money(i.spend_second_half)
        ));
    }
    let flag = if s.flag {
        format!(" — flagged (line {})", p.churn_flag)
    } else if s.total >= p.churn_flag {
        " — not flagged: already churned".to_string()
    } else {
        String::new()
    };
    if parts.is_empty() {
        return format!("0: nothing points to churn{flag}");
    }
    let sum: u32 = [s.recency, s.complaints, s.unhappy, s.spend_drop]
        .iter()
        .map(|&v| u32::from(v))
        .sum();
    let cap = if sum > 100 {
        format!(" (sum {sum}, capped at 100)")
    } else {
        String::new()
    };
    format!("{}{cap}{flag}: {}", s.total, parts.join("; "))
}

/// The next-due sentence; it needs no ranking, only the stored inputs and classes.
pub fn next_due(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
    let (Some(days), Some(due)) = (c.cadence_days, c.next_due) else {
        return "never: archived customers are not due".into();
    };
    let why = if c.stage.is_lead() {
        format!("every {days} days for a lead")
    } else {
        format!(
            "every {days} days for tier {}",
            c.tier.map_or("C".into(), |t| t.to_string())
        )
    };
    let capped = if c.churn_flag { ", capped by the churn flag" } else { "" };
    let (_, basis) = cadence::next_due_with_basis(i, days);
    let when = match basis {
        DueBasis::LastContact(d) => format!("last contact {d} + {days} days ({why}{capped})"),
        DueBasis::Created(d) => {
            format!("never contacted: created {d} + {days} days ({why}{capped})")
        }
        DueBasis::Followup(d) => {
            format!("explicit follow-up on {d}, earlier than the cadence ({why}{capped})")
        }
    };
    let state = match cadence::overdue_days(due, ctx.today) {
        0 => ", due today".to_string(),
        n if n > 0 => format!(", {n} days overdue"),
        _ => String::new(),
    };
    format!("{due}: {when}{state}")
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{customer, day};
    use super::super::{RankRow, finish, rank};
    use super::*;

    fn explain_all(inputs: &[Inputs], params: &Params, today: NaiveDate) -> Vec<Reasons> {
        let rows: Vec<RankRow> = inputs.iter().map(RankRow::from).collect();
        let (ranked, population) = rank(&rows, params);
        let ctx = Context {
            params,
            today,
            currency: "CNY",
            population,
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
}
