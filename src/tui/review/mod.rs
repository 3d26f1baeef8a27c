//! Review mode (SPEC 4.4, `r`): today's queue one customer at a time, in `due`'s order, on a card that
//! says why each is due; log a contact, snooze or mark done, move on. The walk is fixed when it starts,
//! so that a customer leaving the queue (the point of the review) does not move the others; leaving keeps
//! it, and `r` carries on where it was. A summary closes it.

pub mod card;
mod draw;

use chrono::NaiveDate;

pub use card::Card;

use crate::domain::CustomerId;
use crate::i18n::I18n;
use crate::store::{Result, Store};
use crate::tui::action::Action;
use crate::tui::tabs::page::{Command, quiet, shown};

/// What was done with a customer in this review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A contact was logged.
    Logged,
    /// Snoozed until that day.
    Snoozed(NaiveDate),
    /// Marked done without a contact.
    Done,
}

/// A review under way (or finished, showing its summary).
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// The customers to review, in the queue's order when the review started.
    queue: Vec<i64>,
    /// What was done with each, by position.
    outcomes: Vec<Option<Outcome>>,
    pos: usize,
    /// The card of the customer at `pos`, read when it was reached.
    card: Option<Card>,
    /// Past the last customer: the summary shows.
    finished: bool,
    /// How many of those not dealt with here are still due, as last counted (on every reload: a
    /// colleague's write may have taken some out of the queue).
    left: usize,
}

impl Review {
    /// A review of `queue` (customer ids in the queue's order), its first card loaded.
    pub fn start(queue: Vec<i64>, store: &Store, words: &I18n) -> Result<Review> {
        let mut r = Review {
            outcomes: vec![None; queue.len()],
            finished: queue.is_empty(),
            queue,
            ..Review::default()
        };
        r.load(store, words)?;
        Ok(r)
    }

    /// The customer on the card, if a card shows.
    pub fn customer(&self) -> Option<i64> {
        (!self.finished).then(|| self.queue.get(self.pos).copied()).flatten()
    }

    pub fn card(&self) -> Option<&Card> {
        self.card.as_ref().filter(|_| !self.finished)
    }

    pub fn finished(&self) -> bool {
        self.finished
    }

    /// Where the walk is: (position from 1, how many).
    pub fn place(&self) -> (usize, usize) {
        ((self.pos + 1).min(self.queue.len()), self.queue.len())
    }

    /// How many customers were dealt with here, and how many remain in the queue (counted again on every
    /// reload: someone else may have dealt with some).
    pub fn counts(&self) -> (usize, usize) {
        let done = self.outcomes.iter().filter(|o| o.is_some()).count();
        (done, self.left)
    }

    /// Counts the customers of the walk not dealt with here who are still due today.
    fn recount(&mut self, store: &Store) -> Result<()> {
        let open: Vec<CustomerId> = self
            .queue
            .iter()
            .zip(&self.outcomes)
            .filter(|(_, o)| o.is_none())
            .map(|(id, _)| CustomerId(*id))
            .collect();
        let rows = crate::store::derive::read_stored(store.conn(), &open)?;
        self.left = open
            .iter()
            .filter(|id| {
                rows.get(id)
                    .and_then(|(_, c)| c.next_due)
                    .is_some_and(|d| d <= store.today)
            })
            .count();
        Ok(())
    }

    /// How many ended each way: logged, snoozed, done, and skipped (nothing done).
    pub fn tally(&self) -> [usize; 4] {
        let mut t = [0; 4];
        for o in &self.outcomes {
            t[match o {
                Some(Outcome::Logged) => 0,
                Some(Outcome::Snoozed(_)) => 1,
                Some(Outcome::Done) => 2,
                None => 3,
            }] += 1;
        }
        t
    }

    /// What was done with the customer on the card.
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcomes.get(self.pos).copied().flatten()
    }

    /// Reads the card of the customer at the current position again (after a write, or a commit elsewhere).
    pub fn load(&mut self, store: &Store, words: &I18n) -> Result<()> {
        self.card = None;
        self.recount(store)?;
        match self.customer() {
            Some(id) => {
                self.card = Some(Card::load(store, id, words)?);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// The next customer, or the summary after the last.
    pub fn next(&mut self, store: &Store, words: &I18n) -> Result<()> {
        if self.finished {
            return Ok(());
        }
        self.pos += 1;
        if self.pos >= self.queue.len() {
            self.pos = self.queue.len().saturating_sub(1);
            self.finished = true;
            self.card = None;
            return self.recount(store);
        }
        self.load(store, words)
    }

    /// The previous customer; from the summary, the last one.
    pub fn prev(&mut self, store: &Store, words: &I18n) -> Result<()> {
        if self.queue.is_empty() {
            return Ok(());
        }
        if self.finished {
            self.finished = false;
        } else if self.pos > 0 {
            self.pos -= 1;
        } else {
            return Ok(());
        }
        self.load(store, words)
    }

    /// Records what was done with the customer on the card, and moves on.
    pub fn settle(&mut self, outcome: Outcome, store: &Store, words: &I18n) -> Result<()> {
        if let Some(slot) = self.outcomes.get_mut(self.pos) {
            *slot = Some(outcome);
        }
        self.next(store, words)
    }

    /// The actions review mode accepts, in the order the hint bar names them.
    pub fn commands(&self) -> &'static [Command] {
        use Action::*;
        const CARD: &[Command] = &[
            shown(LogContact),
            shown(Snooze),
            shown(MarkDone),
            shown(ReviewNext),
            shown(ReviewPrev),
            shown(ReviewOpen),
            shown(ReviewLeave),
            quiet(AddFollowup),
            shown(Help),
            quiet(Quit),
        ];
        const SUMMARY: &[Command] = &[shown(ReviewPrev), shown(ReviewLeave), shown(Help), quiet(Quit)];
        if self.finished { SUMMARY } else { CARD }
    }

    pub fn accepts(&self, action: Action) -> bool {
        self.commands().iter().any(|c| c.action == action)
    }
}
