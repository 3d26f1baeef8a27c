//! The demo's name lists (`assets/demo/names.toml`) and the identities made from them: people, companies,
//! phones and e-mail addresses in Chinese and English.

use serde::Deserialize;

use super::rng::Rng;
use crate::domain::CustomerKind;

/// The name lists in `assets/demo/names.toml`.
#[derive(Debug, Deserialize)]
pub struct Names {
    zh_surnames: Vec<String>,
    zh_given: Vec<String>,
    en_first: Vec<String>,
    en_last: Vec<String>,
    zh_company_prefix: Vec<String>,
    zh_company_suffix: Vec<String>,
    en_company_prefix: Vec<String>,
    en_company_suffix: Vec<String>,
    pub regions: Vec<String>,
    pub industries: Vec<String>,
    pub products: Vec<String>,
    pub tags: Vec<String>,
    /// The sales team; the first owns most of the book.
    pub owners: Vec<String>,
    /// Who handles complaints and requests.
    pub support: String,
}

const NAMES: &str = include_str!("../../assets/demo/names.toml");

/// The main salesperson's share of the customers; the colleagues split the rest evenly.
const MAIN_SHARE: f64 = 0.45;

impl Names {
    /// The lists built into the binary (checked by a test, so the `expect` cannot fire in a release).
    pub fn builtin() -> Names {
        toml::from_str(NAMES).expect("assets/demo/names.toml is valid")
    }

    /// A person's name.
    pub fn person(&self, zh: bool, rng: &mut Rng) -> String {
        if zh {
            format!("{}{}", rng.pick(&self.zh_surnames), rng.pick(&self.zh_given))
        } else {
            format!("{} {}", rng.pick(&self.en_first), rng.pick(&self.en_last))
        }
    }

    /// A company's name.
    pub fn company(&self, zh: bool, rng: &mut Rng) -> String {
        if zh {
            format!(
                "{}{}",
                rng.pick(&self.zh_company_prefix),
                rng.pick(&self.zh_company_suffix)
            )
        } else {
            format!(
                "{} {}",
                rng.pick(&self.en_company_prefix),
                rng.pick(&self.en_company_suffix)
            )
        }
    }

    /// The owner of a new customer: the main salesperson for nearly half, a colleague for the rest.
    pub fn owner(&self, rng: &mut Rng) -> &str {
        match self.owners.split_first() {
            Some((main, rest)) if rest.is_empty() || rng.chance(MAIN_SHARE) => main,
            Some((_, rest)) => rng.pick(rest).as_str(),
            None => &self.support,
        }
    }

    /// Someone on the team other than `owner`, who covered a call for them.
    pub fn colleague<'a>(&'a self, owner: &str, rng: &mut Rng) -> &'a str {
        let other = rng.pick(&self.owners);
        if other == owner { &self.support } else { other.as_str() }
    }
}

/// A kind of customer, mostly individuals and companies.
pub fn kind(rng: &mut Rng) -> CustomerKind {
    match rng.range(0, 19) {
        0..=10 => CustomerKind::Individual,
        11..=17 => CustomerKind::Company,
        18 => CustomerKind::Government,
        _ => CustomerKind::Nonprofit,
    }
}

/// A phone number that looks like one from the customer's country; `i` keeps them apart.
pub fn phone(zh: bool, i: usize, rng: &mut Rng) -> String {
    if zh {
        format!(
            "1{}{} {:04} {:04}",
            rng.range(3, 9),
            rng.range(0, 9),
            i % 10_000,
            rng.range(0, 9999)
        )
    } else {
        format!("+1 555 {:03} {:04}", rng.range(100, 999), i % 10_000)
    }
}

/// An address unique to customer `i`.
pub fn email(zh: bool, person: &str, i: usize) -> String {
    if zh {
        format!("kehu{i}@example.cn")
    } else {
        format!(
            "{}.{i}@example.com",
            person.split(' ').next().unwrap_or("user").to_lowercase()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lists_load_and_name_a_team() {
        let n = Names::builtin();
        assert!(n.owners.len() >= 3, "a salesperson and colleagues");
        assert!(!n.owners.contains(&n.support));
        let mut rng = Rng::new(3);
        let main = (0..1000).filter(|_| n.owner(&mut rng) == n.owners[0]).count();
        assert!((400..700).contains(&main), "{main} of 1000 to the main salesperson");
        assert!((0..100).all(|_| n.colleague("li.wei", &mut rng) != "li.wei"));
    }
}
