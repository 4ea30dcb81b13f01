//! The simulator's shared state: sessions, tasks and jobs, behind one lock
//! that no request holds across an await.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use sha2::{Digest, Sha512};

use crate::jobs::Job;
use crate::seed::{self, Task};
use crate::{Config, Style, MAX_EXTRA_TASKS};

pub(crate) const ADMIN_ACCOUNT_UUID: &str = "36c27e8ff05c4780bf6d2fa65700f22e";

pub(crate) struct Inner {
    pub(crate) sessions: HashMap<String, Instant>,
    /// Shared with the queries under way: a query takes the list and lets
    /// go of the lock before it filters and sorts (a stop changes a copy).
    pub(crate) tasks: Arc<Vec<Task>>,
    /// Jobs by id, and their ids oldest first (for expiry and the bound).
    pub(crate) jobs: HashMap<String, Job>,
    job_order: VecDeque<String>,
    /// Job ids taken by requests still being read: the check that an id is
    /// new and its taking are one step under the lock.
    pub(crate) reserved: HashSet<String>,
}

impl Inner {
    /// Keeps a new job, first dropping expired ones from the old end and
    /// the oldest beyond `max`: no lookup ever scans every job.
    pub(crate) fn add_job(&mut self, id: String, job: Job, max: usize) {
        while let Some(oldest) = self.job_order.front() {
            let gone = self.jobs.get(oldest).is_none_or(Job::expired);
            if !gone && self.jobs.len() < max {
                break;
            }
            if let Some(id) = self.job_order.pop_front() {
                self.jobs.remove(&id);
            }
        }
        self.job_order.push_back(id.clone());
        self.jobs.insert(id, job);
    }

    pub(crate) fn signed_in(&self, session: &str) -> bool {
        self.sessions.contains_key(session)
    }
}

/// The simulator's shared state.
pub struct Sim {
    pub(crate) cfg: Config,
    inner: Mutex<Inner>,
    /// Where job results go when a stop names `X-Web-Hook`.
    pub(crate) hooks: reqwest::Client,
    /// A session ready to paste, created at start.
    pub ready_session: String,
}

pub(crate) fn new_uuid() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// SHA-512 of `s` as lowercase hex, as the panel and the real CLI send it.
pub fn sha512_hex(s: &str) -> String {
    Sha512::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Sim {
    pub fn new(cfg: Config) -> Arc<Sim> {
        let documented = cfg.style == Style::Documented;
        let extra = cfg.extra_tasks;
        let ready_session = new_uuid();
        let mut sessions = HashMap::new();
        sessions.insert(ready_session.clone(), Instant::now());
        Arc::new(Sim {
            cfg,
            inner: Mutex::new(Inner {
                sessions,
                tasks: {
                    let mut t = seed::tasks(documented);
                    t.extend(seed::many(extra.min(MAX_EXTRA_TASKS)));
                    Arc::new(t)
                },
                jobs: HashMap::new(),
                job_order: VecDeque::new(),
                reserved: HashSet::new(),
            }),
            hooks: crate::jobs::hook_client(),
            ready_session,
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere must not stop the simulator serving.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The seeded tasks as they are now.
    pub fn tasks(&self) -> Vec<Task> {
        self.lock().tasks.to_vec()
    }

    /// How many jobs are kept now.
    pub fn job_count(&self) -> usize {
        self.lock().jobs.len()
    }

    /// A new session, as a login makes.
    pub(crate) fn sign_in(&self) -> String {
        let id = new_uuid();
        self.lock().sessions.insert(id.clone(), Instant::now());
        id
    }

    pub(crate) fn sign_out(&self, session: &str) {
        self.lock().sessions.remove(session);
    }

    /// Whether `account` and `password` (its SHA-512 hex) sign in.
    pub(crate) fn password_matches(&self, account: &str, password: &str) -> bool {
        account == "admin" && password.eq_ignore_ascii_case(&sha512_hex(&self.cfg.password))
    }
}

/// A job id taken by a request in progress, given back when the request
/// ends (by then its job, if it made one, holds the id).
pub(crate) struct Reservation {
    pub(crate) sim: Arc<Sim>,
    pub(crate) id: String,
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.sim.lock().reserved.remove(&self.id);
    }
}
