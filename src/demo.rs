//! A realistic, deterministic demo data set: Chinese and English customers, two years of orders, contacts,
//! feedback of every kind and status, follow-ups and leads — so every tier, stage and segment appears.

/// The largest demo: a million customers with their orders is a few gigabytes of memory while it is built.
pub const MAX_CUSTOMERS: usize = 1_000_000;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use crate::domain::contact::Contact;
use crate::domain::customer::Customer;
use crate::domain::dataset::Dataset;
use crate::domain::feedback::Feedback;
use crate::domain::followup::Followup;
use crate::domain::order::Order;
use crate::domain::{
    Channel, ContactId, CustomerId, CustomerKind, Direction, FeedbackId, FeedbackKind, FeedbackStatus, FollowupId,
    FollowupState, OrderId, Stage,
};

/// The name lists in `assets/demo/names.toml`.
#[derive(Debug, Deserialize)]
struct Names {
    zh_surnames: Vec<String>,
    zh_given: Vec<String>,
    en_first: Vec<String>,
    en_last: Vec<String>,
    zh_company_prefix: Vec<String>,
    zh_company_suffix: Vec<String>,
    en_company_prefix: Vec<String>,
    en_company_suffix: Vec<String>,
    regions: Vec<String>,
    industries: Vec<String>,
    products: Vec<String>,
    tags: Vec<String>,
    staff: Vec<String>,
    contact_summaries: Vec<String>,
    outcomes: Vec<String>,
    feedback_titles: Vec<String>,
}

const NAMES: &str = include_str!("../assets/demo/names.toml");

/// SplitMix64: tiny, fast and the same on every platform and version, so a seed always gives the same data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi].
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next_u64() % v.len() as u64) as usize]
    }
}

fn stamp(d: NaiveDate, rng: &mut Rng) -> DateTime<Utc> {
    let (h, m) = (rng.range(1, 10), rng.range(0, 59));
    at_hour(d, 0) + Duration::hours(h) + Duration::minutes(m)
}

/// `d` at `hour`:00 UTC.
fn at_hour(d: NaiveDate, hour: i64) -> DateTime<Utc> {
    d.and_time(chrono::NaiveTime::MIN).and_utc() + Duration::hours(hour)
}

/// Generates `n` customers as of `today`, as domain records linked by their ids in the set (customers
/// 1 … n); the store's bulk load gives them the ids their rows get.
pub fn generate(n: usize, seed: u64, today: NaiveDate) -> Dataset {
    let names: Names = toml::from_str(NAMES).expect("assets/demo/names.toml is valid");
    let mut rng = Rng::new(seed);
    let mut data = Dataset::default();
    let sources = [
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
    let days = |d: i64| Duration::days(d);
    for i in 0..n {
        let zh = rng.chance(0.6);
        let kind = match rng.range(0, 19) {
            0..=10 => CustomerKind::Individual,
            11..=17 => CustomerKind::Company,
            18 => CustomerKind::Government,
            _ => CustomerKind::Nonprofit,
        };
        let person = if zh {
            format!("{}{}", rng.pick(&names.zh_surnames), rng.pick(&names.zh_given))
        } else {
            format!("{} {}", rng.pick(&names.en_first), rng.pick(&names.en_last))
        };
        let company = (kind != CustomerKind::Individual || rng.chance(0.2)).then(|| {
            if zh {
                format!(
                    "{}{}",
                    rng.pick(&names.zh_company_prefix),
                    rng.pick(&names.zh_company_suffix)
                )
            } else {
                format!(
                    "{} {}",
                    rng.pick(&names.en_company_prefix),
                    rng.pick(&names.en_company_suffix)
                )
            }
        });
        let phone = if zh {
            format!(
                "1{}{} {:04} {:04}",
                rng.range(3, 9),
                rng.range(0, 9),
                i % 10_000,
                rng.range(0, 9999)
            )
        } else {
            format!("+1 555 {:03} {:04}", rng.range(100, 999), i % 10_000)
        };
        let email = if zh {
            format!("kehu{i}@example.cn")
        } else {
            format!(
                "{}.{i}@example.com",
                person.split(' ').next().unwrap_or("user").to_lowercase()
            )
        };
        let tags: Vec<String> = (0..rng.range(0, 2)).map(|_| rng.pick(&names.tags).clone()).collect();
        // Persona decides the order pattern: leads, steady buyers, lapsing, new, long gone.
        let persona = rng.range(0, 99);
        let size = 10f64.powf(2.3 + 2.4 * rng.unit() * rng.unit()); // ¥200 … ¥50,000 a typical order, skewed low
        let (first_ago, last_ago, count) = match persona {
            0..=14 => (0, 0, 0),
            15..=59 => {
                let first = rng.range(200, 730);
                (first, rng.range(0, 60), rng.range(6, 30))
            }
            60..=74 => {
                let first = rng.range(400, 730);
                (first, rng.range(181, 360), rng.range(3, 12))
            }
            75..=87 => {
                let first = rng.range(5, 120);
                (first, rng.range(0, first.min(30)), rng.range(1, 3))
            }
            _ => {
                let first = rng.range(500, 730);
                (first, rng.range(366, 499), rng.range(1, 5))
            }
        };
        let created = if count == 0 {
            today - days(rng.range(1, 40))
        } else {
            today - days(first_ago + rng.range(0, 30))
        };
        let owner = rng.pick(&names.staff).clone();
        // The fields that draw from `rng` stay in the order they always drew, so a seed gives the same data.
        let customer_id = CustomerId(i as i64 + 1);
        let created_at = at_hour(created, 9);
        data.customers.push(Customer {
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
            source: Some(rng.pick(&sources).to_string()),
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
        });
        for k in 0..count {
            let ago = if count == 1 {
                first_ago
            } else {
                first_ago - (first_ago - last_ago) * k / (count - 1) + rng.range(-3, 3)
            };
            let ago = ago.clamp(last_ago.min(first_ago), first_ago);
            let amount = (size * (0.5 + rng.unit()) * 100.0).round() as i64;
            let date = today - days(ago);
            data.orders.push(Order {
                id: OrderId(data.orders.len() as i64 + 1),
                customer_id,
                date,
                amount,
                cost: rng
                    .chance(0.8)
                    .then(|| (amount as f64 * (0.4 + 0.4 * rng.unit())) as i64),
                product: Some(rng.pick(&names.products).clone()),
                created_at: at_hour(date, 10),
                created_by: owner.clone(),
            });
        }
        // Contacts follow a working rhythm: most customers were talked to recently, some are overdue.
        let contacts = if count == 0 {
            if rng.chance(0.55) { rng.range(1, 3) } else { 0 }
        } else {
            rng.range(1, 8)
        };
        let span = (today - created).num_days().max(1);
        let last_ago = match rng.range(0, 9) {
            _ if count == 0 => rng.range(0, 9),
            0..=6 => rng.range(0, 12),
            7..=8 => rng.range(13, 60),
            _ => rng.range(61, 250),
        }
        .min(span);
        for k in 0..contacts {
            let ago = if k == 0 {
                last_ago
            } else {
                rng.range(last_ago, span.min(600).max(last_ago))
            };
            let d = today - days(ago);
            data.contacts.push(Contact {
                id: ContactId(data.contacts.len() as i64 + 1),
                customer_id,
                at: stamp(d, &mut rng),
                channel: *rng.pick(Channel::ALL),
                direction: if rng.chance(0.7) {
                    Direction::Outbound
                } else {
                    Direction::Inbound
                },
                summary: Some(rng.pick(&names.contact_summaries).clone()),
                outcome: Some(rng.pick(&names.outcomes).clone()),
                staff: if rng.chance(0.8) {
                    owner.clone()
                } else {
                    rng.pick(&names.staff).clone()
                },
                next_date: None,
            });
        }
        if count > 0 && rng.chance(0.15) {
            for _ in 0..rng.range(1, 2) {
                let received = today - days(rng.range(0, 200));
                let status = *rng.pick(FeedbackStatus::ALL);
                let closed = status == FeedbackStatus::Closed;
                let done = matches!(status, FeedbackStatus::Resolved | FeedbackStatus::Closed);
                data.feedback.push(Feedback {
                    id: FeedbackId(data.feedback.len() as i64 + 1),
                    customer_id,
                    received_at: stamp(received, &mut rng),
                    kind: *rng.pick(FeedbackKind::ALL),
                    channel: None,
                    title: rng.pick(&names.feedback_titles).clone(),
                    body: None,
                    urgency: rng.range(1, 3) as u8,
                    importance: rng.range(1, 3) as u8,
                    status,
                    assignee: (status != FeedbackStatus::New).then(|| rng.pick(&names.staff).clone()),
                    resolution: None,
                    resolved_at: done.then(|| stamp((received + days(rng.range(0, 14))).min(today), &mut rng)),
                    satisfaction: closed.then(|| rng.range(1, 5) as u8),
                });
            }
        }
        if rng.chance(0.1) {
            let state = match rng.range(0, 9) {
                0..=5 => FollowupState::Open,
                6..=7 => FollowupState::Snoozed,
                _ => FollowupState::Done,
            };
            let due = today + days(rng.range(-10, 20));
            // Promised a week before it fell due (or before today), not before the customer existed.
            let promised = (due.min(today) - days(7)).max(created);
            data.followups.push(Followup {
                id: FollowupId(data.followups.len() as i64 + 1),
                customer_id,
                due,
                note: Some(if zh {
                    "跟进报价".to_string()
                } else {
                    "Follow up on the quote".to_string()
                }),
                state,
                created_at: at_hour(promised, 9),
                created_by: owner,
            });
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let a = generate(200, 7, today);
        let b = generate(200, 7, today);
        assert_eq!(a.orders.len(), b.orders.len());
        assert_eq!(a.customers[17].name, b.customers[17].name);
        assert_eq!(a.orders.last().map(|o| o.amount), b.orders.last().map(|o| o.amount));
        let c = generate(200, 8, today);
        assert_ne!(a.orders.len(), c.orders.len());
    }

    #[test]
    fn orders_are_never_in_the_future_and_buyers_average_about_ten() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let d = generate(2000, 1, today);
        assert!(d.orders.iter().all(|o| o.date <= today && o.amount > 0));
        let buyers = d
            .orders
            .iter()
            .map(|o| o.customer_id)
            .collect::<std::collections::HashSet<_>>()
            .len();
        let per = d.orders.len() as f64 / buyers as f64;
        assert!((8.0..=14.0).contains(&per), "{per} orders per buyer");
        assert!(d.customers.iter().any(|c| c.name.chars().any(|ch| ch > '\u{4e00}')));
        assert!(d.customers.iter().any(|c| c.name.is_ascii()));
    }
}
