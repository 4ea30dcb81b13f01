//! ZStack's older RPC API, which zstack-cli and tools built on its Python
//! bindings speak: `POST /zstack/api` with `{"<API class>": {fields…,
//! "session": {"uuid": S}}}`, answered with an API result whose `result`
//! is the reply or event as a JSON string. Calls that change a task are
//! jobs polled at `GET /zstack/api/result/<uuid>`. Same state, sessions,
//! faults and options as the REST API: a task stopped through one reads
//! back `Stopped` through the other.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use crate::extract::{body_of, json_reply, plain, Id};
use crate::jobs::{self, Job, JobResult, Plan, Polled};
use crate::query::{self, Query};
use crate::rest::{fault_reply, session_inventory};
use crate::seed;
use crate::sim::{new_uuid, Sim};
use crate::{gson, CloseConnection};

const LOG_IN: &str = "org.zstack.header.identity.APILogInByAccountMsg";
const LOG_IN_REPLY: &str = "org.zstack.header.identity.APILogInReply";
const LOG_OUT: &str = "org.zstack.header.identity.APILogOutMsg";
const LOG_OUT_REPLY: &str = "org.zstack.header.identity.APILogOutReply";
const QUERY: &str = "org.zstack.header.cbt.APIQueryCbtTaskMsg";
const QUERY_REPLY: &str = "org.zstack.header.cbt.APIQueryCbtTaskReply";
const DISABLE: &str = "org.zstack.header.cbt.APIDisableCbtTaskMsg";
const DISABLE_EVENT: &str = "org.zstack.header.cbt.APIDisableCbtTaskEvent";
const ENABLE: &str = "org.zstack.header.cbt.APIEnableCbtTaskMsg";
const ENABLE_EVENT: &str = "org.zstack.header.cbt.APIEnableCbtTaskEvent";

/// The RPC routes, relative to `/zstack` (a trailing slash, which clients
/// add, is ignored before routing).
pub(crate) fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/api", post(call))
        .route("/api/result/{uuid}", get(result))
}

/// An API result that is done: `result` is `{"<class>": reply}` as text.
fn done(id: &str, created: &str, class: &str, reply: &str) -> Response {
    let result = format!("{{{}:{reply}}}", json!(class));
    json_reply(
        200,
        &json!({
            "uuid": id,
            "state": "Done",
            "createdDate": created,
            "finishedDate": gson::now(),
            "result": result,
        }),
    )
}

/// A reply that succeeded, with `fields` beside `success`.
fn succeeded(mut fields: Map<String, Value>) -> String {
    fields.insert("success".into(), json!(true));
    Value::Object(fields).to_string()
}

/// A reply that failed with `error` (an ErrorCode, as JSON text: a deep
/// chain is never built as a value here).
fn failed(error: &str) -> String {
    format!("{{\"success\":false,\"error\":{error}}}")
}

/// The decoder's refusal: HTTP 200 with its message as the body.
fn undecodable(why: String) -> Response {
    plain(StatusCode::OK, why)
}

async fn call(
    State(sim): State<Arc<Sim>>,
    close: Option<Extension<CloseConnection>>,
    req: axum::extract::Request,
) -> Response {
    let body: Bytes = match body_of(req).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let message: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return undecodable(format!("com.google.gson.JsonSyntaxException: {e}")),
    };
    let Some((class, fields)) = message
        .as_object()
        .filter(|m| m.len() == 1)
        .and_then(|m| m.iter().next())
        .and_then(|(k, v)| Some((k.as_str(), v.as_object()?)))
    else {
        return undecodable(
            "the body must be one API message: {\"<API class>\": {fields…}}".into(),
        );
    };
    let id = new_uuid();
    let created = gson::now();
    let session = fields
        .get("session")
        .and_then(|s| s.get("uuid"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let text = |k: &str| fields.get(k).and_then(Value::as_str).unwrap_or("");
    match class {
        LOG_IN => {
            let reply = if sim.password_matches(text("accountName"), text("password")) {
                let session = sim.sign_in();
                succeeded(Map::from_iter([(
                    "inventory".to_string(),
                    session_inventory(&session),
                )]))
            } else {
                failed(&wrong_password().to_string())
            };
            done(&id, &created, LOG_IN_REPLY, &reply)
        }
        LOG_OUT => {
            sim.sign_out(text("sessionUuid"));
            done(&id, &created, LOG_OUT_REPLY, &succeeded(Map::new()))
        }
        QUERY => {
            let reply = match signed_in(&sim, session).and_then(|_| query_of(fields)) {
                Err(error) => failed(&error),
                Ok(query) => {
                    match crate::rest::run_query(&sim, session, move |t| query::run(t, &query))
                        .await
                    {
                        Ok(mut found) => {
                            if let Some(m) = found.as_object_mut() {
                                m.remove("schema");
                            }
                            succeeded(found.as_object().cloned().unwrap_or_default())
                        }
                        Err(_) => failed(&jobs::session_expired().to_string()),
                    }
                }
            };
            done(&id, &created, QUERY_REPLY, &reply)
        }
        DISABLE | ENABLE => {
            let event = match class {
                DISABLE => DISABLE_EVENT,
                _ => ENABLE_EVENT,
            };
            if let Err(error) = signed_in(&sim, session) {
                return done(&id, &created, event, &failed(&error));
            }
            let plan = Plan::new(&sim, text("uuid"), class == DISABLE);
            // A proxy in front of the node answers the same way either API.
            if let Some(r) = plan.fault.and_then(fault_reply) {
                return r;
            }
            if plan.at_once(&sim) {
                let r = jobs::finish(&sim, session, &plan.action);
                return done(&id, &created, event, &event_of(&r));
            }
            let loses_reply = plan.loses_reply();
            let mut job = Job::new(session.to_string(), plan.action, sim.cfg.job_delay);
            job.rpc = Some(Rpc {
                event,
                created: created.clone(),
            });
            sim.lock().add_job(id.clone(), job, sim.cfg.max_jobs);
            if let (true, Some(Extension(close))) = (loses_reply, close) {
                // The change is under way; its answer never leaves.
                close.close();
                return std::future::pending().await;
            }
            processing(&id, &created)
        }
        other => undecodable(format!(
            "the API message class[{other}] is not one zstack-sim answers ({LOG_IN}, {LOG_OUT}, {QUERY}, {DISABLE}, {ENABLE})"
        )),
    }
}

/// An RPC job: the event class it ends with, and when it was made.
#[derive(Clone, Debug)]
pub(crate) struct Rpc {
    event: &'static str,
    created: String,
}

fn processing(id: &str, created: &str) -> Response {
    json_reply(
        200,
        &json!({ "uuid": id, "state": "Processing", "createdDate": created }),
    )
}

/// The event a finished job's result is.
fn event_of(r: &JobResult) -> String {
    if r.succeeded() {
        return succeeded(Map::new());
    }
    // `{"error":X}`, X taken as text.
    let error = r
        .body
        .strip_prefix("{\"error\":")
        .and_then(|e| e.strip_suffix('}'))
        .unwrap_or("null");
    failed(error)
}

async fn result(State(sim): State<Arc<Sim>>, Id(id): Id) -> Response {
    let gone = || {
        plain(
            StatusCode::NOT_FOUND,
            format!("No api result[uuid:{id}] found"),
        )
    };
    let Some(rpc) = sim.lock().jobs.get(&id).and_then(|j| j.rpc.clone()) else {
        return gone();
    };
    match jobs::poll(&sim, &id) {
        Polled::Gone => gone(),
        Polled::Running => processing(&id, &rpc.created),
        Polled::Finished(r) => done(&id, &rpc.created, rpc.event, &event_of(&r)),
    }
}

/// The session's error when it is not signed in (as text).
fn signed_in(sim: &Sim, session: &str) -> Result<(), String> {
    match sim.lock().signed_in(session) {
        true => Ok(()),
        false => Err(jobs::session_expired().to_string()),
    }
}

fn wrong_password() -> Value {
    seed::error_code(
        "ID.1000",
        "Unable to authenticate a user",
        "wrong account name or password",
    )
}

/// An argument the server refuses (as text).
fn invalid(details: String) -> String {
    seed::error_code("SYS.1007", "One or more API argument is invalid", &details).to_string()
}

/// The query an `APIQueryCbtTaskMsg` asks, or the error it gets.
fn query_of(fields: &Map<String, Value>) -> Result<Query, String> {
    let mut q = Query {
        limit: 1000,
        ..Query::default()
    };
    let conditions = fields.get("conditions").and_then(Value::as_array);
    for c in conditions.into_iter().flatten() {
        let name = c["name"].as_str().unwrap_or("");
        let value = match &c["value"] {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let op = match c["op"].as_str().unwrap_or("") {
            op @ ("=" | "!=" | ">" | ">=" | "<" | "<=") => op,
            "in" => "?=",
            "not in" => "!?=",
            "like" => "~=",
            "not like" => "!~=",
            "is null" => "is null",
            "is not null" => "not null",
            other => return Err(invalid(format!("unknown query operator[{other}]"))),
        };
        q.conditions
            .push(query::condition_of(name, op, &value).map_err(invalid)?);
    }
    let number = |k: &str| fields.get(k).and_then(Value::as_u64).map(|n| n as usize);
    let flag = |k: &str| fields.get(k).and_then(Value::as_bool).unwrap_or(false);
    q.limit = number("limit").unwrap_or(q.limit);
    q.start = number("start").unwrap_or(0);
    q.count = flag("count");
    q.reply_with_count = flag("replyWithCount");
    if let Some(by) = fields.get("sortBy").and_then(Value::as_str) {
        let asc = fields.get("sortDirection").and_then(Value::as_str) != Some("desc");
        let (name, _) = query::condition_of(by, "is null", "").map_err(invalid)?;
        q.sort = Some((name, asc));
    }
    Ok(q)
}
