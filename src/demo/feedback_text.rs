//! What the demo's feedback says, by kind: a title, a body and the resolution that answers it, in English
//! and Chinese — so a complaint reads like a complaint and its resolution answers that complaint.

use crate::domain::FeedbackKind;

/// One piece of feedback as written, with its answer.
pub struct Item {
    pub title: &'static str,
    pub body: &'static str,
    pub resolution: &'static str,
}

const fn item(title: &'static str, body: &'static str, resolution: &'static str) -> Item {
    Item {
        title,
        body,
        resolution,
    }
}

/// The items of a kind in a language.
pub fn items(kind: FeedbackKind, zh: bool) -> &'static [Item] {
    match (kind, zh) {
        (FeedbackKind::Complaint, false) => &COMPLAINT_EN,
        (FeedbackKind::Complaint, true) => &COMPLAINT_ZH,
        (FeedbackKind::Suggestion, false) => &SUGGESTION_EN,
        (FeedbackKind::Suggestion, true) => &SUGGESTION_ZH,
        (FeedbackKind::Praise, false) => &PRAISE_EN,
        (FeedbackKind::Praise, true) => &PRAISE_ZH,
        (FeedbackKind::Inquiry, false) => &INQUIRY_EN,
        (FeedbackKind::Inquiry, true) => &INQUIRY_ZH,
        (FeedbackKind::Need, false) => &NEED_EN,
        (FeedbackKind::Need, true) => &NEED_ZH,
    }
}

const COMPLAINT_EN: [Item; 5] = [
    item(
        "Late delivery",
        "The order promised for Monday arrived on Thursday; their line stood idle for two days.",
        "Re-shipped the missing part by express and refunded the freight.",
    ),
    item(
        "Wrong invoice amount",
        "The invoice charges for twelve units; they ordered ten.",
        "Issued a corrected invoice and cancelled the wrong one.",
    ),
    item(
        "Device stopped working",
        "The unit delivered last month no longer powers on.",
        "Replaced the unit under warranty.",
    ),
    item(
        "Damaged packaging",
        "Two boxes arrived crushed; the contents look fine but they want it on record.",
        "Recorded with the carrier; packing now uses corner guards.",
    ),
    item(
        "No reply from support",
        "They emailed support twice last week and heard nothing back.",
        "Apologised and answered; the support inbox now has a second person on it.",
    ),
];

const COMPLAINT_ZH: [Item; 5] = [
    item(
        "发货延迟",
        "承诺周一到货，周四才送到，生产线停了两天。",
        "已加急补发缺件并退还运费。",
    ),
    item(
        "发票金额开错了",
        "发票按十二台开具，实际订购十台。",
        "已重开正确发票并作废原发票。",
    ),
    item("设备无法开机", "上月交付的设备现在无法开机。", "已按保修更换新设备。"),
    item(
        "包装破损",
        "两箱货物外包装压坏，货物暂无问题，但要求登记。",
        "已向物流登记，今后包装加护角。",
    ),
    item(
        "售后邮件无人回复",
        "上周两次发邮件给售后，都没有回复。",
        "已致歉并答复，售后邮箱增加一名值班人员。",
    ),
];

const SUGGESTION_EN: [Item; 3] = [
    item(
        "Add a bulk order form",
        "Ordering forty items one by one takes too long; a spreadsheet upload would help.",
        "Passed to the product team; spreadsheet upload is planned for the spring release.",
    ),
    item(
        "Saturday delivery",
        "Their warehouse is staffed on Saturdays and they would like deliveries then.",
        "Saturday delivery added for their region from next month.",
    ),
    item(
        "Order number on the invoice",
        "They want the order number printed on every invoice line to match payments.",
        "Invoices now carry the order number on each line.",
    ),
];

const SUGGESTION_ZH: [Item; 3] = [
    item(
        "希望增加批量下单功能",
        "一次下四十个品种太慢，希望支持表格导入。",
        "已转产品团队，表格导入计划在春季版本上线。",
    ),
    item(
        "希望周六也能送货",
        "仓库周六有人值班，希望周六配送。",
        "下月起该地区增加周六配送。",
    ),
    item(
        "发票上注明订单号",
        "希望每行发票都注明订单号，方便对账。",
        "发票每行已注明订单号。",
    ),
];

const PRAISE_EN: [Item; 3] = [
    item(
        "Great support from the team",
        "The engineer fixed the problem on the first visit.",
        "Thanked them and shared it with the team.",
    ),
    item(
        "Fast delivery",
        "The order arrived a day earlier than promised.",
        "Thanked them; passed on to the warehouse.",
    ),
    item(
        "Thanks for the training",
        "Their staff found the onboarding session very useful.",
        "Thanked them and sent the training slides.",
    ),
];

const PRAISE_ZH: [Item; 3] = [
    item(
        "服务态度很好",
        "工程师第一次上门就解决了问题。",
        "已致谢并在团队内分享。",
    ),
    item("发货很快", "比约定提前一天到货。", "已致谢并转告仓库同事。"),
    item("培训很有帮助", "员工反馈上岗培训很实用。", "已致谢并发送培训资料。"),
];

const INQUIRY_EN: [Item; 3] = [
    item(
        "Volume discount?",
        "They plan to order two hundred units next quarter and ask what discount applies.",
        "Sent the price list with volume discounts.",
    ),
    item(
        "Delivery time to a new site",
        "They are opening a second site and ask how long delivery there takes.",
        "Answered: three working days to the new site.",
    ),
    item(
        "Can the warranty be extended?",
        "They ask whether the two-year warranty can be extended to five.",
        "Sent the extended-warranty terms and price.",
    ),
];

const INQUIRY_ZH: [Item; 3] = [
    item(
        "咨询批量折扣",
        "下季度计划采购两百台，询问折扣政策。",
        "已发送阶梯价格表。",
    ),
    item(
        "咨询新网点送货时间",
        "客户新开分店，询问送货需要几天。",
        "已答复：新网点三个工作日送达。",
    ),
    item("保修能否延长", "询问两年保修能否延长到五年。", "已发送延保条款和报价。"),
];

const NEED_EN: [Item; 3] = [
    item(
        "Need an English manual",
        "Their new technicians do not read Chinese; they need the manual in English.",
        "Sent the English manual as a PDF.",
    ),
    item(
        "Need on-site training",
        "They hired five new staff and need a training day on site.",
        "Training day held on site.",
    ),
    item(
        "Spare parts kept in stock",
        "They want us to keep spare filters in stock for them.",
        "Spare filters are now reserved for them.",
    ),
];

const NEED_ZH: [Item; 3] = [
    item(
        "需要上门培训",
        "新招了五名员工，需要安排一天上门培训。",
        "已完成一天上门培训。",
    ),
    item("希望常备备件", "希望我们为其常备滤芯等备件。", "已为客户预留常用滤芯。"),
    item(
        "需要开具增值税专用发票",
        "财务要求今后开具增值税专用发票。",
        "已更新开票信息，今后开具专用发票。",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_items_in_both_languages_and_titles_are_not_shared_between_kinds() {
        let mut seen = std::collections::HashMap::new();
        for &kind in FeedbackKind::ALL {
            for zh in [false, true] {
                let list = items(kind, zh);
                assert!(!list.is_empty(), "{kind} {zh}");
                for i in list {
                    assert_eq!(i.title.is_ascii(), !zh, "{}", i.title);
                    assert!(!i.body.is_empty() && !i.resolution.is_empty(), "{}", i.title);
                    if let Some(other) = seen.insert(i.title, kind) {
                        panic!("{} is both {other} and {kind}", i.title);
                    }
                }
            }
        }
    }
}
