//! Runs the tabs' list queries on a worker thread with its own read-only connection, so opening a large
//! database, typing into a filter, changing the sort or refreshing after a write never waits for a query
//! over 100,000 customers. Requests for the same tab coalesce: only the newest is answered.

use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use chrono::NaiveDate;

use super::tabs::Tab;
use super::tabs::feedback as feedback_tab;
use crate::domain::filter::Filter;
use crate::store::feedback::Listed as FeedbackRow;
use crate::store::queue::{self, DueRow};
use crate::store::stats::{self, Headline};
use crate::store::{self, Connection, contacts, feedback, filter_sql};

/// What a tab needs listed.
#[derive(Debug, Clone)]
pub enum Query {
    /// Customer ids matching the filter, in the sort order.
    Customers { filter: Filter, sort: String },
    /// The due queue and the next days, narrowed by the filter.
    Followups { filter: Filter },
    /// Contact ids newest first, narrowed by a needle.
    Contacts { needle: Option<String> },
    /// Every feedback item worst first (late by these response targets), with the text it is searched by.
    Feedback(crate::domain::feedback::RespondDays),
    /// The report's headline numbers.
    Report,
}

impl Query {
    /// The tab this query fills.
    pub fn tab(&self) -> Tab {
        match self {
            Query::Customers { .. } => Tab::Customers,
            Query::Followups { .. } => Tab::Followups,
            Query::Contacts { .. } => Tab::Contacts,
            Query::Feedback(_) => Tab::Feedback,
            Query::Report => Tab::Report,
        }
    }
}

/// A query's result.
#[derive(Debug)]
pub enum Payload {
    Customers(Vec<i64>),
    Followups(Vec<DueRow>),
    Contacts(Vec<i64>),
    Feedback(Vec<FeedbackRow>, Vec<String>),
    Report(Headline),
}

/// A query to run, numbered so that a late answer to an older one can be recognised and dropped.
pub struct Request {
    pub generation: u64,
    pub query: Query,
    pub today: NaiveDate,
}

/// The result of a request, or why it failed: [`store::StoreError::Locked`] (another process kept the file
/// locked past the busy timeout, worth asking again) told apart from a real failure.
pub struct Answer {
    pub tab: Tab,
    pub generation: u64,
    pub payload: store::Result<Payload>,
}

/// Runs one query on `conn`: on the worker, or on the interface's own connection without one.
pub fn run(conn: &Connection, query: &Query, today: NaiveDate) -> store::Result<Payload> {
    Ok(match query {
        // The lists keep plain numbers: their selection logic is the same for every kind of row.
        Query::Customers { filter, sort } => Payload::Customers(
            filter_sql::ids(conn, filter, sort, today)?
                .into_iter()
                .map(|c| c.0)
                .collect(),
        ),
        Query::Followups { filter } => {
            Payload::Followups(queue::due_within(conn, today, super::tabs::followups::AHEAD, filter)?)
        }
        Query::Contacts { needle } => Payload::Contacts(
            contacts::ids(conn, needle.as_deref())?
                .into_iter()
                .map(|c| c.0)
                .collect(),
        ),
        Query::Feedback(targets) => {
            let rows = feedback::list_by(conn, None, false, None, today, targets)?;
            let index = feedback_tab::index(&rows);
            Payload::Feedback(rows, index)
        }
        Query::Report => Payload::Report(stats::headline(conn, today)?),
    })
}

/// The worker and the two ends of its channels.
pub struct Loader {
    /// `None` once the loader is shutting down.
    requests: Option<Sender<Request>>,
    answers: Receiver<Answer>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Loader {
    /// Stops the worker and waits for it, so that its connection is closed before the interface's: the last
    /// connection to close folds the write-ahead log back into the database file, and a read-only one
    /// cannot, which would leave recent changes only in the `-wal` file of someone who copies the database.
    fn drop(&mut self) {
        self.requests = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

/// Adds `req` to the queue, replacing a queued request for the same tab (the user moved on).
fn enqueue(queue: &mut Vec<Request>, req: Request) {
    let tab = req.query.tab();
    match queue.iter_mut().find(|q| q.query.tab() == tab) {
        Some(slot) => *slot = req,
        None => queue.push(req),
    }
}

impl Loader {
    /// Opens a read-only connection to `path` and starts the worker.
    pub fn spawn(path: &Path, busy_timeout: Duration) -> store::Result<Loader> {
        let conn = store::open_reader(path, busy_timeout)?;
        let (requests, inbox) = channel::<Request>();
        let (outbox, answers) = channel::<Answer>();
        let worker = std::thread::Builder::new()
            .name("tiercrm-loader".into())
            .spawn(move || {
                let mut queue: Vec<Request> = Vec::new();
                loop {
                    if queue.is_empty() {
                        match inbox.recv() {
                            Ok(req) => queue.push(req),
                            Err(_) => break,
                        }
                    }
                    while let Ok(newer) = inbox.try_recv() {
                        enqueue(&mut queue, newer);
                    }
                    let req = queue.remove(0);
                    let answer = Answer {
                        tab: req.query.tab(),
                        generation: req.generation,
                        payload: run(&conn, &req.query, req.today),
                    };
                    if outbox.send(answer).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| store::StoreError::Io(format!("cannot start the loader thread: {e}")))?;
        Ok(Loader {
            requests: Some(requests),
            answers,
            worker: Some(worker),
        })
    }

    pub fn ask(&self, req: Request) {
        if let Some(r) = &self.requests {
            let _ = r.send(req);
        }
    }

    /// An answer waiting, if any, without blocking.
    pub fn try_answer(&self) -> Option<Answer> {
        self.answers.try_recv().ok()
    }

    /// Waits up to `timeout` for an answer.
    pub fn wait(&self, timeout: Duration) -> Option<Answer> {
        self.answers.recv_timeout(timeout).ok()
    }
}

/// Which request a tab is waiting for.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fetch {
    generation: u64,
    /// A request is out and its answer has not arrived.
    pub pending: bool,
    /// An answer has arrived at least once (before that the tab shows "loading…", not "nothing here").
    pub loaded: bool,
}

impl Fetch {
    /// Numbers a new request and marks it out.
    pub fn start(&mut self) -> u64 {
        self.generation += 1;
        self.pending = true;
        self.generation
    }

    /// True when `generation` answers the newest request (older answers are dropped).
    pub fn accept(&mut self, generation: u64) -> bool {
        if generation != self.generation {
            return false;
        }
        self.pending = false;
        self.loaded = true;
        true
    }

    /// True when `generation` answers the newest request but brought nothing (the database was busy): the
    /// request is no longer out, and a tab that never loaded still shows as loading.
    pub fn refused(&mut self, generation: u64) -> bool {
        if generation != self.generation {
            return false;
        }
        self.pending = false;
        true
    }

    /// Nothing to wait for after all (the query could not be built).
    pub fn cancel(&mut self) {
        self.pending = false;
    }

    /// Still loading for the first time.
    pub fn first_load(&self) -> bool {
        !self.loaded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(generation: u64, query: Query) -> Request {
        Request {
            generation,
            query,
            today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        }
    }

    #[test]
    fn a_newer_request_for_a_tab_replaces_the_queued_one_in_place() {
        let mut q = Vec::new();
        enqueue(
            &mut q,
            req(
                1,
                Query::Followups {
                    filter: Filter::default(),
                },
            ),
        );
        enqueue(&mut q, req(1, Query::Contacts { needle: None }));
        enqueue(
            &mut q,
            req(
                2,
                Query::Followups {
                    filter: Filter::default(),
                },
            ),
        );
        let seen: Vec<(Tab, u64)> = q.iter().map(|r| (r.query.tab(), r.generation)).collect();
        assert_eq!(seen, vec![(Tab::Followups, 2), (Tab::Contacts, 1)]);
    }

    #[test]
    fn only_the_newest_generation_is_accepted() {
        let mut f = Fetch::default();
        assert!(f.first_load());
        let old = f.start();
        let new = f.start();
        assert!(!f.accept(old));
        assert!(f.pending);
        assert!(f.accept(new));
        assert!(!f.pending && !f.first_load());
    }
}
