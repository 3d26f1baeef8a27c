//! Header aliases: the column names other programs and people use (English and Chinese) mapped to our fields.

/// A field an import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    ExternalId,
    Name,
    FirstName,
    LastName,
    Kind,
    Company,
    Industry,
    Region,
    City,
    Address,
    Phone,
    Email,
    Social,
    Source,
    Owner,
    Tags,
    Needs,
    Notes,
    Date,
    Amount,
    Cost,
    Product,
    Channel,
    Direction,
    Summary,
    Outcome,
    Next,
    Staff,
    FeedbackKind,
    Title,
    Body,
    Urgency,
    Importance,
    Status,
    Satisfaction,
}

/// Lowercase with spaces, underscores, hyphens and dots removed: "E-mail 1 - Value" → "email1value".
pub fn normalize(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\u{3000}' | '（' | '）' | '(' | ')'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every alias, normalized, with its field. Earlier entries of a field are preferred when several columns map to it.
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::ExternalId,
        &[
            "externalid",
            "extid",
            "customerid",
            "customerexternalid",
            "customerno",
            "customernumber",
            "recordid",
            "contactid",
            "accountid",
            "客户编号",
            "客户id",
            "客户代码",
            "编号",
        ],
    ),
    (
        Field::Name,
        &[
            "name",
            "fullname",
            "customername",
            "customer",
            "contactname",
            "displayname",
            "accountname2",
            "姓名",
            "客户名称",
            "客户姓名",
            "客户",
            "名称",
            "联系人",
            "联系人姓名",
        ],
    ),
    (Field::FirstName, &["firstname", "givenname", "名"]),
    (Field::LastName, &["lastname", "familyname", "surname", "姓"]),
    (Field::Kind, &["kind", "customertype", "type", "客户类型", "类型"]),
    (
        Field::Company,
        &[
            "company",
            "companyname",
            "organization",
            "organisation",
            "organizationname",
            "organization1name",
            "accountname",
            "employer",
            "公司",
            "公司名称",
            "单位",
            "企业",
            "企业名称",
            "所属公司",
        ],
    ),
    (Field::Industry, &["industry", "行业", "所属行业"]),
    (
        Field::Region,
        &[
            "region",
            "province",
            "state",
            "mailingstate",
            "businessstate",
            "homestate",
            "address1region",
            "地区",
            "区域",
            "省份",
            "省",
            "所在地区",
        ],
    ),
    (
        Field::City,
        &[
            "city",
            "mailingcity",
            "businesscity",
            "homecity",
            "address1city",
            "城市",
            "市",
        ],
    ),
    (
        Field::Address,
        &[
            "address",
            "street",
            "mailingstreet",
            "businessstreet",
            "homestreet",
            "address1street",
            "address1formatted",
            "地址",
            "详细地址",
            "联系地址",
        ],
    ),
    (
        Field::Phone,
        &[
            "phone",
            "telephone",
            "tel",
            "mobile",
            "mobilephone",
            "cellphone",
            "phone1value",
            "businessphone",
            "homephone",
            "primaryphone",
            "phonenumber",
            "电话",
            "手机",
            "手机号",
            "手机号码",
            "联系电话",
            "电话号码",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "emailaddress",
            "email1value",
            "mail",
            "primaryemail",
            "邮箱",
            "电子邮件",
            "电子邮箱",
            "邮件",
        ],
    ),
    (
        Field::Social,
        &["social", "wechat", "weixin", "wechatid", "微信", "微信号", "社交账号"],
    ),
    (
        Field::Source,
        &["source", "leadsource", "sourcechannel", "来源", "客户来源", "来源渠道"],
    ),
    (
        Field::Owner,
        &[
            "owner",
            "contactowner",
            "leadowner",
            "accountowner",
            "salesperson",
            "负责人",
            "销售",
            "业务员",
            "所属销售",
            "客户经理",
        ],
    ),
    (
        Field::Tags,
        &["tags", "tag", "labels", "categories", "groupmembership", "标签"],
    ),
    (Field::Needs, &["needs", "preferences", "需求", "偏好", "需求偏好"]),
    (
        Field::Notes,
        &["notes", "note", "comments", "comment", "remarks", "备注", "说明"],
    ),
    (
        Field::Date,
        &[
            "date",
            "orderdate",
            "purchasedate",
            "at",
            "time",
            "datetime",
            "contactedat",
            "receivedat",
            "received",
            "createdtime",
            "日期",
            "下单日期",
            "订单日期",
            "购买日期",
            "时间",
            "联系时间",
            "反馈时间",
        ],
    ),
    (
        Field::Amount,
        &[
            "amount",
            "total",
            "ordertotal",
            "revenue",
            "sales",
            "value",
            "price",
            "金额",
            "订单金额",
            "销售额",
            "总价",
            "总金额",
            "成交金额",
        ],
    ),
    (Field::Cost, &["cost", "costs", "成本"]),
    (
        Field::Product,
        &[
            "product",
            "item",
            "productname",
            "products",
            "产品",
            "商品",
            "产品名称",
            "商品名称",
        ],
    ),
    (
        Field::Channel,
        &[
            "channel",
            "contactchannel",
            "method",
            "via",
            "方式",
            "联系方式",
            "沟通方式",
        ],
    ),
    (Field::Direction, &["direction", "方向"]),
    (
        Field::Summary,
        &[
            "summary",
            "subjectsummary",
            "content",
            "内容",
            "摘要",
            "沟通内容",
            "记录",
        ],
    ),
    (Field::Outcome, &["outcome", "result", "结果"]),
    (
        Field::Next,
        &[
            "next",
            "nextfollowup",
            "nextdate",
            "followup",
            "下次跟进",
            "下次联系",
            "跟进日期",
        ],
    ),
    (Field::Staff, &["staff", "by", "rep", "salesrep", "记录人", "跟进人"]),
    (Field::FeedbackKind, &["feedbackkind", "feedbacktype", "反馈类型"]),
    (Field::Title, &["title", "subject", "标题", "主题"]),
    (
        Field::Body,
        &["body", "description", "details", "详情", "描述", "反馈内容"],
    ),
    (Field::Urgency, &["urgency", "紧急程度", "紧急度"]),
    (Field::Importance, &["importance", "重要程度", "重要性"]),
    (Field::Status, &["status", "状态"]),
    (Field::Satisfaction, &["satisfaction", "满意度", "评分"]),
];

/// The field a header names, if any.
pub fn field_of(header: &str) -> Option<Field> {
    let n = normalize(header);
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&n.as_str()))
        .map(|(f, _)| *f)
}

/// The alias rank of a header for its field (0 is the field's own name), to pick one column among several.
pub fn rank_of(header: &str, field: Field) -> usize {
    let n = normalize(header);
    ALIASES
        .iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, names)| names.iter().position(|a| *a == n))
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_chinese_and_other_programs_map() {
        let cases = [
            ("姓名", Field::Name),
            ("客户名称", Field::Name),
            ("手机", Field::Phone),
            ("电话", Field::Phone),
            ("邮箱", Field::Email),
            ("公司", Field::Company),
            ("来源", Field::Source),
            ("E-mail 1 - Value", Field::Email),
            ("Phone 1 - Value", Field::Phone),
            ("Organization 1 - Name", Field::Company),
            ("Given Name", Field::FirstName),
            ("E-mail Address", Field::Email),
            ("Business Phone", Field::Phone),
            ("Lead Source", Field::Source),
            ("Contact Owner", Field::Owner),
            ("Account Name", Field::Company),
            ("External ID", Field::ExternalId),
            ("external_id", Field::ExternalId),
            ("\u{feff}name", Field::Name),
            ("Amount", Field::Amount),
            ("订单金额", Field::Amount),
        ];
        for (h, f) in cases {
            assert_eq!(field_of(h), Some(f), "{h}");
        }
        assert_eq!(field_of("Favourite colour"), None);
    }
}
