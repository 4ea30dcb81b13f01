//! Jobs: what an asynchronous stop does once its delay has passed, its
//! result as a poll (or a callback) receives it, and how long it is kept.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::gson;
use crate::seed::{self, Fault};
use crate::sim::Sim;
use crate::Style;

/// How long a finished job's result is kept before polls answer 404 (the
/// real server keeps them 10,800 s).
const JOB_TTL: Duration = Duration::from_secs(10_800);
/// How long a job that never finishes (the `hang` fault) is kept.
const PENDING_JOB_TTL: Duration = Duration::from_secs(3_600);

#[derive(Clone, Debug)]
pub(crate) enum JobAction {
    /// Set the task's status when the job finishes.
    SetStatus {
        task: String,
        status: &'static str,
    },
    Fault(Fault, String),
}

#[derive(Debug)]
pub(crate) struct Job {
    pub(crate) session: String,
    pub(crate) action: JobAction,
    created_at: Instant,
    ready_at: Instant,
    result: Option<JobResult>,
    finished_at: Option<Instant>,
    /// A job of the RPC API: how its result is written.
    pub(crate) rpc: Option<crate::rpc::Rpc>,
}

/// A finished job's answer: its status and JSON body.
#[derive(Clone, Debug)]
pub(crate) struct JobResult {
    pub(crate) status: u16,
    pub(crate) body: String,
}

impl JobResult {
    pub(crate) fn succeeded(&self) -> bool {
        self.status == 200
    }
}

/// Where a poll of a job stands.
pub(crate) enum Polled {
    /// No such job (never made, expired, or the expiry fault).
    Gone,
    /// Still running: `202 {}`.
    Running,
    Finished(JobResult),
}

impl Job {
    pub(crate) fn new(session: String, action: JobAction, delay: Duration) -> Job {
        let now = Instant::now();
        Job {
            session,
            action,
            created_at: now,
            ready_at: now + delay,
            result: None,
            finished_at: None,
            rpc: None,
        }
    }

    /// Whether the job's result (or, unfinished, the job) has expired.
    pub(crate) fn expired(&self) -> bool {
        match self.finished_at {
            Some(t) => t.elapsed() >= JOB_TTL,
            None => self.created_at.elapsed() >= PENDING_JOB_TTL,
        }
    }

    /// The fault that keeps this job from ever finishing, if any.
    fn never_ends(&self) -> bool {
        matches!(self.action, JobAction::Fault(Fault::Hang, _))
    }
}

/// What stopping or starting a task does, whichever API asked: the fault
/// the task meets (only a stop meets one) and the action its job runs.
pub(crate) struct Plan {
    pub(crate) fault: Option<Fault>,
    pub(crate) action: JobAction,
}

impl Plan {
    pub(crate) fn new(sim: &Sim, task: &str, stop: bool) -> Plan {
        let fault = stop
            .then(|| seed::fault_of(task, sim.cfg.extra_tasks))
            .flatten();
        let status = if stop { "Stopped" } else { "Running" };
        let action = match fault {
            // A lost reply loses only the answer: the change itself happens.
            None | Some(Fault::LostReply) => JobAction::SetStatus {
                task: task.to_string(),
                status,
            },
            Some(f) => JobAction::Fault(f, task.to_string()),
        };
        Plan { fault, action }
    }

    /// Answered in the POST (the documented style), unless its fault
    /// leaves the answer for later.
    pub(crate) fn at_once(&self, sim: &Sim) -> bool {
        sim.cfg.style == Style::Documented
            && !matches!(
                self.fault,
                Some(Fault::Hang | Fault::JobExpired | Fault::LostReply)
            )
    }

    /// The change happens, but its answer never leaves.
    pub(crate) fn loses_reply(&self) -> bool {
        self.fault == Some(Fault::LostReply)
    }
}

/// The real server's error for a session it does not know.
pub(crate) fn session_expired() -> Value {
    seed::error_code(
        "ID.1001",
        "The session is invalid, either wrong session id or the session has been expired",
        "Session expired",
    )
}

fn task_not_found(uuid: &str) -> Value {
    seed::error_code(
        "SYS.1006",
        "An operation failed",
        &format!("cannot find the cbt task[uuid:{uuid}]"),
    )
}

/// Runs a job's action now: the task changes, or the job fails as its
/// fault says.
pub(crate) fn finish(sim: &Sim, session: &str, action: &JobAction) -> JobResult {
    let failed = |error: Value| JobResult {
        status: 503,
        body: json!({ "error": error }).to_string(),
    };
    let mut inner = sim.lock();
    // The session is checked by the API interceptor, after dispatch.
    if !inner.signed_in(session) {
        return failed(session_expired());
    }
    match action {
        JobAction::SetStatus { task, status } => {
            let tasks = Arc::make_mut(&mut inner.tasks);
            match tasks.iter_mut().find(|t| &t.uuid == task) {
                Some(t) => {
                    t.status = (*status).to_string();
                    t.last_op_date = gson::now();
                    // The real event carries no inventory.
                    JobResult {
                        status: 200,
                        body: "{}".into(),
                    }
                }
                None => failed(task_not_found(task)),
            }
        }
        JobAction::Fault(Fault::NestedError, id) => failed(seed::nested_error(id)),
        // Far deeper than a `Value` should be built (or dropped) on a
        // server thread: it is written as text.
        JobAction::Fault(Fault::DeepError, _) => JobResult {
            status: 503,
            body: seed::deep_error_body(1500),
        },
        JobAction::Fault(Fault::MarkupError, _) => failed(seed::markup_error()),
        JobAction::Fault(_, _) => JobResult {
            status: 200,
            body: "{}".into(),
        },
    }
}

/// Polls job `id`: finishes it when it is due and keeps its result.
pub(crate) fn poll(sim: &Sim, id: &str) -> Polled {
    let (session, action) = {
        let inner = sim.lock();
        let Some(job) = inner.jobs.get(id).filter(|j| !j.expired()) else {
            return Polled::Gone;
        };
        if let Some(result) = &job.result {
            return Polled::Finished(result.clone());
        }
        match job.action {
            JobAction::Fault(Fault::Hang, _) => return Polled::Running,
            JobAction::Fault(Fault::JobExpired, _) => return Polled::Gone,
            _ => {}
        }
        if Instant::now() < job.ready_at {
            return Polled::Running;
        }
        (job.session.clone(), job.action.clone())
    };
    let result = finish(sim, &session, &action);
    if let Some(job) = sim.lock().jobs.get_mut(id) {
        job.result = Some(result.clone());
        job.finished_at = Some(Instant::now());
    }
    Polled::Finished(result)
}

/// Where a callback goes: a loopback socket address and the path.
#[derive(Clone, Debug, PartialEq)]
pub struct Hook {
    pub addr: std::net::SocketAddr,
    pub path: String,
}

/// Why an `X-Web-Hook` is refused (the real server's `400`).
#[derive(Debug, PartialEq)]
pub struct NotLoopback(pub String);

impl std::fmt::Display for NotLoopback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "X-Web-Hook[{}]: the simulator calls back only http:// loopback addresses with a port",
            self.0
        )
    }
}

/// `X-Web-Hook`: where to POST the job's result. Only an `http://` URL
/// whose host is a loopback IP address (or `localhost`, taken as
/// 127.0.0.1 without asking DNS) and which names a port: the simulator
/// sends traffic nowhere else.
pub fn web_hook(url: &str) -> Result<Hook, NotLoopback> {
    let refuse = || NotLoopback(url.to_string());
    let rest = url.strip_prefix("http://").ok_or_else(refuse)?;
    let (authority, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(a, p)| (a, format!("/{p}")));
    let authority = match authority.strip_prefix("localhost:") {
        Some(port) => format!("127.0.0.1:{port}"),
        None => authority.to_string(),
    };
    let addr: std::net::SocketAddr = authority.parse().map_err(|_| refuse())?;
    if !addr.ip().is_loopback() || path.contains(['\r', '\n']) {
        return Err(refuse());
    }
    Ok(Hook { addr, path })
}

/// How long a callback may take, and how much of its answer is read.
const HOOK_DEADLINE: Duration = Duration::from_secs(5);
const HOOK_REPLY_MAX: usize = 64 * 1024;

/// The client callbacks go out with: no proxy (they go to loopback only),
/// header names written as the real server's Java client writes them.
pub(crate) fn hook_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(HOOK_DEADLINE)
        .http1_title_case_headers()
        .build()
        .unwrap_or_default()
}

/// Finishes the job when it is due and POSTs its result to the hook with
/// `X-Job-Success`, instead of keeping it for polling; the hook's answer is
/// read within the deadline and a size bound, then dropped.
pub(crate) async fn deliver_to_hook(sim: Arc<Sim>, job_id: String, hook: Hook) {
    tokio::time::sleep(sim.cfg.job_delay).await;
    let job = sim.lock().jobs.remove(&job_id);
    let Some(job) = job.filter(|j| !j.never_ends()) else {
        return;
    };
    let result = finish(&sim, &job.session, &job.action);
    let sent = sim
        .hooks
        .post(format!("http://{}{}", hook.addr, hook.path))
        .header("Content-Type", "application/json;charset=UTF-8")
        .header("X-Job-UUID", &job_id)
        .header("X-Job-Success", result.succeeded().to_string())
        .body(result.body)
        .send()
        .await;
    if let Ok(mut reply) = sent {
        let mut read = 0;
        while let Ok(Some(chunk)) = reply.chunk().await {
            read += chunk.len();
            if read >= HOOK_REPLY_MAX {
                break;
            }
        }
    }
}
