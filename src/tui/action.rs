//! The closed vocabulary of things a key can do, with the kebab-case names `[keys]` in the config uses.

/// Where an action applies; the help screen groups by it and key resolution tries the narrowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Anywhere.
    Global,
    /// In a list (every tab but the report).
    List,
    /// In a popup (detail, help, confirmation).
    Popup,
    /// In review mode, walking the queue one customer at a time.
    Review,
    /// In a form. Plain characters type into a text field, so these keys need ctrl, alt or a name
    /// (a choice field also answers plain keys such as space).
    Form,
    /// While typing a filter or a help search; plain characters are the text.
    Input,
}

impl Scope {
    /// Every scope, in help order.
    pub const ALL: [Scope; 6] = [
        Scope::Global,
        Scope::List,
        Scope::Review,
        Scope::Popup,
        Scope::Form,
        Scope::Input,
    ];

    /// The name used in help headings (`help.group.NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::List => "list",
            Scope::Popup => "popup",
            Scope::Review => "review",
            Scope::Form => "form",
            Scope::Input => "input",
        }
    }
}

macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, $scope:ident;)+) => {
        /// Something a key does. Every variant is bindable in `[keys]` by its name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($(#[$doc])* $variant),+ }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in `[keys]` and for the help text key `action.NAME`.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            pub fn scope(self) -> Scope {
                match self { $(Action::$variant => Scope::$scope),+ }
            }

            /// Whether a plain character may trigger it: not where text is typed, except on a choice
            /// field, which takes no text.
            pub fn takes_plain_keys(self) -> bool {
                !matches!(self.scope(), Scope::Form | Scope::Input)
                    || matches!(self, Action::ChoiceNext | Action::ChoicePrev)
            }

            /// The action with this name.
            pub fn from_name(name: &str) -> Option<Action> {
                Self::ALL.iter().copied().find(|a| a.name() == name)
            }
        }
    };
}

actions! {
    /// Leave tiercrm.
    Quit => "quit", Global;
    /// Show every binding in force.
    Help => "help", Global;
    /// Switch to the next tab.
    NextTab => "next-tab", Global;
    /// Switch to the previous tab.
    PrevTab => "prev-tab", Global;
    /// Switch to the Customers tab.
    TabCustomers => "tab-customers", Global;
    /// Switch to the Follow-ups tab.
    TabFollowups => "tab-followups", Global;
    /// Switch to the Contacts tab.
    TabContacts => "tab-contacts", Global;
    /// Switch to the Feedback tab.
    TabFeedback => "tab-feedback", Global;
    /// Switch to the Report tab.
    TabReport => "tab-report", Global;
    /// Review today's queue one customer at a time (again: carry on where you left).
    Review => "review", Global;
    /// Move down one row.
    Down => "down", List;
    /// Move up one row.
    Up => "up", List;
    /// Go to the first row.
    Top => "top", List;
    /// Go to the last row.
    Bottom => "bottom", List;
    /// Move down a page.
    PageDown => "page-down", List;
    /// Move up a page.
    PageUp => "page-up", List;
    /// Open the selected row's customer.
    Open => "open", List;
    /// Type a filter; the list follows as you type.
    Filter => "filter", List;
    /// Sort by the next column.
    Sort => "sort", List;
    /// Reverse the sort.
    SortReverse => "sort-reverse", List;
    /// Archive the selected customer (after confirmation).
    Archive => "archive", List;
    /// Undo the last archive.
    Undo => "undo", List;
    /// Add a customer through a form.
    Add => "add", List;
    /// Edit the selected customer.
    Edit => "edit", List;
    /// Log a contact with the selected customer, with the next follow-up date.
    LogContact => "log-contact", List;
    /// Record an order for the selected customer.
    AddOrder => "add-order", List;
    /// Record feedback from the selected customer.
    AddFeedback => "add-feedback", List;
    /// Start investigating the selected feedback (new or reopened), naming who does.
    FeedbackInvestigate => "feedback-investigate", List;
    /// Give the selected feedback to someone.
    FeedbackAssign => "feedback-assign", List;
    /// Resolve the selected feedback, saying what was done.
    FeedbackResolve => "feedback-resolve", List;
    /// Close the selected feedback with the customer's satisfaction score.
    FeedbackClose => "feedback-close", List;
    /// Reopen the selected resolved or closed feedback.
    FeedbackReopen => "feedback-reopen", List;
    /// Correct the selected record itself (a contact, a feedback item), not its customer.
    EditEntry => "edit-entry", List;
    /// Delete the selected contact, logged by mistake (after confirmation).
    DeleteEntry => "delete-entry", List;
    /// Hold the selected customer back until a day (cadence and follow-ups alike).
    Snooze => "snooze", List;
    /// Mark the selected customer done without a contact.
    MarkDone => "mark-done", List;
    /// Promise a contact with the selected customer by a day, with a note.
    AddFollowup => "add-followup", List;
    /// In review: the next customer.
    ReviewNext => "review-next", Review;
    /// In review: the previous customer.
    ReviewPrev => "review-prev", Review;
    /// In review: open the customer's full record.
    ReviewOpen => "review-open", Review;
    /// Leave review mode (`r` carries on where you left).
    ReviewLeave => "review-leave", Review;
    /// Close the popup or leave the filter.
    Back => "back", Popup;
    /// Answer yes in a confirmation.
    Confirm => "confirm", Popup;
    /// Save the form.
    Save => "save", Form;
    /// Leave the form (asking first when it has edits).
    Cancel => "cancel", Form;
    /// Go to the next field.
    NextField => "next-field", Form;
    /// Go to the previous field.
    PrevField => "prev-field", Form;
    /// Close feedback without a satisfaction score (the customer gave none), and save.
    SkipScore => "skip-score", Form;
    /// Go to the next field; on the last one, save.
    Advance => "advance", Form;
    /// Empty the field.
    ClearField => "clear-field", Form;
    /// Edit the field in `$VISUAL` / `$EDITOR`.
    ExternalEditor => "external-editor", Form;
    /// After a conflict, take the record as it now is (dropping these edits).
    ReloadRecord => "reload-record", Form;
    /// The next value of a choice field.
    ChoiceNext => "choice-next", Form;
    /// The previous value of a choice field.
    ChoicePrev => "choice-prev", Form;
    /// Keep the filter and go back to the list.
    FilterDone => "filter-done", Input;
    /// Drop the filter and go back to the list.
    FilterCancel => "filter-cancel", Input;
    /// Empty the filter (or the help search) and keep typing.
    FilterClear => "filter-clear", Input;
}

impl Action {
    /// Whether the action changes the database (refused at once on a read-only file).
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::Add
                | Action::Edit
                | Action::LogContact
                | Action::AddOrder
                | Action::AddFeedback
                | Action::FeedbackInvestigate
                | Action::FeedbackAssign
                | Action::FeedbackResolve
                | Action::FeedbackClose
                | Action::FeedbackReopen
                | Action::EditEntry
                | Action::DeleteEntry
                | Action::Snooze
                | Action::MarkDone
                | Action::AddFollowup
                | Action::Archive
                | Action::Undo
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::ALL {
            assert!(seen.insert(a.name()), "{} twice", a.name());
            assert!(
                a.name().chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                a.name()
            );
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
        assert_eq!(Action::from_name("fly"), None);
    }
}
