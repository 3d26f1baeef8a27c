//! What every tab does, as one trait: its navigation, its fetch from the loader, its selected customer,
//! the actions it accepts (one list, as gitui's `commands()`, that the hints and the help are drawn
//! from) and how it handles one. The application holds the frame and dispatches to the tab showing.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Ui;
use crate::domain::customer::Customer;
use crate::i18n::I18n;
use crate::store::{Result, Store, customers};
use crate::tui::action::Action;
use crate::tui::forms::OpenForm;
use crate::tui::list::{Moved, Nav};
use crate::tui::loader::{Fetch, Payload, Query};
use crate::tui::popups::{Detail, Popup};

/// An action a tab accepts, and whether the hint bar names it (the help lists every one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    pub hint: bool,
}

/// Accepted and named in the hints.
pub const fn shown(action: Action) -> Command {
    Command { action, hint: true }
}

/// Accepted, listed in the help only.
pub const fn quiet(action: Action) -> Command {
    Command { action, hint: false }
}

/// Moving in a list: every list tab accepts these.
pub const MOVES: [Action; 6] = [
    Action::Down,
    Action::Up,
    Action::Top,
    Action::Bottom,
    Action::PageDown,
    Action::PageUp,
];

/// What a tab reads with.
pub struct Cx<'a> {
    pub store: &'a Store,
    pub i18n: &'a I18n,
}

/// What the application does after a tab handled an action or a changed filter.
pub enum Effect {
    /// Nothing more.
    Done,
    /// The selection moved: load the rows now on screen.
    Scrolled,
    /// Ask the loader for this tab's list again (the selection follows its record).
    Ask,
    /// Start typing a filter.
    Filter,
    /// Open a popup.
    Open(Popup),
    /// The list changed here and then: say what the selection did (`None`: it stayed).
    Moved(Option<Moved>),
    /// Mark this customer done without a contact (a write, which the application makes).
    MarkDone(i64),
}

/// One tab.
pub trait Page {
    /// The actions this tab accepts, in the order the hint bar names them. Global actions the hints name
    /// are listed too (they are carried out by the application whichever tab shows).
    fn commands(&self) -> &'static [Command];

    /// The list, when the tab shows one.
    fn nav(&self) -> Option<&Nav> {
        None
    }
    fn nav_mut(&mut self) -> Option<&mut Nav> {
        None
    }

    /// The request out to the loader.
    fn fetch(&self) -> &Fetch;
    fn fetch_mut(&mut self) -> &mut Fetch;

    /// The query for the tab's list as it stands; `None` when there is none to run (a filter that does
    /// not parse).
    fn query(&mut self, store: &Store) -> Option<Query>;

    /// Takes the loader's answer; says what the selection did. `want`: a customer to select once listed.
    fn receive(&mut self, payload: Payload, want: Option<i64>, cx: &Cx<'_>) -> Result<Option<Moved>>;

    /// The loader could not answer: returns the error to say, or `None` when the tab shows it itself.
    fn failed(&mut self, why: String) -> Option<String> {
        Some(why)
    }

    /// Loads the rows on screen when the window moved past what is loaded.
    fn load_window(&mut self, _cx: &Cx<'_>) -> Result<()> {
        Ok(())
    }

    /// Reads the rows on screen again after a write, before the list itself follows from the loader.
    fn refresh_window(&mut self, _cx: &Cx<'_>) -> Result<()> {
        Ok(())
    }

    /// The list position drawn `row` lines below the top of the tab's area, for a click; `None` off the
    /// rows. Lists draw an info line and a table header above their rows ([`super::LIST_TOP`]); a tab that
    /// draws otherwise says so here.
    fn row_at(&self, row: usize) -> Option<usize> {
        let nav = self.nav()?;
        let k = nav.offset + row.checked_sub(super::LIST_TOP)?;
        (row - super::LIST_TOP < nav.height && k < nav.len).then_some(k)
    }

    /// The customer of the row under the cursor.
    fn selected_customer(&self) -> Option<i64> {
        None
    }

    /// The filter as typed, when the tab has one.
    fn filter_text(&self) -> Option<&str> {
        None
    }
    fn filter_text_mut(&mut self) -> Option<&mut String> {
        None
    }

    /// What follows a change to the filter.
    fn filter_changed(&mut self) -> Effect {
        Effect::Ask
    }

    /// True when the list leaves archived customers out (then archiving is why one left).
    fn hides_archived(&self, _user: &str) -> bool {
        false
    }

    /// Handles an action it accepts.
    fn handle(&mut self, action: Action, cx: &Cx<'_>) -> Result<Effect> {
        handle_list(self, action, cx)
    }

    fn draw(&self, f: &mut Frame<'_>, area: Rect, ui: &Ui<'_>, filtering: bool);

    /// Whether the tab accepts `action`.
    fn accepts(&self, action: Action) -> bool {
        self.commands().iter().any(|c| c.action == action)
    }

    /// The actions the hint bar names here, most important first.
    fn hints(&self) -> Vec<Action> {
        self.commands().iter().filter(|c| c.hint).map(|c| c.action).collect()
    }

    /// Every action accepted here, for the help screen.
    fn accepted(&self) -> Vec<Action> {
        self.commands().iter().map(|c| c.action).collect()
    }
}

/// What a list tab does with the actions lists share: move, open the customer, filter, and open a form
/// about the selected customer.
pub fn handle_list<P: Page + ?Sized>(page: &mut P, action: Action, cx: &Cx<'_>) -> Result<Effect> {
    use Action::*;
    Ok(match action {
        Down | Up | Top | Bottom | PageDown | PageUp => {
            if let Some(nav) = page.nav_mut() {
                let n = nav.page();
                match action {
                    Down => nav.down(1),
                    Up => nav.up(1),
                    Top => nav.top(),
                    Bottom => nav.bottom(),
                    PageDown => nav.down(n),
                    _ => nav.up(n),
                }
            }
            Effect::Scrolled
        }
        Open => match page.selected_customer() {
            Some(id) => Effect::Open(Popup::Detail(Box::new(Detail::load(cx.store, id, cx.i18n)?))),
            None => Effect::Done,
        },
        Filter => Effect::Filter,
        MarkDone => match page.selected_customer() {
            Some(id) => Effect::MarkDone(id),
            None => Effect::Done,
        },
        Edit | LogContact | AddOrder | AddFeedback | Snooze | AddFollowup => match page.selected_customer() {
            Some(id) => customer_form(action, id, cx)?.map_or(Effect::Done, |form| Effect::Open(Popup::Form(form))),
            None => Effect::Done,
        },
        _ => Effect::Done,
    })
}

/// The form an action on one customer opens (edit, log a contact, add an order, feedback or a follow-up,
/// snooze), wherever that customer is selected: a list's row, the detail view, the review card.
pub fn customer_form(action: Action, id: i64, cx: &Cx<'_>) -> Result<Option<Box<OpenForm>>> {
    use Action::*;
    // The form first, the read after: the detail view asks on every key, scrolling too, and only an action
    // that opens a form reads the customer.
    let build: fn(&Customer, &Cx<'_>) -> OpenForm = match action {
        Edit => |c, cx| OpenForm::edit_customer(c, cx.i18n),
        LogContact => |c, cx| OpenForm::contact(c, cx.i18n),
        AddOrder => |c, cx| OpenForm::order(c, cx.store.today, cx.i18n),
        AddFeedback => |c, cx| OpenForm::feedback(c, cx.i18n),
        Snooze => |c, cx| OpenForm::snooze(c, cx.i18n),
        AddFollowup => |c, cx| OpenForm::followup(c, cx.store.today, cx.i18n),
        _ => return Ok(None),
    };
    let c = customers::get(cx.store.conn(), crate::domain::CustomerId(id))?;
    Ok(Some(Box::new(build(&c, cx))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Scope;
    use crate::tui::tabs::contacts::ContactsTab;
    use crate::tui::tabs::customers::CustomersTab;
    use crate::tui::tabs::feedback::FeedbackTab;
    use crate::tui::tabs::followups::FollowupsTab;
    use crate::tui::tabs::report::ReportTab;

    fn pages() -> Vec<(&'static str, Box<dyn Page>)> {
        vec![
            ("customers", Box::new(CustomersTab::default())),
            ("followups", Box::new(FollowupsTab::default())),
            ("contacts", Box::new(ContactsTab::default())),
            ("feedback", Box::new(FeedbackTab::default())),
            ("report", Box::new(ReportTab::default())),
        ]
    }

    #[test]
    fn each_tab_lists_an_action_once_and_a_list_tab_accepts_every_move() {
        for (name, page) in pages() {
            let all = page.accepted();
            for a in &all {
                assert_eq!(all.iter().filter(|b| *b == a).count(), 1, "{name}: {a:?} twice");
                assert!(
                    matches!(a.scope(), Scope::Global | Scope::List),
                    "{name}: {a:?} belongs to a popup or a mode, not a tab"
                );
            }
            let moves = MOVES.iter().all(|a| page.accepts(*a));
            assert_eq!(moves, page.nav().is_some(), "{name}: moves only where there is a list");
        }
    }

    #[test]
    fn only_the_tabs_with_a_filter_accept_filter_and_only_customers_write_but_for_contacts_in_the_queue_and_the_feedback_workflow()
     {
        for (name, page) in pages() {
            assert_eq!(page.accepts(Action::Filter), page.filter_text().is_some(), "{name}");
            let writes: Vec<Action> = page.accepted().into_iter().filter(|a| a.writes()).collect();
            match name {
                "customers" => assert_eq!(writes.len(), 10, "{writes:?}"),
                "followups" => assert_eq!(
                    writes,
                    vec![
                        Action::LogContact,
                        Action::MarkDone,
                        Action::Snooze,
                        Action::AddFollowup
                    ]
                ),
                // A follow-up can be promised wherever a customer is selected; the record tabs also
                // correct their own records, and feedback moves through its workflow.
                "feedback" => assert!(
                    writes.iter().all(|a| a.name().starts_with("feedback-")
                        || *a == Action::EditEntry
                        || *a == Action::AddFollowup),
                    "the feedback tab writes only its workflow, corrections and follow-ups: {writes:?}"
                ),
                "contacts" => {
                    let mut w = writes.clone();
                    w.sort_by_key(|a| a.name());
                    assert_eq!(w, vec![Action::AddFollowup, Action::DeleteEntry, Action::EditEntry]);
                }
                _ => assert!(writes.is_empty(), "{name}: {writes:?}"),
            }
        }
    }
}
