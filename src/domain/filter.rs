//! The filter language of the search box and `customer list --filter`: parse text into a [`Filter`].
//!
//! Space-separated terms, all must hold: free words match name, company, phone, email, notes, tags, region
//! and address
//! (case-insensitive, full-width folded); `field:value` matches a field; `-term` negates.

use chrono::NaiveDate;

use super::{Behavior, CustomerKind, Invalid, Segment, Stage, Tier};

/// A numeric comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Cmp {
    pub fn sql(self) -> &'static str {
        match self {
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Eq => "=",
            Cmp::Ge => ">=",
            Cmp::Gt => ">",
        }
    }
}

/// Which customers a `due:` term means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Due on or before today: in the follow-up queue.
    Today,
    /// Due before today.
    Overdue,
    /// Due on or before a date.
    By(NaiveDate),
}

/// Whether archived customers are included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archived {
    No,
    Yes,
    Any,
}

/// One condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// A free word, already folded.
    Word(String),
    Tier(Vec<Tier>),
    Stage(Vec<Stage>),
    Behavior(Vec<Behavior>),
    Segment(Vec<Segment>),
    Kind(Vec<CustomerKind>),
    /// `owner:me` is resolved to the acting user by the caller of [`parse`].
    Owner(String),
    Tag(String),
    Source(String),
    /// Substring matches (folded).
    Region(String),
    Industry(String),
    Company(String),
    Name(String),
    Phone(String),
    Email(String),
    Due(Due),
    Risk(Cmp, i64),
    /// Revenue in the window, minor units.
    Revenue(Cmp, i64),
    Clv(Cmp, i64),
    Orders(Cmp, i64),
    Id(i64),
    ExternalId(String),
    Flagged(bool),
    Pinned(bool),
}

/// A condition and whether it is negated.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub negated: bool,
    pub cond: Cond,
}

/// A parsed filter: every term must hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub terms: Vec<Term>,
    /// From `archived:`; archived customers are hidden unless asked for.
    pub archived: Option<Archived>,
}

/// The known fields, for help and for the error on an unknown one.
pub const FIELDS: &[&str] = &[
    "tier",
    "stage",
    "behavior",
    "segment",
    "kind",
    "owner",
    "tag",
    "source",
    "region",
    "industry",
    "company",
    "name",
    "phone",
    "email",
    "due",
    "risk",
    "revenue",
    "clv",
    "orders",
    "id",
    "external_id",
    "flagged",
    "pinned",
    "archived",
];

/// Lowercases and folds full-width ASCII (ＡＢＣ１２３) to half-width, so search matches however it was typed.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits on spaces, keeping double-quoted runs together (`company:"Acme Ltd"`).
fn tokens(text: &str) -> Result<Vec<String>, Invalid> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if quoted {
        return Err(Invalid::said("filter", "invalid.filter_quote", &[]));
    }
    if any {
        out.push(cur);
    }
    Ok(out)
}

fn list<T: std::str::FromStr<Err = Invalid>>(field: &str, value: &str) -> Result<Vec<T>, Invalid> {
    value
        .split(',')
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<T>()
                .map_err(|e| e.about("filter", &format!("{field}:{value}")))
        })
        .collect()
}

fn number(field: &str, value: &str, money: bool) -> Result<(Cmp, i64), Invalid> {
    let (cmp, rest) = if let Some(r) = value.strip_prefix(">=") {
        (Cmp::Ge, r)
    } else if let Some(r) = value.strip_prefix("<=") {
        (Cmp::Le, r)
    } else if let Some(r) = value.strip_prefix('>') {
        (Cmp::Gt, r)
    } else if let Some(r) = value.strip_prefix('<') {
        (Cmp::Lt, r)
    } else if let Some(r) = value.strip_prefix('=') {
        (Cmp::Eq, r)
    } else {
        (Cmp::Eq, value)
    };
    let bad = || {
        Invalid::said("filter", "invalid.filter_number", &[("field", field)])
            .about("filter", &format!("{field}:{value}"))
    };
    let n = if money {
        // The filter does not know the database's currency: a plain number, or one grouped by commas.
        super::money::parse_amount(field, rest, "").map_err(|_| bad())?
    } else {
        rest.trim().parse::<i64>().map_err(|_| bad())?
    };
    Ok((cmp, n))
}

fn yes_no(field: &str, value: &str) -> Result<bool, Invalid> {
    match value.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(Invalid::said("filter", "invalid.filter_yes_no", &[]).about("filter", &format!("{field}:{value}"))),
    }
}

/// Parses filter text. `me` is the acting user (for `owner:me`), `today` resolves nothing yet but dates.
/// At most this many terms: each becomes a condition of one query, and SQLite's expression depth is finite.
pub const MAX_TERMS: usize = 100;

pub fn parse(text: &str, me: &str) -> Result<Filter, Invalid> {
    let mut f = Filter::default();
    let tokens = tokens(text)?;
    if tokens.len() > MAX_TERMS {
        return Err(Invalid::new(
            "filter",
            format!("{} terms; a filter takes at most {MAX_TERMS}", tokens.len()),
        ));
    }
    for tok in tokens {
        // A minus with nothing after it (a stray space: `- tag:vip`) would be a word that matches
        // nothing, and the list would come back empty without saying why.
        if tok == "-" {
            return Err(Invalid::said("filter", "invalid.filter_lone_minus", &[]));
        }
        let (negated, body) = match tok.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest.to_string()),
            _ => (false, tok.clone()),
        };
        let Some((field, value)) = body.split_once(':') else {
            f.terms.push(Term {
                negated,
                cond: Cond::Word(fold(&body)),
            });
            continue;
        };
        let field = field.to_ascii_lowercase();
        if value.is_empty() {
            return Err(Invalid::said(
                "filter",
                "invalid.filter_needs_value",
                &[("field", &field)],
            ));
        }
        let cond = match field.as_str() {
            "tier" => Cond::Tier(list(&field, value)?),
            "stage" => Cond::Stage(list(&field, value)?),
            "behavior" | "behaviour" => Cond::Behavior(list(&field, value)?),
            "segment" | "rfm" => Cond::Segment(list(&field, value)?),
            "kind" => Cond::Kind(list(&field, value)?),
            "owner" => Cond::Owner(if value.eq_ignore_ascii_case("me") {
                me.to_string()
            } else {
                value.to_string()
            }),
            "tag" => Cond::Tag(fold(value)),
            "source" => Cond::Source(value.to_lowercase().replace('-', "_")),
            "region" => Cond::Region(fold(value)),
            "industry" => Cond::Industry(fold(value)),
            "company" => Cond::Company(fold(value)),
            "name" => Cond::Name(fold(value)),
            "phone" => Cond::Phone(value.chars().filter(char::is_ascii_digit).collect()),
            "email" => Cond::Email(fold(value)),
            "due" => Cond::Due(match value.to_ascii_lowercase().as_str() {
                "today" => Due::Today,
                "overdue" => Due::Overdue,
                other => Due::By(super::dates::parse_date("filter", other).map_err(|_| {
                    Invalid::said("filter", "invalid.filter_due", &[]).about("filter", &format!("due:{value}"))
                })?),
            }),
            "risk" | "churn" => {
                let (c, n) = number(&field, value, false)?;
                Cond::Risk(c, n)
            }
            "revenue" => {
                let (c, n) = number(&field, value, true)?;
                Cond::Revenue(c, n)
            }
            "clv" => {
                let (c, n) = number(&field, value, true)?;
                Cond::Clv(c, n)
            }
            "orders" => {
                let (c, n) = number(&field, value, false)?;
                Cond::Orders(c, n)
            }
            "id" => Cond::Id(value.parse().map_err(|_| {
                Invalid::said("filter", "invalid.filter_id", &[]).about("filter", &format!("id:{value}"))
            })?),
            "external_id" | "ext" => Cond::ExternalId(value.to_string()),
            "flagged" => Cond::Flagged(yes_no(&field, value)?),
            "pinned" => Cond::Pinned(yes_no(&field, value)?),
            "archived" => {
                f.archived = Some(match value.to_ascii_lowercase().as_str() {
                    "any" | "all" => Archived::Any,
                    v => {
                        if yes_no(&field, v).map_err(|_| {
                            Invalid::said("filter", "invalid.filter_archived", &[])
                                .about("filter", &format!("archived:{value}"))
                        })? != negated
                        {
                            Archived::Yes
                        } else {
                            Archived::No
                        }
                    }
                });
                continue;
            }
            _ => {
                return Err(Invalid::said(
                    "filter",
                    "invalid.filter_unknown",
                    &[("field", &field), ("token", &tok), ("known", &FIELDS.join(", "))],
                ));
            }
        };
        f.terms.push(Term { negated, cond });
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fields_and_negation() {
        let f = parse(
            r#"王 tier:A,b -stage:churned owner:me company:"Acme Ltd" risk:>60 revenue:>=10,000"#,
            "li",
        )
        .unwrap();
        assert_eq!(f.terms.len(), 7);
        assert_eq!(f.terms[0].cond, Cond::Word("王".into()));
        assert_eq!(f.terms[1].cond, Cond::Tier(vec![Tier::A, Tier::B]));
        assert_eq!(
            f.terms[2],
            Term {
                negated: true,
                cond: Cond::Stage(vec![Stage::Churned])
            }
        );
        assert_eq!(f.terms[3].cond, Cond::Owner("li".into()));
        assert_eq!(f.terms[4].cond, Cond::Company("acme ltd".into()));
        assert_eq!(f.terms[5].cond, Cond::Risk(Cmp::Gt, 60));
        assert_eq!(f.terms[6].cond, Cond::Revenue(Cmp::Ge, 1_000_000));
    }

    #[test]
    fn unknown_fields_and_bad_values_are_specific_errors() {
        let e = parse("colour:red", "me").unwrap_err();
        assert!(e.reason.contains("unknown field 'colour'"), "{}", e.reason);
        assert!(e.reason.contains("tier, stage"), "{}", e.reason);
        let e = parse("tier:D", "me").unwrap_err();
        assert!(e.reason.contains("'D' is not one of: A, B, C"), "{}", e.reason);
        assert!(parse("risk:lots", "me").unwrap_err().reason.contains("risk:>60"));
        assert!(parse("due:someday", "me").is_err());
        assert!(parse(r#"name:"open"#, "me").is_err());
        assert!(parse("tier:", "me").is_err());
    }

    #[test]
    fn a_lone_minus_is_refused_saying_what_it_is_for() {
        for text in ["-", "tier:A -", "- tag:vip"] {
            let e = parse(text, "me").unwrap_err();
            assert_eq!(e.field, "filter");
            assert_eq!(e.reason, "'-' negates a term: write -tag:vip", "{text}");
        }
        assert!(parse("-tag:vip -王", "me").is_ok());
    }

    #[test]
    fn money_in_a_filter_is_a_plain_number() {
        assert_eq!(
            parse("clv:<1,500", "me").unwrap().terms[0].cond,
            Cond::Clv(Cmp::Lt, 150_000)
        );
        // No currency is known here, so a mark is refused rather than read as whatever it stands for.
        assert!(parse("revenue:>$5", "me").is_err());
        assert!(parse("revenue:>12,50", "me").is_err());
    }

    #[test]
    fn folding_is_case_and_width_insensitive() {
        assert_eq!(fold("ＡＢＣ１２３ Straße"), "abc123 straße");
        assert_eq!(parse("ＶＩＰ", "me").unwrap().terms[0].cond, Cond::Word("vip".into()));
    }

    #[test]
    fn archived_is_a_switch_not_a_term() {
        assert_eq!(parse("archived:yes", "me").unwrap().archived, Some(Archived::Yes));
        assert_eq!(parse("-archived:yes", "me").unwrap().archived, Some(Archived::No));
        assert_eq!(parse("archived:any", "me").unwrap().archived, Some(Archived::Any));
        assert_eq!(parse("", "me").unwrap(), Filter::default());
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;
    use crate::i18n::{I18n, english};

    #[test]
    fn a_bad_term_is_explained_in_either_language() {
        let e = parse("tier:Z", "me").unwrap_err();
        assert_eq!(e.reason, e.reason_in(english()), "the English reason is the table's");
        assert!(e.reason.starts_with("tier:Z: 'Z' is not one of: "), "{}", e.reason);
        let zh = e.reason_in(&I18n::new("zh"));
        assert!(zh.starts_with("tier:Z: “Z”不在可选值中："), "{zh}");
        let e = parse("colour:red", "me").unwrap_err();
        assert!(e.reason_in(&I18n::new("zh")).contains("字段“colour”未知"));
    }
}
