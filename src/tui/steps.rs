//! The steps of the feedback workflow a form carries out (investigate, assign, resolve, close, reopen):
//! each one field, and the change it makes through `ops::feedback::update`.

use crate::domain::feedback::{Change, Satisfaction};
use crate::domain::{FeedbackStatus, Invalid};

/// What a feedback workflow form does, each one write of `ops::feedback::update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// To investigating, with who does.
    Investigate,
    /// Who works on it.
    Assign,
    /// To resolved, with the resolution.
    Resolve,
    /// To closed, with the satisfaction score (or `skip`).
    Close,
    /// To reopened, with who takes it up again.
    Reopen,
}

impl Step {
    /// The key of the form's title and the action that opens it.
    pub(crate) fn title_key(self) -> &'static str {
        match self {
            Step::Investigate => "form.investigate",
            Step::Assign => "form.assign",
            Step::Resolve => "form.resolve",
            Step::Close => "form.close",
            Step::Reopen => "form.reopen",
        }
    }

    /// The change the form's one field makes.
    pub(crate) fn change(self, value: &str) -> Result<Change, Invalid> {
        let to = |status| Some(status);
        Ok(match self {
            Step::Investigate => Change {
                status: to(FeedbackStatus::Investigating),
                assignee: Some(value.to_string()),
                ..Change::default()
            },
            Step::Assign => Change {
                assignee: Some(value.to_string()),
                ..Change::default()
            },
            Step::Resolve => Change {
                status: to(FeedbackStatus::Resolved),
                resolution: Some(value.to_string()),
                ..Change::default()
            },
            Step::Close => Change {
                status: to(FeedbackStatus::Closed),
                satisfaction: Some(value.parse::<Satisfaction>()?),
                ..Change::default()
            },
            Step::Reopen => Change {
                status: to(FeedbackStatus::Reopened),
                assignee: Some(value.to_string()),
                ..Change::default()
            },
        })
    }
}
