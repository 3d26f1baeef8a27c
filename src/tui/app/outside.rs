//! What reaches the interface from outside its keys, as the event loop (`run.rs`) hands it over: the
//! external editor's text for a form field, and on the timer a new day or another process's commit.

use super::App;
use crate::tui::popups::{Detail, Popup};

impl App {
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

    /// Called on a timer: asks again for the lists a busy database refused; when another process
    /// committed, reloads and says so.
    pub fn check_for_changes(&mut self) {
        for tab in self.busy.clone() {
            if !self.page(tab).fetch().pending {
                self.ask(tab);
            }
        }
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
}
