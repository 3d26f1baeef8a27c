//! Importing a CSV of customers, orders, contacts or feedback: all rows in one transaction or none, every
//! rejected row reported as `file:line: field: why`.

use std::collections::HashMap;
use std::path::Path;

use super::encoding;
use super::headers::{Field, field_of, rank_of};
use crate::domain::contact::NewContact;
use crate::domain::customer::CustomerPatch;
use crate::domain::order::NewOrder;
use crate::domain::{
    Channel, CustomerId, CustomerKind, Direction, FeedbackKind, FeedbackStatus, Invalid, dates, money,
};
use crate::store::feedback::{FeedbackUpdate, NewFeedback};
use crate::store::{Store, StoreError, Tx, contacts, customers, feedback, orders};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Customers,
    Orders,
    Contacts,
    Feedback,
}

/// What to do with a customer row that matches an existing customer (same external id, email or phone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Update the existing customer with the row's non-empty cells.
    Merge,
    /// Leave the existing customer alone.
    Skip,
    /// Reject the row (and so the import).
    #[default]
    Error,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub kind: Option<RecordKind>,
    pub encoding: Option<String>,
    pub on_duplicate: OnDuplicate,
    pub dry_run: bool,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub file: String,
    pub kind: Option<RecordKind>,
    pub encoding: String,
    pub rows: usize,
    pub created: usize,
    pub merged: usize,
    pub skipped: usize,
    pub ignored_columns: Vec<String>,
    pub warnings: Vec<String>,
    pub dry_run: bool,
}

/// A parsed file: which columns hold which field, and the records with their line numbers.
struct Sheet {
    headers: Vec<String>,
    columns: HashMap<Field, Vec<usize>>,
    /// Headers no field claims, with their column.
    ignored: Vec<(usize, String)>,
    records: Vec<(u64, csv::StringRecord)>,
}

impl Sheet {
    /// Headers not read for this kind of file: unknown ones and those that belong to another kind.
    fn ignored_for(&self, kind: RecordKind) -> Vec<String> {
        let mut out: Vec<(usize, String)> = Vec::new();
        for (f, cols) in &self.columns {
            if !uses(kind, *f) {
                out.extend(cols.iter().map(|&k| (k, self.headers[k].trim().to_string())));
            }
        }
        out.extend(self.ignored.iter().cloned());
        out.sort();
        out.into_iter().map(|(_, h)| h).collect()
    }

    fn has(&self, f: Field) -> bool {
        self.columns.contains_key(&f)
    }

    /// The first non-empty cell among the columns mapped to `f`.
    fn get<'a>(&self, rec: &'a csv::StringRecord, f: Field) -> Option<&'a str> {
        self.columns
            .get(&f)?
            .iter()
            .filter_map(|&k| rec.get(k))
            .map(str::trim)
            .find(|v| !v.is_empty())
    }
}

fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let (comma, semi, tab) = (count(','), count(';'), count('\t'));
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

fn parse(file: &str, text: &str) -> Result<Sheet, StoreError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| StoreError::Rejected(vec![format!("{file}:1: cannot read the header row: {e}")]))?
        .clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(StoreError::Rejected(vec![format!("{file}:1: the header row is empty")]));
    }
    let mut columns: HashMap<Field, Vec<usize>> = HashMap::new();
    let mut ignored = Vec::new();
    for (k, h) in headers.iter().enumerate() {
        match field_of(h) {
            Some(f) => columns.entry(f).or_default().push(k),
            None if h.trim().is_empty() => {}
            None => ignored.push((k, h.trim().to_string())),
        }
    }
    for (f, cols) in columns.iter_mut() {
        cols.sort_by_key(|&k| rank_of(&headers[k], *f));
    }
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let width = headers.len();
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if r.len() != width {
                    problems.push(format!("{file}:{line}: has {} fields, the header has {width}", r.len()));
                    continue;
                }
                records.push((line, r));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(format!("{file}:{line}: {e}"));
            }
        }
    }
    if !problems.is_empty() {
        return Err(StoreError::Rejected(problems));
    }
    Ok(Sheet {
        headers: headers.iter().map(str::to_string).collect(),
        columns,
        ignored,
        records,
    })
}

/// What a file holds, from its headers. People come first: a file with names is customers even when it
/// also has a `Title` (Outlook's Mr./Ms.) or a `Description` (Zoho's notes).
fn guess_kind(s: &Sheet) -> RecordKind {
    let people = s.has(Field::Name) || s.has(Field::FirstName) || s.has(Field::LastName);
    if s.has(Field::Amount) && s.has(Field::Date) && !people {
        RecordKind::Orders
    } else if s.has(Field::Title)
        && (s.has(Field::FeedbackKind) || s.has(Field::Urgency) || s.has(Field::Importance) || s.has(Field::Kind))
        && !people
    {
        RecordKind::Feedback
    } else if (s.has(Field::Channel) || s.has(Field::Summary) || s.has(Field::Outcome) || s.has(Field::Direction))
        && s.has(Field::Date)
        && !people
    {
        RecordKind::Contacts
    } else if s.has(Field::Amount) && !people {
        RecordKind::Orders
    } else {
        RecordKind::Customers
    }
}

/// The fields each kind of file reads; other mapped columns are reported as ignored.
fn uses(kind: RecordKind, f: Field) -> bool {
    use Field::*;
    let key = matches!(f, ExternalId | Email | Phone);
    match kind {
        RecordKind::Customers => !matches!(
            f,
            Date | Amount
                | Cost
                | Product
                | Channel
                | Direction
                | Summary
                | Outcome
                | Next
                | Staff
                | FeedbackKind
                | Title
                | Urgency
                | Importance
                | Status
                | Satisfaction
        ),
        RecordKind::Orders => key || matches!(f, Date | Amount | Cost | Product),
        RecordKind::Contacts => key || matches!(f, Date | Channel | Direction | Summary | Outcome | Next | Staff),
        RecordKind::Feedback => {
            key || matches!(
                f,
                Date | Kind | FeedbackKind | Channel | Title | Body | Urgency | Importance | Status | Satisfaction
            )
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

/// Imports `path`. Everything happens in one transaction; any rejected row rejects the whole file.
pub fn run(store: &mut Store, path: &Path, opts: &Options) -> Result<Report, StoreError> {
    let file = path.display().to_string();
    // The file is the user's argument: one that is missing or unreadable is bad input (exit 2), and
    // nothing has been touched yet.
    let bytes = std::fs::read(path).map_err(|e| Invalid::new("import", format!("cannot read {file}: {e}")))?;
    let decoded =
        encoding::decode(&file, &bytes, opts.encoding.as_deref()).map_err(|e| StoreError::Rejected(vec![e]))?;
    let sheet = parse(&file, &decoded.text)?;
    let kind = opts.kind.unwrap_or_else(|| guess_kind(&sheet));
    let mut report = Report {
        file: file.clone(),
        kind: Some(kind),
        encoding: decoded.encoding.to_string(),
        rows: sheet.records.len(),
        ignored_columns: sheet.ignored_for(kind),
        dry_run: opts.dry_run,
        ..Report::default()
    };
    let missing = |what: &str, looked: &str| {
        StoreError::Rejected(vec![format!(
            "{file}:1: no {what} column (looked for {looked}); is this a {kind:?} file? name it with --kind"
        )])
    };
    match kind {
        RecordKind::Customers
            if !sheet.has(Field::Name) && !sheet.has(Field::FirstName) && !sheet.has(Field::LastName) =>
        {
            return Err(missing("name", "name, 姓名, 客户名称, first name, last name …"));
        }
        RecordKind::Orders if !sheet.has(Field::Amount) => {
            return Err(missing("amount", "amount, total, 金额, 订单金额 …"));
        }
        RecordKind::Orders if !sheet.has(Field::Date) => {
            return Err(missing("date", "date, order date, 日期, 下单日期 …"));
        }
        RecordKind::Feedback if !sheet.has(Field::Title) => {
            return Err(missing("title", "title, subject, 标题 …"));
        }
        RecordKind::Orders | RecordKind::Contacts | RecordKind::Feedback
            if !sheet.has(Field::ExternalId) && !sheet.has(Field::Email) && !sheet.has(Field::Phone) =>
        {
            return Err(missing("customer key", "external_id, email or phone"));
        }
        _ => {}
    }
    let trigger = format!(
        "import {}",
        path.file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned())
    );
    store.try_write(&trigger, !opts.dry_run, |w| {
        let mut errors: Vec<String> = Vec::new();
        for (line, rec) in &sheet.records {
            let at = format!("{file}:{line}");
            let result = match kind {
                RecordKind::Customers => customer_row(w, &sheet, rec, opts.on_duplicate, &at, &mut report),
                RecordKind::Orders => order_row(w, &sheet, rec),
                RecordKind::Contacts => contact_row(w, &sheet, rec),
                RecordKind::Feedback => feedback_row(w, &sheet, rec),
            };
            match result {
                Ok(Outcome::Created) => report.created += 1,
                Ok(Outcome::Merged) => report.merged += 1,
                Ok(Outcome::Skipped) => report.skipped += 1,
                Err(StoreError::Invalid(e)) => errors.push(format!("{at}: {}: {}", e.field, e.reason)),
                Err(e @ StoreError::Duplicate(_)) => errors.push(format!("{at}: {e}")),
                Err(StoreError::NotFound { entity, id }) => errors.push(format!("{at}: {entity} {id} not found")),
                Err(e) => return Err(e),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Rejected(errors))
        }
    })?;
    Ok(report)
}

enum Outcome {
    Created,
    Merged,
    Skipped,
}

fn customer_row(
    w: &mut Tx<'_>,
    s: &Sheet,
    rec: &csv::StringRecord,
    dup: OnDuplicate,
    at: &str,
    report: &mut Report,
) -> Result<Outcome, StoreError> {
    let g = |f| s.get(rec, f).map(str::to_string);
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
    let source = match g(Field::Source) {
        None => None,
        Some(v) => match source_of(&v) {
            Some(code) => Some(code.to_string()),
            None => {
                report
                    .warnings
                    .push(format!("{at}: source '{v}' is not a channel; imported as other"));
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
    let existing = customers::find_by_key(
        &w.tx,
        patch.external_id.as_deref(),
        patch.email.as_deref(),
        patch.phone.as_deref(),
    )?;
    match (existing, dup) {
        (None, _) => {
            if patch.name.is_none() {
                return Err(Invalid::new("name", "is empty").into());
            }
            customers::add(w, patch)?;
            Ok(Outcome::Created)
        }
        (Some((id, key)), OnDuplicate::Error) => Err(StoreError::Duplicate(Invalid::new(
            key,
            format!("same as customer {id}; use --on-duplicate merge or skip"),
        ))),
        (Some(_), OnDuplicate::Skip) => Ok(Outcome::Skipped),
        (Some((id, _)), OnDuplicate::Merge) => {
            customers::edit(w, id, patch, None)?;
            Ok(Outcome::Merged)
        }
    }
}

fn customer_of(w: &Tx<'_>, s: &Sheet, rec: &csv::StringRecord) -> Result<CustomerId, StoreError> {
    let (x, e, p) = (
        s.get(rec, Field::ExternalId),
        s.get(rec, Field::Email),
        s.get(rec, Field::Phone),
    );
    match customers::find_by_key(&w.tx, x, e, p)? {
        Some((id, _)) => Ok(id),
        None => {
            let key = x
                .map(|v| format!("external_id '{v}'"))
                .or(e.map(|v| format!("email '{v}'")))
                .or(p.map(|v| format!("phone '{v}'")));
            Err(Invalid::new(
                "customer",
                match key {
                    Some(k) => format!("no customer with {k}; import the customers first"),
                    None => "no external_id, email or phone to find the customer by".to_string(),
                },
            )
            .into())
        }
    }
}

fn order_row(w: &mut Tx<'_>, s: &Sheet, rec: &csv::StringRecord) -> Result<Outcome, StoreError> {
    let customer_id = customer_of(w, s, rec)?;
    let date = dates::parse_date("date", s.get(rec, Field::Date).unwrap_or(""))?;
    let amount = money::parse_amount("amount", s.get(rec, Field::Amount).unwrap_or(""), w.currency)?;
    let cost = s
        .get(rec, Field::Cost)
        .map(|c| money::parse_amount("cost", c, w.currency))
        .transpose()?;
    let product = s.get(rec, Field::Product).map(str::to_string);
    orders::add(
        w,
        NewOrder {
            customer_id,
            date,
            amount,
            cost,
            product,
        },
    )?;
    Ok(Outcome::Created)
}

fn contact_row(w: &mut Tx<'_>, s: &Sheet, rec: &csv::StringRecord) -> Result<Outcome, StoreError> {
    let customer_id = customer_of(w, s, rec)?;
    let at = crate::store::clock::parse_local(
        "date",
        s.get(rec, Field::Date)
            .ok_or_else(|| Invalid::new("date", "is empty"))?,
    )?;
    let c = NewContact {
        staff: s.get(rec, Field::Staff).map(str::to_string),
        customer_id,
        at,
        channel: s
            .get(rec, Field::Channel)
            .map(channel_of)
            .transpose()?
            .unwrap_or(Channel::Other),
        direction: s
            .get(rec, Field::Direction)
            .map(direction_of)
            .transpose()?
            .unwrap_or(Direction::Outbound),
        summary: s.get(rec, Field::Summary).map(str::to_string),
        outcome: s.get(rec, Field::Outcome).map(str::to_string),
        next_date: s
            .get(rec, Field::Next)
            .map(|d| dates::parse_date("next", d))
            .transpose()?,
    };
    contacts::log(w, c)?;
    Ok(Outcome::Created)
}

fn level(s: &Sheet, rec: &csv::StringRecord, f: Field, name: &str) -> Result<i64, Invalid> {
    match s.get(rec, f) {
        None => Ok(2),
        Some(v) => v
            .parse()
            .map_err(|_| Invalid::new(name, format!("'{v}' is not 1, 2 or 3"))),
    }
}

fn feedback_row(w: &mut Tx<'_>, s: &Sheet, rec: &csv::StringRecord) -> Result<Outcome, StoreError> {
    let customer_id = customer_of(w, s, rec)?;
    let kind_text = s
        .get(rec, Field::FeedbackKind)
        .or(s.get(rec, Field::Kind))
        .ok_or_else(|| Invalid::new("kind", "is empty"))?;
    let received_at = match s.get(rec, Field::Date) {
        Some(d) => crate::store::clock::parse_local("date", d)?,
        None => crate::store::clock::parse_local("date", &w.today.to_string())?,
    };
    let item = feedback::add(
        w,
        NewFeedback {
            customer_id,
            kind: feedback_kind_of(kind_text)?,
            channel: s.get(rec, Field::Channel).map(str::to_string),
            title: s.get(rec, Field::Title).unwrap_or("").to_string(),
            body: s.get(rec, Field::Body).map(str::to_string),
            urgency: level(s, rec, Field::Urgency, "urgency")?,
            importance: level(s, rec, Field::Importance, "importance")?,
            received_at,
        },
    )?;
    let status = s.get(rec, Field::Status).map(status_of).transpose()?;
    let satisfaction = match s.get(rec, Field::Satisfaction) {
        Some(v) => Some(
            v.parse::<i64>()
                .map_err(|_| Invalid::new("satisfaction", format!("'{v}' is not a number from 1 to 5")))?,
        ),
        None => None,
    };
    if status.is_some_and(|st| st != FeedbackStatus::New) || satisfaction.is_some() {
        feedback::update(
            w,
            item.id,
            FeedbackUpdate {
                status,
                assignee: None,
                resolution: None,
                satisfaction,
            },
        )?;
    }
    Ok(Outcome::Created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_guessed_from_headers() {
        let k = |text: &str| guess_kind(&parse("f.csv", text).unwrap());
        assert_eq!(k("external_id,name\n1,Ann\n"), RecordKind::Customers);
        assert_eq!(k("external_id,date,amount\n1,2026-01-01,10\n"), RecordKind::Orders);
        assert_eq!(
            k("email,date,channel,summary\na@b.cn,2026-01-01,phone,hi\n"),
            RecordKind::Contacts
        );
        assert_eq!(
            k("phone,kind,title\n13800138000,complaint,late\n"),
            RecordKind::Feedback
        );
        assert_eq!(k("姓名;电话\n王芳;13800138000\n"), RecordKind::Customers);
    }

    #[test]
    fn ragged_rows_are_reported_with_their_line() {
        let Err(StoreError::Rejected(lines)) = parse("f.csv", "name,phone\nAnn,123456\nBob\n") else {
            panic!()
        };
        assert_eq!(lines, vec!["f.csv:3: has 1 fields, the header has 2"]);
    }

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
