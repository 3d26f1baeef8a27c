//! The classification parameters with the spec's defaults, and the one table of their keys, ranges and
//! docs that the config file, `tiercrm settings` and the stored fingerprint all go through.

use super::super::Invalid;

crate::closed_set!(
    /// What value tiers rank by.
    Basis, "classify.basis" { Revenue => "revenue", Profit => "profit" }
);

crate::closed_set!(
    /// How value tiers are cut.
    Method, "classify.method" { Pareto => "pareto", Threshold => "threshold" }
);

/// A share between 0 and 1 held exactly, in parts per million, so boundary comparisons never round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Share(pub u32);

impl Share {
    pub const ONE: u32 = 1_000_000;

    /// `part / whole < self`, exactly.
    pub fn exceeds(self, part: i64, whole: i64) -> bool {
        i128::from(part) * i128::from(Self::ONE) < i128::from(self.0) * i128::from(whole)
    }

    pub fn percent(self) -> f64 {
        f64::from(self.0) / 10_000.0
    }

    /// The share as a user writes it: `0.8`, `0.95`, `1`, exact to the millionth.
    pub fn text(self) -> String {
        let (whole, frac) = (self.0 / Self::ONE, self.0 % Self::ONE);
        if frac == 0 {
            return whole.to_string();
        }
        let digits = format!("{frac:06}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// Contact cadence in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CadenceParams {
    pub a: i64,
    pub b: i64,
    pub c: i64,
    /// Leads (potential, intent).
    pub lead: i64,
    /// The cap while the churn-risk flag is raised.
    pub risk: i64,
}

/// Every classification parameter; money in minor units.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub window_days: i64,
    pub basis: Basis,
    pub method: Method,
    pub a_share: Share,
    pub b_share: Share,
    pub a_min: i64,
    pub b_min: i64,
    pub frequent_min: u32,
    pub churn_days: i64,
    pub at_risk_days: i64,
    pub loyal_min_orders: u32,
    pub loyal_min_days: i64,
    pub clv_years: f64,
    pub churn_flag: u8,
    /// The expected gap between orders for a customer who has bought on one day only.
    pub churn_default_gap: i64,
    pub cadence: CadenceParams,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            window_days: 365,
            basis: Basis::Revenue,
            method: Method::Pareto,
            a_share: Share(800_000),
            b_share: Share(950_000),
            a_min: 10_000_000,
            b_min: 1_000_000,
            frequent_min: 4,
            churn_days: 365,
            at_risk_days: 180,
            loyal_min_orders: 5,
            loyal_min_days: 365,
            clv_years: 3.0,
            churn_flag: 60,
            churn_default_gap: 90,
            cadence: CadenceParams {
                a: 14,
                b: 30,
                c: 90,
                lead: 7,
                risk: 7,
            },
        }
    }
}

/// The values a parameter may take. The bounds keep every date the engine computes from them (today minus
/// a window, a contact plus a cadence) far inside the calendar, so no value in range can overflow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    /// A whole number from `min` to `max`, counted in `unit`.
    Whole { min: i64, max: i64, unit: &'static str },
    /// A fraction from 0 to 1 with at most six decimals.
    Share,
    /// An amount in major units from 0 to `max`, with at most two decimals.
    Money { max: i64 },
    /// A number from `min` to `max` in `unit`, decimals allowed.
    Real { min: f64, max: f64, unit: &'static str },
    /// One of these words.
    OneOf(&'static [&'static str]),
}

/// The longest span of days any day-count parameter may cover: a hundred years.
pub const MAX_SPAN_DAYS: i64 = 36_500;
/// The longest cadence: ten years between contacts.
pub const MAX_CADENCE_DAYS: i64 = 3_650;
/// The largest money threshold in major units (a trillion): ample, and ×100 stays far inside i64.
pub const MAX_MONEY: i64 = 1_000_000_000_000;

impl Range {
    /// How the range reads in errors and in `tiercrm settings`.
    pub fn text(&self) -> String {
        match *self {
            Range::Whole { min, max, unit } => format!("{min} to {max} {unit}"),
            Range::Share => "0 to 1".to_string(),
            Range::Money { max } => format!("0 to {max} (major units, up to two decimals)"),
            Range::Real { min, max, unit } => format!("{min} to {max} {unit}"),
            Range::OneOf(words) => format!("one of: {}", words.join(", ")),
        }
    }

    /// Parses a whole number in this range (for settings outside the table, such as `busy_timeout`).
    pub fn parse_whole(&self, key: &str, text: &str) -> Result<i64, Invalid> {
        match *self {
            Range::Whole { min, max, .. } => self.whole(key, text, min, max),
            _ => Err(Invalid::new(key, format!("'{}' is not {}", text.trim(), self.text()))),
        }
    }

    /// Parses a whole number in range.
    fn whole(&self, key: &str, text: &str, min: i64, max: i64) -> Result<i64, Invalid> {
        let t = text.trim();
        let digits = t.strip_prefix('-').unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::new(
                key,
                format!("'{t}' is not a whole number ({})", self.text()),
            ));
        }
        self.bounded(key, t, t.parse::<i128>().ok(), i128::from(min), i128::from(max))
            .map(|v| v as i64)
    }

    /// Checks `value` (None when it has too many digits for any integer) against `min..=max`.
    fn bounded(&self, key: &str, t: &str, value: Option<i128>, min: i128, max: i128) -> Result<i128, Invalid> {
        match value {
            Some(v) if v < min => Err(Invalid::new(key, format!("{t} is too small: {}", self.text()))),
            Some(v) if v <= max => Ok(v),
            _ if t.starts_with('-') => Err(Invalid::new(key, format!("{t} is too small: {}", self.text()))),
            _ => Err(Invalid::new(key, format!("{t} is too large: {}", self.text()))),
        }
    }

    /// Parses an exact decimal `digits[.digits]` with at most `places` decimals into units of 10^-places.
    fn decimal(&self, key: &str, text: &str, places: u32, what: &str) -> Result<Option<i128>, Invalid> {
        let t = text.trim();
        let body = t.strip_prefix('-').unwrap_or(t);
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !digits_only(whole) || !digits_only(frac) {
            return Err(Invalid::new(key, format!("'{t}' is not {what} ({})", self.text())));
        }
        if frac.len() > places as usize {
            return Err(Invalid::new(
                key,
                format!("'{t}' has more than {places} decimals ({})", self.text()),
            ));
        }
        let scale = 10i128.pow(places);
        let whole: Option<i128> = if whole.is_empty() { Some(0) } else { whole.parse().ok() };
        let frac: i128 = format!("{frac:0<width$}", width = places as usize).parse().unwrap_or(0);
        let v = whole
            .and_then(|w| w.checked_mul(scale))
            .and_then(|w| w.checked_add(frac));
        Ok(if t.starts_with('-') { v.map(|v| -v) } else { v })
    }

    /// Parses `text` as this range allows: the value in the unit the parameter is stored in.
    fn parse(&self, key: &str, text: &str) -> Result<Value, Invalid> {
        let t = text.trim();
        match *self {
            Range::Whole { min, max, .. } => self.whole(key, t, min, max).map(Value::Whole),
            Range::Share => {
                let v = self.decimal(key, t, 6, "a fraction")?;
                let ppm = self.bounded(key, t, v, 0, i128::from(Share::ONE))?;
                Ok(Value::Share(Share(ppm as u32)))
            }
            Range::Money { max } => {
                let v = self.decimal(key, t, 2, "an amount")?;
                let minor = self.bounded(key, t, v, 0, i128::from(max) * 100)?;
                Ok(Value::Minor(minor as i64))
            }
            Range::Real { min, max, .. } => match t.parse::<f64>() {
                Ok(v) if v.is_finite() && v < min => {
                    Err(Invalid::new(key, format!("{t} is too small: {}", self.text())))
                }
                Ok(v) if v.is_finite() && v > max => {
                    Err(Invalid::new(key, format!("{t} is too large: {}", self.text())))
                }
                Ok(v) if v.is_finite() => Ok(Value::Real(v)),
                _ => Err(Invalid::new(key, format!("'{t}' is not a number ({})", self.text()))),
            },
            Range::OneOf(words) => words
                .iter()
                .find(|w| w.eq_ignore_ascii_case(t))
                .map(|w| Value::Word(w))
                .ok_or_else(|| Invalid::new(key, format!("'{t}' is not {}", self.text()))),
        }
    }
}

/// A parsed value, in the unit its parameter stores.
enum Value {
    Whole(i64),
    Minor(i64),
    Share(Share),
    Real(f64),
    Word(&'static str),
}

/// Where a parameter lives in [`Params`], by the type it is stored as.
enum Slot<'a> {
    Days(&'a mut i64),
    Count(&'a mut u32),
    Points(&'a mut u8),
    Minor(&'a mut i64),
    Share(&'a mut Share),
    Real(&'a mut f64),
    Basis(&'a mut Basis),
    Method(&'a mut Method),
}

/// One parameter: its dotted key, the values it takes, what it does, and where it is kept.
pub struct Param {
    pub key: &'static str,
    pub range: Range,
    pub doc: &'static str,
    slot: for<'a> fn(&'a mut Params) -> Slot<'a>,
}

const fn days(min: i64, max: i64) -> Range {
    Range::Whole { min, max, unit: "days" }
}

/// Every parameter, sorted by key (the order of the stable text and of `tiercrm settings`).
pub const TABLE: &[Param] = &[
    Param {
        key: "cadence.A",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "Days between contacts for a tier-A customer.",
        slot: |p| Slot::Days(&mut p.cadence.a),
    },
    Param {
        key: "cadence.B",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "Days between contacts for a tier-B customer.",
        slot: |p| Slot::Days(&mut p.cadence.b),
    },
    Param {
        key: "cadence.C",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "Days between contacts for a tier-C customer.",
        slot: |p| Slot::Days(&mut p.cadence.c),
    },
    Param {
        key: "cadence.lead",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "Days between contacts for a lead (potential, intent).",
        slot: |p| Slot::Days(&mut p.cadence.lead),
    },
    Param {
        key: "cadence.risk",
        range: days(1, MAX_CADENCE_DAYS),
        doc: "The longest cadence while a customer's churn-risk flag is raised.",
        slot: |p| Slot::Days(&mut p.cadence.risk),
    },
    Param {
        key: "classify.a_min",
        range: Range::Money { max: MAX_MONEY },
        doc: "Threshold method: tier A from this basis in the window.",
        slot: |p| Slot::Minor(&mut p.a_min),
    },
    Param {
        key: "classify.a_share",
        range: Range::Share,
        doc: "Pareto method: A while the customers ranked above hold less than this share of the total.",
        slot: |p| Slot::Share(&mut p.a_share),
    },
    Param {
        key: "classify.at_risk_days",
        range: days(1, MAX_SPAN_DAYS),
        doc: "At risk when the last order is more than this many days ago (at most churn_days).",
        slot: |p| Slot::Days(&mut p.at_risk_days),
    },
    Param {
        key: "classify.b_min",
        range: Range::Money { max: MAX_MONEY },
        doc: "Threshold method: tier B from this basis in the window (at most a_min).",
        slot: |p| Slot::Minor(&mut p.b_min),
    },
    Param {
        key: "classify.b_share",
        range: Range::Share,
        doc: "Pareto method: B while the customers ranked above hold less than this share (at least a_share).",
        slot: |p| Slot::Share(&mut p.b_share),
    },
    Param {
        key: "classify.basis",
        range: Range::OneOf(&["revenue", "profit"]),
        doc: "What value tiers rank by (profit = amount − cost; an order without a cost counts its amount).",
        slot: |p| Slot::Basis(&mut p.basis),
    },
    Param {
        key: "classify.churn_days",
        range: days(1, MAX_SPAN_DAYS),
        doc: "Churned when the last order is more than this many days ago.",
        slot: |p| Slot::Days(&mut p.churn_days),
    },
    Param {
        key: "classify.churn_default_gap",
        range: days(1, MAX_SPAN_DAYS),
        doc: "The gap between orders expected of a customer who has bought on one day only.",
        slot: |p| Slot::Days(&mut p.churn_default_gap),
    },
    Param {
        key: "classify.churn_flag",
        range: Range::Whole {
            min: 1,
            max: 100,
            unit: "points",
        },
        doc: "Churn-risk score (0–100) at which a customer is flagged.",
        slot: |p| Slot::Points(&mut p.churn_flag),
    },
    Param {
        key: "classify.clv_years",
        range: Range::Real {
            min: 0.0,
            max: 100.0,
            unit: "years",
        },
        doc: "How many years ahead the CLV projects.",
        slot: |p| Slot::Real(&mut p.clv_years),
    },
    Param {
        key: "classify.frequent_min",
        range: Range::Whole {
            min: 2,
            max: 100_000,
            unit: "orders",
        },
        doc: "Orders in the window to count as frequent (2 … frequent_min − 1 is occasional, 1 one-time).",
        slot: |p| Slot::Count(&mut p.frequent_min),
    },
    Param {
        key: "classify.loyal_min_days",
        range: days(0, MAX_SPAN_DAYS),
        doc: "Loyal needs the first order at least this many days ago.",
        slot: |p| Slot::Days(&mut p.loyal_min_days),
    },
    Param {
        key: "classify.loyal_min_orders",
        range: Range::Whole {
            min: 1,
            max: 100_000,
            unit: "orders",
        },
        doc: "Loyal needs at least this many orders in total.",
        slot: |p| Slot::Count(&mut p.loyal_min_orders),
    },
    Param {
        key: "classify.method",
        range: Range::OneOf(&["pareto", "threshold"]),
        doc: "How value tiers are cut: pareto (shares of the total) or threshold (a_min, b_min).",
        slot: |p| Slot::Method(&mut p.method),
    },
    Param {
        key: "classify.window_days",
        range: days(1, MAX_SPAN_DAYS),
        doc: "An order is in the window when today − window_days < its date ≤ today.",
        slot: |p| Slot::Days(&mut p.window_days),
    },
];

/// Pairs that must stay in order: the first never above the second.
const ORDERED: &[(&str, &str)] = &[
    ("classify.a_share", "classify.b_share"),
    ("classify.b_min", "classify.a_min"),
    ("classify.at_risk_days", "classify.churn_days"),
];

/// One line of `tiercrm settings`.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub key: &'static str,
    /// The value as a user writes it (money in major units).
    pub value: String,
    pub range: String,
    pub doc: &'static str,
}

impl Param {
    /// The parameter with this dotted key.
    pub fn find(key: &str) -> Result<&'static Param, Invalid> {
        TABLE.iter().find(|p| p.key == key).ok_or_else(|| {
            let known: Vec<&str> = TABLE.iter().map(|p| p.key).collect();
            Invalid::new(key, format!("unknown setting; known: {}", known.join(", ")))
        })
    }

    /// The value in `p` as a user writes it.
    fn text(&self, p: &Params) -> String {
        // The slot hands out a mutable place so one accessor serves reading and writing; a copy keeps
        // reading from needing `&mut`.
        let mut copy = p.clone();
        match (self.slot)(&mut copy) {
            Slot::Days(v) => v.to_string(),
            Slot::Minor(v) => major_text(*v),
            Slot::Count(v) => v.to_string(),
            Slot::Points(v) => v.to_string(),
            Slot::Share(s) => s.text(),
            // Rust prints the shortest text that parses back to the same f64, so this round-trips exactly.
            Slot::Real(v) => v.to_string(),
            Slot::Basis(b) => b.as_str().to_string(),
            Slot::Method(m) => m.as_str().to_string(),
        }
    }

    /// The value as a number for the ordering checks (shares in millionths, money in minor units).
    fn ordinal(&self, p: &Params) -> Option<i128> {
        let mut copy = p.clone();
        match (self.slot)(&mut copy) {
            Slot::Days(v) | Slot::Minor(v) => Some(i128::from(*v)),
            Slot::Count(v) => Some(i128::from(*v)),
            Slot::Points(v) => Some(i128::from(*v)),
            Slot::Share(s) => Some(i128::from(s.0)),
            Slot::Real(_) | Slot::Basis(_) | Slot::Method(_) => None,
        }
    }

    /// Parses `text` and stores it in `p`, checking this parameter's range only.
    fn assign(&self, p: &mut Params, text: &str) -> Result<(), Invalid> {
        let value = self.range.parse(self.key, text)?;
        let too_large = || Invalid::new(self.key, format!("{} is too large: {}", text.trim(), self.range.text()));
        match ((self.slot)(p), value) {
            (Slot::Days(v), Value::Whole(x)) | (Slot::Minor(v), Value::Minor(x)) => *v = x,
            (Slot::Count(v), Value::Whole(x)) => *v = u32::try_from(x).map_err(|_| too_large())?,
            (Slot::Points(v), Value::Whole(x)) => *v = u8::try_from(x).map_err(|_| too_large())?,
            (Slot::Share(v), Value::Share(x)) => *v = x,
            (Slot::Real(v), Value::Real(x)) => *v = x,
            (Slot::Basis(v), Value::Word(w)) => *v = w.parse()?,
            (Slot::Method(v), Value::Word(w)) => *v = w.parse()?,
            // The table pairs each slot with its range; a test sets every key, so this is never reached.
            _ => return Err(Invalid::new(self.key, "this setting's range does not fit its value")),
        }
        Ok(())
    }
}

/// Minor units as major-unit text a user would write: `100000`, `1234.50`.
fn major_text(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let (whole, cents) = (minor.unsigned_abs() / 100, minor.unsigned_abs() % 100);
    if cents == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{cents:02}")
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_compare_exactly_at_the_line() {
        let a = Share(800_000);
        assert!(!a.exceeds(80, 100), "80% is not under the 80% line");
        assert!(a.exceeds(79, 100));
        assert!(a.exceeds(7_999_999, 10_000_000));
        assert_eq!(Params::default().get("classify.a_share").as_deref(), Some("0.8"));
    }

    #[test]
    fn defaults_are_the_spec_and_pass_their_own_check() {
        let p = Params::default();
        assert_eq!(
            (p.window_days, p.frequent_min, p.churn_days, p.at_risk_days),
            (365, 4, 365, 180)
        );
        assert_eq!((p.cadence.a, p.cadence.b, p.cadence.c, p.cadence.lead), (14, 30, 90, 7));
        p.check().unwrap();
        let bad = Params {
            a_share: Share(990_000),
            ..Params::default()
        };
        assert_eq!(bad.check().unwrap_err().field, "classify.a_share");
    }

    /// The stored fingerprint of the defaults. Changing it makes every existing database re-derive once
    /// on open, so a refactor of the struct must not change it by accident.
    const DEFAULTS_TEXT: &str = "\
cadence.A = 14
cadence.B = 30
cadence.C = 90
cadence.lead = 7
cadence.risk = 7
classify.a_min = 100000
classify.a_share = 0.8
classify.at_risk_days = 180
classify.b_min = 10000
classify.b_share = 0.95
classify.basis = revenue
classify.churn_days = 365
classify.churn_default_gap = 90
classify.churn_flag = 60
classify.clv_years = 3
classify.frequent_min = 4
classify.loyal_min_days = 365
classify.loyal_min_orders = 5
classify.method = pareto
classify.window_days = 365
";

    #[test]
    fn the_stable_text_of_the_defaults_is_pinned_and_is_the_fingerprint() {
        assert_eq!(Params::default().to_stable_text(), DEFAULTS_TEXT);
        assert_eq!(Params::default().fingerprint(), DEFAULTS_TEXT);
        assert_eq!(Params::from_stable_text(DEFAULTS_TEXT).unwrap(), Params::default());
    }

    #[test]
    fn the_table_is_sorted_and_names_every_parameter_once() {
        let keys: Vec<&str> = Params::keys().collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(keys, sorted, "sorted, no key twice");
        // Setting each key to a distinct in-range value changes exactly one field: no two keys share a slot.
        let base = Params::default();
        let mut fingerprints = std::collections::BTreeSet::new();
        for key in Params::keys() {
            let mut p = base.clone();
            let other = match Param::find(key).unwrap().range {
                Range::OneOf(words) => words[1].to_string(),
                Range::Share => "0.9".to_string(),
                _ => "2".to_string(),
            };
            p.assign(key, &other).unwrap();
            assert_eq!(p.get(key).unwrap(), other, "{key}");
            assert_ne!(p, base, "{key} is stored somewhere");
            fingerprints.insert(p.to_stable_text());
        }
        assert_eq!(fingerprints.len(), TABLE.len());
        // The words offered are exactly the closed sets' spellings.
        let words = |key: &str| match Param::find(key).unwrap().range {
            Range::OneOf(w) => w.to_vec(),
            other => panic!("{key}: {other:?}"),
        };
        assert_eq!(
            words("classify.basis"),
            Basis::ALL.iter().map(|b| b.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(
            words("classify.method"),
            Method::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_stable_text_round_trips_exactly() {
        let mut p = Params::default();
        for (k, v) in [
            ("classify.a_share", "0.123456"),
            ("classify.b_share", "1"),
            ("classify.a_min", "1234567.89"),
            ("classify.b_min", "0.05"),
            ("classify.clv_years", "2.718281828459045"),
            ("classify.basis", "profit"),
            ("classify.method", "threshold"),
            ("cadence.A", "3650"),
            ("classify.window_days", "36500"),
            ("classify.loyal_min_days", "0"),
        ] {
            p.set(k, v).unwrap();
            assert_eq!(p.get(k).unwrap(), v);
        }
        let text = p.to_stable_text();
        let back = Params::from_stable_text(&text).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.to_stable_text(), text);
        assert_eq!(back.a_min, 123_456_789);
        assert_eq!(back.a_share, Share(123_456));
    }

    #[test]
    fn the_stable_text_refuses_unknown_repeated_and_bad_keys() {
        let e = Params::from_stable_text("classify.window = 30\n").unwrap_err();
        assert_eq!(e.field, "classify.window");
        assert!(e.reason.contains("unknown setting"), "{}", e.reason);
        let e = Params::from_stable_text("cadence.A = 3\ncadence.A = 4\n").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.reason.as_str()),
            ("cadence.A", "set twice (line 2)")
        );
        let e = Params::from_stable_text("cadence.A = 0\n").unwrap_err();
        assert_eq!(e.field, "cadence.A");
        assert!(Params::from_stable_text("just words\n").is_err());
        // A key the text does not name keeps its default.
        assert_eq!(Params::from_stable_text("").unwrap(), Params::default());
    }

    #[test]
    fn set_checks_the_range_and_names_the_key() {
        let mut p = Params::default();
        let cases = [
            ("cadence.A", "100000000000", "100000000000 is too large: 1 to 3650 days"),
            (
                "classify.window_days",
                "100000000",
                "100000000 is too large: 1 to 36500 days",
            ),
            ("classify.window_days", "0", "0 is too small: 1 to 36500 days"),
            ("classify.window_days", "-5", "-5 is too small: 1 to 36500 days"),
            (
                "classify.window_days",
                "ten",
                "'ten' is not a whole number (1 to 36500 days)",
            ),
            (
                "classify.window_days",
                "99999999999999999999999999999999999999999",
                "is too large",
            ),
            (
                "classify.a_min",
                "99999999999999999",
                "99999999999999999 is too large: 0 to 1000000000000",
            ),
            ("classify.a_min", "1,000", "'1,000' is not an amount"),
            ("classify.a_min", "1.005", "more than 2 decimals"),
            ("classify.a_share", "1.5", "1.5 is too large: 0 to 1"),
            ("classify.a_share", "0.1234567", "more than 6 decimals"),
            ("classify.churn_flag", "300", "300 is too large: 1 to 100 points"),
            ("classify.clv_years", "NaN", "'NaN' is not a number"),
            ("classify.clv_years", "inf", "'inf' is not a number"),
            ("classify.clv_years", "101", "101 is too large: 0 to 100 years"),
            ("classify.basis", "margin", "'margin' is not one of: revenue, profit"),
            ("classify.frequent_min", "1", "1 is too small: 2 to 100000 orders"),
        ];
        for (key, value, why) in cases {
            let e = p.set(key, value).unwrap_err();
            assert_eq!(e.field, key, "{key} = {value}");
            assert!(e.reason.contains(why), "{key} = {value}: {}", e.reason);
            assert_eq!(p, Params::default(), "a refused value changes nothing");
        }
        let e = p.set("classify.nope", "1").unwrap_err();
        assert!(
            e.reason.starts_with("unknown setting; known: cadence.A"),
            "{}",
            e.reason
        );
        assert_eq!(p.get("classify.nope"), None);
    }

    #[test]
    fn set_checks_the_other_parameters_and_names_the_key_being_set() {
        let mut p = Params::default();
        let e = p.set("classify.b_share", "0.5").unwrap_err();
        assert_eq!(
            e.to_string(),
            "classify.b_share: 0.5 must not be below classify.a_share (0.8)"
        );
        let e = p.set("classify.a_share", "0.99").unwrap_err();
        assert_eq!(
            e.to_string(),
            "classify.a_share: 0.99 must not be above classify.b_share (0.95)"
        );
        let e = p.set("classify.at_risk_days", "400").unwrap_err();
        assert_eq!(e.field, "classify.at_risk_days");
        let e = p.set("classify.a_min", "50").unwrap_err();
        assert_eq!(
            e.to_string(),
            "classify.a_min: 50 must not be below classify.b_min (10000)"
        );
        assert_eq!(p, Params::default());
        p.set("classify.b_share", "0.99").unwrap();
        p.set("classify.a_share", "0.99").unwrap();
        p.set("classify.basis", "Profit").unwrap();
        assert_eq!((p.a_share, p.basis), (Share(990_000), Basis::Profit));
        assert_eq!(p.get("classify.basis").as_deref(), Some("profit"));
    }

    #[test]
    fn settings_list_every_key_with_value_range_and_doc() {
        let s = Params::default().settings();
        assert_eq!(s.len(), TABLE.len());
        let a_min = s.iter().find(|s| s.key == "classify.a_min").unwrap();
        assert_eq!(a_min.value, "100000");
        assert!(a_min.range.starts_with("0 to 1000000000000"), "{}", a_min.range);
        assert!(s.iter().all(|s| !s.doc.is_empty() && !s.range.is_empty()));
    }

    mod engine_in_range {
        //! Defect 7: no parameter value inside its documented range may crash the engine, whatever the data.
        use super::super::super::explain::{Context, reasons};
        use super::super::super::{Inputs, OrderFact, RankRow, finish, rank};
        use super::*;
        use chrono::NaiveDate;
        use proptest::prelude::*;

        /// A value text inside `range`, the ends as likely as the middle.
        fn value_in(range: Range) -> BoxedStrategy<String> {
            match range {
                Range::Whole { min, max, .. } => prop_oneof![Just(min), Just(max), min..=max]
                    .prop_map(|v| v.to_string())
                    .boxed(),
                Range::Share => prop_oneof![Just(0u32), Just(Share::ONE), 0..=Share::ONE]
                    .prop_map(|v| Share(v).text())
                    .boxed(),
                Range::Money { max } => prop_oneof![Just(0), Just(max * 100), 0..=max * 100]
                    .prop_map(major_text)
                    .boxed(),
                Range::Real { min, max, .. } => prop_oneof![Just(min), Just(max), min..=max]
                    .prop_map(|v| v.to_string())
                    .boxed(),
                Range::OneOf(words) => proptest::sample::select(words).prop_map(str::to_string).boxed(),
            }
        }

        /// Parameters anywhere in their ranges, with the ordered pairs put in order.
        fn params() -> impl Strategy<Value = Params> {
            let each: Vec<BoxedStrategy<String>> = TABLE.iter().map(|p| value_in(p.range)).collect();
            each.prop_map(|texts| {
                let mut p = Params::default();
                for (param, text) in TABLE.iter().zip(&texts) {
                    p.assign(param.key, text)
                        .expect("a value drawn from the range is accepted");
                }
                if p.a_share > p.b_share {
                    std::mem::swap(&mut p.a_share, &mut p.b_share);
                }
                if p.b_min > p.a_min {
                    std::mem::swap(&mut p.a_min, &mut p.b_min);
                }
                if p.at_risk_days > p.churn_days {
                    std::mem::swap(&mut p.at_risk_days, &mut p.churn_days);
                }
                p
            })
        }

        fn date(n: i64) -> NaiveDate {
            super::super::super::shift_days(NaiveDate::from_ymd_opt(0, 1, 1).unwrap(), n)
        }

        /// One customer: orders, a last contact and a follow-up at day offsets from year 0.
        type Raw = (
            Vec<(i64, i64, Option<i64>)>,
            Option<i64>,
            Option<i64>,
            [u32; 4],
            Option<u8>,
        );

        fn customer() -> impl Strategy<Value = Raw> {
            let day = 0i64..3_652_425; // 0000-01-01 … 9999-12-31
            (
                proptest::collection::vec(
                    (
                        day.clone(),
                        0i64..1_000_000_000,
                        proptest::option::of(0i64..1_000_000_000),
                    ),
                    0..6,
                ),
                proptest::option::of(day.clone()),
                proptest::option::of(day),
                proptest::array::uniform4(0u32..4),
                proptest::option::of(1u8..=5),
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            #[test]
            fn every_value_in_range_classifies_and_explains_without_crashing(
                p in params(),
                today in prop_oneof![Just(0i64), Just(3_652_424), 0i64..3_652_425],
                raws in proptest::collection::vec(customer(), 1..6),
            ) {
                prop_assert!(p.check().is_ok(), "{:?}", p.check());
                prop_assert_eq!(Params::from_stable_text(&p.to_stable_text()).unwrap(), p.clone());
                let today = date(today);
                let inputs: Vec<Inputs> = raws
                    .iter()
                    .enumerate()
                    .map(|(n, (orders, contact, followup, complaints, satisfaction))| {
                        let mut facts: Vec<OrderFact> = orders
                            .iter()
                            .map(|&(d, amount, cost)| OrderFact { date: date(d), amount, cost })
                            .collect();
                        facts.sort_by_key(|o| o.date);
                        let mut i = Inputs::new(n as i64 + 1, date(0));
                        i.set_orders(&facts, &p, today);
                        i.last_contact = contact.map(date).filter(|d| *d <= today);
                        i.contacts_total = u32::from(i.last_contact.is_some());
                        i.followup_due = followup.map(date);
                        i.open_complaints = *complaints;
                        i.last_satisfaction = *satisfaction;
                        i
                    })
                    .collect();
                let rows: Vec<RankRow> = inputs.iter().map(RankRow::from).collect();
                let (ranked, population) = rank(&rows, &p);
                let words = crate::i18n::I18n::new("en");
                let ctx = Context { params: &p, today, currency: "CNY", population, words: &words };
                for (i, r) in inputs.iter().zip(&ranked) {
                    let c = finish(i, r, &p, today);
                    prop_assert!(c.churn_risk <= 100);
                    let _ = reasons(i, r, &c, &ctx);
                }
            }
        }
    }
}
