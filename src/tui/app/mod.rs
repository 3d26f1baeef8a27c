//! The application's frame: the tabs, the input mode, the popup, the status line and the loader
//! plumbing (`fetch.rs`); a key resolves to an action, which the frame carries out when it is its own
//! (quit, help, switching tabs, undo, answering a popup) and hands to the tab showing otherwise (each tab
//! owns its behaviour: `tabs/page.rs`). Drawing is in `view.rs`. Queries run when something changes,
//! never while drawing.

use ratatui::crossterm::event::KeyEvent;

use crate::domain::CustomerId;
use crate::i18n::I18n;
use crate::ops;
use crate::store::{Result, Store, StoreError};
use crate::tui::action::{Action, Scope};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::loader::Loader;
use crate::tui::popups::Popup;
use crate::tui::tabs::contacts::ContactsTab;
use crate::tui::tabs::customers::CustomersTab;
use crate::tui::tabs::feedback::FeedbackTab;
use crate::tui::tabs::followups::FollowupsTab;
use crate::tui::tabs::page::{Cx, Effect, Page};
use crate::tui::tabs::report::ReportTab;
use crate::tui::tabs::{Tab, safe};
use crate::tui::theme::Theme;

mod fetch;
mod filter;
mod mouse;
mod moved;
mod outside;
mod review;

pub use mouse::Drawn;

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// How keys are read. A popup, while open, reads them its own way ([`App::mode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Keys are the tab's and the application's bindings.
    #[default]
    Normal,
    /// Typing goes to the filter of the tab showing.
    Filtering,
    /// A form is open: typing goes to its field.
    Form,
    /// The help is open: typing searches it.
    Search,
    /// Another popup is open: keys scroll, answer or close it.
    Popup,
    /// Review mode: the queue one customer at a time.
    Review,
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
    /// The review under way or finished; kept when review mode is left, so that `r` carries on.
    pub review: Option<crate::tui::review::Review>,
    /// Review mode is showing (over the tabs).
    reviewing: bool,
    /// Normal or filtering; the popup modes follow from `popup`.
    mode: Mode,
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
    /// Tabs whose list a busy database refused: asked again on the next tick.
    busy: Vec<Tab>,
    /// Where the last frame drew the tabs and the list, for the mouse (set by drawing, which takes `&self`).
    pub(crate) drawn: std::cell::Cell<Drawn>,
    /// The last click on a row (when, the tab, the list position), to tell a double click.
    last_click: Option<(std::time::Instant, Tab, usize)>,
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
            review: None,
            reviewing: false,
            mode: Mode::Normal,
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
            busy: Vec::new(),
            drawn: Default::default(),
            last_click: None,
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

    /// The list rows that fit: the screen less the tab bar, the info line, the table header, status and keys.
    fn list_height(height: u16) -> usize {
        height.saturating_sub(5).max(1) as usize
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let h = Self::list_height(height);
        for tab in Tab::ALL {
            if let Some(nav) = self.page_mut(tab).nav_mut() {
                nav.set_height(h);
            }
        }
        if let Err(e) = self.load_windows() {
            self.fail(e);
        }
    }

    /// How keys are read now.
    pub fn mode(&self) -> Mode {
        // The filter being typed comes first: keys go to it until it is left.
        match &self.popup {
            _ if self.mode == Mode::Filtering => Mode::Filtering,
            Some(Popup::Form(_)) => Mode::Form,
            Some(Popup::Help(_)) => Mode::Search,
            Some(_) => Mode::Popup,
            None if self.reviewing => Mode::Review,
            None => Mode::Normal,
        }
    }

    /// True while review mode shows.
    pub fn reviewing(&self) -> bool {
        self.reviewing
    }

    /// True while typing goes to a filter.
    pub fn filtering(&self) -> bool {
        self.mode() == Mode::Filtering
    }

    /// The tab `tab`.
    pub fn page(&self, tab: Tab) -> &dyn Page {
        match tab {
            Tab::Customers => &self.customers,
            Tab::Followups => &self.followups,
            Tab::Contacts => &self.contacts,
            Tab::Feedback => &self.feedback,
            Tab::Report => &self.report,
        }
    }

    fn page_mut(&mut self, tab: Tab) -> &mut dyn Page {
        self.split(tab).0
    }

    /// The tab `tab`, and what it reads with (borrowed beside it).
    fn split(&mut self, tab: Tab) -> (&mut dyn Page, Cx<'_>) {
        let page: &mut dyn Page = match tab {
            Tab::Customers => &mut self.customers,
            Tab::Followups => &mut self.followups,
            Tab::Contacts => &mut self.contacts,
            Tab::Feedback => &mut self.feedback,
            Tab::Report => &mut self.report,
        };
        let cx = Cx {
            store: &self.store,
            i18n: &self.i18n,
        };
        (page, cx)
    }

    /// After a write here or a commit elsewhere: the rows on screen are read again at once (a screenful,
    /// so the changed classes show in the same frame) and every list is asked of the loader again.
    pub fn refresh(&mut self) -> Result<()> {
        self.data_version = self.store.data_version()?;
        // A colleague may have changed a rule (`settings set`): explanations quote the rules in force.
        self.store.reload_rules()?;
        for tab in Tab::ALL {
            let (page, cx) = self.split(tab);
            page.refresh_window(&cx)?;
        }
        if let Some(r) = self.review.as_mut().filter(|_| self.reviewing) {
            r.load(&self.store, &self.i18n)?;
        }
        self.ask_all();
        Ok(())
    }

    pub(crate) fn say(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    pub(crate) fn fail(&mut self, e: impl std::fmt::Display) {
        self.status = Some(Status {
            text: e.to_string(),
            error: true,
        });
    }

    /// Handles one key press.
    pub fn on_key(&mut self, e: KeyEvent) {
        let key = Key::from_event(e);
        let action = match self.mode() {
            Mode::Filtering => return self.on_filter_key(e),
            Mode::Form => return self.on_form_key(e),
            Mode::Search => match &mut self.popup {
                Some(Popup::Help(h)) => h.on_key(key, &self.keymap),
                _ => None,
            },
            Mode::Popup => self.keymap.resolve(key, &[Scope::Popup, Scope::List, Scope::Global]),
            Mode::Review => self.keymap.resolve(key, &[Scope::Review, Scope::List, Scope::Global]),
            Mode::Normal if self.tab.is_list() => self.keymap.resolve(key, &[Scope::List, Scope::Global]),
            Mode::Normal => self.keymap.resolve(key, &[Scope::Global]),
        };
        if let Some(action) = action {
            if let Err(err) = self.act(action) {
                self.fail(err);
            }
        }
    }

    /// Carries out what a tab asked for after handling an action.
    fn apply(&mut self, tab: Tab, effect: Effect) {
        match effect {
            Effect::Done => {}
            Effect::Scrolled => {
                if let Err(e) = self.load_windows() {
                    self.fail(e);
                }
            }
            Effect::Ask => self.ask(tab),
            Effect::Filter => self.mode = Mode::Filtering,
            Effect::Open(popup) => self.popup = Some(popup),
            Effect::Moved(Some(moved)) => self.tell_moved(tab, moved),
            Effect::Moved(None) => self.withdraw_emptied(tab),
            Effect::MarkDone(id) => {
                if let Err(e) = self.mark_done(id) {
                    self.fail(e);
                }
            }
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
        // The detail view is a place to work: what acts on a selected customer acts on its customer, the
        // form taking the popup's place.
        if let Some(Popup::Detail(d)) = &self.popup {
            let id = d.customer.id.0;
            let cx = Cx {
                store: &self.store,
                i18n: &self.i18n,
            };
            if let Some(form) = crate::tui::tabs::page::customer_form(action, id, &cx)? {
                self.popup = Some(Popup::Form(form));
                return Ok(());
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
                    } else if let Some(Popup::ConfirmDeleteContact { id, name, .. }) = popup {
                        ops::contacts::delete(&mut self.store, crate::domain::ContactId(id))?;
                        self.say(self.i18n.f("status.deleted", &[("name", &safe(&name))]));
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
        if self.reviewing {
            return self.review_act(action);
        }
        match action {
            Quit => self.quit = true,
            Review => self.start_review()?,
            Help => self.popup = Some(Popup::Help(super::popups::Help::new(self.page(self.tab).accepted()))),
            NextTab => self.show_tab(self.tab.next()),
            PrevTab => self.show_tab(self.tab.prev()),
            TabCustomers => self.show_tab(Tab::Customers),
            TabFollowups => self.show_tab(Tab::Followups),
            TabContacts => self.show_tab(Tab::Contacts),
            TabFeedback => self.show_tab(Tab::Feedback),
            TabReport => self.show_tab(Tab::Report),
            // The undo stack is the application's: it answers in every tab (the customers tab names it).
            Undo => match self.undo.pop() {
                Some((id, name)) => {
                    ops::customers::restore(&mut self.store, CustomerId(id))?;
                    self.want = Some(id);
                    self.say(self.i18n.f("status.restored", &[("name", &safe(&name))]));
                    self.refresh()?;
                }
                None => self.say(self.i18n.t("status.nothing-to-undo").to_string()),
            },
            _ => {
                let tab = self.tab;
                let (page, cx) = self.split(tab);
                if page.accepts(action) {
                    let effect = page.handle(action, &cx)?;
                    self.apply(tab, effect);
                }
            }
        }
        Ok(())
    }
}
