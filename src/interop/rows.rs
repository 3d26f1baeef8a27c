//! One record of an import file mapped to the domain's values: a customer patch, an order, a contact, a
//! feedback item, and the key that finds its customer; with the names other programs and people use for
//! kinds, sources, channels and statuses. Nothing here reads or writes the database.

use chrono::NaiveDate;

use super::headers::Field;
use super::sheet::Sheet;
use crate::domain::contact::NewContact;
use crate::domain::customer::CustomerPatch;
use crate::domain::order::NewOrder;
use crate::domain::{
    Channel, CustomerId, CustomerKind, Direction, FeedbackKind, FeedbackStatus, Invalid, dates, money,
};
use crate::store::feedback::{FeedbackUpdate, NewFeedback};

/// One record of a file, with where it stands (`file:line`).
pub struct Line<'a> {
    pub at: String,
    sheet: &'a Sheet,
    rec: &'a csv::StringRecord,
}

/// What finds the customer a record belongs to, in the order it is tried.
pub struct CustomerKey<'a> {
    pub external_id: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
}

/// A feedback item to add, and the status and satisfaction to give it after (read only once it is added,
/// so that a row wrong in both is refused for what the item itself lacks).
pub struct FeedbackRow {
    pub new: NewFeedback,
    pub then: Result<Option<FeedbackUpdate>, Invalid>,
}

impl<'a> Line<'a> {
    pub(super) fn new(at: String, sheet: &'a Sheet, rec: &'a csv::StringRecord) -> Self {
        Line { at, sheet, rec }
    }

    fn get(&self, f: Field) -> Option<&'a str> {
        self.sheet.get(self.rec, f)
    }

    /// The key of an order's, contact's or feedback item's customer.
    pub fn key(&self) -> CustomerKey<'a> {
        CustomerKey {
            external_id: self.get(Field::ExternalId),
            email: self.get(Field::Email),
            phone: self.get(Field::Phone),
        }
    }

    /// A customer row as a patch, with a warning when its source is not a channel (imported as other).
    pub fn customer(&self) -> Result<(CustomerPatch, Option<String>), Invalid> {
        let g = |f| self.get(f).map(str::to_string);
        let name = match (g(Field::Name), g(Field::FirstName), g(Field::LastName)) {
            (Some(n), _, _) => Some(n),
            (None, Some(first), Some(last)) if has_cjk(&first) || has_cjk(&last) => Some(format!("{last}{first}")),
            (None, Some(first), Some(last)) => Some(format!("{first} {last}")),
            (None, first, last) => first.or(last),
        };
        let region = match (g(Field::Region), g(Field::City)) {
            (Some(r), Some(c)) if !r.contains(&c) => Some(format!("{r} {c}")),
            (r, c) => r.or(c),
        };
        let mut warning = None;
        let source = match g(Field::Source) {
            None => None,
            Some(v) => match source_of(&v) {
                Some(code) => Some(code.to_string()),
                None => {
                    warning = Some(format!("{}: source '{v}' is not a channel; imported as other", self.at));
                    Some("other".to_string())
                }
            },
        };
        let patch = CustomerPatch {
            name,
            kind: g(Field::Kind).map(|k| kind_of(&k)).transpose()?,
            external_id: g(Field::ExternalId),
            company: g(Field::Company),
            industry: g(Field::Industry),
            region,
            address: g(Field::Address),
            phone: g(Field::Phone),
            email: g(Field::Email),
            social: g(Field::Social),
            source,
            owner: g(Field::Owner),
            needs: g(Field::Needs),
            // Zoho and Salesforce call the notes "Description".
            notes: g(Field::Notes).or_else(|| g(Field::Body)),
            tags: g(Field::Tags).map(|t| tags_of(&t)).filter(|t| !t.is_empty()),
            stage_pin: None,
        };
        Ok((patch, warning))
    }

    /// An order row for `customer_id`, its amounts in `currency` (the file's).
    pub fn order(&self, customer_id: CustomerId, currency: &str) -> Result<NewOrder, Invalid> {
        let date = dates::parse_date("date", self.get(Field::Date).unwrap_or(""))?;
        let amount = money::parse_amount("amount", self.get(Field::Amount).unwrap_or(""), currency)?;
        let cost = self
            .get(Field::Cost)
            .map(|c| money::parse_amount("cost", c, currency))
            .transpose()?;
        Ok(NewOrder {
            customer_id,
            date,
            amount,
            cost,
            product: self.get(Field::Product).map(str::to_string),
        })
    }

    /// A contact row for `customer_id`; its time is read in the user's zone.
    pub fn contact(&self, customer_id: CustomerId) -> Result<NewContact, Invalid> {
        let at = crate::store::clock::parse_local(
            "date",
            self.get(Field::Date).ok_or_else(|| Invalid::new("date", "is empty"))?,
        )?;
        Ok(NewContact {
            staff: self.get(Field::Staff).map(str::to_string),
            customer_id,
            at,
            channel: self
                .get(Field::Channel)
                .map(channel_of)
                .transpose()?
                .unwrap_or(Channel::Other),
            direction: self
                .get(Field::Direction)
                .map(direction_of)
                .transpose()?
                .unwrap_or(Direction::Outbound),
            summary: self.get(Field::Summary).map(str::to_string),
            outcome: self.get(Field::Outcome).map(str::to_string),
            next_date: self
                .get(Field::Next)
                .map(|d| dates::parse_date("next", d))
                .transpose()?,
        })
    }

    /// A feedback row for `customer_id`; one without a date was received `today`.
    pub fn feedback(&self, customer_id: CustomerId, today: NaiveDate) -> Result<FeedbackRow, Invalid> {
        let kind_text = self
            .get(Field::FeedbackKind)
            .or(self.get(Field::Kind))
            .ok_or_else(|| Invalid::new("kind", "is empty"))?;
        let received_at = match self.get(Field::Date) {
            Some(d) => crate::store::clock::parse_local("date", d)?,
            None => crate::store::clock::parse_local("date", &today.to_string())?,
        };
        let new = NewFeedback {
            customer_id,
            kind: feedback_kind_of(kind_text)?,
            channel: self.get(Field::Channel).map(str::to_string),
            title: self.get(Field::Title).unwrap_or("").to_string(),
            body: self.get(Field::Body).map(str::to_string),
            urgency: self.level(Field::Urgency, "urgency")?,
            importance: self.level(Field::Importance, "importance")?,
            received_at,
        };
        Ok(FeedbackRow {
            new,
            then: self.feedback_status(),
        })
    }

    /// The status and satisfaction a feedback row gives its item after it is added, if any.
    fn feedback_status(&self) -> Result<Option<FeedbackUpdate>, Invalid> {
        let status = self.get(Field::Status).map(status_of).transpose()?;
        let satisfaction = match self.get(Field::Satisfaction) {
            Some(v) => Some(
                v.parse::<i64>()
                    .map_err(|_| Invalid::new("satisfaction", format!("'{v}' is not a number from 1 to 5")))?,
            ),
            None => None,
        };
        Ok(
            (status.is_some_and(|st| st != FeedbackStatus::New) || satisfaction.is_some()).then_some(FeedbackUpdate {
                status,
                assignee: None,
                resolution: None,
                satisfaction,
            }),
        )
    }

    fn level(&self, f: Field, name: &str) -> Result<i64, Invalid> {
        match self.get(f) {
            None => Ok(2),
            Some(v) => v
                .parse()
                .map_err(|_| Invalid::new(name, format!("'{v}' is not 1, 2 or 3"))),
        }
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

fn kind_of(v: &str) -> Result<CustomerKind, Invalid> {
    Ok(match v.trim() {
        "个人" => CustomerKind::Individual,
        "公司" | "企业" => CustomerKind::Company,
        "政府" | "政府机构" => CustomerKind::Government,
        "非营利" | "非营利组织" | "公益" => CustomerKind::Nonprofit,
        other => other.parse()?,
    })
}

/// Maps source names from people and other programs onto the channels; `None` when it is unknown.
fn source_of(v: &str) -> Option<&'static str> {
    let n = v.trim().to_lowercase().replace(['-', ' '], "_");
    Some(match n.as_str() {
        "online_ads" | "advertisement" | "ads" | "online_store" | "线上广告" | "网络广告" | "广告" => {
            "online_ads"
        }
        "search" | "web_research" | "web_download" | "seo" | "搜索" | "搜索引擎" => "search",
        "social" | "chat" | "social_media" | "社交媒体" | "社交" | "微信" => "social",
        "email_campaign" | "email" | "sales_email_alias" | "邮件营销" | "邮件" => "email_campaign",
        "referral" | "employee_referral" | "external_referral" | "word_of_mouth" | "转介绍" | "推荐" | "介绍" => {
            "referral"
        }
        "partner" | "seminar_partner" | "合作伙伴" | "渠道伙伴" => "partner",
        "trade_show" | "tradeshow" | "exhibition" | "internal_seminar" | "展会" | "展览" => "trade_show",
        "cold_call" | "coldcall" | "telemarketing" | "陌拜" | "电话营销" | "陌生拜访" => "cold_call",
        "walk_in" | "walkin" | "上门" | "到店" | "自然到访" => "walk_in",
        "other" | "其他" | "其它" => "other",
        _ => return None,
    })
}

fn channel_of(v: &str) -> Result<Channel, Invalid> {
    Ok(match v.trim() {
        "电话" => Channel::Phone,
        "邮件" | "电子邮件" => Channel::Email,
        "拜访" | "上门" => Channel::Visit,
        "会议" | "见面" => Channel::Meeting,
        "短信" => Channel::Sms,
        "微信" => Channel::Wechat,
        "社交" | "社交媒体" => Channel::Social,
        "其他" | "其它" => Channel::Other,
        other => other.parse()?,
    })
}

fn direction_of(v: &str) -> Result<Direction, Invalid> {
    match v.trim() {
        "呼入" | "来电" | "客户来电" | "inbound" => Ok(Direction::Inbound),
        "呼出" | "去电" | "主动联系" | "outbound" => Ok(Direction::Outbound),
        other => Direction::parse_loose(other),
    }
}

fn feedback_kind_of(v: &str) -> Result<FeedbackKind, Invalid> {
    Ok(match v.trim() {
        "投诉" => FeedbackKind::Complaint,
        "建议" => FeedbackKind::Suggestion,
        "表扬" | "好评" => FeedbackKind::Praise,
        "咨询" => FeedbackKind::Inquiry,
        "需求" => FeedbackKind::Need,
        other => other.parse()?,
    })
}

fn status_of(v: &str) -> Result<FeedbackStatus, Invalid> {
    Ok(match v.trim() {
        "新" | "新建" => FeedbackStatus::New,
        "处理中" | "调查中" => FeedbackStatus::Investigating,
        "已解决" => FeedbackStatus::Resolved,
        "已关闭" | "关闭" => FeedbackStatus::Closed,
        "重新打开" => FeedbackStatus::Reopened,
        other => other.parse()?,
    })
}

fn tags_of(v: &str) -> Vec<String> {
    v.split([',', ';', '、', '，', '|'])
        .flat_map(|t| t.split(":::"))
        .map(|t| t.trim().trim_start_matches('*').trim())
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("myContacts"))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join("_"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_from_google_groups_and_chinese_lists() {
        assert_eq!(
            tags_of("* myContacts ::: VIP Clients ::: 重点"),
            vec!["VIP_Clients", "重点"]
        );
        assert_eq!(tags_of("a、b，c"), vec!["a", "b", "c"]);
        assert_eq!(source_of("Employee Referral"), Some("referral"));
        assert_eq!(source_of("展会"), Some("trade_show"));
        assert_eq!(source_of("Seminar"), None);
    }
}
