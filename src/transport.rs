//! What a stop and a read send and get back, apart from how: a [`Call`],
//! its [`Reply`], the small [`Transport`] trait the flows run over (the
//! browser's is [`crate::client::FetchTransport`]; native tests script
//! one), and the [`Recorder`] that keeps each [`Exchange`] for "Request
//! details".

use std::cell::RefCell;

use crate::protocol::{self, Outcome};

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
