//! The demo's customers and their orders: who they are, and a buying pattern by persona — leads, steady
//! buyers, lapsing ones, newcomers and the long gone — so that every tier, stage and segment appears.

use chrono::{Duration, NaiveDate};

use super::names::{self, Names};
use super::office;
use super::rng::Rng;
use crate::domain::customer::Customer;
use crate::domain::order::Order;
use crate::domain::{CustomerId, CustomerKind, OrderId, Stage};

/// How a customer buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persona {
    /// No order yet; `contacted` says whether anyone has talked to them (intent) or not (potential).
    Lead {
        contacted: bool,
    },
    Steady,
    Lapsing,
    New,
    Gone,
}

/// What the rest of the generator needs to know about a customer made here.
pub struct Person {
    pub zh: bool,
    pub persona: Persona,
    pub created: NaiveDate,
    pub owner: String,
    /// Order days, oldest first.
    pub order_days: Vec<NaiveDate>,
}

const SOURCES: [&str; 10] = [
    "online_ads",
    "search",
    "social",
    "email_campaign",
    "referral",
    "partner",
    "trade_show",
    "cold_call",
    "walk_in",
    "other",
];

fn persona(rng: &mut Rng) -> Persona {
    // Leads and lapsing customers are the ones the cadence asks to call weekly: few enough that a team of
    // four keeps up with them.
    match rng.range(0, 99) {
        0..=1 => Persona::Lead { contacted: false },
        2..=5 => Persona::Lead { contacted: true },
        6..=61 => Persona::Steady,
        62..=66 => Persona::Lapsing,
        67..=84 => Persona::New,
        _ => Persona::Gone,
    }
}

/// Customer `i` (id `i + 1` in the set) and their orders, as of `today`. Nothing is dated today: the demo
/// is the books at the start of that day (see [`office`]).
pub fn customer(
    i: usize,
    names: &Names,
    today: NaiveDate,
    orders: &mut Vec<Order>,
    rng: &mut Rng,
) -> (Customer, Person) {
    let days = Duration::days;
    let zh = rng.chance(0.6);
    let kind = names::kind(rng);
    let person = names.person(zh, rng);
    let company = (kind != CustomerKind::Individual || rng.chance(0.2)).then(|| names.company(zh, rng));
    let phone = names::phone(zh, i, rng);
    let email = names::email(zh, &person, i);
    let tags: Vec<String> = (0..rng.range(0, 2)).map(|_| rng.pick(&names.tags).clone()).collect();
    let persona = persona(rng);
    // ¥100 … ¥160,000 a typical order, skewed low: a few large accounts make most of the revenue, as in a
    // real book (about one buyer in ten is tier A).
    let size = 10f64.powf(2.0 + 3.2 * rng.unit().powi(3));
    // Days ago of the first and the last order, and how many; every order at least a day ago.
    let (first_ago, last_ago, count) = match persona {
        Persona::Lead { .. } => (0, 0, 0),
        Persona::Steady => {
            // The last order about one of their usual gaps ago, now and then a little more.
            let (first, count) = (rng.range(200, 730), rng.range(5, 26));
            let gap = first / count;
            // One in ten has gone quiet for a few of their gaps: the big accounts one cannot lose, whom
            // the churn warning is for.
            let last = if rng.chance(0.1) {
                rng.range(2 * gap + 20, 4 * gap + 40).min(first / 2)
            } else {
                rng.range(1, gap + gap / 3)
            };
            (first, last, count)
        }
        Persona::Lapsing => (rng.range(400, 730), rng.range(181, 360), rng.range(3, 12)),
        Persona::New => {
            let first = rng.range(5, 120);
            (first, rng.range(1, first.min(30)), rng.range(1, 3))
        }
        Persona::Gone => (rng.range(500, 730), rng.range(366, 499), rng.range(1, 5)),
    };
    let created = match persona {
        // A lead nobody has called yet came in last week; one already talked to, within three months.
        Persona::Lead { contacted: false } => today - days(rng.range(1, 9)),
        Persona::Lead { contacted: true } => today - days(rng.range(8, 90)),
        _ => today - days(first_ago + rng.range(0, 30)),
    };
    let owner = names.owner(rng).to_string();
    let customer_id = CustomerId(i as i64 + 1);
    let created_at = office::at_hour(created, 1);
    let mut order_days = Vec::with_capacity(count as usize);
    for k in 0..count {
        let ago = if count == 1 {
            first_ago
        } else {
            first_ago - (first_ago - last_ago) * k / (count - 1) + rng.range(-3, 3)
        };
        let ago = ago.clamp(last_ago.min(first_ago), first_ago).max(1);
        let amount = (size * (0.5 + rng.unit()) * 100.0).round() as i64;
        let date = today - days(ago);
        order_days.push(date);
        orders.push(Order {
            id: OrderId(orders.len() as i64 + 1),
            customer_id,
            date,
            amount,
            cost: rng
                .chance(0.8)
                .then(|| (amount as f64 * (0.4 + 0.4 * rng.unit())) as i64),
            product: Some(rng.pick(&names.products).clone()),
            created_at: office::at_hour(date, 2),
            created_by: owner.clone(),
        });
    }
    order_days.sort_unstable();
    let c = Customer {
        id: customer_id,
        external_id: Some(format!("C{:06}", i + 1)),
        name: person,
        kind,
        company,
        industry: Some(rng.pick(&names.industries).clone()),
        region: Some(rng.pick(&names.regions).clone()),
        phone: Some(phone),
        email: Some(email),
        social: zh.then(|| format!("wx_{i}")),
        source: Some(rng.pick(&SOURCES).to_string()),
        owner: Some(owner.clone()),
        tags,
        needs: rng.chance(0.2).then(|| {
            if zh {
                "关注交付周期和售后".to_string()
            } else {
                "Wants fast delivery".to_string()
            }
        }),
        notes: rng.chance(0.1).then(|| {
            if zh {
                "春节前需提前备货".to_string()
            } else {
                "Prefers email over calls".to_string()
            }
        }),
        stage_pin: (rng.chance(0.01) && count > 0).then_some(Stage::Loyal),
        archived: rng.chance(0.01),
        address: None,
        version: 1,
        created_at,
        created_by: owner.clone(),
        updated_at: created_at,
        updated_by: owner.clone(),
    };
    let p = Person {
        zh,
        persona,
        created,
        owner,
        order_days,
    };
    (c, p)
}
