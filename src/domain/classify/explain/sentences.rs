//! The sentence for each class but the next due date: tier, behavior, stage, RFM, CLV and churn risk, each
//! quoting the rule that fired and the numbers behind it.

use chrono::NaiveDate;

use super::Context;
use crate::domain::classify::churn;
use crate::domain::classify::clv;
use crate::domain::classify::inputs::Inputs;
use crate::domain::classify::lifecycle::{self, Rule};
use crate::domain::classify::params::Method;
use crate::domain::classify::{Classes, Ranked};
use crate::domain::money;

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

pub(super) fn behavior(i: &Inputs, ctx: &Context<'_>) -> String {
    let b = crate::domain::classify::behavior::classify(i.orders_window, ctx.params);
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

pub(super) fn stage(i: &Inputs, ctx: &Context<'_>) -> String {
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

pub(super) fn rfm(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
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

pub(super) fn clv_reason(i: &Inputs, ctx: &Context<'_>) -> String {
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

pub(super) fn churn_reason(i: &Inputs, c: &Classes, ctx: &Context<'_>) -> String {
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
