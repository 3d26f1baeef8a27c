//! The application: state, loading through the loader, and key handling (resolve a key to an action,
//! then carry it out). Drawing is in `view.rs`. Queries run when something changes, never while drawing.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::{Action, Scope};
use super::keymap::{Key, Keymap};
use super::list::Moved;
use super::loader::{self, Answer, Fetch, Loader, Payload, Query, Request};
use super::popup::{self, Detail, Popup};
use super::tabs::contacts::ContactsTab;
use super::tabs::customers::{CustomersTab, SORTS};
use super::tabs::feedback::FeedbackTab;
use super::tabs::followups::FollowupsTab;
use super::tabs::report::ReportTab;
use super::tabs::{Tab, safe};
use super::theme::Theme;
use crate::domain::CustomerId;
use crate::i18n::I18n;
use crate::ops;
use crate::store::{Result, Store, StoreError, customers};

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Everything the interface holds.
pub struct App {
    pub store: Store,
    pub keymap: Keymap,
    pub i18n: I18n,
    pub theme: Theme,
    pub tab: Tab,
    pub customers: CustomersTab,
    pub followups: FollowupsTab,
    pub contacts: ContactsTab,
    pub feedback: FeedbackTab,
    pub report: ReportTab,
    pub popup: Option<Popup>,
    /// Typing goes to the customers filter.
    pub filtering: bool,
    pub status: Option<Status>,
    /// Customers archived here, most recent last, for `u`.
    undo: Vec<(i64, String)>,
    /// A customer added (or restored) here, to select once the customers list that follows the write
    /// arrives.
    want: Option<i64>,
    /// What the status line has yet to say about a tab not showing when its selection moved (by tab index).
    unseen: [Option<String>; 5],
    /// The message said when a tab's list went empty under its selection, withdrawn once the list has
    /// rows again (the filter backspaced): it would be stale.
    emptied: Option<(Tab, String)>,
    pub quit: bool,
    data_version: i64,
    size: (u16, u16),
    /// Runs the list queries off this thread; `None` runs them here (when it could not start).
    loader: Option<Loader>,
    /// The focused form field wants `$EDITOR`; the event loop, which owns the terminal, runs it.
    pub editor_wanted: bool,
}

impl Drop for App {
    /// The loader's connection closes first, so that the interface's, closing last, folds the write-ahead
    /// log into the database file.
    fn drop(&mut self) {
        self.loader = None;
    }
}

impl App {
    /// Opens the interface for a terminal of `width` × `height`. Returns at once: the tabs' lists are
    /// asked of the loader, the visible tab first, and arrive through [`App::poll`].
    pub fn new(store: Store, keymap: Keymap, i18n: I18n, width: u16, height: u16) -> Result<App> {
        let data_version = store.data_version()?;
        let mut app = App {
            store,
            keymap,
            i18n,
            theme: Theme::default(),
            tab: Tab::Customers,
            customers: CustomersTab::default(),
            followups: FollowupsTab::default(),
            contacts: ContactsTab::default(),
            feedback: FeedbackTab::default(),
            report: ReportTab::default(),
            popup: None,
            filtering: false,
            status: None,
            undo: Vec::new(),
            want: None,
            unseen: Default::default(),
            emptied: None,
            quit: false,
            data_version,
            size: (width, height),
            loader: None,
            editor_wanted: false,
        };
        // A look at another date lives in this connection only (a shadow copy of the classes), so its lists
        // are read here; otherwise a worker with its own connection reads them.
        if !app.store.previewing {
            app.loader = Loader::spawn(&app.store.path, app.store.busy_timeout).ok();
        }
        app.status = app.standing_status();
        app.resize(width, height);
        app.ask_all();
        Ok(app)
    }

    /// What the status line says while nothing else is said: a read-only file, or a look at another date.
    fn standing_status(&self) -> Option<Status> {
        let text = if let Some(why) = &self.store.read_only {
            self.i18n.f("status.read_only", &[("why", why)])
        } else if self.store.previewing {
            self.i18n
                .f("status.preview", &[("today", &self.store.today.to_string())])
        } else {
            return None;
        };
        Some(Status { text, error: false })
    }

    /// Called on a timer: when the interface was left open past midnight (and today is the clock's), moves
    /// to the new day as opening would, so that no write is made as of yesterday.
    pub fn check_for_new_day(&mut self, now: chrono::NaiveDate) {
        if self.store.today_given || now <= self.store.today {
            return;
        }
        match self.store.roll_over(now).and_then(|()| self.refresh()) {
            Ok(()) => self.say(self.i18n.f("status.new_day", &[("today", &now.to_string())])),
            Err(e) => self.fail(e),
        }
    }

    /// The list rows that fit: the screen less the tab bar, the info line, the table header, status and keys.
    fn list_height(height: u16) -> usize {
        height.saturating_sub(5).max(1) as usize
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let h = Self::list_height(height);
        self.customers.nav.set_height(h);
        self.followups.nav.set_height(h);
        self.contacts.nav.set_height(h);
        self.feedback.nav.set_height(h);
        if let Err(e) = self.load_windows() {
            self.fail(e);
        }
    }

    fn load_windows(&mut self) -> Result<()> {
        self.customers.load_window(&self.store)?;
        self.followups.load_window(&self.store, &self.i18n)?;
        self.contacts.load_window(&self.store)
    }

    /// After a write here or a commit elsewhere: the rows on screen are read again at once (a screenful,
    /// so the changed classes show in the same frame) and every list is asked of the loader again.
    pub fn refresh(&mut self) -> Result<()> {
        self.data_version = self.store.data_version()?;
        // A colleague may have changed a rule (`settings set`): explanations quote the rules in force.
        self.store.reload_rules()?;
        self.customers.refresh_window(&self.store)?;
        self.contacts.refresh_window(&self.store)?;
        self.ask_all();
        Ok(())
    }

    /// Asks for every tab's list, the one on screen first.
    fn ask_all(&mut self) {
        self.ask(self.tab);
        for tab in Tab::ALL {
            if tab != self.tab {
                self.ask(tab);
            }
        }
    }

    fn fetch_mut(&mut self, tab: Tab) -> &mut Fetch {
        match tab {
            Tab::Customers => &mut self.customers.fetch,
            Tab::Followups => &mut self.followups.fetch,
            Tab::Contacts => &mut self.contacts.fetch,
            Tab::Feedback => &mut self.feedback.fetch,
            Tab::Report => &mut self.report.fetch,
        }
    }

    /// True while any tab waits for the loader.
    pub fn loading(&self) -> bool {
        [
            &self.customers.fetch,
            &self.followups.fetch,
            &self.contacts.fetch,
            &self.feedback.fetch,
            &self.report.fetch,
        ]
        .iter()
        .any(|f| f.pending)
    }

    /// Asks for a tab's list: on the loader, or here when there is none.
    fn ask(&mut self, tab: Tab) {
        let query = match tab {
            Tab::Customers => match self.customers.query(&self.store) {
                Some(q) => q,
                None => {
                    // No list follows from this write: a later one must not jump to the customer.
                    self.want = None;
                    return;
                }
            },
            Tab::Followups => Query::Followups,
            Tab::Contacts => self.contacts.query(),
            Tab::Feedback => Query::Feedback,
            Tab::Report => Query::Report,
        };
        let generation = self.fetch_mut(tab).start();
        let today = self.store.today;
        match &self.loader {
            Some(l) => l.ask(Request {
                generation,
                query,
                today,
            }),
            None => {
                let payload = loader::run(self.store.conn(), &query, today).map_err(|e| e.to_string());
                self.deliver(Answer {
                    tab,
                    generation,
                    payload,
                });
            }
        }
    }

    /// Hands an answer to its tab, unless a newer request for that tab is out.
    fn deliver(&mut self, answer: Answer) {
        if !self.fetch_mut(answer.tab).accept(answer.generation) {
            return;
        }
        let store = &self.store;
        let result = match answer.payload {
            Err(e) if answer.tab == Tab::Customers => {
                self.customers.failed(e);
                Ok(None)
            }
            Err(e) => Err(e),
            Ok(Payload::Customers(ids)) => {
                let want = self.want.take();
                let moved = self.customers.receive(ids, want, store).map_err(|e| e.to_string());
                if let Some(id) = want.filter(|&id| self.customers.selected().map(|l| l.customer.id.0) != Some(id)) {
                    self.tell_not_listed(id);
                }
                moved
            }
            Ok(Payload::Followups(rows)) => self
                .followups
                .receive(rows, store, &self.i18n)
                .map_err(|e| e.to_string()),
            Ok(Payload::Contacts(ids)) => self.contacts.receive(ids, store).map_err(|e| e.to_string()),
            Ok(Payload::Feedback(rows, index)) => Ok(self.feedback.receive(rows, index)),
            Ok(Payload::Report(figures)) => {
                self.report.receive(figures);
                Ok(None)
            }
        };
        match result {
            Ok(Some(moved)) => self.tell_moved(answer.tab, moved),
            Ok(None) => self.withdraw_emptied(answer.tab),
            Err(e) => self.fail(e),
        }
    }

    /// Withdraws what was said when `tab`'s list went empty, now that it has rows again.
    fn withdraw_emptied(&mut self, tab: Tab) {
        let len = match tab {
            Tab::Customers => self.customers.nav.len,
            Tab::Followups => self.followups.nav.len,
            Tab::Contacts => self.contacts.nav.len,
            Tab::Feedback => self.feedback.nav.len,
            Tab::Report => 0,
        };
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
    fn tell_moved(&mut self, tab: Tab, m: Moved) {
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
    fn why_left(&self, tab: Tab, customer: Option<i64>) -> &'static str {
        let filtered = match tab {
            Tab::Customers => !self.customers.filter_text.trim().is_empty(),
            Tab::Contacts => !self.contacts.filter_text.trim().is_empty(),
            Tab::Feedback => !self.feedback.filter_text.trim().is_empty(),
            Tab::Followups | Tab::Report => false,
        };
        // Only these two lists hide archived customers (contacts and feedback keep their history).
        let hides_archived = match tab {
            Tab::Customers => !self.customers.shows_archived(&self.store.user),
            Tab::Followups => true,
            _ => false,
        };
        match customer.map(|id| customers::get(self.store.conn(), id)) {
            Some(Err(StoreError::NotFound { .. })) => "moved.removed",
            Some(Ok(c)) if c.archived && hides_archived => "moved.archived",
            _ if tab == Tab::Followups => "moved.not-due",
            _ if filtered => "moved.filtered",
            _ => "moved.changed",
        }
    }

    /// Says that the customer just saved is not in the customers list as filtered now.
    fn tell_not_listed(&mut self, id: i64) {
        let Ok(c) = customers::get(self.store.conn(), id) else {
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

    /// The text the external editor should start from, if a form is open.
    pub fn editor_text(&self) -> Option<String> {
        match &self.popup {
            Some(Popup::Form(open)) => Some(open.form.focused_text().to_string()),
            _ => None,
        }
    }

    /// Takes the external editor's result (or its failure) back into the form.
    pub fn editor_done(&mut self, result: std::result::Result<String, String>) {
        self.editor_wanted = false;
        match (result, &mut self.popup) {
            (Ok(text), Some(Popup::Form(open))) => open.form.set_focused_text(&text),
            (Err(e), _) => self.fail(e),
            _ => {}
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
                    self.fetch_mut(tab).cancel();
                }
                break;
            };
            self.deliver(answer);
        }
    }

    /// Called on a timer: when another process committed, reload and say so.
    pub fn check_for_changes(&mut self) {
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                // Said first: a list arriving from this refresh may say more (who left it).
                self.say(self.i18n.t("status.refreshed").to_string());
                if let Err(e) = self.refresh() {
                    self.fail(e);
                }
                if let Some(Popup::Detail(d)) = &self.popup {
                    let id = d.customer.id.0;
                    match Detail::load(&self.store, id, &self.i18n) {
                        Ok(fresh) => {
                            self.popup = Some(Popup::Detail(Box::new(Detail {
                                scroll: d.scroll,
                                ..fresh
                            })))
                        }
                        Err(e) => self.fail(e),
                    }
                }
            }
            Ok(_) => {}
            Err(e) => self.fail(e),
        }
    }

    fn say(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    fn fail(&mut self, e: impl std::fmt::Display) {
        self.status = Some(Status {
            text: e.to_string(),
            error: true,
        });
    }

    /// Handles one key press.
    pub fn on_key(&mut self, e: KeyEvent) {
        let key = Key::from_event(e);
        if self.filtering {
            self.on_filter_key(e);
            return;
        }
        if matches!(self.popup, Some(Popup::Form(_))) {
            self.on_form_key(e);
            return;
        }
        if let Some(Popup::Help(h)) = &mut self.popup {
            // Typing searches; other keys scroll, close or quit as bound.
            match key.code {
                KeyCode::Char(c) if key.types_text() => {
                    h.search.push(c);
                    h.scroll = 0;
                }
                KeyCode::Backspace => {
                    h.search.pop();
                }
                _ if self.keymap.resolve(key, &[Scope::Input]) == Some(Action::FilterClear) => h.search.clear(),
                _ => {
                    if let Some(action) = self.keymap.resolve(key, &[Scope::Popup, Scope::List, Scope::Global]) {
                        if let Err(err) = self.act(action) {
                            self.fail(err);
                        }
                    }
                }
            }
            return;
        }
        let scopes: &[Scope] = match (&self.popup, self.tab.is_list()) {
            (Some(_), _) => &[Scope::Popup, Scope::List, Scope::Global],
            (None, true) => &[Scope::List, Scope::Global],
            (None, false) => &[Scope::Global],
        };
        if let Some(action) = self.keymap.resolve(key, scopes) {
            if let Err(err) = self.act(action) {
                self.fail(err);
            }
        }
    }

    fn on_form_key(&mut self, e: KeyEvent) {
        let Some(Popup::Form(mut open)) = self.popup.take() else {
            return;
        };
        let key = Key::from_event(e);
        let outcome = match key.code {
            KeyCode::Char(c) if key.types_text() && open.form.focused_is_text() => {
                open.form.type_char(c);
                super::form::Outcome::Stay
            }
            KeyCode::Backspace => {
                open.form.backspace();
                super::form::Outcome::Stay
            }
            _ => match self.keymap.resolve(key, &[Scope::Form]) {
                // After a conflict: take the record as it now is, dropping these edits.
                Some(Action::ReloadRecord) => {
                    if let super::forms::Target::EditCustomer { id, .. } = open.target {
                        match customers::get(self.store.conn(), id) {
                            Ok(c) => open = Box::new(super::forms::OpenForm::edit_customer(&c, &self.i18n)),
                            Err(err) => open.form.error = Some(err.to_string()),
                        }
                    }
                    super::form::Outcome::Stay
                }
                Some(action) => open.form.act(action),
                None => super::form::Outcome::Stay,
            },
        };
        match outcome {
            super::form::Outcome::Stay => self.popup = Some(Popup::Form(open)),
            super::form::Outcome::Editor => {
                self.editor_wanted = true;
                self.popup = Some(Popup::Form(open));
            }
            super::form::Outcome::Leave if open.form.dirty => self.popup = Some(Popup::ConfirmDrop(open)),
            super::form::Outcome::Leave => {}
            super::form::Outcome::Save => {
                let Some(saved) = open.save(&mut self.store, &self.i18n, &self.keymap.hint(Action::ReloadRecord))
                else {
                    self.popup = Some(Popup::Form(open));
                    return;
                };
                if open.target == super::forms::Target::NewCustomer {
                    self.want = Some(saved);
                }
                let what = safe(&open.form.title);
                let mut said = self.i18n.f("status.saved", &[("what", &what)]);
                // A record dated after today is saved but counts only from its date: say so.
                if let Some(notice) = &open.notice {
                    said = format!("{said} {notice}");
                }
                // Said before the refresh, so that a "no longer in this list" message can replace it.
                self.say(said);
                if let Err(err) = self.refresh() {
                    self.fail(err);
                }
            }
        }
    }

    /// The filter text of the tab being filtered.
    fn filter_text(&mut self) -> &mut String {
        match self.tab {
            Tab::Contacts => &mut self.contacts.filter_text,
            Tab::Feedback => &mut self.feedback.filter_text,
            _ => &mut self.customers.filter_text,
        }
    }

    fn on_filter_key(&mut self, e: KeyEvent) {
        let key = Key::from_event(e);
        let (changed, done) = match key.code {
            KeyCode::Char(c) if key.types_text() => {
                self.filter_text().push(c);
                (true, false)
            }
            KeyCode::Backspace => (self.filter_text().pop().is_some(), false),
            _ => match self.keymap.resolve(key, &[Scope::Input, Scope::Global]) {
                Some(Action::FilterDone) => (false, true),
                // Cancel empties the filter and leaves; clear empties it and keeps typing.
                Some(a @ (Action::FilterCancel | Action::FilterClear)) => {
                    let text = self.filter_text();
                    let had = !text.is_empty();
                    text.clear();
                    (had, a == Action::FilterCancel)
                }
                Some(Action::Quit) => {
                    self.quit = true;
                    (false, true)
                }
                _ => (false, false),
            },
        };
        if done {
            self.filtering = false;
        }
        // The selection follows its record into the narrowed or widened list.
        match self.tab {
            Tab::Customers | Tab::Contacts if changed => self.ask(self.tab),
            Tab::Feedback if changed => match self.feedback.refilter() {
                Some(moved) => self.tell_moved(Tab::Feedback, moved),
                None => self.withdraw_emptied(Tab::Feedback),
            },
            _ => {}
        }
    }

    /// Shows `tab`, and what its list's selection did while it was not showing.
    fn show_tab(&mut self, tab: Tab) {
        if tab != self.tab {
            self.tab = tab;
            if let Some(text) = self.unseen[tab.index()].take() {
                self.say(text);
            }
        }
    }

    fn nav_of_tab(&mut self) -> Option<&mut super::list::Nav> {
        match self.tab {
            Tab::Customers => Some(&mut self.customers.nav),
            Tab::Followups => Some(&mut self.followups.nav),
            Tab::Contacts => Some(&mut self.contacts.nav),
            Tab::Feedback => Some(&mut self.feedback.nav),
            Tab::Report => None,
        }
    }

    fn selected_customer(&self) -> Option<i64> {
        match self.tab {
            Tab::Customers => self.customers.selected().map(|l| l.customer.id.0),
            Tab::Followups => self.followups.selected_customer(),
            Tab::Contacts => self.contacts.selected_customer(),
            Tab::Feedback => self.feedback.selected_customer(),
            Tab::Report => None,
        }
    }

    /// Carries out an action.
    pub fn act(&mut self, action: Action) -> Result<()> {
        use Action::*;
        // A read-only file: say so before a form is filled in vain.
        if action.writes() {
            match self.store.why_no_writes() {
                Some(StoreError::ReadOnly(why)) => {
                    let text = self.i18n.f("status.read_only", &[("why", &why)]);
                    self.fail(text);
                    return Ok(());
                }
                Some(e) => {
                    self.fail(e);
                    return Ok(());
                }
                None => {}
            }
        }
        // In a popup, movement scrolls it and Back/Confirm answer it.
        if let Some(popup) = &mut self.popup {
            match action {
                Back => {
                    self.popup = match self.popup.take() {
                        Some(Popup::ConfirmDrop(open)) => Some(Popup::Form(open)),
                        _ => None,
                    }
                }
                Down => popup.scroll(true, 1),
                Up => popup.scroll(false, 1),
                PageDown => popup.scroll(true, 10),
                PageUp => popup.scroll(false, 10),
                Top => popup.scroll(false, u16::MAX),
                Confirm => {
                    let popup = self.popup.take();
                    if let Some(Popup::ConfirmArchive { id, name }) = popup {
                        ops::customers::archive(&mut self.store, CustomerId(id))?;
                        self.undo.push((id, name.clone()));
                        self.say(self.i18n.f("status.archived", &[("name", &safe(&name))]));
                        self.refresh()?;
                    } else if !matches!(popup, Some(Popup::ConfirmDrop(_))) {
                        self.popup = popup;
                    }
                }
                Quit => self.quit = true,
                _ => {}
            }
            return Ok(());
        }
        let page = self.customers.nav.page();
        match action {
            Quit => self.quit = true,
            Help => self.popup = Some(Popup::Help(popup::Help::default())),
            NextTab => self.show_tab(self.tab.next()),
            PrevTab => self.show_tab(self.tab.prev()),
            TabCustomers => self.show_tab(Tab::Customers),
            TabFollowups => self.show_tab(Tab::Followups),
            TabContacts => self.show_tab(Tab::Contacts),
            TabFeedback => self.show_tab(Tab::Feedback),
            TabReport => self.show_tab(Tab::Report),
            Down | Up | Top | Bottom | PageDown | PageUp => {
                if let Some(nav) = self.nav_of_tab() {
                    match action {
                        Down => nav.down(1),
                        Up => nav.up(1),
                        Top => nav.top(),
                        Bottom => nav.bottom(),
                        PageDown => nav.down(page),
                        _ => nav.up(page),
                    }
                }
                self.load_windows()?;
            }
            Open => {
                if let Some(id) = self.selected_customer() {
                    self.popup = Some(Popup::Detail(Box::new(Detail::load(&self.store, id, &self.i18n)?)));
                }
            }
            Filter if matches!(self.tab, Tab::Customers | Tab::Contacts | Tab::Feedback) => self.filtering = true,
            Sort | SortReverse if self.tab == Tab::Customers => {
                if action == Sort {
                    self.customers.sort = (self.customers.sort + 1) % SORTS.len();
                } else {
                    self.customers.reverse = !self.customers.reverse;
                }
                // The selection follows its customer to wherever the new order puts it.
                self.ask(Tab::Customers);
            }
            Archive if self.tab == Tab::Customers => {
                if let Some(l) = self.customers.selected() {
                    self.popup = Some(Popup::ConfirmArchive {
                        id: l.customer.id.0,
                        name: l.customer.name.clone(),
                    });
                }
            }
            Add if self.tab == Tab::Customers => {
                self.popup = Some(Popup::Form(Box::new(super::forms::OpenForm::new_customer(
                    &self.store.user,
                    &self.i18n,
                ))));
            }
            Edit | LogContact | AddOrder | AddFeedback => {
                let allowed = match action {
                    LogContact => matches!(self.tab, Tab::Customers | Tab::Followups),
                    _ => self.tab == Tab::Customers,
                };
                if let (true, Some(id)) = (allowed, self.selected_customer()) {
                    let c = customers::get(self.store.conn(), id)?;
                    let open = match action {
                        Edit => super::forms::OpenForm::edit_customer(&c, &self.i18n),
                        LogContact => super::forms::OpenForm::contact(&c, &self.i18n),
                        AddOrder => super::forms::OpenForm::order(&c, self.store.today, &self.i18n),
                        _ => super::forms::OpenForm::feedback(&c, &self.i18n),
                    };
                    self.popup = Some(Popup::Form(Box::new(open)));
                }
            }
            Undo => match self.undo.pop() {
                Some((id, name)) => {
                    ops::customers::restore(&mut self.store, CustomerId(id))?;
                    self.want = Some(id);
                    self.say(self.i18n.f("status.restored", &[("name", &safe(&name))]));
                    self.refresh()?;
                }
                None => self.say(self.i18n.t("status.nothing-to-undo").to_string()),
            },
            _ => {}
        }
        Ok(())
    }
}
