//! The loader plumbing: asking each tab's list of the loader (or here, without one), handing each
//! answer to its tab, and loading the rows that come on screen.

use super::App;
use crate::store::{Result, StoreError};
use crate::tui::loader::{self, Answer, Loader, Request};
use crate::tui::tabs::Tab;

impl App {
    pub(super) fn load_windows(&mut self) -> Result<()> {
        for tab in Tab::ALL {
            let (page, cx) = self.split(tab);
            page.load_window(&cx)?;
        }
        Ok(())
    }

    /// Asks for every tab's list, the one on screen first.
    pub(super) fn ask_all(&mut self) {
        self.ask(self.tab);
        for tab in Tab::ALL {
            if tab != self.tab {
                self.ask(tab);
            }
        }
    }

    /// True while any tab waits for the loader.
    pub fn loading(&self) -> bool {
        Tab::ALL.iter().any(|&t| self.page(t).fetch().pending)
    }

    /// Selects customer `id` once the customers list that follows the write listing it arrives.
    pub(crate) fn want_selected(&mut self, id: i64) {
        self.want = Some(id);
    }

    /// Asks for a tab's list: on the loader, or here when there is none.
    pub(super) fn ask(&mut self, tab: Tab) {
        let (page, cx) = self.split(tab);
        let Some(query) = page.query(cx.store) else {
            if tab == Tab::Customers {
                // No list follows from this write: a later one must not jump to the customer.
                self.want = None;
            }
            return;
        };
        let generation = self.page_mut(tab).fetch_mut().start();
        let today = self.store.today;
        match &self.loader {
            Some(l) => l.ask(Request {
                generation,
                query,
                today,
            }),
            None => {
                let payload = loader::run(self.store.conn(), &query, today);
                self.deliver(Answer {
                    tab,
                    generation,
                    payload,
                });
            }
        }
    }

    /// Hands an answer to its tab, unless a newer request for that tab is out.
    pub(super) fn deliver(&mut self, answer: Answer) {
        if let Err(StoreError::Locked) = answer.payload {
            // Another tiercrm held the file past the busy timeout: nothing is wrong, the list comes later.
            if self.page_mut(answer.tab).fetch_mut().refused(answer.generation) {
                if !self.busy.contains(&answer.tab) {
                    self.busy.push(answer.tab);
                }
                self.say(self.i18n.t("status.busy").to_string());
            }
            return;
        }
        if !self.page_mut(answer.tab).fetch_mut().accept(answer.generation) {
            return;
        }
        self.busy.retain(|&t| t != answer.tab);
        if self.busy.is_empty()
            && self
                .status
                .as_ref()
                .is_some_and(|s| s.text == self.i18n.t("status.busy"))
        {
            self.status = self.standing_status();
        }
        let tab = answer.tab;
        // Only a customers list that arrived selects a customer just added (after a failure, the next may).
        let want = if tab == Tab::Customers && answer.payload.is_ok() {
            self.want.take()
        } else {
            None
        };
        let (page, cx) = self.split(tab);
        let result = match answer.payload {
            Err(e) => page.failed(e.to_string()).map_or(Ok(None), Err),
            Ok(payload) => page.receive(payload, want, &cx).map_err(|e| e.to_string()),
        };
        if let Some(id) = want.filter(|&id| self.customers.selected().map(|l| l.customer.id.0) != Some(id)) {
            self.tell_not_listed(id);
        }
        match result {
            Ok(Some(moved)) => self.tell_moved(tab, moved),
            Ok(None) => self.withdraw_emptied(tab),
            Err(e) => self.fail(e),
        }
    }

    /// Takes the loader's answers that arrived. Returns true while a request is still out.
    pub fn poll(&mut self) -> bool {
        while let Some(answer) = self.loader.as_ref().and_then(Loader::try_answer) {
            self.deliver(answer);
        }
        self.loading()
    }

    /// Waits until the loader has answered every request out (for tests and scripted use).
    pub fn settle(&mut self) {
        while self.loading() {
            let Some(answer) = self
                .loader
                .as_ref()
                .and_then(|l| l.wait(std::time::Duration::from_secs(30)))
            else {
                for tab in Tab::ALL {
                    self.page_mut(tab).fetch_mut().cancel();
                }
                break;
            };
            self.deliver(answer);
        }
    }
}
