//! zstack-sim: a local stand-in for a ZStack management node's REST server,
//! for the calls the Stop CBT Task panel makes.
//!
//! It follows the real RestServer rather than the published API page where
//! the two differ: asynchronous calls answer `202` with a job `location`,
//! `force` is read from `params`, and errors raised before dispatch are plain
//! text without a Content-Type.
//!
//! The modules: [`rest`] (the REST API's routes), [`rpc`] (the older RPC
//! API that zstack-cli speaks), [`extract`] (what a request
//! carries, rejected as the real server rejects it), [`jobs`] (asynchronous
//! jobs and callbacks), [`files`] (the panel's static files), [`log`] (the
//! Host check and the request log), [`sim`] (the shared state), and the
//! seeded tasks, the query language and Gson's dates.

pub mod extract;
pub mod files;
pub mod gson;
pub mod jobs;
pub mod log;
pub mod query;
pub mod rest;
pub mod rpc;
pub mod seed;
pub mod sim;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::middleware::from_fn_with_state;
use axum::Router;
use tower::{Layer, ServiceExt};
use tower_http::normalize_path::NormalizePathLayer;

pub use extract::MAX_BODY;
pub use files::CSP;
pub use jobs::{web_hook, Hook};
pub use log::{host_allowed, mask_secrets};
pub use sim::{sha512_hex, Sim};

/// The node address written into job locations: internal and never reachable,
/// as behind a real proxy; clients must poll against their own API base.
pub const NODE_ADDRESS: &str = "http://zstack-mn.internal:8080";

/// How the stop call answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// As the real RestServer: `202` and a job to poll.
    Async,
    /// As the published page: `200 {"success":..,"inventory":..,"error":..}`.
    Documented,
}

/// What the simulator is started with.
#[derive(Clone, Debug)]
pub struct Config {
    pub password: String,
    pub job_delay: Duration,
    pub api_timeout_ms: u64,
    pub style: Style,
    pub dist: Option<PathBuf>,
    /// Print one line per request.
    pub log: bool,
    /// With `log`, also print headers (Authorization masked) and bodies.
    pub log_bodies: bool,
    /// The most jobs kept at once; the oldest go first.
    pub max_jobs: usize,
    /// Extra tasks seeded for batch work (`--tasks N`, at most
    /// [`MAX_EXTRA_TASKS`]), see [`seed::many`].
    pub extra_tasks: usize,
    /// Host names answered besides `localhost` and IP addresses
    /// (`--allow-host`, for a proxy that keeps its own name).
    pub allowed_hosts: Vec<String>,
}

/// The most tasks `--tasks` seeds: enough for any batch or paging test,
/// and bounded so a typo cannot exhaust memory.
pub const MAX_EXTRA_TASKS: usize = 100_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            password: "password".into(),
            job_delay: Duration::from_millis(1500),
            api_timeout_ms: 1_800_000,
            style: Style::Async,
            dist: None,
            log: false,
            log_bodies: false,
            max_jobs: 10_000,
            extra_tasks: 0,
            allowed_hosts: Vec::new(),
        }
    }
}

/// The router: the API under `/zstack/` (a trailing slash is ignored, as
/// the real server ignores it), the static folder at `/` and `/panel/`;
/// every request passes the Host check, then the log.
pub fn app(sim: Arc<Sim>) -> Router {
    let api =
        NormalizePathLayer::trim_trailing_slash().layer(rest::routes().with_state(sim.clone()));
    files::routes(sim.cfg.dist.clone())
        .nest_service("/zstack", api)
        .layer(from_fn_with_state(sim.clone(), log::log_requests))
        .layer(from_fn_with_state(sim.clone(), log::only_known_hosts))
        .with_state(sim)
}

/// Lets a handler close its request's connection without answering (the
/// lost-reply fault); present on requests served by [`serve`].
#[derive(Clone)]
pub struct CloseConnection(Arc<Mutex<Option<tokio::sync::oneshot::Sender<()>>>>);

impl CloseConnection {
    pub(crate) fn close(&self) {
        if let Some(tx) = self.0.lock().ok().and_then(|mut t| t.take()) {
            let _ = tx.send(());
        }
    }
}

/// Serves `router` on `listener` until `shutdown`, HTTP/1.1 with keep-alive,
/// one task per connection. Written out rather than `axum::serve` for one
/// reason: a handler may drop its connection unanswered (the lost-reply
/// fault), which `axum::serve` has no way to do.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
            _ = &mut shutdown => return,
        };
        let router = router.clone();
        tokio::spawn(async move {
            let (tx, rx) = tokio::sync::oneshot::channel();
            let close = CloseConnection(Arc::new(Mutex::new(Some(tx))));
            let service = hyper::service::service_fn(
                move |mut req: hyper::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(close.clone());
                    router.clone().oneshot(req)
                },
            );
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // Dropping the connection closes the socket, whatever it was doing.
            tokio::select! {
                _ = conn => {}
                _ = rx => {}
            }
        });
    }
}
