//! Runs the customers query on a worker thread with its own read-only connection, so typing into the
//! filter or changing the sort never waits for a query over 100,000 customers. Only the latest request
//! is answered; older ones still queued are skipped.

use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use chrono::NaiveDate;

use crate::domain::filter::Filter;
use crate::store::{self, filter_sql};

/// What to list.
pub struct Request {
    pub generation: u64,
    pub filter: Filter,
    pub sort: String,
    pub today: NaiveDate,
}

/// The ids in order, or why the query failed.
pub struct Answer {
    pub generation: u64,
    pub ids: Result<Vec<i64>, String>,
}

/// The worker and the two ends of its channels.
pub struct Loader {
    requests: Sender<Request>,
    answers: Receiver<Answer>,
}

impl Loader {
    /// Opens a read-only connection to `path` and starts the worker.
    pub fn spawn(path: &Path, busy_timeout: Duration) -> store::Result<Loader> {
        let conn = store::open_reader(path, busy_timeout)?;
        let (requests, inbox) = channel::<Request>();
        let (outbox, answers) = channel::<Answer>();
        std::thread::Builder::new()
            .name("tiercrm-loader".into())
            .spawn(move || {
                while let Ok(mut req) = inbox.recv() {
                    // Skip to the newest request: the user kept typing.
                    while let Ok(newer) = inbox.try_recv() {
                        req = newer;
                    }
                    let ids = filter_sql::ids(&conn, &req.filter, &req.sort, req.today).map_err(|e| e.to_string());
                    if outbox
                        .send(Answer {
                            generation: req.generation,
                            ids,
                        })
                        .is_err()
                    {
                        break;
                    }
                }
            })
            .map_err(|e| store::StoreError::Io(format!("cannot start the loader thread: {e}")))?;
        Ok(Loader { requests, answers })
    }

    pub fn ask(&self, req: Request) {
        let _ = self.requests.send(req);
    }

    /// The newest answer waiting, if any, without blocking.
    pub fn try_answer(&self) -> Option<Answer> {
        let mut latest = None;
        while let Ok(a) = self.answers.try_recv() {
            latest = Some(a);
        }
        latest
    }

    /// Waits up to `timeout` for an answer.
    pub fn wait(&self, timeout: Duration) -> Option<Answer> {
        self.answers.recv_timeout(timeout).ok()
    }
}
