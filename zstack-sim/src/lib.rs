//! zstack-sim: a local stand-in for a ZStack management node's REST server,
//! for the calls the Stop CBT Task panel makes.
//!
//! It follows the real RestServer rather than the published API page where
//! the two differ: asynchronous calls answer `202` with a job `location`,
//! `force` is read from `params`, and errors raised before dispatch are plain
//! text without a Content-Type.

// Helpers return the finished error `Response` as their `Err`, as axum
// extractors do; boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod gson;
pub mod query;
pub mod seed;

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use serde_json::{json, Value};
use sha2::{Digest, Sha512};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use seed::{Fault, Task};

/// The largest request body the simulator reads.
pub const MAX_BODY: usize = 1024 * 1024;
/// How long a finished job's result is kept before polls answer 404 (the
/// real server keeps them 10,800 s).
const JOB_TTL: Duration = Duration::from_secs(10_800);
/// How long a job that never finishes (the `hang` fault) is kept.
const PENDING_JOB_TTL: Duration = Duration::from_secs(3_600);
/// The node address written into job locations: internal and never reachable,
/// as behind a real proxy; clients must poll against their own API base.
pub const NODE_ADDRESS: &str = "http://zstack-mn.internal:8080";

/// The Content-Security-Policy sent with the static files: no inline script,
/// `'wasm-unsafe-eval'` for the module, API calls to this origin only, and
/// framing by loopback consoles (the embedding tests' hosts).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'none'; \
frame-ancestors 'self' http://localhost:* http://127.0.0.1:*";

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

const ADMIN_ACCOUNT_UUID: &str = "36c27e8ff05c4780bf6d2fa65700f22e";

#[derive(Clone, Debug)]
enum JobAction {
    /// Set the task's status when the job finishes.
    SetStatus {
        task: String,
        status: &'static str,
    },
    Fault(Fault, String),
}

#[derive(Debug)]
struct Job {
    session: String,
    action: JobAction,
    created_at: Instant,
    ready_at: Instant,
    /// Status, body; set once the job has finished.
    result: Option<(u16, String)>,
    finished_at: Option<Instant>,
}

struct Inner {
    sessions: HashMap<String, Instant>,
    /// Shared with the queries under way: a query takes the list and lets
    /// go of the lock before it filters and sorts (a stop changes a copy).
    tasks: Arc<Vec<Task>>,
    /// Jobs by id, and their ids oldest first (for expiry and the bound).
    jobs: HashMap<String, Job>,
    job_order: VecDeque<String>,
    /// Job ids taken by requests still being read: the check that an id is
    /// new and its taking are one step under the lock.
    reserved: std::collections::HashSet<String>,
}

/// A job id taken by a request in progress, given back when the request
/// ends (by then its job, if it made one, holds the id).
struct Reservation {
    sim: Arc<Sim>,
    id: String,
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.sim.lock().reserved.remove(&self.id);
    }
}

impl Job {
    /// Whether the job's result (or, unfinished, the job) has expired.
    fn expired(&self) -> bool {
        match self.finished_at {
            Some(t) => t.elapsed() >= JOB_TTL,
            None => self.created_at.elapsed() >= PENDING_JOB_TTL,
        }
    }
}

impl Inner {
    /// Keeps a new job, first dropping expired ones from the old end and
    /// the oldest beyond `max`: no lookup ever scans every job.
    fn add_job(&mut self, id: String, job: Job, max: usize) {
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
}

/// The simulator's shared state.
pub struct Sim {
    cfg: Config,
    inner: Mutex<Inner>,
    /// A session ready to paste, created at start.
    pub ready_session: String,
}

fn new_uuid() -> String {
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
                reserved: Default::default(),
            }),
            ready_session,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
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
}

/// Lets a handler close its request's connection without answering (the
/// lost-reply fault); present on requests served by [`serve`].
#[derive(Clone)]
pub struct CloseConnection(Arc<Mutex<Option<tokio::sync::oneshot::Sender<()>>>>);

impl CloseConnection {
    fn close(&self) {
        if let Some(tx) = self.0.lock().ok().and_then(|mut t| t.take()) {
            let _ = tx.send(());
        }
    }
}

/// Serves `router` on `listener` until `shutdown`, HTTP/1.1 with keep-alive,
/// one task per connection; a handler may drop its connection unanswered.
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

/// The router: the API under `/zstack/`, the static folder at `/` and `/panel/`.
pub fn app(sim: Arc<Sim>) -> Router {
    Router::new().fallback(dispatch).with_state(sim)
}

/// A session for the log: `••••` and its last four characters.
fn masked(session: &str) -> String {
    let n = session.chars().count();
    let tail: String = session.chars().skip(n.saturating_sub(4)).collect();
    format!("••••{tail}")
}

/// Masks session UUIDs in a path for the log.
fn loggable_path(path: &str) -> String {
    match path.find("/sessions/") {
        Some(i) => {
            let start = i + "/sessions/".len();
            let rest = &path[start..];
            let end = rest.find('/').unwrap_or(rest.len());
            let tail = &rest[rest.len().min(end)..];
            format!("{}{}{}", &path[..start], masked(&rest[..end]), tail)
        }
        None => path.to_string(),
    }
}

/// Whether a request's `Host` names this simulator: `localhost` or an IP
/// address (any port), or a name given with `--allow-host`. Anything else
/// is refused, so a page whose DNS name is rebound to loopback cannot
/// drive the simulator (sign in with the printed password, stop tasks).
pub fn host_allowed(host: Option<&str>, allowed: &[String]) -> bool {
    let Some(host) = host.map(str::trim).filter(|h| !h.is_empty()) else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // An IPv6 literal: `[::1]` or `[::1]:8080`.
        return rest.split_once(']').is_some_and(|(ip, port)| {
            ip.parse::<std::net::Ipv6Addr>().is_ok()
                && (port.is_empty() || port.strip_prefix(':').is_some_and(is_port))
        });
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.parse::<std::net::Ipv4Addr>().is_ok()
        || allowed.iter().any(|a| a.eq_ignore_ascii_case(&name))
}

fn is_port(p: &str) -> bool {
    !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
}

async fn dispatch(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !host_allowed(host, &sim.cfg.allowed_hosts) {
        return plain(
            StatusCode::FORBIDDEN,
            "this Host is not answered: use localhost or an IP address (or start with --allow-host NAME)",
        );
    }
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let shown = match req.uri().query() {
        Some(q) => format!("{}?{q}", loggable_path(&path)),
        None => loggable_path(&path),
    };
    let req = if sim.cfg.log && sim.cfg.log_bodies {
        match log_request(req).await {
            Ok(r) => r,
            Err(r) => return r,
        }
    } else {
        req
    };
    let resp = if path == "/zstack" || path.starts_with("/zstack/") {
        api(&sim, req).await
    } else {
        serve_static(&sim, req).await
    };
    if !sim.cfg.log {
        return resp;
    }
    println!(
        "{} {} {} {}ms",
        method,
        shown,
        resp.status().as_u16(),
        started.elapsed().as_millis()
    );
    if sim.cfg.log_bodies {
        return log_response(resp).await;
    }
    resp
}

/// How much of a body the log shows.
const LOGGED_BODY: usize = 2048;

fn body_text(b: &Bytes) -> String {
    let text = mask_secrets(&String::from_utf8_lossy(b));
    let mut end = text.len().min(LOGGED_BODY);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let more = if end < text.len() { " …" } else { "" };
    format!("{}{more}", &text[..end])
}

/// A body for the log, its credentials masked as the Authorization header
/// is: a login's password (its SHA-512, itself the credential) and any
/// session UUID (a login reply's `inventory.uuid`).
pub fn mask_secrets(text: &str) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(text) else {
        return text.to_string();
    };
    let mut changed = false;
    let mut todo = vec![&mut v];
    while let Some(node) = todo.pop() {
        match node {
            Value::Object(map) => {
                // A SessionInventory (a login's reply) is the one object
                // whose `uuid` is a session.
                let session = map.contains_key("expiredDate");
                for (k, val) in map.iter_mut() {
                    let secret = matches!(k.as_str(), "password" | "session" | "sessionUuid")
                        || (k == "uuid" && session);
                    match val {
                        Value::String(s) if secret => {
                            *s = masked(s);
                            changed = true;
                        }
                        other => todo.push(other),
                    }
                }
            }
            Value::Array(items) => todo.extend(items.iter_mut()),
            _ => {}
        }
    }
    if changed {
        v.to_string()
    } else {
        text.to_string()
    }
}

/// Prints a request's headers (the session masked) and body, and hands the
/// request on whole.
async fn log_request(req: Request) -> Result<Request, Response> {
    let (parts, body) = req.into_parts();
    for (k, v) in &parts.headers {
        let v = v.to_str().unwrap_or("(not text)");
        let v = if k == header::AUTHORIZATION {
            format!("OAuth {}", masked(v))
        } else {
            v.to_string()
        };
        println!("    > {k}: {v}");
    }
    let bytes = read_body(Request::from_parts(parts.clone(), body)).await?;
    if !bytes.is_empty() {
        println!("    > {}", body_text(&bytes));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

async fn log_response(resp: Response) -> Response {
    let (parts, body) = resp.into_parts();
    for (k, v) in &parts.headers {
        println!("    < {k}: {}", v.to_str().unwrap_or("(not text)"));
    }
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            if !bytes.is_empty() {
                println!("    < {}", body_text(&bytes));
            }
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => Response::from_parts(parts, Body::empty()),
    }
}

async fn serve_static(sim: &Sim, req: Request) -> Response {
    let Some(dist) = sim.cfg.dist.clone() else {
        return plain(
            StatusCode::NOT_FOUND,
            "no static folder is served (start with --dist)",
        );
    };
    let path = req.uri().path();
    if path == "/panel" {
        return Response::builder()
            .status(StatusCode::PERMANENT_REDIRECT)
            .header(header::LOCATION, "/panel/")
            .body(Body::empty())
            .unwrap_or_default();
    }
    let req = if let Some(rest) = path.strip_prefix("/panel/") {
        let mut uri = format!("/{rest}");
        if let Some(q) = req.uri().query() {
            uri.push('?');
            uri.push_str(q);
        }
        let (mut parts, body) = req.into_parts();
        match uri.parse() {
            Ok(u) => parts.uri = u,
            Err(_) => return plain(StatusCode::BAD_REQUEST, "bad path"),
        }
        Request::from_parts(parts, body)
    } else {
        req
    };
    let path = req.uri().path().to_string();
    match ServeDir::new(dist).oneshot(req).await {
        Ok(r) if r.status() == StatusCode::NOT_FOUND => {
            plain(StatusCode::NOT_FOUND, &format!("no such file: {path}"))
        }
        Ok(r) => {
            let mut r = r.map(Body::new);
            // The panel is a single page; stale copies confuse people.
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            // The strict policy a deployer would set, so every flow is
            // exercised under it.
            let is_page = r
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
            if is_page {
                r.headers_mut().insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(CSP),
                );
            }
            r
        }
        Err(e) => plain(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// A plain-text reply without a Content-Type, as the real server's
/// pre-dispatch errors are.
fn plain(status: StatusCode, text: &str) -> Response {
    let mut r = Response::new(Body::from(text.to_string()));
    *r.status_mut() = status;
    r
}

fn json_reply(status: u16, v: &Value) -> Response {
    text_json_reply(
        status,
        serde_json::to_string(v).unwrap_or_else(|_| "{}".into()),
    )
}

fn text_json_reply(status: u16, body: String) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CONTENT_TYPE, "application/json;charset=UTF-8")
        .body(Body::from(body))
        .unwrap_or_default()
}

fn error_reply(status: u16, e: Value) -> Response {
    json_reply(status, &json!({ "error": e }))
}

fn session_expired() -> Value {
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

/// Reads `Authorization: OAuth <uuid>`; `Err` is the real server's 400.
fn session_of(headers: &HeaderMap) -> Result<String, Response> {
    let Some(v) = headers.get(header::AUTHORIZATION) else {
        return Err(plain(
            StatusCode::BAD_REQUEST,
            "missing header 'Authorization'; expected 'Authorization: OAuth <session uuid>'",
        ));
    };
    let v = v.to_str().unwrap_or("");
    let mut parts = v.split_whitespace();
    match (parts.next(), parts.next(), parts.next()) {
        (Some("OAuth"), Some(id), None) => Ok(id.to_string()),
        _ => Err(plain(
            StatusCode::BAD_REQUEST,
            "the header 'Authorization' must be 'OAuth <session uuid>'",
        )),
    }
}

async fn read_body(req: Request) -> Result<Bytes, Response> {
    match axum::body::to_bytes(req.into_body(), MAX_BODY).await {
        Ok(b) => Ok(b),
        Err(_) => Err(plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body is larger than 1 MB",
        )),
    }
}

/// Parses a JSON body; the real server answers malformed JSON with a 500.
fn parse_json(b: &Bytes) -> Result<Value, Response> {
    if b.iter().all(|c| c.is_ascii_whitespace()) {
        return Ok(json!({}));
    }
    serde_json::from_slice(b).map_err(|e| {
        plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("com.google.gson.JsonSyntaxException: {e}"),
        )
    })
}

async fn api(sim: &Arc<Sim>, req: Request) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let segs: Vec<&str> = path
        .trim_start_matches('/')
        .trim_end_matches('/')
        .split('/')
        .collect();
    match (&method, segs.as_slice()) {
        (&Method::PUT, ["zstack", "v1", "accounts", "login"]) => login(sim, req).await,
        (&Method::DELETE, ["zstack", "v1", "accounts", "sessions", id]) => {
            let id = id.to_string();
            logout(sim, &id)
        }
        (&Method::GET, ["zstack", "v1", "accounts", "sessions", id, "valid"]) => {
            let valid = sim.lock().sessions.contains_key(*id);
            json_reply(200, &json!({ "valid": valid }))
        }
        (&Method::POST, ["zstack", "v1", "cbt-task", verb @ ("disable" | "enable"), id]) => {
            let (verb, id) = (verb.to_string(), id.to_string());
            change(sim, req, &verb, &id).await
        }
        (&Method::GET, ["zstack", "v1", "cbt-task"]) => query(sim, req, None).await,
        (&Method::GET, ["zstack", "v1", "cbt-task", id]) => {
            let id = id.to_string();
            query(sim, req, Some(&id)).await
        }
        (&Method::GET, ["zstack", "v1", "api-jobs", id]) => poll(sim, id),
        _ => plain(StatusCode::NOT_FOUND, &format!("no api mapping to {path}")),
    }
}

async fn login(sim: &Arc<Sim>, req: Request) -> Response {
    let body = match read_body(req).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let v = match parse_json(&body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let by = &v["logInByAccount"];
    let name = by["accountName"].as_str().unwrap_or("");
    let password = by["password"].as_str().unwrap_or("").to_ascii_lowercase();
    if name != "admin" || password != sha512_hex(&sim.cfg.password) {
        return error_reply(
            503,
            seed::error_code(
                "ID.1000",
                "Unable to authenticate a user",
                "wrong account name or password",
            ),
        );
    }
    let id = new_uuid();
    sim.lock().sessions.insert(id.clone(), Instant::now());
    let now = gson::now();
    json_reply(
        200,
        &json!({ "inventory": {
            "uuid": id,
            "accountUuid": ADMIN_ACCOUNT_UUID,
            "userUuid": ADMIN_ACCOUNT_UUID,
            "expiredDate": now,
            "createDate": now,
        }}),
    )
}

fn logout(sim: &Arc<Sim>, id: &str) -> Response {
    sim.lock().sessions.remove(id);
    json_reply(200, &json!({}))
}

async fn query(sim: &Arc<Sim>, req: Request, id: Option<&str>) -> Response {
    let session = match session_of(req.headers()) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let params: Vec<(String, String)> =
        match serde_urlencoded::from_str(req.uri().query().unwrap_or("")) {
            Ok(p) => p,
            Err(e) => return plain(StatusCode::BAD_REQUEST, &format!("bad query string: {e}")),
        };
    let parsed = match query::parse(&params) {
        Ok(q) => q,
        Err(e) => return plain(StatusCode::BAD_REQUEST, &e),
    };
    let tasks = {
        let inner = sim.lock();
        if !inner.sessions.contains_key(&session) {
            return error_reply(503, session_expired());
        }
        inner.tasks.clone()
    };
    let id = id.map(str::to_string);
    // Filtering and sorting 100,000 tasks takes a while: it runs on a
    // blocking thread, holding no lock, so polls and stops go on meanwhile.
    let reply = tokio::task::spawn_blocking(move || match id {
        // One task by its UUID: `{"inventories":[..]}`, empty when none.
        Some(id) => query::reply_of(
            tasks
                .iter()
                .filter(|t| t.uuid == id)
                .map(Task::inventory)
                .collect(),
        ),
        None => query::run(&tasks, &parsed),
    })
    .await;
    match reply {
        Ok(reply) => json_reply(200, &reply),
        Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "the query failed"),
    }
}

async fn change(sim: &Arc<Sim>, req: Request, verb: &str, id: &str) -> Response {
    let session = match session_of(req.headers()) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (job_id, _reservation) = match job_id_of(sim, req.headers()) {
        Ok(j) => j,
        Err(r) => return r,
    };
    // A callback is taken only from a known session, and only to loopback.
    let hook = match req.headers().get("X-Web-Hook") {
        None => None,
        Some(_) if !sim.lock().sessions.contains_key(&session) => {
            return error_reply(503, session_expired())
        }
        Some(v) => match web_hook(v.to_str().unwrap_or("")) {
            Ok(addr) => Some(addr),
            Err(r) => return r,
        },
    };
    let close = req.extensions().get::<CloseConnection>().cloned();
    let body = match read_body(req).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let v = match parse_json(&body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    // The real server reads `force` only from `params`; a flat one is ignored.
    let _force = v["params"]["force"].as_bool().unwrap_or(false);
    let fault = if verb == "disable" {
        seed::fault_of(id, sim.cfg.extra_tasks)
    } else {
        None
    };
    match fault {
        Some(Fault::PlainText500) => {
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal Server Error: java.lang.NullPointerException at org.zstack.rest.RestServer.handleApi",
            )
        }
        Some(Fault::Html502) => {
            return Response::builder()
                .status(StatusCode::BAD_GATEWAY)
                .header(header::CONTENT_TYPE, "text/html")
                .body(Body::from(
                    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center><script>window.__xss=4</script></body></html>",
                ))
                .unwrap_or_default()
        }
        Some(Fault::RateLimited) => {
            return plain(StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded")
        }
        Some(Fault::NotJson) => {
            return Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("OK: task stop scheduled"))
                .unwrap_or_default()
        }
        _ => {}
    }
    let status: &'static str = if verb == "disable" {
        "Stopped"
    } else {
        "Running"
    };
    let action = match fault {
        // A lost reply loses only the answer: the stop itself happens.
        None | Some(Fault::LostReply) => JobAction::SetStatus {
            task: id.to_string(),
            status,
        },
        Some(f) => JobAction::Fault(f, id.to_string()),
    };
    if sim.cfg.style == Style::Documented
        && !matches!(
            fault,
            Some(Fault::Hang | Fault::JobExpired | Fault::LostReply)
        )
    {
        let (code, body) = finish(sim, &session, &action);
        if code != 200 {
            // The failed job's body is `{"error":..}`; its chain may be far
            // deeper than a `Value` should be built (or dropped) on a
            // server thread, so the envelope is put around it as text.
            let tail = body.strip_prefix('{').unwrap_or("\"error\":null}");
            return text_json_reply(
                200,
                format!("{{\"success\":false,\"inventory\":null,{tail}"),
            );
        }
        let inv = sim
            .lock()
            .tasks
            .iter()
            .find(|t| t.uuid == id)
            .map(Task::inventory);
        return json_reply(
            200,
            &json!({ "success": true, "inventory": inv, "error": null }),
        );
    }
    let now = Instant::now();
    sim.lock().add_job(
        job_id.clone(),
        Job {
            session,
            action,
            created_at: now,
            ready_at: now + sim.cfg.job_delay,
            result: None,
            finished_at: None,
        },
        sim.cfg.max_jobs,
    );
    if let Some(url) = hook {
        tokio::spawn(deliver_to_hook(sim.clone(), job_id.clone(), url));
    }
    if let (Some(Fault::LostReply), Some(close)) = (fault, close) {
        // The stop is under way; its answer never leaves.
        close.close();
        return std::future::pending().await;
    }
    json_reply(
        202,
        &json!({
            "location": format!("{NODE_ADDRESS}/zstack/v1/api-jobs/{job_id}"),
            "apiTimeout": sim.cfg.api_timeout_ms,
        }),
    )
}

/// The job id the client chose (`X-Job-UUID`, 32 hex digits; the real
/// server names the job after it), or a new one. A malformed or already
/// used id is the real server's `400`.
fn job_id_of(
    sim: &Arc<Sim>,
    headers: &HeaderMap,
) -> Result<(String, Option<Reservation>), Response> {
    let Some(v) = headers.get("X-Job-UUID") else {
        return Ok((new_uuid(), None));
    };
    let id = v.to_str().unwrap_or("");
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(plain(
            StatusCode::BAD_REQUEST,
            &format!("invalid X-Job-UUID[{id}]: a job UUID is 32 hex digits without dashes"),
        ));
    }
    let id = id.to_ascii_lowercase();
    let taken = {
        let mut inner = sim.lock();
        inner.jobs.contains_key(&id) || !inner.reserved.insert(id.clone())
    };
    if taken {
        return Err(plain(
            StatusCode::BAD_REQUEST,
            &format!("duplicate X-Job-UUID[{id}]: a job with this UUID already exists"),
        ));
    }
    let reservation = Reservation {
        sim: sim.clone(),
        id: id.clone(),
    };
    Ok((id, Some(reservation)))
}

/// Where a callback goes: a loopback socket address and the path.
#[derive(Clone, Debug, PartialEq)]
pub struct Hook {
    pub addr: std::net::SocketAddr,
    pub path: String,
}

/// `X-Web-Hook`: where to POST the job's result. Only an `http://` URL
/// whose host is a loopback IP address (or `localhost`, taken as
/// 127.0.0.1 without asking DNS) and which names a port: the simulator
/// sends traffic nowhere else.
pub fn web_hook(url: &str) -> Result<Hook, Response> {
    let refuse = || {
        plain(
            StatusCode::BAD_REQUEST,
            &format!("X-Web-Hook[{url}]: the simulator calls back only http:// loopback addresses with a port"),
        )
    };
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
const HOOK_REPLY_MAX: u64 = 64 * 1024;

/// Finishes the job when it is due and POSTs its result to the hook with
/// `X-Job-Success`, instead of keeping it for polling; the hook's answer is
/// read within a deadline and a size bound, then dropped.
async fn deliver_to_hook(sim: Arc<Sim>, job_id: String, hook: Hook) {
    tokio::time::sleep(sim.cfg.job_delay).await;
    let job = sim.lock().jobs.remove(&job_id);
    let Some(job) = job else { return };
    if matches!(job.action, JobAction::Fault(Fault::Hang, _)) {
        return;
    }
    let (code, body) = finish(&sim, &job.session, &job.action);
    let request = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json;charset=UTF-8\r\n\
         X-Job-UUID: {job_id}\r\nX-Job-Success: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        hook.path,
        hook.addr,
        code == 200,
        body.len()
    );
    let call = async {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(hook.addr).await.ok()?;
        stream.write_all(request.as_bytes()).await.ok()?;
        let mut sink = Vec::new();
        stream
            .take(HOOK_REPLY_MAX)
            .read_to_end(&mut sink)
            .await
            .ok()
    };
    let _ = tokio::time::timeout(HOOK_DEADLINE, call).await;
}

/// Runs a job's action; returns the poll's final status and body.
fn finish(sim: &Arc<Sim>, session: &str, action: &JobAction) -> (u16, String) {
    let (code, body) = finish_value(sim, session, action);
    if code == 0 {
        return (503, seed::deep_error_body(1500));
    }
    (code, serde_json::to_string(&body).unwrap_or_default())
}

/// As `finish`; code 0 stands for the deep chain, which is built as text.
fn finish_value(sim: &Arc<Sim>, session: &str, action: &JobAction) -> (u16, Value) {
    let mut inner = sim.lock();
    // The session is checked by the API interceptor, after dispatch.
    if !inner.sessions.contains_key(session) {
        return (503, json!({ "error": session_expired() }));
    }
    match action {
        JobAction::SetStatus { task, status } => {
            match Arc::make_mut(&mut inner.tasks)
                .iter_mut()
                .find(|t| &t.uuid == task)
            {
                Some(t) => {
                    t.status = (*status).to_string();
                    t.last_op_date = gson::now();
                    // The real event carries no inventory.
                    (200, json!({}))
                }
                None => (503, json!({ "error": task_not_found(task) })),
            }
        }
        JobAction::Fault(Fault::NestedError, id) => {
            (503, json!({ "error": seed::nested_error(id) }))
        }
        JobAction::Fault(Fault::DeepError, _) => (0, Value::Null),
        JobAction::Fault(Fault::MarkupError, _) => (503, json!({ "error": seed::markup_error() })),
        JobAction::Fault(_, _) => (200, json!({})),
    }
}

fn poll(sim: &Arc<Sim>, id: &str) -> Response {
    let expired = || plain(StatusCode::NOT_FOUND, "the job has been expired");
    let (session, action) = {
        let inner = sim.lock();
        let Some(job) = inner.jobs.get(id).filter(|j| !j.expired()) else {
            return expired();
        };
        if let Some((code, body)) = &job.result {
            return text_json_reply(*code, body.clone());
        }
        match job.action {
            JobAction::Fault(Fault::Hang, _) => return json_reply(202, &json!({})),
            JobAction::Fault(Fault::JobExpired, _) => return expired(),
            _ => {}
        }
        if Instant::now() < job.ready_at {
            return json_reply(202, &json!({}));
        }
        (job.session.clone(), job.action.clone())
    };
    let (code, body) = finish(sim, &session, &action);
    if let Some(job) = sim.lock().jobs.get_mut(id) {
        job.result = Some((code, body.clone()));
        job.finished_at = Some(Instant::now());
    }
    text_json_reply(code, body)
}
