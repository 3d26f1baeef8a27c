//! The pure model and rules: records, closed sets, money, classification, filters — no SQL, no terminal, no clock.

pub mod classify;
pub mod contact;
pub mod currency;
pub mod customer;
pub mod dataset;
pub mod dates;
pub mod feedback;
pub mod filter;
pub mod followup;
pub mod money;
pub mod order;
pub mod reach;
pub mod report;
pub mod snooze;
pub mod trigger;

use std::fmt;

/// A field-level validation failure: which field and why, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct Invalid {
    pub field: String,
    /// Why, in English (what the CLI prints and import reports).
    pub reason: String,
    /// The locale key and values the reason was made from, so an interface can say it in its language.
    pub said: Option<Said>,
}

/// A reason as a locale key (`invalid.NAME`) and the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// What the reason is about, written before it (`tier:Z: …` for a filter term).
    pub about: Option<String>,
}

impl Invalid {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Invalid {
            field: field.into(),
            reason: reason.into(),
            said: None,
        }
    }

    /// A failure whose reason is the locale string `key` (`invalid.…`) with `args` filled in.
    pub fn said(field: impl Into<String>, key: &'static str, args: &[(&'static str, &str)]) -> Self {
        // A quoted value may hold anything the user typed (a newline, an escape): it stays on its line.
        let args: Vec<(&'static str, String)> = args.iter().map(|(k, v)| (*k, crate::text::sanitize(v))).collect();
        let args: Vec<(&'static str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let args = args.as_slice();
        let reason = crate::i18n::english().f(key, args);
        Invalid {
            field: field.into(),
            reason,
            said: Some(Said {
                key,
                args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
                about: None,
            }),
        }
    }

    /// The same failure reported as `field`, about `what` (`tier:Z`), which goes before the reason.
    pub fn about(mut self, field: &str, what: &str) -> Self {
        self.field = field.to_string();
        self.reason = format!("{what}: {}", self.reason);
        if let Some(s) = &mut self.said {
            s.about = Some(what.to_string());
        }
        self
    }

    /// The reason in the words of `words` (English when it was not made from a locale key).
    pub fn reason_in(&self, words: &crate::i18n::I18n) -> String {
        match &self.said {
            Some(s) => {
                let args: Vec<(&str, &str)> = s.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let why = words.f(s.key, &args);
                match &s.about {
                    Some(what) => format!("{what}: {why}"),
                    None => why,
                }
            }
            None => self.reason.clone(),
        }
    }
}

/// Declares a closed set of named values with one spelling shared by SQL, CLI, config and JSON.
///
/// Parsing is case-insensitive and accepts `-` for `_`; an unknown word is an error listing the known ones.
#[macro_export]
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable spelling used in the database, on the command line and in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The known spellings joined for an error message.
            pub fn known() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::Invalid;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let norm = s.trim().replace('-', "_");
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(&norm))
                    .ok_or_else(|| $crate::domain::Invalid::said(
                        $what,
                        "invalid.one_of",
                        &[("value", s.trim()), ("known", &Self::known())],
                    ))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(|e: $crate::domain::Invalid| serde::de::Error::custom(e.reason))
            }
        }
    };
}

/// Declares the row id of one table: a number that cannot be passed where another table's id is wanted,
/// written (and serialised) as the plain number.
macro_rules! row_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

row_id!(
    /// A customer's row id.
    CustomerId
);
row_id!(
    /// An order's row id.
    OrderId
);
row_id!(
    /// A contact log entry's row id.
    ContactId
);
row_id!(
    /// A feedback item's row id.
    FeedbackId
);
row_id!(
    /// A follow-up's row id.
    FollowupId
);

closed_set!(
    /// Value tier by revenue or profit: A high, B mid, C low.
    Tier, "tier" { A => "A", B => "B", C => "C" }
);

impl Tier {
    /// Weight of a day overdue in the follow-up queue.
    pub fn weight(self) -> i64 {
        match self {
            Tier::A => 3,
            Tier::B => 2,
            Tier::C => 1,
        }
    }
}

closed_set!(
    /// Buying behavior by orders in the window.
    Behavior, "behavior" {
        Frequent => "frequent",
        Occasional => "occasional",
        OneTime => "one_time",
        Inactive => "inactive",
    }
);

closed_set!(
    /// Lifecycle stage, first matching rule unless pinned.
    Stage, "stage" {
        Potential => "potential",
        Intent => "intent",
        Active => "active",
        Loyal => "loyal",
        AtRisk => "at_risk",
        Churned => "churned",
    }
);

impl Stage {
    /// Leads have not bought yet and get the lead cadence.
    pub fn is_lead(self) -> bool {
        matches!(self, Stage::Potential | Stage::Intent)
    }
}

closed_set!(
    /// What kind of party a customer is.
    CustomerKind, "kind" {
        Individual => "individual",
        Company => "company",
        Government => "government",
        Nonprofit => "nonprofit",
    }
);

closed_set!(
    /// How a contact happened.
    Channel, "channel" {
        Phone => "phone",
        Email => "email",
        Visit => "visit",
        Meeting => "meeting",
        Sms => "sms",
        Wechat => "wechat",
        Social => "social",
        Other => "other",
    }
);

closed_set!(
    /// Who started a contact.
    Direction, "direction" { Outbound => "outbound", Inbound => "inbound" }
);

impl Direction {
    /// Accepts the short forms `in` and `out` as well as the full words.
    pub fn parse_loose(s: &str) -> Result<Self, Invalid> {
        match s.trim().to_ascii_lowercase().as_str() {
            "in" => Ok(Direction::Inbound),
            "out" => Ok(Direction::Outbound),
            _ => s.parse(),
        }
    }
}

closed_set!(
    /// What a piece of feedback is.
    FeedbackKind, "kind" {
        Complaint => "complaint",
        Suggestion => "suggestion",
        Praise => "praise",
        Inquiry => "inquiry",
        Need => "need",
    }
);

closed_set!(
    /// Where a piece of feedback stands.
    FeedbackStatus, "status" {
        New => "new",
        Investigating => "investigating",
        Resolved => "resolved",
        Closed => "closed",
        Reopened => "reopened",
    }
);

closed_set!(
    /// State of an explicit follow-up.
    FollowupState, "state" { Open => "open", Done => "done", Snoozed => "snoozed" }
);

closed_set!(
    /// Feedback priority, P1 most urgent.
    Priority, "priority" { P1 => "P1", P2 => "P2", P3 => "P3", P4 => "P4" }
);

impl Priority {
    /// Base priority from urgency × importance: 9 → P1, 6 → P2, 3–4 → P3, else P4.
    pub fn from_scores(urgency: u8, importance: u8) -> Priority {
        match u16::from(urgency) * u16::from(importance) {
            9.. => Priority::P1,
            6..=8 => Priority::P2,
            3..=5 => Priority::P3,
            _ => Priority::P4,
        }
    }

    /// One step more urgent (P1 stays P1).
    pub fn raised(self) -> Priority {
        match self {
            Priority::P1 | Priority::P2 => Priority::P1,
            Priority::P3 => Priority::P2,
            Priority::P4 => Priority::P3,
        }
    }

    /// The priority in force for a customer of this tier: tier A raises it one step.
    pub fn for_tier(self, tier: Option<Tier>) -> Priority {
        if tier == Some(Tier::A) { self.raised() } else { self }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

closed_set!(
    /// The RFM segment names of the usual R × FM map.
    Segment, "segment" {
        Champions => "champions",
        Loyal => "loyal",
        PotentialLoyalist => "potential_loyalist",
        New => "new",
        Promising => "promising",
        NeedAttention => "need_attention",
        AboutToSleep => "about_to_sleep",
        AtRisk => "at_risk",
        CantLose => "cant_lose",
        Hibernating => "hibernating",
        Lost => "lost",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_sets_parse_case_insensitively_and_list_known_values_on_error() {
        assert_eq!("a".parse::<Tier>().unwrap(), Tier::A);
        assert_eq!("At-Risk".parse::<Stage>().unwrap(), Stage::AtRisk);
        let err = "gold".parse::<Tier>().unwrap_err();
        assert_eq!(err.field, "tier");
        assert!(err.reason.contains("A, B, C"), "{}", err.reason);
        for s in Segment::ALL {
            assert_eq!(s.as_str().parse::<Segment>().unwrap(), *s);
        }
    }

    #[test]
    fn priority_from_urgency_and_importance() {
        let cases = [
            (3, 3, Priority::P1),
            (3, 2, Priority::P2),
            (2, 3, Priority::P2),
            (2, 2, Priority::P3),
            (3, 1, Priority::P3),
            (1, 3, Priority::P3),
            (2, 1, Priority::P4),
            (1, 1, Priority::P4),
        ];
        for (u, i, p) in cases {
            assert_eq!(Priority::from_scores(u, i), p, "u={u} i={i}");
        }
        assert_eq!(Priority::P1.for_tier(Some(Tier::A)), Priority::P1);
        assert_eq!(Priority::P4.for_tier(Some(Tier::A)), Priority::P3);
        assert_eq!(Priority::P4.for_tier(Some(Tier::B)), Priority::P4);
    }

    #[test]
    fn direction_accepts_short_forms() {
        assert_eq!(Direction::parse_loose("in").unwrap(), Direction::Inbound);
        assert_eq!(Direction::parse_loose("OUT").unwrap(), Direction::Outbound);
        assert!(Direction::parse_loose("sideways").is_err());
    }
}
