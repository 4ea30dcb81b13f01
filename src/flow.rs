//! The stop flow as a unit of its own: the POST, the job polls with their
//! backoff, the deadline and the read-back, driven through a small
//! [`Transport`] so native tests run it with scripted replies and a fake
//! clock. The browser's transport (gloo-net, AbortController, timers) is
//! [`crate::client`]; the panel only renders what this returns.

use std::cell::RefCell;

use crate::protocol::{self, Outcome, Step, StopRequest};

/// An HTTP method the panel uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// One request.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub method: Method,
    pub url: String,
    pub auth: Option<String>,
    /// A JSON body (sent as `application/json;charset=UTF-8`).
    pub body: Option<String>,
    /// The `X-Job-UUID` header, for a call that starts a job.
    pub job: Option<String>,
}

impl Call {
    pub fn get(url: String, auth: Option<String>) -> Call {
        Call {
            method: Method::Get,
            url,
            auth,
            body: None,
            job: None,
        }
    }
}

/// What came back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub content_type: Option<String>,
    /// The `Location` header (a job's address in a `202`).
    pub location: Option<String>,
    pub text: String,
    /// The body's size when it was over [`protocol::BODY_READ_MAX`] and so
    /// not read whole (`text` then holds only its start, if anything).
    pub cut_from: Option<u64>,
}

impl Reply {
    /// A body too large to read is an answer of its own, whatever it says.
    pub fn too_large(&self) -> Option<Outcome> {
        self.cut_from
            .map(|size| protocol::too_large(self.status, size, &self.text))
    }
}

/// Sends requests and keeps time. `Err` from `send` means fetch itself
/// failed (nothing came back), or the request was aborted.
#[allow(async_fn_in_trait)] // the browser's futures are !Send anyway
pub trait Transport {
    async fn send(&self, call: Call) -> Result<Reply, String>;
    /// Milliseconds on a monotonic clock.
    fn now_ms(&self) -> f64;
    /// Waits `ms`, or less when the flow is cancelled.
    async fn sleep(&self, ms: u64);
    /// Whether the person cancelled (or the panel went away).
    fn cancelled(&self) -> bool;
    /// Whether the transport's own deadline timer has fired.
    fn expired(&self) -> bool {
        false
    }
}

/// One HTTP step of a stop, as "Request details" lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    pub method: Method,
    pub url: String,
    /// The `Authorization` header as sent, its session masked (the log
    /// never holds the session).
    pub auth: Option<String>,
    /// The reply, or fetch's own words when nothing came back.
    pub reply: Result<Reply, String>,
    /// From sending to the whole reply read.
    pub ms: u64,
}

impl Exchange {
    /// The body's size in bytes (as declared, for one too large to read).
    pub fn size(&self) -> Option<u64> {
        let r = self.reply.as_ref().ok()?;
        Some(r.cut_from.unwrap_or(r.text.len() as u64))
    }

    /// A poll of a job (`GET …/api-jobs/…`).
    pub fn is_poll(&self) -> bool {
        self.method == Method::Get && self.url.contains("/api-jobs/")
    }
}

/// How much of each reply's body a stop's record keeps for its details:
/// a stop may poll many times, and a body may be megabytes.
pub const KEPT_BODY: usize = 64 * 1024;

/// A reply as a record keeps it: its body cut to [`KEPT_BODY`] on a
/// character boundary, its full size kept in `cut_from`.
fn kept(reply: &Reply) -> Reply {
    match protocol::cut_at(&reply.text, KEPT_BODY) {
        None => reply.clone(),
        Some(end) => Reply {
            text: reply.text[..end].to_string(),
            cut_from: Some(reply.cut_from.unwrap_or(reply.text.len() as u64)),
            ..reply.clone()
        },
    }
}

/// A transport that keeps every exchange it carries, in order (each body
/// bounded, see [`KEPT_BODY`]).
pub struct Recorder<'a, T> {
    inner: &'a T,
    pub log: RefCell<Vec<Exchange>>,
}

impl<'a, T: Transport> Recorder<'a, T> {
    pub fn new(inner: &'a T) -> Self {
        Recorder {
            inner,
            log: RefCell::default(),
        }
    }
}

impl<T: Transport> Transport for Recorder<'_, T> {
    async fn send(&self, call: Call) -> Result<Reply, String> {
        let (method, url, start) = (call.method, call.url.clone(), self.inner.now_ms());
        let auth = call.auth.as_deref().map(|a| {
            protocol::oauth(&protocol::mask_session(
                a.strip_prefix("OAuth ").unwrap_or(a),
            ))
        });
        let reply = self.inner.send(call).await;
        self.log.borrow_mut().push(Exchange {
            method,
            url,
            auth,
            reply: reply.as_ref().map(kept).map_err(Clone::clone),
            ms: (self.inner.now_ms() - start).max(0.0) as u64,
        });
        reply
    }
    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }
    async fn sleep(&self, ms: u64) {
        self.inner.sleep(ms).await
    }
    fn cancelled(&self) -> bool {
        self.inner.cancelled()
    }
    fn expired(&self) -> bool {
        self.inner.expired()
    }
}

/// A stop that ended: what the result showed, and how it went on the wire.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The task, as sent.
    pub uuid: String,
    /// Its name, when a reply named it.
    pub name: Option<String>,
    pub outcome: Outcome,
    /// Every HTTP step in order (a published example's one reply in example
    /// mode).
    pub steps: Vec<Exchange>,
    pub elapsed_ms: u64,
    /// When it ended, in milliseconds since the epoch (several stops may
    /// share one).
    pub at_ms: f64,
    /// Its own number in the tab, given when it joins the history
    /// ([`History::add`], [`History::push`]): how "Show" finds it again.
    pub id: u64,
    /// Example mode: nothing was sent.
    pub example: bool,
}

impl Record {
    pub fn polls(&self) -> usize {
        self.steps.iter().filter(|s| s.is_poll()).count()
    }
}

/// The stops made in this tab, newest first (at most [`HISTORY_MAX`]), and
/// the one whose result and details show. Memory only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Shared with the views that show them: a change to the list copies
    /// pointers, not 50 stops' bodies.
    pub records: Vec<std::sync::Arc<Record>>,
    pub shown: Option<usize>,
    /// The number the next record gets.
    next_id: u64,
}

pub const HISTORY_MAX: usize = 50;

impl History {
    /// A stop that just ended: first in the list, and shown. Returns its
    /// number.
    pub fn add(&mut self, r: Record) -> u64 {
        let id = self.insert(r);
        self.shown = Some(0);
        id
    }

    /// A stop of several tasks that just ended: first in the list; the one
    /// shown stays shown. Returns its number.
    pub fn push(&mut self, r: Record) -> u64 {
        let id = self.insert(r);
        self.shown = self.shown.map(|s| s + 1).filter(|s| *s < HISTORY_MAX);
        id
    }

    fn insert(&mut self, mut r: Record) -> u64 {
        self.next_id += 1;
        r.id = self.next_id;
        self.records.insert(0, r.into());
        self.records.truncate(HISTORY_MAX);
        self.next_id
    }

    /// Where the record numbered `id` stands in the list, if it is still
    /// there.
    pub fn position(&self, id: u64) -> Option<usize> {
        self.records.iter().position(|r| r.id == id)
    }

    /// A step that belongs to the stop numbered `id` (the read-back after
    /// it), and the task's name that read found, when nothing named the
    /// task before.
    pub fn add_step(&mut self, id: u64, step: Exchange, name: Option<String>) {
        if let Some(r) = self.records.iter_mut().find(|r| r.id == id) {
            let r = std::sync::Arc::make_mut(r);
            r.steps.push(step);
            r.name = r.name.take().or(name);
        }
    }

    pub fn shown(&self) -> Option<&Record> {
        self.records.get(self.shown?).map(|r| &**r)
    }
}

/// Why waiting ended early, if it did: the deadline or a cancel.
fn interrupted<T: Transport>(t: &T, started: f64, deadline: f64) -> Option<Outcome> {
    let now = t.now_ms();
    if now >= deadline || t.expired() {
        Some(Outcome::TimedOut((now - started) as u64))
    } else if t.cancelled() {
        Some(Outcome::Cancelled)
    } else {
        None
    }
}

/// A failed send: the deadline (which aborts the fetch), a cancel, or the
/// network itself.
fn send_failed<T: Transport>(t: &T, started: f64, deadline: f64, e: String) -> Outcome {
    interrupted(t, started, deadline).unwrap_or(Outcome::NetworkError(e))
}

/// Runs the whole stop: the POST, the job polls and the read-back. `on_job`
/// is told the job id once the server accepts the call. Nothing is waited
/// for past `own_deadline_ms` (nor past the job's `apiTimeout`).
pub async fn run_stop<T: Transport>(
    t: &T,
    req: &StopRequest,
    own_deadline_ms: u64,
    on_job: impl Fn(String),
) -> Outcome {
    let started = t.now_ms();
    let mut deadline = started + own_deadline_ms as f64;
    let auth = Some(req.authorization());
    let post = Call {
        method: Method::Post,
        url: req.url(),
        auth: auth.clone(),
        body: Some(req.body()),
        job: Some(req.job_id.clone()).filter(|j| !j.is_empty()),
    };
    let mut step = match t.send(post).await {
        Ok(reply) => {
            if let Some(o) = interrupted(t, started, deadline).or_else(|| reply.too_large()) {
                return o;
            }
            if !req.job_id.is_empty() && protocol::job_id_taken(reply.status, &reply.text) {
                own_job(req)
            } else {
                protocol::classify_stop(reply.status, &reply.text)
            }
        }
        Err(e) => match answer_lost(t, req, started, deadline, e).await {
            Ok(step) => step,
            Err(o) => return o,
        },
    };
    if let Step::Poll {
        job_id,
        job_path,
        api_timeout_ms,
    } = step
    {
        on_job(job_id.clone());
        deadline = started + protocol::deadline_ms(api_timeout_ms, own_deadline_ms) as f64;
        let url = protocol::job_url(&req.api_base, &job_path);
        step = poll(t, &url, &job_id, started, deadline).await;
    }
    match protocol::confirm(step, &req.uuid) {
        Step::Done(o) => o,
        Step::ReadBack => {
            let url = protocol::query_url(&req.api_base, &req.uuid);
            match t.send(Call::get(url, auth)).await {
                Ok(r) => interrupted(t, started, deadline)
                    .or_else(|| r.too_large())
                    .unwrap_or_else(|| protocol::classify_read_back(r.status, &r.text, &req.uuid)),
                Err(e) => send_failed(t, started, deadline, e),
            }
        }
        // A job never answers `202` to its own POST twice; a poll loop that
        // ends running has timed out.
        Step::StillRunning | Step::Poll { .. } => Outcome::TimedOut((t.now_ms() - started) as u64),
    }
}

/// Polling this stop's own job (named by its `X-Job-UUID`).
fn own_job(req: &StopRequest) -> Step {
    Step::Poll {
        job_id: req.job_id.clone(),
        job_path: protocol::job_path(&req.job_id),
        api_timeout_ms: None,
    }
}

/// The POST's answer was lost (fetch failed after it may have been sent):
/// its job, named by this stop's `X-Job-UUID`, says whether it arrived. A
/// `404` there means it never did (`network-error`); anything else goes on
/// as a normal job.
async fn answer_lost<T: Transport>(
    t: &T,
    req: &StopRequest,
    started: f64,
    deadline: f64,
    e: String,
) -> Result<Step, Outcome> {
    if let Some(o) = interrupted(t, started, deadline) {
        return Err(o);
    }
    if req.job_id.is_empty() {
        return Err(Outcome::NetworkError(e));
    }
    let url = protocol::job_url(&req.api_base, &protocol::job_path(&req.job_id));
    match t.send(Call::get(url, None)).await {
        Ok(r) if r.status == 404 => Err(Outcome::NetworkError(e)),
        Ok(r) => match protocol::classify_poll(r.status, &r.text, &req.job_id) {
            Step::StillRunning => Ok(own_job(req)),
            other => Ok(other),
        },
        Err(_) => Err(send_failed(t, started, deadline, e)),
    }
}

/// Polls the job until it ends, the deadline passes, or the flow is
/// cancelled. The first poll goes out at once; then from 250 ms up to 2 s.
async fn poll<T: Transport>(t: &T, url: &str, job_id: &str, started: f64, deadline: f64) -> Step {
    let mut wait = 0;
    loop {
        if wait > 0 {
            let left = (deadline - t.now_ms()).max(0.0) as u64;
            t.sleep(wait.min(left)).await;
        }
        if let Some(o) = interrupted(t, started, deadline) {
            return Step::Done(o);
        }
        let reply = match t.send(Call::get(url.to_string(), None)).await {
            Ok(r) => r,
            Err(e) => return Step::Done(send_failed(t, started, deadline, e)),
        };
        if let Some(o) = interrupted(t, started, deadline).or_else(|| reply.too_large()) {
            return Step::Done(o);
        }
        match protocol::classify_poll(reply.status, &reply.text, job_id) {
            Step::StillRunning => wait = protocol::next_backoff(wait),
            other => return other,
        }
    }
}

/// Where a stop stands, as the result region shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    /// Refused before sending; the messages say why.
    Invalid(Vec<String>),
    /// In flight; the job id once the server accepted the call.
    Waiting {
        job_id: Option<String>,
        started_ms: f64,
    },
    Done(Outcome),
    /// A published example's outcome (example mode): nothing was sent.
    Example(Outcome),
    /// Several tasks: in flight until `done`, then their results.
    Batch {
        done: bool,
    },
}

impl Phase {
    /// The `data-outcome` kind, none while idle.
    pub fn kind(&self) -> Option<&'static str> {
        match self {
            Phase::Idle => None,
            Phase::Invalid(_) => Some("invalid-input"),
            Phase::Waiting { .. } => Some("waiting"),
            Phase::Done(o) | Phase::Example(o) => Some(o.kind()),
            Phase::Batch { done: false } => Some("waiting"),
            Phase::Batch { done: true } => Some("batch"),
        }
    }

    /// A stop is in flight.
    pub fn is_waiting(&self) -> bool {
        matches!(self, Phase::Waiting { .. } | Phase::Batch { done: false })
    }
}
