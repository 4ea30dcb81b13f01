//! The browser's [`Transport`]: fetch through gloo-net with one
//! AbortController for everything a flow sends, `performance.now()` as the
//! clock (a change of the wall clock moves no deadline), and sleeps that
//! end at once when the flow is aborted.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::protocol::hex;
use crate::protocol::BODY_READ_MAX;
use crate::transport::{Call, Method, Reply, Transport};

/// Milliseconds on the page's monotonic clock.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A new job id for `X-Job-UUID`: 32 random hex digits.
pub fn new_job_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    hex(&bytes)
}

/// One flow's connection to the network: abort it to cancel everything it
/// has in flight. Its deadline timer (if any) aborts it as well.
pub struct FetchTransport {
    controller: Option<AbortController>,
    expired: Rc<Cell<bool>>,
    /// The deadline, cleared when dropped (with the flow, or on abort).
    deadline: Cell<Option<Timeout>>,
}

impl FetchTransport {
    pub fn new() -> Rc<FetchTransport> {
        Rc::new(FetchTransport {
            controller: AbortController::new().ok(),
            expired: Rc::new(Cell::new(false)),
            deadline: Cell::new(None),
        })
    }

    fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// Aborts everything in flight and every sleep, and clears the timer.
    pub fn abort(&self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
        self.deadline.take();
    }

    /// Aborts the flow after `ms`, marking it expired (not cancelled).
    pub fn set_deadline(&self, ms: u64) {
        let controller = self.controller.clone();
        let expired = self.expired.clone();
        let ms = ms.min(crate::protocol::MAX_DEADLINE_MS) as u32;
        self.deadline.set(Some(Timeout::new(ms, move || {
            expired.set(true);
            if let Some(c) = &controller {
                c.abort();
            }
        })));
    }
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

/// Sends one request with `signal`; `Err` means fetch itself failed.
pub async fn fetch(call: Call, signal: Option<&AbortSignal>) -> Result<Reply, String> {
    let method = match call.method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Delete => HttpMethod::DELETE,
    };
    let mut b = RequestBuilder::new(&call.url)
        .method(method)
        .abort_signal(signal);
    if let Some(a) = &call.auth {
        b = b.header("Authorization", a);
    }
    if let Some(j) = &call.job {
        b = b.header("X-Job-UUID", j);
    }
    let req = match call.body {
        Some(body) => b
            .header("Content-Type", "application/json;charset=UTF-8")
            .body(body),
        None => b.build(),
    }
    .map_err(describe)?;
    let resp = req.send().await.map_err(describe)?;
    let status = resp.status();
    let headers = resp.headers();
    let content_type = headers.get("content-type");
    let location = headers.get("location");
    let declared = headers
        .get("content-length")
        .and_then(|n| crate::date::whole_number(n.trim()));
    if let Some(size) = declared.filter(|n| *n > BODY_READ_MAX) {
        // Not read at all: the browser would hold all of it first.
        return Ok(Reply {
            status,
            content_type,
            location,
            text: String::new(),
            cut_from: Some(size),
        });
    }
    // A body that cannot be read as text is shown as empty.
    let mut text = resp.text().await.unwrap_or_default();
    let mut cut_from = None;
    if text.len() as u64 > BODY_READ_MAX {
        cut_from = Some(text.len() as u64);
        text = crate::protocol::clip(&text);
    }
    Ok(Reply {
        status,
        content_type,
        location,
        text,
        cut_from,
    })
}

impl Transport for FetchTransport {
    async fn send(&self, call: Call) -> Result<Reply, String> {
        fetch(call, self.signal().as_ref()).await
    }

    fn now_ms(&self) -> f64 {
        now_ms()
    }

    async fn sleep(&self, ms: u64) {
        let Some(signal) = self.signal().filter(|s| !s.aborted()) else {
            return;
        };
        let mut on_abort = None;
        let aborted = JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
            let _ = signal.add_event_listener_with_callback("abort", &resolve);
            on_abort = Some(resolve);
        }));
        let ms = ms.min(crate::protocol::MAX_DEADLINE_MS) as u32;
        // Whichever comes first; the timer is cleared as it is dropped, and
        // the listener goes with the sleep.
        futures::future::select(TimeoutFuture::new(ms), aborted).await;
        if let Some(f) = on_abort {
            let _ = signal.remove_event_listener_with_callback("abort", &f);
        }
    }

    fn cancelled(&self) -> bool {
        self.signal().is_some_and(|s| s.aborted()) && !self.expired.get()
    }

    fn expired(&self) -> bool {
        self.expired.get()
    }
}

/// The one request (or flow) in flight of a kind: starting the next aborts
/// it, and so does the owner that made it going away. The stop, the
/// finder, the summary line and signing in each keep one.
#[derive(Clone, Copy)]
pub struct Flight(StoredValue<Option<Rc<FetchTransport>>, LocalStorage>);

impl Flight {
    /// A flight owned by the current reactive owner.
    pub fn new() -> Flight {
        let f = Flight(StoredValue::new_local(None));
        on_cleanup(move || f.abort());
        f
    }

    /// Aborts what is in flight, if anything (safe after the owner is gone).
    pub fn abort(self) {
        if let Some(b) = self.0.try_update_value(Option::take).flatten() {
            b.abort();
        }
    }

    /// Aborts the one before and starts a new one, with a deadline if given.
    pub fn begin(self, deadline_ms: Option<u64>) -> Rc<FetchTransport> {
        self.abort();
        let b = FetchTransport::new();
        if let Some(ms) = deadline_ms {
            b.set_deadline(ms);
        }
        self.0.set_value(Some(b.clone()));
        b
    }

    /// The flight ended by itself: let go of it without aborting.
    pub fn land(self) {
        self.0.try_update_value(Option::take);
    }
}

impl Default for Flight {
    fn default() -> Flight {
        Flight::new()
    }
}
