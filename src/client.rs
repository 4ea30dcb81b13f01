//! The browser edge: fetch through gloo-net, timers, and the stop flow that
//! drives [`crate::protocol`]'s classification.

use gloo_net::http::{Method, RequestBuilder};
use web_sys::AbortSignal;

use crate::protocol::{self, Outcome, Step, StopRequest};

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Sends one request; `Err` means fetch itself failed (nothing came back).
pub async fn send(
    method: Method,
    url: &str,
    auth: Option<&str>,
    body: Option<String>,
    signal: Option<&AbortSignal>,
) -> Result<(u16, String), String> {
    let mut b = RequestBuilder::new(url).method(method).abort_signal(signal);
    if let Some(a) = auth {
        b = b.header("Authorization", a);
    }
    let req = match body {
        Some(body) => b
            .header("Content-Type", "application/json;charset=UTF-8")
            .body(body),
        None => b.build(),
    }
    .map_err(describe)?;
    let resp = req.send().await.map_err(describe)?;
    let status = resp.status();
    // A body that cannot be read as text is shown as empty.
    let text = resp.text().await.unwrap_or_default();
    Ok((status, text))
}

/// What fetch said went wrong, in its own words (`TypeError: Failed to
/// fetch`), read from the error's fields rather than through formatting.
fn describe(e: gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(e) if e.message.is_empty() => e.name,
        gloo_net::Error::JsError(e) => e.name + ": " + &e.message,
        gloo_net::Error::GlooError(s) => s,
        // Only JSON decoding gives other errors, and the panel decodes
        // replies itself.
        _ => "the request could not be made".into(),
    }
}

/// Sleeps `ms` milliseconds.
pub async fn sleep(ms: u64) {
    gloo_timers::future::TimeoutFuture::new(ms.min(u32::MAX as u64) as u32).await;
}

/// Runs the whole stop: the POST, the job polls and the read-back.
/// `on_job` is told the job id once the server accepts the call.
pub async fn run_stop(
    req: &StopRequest,
    signal: &AbortSignal,
    own_deadline_ms: u64,
    on_job: impl Fn(String),
) -> Outcome {
    let start = now_ms();
    let auth = req.authorization();
    let mut step = match send(
        Method::POST,
        &req.url(),
        Some(&auth),
        Some(req.body()),
        Some(signal),
    )
    .await
    {
        Ok((status, body)) => protocol::classify_stop(status, &body),
        Err(e) => return network_or_cancelled(signal, e),
    };
    loop {
        step = match step {
            Step::Done(o) => return o,
            Step::ReadBack => {
                let url = protocol::query_url(&req.api_base, &req.uuid);
                return match send(Method::GET, &url, Some(&auth), None, Some(signal)).await {
                    Ok((status, body)) => protocol::classify_read_back(status, &body),
                    Err(e) => network_or_cancelled(signal, e),
                };
            }
            Step::StillRunning => return Outcome::TimedOut((now_ms() - start) as u64),
            Step::Poll {
                job_id,
                job_path,
                api_timeout_ms,
            } => {
                on_job(job_id.clone());
                let deadline =
                    start + protocol::deadline_ms(api_timeout_ms, own_deadline_ms) as f64;
                let url = protocol::job_url(&req.api_base, &job_path);
                let mut wait = 250;
                loop {
                    let left = deadline - now_ms();
                    if left <= 0.0 {
                        return Outcome::TimedOut((now_ms() - start) as u64);
                    }
                    sleep(wait.min(left as u64)).await;
                    if signal.aborted() {
                        return Outcome::Cancelled;
                    }
                    if now_ms() >= deadline {
                        return Outcome::TimedOut((now_ms() - start) as u64);
                    }
                    match send(Method::GET, &url, None, None, Some(signal)).await {
                        Ok((status, body)) => match protocol::classify_poll(status, &body, &job_id)
                        {
                            Step::StillRunning => wait = protocol::next_backoff(wait),
                            other => break other,
                        },
                        Err(e) => return network_or_cancelled(signal, e),
                    }
                }
            }
        };
    }
}

fn network_or_cancelled(signal: &AbortSignal, e: String) -> Outcome {
    if signal.aborted() {
        Outcome::Cancelled
    } else {
        Outcome::NetworkError(e)
    }
}
