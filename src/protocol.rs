//! The `DisableCbtTask` wire protocol: building the request, classifying each
//! reply into a typed outcome, decoding `ErrorCode` and inventories, parsing
//! ZStack dates and normalising UUIDs. No DOM here.

use crate::json::{self, write_str, Doc, Id, Node};

/// How much of a body an outcome keeps to show.
pub const BODY_SHOWN: usize = 4096;
/// The panel's own deadline when nothing else is configured.
pub const DEFAULT_DEADLINE_MS: u64 = 60_000;

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
/// accepted; the result is 32 lowercase hex digits.
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
    pub session: String,
    /// Already normalised.
    pub uuid: String,
    pub force: bool,
    pub system_tags: Vec<String>,
    pub user_tags: Vec<String>,
}

fn join(base: &str, path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), path)
}

fn json_list(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, t) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_str(out, t);
    }
    out.push(']');
}

impl StopRequest {
    pub fn url(&self) -> String {
        join(
            &self.api_base,
            &format!("/zstack/v1/cbt-task/disable/{}", self.uuid),
        )
    }

    /// The body: `force` both where the real server reads it (`params`) and
    /// where the published page puts it; tag lists always present.
    pub fn body(&self) -> String {
        let mut b = format!(
            "{{\"params\":{{\"force\":{f}}},\"force\":{f},\"systemTags\":",
            f = self.force
        );
        json_list(&mut b, &self.system_tags);
        b.push_str(",\"userTags\":");
        json_list(&mut b, &self.user_tags);
        b.push('}');
        b
    }

    pub fn authorization(&self) -> String {
        format!("OAuth {}", self.session)
    }

    /// The request as a curl command; the session masked unless `reveal`.
    pub fn curl(&self, reveal: bool) -> String {
        let auth = if reveal {
            self.session.clone()
        } else {
            mask_session(&self.session)
        };
        format!(
            "curl -X POST -H 'Content-Type: application/json;charset=UTF-8' \\\n  -H 'Authorization: OAuth {}' \\\n  -d {} \\\n  {}",
            auth,
            shell_quote(&self.body()),
            shell_quote(&self.url())
        )
    }
}

/// `••••1a2b`: only the last four characters show.
pub fn mask_session(s: &str) -> String {
    let n = s.chars().count();
    let tail: String = s.chars().skip(n.saturating_sub(4)).collect();
    format!("••••{tail}")
}

/// Single-quotes for a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r#"'\''"#))
}

/// The read-back of a task's inventory.
pub fn query_url(api_base: &str, uuid: &str) -> String {
    join(api_base, &format!("/zstack/v1/cbt-task/{uuid}"))
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
    let mut b = String::from("{\"logInByAccount\":{\"accountName\":");
    json::write_str(&mut b, account);
    b.push_str(",\"password\":");
    json::write_str(&mut b, password_sha512);
    b.push_str("}}");
    b
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
    /// Whether `causes[0]` came as `cause` (rather than from `causes`).
    pub has_cause: bool,
}

/// An `ErrorCode` with its causes, flat so any depth is safe.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorTree {
    /// Node 0 is the root.
    pub nodes: Vec<ErrorNode>,
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
}

fn opt_text(doc: &Doc, id: Id, key: &str) -> Option<String> {
    doc.get(id, key)
        .filter(|v| !doc.is_null(*v))
        .map(|v| doc.text(v))
}

/// Whether `id` looks like an `ErrorCode` (an object with a `code`, or at
/// least a description or details).
fn is_error_code(doc: &Doc, id: Id) -> bool {
    matches!(doc.node(id), Node::Obj(_))
        && ["code", "description", "details"]
            .iter()
            .any(|k| doc.get(id, k).is_some())
}

/// Decodes an `ErrorCode`, keeping unknown fields; never recurses.
pub fn decode_error(doc: &Doc, id: Id) -> Option<ErrorTree> {
    if !is_error_code(doc, id) {
        return None;
    }
    let mut nodes: Vec<ErrorNode> = Vec::new();
    // (json id, index of its slot in `nodes`)
    let mut todo = vec![(id, 0usize)];
    nodes.push(ErrorNode::default());
    while let Some((jid, slot)) = todo.pop() {
        let mut n = ErrorNode {
            code: opt_text(doc, jid, "code").unwrap_or_default(),
            description: opt_text(doc, jid, "description"),
            details: opt_text(doc, jid, "details"),
            elaboration: opt_text(doc, jid, "elaboration"),
            ..ErrorNode::default()
        };
        let mut children = Vec::new();
        for (k, v) in doc.fields(jid) {
            match k.as_str() {
                "code" | "description" | "details" | "elaboration" => {}
                "opaque" if matches!(doc.node(*v), Node::Obj(_)) => {
                    n.opaque = doc
                        .fields(*v)
                        .iter()
                        .map(|(k, v)| (k.clone(), doc.to_json(*v)))
                        .collect();
                }
                // `cause` before `causes`, whatever order the fields came in.
                "cause" if is_error_code(doc, *v) => {
                    children.insert(0, *v);
                    n.has_cause = true;
                }
                "causes" if doc.items(*v).iter().all(|c| is_error_code(doc, *c)) => {
                    children.extend(doc.items(*v).iter().copied())
                }
                _ if doc.is_null(*v) => {}
                _ => n.other.push((k.clone(), doc.to_json(*v))),
            }
        }
        for c in children {
            let child_slot = nodes.len();
            nodes.push(ErrorNode::default());
            n.causes.push(child_slot);
            todo.push((c, child_slot));
        }
        nodes[slot] = n;
    }
    Some(ErrorTree { nodes })
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
}

/// The published statuses.
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

fn decode_inventory(doc: &Doc, id: Id) -> Option<Inventory> {
    if !matches!(doc.node(id), Node::Obj(_)) || doc.get(id, "uuid").is_none() {
        return None;
    }
    let text = |k| opt_text(doc, id, k).unwrap_or_default();
    let date = |k| {
        doc.get(id, k)
            .filter(|v| !doc.is_null(*v))
            .map(|v| ZDate::decode(&doc.text(v)))
    };
    Some(Inventory {
        uuid: text("uuid"),
        name: text("name"),
        description: text("description"),
        status: text("status"),
        create_date: date("createDate"),
        last_op_date: date("lastOpDate"),
        other: doc
            .fields(id)
            .iter()
            .filter(|(k, _)| {
                ![
                    "uuid",
                    "name",
                    "description",
                    "status",
                    "createDate",
                    "lastOpDate",
                ]
                .contains(&k.as_str())
            })
            .map(|(k, v)| (k.clone(), doc.to_json(*v)))
            .collect(),
    })
}

// ---------------------------------------------------------------- dates ---

/// A date as ZStack sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct ZDate {
    /// The value exactly as sent.
    pub raw: String,
    pub parsed: Option<When>,
}

/// A parsed date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Server local time, no zone: year, month (1-12), day, hour, minute, second.
    Local(i32, u32, u32, u32, u32, u32),
    /// Milliseconds since the epoch.
    EpochMs(i64),
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl ZDate {
    pub fn decode(raw: &str) -> ZDate {
        ZDate {
            raw: raw.to_string(),
            parsed: parse_date(raw),
        }
    }
}

/// `s` as a whole number: ASCII digits only, no sign, no overflow. One small
/// parser for every number the panel reads, instead of one `FromStr` copy
/// per integer type in the wasm.
pub fn whole_number(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        let d = (b as char).to_digit(10)?;
        n.checked_mul(10)?.checked_add(d as u64)
    })
}

/// Gson's `"Nov 14, 2017 10:20:57 PM"`, newer JVMs' `"Nov 14, 2017, 10:20:57 PM"`
/// (either may use a narrow no-break space before AM/PM), or epoch milliseconds.
pub fn parse_date(raw: &str) -> Option<When> {
    let t = raw.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return whole_number(t)
            .and_then(|ms| i64::try_from(ms).ok())
            .map(When::EpochMs);
    }
    let t = t.replace(['\u{202f}', '\u{a0}'], " ").replace(',', " ");
    let w: Vec<&str> = t.split_ascii_whitespace().collect();
    let [mon, day, year, time, ampm] = w.as_slice() else {
        return None;
    };
    let m = MONTHS.iter().position(|x| x.eq_ignore_ascii_case(mon))? as u32 + 1;
    let small = |s: &str| whole_number(s).and_then(|n| u32::try_from(n).ok());
    let d = small(day).filter(|d| (1..=31).contains(d))?;
    let y = i32::try_from(small(year)?).ok()?;
    let hms: Vec<u32> = time.split(':').map(small).collect::<Option<_>>()?;
    let [h, mi, s] = hms[..] else { return None };
    if !(1..=12).contains(&h) || mi > 59 || s > 60 {
        return None;
    }
    let h = if ampm.eq_ignore_ascii_case("AM") {
        h % 12
    } else if ampm.eq_ignore_ascii_case("PM") {
        h % 12 + 12
    } else {
        return None;
    };
    Some(When::Local(y, m, d, h, mi, s))
}

// ------------------------------------------------------------- outcomes ---

/// What was wrong with a 2xx reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadKind {
    NotJson(String),
    UnknownShape,
    /// A `202` without a usable job `location`.
    NoJobLocation,
    /// The read-back found no such task.
    EmptyReadBack,
}

/// Every way a stop can end (CONTRACT.md §2), except waiting.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Outcome {
    #[error("stopped")]
    Stopped(Inventory),
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
}

impl Outcome {
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
    if body.len() <= BODY_SHOWN {
        return body.to_string();
    }
    let mut end = BODY_SHOWN;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body[..end].to_string()
}

/// The standard reason phrase of a status.
pub fn reason(status: u16) -> &'static str {
    match status {
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
fn api_error(doc: &Doc) -> Option<Outcome> {
    let root = doc.root();
    if let Some(e) = doc.get(root, "error").filter(|e| !doc.is_null(*e)) {
        return Some(match decode_error(doc, e) {
            Some(t) => Outcome::ApiError(t),
            // An error we cannot read is still a failure: show it whole.
            None => Outcome::ApiError(ErrorTree {
                nodes: vec![ErrorNode {
                    other: vec![("error".into(), doc.to_json(e))],
                    ..ErrorNode::default()
                }],
            }),
        });
    }
    if doc.get(root, "success").map(|s| doc.node(s)) == Some(&Node::Bool(false)) {
        return Some(Outcome::ApiError(ErrorTree {
            nodes: vec![ErrorNode {
                other: vec![("success".into(), "false".into())],
                ..ErrorNode::default()
            }],
        }));
    }
    None
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
    match json::parse(body) {
        Ok(doc) => api_error(&doc).unwrap_or_else(|| http_error(status, body)),
        Err(_) => http_error(status, body),
    }
}

/// A final 2xx body: an error, an inventory, or nothing (read back).
fn final_result(status: u16, body: &str) -> Step {
    let doc = match json::parse(body) {
        Ok(d) => d,
        Err(e) => return Step::Done(bad(BadKind::NotJson(e.to_string()), status, body)),
    };
    if let Some(o) = api_error(&doc) {
        return Step::Done(o);
    }
    if !matches!(doc.node(0), Node::Obj(_)) {
        return Step::Done(bad(BadKind::UnknownShape, status, body));
    }
    match doc.get(0, "inventory").filter(|i| !doc.is_null(*i)) {
        Some(i) => match decode_inventory(&doc, i) {
            Some(inv) => Step::Done(Outcome::Stopped(inv)),
            None => Step::Done(bad(BadKind::UnknownShape, status, body)),
        },
        // The real server's result carries no inventory.
        None => Step::ReadBack,
    }
}

/// Classifies the reply to the stop POST.
pub fn classify_stop(status: u16, body: &str) -> Step {
    match status {
        202 => match json::parse(body) {
            Ok(doc) => {
                if let Some(o) = api_error(&doc) {
                    return Step::Done(o);
                }
                let loc = doc
                    .get(0, "location")
                    .and_then(|l| doc.str(l))
                    .unwrap_or("");
                match loc.find("/zstack/v1/api-jobs/") {
                    Some(i) => {
                        let job_path = loc[i..].to_string();
                        let job_id = job_path["/zstack/v1/api-jobs/".len()..]
                            .split(['/', '?'])
                            .next()
                            .unwrap_or("")
                            .to_string();
                        if job_id.is_empty() {
                            return Step::Done(bad(BadKind::NoJobLocation, status, body));
                        }
                        let api_timeout_ms = doc
                            .get(0, "apiTimeout")
                            .and_then(|t| whole_number(doc.text(t).split(['.', 'e', 'E']).next()?))
                            .filter(|t| *t > 0);
                        Step::Poll {
                            job_id,
                            job_path,
                            api_timeout_ms,
                        }
                    }
                    None => Step::Done(bad(BadKind::NoJobLocation, status, body)),
                }
            }
            Err(e) => Step::Done(bad(BadKind::NotJson(e.to_string()), status, body)),
        },
        200..=299 => final_result(status, body),
        _ => Step::Done(failure(status, body)),
    }
}

/// Classifies the reply to one poll of the job.
pub fn classify_poll(status: u16, body: &str, job_id: &str) -> Step {
    match status {
        202 => Step::StillRunning,
        200..=299 => final_result(status, body),
        404 => match json::parse(body).ok().and_then(|d| api_error(&d)) {
            Some(o) => Step::Done(o),
            None => Step::Done(Outcome::JobExpired {
                job_id: job_id.into(),
                body: clip(body),
            }),
        },
        _ => Step::Done(failure(status, body)),
    }
}

/// Classifies the read-back `GET /zstack/v1/cbt-task/{uuid}`.
pub fn classify_read_back(status: u16, body: &str) -> Outcome {
    if !(200..=299).contains(&status) {
        return failure(status, body);
    }
    let doc = match json::parse(body) {
        Ok(d) => d,
        Err(e) => return bad(BadKind::NotJson(e.to_string()), status, body),
    };
    if let Some(o) = api_error(&doc) {
        return o;
    }
    let Some(list) = doc.get(0, "inventories") else {
        return match doc
            .get(0, "inventory")
            .and_then(|i| decode_inventory(&doc, i))
        {
            Some(inv) => Outcome::Stopped(inv),
            None => bad(BadKind::UnknownShape, status, body),
        };
    };
    match doc.items(list).first() {
        Some(i) => match decode_inventory(&doc, *i) {
            Some(inv) => Outcome::Stopped(inv),
            None => bad(BadKind::UnknownShape, status, body),
        },
        None => bad(BadKind::EmptyReadBack, status, body),
    }
}

/// The session from a login reply, or the outcome that explains the failure.
pub fn classify_login(status: u16, body: &str) -> Result<String, Box<Outcome>> {
    if !(200..=299).contains(&status) {
        return Err(Box::new(failure(status, body)));
    }
    let doc = json::parse(body)
        .map_err(|e| Box::new(bad(BadKind::NotJson(e.to_string()), status, body)))?;
    if let Some(o) = api_error(&doc) {
        return Err(Box::new(o));
    }
    doc.get(0, "inventory")
        .and_then(|i| doc.get(i, "uuid"))
        .and_then(|u| doc.str(u))
        .map(String::from)
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

// ------------------------------------------------------------- examples ---

/// The task of the published examples ("My Task").
pub const EXAMPLE_UUID: &str = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71";

/// The answers example mode gives (CONTRACT.md §5): the published `My Task`
/// inventory and chosen error cases, in the published reply shape, so they
/// go through the same decoding as a real reply. No network is involved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    Stopped,
    TaskNotFound,
    SessionExpired,
    Timeout,
}

impl Example {
    pub const ALL: [Example; 4] = [
        Example::Stopped,
        Example::TaskNotFound,
        Example::SessionExpired,
        Example::Timeout,
    ];

    /// A stable name, for the choice in the form.
    pub fn id(self) -> &'static str {
        match self {
            Example::Stopped => "stopped",
            Example::TaskNotFound => "task-not-found",
            Example::SessionExpired => "session-expired",
            Example::Timeout => "timeout",
        }
    }

    pub fn from_id(id: &str) -> Option<Example> {
        Example::ALL.into_iter().find(|e| e.id() == id)
    }

    /// The published page's reply, as status and body, for the task `uuid`.
    pub fn reply(self, uuid: &str) -> (u16, String) {
        let error = |code: &str, description: &str, details: &str, cause: &str| {
            let mut b = String::from(r#"{"success":false,"error":{"code":"#);
            write_str(&mut b, code);
            b.push_str(r#","description":"#);
            write_str(&mut b, description);
            b.push_str(r#","details":"#);
            write_str(&mut b, details);
            b.push_str(cause);
            b.push_str("}}");
            b
        };
        let body = match self {
            Example::Stopped => {
                let mut b = String::from(r#"{"success":true,"inventory":{"uuid":"#);
                write_str(&mut b, uuid);
                b.push_str(
                    r#","name":"My Task","description":"Nightly changed-block backup of vm-web-01","status":"Stopped","createDate":"Nov 14, 2017 10:20:57 PM","lastOpDate":"Nov 14, 2017 10:20:57 PM"}}"#,
                );
                b
            }
            Example::TaskNotFound => error(
                "SYS.1006",
                "An internal error happened in system",
                &format!("cannot find the cbt task[uuid:{uuid}]"),
                "",
            ),
            Example::SessionExpired => error("ID.1001", "Session expired", "Session expired", ""),
            Example::Timeout => error(
                "SYS.1001",
                "A message or a operation timeout",
                "Stop CBT task timeout after 300s",
                r#","cause":{"code":"HOST.1000","description":"An operation failed on the host","details":"the KVM agent did not answer in time"}"#,
            ),
        };
        (200, body)
    }

    /// The outcome this example shows.
    pub fn outcome(self, uuid: &str) -> Outcome {
        let (status, body) = self.reply(uuid);
        match classify_stop(status, &body) {
            Step::Done(o) => o,
            // Every example is a final answer in the published shape.
            _ => Outcome::BadResponse {
                kind: BadKind::UnknownShape,
                status,
                body,
            },
        }
    }
}
