//! ZStack's REST API, for the calls the panel makes: signing in and out,
//! reading tasks, stopping and starting them, and polling their jobs.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequestParts, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, post, put};
use axum::Router;
use serde_json::{json, Value};

use crate::extract::{json_reply, json_text, plain, unknown_api, Gson, Id, JobId, Session};
use crate::jobs::{self, Job, JobAction, Plan, Polled};
use crate::seed::{self, Fault, Task};
use crate::sim::{Sim, ADMIN_ACCOUNT_UUID};
use crate::{gson, query, CloseConnection, NODE_ADDRESS};

/// The REST routes, and the RPC API's ([`crate::rpc`]), relative to
/// `/zstack`.
pub(crate) fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/v1/accounts/login", put(login))
        .route("/v1/accounts/sessions/{uuid}", delete(logout))
        .route("/v1/accounts/sessions/{uuid}/valid", get(session_valid))
        .route("/v1/cbt-task", get(query_tasks))
        .route("/v1/cbt-task/{uuid}", get(read_task))
        .route("/v1/cbt-task/disable/{uuid}", post(disable))
        .route("/v1/cbt-task/enable/{uuid}", post(enable))
        .route("/v1/api-jobs/{uuid}", get(poll))
        .merge(crate::rpc::routes())
        .fallback(unknown_api)
        .method_not_allowed_fallback(unknown_api)
}

pub(crate) fn error_reply(status: u16, e: Value) -> Response {
    json_reply(status, &json!({ "error": e }))
}

fn wrong_password() -> Value {
    seed::error_code(
        "ID.1000",
        "Unable to authenticate a user",
        "wrong account name or password",
    )
}

/// A SessionInventory for a new session.
pub(crate) fn session_inventory(id: &str) -> Value {
    let now = gson::now();
    json!({
        "uuid": id,
        "accountUuid": ADMIN_ACCOUNT_UUID,
        "userUuid": ADMIN_ACCOUNT_UUID,
        "expiredDate": now,
        "createDate": now,
    })
}

async fn login(State(sim): State<Arc<Sim>>, Gson(v): Gson) -> Response {
    let by = &v["logInByAccount"];
    let name = by["accountName"].as_str().unwrap_or("");
    let password = by["password"].as_str().unwrap_or("");
    if !sim.password_matches(name, password) {
        return error_reply(503, wrong_password());
    }
    let id = sim.sign_in();
    json_reply(200, &json!({ "inventory": session_inventory(&id) }))
}

async fn logout(State(sim): State<Arc<Sim>>, Id(session): Id) -> Response {
    sim.sign_out(&session);
    json_reply(200, &json!({}))
}

async fn session_valid(State(sim): State<Arc<Sim>>, Id(session): Id) -> Response {
    let valid = sim.lock().signed_in(&session);
    json_reply(200, &json!({ "valid": valid }))
}

/// The tasks a query asks for, signed in as `session`: filtering and
/// sorting 100,000 tasks takes a while, so it runs on a blocking thread,
/// holding no lock, and polls and stops go on meanwhile.
pub(crate) async fn run_query(
    sim: &Sim,
    session: &str,
    run: impl FnOnce(&[Task]) -> Value + Send + 'static,
) -> Result<Value, Response> {
    let tasks = {
        let inner = sim.lock();
        if !inner.signed_in(session) {
            return Err(error_reply(503, jobs::session_expired()));
        }
        inner.tasks.clone()
    };
    tokio::task::spawn_blocking(move || run(&tasks))
        .await
        .map_err(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "the query failed"))
}

async fn query_tasks(
    State(sim): State<Arc<Sim>>,
    Session(session): Session,
    RawQuery(q): RawQuery,
) -> Response {
    let params: Vec<(String, String)> = match serde_urlencoded::from_str(q.as_deref().unwrap_or(""))
    {
        Ok(p) => p,
        Err(e) => return plain(StatusCode::BAD_REQUEST, format!("bad query string: {e}")),
    };
    let parsed = match query::parse(&params) {
        Ok(q) => q,
        Err(e) => return plain(StatusCode::BAD_REQUEST, e),
    };
    match run_query(&sim, &session, move |tasks| query::run(tasks, &parsed)).await {
        Ok(reply) => json_reply(200, &reply),
        Err(r) => r,
    }
}

/// One task by its UUID: `{"inventories":[..]}`, empty when none.
async fn read_task(
    State(sim): State<Arc<Sim>>,
    Session(session): Session,
    Id(uuid): Id,
) -> Response {
    let one = move |tasks: &[Task]| {
        query::reply_of(
            tasks
                .iter()
                .filter(|t| t.uuid == uuid)
                .map(Task::inventory)
                .collect(),
        )
    };
    match run_query(&sim, &session, one).await {
        Ok(reply) => json_reply(200, &reply),
        Err(r) => r,
    }
}

/// What a stop or a start carries besides its task and body: the session,
/// the job's id, where its result goes, and the connection (for the
/// lost-reply fault), read in that order.
struct Change {
    session: String,
    job: JobId,
    hook: Option<jobs::Hook>,
    close: Option<CloseConnection>,
}

impl FromRequestParts<Arc<Sim>> for Change {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, sim: &Arc<Sim>) -> Result<Self, Response> {
        let Session(session) = Session::from_request_parts(parts, sim).await?;
        let job = JobId::from_request_parts(parts, sim).await?;
        let WebHook(hook) = WebHook::from_request_parts(parts, sim).await?;
        let close = parts.extensions.get::<CloseConnection>().cloned();
        Ok(Change {
            session,
            job,
            hook,
            close,
        })
    }
}

/// `X-Web-Hook`: where the job's result goes instead of being kept for
/// polling; taken only from a known session.
struct WebHook(Option<jobs::Hook>);

impl FromRequestParts<Arc<Sim>> for WebHook {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, sim: &Arc<Sim>) -> Result<Self, Response> {
        let Some(v) = parts.headers.get("X-Web-Hook").cloned() else {
            return Ok(WebHook(None));
        };
        let Session(session) = Session::from_request_parts(parts, sim).await?;
        if !sim.lock().signed_in(&session) {
            return Err(error_reply(503, jobs::session_expired()));
        }
        jobs::web_hook(v.to_str().unwrap_or(""))
            .map(|h| WebHook(Some(h)))
            .map_err(|e| plain(StatusCode::BAD_REQUEST, e.to_string()))
    }
}

async fn disable(
    State(sim): State<Arc<Sim>>,
    change: Change,
    Id(uuid): Id,
    Gson(body): Gson,
) -> Response {
    // The real server reads `force` only from `params`; a flat one is
    // ignored (and the simulator's stop is the same either way).
    let _force = body["params"]["force"].as_bool().unwrap_or(false);
    let plan = Plan::new(&sim, &uuid, true);
    run_change(sim, change, plan, &uuid).await
}

async fn enable(
    State(sim): State<Arc<Sim>>,
    change: Change,
    Id(uuid): Id,
    Gson(_body): Gson,
) -> Response {
    let plan = Plan::new(&sim, &uuid, false);
    run_change(sim, change, plan, &uuid).await
}

/// The faults that answer the POST itself, before any job exists.
pub(crate) fn fault_reply(fault: Fault) -> Option<Response> {
    let with_type = |status: StatusCode, content_type: &'static str, body: &'static str| {
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap_or_default()
    };
    Some(match fault {
        Fault::PlainText500 => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal Server Error: java.lang.NullPointerException at org.zstack.rest.RestServer.handleApi",
        ),
        Fault::Html502 => with_type(
            StatusCode::BAD_GATEWAY,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center><script>window.__xss=4</script></body></html>",
        ),
        Fault::RateLimited => plain(StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded"),
        Fault::NotJson => with_type(StatusCode::OK, "text/plain", "OK: task stop scheduled"),
        _ => return None,
    })
}

/// Carries out a stop or a start: a fault may answer the POST itself;
/// else at once in the documented style (a `200` with the inventory or the
/// error), else as a job to poll (`202` with its location) or to call back.
async fn run_change(sim: Arc<Sim>, change: Change, plan: Plan, uuid: &str) -> Response {
    if let Some(r) = plan.fault.and_then(fault_reply) {
        return r;
    }
    if plan.at_once(&sim) {
        return documented_reply(&sim, &change.session, &plan.action, uuid);
    }
    let job_id = change.job.id.clone();
    let loses_reply = plan.loses_reply();
    sim.lock().add_job(
        job_id.clone(),
        Job::new(change.session, plan.action, sim.cfg.job_delay),
        sim.cfg.max_jobs,
    );
    if let Some(hook) = change.hook {
        tokio::spawn(jobs::deliver_to_hook(sim.clone(), job_id.clone(), hook));
    }
    if let (true, Some(close)) = (loses_reply, change.close) {
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

/// The published page's synchronous answer:
/// `200 {"success":..,"inventory":..,"error":..}`.
fn documented_reply(sim: &Sim, session: &str, action: &JobAction, uuid: &str) -> Response {
    let result = jobs::finish(sim, session, action);
    if !result.succeeded() {
        // The failed job's body is `{"error":..}`; its chain may be far
        // deeper than a `Value` should be built (or dropped) on a server
        // thread, so the envelope is put around it as text.
        let tail = result.body.strip_prefix('{').unwrap_or("\"error\":null}");
        return json_text(
            200,
            format!("{{\"success\":false,\"inventory\":null,{tail}"),
        );
    }
    let inv = sim
        .lock()
        .tasks
        .iter()
        .find(|t| t.uuid == uuid)
        .map(Task::inventory);
    json_reply(
        200,
        &json!({ "success": true, "inventory": inv, "error": null }),
    )
}

async fn poll(State(sim): State<Arc<Sim>>, Id(id): Id) -> Response {
    match jobs::poll(&sim, &id) {
        Polled::Gone => plain(StatusCode::NOT_FOUND, "the job has been expired"),
        Polled::Running => json_reply(202, &json!({})),
        Polled::Finished(r) => json_text(r.status, r.body),
    }
}
