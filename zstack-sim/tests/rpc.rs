//! The RPC API (`POST /zstack/api`) over real HTTP, as zstack-cli and the
//! Python bindings speak it: every message, each error, and the polling.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};
use zstack_sim::{sha512_hex, Config, Style};

const LOG_IN: &str = "org.zstack.header.identity.APILogInByAccountMsg";
const LOG_OUT: &str = "org.zstack.header.identity.APILogOutMsg";
const QUERY: &str = "org.zstack.header.cbt.APIQueryCbtTaskMsg";
const DISABLE: &str = "org.zstack.header.cbt.APIDisableCbtTaskMsg";
const ENABLE: &str = "org.zstack.header.cbt.APIEnableCbtTaskMsg";

/// Posts `{class: fields}` (with the session, when given) to `path`.
async fn post(
    srv: &Server,
    path: &str,
    class: &str,
    mut fields: Value,
    session: Option<&str>,
) -> Reply {
    if let Some(s) = session {
        fields["session"] = json!({ "uuid": s });
    }
    let body = json!({ class: fields }).to_string();
    call(&srv.addr, "POST", path, None, Some(&body)).await
}

/// An API result's `result`, decoded: the reply or event's class and body.
fn result_of(r: &Reply) -> (String, Value) {
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["state"], "Done", "{v}");
    assert!(
        v["createdDate"].is_string() && v["finishedDate"].is_string(),
        "{v}"
    );
    let result: Value = serde_json::from_str(v["result"].as_str().expect("a JSON string")).unwrap();
    let (class, body) = result.as_object().unwrap().iter().next().unwrap();
    (class.clone(), body.clone())
}

/// A synchronous call's reply (class and body).
async fn sync(srv: &Server, class: &str, fields: Value, session: Option<&str>) -> (String, Value) {
    result_of(&post(srv, "/zstack/api/", class, fields, session).await)
}

/// Starts an asynchronous call; its job id, once accepted (`Processing`).
async fn accepted(srv: &Server, class: &str, fields: Value, session: &str) -> String {
    let r = post(srv, "/zstack/api", class, fields, Some(session)).await;
    let v = r.json();
    assert_eq!(v["state"], "Processing", "{v}");
    let id = v["uuid"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 32);
    id
}

/// A poll of job `id`'s result.
async fn job_result(srv: &Server, id: &str) -> Reply {
    let path = format!("/zstack/api/result/{id}");
    call(&srv.addr, "GET", &path, None, None).await
}

/// An asynchronous call: its event once polling says `Done`, and how many
/// polls said `Processing` first.
async fn run(srv: &Server, class: &str, fields: Value, session: &str) -> ((String, Value), usize) {
    let id = accepted(srv, class, fields, session).await;
    for processing in 0..200 {
        let r = job_result(srv, &id).await;
        if r.json()["state"] == "Processing" {
            assert_eq!(r.json()["uuid"], id.as_str());
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        }
        return (result_of(&r), processing);
    }
    panic!("job {id} never finished");
}

async fn log_in(srv: &Server) -> String {
    let (class, reply) = sync(
        srv,
        LOG_IN,
        json!({ "accountName": "admin", "password": sha512_hex("password") }),
        None,
    )
    .await;
    assert_eq!(class, "org.zstack.header.identity.APILogInReply");
    assert_eq!(reply["success"], true, "{reply}");
    reply["inventory"]["uuid"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn logging_in_and_out() {
    let srv = start(fast()).await;
    let session = log_in(&srv).await;
    let (_, reply) = sync(&srv, QUERY, json!({ "conditions": [] }), Some(&session)).await;
    assert_eq!(reply["success"], true);
    // A wrong password, in either case of hex.
    let (class, reply) = sync(
        &srv,
        LOG_IN,
        json!({ "accountName": "admin", "password": sha512_hex("nope") }),
        None,
    )
    .await;
    assert_eq!(class, "org.zstack.header.identity.APILogInReply");
    assert_eq!(reply["success"], false);
    assert_eq!(reply["error"]["code"], "ID.1000");
    let (_, reply) = sync(
        &srv,
        LOG_IN,
        json!({ "accountName": "admin", "password": sha512_hex("password").to_uppercase(), "session": {} }),
        None,
    )
    .await;
    assert_eq!(reply["success"], true);
    let (class, reply) = sync(
        &srv,
        LOG_OUT,
        json!({ "sessionUuid": session }),
        Some(&session),
    )
    .await;
    assert_eq!(class, "org.zstack.header.identity.APILogOutReply");
    assert_eq!(reply["success"], true);
    let (_, reply) = sync(&srv, QUERY, json!({ "conditions": [] }), Some(&session)).await;
    assert_eq!(reply["success"], false);
    assert_eq!(reply["error"]["code"], "ID.1001");
    assert_eq!(reply["error"]["details"], "Session expired");
}

#[tokio::test]
async fn queries_apply_their_conditions_paging_and_sorting() {
    let srv = start(fast()).await;
    let s = srv.sim.ready_session.clone();
    let names = |reply: &Value| -> Vec<String> {
        reply["inventories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_string())
            .collect()
    };
    let q = |conditions: Value, more: Value| {
        let mut fields = json!({ "conditions": conditions });
        fields
            .as_object_mut()
            .unwrap()
            .extend(more.as_object().unwrap().clone());
        fields
    };
    let (class, reply) = sync(
        &srv,
        QUERY,
        q(
            json!([{ "name": "name", "op": "=", "value": "My Task" }]),
            json!({}),
        ),
        Some(&s),
    )
    .await;
    assert_eq!(class, "org.zstack.header.cbt.APIQueryCbtTaskReply");
    assert_eq!(names(&reply), ["My Task"]);
    assert!(reply.get("schema").is_none(), "no REST schema in a reply");
    let (_, reply) = sync(
        &srv,
        QUERY,
        q(
            json!([{ "name": "status", "op": "in", "value": "Running,Stopped" }]),
            json!({ "sortBy": "name", "sortDirection": "desc", "replyWithCount": true }),
        ),
        Some(&s),
    )
    .await;
    let got = names(&reply);
    assert!(got.len() >= 2, "{reply}");
    let mut sorted = got.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(got, sorted);
    assert_eq!(reply["total"], got.len());
    let (_, reply) = sync(
        &srv,
        QUERY,
        q(
            json!([{ "name": "name", "op": "like", "value": "%-%" }]),
            json!({ "limit": 1, "start": 1 }),
        ),
        Some(&s),
    )
    .await;
    assert_eq!(names(&reply).len(), 1);
    let (_, reply) = sync(
        &srv,
        QUERY,
        q(
            json!([{ "name": "description", "op": "is not null" }]),
            json!({ "count": true }),
        ),
        Some(&s),
    )
    .await;
    assert!(
        reply["total"].as_u64().unwrap() > 0 && reply.get("inventories").is_none(),
        "{reply}"
    );
    for bad in [
        json!([{ "name": "colour", "op": "=", "value": "x" }]),
        json!([{ "name": "name", "op": "~", "value": "x" }]),
        json!([{ "name": "createDate", "op": ">", "value": "yesterday" }]),
    ] {
        let (_, reply) = sync(&srv, QUERY, q(bad.clone(), json!({})), Some(&s)).await;
        assert_eq!(reply["success"], false, "{bad}");
        assert_eq!(reply["error"]["code"], "SYS.1007", "{bad}");
    }
}

#[tokio::test]
async fn a_stop_is_a_job_polled_to_its_event_and_shared_with_rest() {
    let srv = start(fast()).await;
    let s = log_in(&srv).await;
    let ((class, event), processing) =
        run(&srv, DISABLE, json!({ "uuid": MY_TASK, "force": true }), &s).await;
    assert_eq!(class, "org.zstack.header.cbt.APIDisableCbtTaskEvent");
    assert_eq!(event["success"], true);
    assert!(processing > 0, "the job ran for its delay first");
    // The REST API reads the same task.
    assert_eq!(
        get_task(&srv, MY_TASK).await.json()["inventories"][0]["status"],
        "Stopped"
    );
    let ((class, event), _) = run(
        &srv,
        ENABLE,
        json!({ "uuid": MY_TASK, "bitmapName": "b" }),
        &s,
    )
    .await;
    assert_eq!(class, "org.zstack.header.cbt.APIEnableCbtTaskEvent");
    assert_eq!(event["success"], true);
    let (_, reply) = sync(
        &srv,
        QUERY,
        json!({ "conditions": [{ "name": "uuid", "op": "=", "value": MY_TASK }] }),
        Some(&s),
    )
    .await;
    assert_eq!(reply["inventories"][0]["status"], "Running");
    // A task stopped through REST reads back Stopped here.
    let r = call(
        &srv.addr,
        "POST",
        &format!("/zstack/v1/cbt-task/disable/{MY_TASK}"),
        Some(&s),
        Some(STOP_BODY),
    )
    .await;
    let location = r.json()["location"].as_str().unwrap().to_string();
    let job = &location[location.find("/zstack/").unwrap()..];
    while call(&srv.addr, "GET", job, None, None).await.status == 202 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (_, reply) = sync(
        &srv,
        QUERY,
        json!({ "conditions": [{ "name": "uuid", "op": "=", "value": MY_TASK }] }),
        Some(&s),
    )
    .await;
    assert_eq!(reply["inventories"][0]["status"], "Stopped");
    // Errors of the task and the session come as the event's error.
    let ((_, event), _) = run(
        &srv,
        DISABLE,
        json!({ "uuid": "0123456789abcdef0123456789abcdef" }),
        &s,
    )
    .await;
    assert_eq!(event["success"], false);
    assert_eq!(event["error"]["code"], "SYS.1006");
    let ((_, event), _) = run(
        &srv,
        DISABLE,
        json!({ "uuid": "fa110000000000000000000000000001" }),
        &s,
    )
    .await;
    assert!(
        event["error"]["cause"]["cause"]["cause"]["code"].is_string(),
        "{event}"
    );
    let r = post(
        &srv,
        "/zstack/api",
        DISABLE,
        json!({ "uuid": MY_TASK }),
        Some("00000000000000000000000000000000"),
    )
    .await;
    let (_, event) = result_of(&r);
    assert_eq!(event["error"]["code"], "ID.1001");
}

#[tokio::test]
async fn results_and_bodies_the_server_cannot_read() {
    let srv = start(fast()).await;
    let r = job_result(&srv, "0123456789abcdef0123456789abcdef").await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.body,
        "No api result[uuid:0123456789abcdef0123456789abcdef] found"
    );
    for body in [
        "{",
        "[1]",
        "{\"a\":1,\"b\":2}",
        "{\"org.zstack.header.vm.APIQueryVmInstanceMsg\":{}}",
    ] {
        let r = call(&srv.addr, "POST", "/zstack/api", None, Some(body)).await;
        assert_eq!(r.status, 200, "{body}");
        assert!(
            !r.body.is_empty() && !r.body.starts_with('{'),
            "{body}: {}",
            r.body
        );
    }
    // A fault the job never ends: still Processing.
    let s = srv.sim.ready_session.clone();
    let never = json!({ "uuid": "fa110000000000000000000000000002" });
    let id = accepted(&srv, DISABLE, never, &s).await;
    tokio::time::sleep(Duration::from_millis(120)).await;
    assert_eq!(job_result(&srv, &id).await.json()["state"], "Processing");
    // An expired job's result is gone.
    let expires = json!({ "uuid": "fa110000000000000000000000000006" });
    let id = accepted(&srv, DISABLE, expires, &s).await;
    assert_eq!(job_result(&srv, &id).await.status, 404);
}

#[tokio::test]
async fn the_documented_style_answers_a_stop_at_once() {
    let srv = start(Config {
        style: Style::Documented,
        ..fast()
    })
    .await;
    let s = srv.sim.ready_session.clone();
    let r = post(
        &srv,
        "/zstack/api",
        DISABLE,
        json!({ "uuid": MY_TASK }),
        Some(&s),
    )
    .await;
    let (class, event) = result_of(&r);
    assert_eq!(class, "org.zstack.header.cbt.APIDisableCbtTaskEvent");
    assert_eq!(event["success"], true);
    assert_eq!(
        get_task(&srv, MY_TASK).await.json()["inventories"][0]["status"],
        "Stopped"
    );
}
