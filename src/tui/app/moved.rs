//! What the status line says when the selected record leaves a list: who left, why, and where the
//! selection went; said now for the tab showing, else when it is next shown.

use super::App;
use crate::store::{StoreError, customers};
use crate::tui::list::Moved;
use crate::tui::tabs::Tab;

impl App {
    /// Withdraws what was said when `tab`'s list went empty, now that it has rows again.
    pub(super) fn withdraw_emptied(&mut self, tab: Tab) {
        let len = self.page(tab).nav().map_or(0, |n| n.len);
        let Some((_, text)) = self.emptied.take_if(|(t, _)| *t == tab && len > 0) else {
            return;
        };
        if self.status.as_ref().is_some_and(|s| s.text == text) {
            self.status = None;
        }
        if self.unseen[tab.index()].as_ref() == Some(&text) {
            self.unseen[tab.index()] = None;
        }
    }

    /// Says that the selected record left `tab`'s list, why, and where the selection went: now when the
    /// tab is showing, else when it is next shown.
    pub(super) fn tell_moved(&mut self, tab: Tab, m: Moved) {
        let why = self.i18n.t(self.why_left(tab, m.customer)).to_string();
        let text = match &m.now {
            Some(now) => self
                .i18n
                .f("moved.left", &[("gone", &m.gone), ("why", &why), ("now", now)]),
            None => self.i18n.f("moved.left-empty", &[("gone", &m.gone), ("why", &why)]),
        };
        self.emptied = m.now.is_none().then(|| (tab, text.clone()));
        if tab == self.tab {
            self.say(text);
        } else {
            self.unseen[tab.index()] = Some(text);
        }
    }

    /// Why a record of `customer` is no longer in `tab`'s list (a locale key). One read, once per
    /// departure.
    pub(super) fn why_left(&self, tab: Tab, customer: Option<i64>) -> &'static str {
        let page = self.page(tab);
        let filtered = page.filter_text().is_some_and(|t| !t.trim().is_empty());
        // Contacts and feedback keep their history: only the customers and the queue hide archived ones.
        let hides_archived = page.hides_archived(&self.store.user);
        match customer.map(|id| customers::get(self.store.conn(), crate::domain::CustomerId(id))) {
            Some(Err(StoreError::NotFound { .. })) => "moved.removed",
            Some(Ok(c)) if c.archived && hides_archived => "moved.archived",
            _ if tab == Tab::Followups && !(filtered && self.still_due(customer)) => "moved.not-due",
            _ if filtered => "moved.filtered",
            // A contact leaves the unfiltered log only when it is deleted.
            _ if tab == Tab::Contacts => "moved.removed",
            _ => "moved.changed",
        }
    }

    /// Whether the customer is still within the Follow-ups tab's reach (due by the last day it lists), so
    /// that leaving a filtered queue is the filter's doing.
    fn still_due(&self, customer: Option<i64>) -> bool {
        let Some(id) = customer else { return false };
        let last = self.store.today + chrono::Duration::days(i64::from(crate::tui::tabs::followups::AHEAD));
        crate::store::derive::read_stored(self.store.conn(), &[crate::domain::CustomerId(id)])
            .ok()
            .and_then(|m| m.into_values().next())
            .and_then(|(_, c)| c.next_due)
            .is_some_and(|due| due <= last)
    }

    /// Says that the customer just saved is not in the customers list as filtered now.
    pub(super) fn tell_not_listed(&mut self, id: i64) {
        let Ok(c) = customers::get(self.store.conn(), crate::domain::CustomerId(id)) else {
            return;
        };
        let why = self.i18n.t(self.why_left(Tab::Customers, Some(id))).to_string();
        let text = self.i18n.f("moved.not-listed", &[("name", &c.name), ("why", &why)]);
        if self.tab == Tab::Customers {
            self.say(text);
        } else {
            self.unseen[Tab::Customers.index()] = Some(text);
        }
    }
}
