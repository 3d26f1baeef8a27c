//! Review mode in the frame: starting or resuming it, carrying out its keys (a write through `ops`, a form
//! or the full record in a popup), and taking a saved form back into the walk.

use crate::domain::CustomerId;
use crate::ops;
use crate::store::{Result, customers};
use crate::tui::action::Action;
use crate::tui::forms::{OpenForm, Target};
use crate::tui::popups::{Detail, Popup};
use crate::tui::review::{Outcome, Review};
use crate::tui::tabs::safe;

use super::App;

impl App {
    /// `r`: carries on with the review under way, or starts one over today's queue — the Follow-ups tab's
    /// list as loaded (its filter applied), due today or before, in its order.
    pub(crate) fn start_review(&mut self) -> Result<()> {
        if let Some(r) = &mut self.review
            && !r.finished()
        {
            r.load(&self.store, &self.i18n)?;
            self.reviewing = true;
            return Ok(());
        }
        let queue = self.followups.due_by(self.store.today);
        if queue.is_empty() {
            self.say(self.i18n.t("review.status.empty").to_string());
        }
        self.review = Some(Review::start(queue, &self.store, &self.i18n)?);
        self.reviewing = true;
        Ok(())
    }

    /// Carries out an action in review mode.
    pub(crate) fn review_act(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(review) = &mut self.review else {
            self.reviewing = false;
            return Ok(());
        };
        if !review.accepts(action) {
            return Ok(());
        }
        let (store, words) = (&self.store, &self.i18n);
        match action {
            Quit => self.quit = true,
            Help => {
                let accepted = review.commands().iter().map(|c| c.action).collect();
                self.popup = Some(Popup::Help(crate::tui::popups::Help::new(accepted)));
            }
            ReviewLeave => self.reviewing = false,
            ReviewNext => review.next(store, words)?,
            ReviewPrev => review.prev(store, words)?,
            ReviewOpen | LogContact | Snooze | AddFollowup => {
                let Some(id) = review.customer() else {
                    return Ok(());
                };
                let popup = match action {
                    ReviewOpen => Popup::Detail(Box::new(Detail::load(store, id, words)?)),
                    _ => {
                        let c = customers::get(store.conn(), CustomerId(id))?;
                        let open = match action {
                            LogContact => {
                                let next = review.card().and_then(|card| card.proposed_next);
                                OpenForm::quick_contact(&c, next, words)
                            }
                            Snooze => OpenForm::snooze(&c, words),
                            _ => OpenForm::followup(&c, store.today, words),
                        };
                        Popup::Form(Box::new(open))
                    }
                };
                self.popup = Some(popup);
            }
            MarkDone => {
                let Some(id) = review.customer() else {
                    return Ok(());
                };
                self.mark_done(id)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// `x`: marks the customer done without a contact (`ops::review::done`), says what that did, and
    /// in review mode settles the card and moves on.
    pub(crate) fn mark_done(&mut self, id: i64) -> Result<()> {
        let name = customers::get(self.store.conn(), CustomerId(id))?.name;
        let done = match ops::review::done(&mut self.store, CustomerId(id)) {
            Ok(done) => done,
            // Not due any more (a colleague's contact, a snooze elsewhere): said, nothing written, and the
            // card read again so that it shows why.
            Err(crate::store::StoreError::Invalid(e)) => {
                self.fail(e.reason_in(&self.i18n));
                if let Some(r) = self
                    .review
                    .as_mut()
                    .filter(|r| self.reviewing && r.customer() == Some(id))
                {
                    r.load(&self.store, &self.i18n)?;
                }
                return self.refresh();
            }
            Err(e) => return Err(e),
        };
        let key = if done.reviewed {
            "review.status.reviewed"
        } else {
            "review.status.done"
        };
        self.say(self.i18n.f(key, &[("name", &safe(&name))]));
        if let Some(r) = self
            .review
            .as_mut()
            .filter(|r| self.reviewing && r.customer() == Some(id))
        {
            r.settle(Outcome::Done, &self.store, &self.i18n)?;
        }
        self.refresh()
    }

    /// After a form saved: a contact or a snooze for the customer on the review's card settles it and the
    /// walk moves on; anything else about them (a follow-up) reads the card again.
    pub(crate) fn review_saved(&mut self, target: Target) -> Result<()> {
        let Some(r) = self.review.as_mut().filter(|_| self.reviewing) else {
            return Ok(());
        };
        let on_card = |customer: i64| r.customer() == Some(customer);
        let (store, words) = (&self.store, &self.i18n);
        match target {
            Target::Contact { customer } if on_card(customer) => r.settle(Outcome::Logged, store, words),
            Target::Snooze { customer } if on_card(customer) => {
                let until = crate::store::hold::get(store.conn(), CustomerId(customer))?.snoozed_until;
                match until {
                    Some(d) => r.settle(Outcome::Snoozed(d), store, words),
                    None => r.load(store, words),
                }
            }
            _ => r.load(store, words),
        }
    }
}
