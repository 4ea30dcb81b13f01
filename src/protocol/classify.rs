//! Every reply classified into a typed outcome: the stop's POST, its job
//! polls, the read-back, queries and the login (behaviour §1, §2).

use crate::wire::{self, ApiResult, JobAccepted, Raw};

use super::error_tree::{decode_error_to, ErrorTree, ERROR_LEVELS_AT_ONCE};
use super::inventory::{decode_inventory, Inventory};
use super::request::{job_path, normalize_uuid};

/// How much of a body an outcome keeps to show.
pub const BODY_SHOWN: usize = 4096;
/// The largest body the panel reads; a larger one is reported, not read.
pub const BODY_READ_MAX: u64 = 8 * 1024 * 1024;
/// The panel's own deadline when nothing else is configured.
pub const DEFAULT_DEADLINE_MS: u64 = 60_000;
/// The longest wait a browser timer can hold (2^31-1 ms, about 24.8 days).
pub const MAX_DEADLINE_MS: u64 = 2_147_483_647;

// ------------------------------------------------------------- outcomes ---

/// What was wrong with a 2xx reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadKind {
    /// The parser's own message.
    NotJson(String),
    UnknownShape,
    /// A `202` without a usable job `location`.
    NoJobLocation,
    /// The body was larger than the panel reads; holds its size in bytes.
    TooLarge(u64),
}

/// Why a stop the server accepted is not confirmed by the read-back.
#[derive(Clone, Debug, PartialEq)]
pub enum Unconfirmed {
    /// The task reads with another status than `Stopped`.
    OtherStatus(Box<Inventory>),
    /// The read-back returned another task.
    OtherTask(Box<Inventory>),
    /// No task has that UUID now.
    NoTask,
    /// The read-back itself failed; the outcome says how.
    ReadFailed(Box<Outcome>),
}

/// Every way a stop can end (behaviour §2), except waiting.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Outcome {
    #[error("stopped")]
    Stopped(Box<Inventory>),
    #[error("api error {}", .0.root().code)]
    ApiError(ErrorTree),
    #[error("http {status}")]
    HttpError {
        status: u16,
        reason: String,
        body: String,
    },
    #[error("bad response")]
    BadResponse {
        kind: BadKind,
        status: u16,
        body: String,
    },
    #[error("network error: {0}")]
    NetworkError(String),
    #[error("timed out after {0} ms")]
    TimedOut(u64),
    #[error("cancelled")]
    Cancelled,
    #[error("job expired")]
    JobExpired { job_id: String, body: String },
    #[error("unconfirmed")]
    Unconfirmed(Unconfirmed),
}

impl Outcome {
    /// The task's name, when the outcome carries its inventory.
    pub fn task_name(&self) -> Option<String> {
        match self {
            Outcome::Stopped(inv) => Some(inv.name.clone()),
            _ => None,
        }
    }

    /// The `data-outcome` kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Stopped(_) => "stopped",
            Outcome::ApiError(_) => "api-error",
            Outcome::HttpError { .. } => "http-error",
            Outcome::BadResponse { .. } => "bad-response",
            Outcome::NetworkError(_) => "network-error",
            Outcome::TimedOut(_) => "timed-out",
            Outcome::Cancelled => "cancelled",
            Outcome::JobExpired { .. } => "job-expired",
            Outcome::Unconfirmed(_) => "unconfirmed",
        }
    }
}

/// What to do after a reply.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The call ended.
    Done(Outcome),
    /// Accepted: poll this job (path against the API base).
    Poll {
        job_id: String,
        job_path: String,
        api_timeout_ms: Option<u64>,
    },
    /// The job is still running.
    StillRunning,
    /// Finished without an inventory: read the task back.
    ReadBack,
}

/// The first 4 KB of a body, cut on a character boundary.
pub fn clip(body: &str) -> String {
    body[..cut_at(body, BODY_SHOWN).unwrap_or(body.len())].to_string()
}

/// Where to cut `text` to at most `max` bytes on a character boundary, or
/// `None` when it is short enough.
pub fn cut_at(text: &str, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some(end)
}

/// The standard reason phrase of a status.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// An error in a parsed body: a non-null `error`, or `success:false`.
fn api_error(body: &Raw, reply: &ApiResult) -> Option<Outcome> {
    if let Some(e) = reply.error.as_ref().filter(|e| !e.is_null()) {
        let tree = decode_error_to(e, ERROR_LEVELS_AT_ONCE)
            .unwrap_or_else(|| ErrorTree::opaque_failure("error", e.clone()));
        return Some(Outcome::ApiError(tree));
    }
    (reply.success == Some(false))
        .then(|| Outcome::ApiError(ErrorTree::opaque_failure("success", body.clone())))
}

/// The body as the published envelope, when it is a JSON object of that
/// shape (`None` for anything else).
fn envelope(body: &Raw) -> Option<ApiResult> {
    body.is_object().then(|| body.decode().ok()).flatten()
}

/// A reply whose body (of `size` bytes) was too large to read whole:
/// `start` is what was read of it, if anything.
pub fn too_large(status: u16, size: u64, start: &str) -> Outcome {
    bad(BadKind::TooLarge(size), status, start)
}

fn http_error(status: u16, body: &str) -> Outcome {
    Outcome::HttpError {
        status,
        reason: reason(status).into(),
        body: clip(body),
    }
}

fn bad(kind: BadKind, status: u16, body: &str) -> Outcome {
    Outcome::BadResponse {
        kind,
        status,
        body: clip(body),
    }
}

/// Non-2xx: an `ErrorCode` body is an api error, anything else an http error.
fn failure(status: u16, body: &str) -> Outcome {
    Raw::parse(body)
        .ok()
        .and_then(|raw| api_error(&raw, &envelope(&raw)?))
        .unwrap_or_else(|| http_error(status, body))
}

/// Parses a 2xx body, or says why it is not JSON.
fn parse_ok(status: u16, body: &str) -> Result<Raw, Outcome> {
    Raw::parse(body).map_err(|e| bad(BadKind::NotJson(e), status, body))
}

/// A final 2xx body: an error, an inventory, or nothing (read back).
fn final_result(status: u16, body: &str) -> Step {
    let raw = match parse_ok(status, body) {
        Ok(r) => r,
        Err(o) => return Step::Done(o),
    };
    let Some(reply) = envelope(&raw) else {
        return Step::Done(bad(BadKind::UnknownShape, status, body));
    };
    if let Some(o) = api_error(&raw, &reply) {
        return Step::Done(o);
    }
    match reply.inventory.filter(|i| !i.is_null()) {
        Some(i) => match decode_inventory(&i) {
            Some(inv) => Step::Done(Outcome::Stopped(Box::new(inv))),
            None => Step::Done(bad(BadKind::UnknownShape, status, body)),
        },
        // The real server's result carries no inventory.
        None => Step::ReadBack,
    }
}

/// A job's `apiTimeout` in milliseconds: any JSON number form; a value that
/// is not a positive number of milliseconds a timer can hold is ignored (the
/// panel's own deadline then applies).
pub fn api_timeout_ms(t: Option<f64>) -> Option<u64> {
    t.filter(|t| t.is_finite() && *t >= 1.0)
        .map(|t| t.min(MAX_DEADLINE_MS as f64) as u64)
}

/// The real server's `202`: the job to poll.
fn accepted(status: u16, body: &str) -> Step {
    let raw = match parse_ok(status, body) {
        Ok(r) => r,
        Err(o) => return Step::Done(o),
    };
    if let Some(o) = envelope(&raw).and_then(|reply| api_error(&raw, &reply)) {
        return Step::Done(o);
    }
    let job: JobAccepted = raw.decode().unwrap_or_default();
    let loc = job.location.unwrap_or_default();
    let Some(job_id) = job_id_in(&loc) else {
        return Step::Done(bad(BadKind::NoJobLocation, status, body));
    };
    Step::Poll {
        job_path: job_path(&job_id),
        job_id,
        api_timeout_ms: api_timeout_ms(job.api_timeout),
    }
}

/// The job a `location` names: it must end in `/zstack/v1/api-jobs/<id>`
/// (a query may follow), the id being a job UUID's letters and digits.
/// Only that id is polled, at its own path against the API base: a location
/// such as `…/api-jobs/x/../../admin` sends no poll anywhere else.
pub fn job_id_in(location: &str) -> Option<String> {
    const JOBS: &str = "/zstack/v1/api-jobs/";
    let at = location.find(JOBS)?;
    let rest = &location[at + JOBS.len()..];
    let id = rest.split_once('?').map_or(rest, |(id, _)| id);
    let ok = (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then(|| id.to_string())
}

/// Classifies the reply to the stop POST.
pub fn classify_stop(status: u16, body: &str) -> Step {
    match status {
        202 => accepted(status, body),
        200..=299 => final_result(status, body),
        _ => Step::Done(failure(status, body)),
    }
}

/// A final reply's inventory decides only when it names the task that was
/// stopped, by its UUID, and does not say it is still `Running`; otherwise
/// the task is read back and the read-back decides (behaviour §6.1).
pub fn confirm(step: Step, uuid: &str) -> Step {
    match step {
        Step::Done(Outcome::Stopped(inv)) if inv.uuid != uuid || inv.status == "Running" => {
            Step::ReadBack
        }
        step => step,
    }
}

/// Classifies the reply to one poll of the job.
pub fn classify_poll(status: u16, body: &str, job_id: &str) -> Step {
    match status {
        202 => Step::StillRunning,
        200..=299 => final_result(status, body),
        404 => match failure(status, body) {
            o @ Outcome::ApiError(_) => Step::Done(o),
            _ => Step::Done(Outcome::JobExpired {
                job_id: job_id.into(),
                body: clip(body),
            }),
        },
        _ => Step::Done(failure(status, body)),
    }
}

/// One page of a query: its tasks, and how many match in all when the
/// server counted them (`replyWithCount=true`).
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub items: Vec<Inventory>,
    pub total: Option<u64>,
}

/// Reads a query reply (`{"inventories":[..],"total":N}`): its page of at
/// most `asked` tasks (a server that sends more is not believed past what
/// was asked, nor are the rest decoded), or the outcome that explains why
/// it cannot be read.
pub fn classify_page(status: u16, body: &str, asked: usize) -> Result<Page, Outcome> {
    if !(200..=299).contains(&status) {
        return Err(failure(status, body));
    }
    let raw = parse_ok(status, body)?;
    if let Some(o) = envelope(&raw).and_then(|reply| api_error(&raw, &reply)) {
        return Err(o);
    }
    let unknown = || bad(BadKind::UnknownShape, status, body);
    let reply: wire::QueryReply = raw.decode().map_err(|_| unknown())?;
    let items = reply
        .inventories
        .iter()
        .take(asked)
        .map(|i| decode_inventory(i).ok_or_else(unknown))
        .collect::<Result<_, _>>()?;
    Ok(Page {
        items,
        total: reply.total.filter(|t| *t >= 0.0).map(|t| t as u64),
    })
}

/// Reads the inventories of a query reply that names tasks by UUID (a
/// read-back, a summary): the first page's worth is plenty.
pub fn classify_query(status: u16, body: &str) -> Result<Vec<Inventory>, Outcome> {
    classify_page(status, body, super::LIST_PAGE).map(|p| p.items)
}

/// What the line under "Task UUID" says of the task it holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Summary {
    Task(Box<Inventory>),
    /// No task has that UUID.
    NoTask,
    /// The task could not be read; the outcome says why.
    Failed(Box<Outcome>),
}

/// Classifies `GET /zstack/v1/cbt-task/{uuid}` for the summary line.
pub fn classify_summary(status: u16, body: &str, uuid: &str) -> Summary {
    match classify_query(status, body) {
        Ok(list) => match list.into_iter().find(|i| i.uuid == uuid) {
            Some(inv) => Summary::Task(Box::new(inv)),
            None => Summary::NoTask,
        },
        Err(o) => Summary::Failed(Box::new(o)),
    }
}

/// Classifies the read-back `GET /zstack/v1/cbt-task/{uuid}` after the
/// server accepted the stop: `stopped` only when the task reads as
/// `Stopped`; anything else is said as it is (`unconfirmed`).
pub fn classify_read_back(status: u16, body: &str, uuid: &str) -> Outcome {
    let found = match classify_query(status, body) {
        Ok(list) => list.into_iter().next(),
        Err(o) => return Outcome::Unconfirmed(Unconfirmed::ReadFailed(Box::new(o))),
    };
    match found {
        None => Outcome::Unconfirmed(Unconfirmed::NoTask),
        Some(inv) if inv.uuid != uuid => {
            Outcome::Unconfirmed(Unconfirmed::OtherTask(Box::new(inv)))
        }
        Some(inv) if inv.status != "Stopped" => {
            Outcome::Unconfirmed(Unconfirmed::OtherStatus(Box::new(inv)))
        }
        Some(inv) => Outcome::Stopped(Box::new(inv)),
    }
}

/// The session from a login reply, or the outcome that explains the failure.
/// A session that is not a UUID is refused like any malformed reply.
pub fn classify_login(status: u16, body: &str) -> Result<String, Box<Outcome>> {
    if !(200..=299).contains(&status) {
        return Err(Box::new(failure(status, body)));
    }
    let raw = parse_ok(status, body).map_err(Box::new)?;
    if let Some(o) = envelope(&raw).and_then(|reply| api_error(&raw, &reply)) {
        return Err(Box::new(o));
    }
    raw.decode::<wire::LoginReply>()
        .ok()
        .and_then(|r| normalize_uuid(&r.inventory.uuid).ok())
        .ok_or_else(|| Box::new(bad(BadKind::UnknownShape, status, body)))
}

/// The next wait between polls: from about 250 ms, growing to 2 s.
pub fn next_backoff(ms: u64) -> u64 {
    (ms * 3 / 2).clamp(250, 2000)
}

/// The moment waiting stops: the job's `apiTimeout` or our own deadline,
/// whichever comes first.
pub fn deadline_ms(api_timeout_ms: Option<u64>, own_ms: u64) -> u64 {
    api_timeout_ms.map_or(own_ms, |t| t.min(own_ms))
}
