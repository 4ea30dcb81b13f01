//! The stop flow as a unit of its own: the POST, the job polls with their
//! backoff, the deadline and the read-back, driven through a small
//! [`Transport`] so native tests run it with scripted replies and a fake
//! clock. The browser's transport (gloo-net, AbortController, timers) is
//! [`crate::client`]; the panel only renders what this returns.

use crate::protocol::{self, Outcome, Step, StopRequest};
use crate::transport::{Call, Method, Transport};

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
