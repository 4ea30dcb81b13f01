//! The `DisableCbtTask` wire protocol: building the request, classifying each
//! reply into a typed outcome, decoding `ErrorCode` and inventories, and
//! normalising UUIDs. No DOM here: the replies' serde types are in
//! [`crate::wire`], dates in [`crate::date`].

use crate::wire::{self, ApiResult, CbtTaskInventory, ErrorCode, Fields, JobAccepted, Raw};

pub use crate::date::{parse_date, whole_number, When, ZDate};
pub use crate::examples::{Example, EXAMPLE_UUID};

/// Where `needle` first stands in `hay`. A plain scan: the few short
/// searches the panel makes do not need (nor pay the wasm bytes of) the
/// standard library's two-way substring searcher.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// Bytes as lowercase hex (a job id, a password's digest, an escape).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How much of a body an outcome keeps to show.
pub const BODY_SHOWN: usize = 4096;
/// The largest body the panel reads; a larger one is reported, not read.
pub const BODY_READ_MAX: u64 = 8 * 1024 * 1024;
/// The panel's own deadline when nothing else is configured.
pub const DEFAULT_DEADLINE_MS: u64 = 60_000;
/// The longest wait a browser timer can hold (2^31-1 ms, about 24.8 days).
pub const MAX_DEADLINE_MS: u64 = 2_147_483_647;

// ---------------------------------------------------------------- UUIDs ---

/// Why a text is not a ZStack UUID.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UuidError {
    #[error("empty")]
    Empty,
    /// Holds the number of hex digits found.
    #[error("{0} hex digits, not 32")]
    Length(usize),
    /// Holds the first character that is not a hex digit.
    #[error("'{0}' is not a hex digit")]
    NotHex(char),
}

/// Normalises a pasted UUID: surrounding spaces, dashes and capitals are
/// accepted; the result is 32 lowercase hex digits. A session is a UUID too,
/// so this also keeps anything a header or a shell could trip on out of it.
pub fn normalize_uuid(input: &str) -> Result<String, UuidError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(UuidError::Empty);
    }
    let mut out = String::with_capacity(32);
    for c in t.chars() {
        match c {
            '-' => {}
            c if c.is_ascii_hexdigit() => out.push(c.to_ascii_lowercase()),
            c => return Err(UuidError::NotHex(c)),
        }
    }
    if out.len() != 32 {
        return Err(UuidError::Length(out.len()));
    }
    Ok(out)
}

/// One tag per line; blank lines and surrounding spaces are dropped.
pub fn parse_tags(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

// -------------------------------------------------------------- request ---

/// Everything the stop call is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct StopRequest {
    /// Scheme, host and optional path prefix, without a trailing slash.
    pub api_base: String,
    /// Already normalised (see [`normalize_uuid`]).
    pub session: String,
    /// Already normalised.
    pub uuid: String,
    pub force: bool,
    pub system_tags: Vec<String>,
    pub user_tags: Vec<String>,
    /// This stop's own job id (`X-Job-UUID`, 32 hex digits, new per stop;
    /// empty until the stop is sent): the real server names the job after
    /// it, so a lost answer can still be asked for.
    pub job_id: String,
}

fn join(base: &str, path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), path)
}

impl StopRequest {
    pub fn url(&self) -> String {
        join(
            &self.api_base,
            &format!("/zstack/v1/cbt-task/disable/{}", self.uuid),
        )
    }

    /// The body, serialised by serde (see [`wire::DisableCbtTaskBody`]).
    pub fn body(&self) -> String {
        Raw::encode(&wire::DisableCbtTaskBody {
            params: wire::ForceParam { force: self.force },
            force: self.force,
            system_tags: &self.system_tags,
            user_tags: &self.user_tags,
        })
        .to_text()
    }

    pub fn authorization(&self) -> String {
        oauth(&self.session)
    }

    /// The request as a curl command; the session masked unless `reveal`.
    /// Every argument is quoted for a POSIX shell as a whole.
    pub fn curl(&self, reveal: bool) -> String {
        let session = if reveal {
            self.session.clone()
        } else {
            mask_session(&self.session)
        };
        format!(
            "curl -X POST -H 'Content-Type: application/json;charset=UTF-8' \\\n  -H {} \\\n  -d {} \\\n  {}",
            shell_quote(&format!("Authorization: {}", oauth(&session))),
            shell_quote(&self.body()),
            shell_quote(&self.url())
        )
    }
}

/// The `Authorization` header's value for a session.
pub fn oauth(session: &str) -> String {
    format!("OAuth {session}")
}

/// `••••1a2b`: only the last four characters show.
pub fn mask_session(s: &str) -> String {
    let tail = s.char_indices().rev().nth(3).map_or(s, |(i, _)| &s[i..]);
    ["••••", tail].concat()
}

/// Single-quotes for a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r#"'\''"#))
}

/// The read-back of a task's inventory.
pub fn query_url(api_base: &str, uuid: &str) -> String {
    join(api_base, &format!("/zstack/v1/cbt-task/{uuid}"))
}

/// Where the job named `job_id` is polled.
pub fn job_path(job_id: &str) -> String {
    format!("/zstack/v1/api-jobs/{job_id}")
}

/// Whether a `400` answers our own fresh `X-Job-UUID` as already used: the
/// POST arrived before (a browser may re-send one whose answer was lost).
pub fn job_id_taken(status: u16, body: &str) -> bool {
    status == 400 && find(body, "X-Job-UUID").is_some()
}

/// A job's poll address: the path from `/zstack/v1/api-jobs/` on, against
/// our own API base, never the node's own (internal) host.
pub fn job_url(api_base: &str, job_path: &str) -> String {
    join(api_base, job_path)
}

pub fn login_url(api_base: &str) -> String {
    join(api_base, "/zstack/v1/accounts/login")
}

pub fn logout_url(api_base: &str, session: &str) -> String {
    join(api_base, &format!("/zstack/v1/accounts/sessions/{session}"))
}

/// The login body; `password_sha512` is the hex digest the server expects.
pub fn login_body(account: &str, password_sha512: &str) -> String {
    Raw::encode(&wire::LoginBody {
        log_in_by_account: wire::LogInByAccount {
            account_name: account,
            password: password_sha512,
        },
    })
    .to_text()
}

// ------------------------------------------------------------ ErrorCode ---

/// One `ErrorCode` of a tree, its causes referred to by index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorNode {
    pub code: String,
    pub description: Option<String>,
    pub details: Option<String>,
    pub elaboration: Option<String>,
    /// `opaque` as key and JSON text of the value.
    pub opaque: Vec<(String, String)>,
    /// Every other field (known today or not), as key and JSON text.
    pub other: Vec<(String, String)>,
    /// `cause` first, then `causes` in order.
    pub causes: Vec<usize>,
    /// This level as sent, when its causes were left for later (the tree
    /// was decoded only so deep): [`decode_error_to`] it to go on.
    pub deeper: Option<Raw>,
}

/// An `ErrorCode` with its causes, flat so any depth is safe, and the value
/// as it came (handed to a host console as is).
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorTree {
    /// Node 0 is the root. Shared: an outcome is cloned into the result,
    /// the tab's history and the host's message, and a tree can hold
    /// thousands of nodes.
    pub nodes: std::sync::Arc<[ErrorNode]>,
    pub raw: Raw,
}

impl ErrorTree {
    pub fn root(&self) -> &ErrorNode {
        &self.nodes[0]
    }

    /// How deep the longest chain goes (the root alone is 1).
    pub fn depth(&self) -> usize {
        let mut best = 0;
        let mut todo = vec![(0usize, 1usize)];
        while let Some((i, d)) = todo.pop() {
            best = best.max(d);
            todo.extend(self.nodes[i].causes.iter().map(|c| (*c, d + 1)));
        }
        best
    }

    /// A tree of one node that shows `raw` whole under `key`: an error the
    /// panel cannot read is still a failure.
    fn opaque_failure(key: &str, raw: Raw) -> ErrorTree {
        ErrorTree {
            nodes: [ErrorNode {
                other: vec![(key.into(), raw.to_text())],
                ..ErrorNode::default()
            }]
            .into(),
            raw,
        }
    }
}

/// One level as an `ErrorCode`: an object with a `code`, or at least a
/// description or details.
fn error_level(raw: &Raw) -> Option<(ErrorCode, Fields)> {
    if !raw.is_object() {
        return None;
    }
    let fields: Fields = raw.decode().ok()?;
    let level = ErrorCode::from_fields(&fields).ok()?;
    let known = level.code.is_some() || level.description.is_some() || level.details.is_some();
    known.then_some((level, fields))
}

/// How many levels of an error tree show at once (and are decoded before
/// the person asks for more).
pub const ERROR_LEVELS_AT_ONCE: usize = 24;

/// Decodes an `ErrorCode` one level at a time from a work list, keeping
/// unknown fields; never recurses, so any depth is safe.
pub fn decode_error(raw: &Raw) -> Option<ErrorTree> {
    decode_error_to(raw, usize::MAX)
}

/// Decodes the first `levels` levels of an `ErrorCode` (the root is one);
/// a node at the last level keeps itself as sent in `deeper` when it has
/// causes. The panel shows 24 levels at a time, so it decodes no more
/// before the person asks: a chain thousands deep costs what 24 levels do.
pub fn decode_error_to(raw: &Raw, levels: usize) -> Option<ErrorTree> {
    let (root, root_fields) = error_level(raw)?;
    let mut nodes = vec![ErrorNode::default()];
    // (the level, its fields, itself as sent, its slot in `nodes`, its depth)
    let mut todo = vec![(root, root_fields, raw.clone(), 0usize, 1usize)];
    while let Some((level, fields, sent, slot, depth)) = todo.pop() {
        let mut node = ErrorNode {
            code: level.code.unwrap_or_default(),
            description: level.description,
            details: level.details,
            elaboration: level.elaboration,
            other: fields.others(&wire::ERROR_FIELDS),
            ..ErrorNode::default()
        };
        match level.opaque.as_ref().map(wire::decode::<Fields>) {
            Some(Ok(entries)) => {
                node.opaque = entries
                    .0
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_text()))
                    .collect()
            }
            Some(Err(_)) => node
                .other
                .push(("opaque".into(), fields_text(&fields, "opaque"))),
            None => {}
        }
        let has_causes =
            level.cause.is_some() || level.causes.as_ref().is_some_and(|c| !c.is_empty());
        if depth >= levels && has_causes {
            node.deeper = Some(sent);
            nodes[slot] = node;
            continue;
        }
        // `cause` before `causes`, whatever order the fields came in.
        let mut children = Vec::new();
        if let Some(c) = level.cause.filter(|c| !c.is_null()) {
            match error_level(&c) {
                Some((child, fields)) => children.push((child, fields, c)),
                None => node.other.push(("cause".into(), c.to_text())),
            }
        }
        if let Some(list) = level.causes {
            let decoded: Option<Vec<_>> = list
                .into_iter()
                .map(|c| error_level(&c).map(|(child, fields)| (child, fields, c)))
                .collect();
            match decoded {
                Some(list) => children.extend(list),
                None => node
                    .other
                    .push(("causes".into(), fields_text(&fields, "causes"))),
            }
        }
        for (child, child_fields, child_sent) in children {
            let child_slot = nodes.len();
            nodes.push(ErrorNode::default());
            node.causes.push(child_slot);
            todo.push((child, child_fields, child_sent, child_slot, depth + 1));
        }
        nodes[slot] = node;
    }
    Some(ErrorTree {
        nodes: nodes.into(),
        raw: raw.clone(),
    })
}

/// The JSON text of the last field named `key`.
fn fields_text(fields: &Fields, key: &str) -> String {
    fields
        .0
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.to_text())
        .unwrap_or_default()
}

// ------------------------------------------------------------ inventory ---

/// A CBT task as the server describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Inventory {
    pub uuid: String,
    pub name: String,
    pub description: String,
    /// As sent; unknown values are kept.
    pub status: String,
    pub create_date: Option<ZDate>,
    pub last_op_date: Option<ZDate>,
    /// Every other field, as key and JSON text.
    pub other: Vec<(String, String)>,
    /// The inventory as it came (handed to a host console as is).
    pub raw: Raw,
}

/// The statuses of the published page and of the real server (which has no
/// `Starting`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Created,
    Starting,
    Running,
    Stopped,
    Failed,
}

impl Status {
    pub fn from_sent(s: &str) -> Option<Status> {
        Some(match s {
            "Created" => Status::Created,
            "Starting" => Status::Starting,
            "Running" => Status::Running,
            "Stopped" => Status::Stopped,
            "Failed" => Status::Failed,
            _ => return None,
        })
    }
}

/// Decodes a `CbtTaskInventory`, keeping its unknown fields.
pub fn decode_inventory(raw: &Raw) -> Option<Inventory> {
    if !raw.is_object() {
        return None;
    }
    let inv: CbtTaskInventory = raw.decode().ok()?;
    let fields: Fields = raw.decode().ok()?;
    Some(Inventory {
        uuid: inv.uuid,
        name: inv.name.unwrap_or_default(),
        description: inv.description.unwrap_or_default(),
        status: inv.status.unwrap_or_default(),
        create_date: inv.create_date.map(ZDate::from_wire),
        last_op_date: inv.last_op_date.map(ZDate::from_wire),
        other: fields.others(&wire::INVENTORY_FIELDS),
        raw: raw.clone(),
    })
}

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

/// Every way a stop can end (CONTRACT.md §2), except waiting.
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
    let Some(i) = find(&loc, "/zstack/v1/api-jobs/") else {
        return Step::Done(bad(BadKind::NoJobLocation, status, body));
    };
    let job_path = loc[i..].to_string();
    let job_id = job_path["/zstack/v1/api-jobs/".len()..]
        .split(['/', '?'])
        .next()
        .unwrap_or("")
        .to_string();
    if job_id.is_empty() {
        return Step::Done(bad(BadKind::NoJobLocation, status, body));
    }
    Step::Poll {
        job_id,
        job_path,
        api_timeout_ms: api_timeout_ms(job.api_timeout),
    }
}

/// Classifies the reply to the stop POST.
pub fn classify_stop(status: u16, body: &str) -> Step {
    match status {
        202 => accepted(status, body),
        200..=299 => final_result(status, body),
        _ => Step::Done(failure(status, body)),
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

/// Reads a query reply (`{"inventories":[..],"total":N}`): its page, or the
/// outcome that explains why it cannot be read.
pub fn classify_page(status: u16, body: &str) -> Result<Page, Outcome> {
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
        .map(|i| decode_inventory(i).ok_or_else(unknown))
        .collect::<Result<_, _>>()?;
    Ok(Page {
        items,
        total: reply.total.filter(|t| *t >= 0.0).map(|t| t as u64),
    })
}

/// Reads a query reply's inventories.
pub fn classify_query(status: u16, body: &str) -> Result<Vec<Inventory>, Outcome> {
    classify_page(status, body).map(|p| p.items)
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

/// How many tasks the finder lists at a time.
pub const FINDER_PAGE: usize = 10;

/// The finder's query for `text` from the `start`th match: a UUID search
/// when the text is six or more hex digits (dashes allowed), a name search
/// otherwise; most recently operated first, counted.
pub fn finder_url(api_base: &str, text: &str, start: usize) -> String {
    let t = text.trim();
    let hex: String = t.chars().filter(|c| *c != '-').collect();
    let cond = if hex.len() >= 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        format!("uuid~=%{}%", hex.to_ascii_lowercase())
    } else {
        format!("name~=%{t}%")
    };
    join(
        api_base,
        &format!(
            "/zstack/v1/cbt-task?q={}&limit={FINDER_PAGE}&start={start}&sort=-lastOpDate&replyWithCount=true",
            query_encode(&cond)
        ),
    )
}

/// Percent-encodes a query value (everything but `A-Z a-z 0-9 - . _ ~`).
pub fn query_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push_str(&hex(&[b]).to_ascii_uppercase());
        }
    }
    out
}

/// Example mode's finder: the published-shape example tasks whose name or
/// UUID holds `text` (ASCII case ignored), a page at a time.
pub fn example_page(text: &str, start: usize) -> Page {
    let all = classify_query(200, crate::examples::TASKS).unwrap_or_default();
    // ASCII case only: full Unicode case tables would add kilobytes to the
    // wasm for the three example names.
    let name = text.trim().to_ascii_lowercase();
    let hex = name.replace('-', "");
    let hits: Vec<Inventory> = all
        .into_iter()
        .filter(|i| {
            find(&i.name.to_ascii_lowercase(), &name).is_some() || find(&i.uuid, &hex).is_some()
        })
        .collect();
    Page {
        total: Some(hits.len() as u64),
        items: hits.into_iter().skip(start).take(FINDER_PAGE).collect(),
    }
}

/// Example mode's summary of the task `uuid`.
pub fn example_summary(uuid: &str) -> Summary {
    classify_summary(200, crate::examples::TASKS, uuid)
}

/// What to do next after an outcome, said in one plain sentence with an
/// action (the full outcome stays below it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// `ID.1001`: sign in again.
    SessionExpired,
    /// No CBT task has that UUID: find it by name.
    NoSuchTask,
    /// A network error against another origin: most likely CORS.
    Cors,
    /// `429`: wait, then try again.
    RateLimited,
    /// `SYS.1001`: the server timed out; the task may still stop.
    ServerTimeout,
    /// The answer is unknown: the task may or may not have stopped.
    Unsure,
}

/// The hints an outcome gets; `cross_origin` says whether the API is on
/// another origin than the page.
pub fn hints(outcome: &Outcome, cross_origin: bool) -> Vec<Hint> {
    match outcome {
        Outcome::ApiError(tree) => {
            let root = tree.root();
            let said = |s: &str| {
                [&root.details, &root.description]
                    .iter()
                    .any(|t| t.as_deref().is_some_and(|t| find(t, s).is_some()))
            };
            match root.code.as_str() {
                "ID.1001" => vec![Hint::SessionExpired],
                "SYS.1001" => vec![Hint::ServerTimeout],
                "SYS.1006" if said("cannot find") => vec![Hint::NoSuchTask],
                _ => vec![],
            }
        }
        Outcome::HttpError { status: 429, .. } => vec![Hint::RateLimited],
        Outcome::NetworkError(_) if cross_origin => vec![Hint::Cors, Hint::Unsure],
        Outcome::NetworkError(_) | Outcome::TimedOut(_) => vec![Hint::Unsure],
        Outcome::Unconfirmed(Unconfirmed::ReadFailed(_)) => vec![Hint::Unsure],
        _ => vec![],
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

/// Milliseconds as seconds with one decimal, `"2.5"`, without float
/// formatting (it would add kilobytes to the WebAssembly module).
pub fn seconds(ms: u64) -> String {
    format!("{}.{}", ms / 1000, (ms % 1000) / 100)
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
