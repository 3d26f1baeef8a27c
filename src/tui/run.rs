//! The event loop: draw, wait for a key, a resize or a tick; on ticks look for other processes' commits.
//! The terminal is restored on quit, on error, on panic (ratatui's hook) and on SIGTERM or SIGHUP, mouse
//! capture included.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};

use super::app::App;
use super::keymap::Keymap;
use crate::i18n::I18n;
use crate::store::Store;

/// How often the database is checked for other processes' commits.
const CHECK_EVERY: Duration = Duration::from_millis(500);

/// How the interface looks and listens: from the config and the environment, read by the caller.
pub struct Prefs {
    pub theme: crate::tui::theme::Theme,
    /// Take the mouse (wheel and clicks); otherwise the terminal keeps it for its own selection.
    pub mouse: bool,
}

/// Hands the mouse back to the terminal. Harmless when it was never taken; a failure to write is
/// ignored, as there is nothing better to do with it on the way out.
fn release_mouse() {
    let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableMouseCapture);
}

/// Restores the terminal however the loop ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        release_mouse();
        ratatui::restore();
    }
}

/// On a panic, gives the mouse back before the hook ratatui installed restores the rest and reports it:
/// a terminal left capturing the mouse prints escape codes at every move.
fn release_mouse_on_panic() {
    let earlier = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release_mouse();
        earlier(info);
    }));
}

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on a temporary file holding `text`; returns what was saved.
fn edit_externally(text: &str, i18n: &I18n) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .ok()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let file = tempfile::Builder::new()
        .prefix("tiercrm-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| e.to_string())?;
    std::fs::write(file.path(), text).map_err(|e| e.to_string())?;
    // The editor may carry arguments ("code --wait").
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(file.path())
        .status()
        .map_err(|e| i18n.f("form.editor_start", &[("editor", &editor), ("why", &e.to_string())]))?;
    if !status.success() {
        return Err(i18n.f(
            "form.editor_failed",
            &[("editor", &editor), ("status", &status.to_string())],
        ));
    }
    std::fs::read_to_string(file.path()).map_err(|e| e.to_string())
}

/// How long the loop has to notice SIGTERM or SIGHUP and restore the terminal itself.
const GRACE: Duration = Duration::from_secs(2);

/// On SIGTERM or SIGHUP, asks the loop to stop (it restores the terminal on the way out). If it has not
/// ended after [`GRACE`], restores the terminal and exits anyway: when the terminal is gone, crossterm's
/// reader can spin forever inside `event::poll` (crossterm-rs/crossterm#793), and the loop never gets
/// to look at the flag. Writes are transactions, so leaving mid-write loses nothing.
fn watch_signals(stop: Arc<AtomicBool>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("tiercrm-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                stop.store(true, Ordering::Relaxed);
                std::thread::sleep(GRACE);
                release_mouse();
                ratatui::restore();
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// Runs the interface until the user quits or a signal asks it to stop.
pub fn run(store: Store, keymap: Keymap, i18n: I18n, status: Option<String>, prefs: Prefs) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&stop))?;
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    release_mouse_on_panic();
    let take_mouse = || -> Result<()> {
        if prefs.mouse {
            ratatui::crossterm::execute!(std::io::stdout(), EnableMouseCapture)?;
        }
        Ok(())
    };
    take_mouse()?;
    let size = terminal.size()?;
    let mut app = App::new(store, keymap, i18n, size.width, size.height)?;
    app.theme = prefs.theme.clone();
    if let Some(s) = status {
        app.status = Some(super::app::Status { text: s, error: false });
    }
    let mut last_check = Instant::now();
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|f| app.draw(f))?;
        // While the loader works, come back soon to show its answer; otherwise wait for input.
        let wait = if app.poll() {
            Duration::from_millis(15)
        } else {
            Duration::from_millis(200)
        };
        if event::poll(wait)? {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => app.on_key(k),
                Event::Mouse(m) => app.on_mouse(m),
                Event::Resize(w, h) => app.resize(w, h),
                _ => {}
            }
        }
        app.poll();
        if app.editor_wanted {
            if let Some(text) = app.editor_text() {
                // The editor needs the terminal: hand it over, then take it back.
                release_mouse();
                ratatui::restore();
                let result = edit_externally(&text, &app.i18n);
                terminal = ratatui::try_init()?;
                take_mouse()?;
                terminal.clear()?;
                app.editor_done(result);
            } else {
                app.editor_wanted = false;
            }
        }
        if last_check.elapsed() >= CHECK_EVERY {
            app.check_for_changes();
            app.check_for_new_day(chrono::Local::now().date_naive());
            last_check = Instant::now();
        }
    }
    Ok(())
}
