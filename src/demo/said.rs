//! What the demo's contacts say: an outcome, and summaries written for that outcome (so a summary never
//! contradicts it), each with the channel and direction it describes, in English and Chinese.

use crate::domain::{Channel, Direction};

/// How a contact ended. The outcome decides the summary, and whether a next date is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    NoAnswer,
    Interested,
    NeedsQuote,
    Considering,
    Ordered,
    Satisfied,
    NotNow,
}

/// One summary: the channel and direction it describes, in both languages.
pub struct Said {
    pub channel: Channel,
    pub direction: Direction,
    pub en: &'static str,
    pub zh: &'static str,
}

const fn said(channel: Channel, direction: Direction, en: &'static str, zh: &'static str) -> Said {
    Said {
        channel,
        direction,
        en,
        zh,
    }
}

use Channel::{Email, Meeting, Phone, Sms, Visit, Wechat};
use Direction::{Inbound as In, Outbound as Out};

impl Outcome {
    /// Outcomes of a contact that is not about an order placed that day, and how often each happens with
    /// a customer and with a lead.
    pub const USUAL: [(Outcome, u32, u32); 6] = [
        (Outcome::Satisfied, 40, 0),
        (Outcome::Interested, 18, 35),
        (Outcome::NoAnswer, 8, 25),
        (Outcome::NeedsQuote, 6, 15),
        (Outcome::Considering, 6, 15),
        (Outcome::NotNow, 14, 10),
    ];

    /// The outcome as the log shows it.
    pub fn label(self, zh: bool) -> &'static str {
        let (en, cn) = match self {
            Outcome::NoAnswer => ("no answer", "未接通"),
            Outcome::Interested => ("interested", "有意向"),
            Outcome::NeedsQuote => ("needs quote", "待报价"),
            Outcome::Considering => ("considering", "考虑中"),
            Outcome::Ordered => ("ordered", "已下单"),
            Outcome::Satisfied => ("satisfied", "满意"),
            Outcome::NotNow => ("not now", "暂不需要"),
        };
        if zh { cn } else { en }
    }

    /// Days until the promised next contact, when this outcome sets one: call back after a missed call,
    /// send the quote, ask for the decision. The others leave the next contact to the cadence.
    pub fn next_in(self) -> Option<(i64, i64)> {
        match self {
            Outcome::NoAnswer => Some((1, 3)),
            Outcome::NeedsQuote => Some((2, 4)),
            Outcome::Considering => Some((5, 9)),
            _ => None,
        }
    }

    /// The summaries written for this outcome.
    pub fn summaries(self) -> &'static [Said] {
        match self {
            Outcome::NoAnswer => &NO_ANSWER,
            Outcome::Interested => &INTERESTED,
            Outcome::NeedsQuote => &NEEDS_QUOTE,
            Outcome::Considering => &CONSIDERING,
            Outcome::Ordered => &ORDERED,
            Outcome::Satisfied => &SATISFIED,
            Outcome::NotNow => &NOT_NOW,
        }
    }
}

const NO_ANSWER: [Said; 3] = [
    said(Phone, Out, "Called, no answer; left a voicemail", "电话未接通，已留言"),
    said(Phone, Out, "Line busy twice; will try again", "两次占线，稍后再打"),
    said(
        Sms,
        Out,
        "Texted after a missed call; no reply yet",
        "未接来电后发了短信，暂未回复",
    ),
];

const INTERESTED: [Said; 4] = [
    said(
        Phone,
        Out,
        "Introduced the new product line; they want to hear more",
        "介绍新产品，客户有兴趣",
    ),
    said(
        Visit,
        Out,
        "Visited their office and demonstrated the product",
        "上门演示产品，客户反应积极",
    ),
    said(
        Email,
        In,
        "Replied to the newsletter asking for the catalogue",
        "客户回复邮件索取产品目录",
    ),
    said(
        Wechat,
        In,
        "Asked on WeChat about the new model's specifications",
        "客户微信询问新型号参数",
    ),
];

const NEEDS_QUOTE: [Said; 4] = [
    said(
        Phone,
        In,
        "Called to ask the price of the renewal",
        "客户来电询问续约价格",
    ),
    said(
        Email,
        In,
        "Asked for a quote for twenty more units",
        "邮件询价，需要追加二十台",
    ),
    said(
        Meeting,
        Out,
        "Reviewed their purchasing plan; a quote is to follow",
        "会议沟通采购计划，需出报价",
    ),
    said(
        Wechat,
        In,
        "Sent their parts list and asked for prices",
        "客户微信发来配件清单询价",
    ),
];

const CONSIDERING: [Said; 3] = [
    said(
        Email,
        Out,
        "Sent the updated quote; they are comparing offers",
        "已发送更新报价，客户在比价",
    ),
    said(
        Phone,
        Out,
        "Followed up on the quote; the decision is due next week",
        "跟进报价，客户下周决定",
    ),
    said(
        Wechat,
        Out,
        "Answered questions on the quote; their manager must approve",
        "解答报价疑问，需客户经理审批",
    ),
];

const ORDERED: [Said; 4] = [
    said(Phone, In, "Placed an order by phone", "客户电话下单"),
    said(Wechat, In, "Confirmed the order on WeChat", "微信确认订单"),
    said(Visit, Out, "Signed the order at their office", "上门签单"),
    said(Email, In, "Sent the signed purchase order", "客户邮件发来已签采购单"),
];

const SATISFIED: [Said; 4] = [
    said(
        Phone,
        Out,
        "Checked on the last delivery; everything arrived in good order",
        "电话回访，货已收到，一切正常",
    ),
    said(
        Wechat,
        Out,
        "Asked how the installation went; no problems",
        "微信回访安装情况，没有问题",
    ),
    said(
        Email,
        Out,
        "Quarterly check-in; they are happy with the service",
        "季度回访，客户对服务满意",
    ),
    said(
        Visit,
        Out,
        "Courtesy visit; they are pleased with the support",
        "礼节性拜访，客户对支持满意",
    ),
];

const NOT_NOW: [Said; 3] = [
    said(
        Phone,
        Out,
        "Budget is frozen until next quarter",
        "预算冻结，下季度再联系",
    ),
    said(
        Email,
        In,
        "Replied that their stock will last until spring",
        "客户回复库存够用到春季",
    ),
    said(Wechat, In, "No new purchases planned this year", "今年暂无采购计划"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_summaries_in_both_languages() {
        let all = [
            Outcome::NoAnswer,
            Outcome::Interested,
            Outcome::NeedsQuote,
            Outcome::Considering,
            Outcome::Ordered,
            Outcome::Satisfied,
            Outcome::NotNow,
        ];
        for o in all {
            assert!(!o.summaries().is_empty(), "{o:?}");
            for s in o.summaries() {
                assert!(s.en.is_ascii() && !s.en.is_empty(), "{}", s.en);
                assert!(s.zh.chars().any(|c| c > '\u{4e00}'), "{}", s.zh);
            }
            assert_ne!(o.label(false), o.label(true));
        }
        // A missed call is never summarised as a conversation.
        assert!(
            Outcome::NoAnswer
                .summaries()
                .iter()
                .all(|s| s.direction == Direction::Outbound)
        );
    }
}
