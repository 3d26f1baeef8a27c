//! A customer record and the checks on its fields.

use super::{CustomerId, CustomerKind, Invalid, Stage};

/// A customer as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Customer {
    pub id: CustomerId,
    pub external_id: Option<String>,
    pub name: String,
    pub kind: CustomerKind,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub social: Option<String>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub needs: Option<String>,
    pub notes: Option<String>,
    pub stage_pin: Option<Stage>,
    pub archived: bool,
    pub version: i64,
    #[serde(serialize_with = "super::dates::serialize_time")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub created_by: String,
    #[serde(serialize_with = "super::dates::serialize_time")]
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub updated_by: String,
}

/// The fields to set on a new or existing customer; `None` leaves a field as it is, an empty string clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerPatch {
    pub name: Option<String>,
    pub kind: Option<CustomerKind>,
    pub external_id: Option<String>,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub social: Option<String>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub needs: Option<String>,
    pub notes: Option<String>,
    /// Replaces the whole tag list when set.
    pub tags: Option<Vec<String>>,
    /// `Some(None)` removes the pin.
    pub stage_pin: Option<Option<Stage>>,
}

/// The longest text a single field may hold, so a stray paste cannot bloat the file.
pub const MAX_FIELD_CHARS: usize = 10_000;

impl CustomerPatch {
    /// Trims every text, checks each field and returns the cleaned patch, or the first field that is wrong.
    pub fn cleaned(mut self) -> Result<Self, Invalid> {
        let trim = |f: &mut Option<String>, name: &str| -> Result<(), Invalid> {
            if let Some(v) = f {
                let t = v.trim().to_string();
                if t.chars().count() > MAX_FIELD_CHARS {
                    return Err(Invalid::said(
                        name,
                        "invalid.too_long",
                        &[("max", &MAX_FIELD_CHARS.to_string())],
                    ));
                }
                *v = t;
            }
            Ok(())
        };
        trim(&mut self.name, "name")?;
        trim(&mut self.external_id, "external_id")?;
        trim(&mut self.company, "company")?;
        trim(&mut self.industry, "industry")?;
        trim(&mut self.region, "region")?;
        trim(&mut self.address, "address")?;
        trim(&mut self.phone, "phone")?;
        trim(&mut self.email, "email")?;
        trim(&mut self.social, "social")?;
        trim(&mut self.source, "source")?;
        trim(&mut self.owner, "owner")?;
        trim(&mut self.needs, "needs")?;
        trim(&mut self.notes, "notes")?;
        if let Some(name) = &self.name {
            if blank_name(name) {
                return Err(Invalid::said("name", "invalid.empty", &[]));
            }
        }
        if let Some(email) = self.email.as_deref().filter(|e| !e.is_empty()) {
            check_email(email)?;
        }
        if let Some(phone) = self.phone.as_deref().filter(|p| !p.is_empty()) {
            check_phone(phone)?;
        }
        if let Some(src) = &mut self.source {
            *src = src.to_lowercase().replace([' ', '-'], "_");
        }
        if let Some(tags) = &mut self.tags {
            let mut clean: Vec<String> = Vec::new();
            for t in tags.iter() {
                for part in t.split([',', '，', ';']) {
                    let p = part.trim();
                    if p.is_empty() {
                        continue;
                    }
                    if p.chars().any(char::is_whitespace) {
                        return Err(Invalid::said("tags", "invalid.tag_space", &[("value", p)]));
                    }
                    if !clean.iter().any(|c| c.to_lowercase() == p.to_lowercase()) {
                        clean.push(p.to_string());
                    }
                }
            }
            *tags = clean;
        }
        Ok(self)
    }

    /// True when the patch sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == CustomerPatch::default()
    }
}

/// An email needs one `@` with something on both sides and a dot in the domain.
pub fn check_email(email: &str) -> Result<(), Invalid> {
    let ok = match email.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Invalid::said("email", "invalid.email", &[("value", email)]))
    }
}

/// A phone number holds digits and the usual separators, with at least five digits.
pub fn check_phone(phone: &str) -> Result<(), Invalid> {
    let allowed = |c: char| c.is_ascii_digit() || " +-()./".contains(c) || c.eq_ignore_ascii_case(&'x');
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if phone.chars().all(allowed) && digits >= 5 {
        Ok(())
    } else {
        Err(Invalid::said("phone", "invalid.phone", &[("value", phone)]))
    }
}

/// The phone digits alone, for matching the same number written two ways.
pub fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    // Mainland numbers are often written with the country code; compare without it.
    match digits.strip_prefix("86") {
        Some(rest) if rest.len() == 11 => rest.to_string(),
        _ => digits,
    }
}

/// A name that shows nothing: empty, spaces, or zero-width characters alone (it would look empty
/// everywhere it is shown). Every way a customer is stored checks this.
pub fn blank_name(name: &str) -> bool {
    name.chars().all(|c| c.is_whitespace() || crate::text::draws_nothing(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_trims_and_checks_fields() {
        let p = CustomerPatch {
            name: Some("  王芳 ".into()),
            email: Some(" wang@example.cn ".into()),
            phone: Some("+86 138-0013-8000".into()),
            source: Some("Trade Show".into()),
            tags: Some(vec!["vip, 重点".into(), "VIP".into()]),
            ..Default::default()
        }
        .cleaned()
        .unwrap();
        assert_eq!(p.name.as_deref(), Some("王芳"));
        assert_eq!(p.email.as_deref(), Some("wang@example.cn"));
        assert_eq!(p.source.as_deref(), Some("trade_show"));
        assert_eq!(p.tags.unwrap(), vec!["vip", "重点"]);
    }

    #[test]
    fn bad_fields_are_named() {
        let cases = [
            (
                CustomerPatch {
                    name: Some("  ".into()),
                    ..Default::default()
                },
                "name",
            ),
            (
                CustomerPatch {
                    email: Some("wang.example.cn".into()),
                    ..Default::default()
                },
                "email",
            ),
            (
                CustomerPatch {
                    email: Some("a@b".into()),
                    ..Default::default()
                },
                "email",
            ),
            (
                CustomerPatch {
                    phone: Some("call me".into()),
                    ..Default::default()
                },
                "phone",
            ),
            (
                CustomerPatch {
                    phone: Some("123".into()),
                    ..Default::default()
                },
                "phone",
            ),
            (
                CustomerPatch {
                    tags: Some(vec!["two words".into()]),
                    ..Default::default()
                },
                "tags",
            ),
        ];
        for (patch, field) in cases {
            assert_eq!(patch.cleaned().unwrap_err().field, field);
        }
        assert!(
            CustomerPatch {
                email: Some(String::new()),
                ..Default::default()
            }
            .cleaned()
            .is_ok()
        );
    }

    #[test]
    fn phone_keys_ignore_formatting_and_country_code() {
        assert_eq!(phone_key("+86 138-0013-8000"), "13800138000");
        assert_eq!(phone_key("138 0013 8000"), "13800138000");
        assert_eq!(phone_key("(555) 010-9999"), "5550109999");
    }
}
