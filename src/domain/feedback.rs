//! Customer feedback — complaints, suggestions, praise, inquiries, needs — with its status rules and priority.

use chrono::{DateTime, NaiveDate, Utc};

use super::{CustomerId, FeedbackId, FeedbackKind, FeedbackStatus, Invalid, Priority, Tier};

/// A feedback item as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub id: FeedbackId,
    pub customer_id: CustomerId,
    pub received_at: DateTime<Utc>,
    pub kind: FeedbackKind,
    pub channel: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub urgency: u8,
    pub importance: u8,
    pub status: FeedbackStatus,
    pub assignee: Option<String>,
    pub resolution: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<u8>,
}

impl Feedback {
    /// The priority in force, given the customer's current tier.
    pub fn priority(&self, tier: Option<Tier>) -> Priority {
        Priority::from_scores(self.urgency, self.importance).for_tier(tier)
    }

    /// The day a response is due: the day it was received (in `zone`, the user's) plus the target of the
    /// priority in force. `None` only for a received time that does not parse.
    pub fn respond_by<Tz: chrono::TimeZone>(
        &self,
        tier: Option<Tier>,
        targets: &RespondDays,
        zone: &Tz,
    ) -> Option<NaiveDate> {
        let received = self.received_at.with_timezone(zone).date_naive();
        received.checked_add_days(chrono::Days::new(targets.days(self.priority(tier)).unsigned_abs()))
    }

    /// Days past the response target as of `today` while still open; `None` when not overdue. The day it
    /// was received is the day in `zone` (the user's), as `today` is.
    pub fn overdue_days<Tz: chrono::TimeZone>(
        &self,
        tier: Option<Tier>,
        today: NaiveDate,
        targets: &RespondDays,
        zone: &Tz,
    ) -> Option<i64> {
        if !self.status.is_open() {
            return None;
        }
        let late = (today - self.respond_by(tier, targets, zone)?).num_days();
        (late > 0).then_some(late)
    }

    /// Why moving this item to `to`, and changing nothing else, is refused: it is there already, or `to` is
    /// not the next step from where it is (naming the steps that are). `None` when the move is a step.
    pub fn refuse_move(&self, to: FeedbackStatus) -> Option<Invalid> {
        if to == self.status {
            return Some(Invalid::said(
                "status",
                "invalid.same_status",
                &[("status", self.status.as_str())],
            ));
        }
        if self.status.can_move_to(to) {
            return None;
        }
        let allowed: Vec<&str> = FeedbackStatus::ALL
            .iter()
            .filter(|s| **s != self.status && self.status.can_move_to(**s))
            .map(|s| s.as_str())
            .collect();
        Some(Invalid::said(
            "status",
            "invalid.transition",
            &[
                ("from", self.status.as_str()),
                ("to", to.as_str()),
                ("allowed", &allowed.join(", ")),
            ],
        ))
    }

    /// The item after `change`, made at `now` (the stored UTC time): the status moves only along the
    /// lifecycle ([`FeedbackStatus::can_move_to`]); resolving needs a resolution text and stamps the resolved
    /// time; closing needs a satisfaction score or an explicit skip; reopening clears the resolution, its
    /// time and the score, so that the next resolution and closing say them again (the audit keeps the old).
    /// A score is refused unless the item ends closed, a resolution unless it ends resolved or closed, and a
    /// "move" to the status it has already unless another field changes with it.
    pub fn changed(&self, change: &Change, now: chrono::DateTime<chrono::Utc>) -> Result<Feedback, Invalid> {
        let mut new = self.clone();
        if let Some(a) = &change.assignee {
            new.assignee = Some(a.trim().to_string()).filter(|v| !v.is_empty());
        }
        if let Some(r) = &change.resolution {
            new.resolution = Some(r.trim().to_string()).filter(|v| !v.is_empty());
        }
        let to = change.status.unwrap_or(self.status);
        let others = change.assignee.is_some() || change.resolution.is_some() || change.satisfaction.is_some();
        // A move to where it is already is no step; with another field it is that field's change.
        if let Some(e) = change
            .status
            .filter(|to| *to == self.status && !others)
            .and_then(|to| self.refuse_move(to))
        {
            return Err(e);
        }
        if change.satisfaction.is_some() && to != FeedbackStatus::Closed {
            // A score belongs to closing (or corrects the one an item closed already was given).
            return Err(Invalid::said(
                "satisfaction",
                "invalid.satisfaction_when_closing",
                &[("status", to.as_str())],
            ));
        }
        if change.resolution.is_some() && !matches!(to, FeedbackStatus::Resolved | FeedbackStatus::Closed) {
            // A resolution says what was done: given when resolving, or correcting that of a resolved item.
            return Err(Invalid::said(
                "resolution",
                "invalid.resolution_when_resolving",
                &[("status", to.as_str())],
            ));
        }
        if to != self.status {
            if let Some(e) = self.refuse_move(to) {
                return Err(e);
            }
            new.status = to;
            match to {
                FeedbackStatus::Resolved => {
                    if new.resolution.is_none() {
                        return Err(Invalid::said("resolution", "invalid.resolution_needed", &[]));
                    }
                    new.resolved_at = Some(now);
                }
                FeedbackStatus::Closed => match change.satisfaction {
                    Some(Satisfaction::Score(s)) => new.satisfaction = Some(check_satisfaction(s)?),
                    Some(Satisfaction::Skipped) => new.satisfaction = None,
                    None => return Err(Invalid::said("satisfaction", "invalid.satisfaction_needed", &[])),
                },
                FeedbackStatus::Reopened => {
                    new.resolution = None;
                    new.resolved_at = None;
                    new.satisfaction = None;
                }
                FeedbackStatus::New | FeedbackStatus::Investigating => {}
            }
        } else if let Some(s) = change.satisfaction {
            // On an item closed already a score corrects the one given then.
            new.satisfaction = match s {
                Satisfaction::Score(v) => Some(check_satisfaction(v)?),
                Satisfaction::Skipped => None,
            };
        }
        if change.resolution.is_some() && new.resolution.is_none() && new.status == FeedbackStatus::Resolved {
            return Err(Invalid::said("resolution", "invalid.resolution_needed", &[]));
        }
        Ok(new)
    }
}

/// A change to an item's workflow; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub status: Option<FeedbackStatus>,
    /// Empty text clears it.
    pub assignee: Option<String>,
    pub resolution: Option<String>,
    pub satisfaction: Option<Satisfaction>,
}

/// The answer to "how satisfied?" when closing: a score, or an explicit skip (the customer would not say),
/// so that a forgotten score is told apart from one not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Satisfaction {
    Score(i64),
    Skipped,
}

impl std::str::FromStr for Satisfaction {
    type Err = Invalid;

    /// `1`–`5`, or `skip`.
    fn from_str(s: &str) -> Result<Satisfaction, Invalid> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("skip") {
            return Ok(Satisfaction::Skipped);
        }
        let v: i64 = t.parse().map_err(|_| {
            Invalid::said(
                "satisfaction",
                "invalid.one_of",
                &[("value", t), ("known", "1, 2, 3, 4, 5, skip")],
            )
        })?;
        Ok(Satisfaction::Score(i64::from(check_satisfaction(v)?)))
    }
}

/// Days to respond by priority (P1 … P4) before an item shows as overdue: `[feedback] respond_days` of the
/// config, SPEC 3.7's 1, 3, 7 and 14 days by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RespondDays(pub [i64; 4]);

impl Default for RespondDays {
    fn default() -> Self {
        RespondDays([1, 3, 7, 14])
    }
}

impl RespondDays {
    /// The most a target may be: a year is already no target at all.
    pub const MAX: i64 = 365;

    pub fn days(&self, p: Priority) -> i64 {
        self.0[p.index()]
    }

    /// Each target 1 to [`Self::MAX`] days, and a more urgent priority never given longer than a less
    /// urgent one (that would read P1 as the least urgent, which is not what P1 means). `written` says
    /// which targets the user set (`feedback.respond_days.P2`), so that an error names one of them.
    pub fn check(&self, written: &dyn Fn(&str) -> bool) -> Result<(), Invalid> {
        let key = |p: Priority| format!("feedback.respond_days.{p}");
        for (p, d) in Priority::ALL.iter().zip(self.0) {
            if !(1..=Self::MAX).contains(&d) {
                return Err(Invalid::new(
                    key(*p),
                    format!("{d} is out of range: 1 to {} days", Self::MAX),
                ));
            }
        }
        for (k, pair) in self.0.windows(2).enumerate() {
            if pair[0] > pair[1] {
                let (a, b) = (Priority::ALL[k], Priority::ALL[k + 1]);
                let field = if written(&key(b)) { key(b) } else { key(a) };
                return Err(Invalid::new(
                    field,
                    format!(
                        "{a} = {} days is longer than {b} = {}: a more urgent item cannot have longer to answer",
                        pair[0], pair[1]
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl FeedbackStatus {
    /// New, investigating and reopened items still need work.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            FeedbackStatus::New | FeedbackStatus::Investigating | FeedbackStatus::Reopened
        )
    }

    /// Whether moving from `self` to another status is allowed (SPEC 2): new → investigating → resolved →
    /// closed, one step at a time; a resolved or closed item can be reopened, and a reopened one goes back
    /// to investigating. Staying where it is is no move.
    pub fn can_move_to(self, to: FeedbackStatus) -> bool {
        use FeedbackStatus::*;
        if self == to {
            return true;
        }
        match self {
            New => to == Investigating,
            Investigating => to == Resolved,
            Resolved => matches!(to, Closed | Reopened),
            Closed => to == Reopened,
            Reopened => to == Investigating,
        }
    }
}

/// Checks a 1–3 score for urgency or importance.
pub fn check_level(field: &str, v: i64) -> Result<u8, Invalid> {
    if (1..=3).contains(&v) {
        Ok(v as u8)
    } else {
        Err(Invalid::new(
            field,
            format!("{v} is out of range; use 1 (low), 2 or 3 (high)"),
        ))
    }
}

/// Checks a 1–5 satisfaction score.
pub fn check_satisfaction(v: i64) -> Result<u8, Invalid> {
    if (1..=5).contains(&v) {
        Ok(v as u8)
    } else {
        Err(Invalid::new(
            "satisfaction",
            format!("{v} is out of range; use 1 (very unhappy) to 5 (very happy)"),
        ))
    }
}

#[cfg(test)]
mod tests;
