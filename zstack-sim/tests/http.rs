//! The REST API over real HTTP (the helpers are in `common`).

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zstack_sim::{mask_secrets, sha512_hex, web_hook, Config, Sim, Style};

/// Stops `uuid` and returns the job path.
async fn stop(srv: &Server, uuid: &str, session: &str) -> String {
    start_job(srv, "disable", uuid, session).await
}

/// Calls `verb` (disable or enable) on `uuid` and returns the job path.
async fn start_job(srv: &Server, verb: &str, uuid: &str, session: &str) -> String {
    let r = call(
        &srv.addr,
        "POST",
        &format!("/zstack/v1/cbt-task/{verb}/{uuid}"),
        Some(session),
        Some(STOP_BODY),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.body);
    let v = r.json();
    assert!(v["apiTimeout"].as_u64().unwrap() > 0);
    let loc = v["location"].as_str().unwrap();
    assert!(loc.starts_with("http://"), "{loc}");
    let i = loc.find("/zstack/v1/api-jobs/").expect("job path");
    loc[i..].to_string()
}

/// Polls until the job answers something other than 202.
async fn settle(srv: &Server, job: &str) -> Reply {
    for _ in 0..100 {
        let r = call(&srv.addr, "GET", job, None, None).await;
        if r.status != 202 {
            return r;
        }
        assert_eq!(r.body, "{}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("job {job} never finished");
}

#[tokio::test]
async fn async_stop_runs_a_job_and_changes_the_task() {
    let srv = start(fast()).await;
    let s = srv.sim.ready_session.clone();
    let job = stop(&srv, MY_TASK, &s).await;
    let running = call(&srv.addr, "GET", &job, None, None).await;
    assert_eq!(running.status, 202);
    let done = settle(&srv, &job).await;
    assert_eq!(done.status, 200);
    assert_eq!(
        done.json(),
        json!({}),
        "the real result carries no inventory"
    );
    // Polling again gives the same answer.
    assert_eq!(call(&srv.addr, "GET", &job, None, None).await.status, 200);
    let q = get_task(&srv, MY_TASK).await;
    assert_eq!(q.status, 200);
    let inv = &q.json()["inventories"][0];
    assert_eq!(inv["status"], "Stopped");
    assert_eq!(inv["name"], "My Task");
    assert!(inv["lastOpDate"].as_str().unwrap().ends_with('M'));
    // Enable so a demo can be repeated.
    let job = start_job(&srv, "enable", MY_TASK, &s).await;
    assert_eq!(settle(&srv, &job).await.status, 200);
    let q = call(&srv.addr, "GET", "/zstack/v1/cbt-task", Some(&s), None).await;
    let all = q.json()["inventories"].as_array().unwrap().clone();
    assert!(all.len() >= 14);
    for status in ["Created", "Running", "Stopped", "Failed"] {
        assert!(
            all.iter().any(|t| t["status"] == status),
            "no {status} task"
        );
    }
    // `Starting` is the published page's, not the real `CbtTaskStatus`.
    assert!(!all.iter().any(|t| t["status"] == "Starting"));
}

#[tokio::test]
async fn unknown_session_fails_on_the_poll_and_on_queries() {
    let srv = start(fast()).await;
    let bad = "00000000000000000000000000000000";
    let job = stop(&srv, MY_TASK, bad).await;
    let r = settle(&srv, &job).await;
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["error"]["code"], "ID.1001");
    assert_eq!(
        r.json()["error"]["description"],
        "The session is invalid, either wrong session id or the session has been expired"
    );
    assert_eq!(r.json()["error"]["details"], "Session expired");
    assert_eq!(r.json()["error"]["i18nDetails"], "Session expired");
    let q = call(&srv.addr, "GET", "/zstack/v1/cbt-task", Some(bad), None).await;
    assert_eq!(q.status, 503);
    assert_eq!(q.json()["error"]["code"], "ID.1001");
}

#[tokio::test]
async fn unknown_task_is_sys_1006() {
    let srv = start(fast()).await;
    let s = srv.sim.ready_session.clone();
    let job = stop(&srv, "0123456789abcdef0123456789abcdef", &s).await;
    let r = settle(&srv, &job).await;
    assert_eq!(r.status, 503);
    let e = &r.json()["error"];
    assert_eq!(e["code"], "SYS.1006");
    assert_eq!(
        e["details"],
        "cannot find the cbt task[uuid:0123456789abcdef0123456789abcdef]"
    );
}

#[tokio::test]
async fn pre_dispatch_errors_are_plain_text_without_content_type() {
    let srv = start(fast()).await;
    let path = format!("/zstack/v1/cbt-task/disable/{MY_TASK}");
    let r = call(&srv.addr, "POST", &path, None, Some(STOP_BODY)).await;
    assert_eq!(r.status, 400);
    assert!(r.header("content-type").is_none());
    assert!(r.body.contains("Authorization"));
    let r = raw(&srv.addr, format!("POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer abc\r\nContent-Length: 2\r\n\r\n{{}}").as_bytes()).await;
    assert_eq!(r.status, 400);
    let s = srv.sim.ready_session.clone();
    let r = call(&srv.addr, "POST", &path, Some(&s), Some("{\"params\":")).await;
    assert_eq!(r.status, 500);
    assert!(r.header("content-type").is_none());
    let r = call(&srv.addr, "GET", "/zstack/v1/no/such/thing", Some(&s), None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.body, "no api mapping to /zstack/v1/no/such/thing");
    let r = call(
        &srv.addr,
        "DELETE",
        "/zstack/v1/cbt-task/disable/x",
        Some(&s),
        None,
    )
    .await;
    assert_eq!(r.status, 404);
    let big = format!("{{\"x\":\"{}\"}}", "a".repeat(1_100_000));
    let r = call(&srv.addr, "POST", &path, Some(&s), Some(&big)).await;
    assert_eq!(r.status, 413);
}

#[tokio::test]
async fn garbage_never_stops_the_server() {
    let srv = start(fast()).await;
    for junk in [
        &b"\x00\x01\x02garbage\r\n\r\n"[..],
        b"GET /zstack/v1/%ff%fe/../../etc HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        b"POST /zstack/v1/cbt-task/disable/\xff HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        b"GET /zstack/v1/api-jobs/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        b"PUT /zstack/v1/accounts/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 5\r\n\r\n[1,2]",
    ] {
        let _ = raw(&srv.addr, junk).await;
    }
    let r = call(&srv.addr, "GET", "/zstack/v1/api-jobs/nope", None, None).await;
    assert_eq!(r.status, 404);
    let s = srv.sim.ready_session.clone();
    assert_eq!(
        call(&srv.addr, "GET", "/zstack/v1/cbt-task", Some(&s), None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn login_logout_and_session_validity() {
    let srv = start(fast()).await;
    let body = |pw: &str| {
        json!({"logInByAccount": {"accountName": "admin", "password": sha512_hex(pw)}}).to_string()
    };
    let r = call(
        &srv.addr,
        "PUT",
        "/zstack/v1/accounts/login",
        None,
        Some(&body("wrong")),
    )
    .await;
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["error"]["code"], "ID.1000");
    let r = call(
        &srv.addr,
        "PUT",
        "/zstack/v1/accounts/login",
        None,
        Some(&body("password")),
    )
    .await;
    assert_eq!(r.status, 200);
    let session = r.json()["inventory"]["uuid"].as_str().unwrap().to_string();
    assert_eq!(session.len(), 32);
    let valid = format!("/zstack/v1/accounts/sessions/{session}/valid");
    assert_eq!(
        call(&srv.addr, "GET", &valid, None, None).await.json()["valid"],
        true
    );
    let r = call(
        &srv.addr,
        "DELETE",
        &format!("/zstack/v1/accounts/sessions/{session}"),
        Some(&session),
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        call(&srv.addr, "GET", &valid, None, None).await.json()["valid"],
        false
    );
}

#[tokio::test]
async fn fault_tasks_end_as_documented() {
    let srv = start(fast()).await;
    let s = srv.sim.ready_session.clone();
    let post = |uuid: &str| format!("/zstack/v1/cbt-task/disable/{uuid}");

    let job = stop(&srv, "fa110000000000000000000000000001", &s).await;
    let r = settle(&srv, &job).await;
    assert_eq!(r.status, 503);
    let e = &r.json()["error"];
    assert_eq!(e["cause"]["cause"]["cause"]["code"], "SYS.1000");
    assert_eq!(e["causes"].as_array().unwrap().len(), 2);
    assert!(e["opaque"].is_object());

    let job = stop(&srv, "fa110000000000000000000000000002", &s).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(call(&srv.addr, "GET", &job, None, None).await.status, 202);

    let r = call(
        &srv.addr,
        "POST",
        &post("fa110000000000000000000000000003"),
        Some(&s),
        Some(STOP_BODY),
    )
    .await;
    assert_eq!(r.status, 500);
    assert!(r.header("content-type").is_none());

    let r = call(
        &srv.addr,
        "POST",
        &post("fa110000000000000000000000000004"),
        Some(&s),
        Some(STOP_BODY),
    )
    .await;
    assert_eq!(r.status, 502);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.body.contains("<h1>502 Bad Gateway</h1>"));

    let r = call(
        &srv.addr,
        "POST",
        &post("fa110000000000000000000000000005"),
        Some(&s),
        Some(STOP_BODY),
    )
    .await;
    assert_eq!(r.status, 429);
    assert!(r.header("content-type").is_none());

    let job = stop(&srv, "fa110000000000000000000000000006", &s).await;
    let r = call(&srv.addr, "GET", &job, None, None).await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").is_none());

    let r = call(
        &srv.addr,
        "POST",
        &post("fa110000000000000000000000000007"),
        Some(&s),
        Some(STOP_BODY),
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.body).is_err());

    let job = stop(&srv, "fa110000000000000000000000000008", &s).await;
    let r = settle(&srv, &job).await;
    assert_eq!(r.status, 503);
    // Counted on the text: a recursive parse of 1,500 levels needs a big stack.
    assert!(r.body.starts_with(r#"{"error":{"code":"SYS.1000""#));
    assert_eq!(r.body.matches(r#""cause":{"#).count(), 1500);
    assert!(r.body.ends_with(&"}".repeat(1502)));

    let job = stop(&srv, "fa110000000000000000000000000009", &s).await;
    let r = settle(&srv, &job).await;
    assert!(r.json()["error"]["details"]
        .as_str()
        .unwrap()
        .contains("<script>"));
}

/// A simulator answering in the published page's shape.
async fn documented() -> Server {
    start(Config {
        style: Style::Documented,
        ..fast()
    })
    .await
}

#[tokio::test]
async fn documented_style_answers_synchronously() {
    let srv = documented().await;
    let s = srv.sim.ready_session.clone();
    let r = stop_with(&srv, MY_TASK, "").await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["success"], true);
    assert_eq!(v["inventory"]["status"], "Stopped");
    assert!(v["error"].is_null());
    let r = call(
        &srv.addr,
        "POST",
        "/zstack/v1/cbt-task/disable/0123456789abcdef0123456789abcdef",
        Some(&s),
        Some(STOP_BODY),
    )
    .await;
    assert_eq!(r.json()["success"], false);
    assert_eq!(r.json()["error"]["code"], "SYS.1006");
}

#[tokio::test]
async fn serves_the_static_folder_at_root_and_under_panel() {
    let dir = std::env::temp_dir().join(format!("zstack-sim-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>panel</title>",
    )
    .unwrap();
    let srv = start(Config {
        dist: Some(dir.clone()),
        ..fast()
    })
    .await;
    for path in ["/", "/index.html", "/panel/", "/panel/index.html"] {
        let r = call(&srv.addr, "GET", path, None, None).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.body.contains("<title>panel</title>"), "{path}");
    }
    assert_eq!(
        call(&srv.addr, "GET", "/panel", None, None).await.status,
        308
    );
    let page = call(&srv.addr, "GET", "/panel/", None, None).await;
    assert_eq!(
        page.header("content-security-policy"),
        Some(zstack_sim::CSP)
    );
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    // The policy names where violations go, and a report is taken.
    assert!(zstack_sim::CSP.ends_with("report-uri /csp-report"));
    let report = r#"{"csp-report":{"violated-directive":"style-src-attr","blocked-uri":"inline","document-uri":"http://127.0.0.1/"}}"#;
    let r = call(&srv.addr, "POST", "/csp-report", None, Some(report)).await;
    assert_eq!(r.status, 204);
    for path in ["/missing.js", "/panel/missing.js"] {
        let r = call(&srv.addr, "GET", path, None, None).await;
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.body, format!("no such file: {path}"));
        assert!(r.header("content-security-policy").is_none(), "{path}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn documented_style_sends_the_deep_chain_whole() {
    let srv = documented().await;
    let r = stop_with(&srv, "fa110000000000000000000000000008", "").await;
    assert_eq!(r.status, 200);
    // Read as text: a 1,500-deep `Value` would only test this thread's stack.
    assert!(r
        .body
        .starts_with(r#"{"success":false,"inventory":null,"error":{"#));
    let depth = r.body.matches(r#""cause":{"#).count();
    assert!(depth >= 1499, "the chain arrived {depth} deep");
    assert!(!r.body.contains(r#""error":null"#));
}

#[tokio::test]
async fn jobs_are_bounded_and_found_without_a_scan() {
    let srv = start(Config {
        max_jobs: 20,
        ..fast()
    })
    .await;
    // Jobs are made for any session (the real server checks it after
    // dispatch); they must not pile up.
    let fake = "0123456789abcdef0123456789abcdef";
    let first = stop(&srv, MY_TASK, fake).await;
    let mut last = String::new();
    for _ in 0..60 {
        last = stop(&srv, MY_TASK, fake).await;
    }
    assert!(srv.sim.job_count() <= 20, "{}", srv.sim.job_count());
    let r = call(&srv.addr, "GET", &first, None, None).await;
    assert_eq!(r.status, 404, "the oldest job went first");
    let r = settle(&srv, &last).await;
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["error"]["code"], "ID.1001");
}

/// GETs a query and returns the reply.
async fn get_query(srv: &Server, query: &str) -> Reply {
    let s = srv.sim.ready_session.clone();
    call(
        &srv.addr,
        "GET",
        &format!("/zstack/v1/cbt-task?{query}"),
        Some(&s),
        None,
    )
    .await
}

fn names(r: &Reply) -> Vec<String> {
    r.json()["inventories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn queries_apply_their_conditions_paging_sorting_and_fields() {
    let srv = start(fast()).await;
    let r = get_query(&srv, "q=name%3DMy%20Task").await;
    assert_eq!(r.status, 200);
    assert_eq!(names(&r), ["My Task"]);
    assert_eq!(
        r.json()["schema"]["inventories[0]"],
        "org.zstack.header.cbt.CbtTaskInventory"
    );
    let r = get_query(&srv, "q=status%3DRunning&limit=2&sort=-name").await;
    let n = names(&r);
    assert_eq!(n.len(), 2);
    assert!(n[0] >= n[1], "{n:?}");
    assert!(r.json().get("total").is_none());
    // Paging and the total.
    let all = names(&get_query(&srv, "sort=%2Bname").await);
    let page = get_query(&srv, "sort=%2Bname&start=2&limit=3&replyWithCount=true").await;
    assert_eq!(names(&page), all[2..5]);
    assert_eq!(page.json()["total"], all.len());
    assert_eq!(
        get_query(&srv, "q=status%3DRunning&count=true")
            .await
            .json(),
        json!({ "total": n_running(&srv) })
    );
    // LIKE with % and _, case-insensitively; NOT LIKE.
    assert_eq!(
        names(&get_query(&srv, "q=name~%3D%25PRIMARY%25").await),
        ["db-primary-hourly"]
    );
    assert_eq!(
        names(&get_query(&srv, "q=name~%3Dmail-archiv_").await),
        ["mail-archive"]
    );
    let not_fault = names(&get_query(&srv, "q=name!~%3Dfault%3A%25").await);
    assert!(not_fault.iter().all(|n| !n.starts_with("fault:")) && !not_fault.is_empty());
    // In and not in; repeated q is AND.
    let r = get_query(&srv, "q=status%3F%3DStopped,Failed&sort=name").await;
    assert_eq!(names(&r), ["fileserver-daily", "mail-archive"]);
    let r = get_query(
        &srv,
        "q=status!%3F%3DRunning&q=name!%3Dmail-archive&sort=name",
    )
    .await;
    assert_eq!(names(&r), ["db-primary-hourly", "fileserver-daily"]);
    // Comparisons, dates as instants.
    let r = get_query(
        &srv,
        "q=createDate%3ENov%201%2C%202026%207%3A00%3A00%20AM&q=name!~%3Dfault%25",
    )
    .await;
    assert!(names(&r).is_empty());
    let r = get_query(&srv, "q=createDate%3CJan%201%2C%202018%2012%3A00%3A00%20AM").await;
    assert_eq!(names(&r), ["My Task"]);
    // Null checks and fields.
    assert_eq!(
        names(&get_query(&srv, "q=description%20is%20null").await).len(),
        0
    );
    let r = get_query(
        &srv,
        "q=uuid%3D5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71&fields=uuid,status",
    )
    .await;
    assert_eq!(
        r.json()["inventories"][0],
        json!({ "uuid": MY_TASK, "status": "Running" })
    );
    // Unknown fields and operators are a 400 with a text body.
    for bad in [
        "q=colour%3Dred",
        "q=name%5EMy",
        "sort=-colour",
        "limit=many",
        "fields=uuid,colour",
    ] {
        let r = get_query(&srv, bad).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.header("content-type").is_none(), "{bad}");
        assert!(!r.body.is_empty(), "{bad}");
    }
}

fn n_running(srv: &Server) -> usize {
    srv.sim
        .tasks()
        .iter()
        .filter(|t| t.status == "Running")
        .count()
}

#[tokio::test]
async fn a_single_task_read_carries_a_schema_and_is_empty_when_unknown() {
    let srv = start(fast()).await;
    let r = get_task(&srv, MY_TASK).await;
    assert_eq!(r.json()["inventories"][0]["uuid"], MY_TASK);
    assert_eq!(
        r.json()["schema"]["inventories[0]"],
        "org.zstack.header.cbt.CbtTaskInventory"
    );
    let r = get_task(&srv, "0123456789abcdef0123456789abcdef").await;
    assert_eq!(r.json(), json!({ "inventories": [], "schema": {} }));
}

#[tokio::test]
async fn documented_style_keeps_a_starting_task() {
    let srv = documented().await;
    assert!(srv.sim.tasks().iter().any(|t| t.status == "Starting"));
}

/// POSTs a stop with extra header lines.
async fn stop_with(srv: &Server, uuid: &str, headers: &str) -> Reply {
    let s = &srv.sim.ready_session;
    let req = format!(
        "POST /zstack/v1/cbt-task/disable/{uuid} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Authorization: OAuth {s}\r\n{headers}Content-Type: application/json;charset=UTF-8\r\n\
         Content-Length: {}\r\n\r\n{STOP_BODY}",
        srv.addr,
        STOP_BODY.len()
    );
    raw(&srv.addr, req.as_bytes()).await
}

#[tokio::test]
async fn the_job_is_named_after_x_job_uuid() {
    let srv = start(fast()).await;
    let id = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    let r = stop_with(&srv, MY_TASK, &format!("X-Job-UUID: {id}\r\n")).await;
    assert_eq!(r.status, 202, "{}", r.body);
    assert!(r.json()["location"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/zstack/v1/api-jobs/{id}")));
    assert_eq!(
        settle(&srv, &format!("/zstack/v1/api-jobs/{id}"))
            .await
            .status,
        200
    );
    // Used once: a second POST with it is a 400 naming the header.
    let r = stop_with(&srv, MY_TASK, &format!("X-Job-UUID: {id}\r\n")).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("X-Job-UUID"), "{}", r.body);
    for bad in [
        "1234",
        "a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90",
        "zzb2c3d4e5f60718293a4b5c6d7e8f90",
    ] {
        let r = stop_with(&srv, MY_TASK, &format!("X-Job-UUID: {bad}\r\n")).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.body.contains("X-Job-UUID"), "{}", r.body);
    }
}

#[tokio::test]
async fn a_web_hook_gets_the_result_instead_of_polling() {
    let srv = start(fast()).await;
    let hook = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/done", hook.local_addr().unwrap());
    let id = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    let r = stop_with(
        &srv,
        MY_TASK,
        &format!("X-Job-UUID: {id}\r\nX-Web-Hook: {url}\r\n"),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.body);
    let (mut conn, _) = tokio::time::timeout(Duration::from_secs(5), hook.accept())
        .await
        .expect("the hook is called")
        .unwrap();
    let mut buf = vec![0u8; 4096];
    let mut got = String::new();
    while !got.contains("\r\n\r\n{}") {
        let n = conn.read(&mut buf).await.unwrap();
        assert!(n > 0, "{got}");
        got.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        .await
        .unwrap();
    assert!(got.starts_with("POST /done HTTP/1.1"), "{got}");
    // Header names are compared as HTTP compares them: without case.
    let lower = got.to_ascii_lowercase();
    assert!(lower.contains("\r\nx-job-success: true\r\n"), "{got}");
    assert!(
        lower.contains(&format!("\r\nx-job-uuid: {id}\r\n")),
        "{got}"
    );
    let poll = call(
        &srv.addr,
        "GET",
        &format!("/zstack/v1/api-jobs/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(poll.status, 404, "not kept for polling");
    assert_eq!(
        srv.sim
            .tasks()
            .iter()
            .find(|t| t.uuid == MY_TASK)
            .unwrap()
            .status,
        "Stopped"
    );
    // Only loopback hooks.
    let r = stop_with(&srv, MY_TASK, "X-Web-Hook: http://192.0.2.1/done\r\n").await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn a_lost_reply_still_stops_the_task_and_its_job_can_be_polled() {
    let srv = start(fast()).await;
    let lost = "fa11000000000000000000000000000a";
    let id = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
    let r = stop_with(&srv, lost, &format!("X-Job-UUID: {id}\r\n")).await;
    assert_eq!(r.status, 0, "no answer at all");
    assert!(r.body.is_empty());
    let r = settle(&srv, &format!("/zstack/v1/api-jobs/{id}")).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        srv.sim
            .tasks()
            .iter()
            .find(|t| t.uuid == lost)
            .unwrap()
            .status,
        "Stopped"
    );
}

#[tokio::test]
async fn texts_are_the_real_servers() {
    let srv = start(fast()).await;
    let job = stop(
        &srv,
        "0123456789abcdef0123456789abcdef",
        &srv.sim.ready_session.clone(),
    )
    .await;
    let e = settle(&srv, &job).await.json()["error"].clone();
    assert_eq!(e["code"], "SYS.1006");
    assert_eq!(e["description"], "An operation failed");
    assert!(e["i18nDetails"].is_string());
    let r = call(
        &srv.addr,
        "GET",
        "/zstack/v1/api-jobs/00000000000000000000000000000000",
        None,
        None,
    )
    .await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (404, "the job has been expired")
    );
    let r = stop_with(&srv, "fa110000000000000000000000000005", "").await;
    assert_eq!((r.status, r.body.as_str()), (429, "Rate limit exceeded"));
    let r = call(
        &srv.addr,
        "PUT",
        "/zstack/v1/accounts/login",
        None,
        Some(r#"{"logInByAccount":{"accountName":"admin","password":"nope"}}"#),
    )
    .await;
    assert_eq!(
        r.json()["error"]["description"],
        "Unable to authenticate a user"
    );
}

#[tokio::test]
async fn the_log_shows_queries_and_with_log_bodies_headers_and_bodies() {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_zstack-sim"))
        .args(["--port", "0", "--log-bodies", "--job-delay-ms", "0"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut addr, mut session) = (String::new(), String::new());
    while let Some(l) = lines.next_line().await.unwrap() {
        if let Some(a) = l.trim().strip_prefix("API base: http://") {
            addr = a.to_string();
        }
        if let Some(s) = l.trim().strip_prefix("session:") {
            session = s.split_whitespace().next().unwrap().to_string();
        }
        if l.contains("requests:") {
            break;
        }
    }
    call(
        &addr,
        "GET",
        "/zstack/v1/cbt-task?q=name%3DMy%20Task&limit=1",
        Some(&session),
        None,
    )
    .await;
    call(
        &addr,
        "POST",
        &format!("/zstack/v1/cbt-task/disable/{MY_TASK}"),
        Some(&session),
        Some(STOP_BODY),
    )
    .await;
    let mut log = String::new();
    while !log.contains("\"location\"") {
        let l = tokio::time::timeout(Duration::from_secs(5), lines.next_line())
            .await
            .expect("more log")
            .unwrap()
            .unwrap();
        log.push_str(&l);
        log.push('\n');
    }
    assert!(
        log.contains("GET /zstack/v1/cbt-task?q=name%3DMy%20Task&limit=1 200"),
        "{log}"
    );
    let tail = &session[28..];
    assert!(
        log.contains(&format!("authorization: OAuth ••••{tail}")),
        "{log}"
    );
    assert!(!log.contains(&session), "the session is masked: {log}");
    assert!(log.contains(STOP_BODY), "{log}");
}

#[tokio::test]
async fn a_web_hook_is_a_loopback_address_taken_only_from_a_known_session() {
    let srv = start(fast()).await;
    for bad in [
        "http://127.attacker.invalid:8080/x",
        "http://127.0.0.1.nip.io:80/x",
        "http://192.0.2.1:80/done",
        "https://127.0.0.1:80/done",
        "http://127.0.0.1/no-port",
    ] {
        assert!(web_hook(bad).is_err(), "{bad}");
        let r = stop_with(&srv, MY_TASK, &format!("X-Web-Hook: {bad}\r\n")).await;
        assert_eq!(r.status, 400, "{bad}");
    }
    assert_eq!(
        web_hook("http://localhost:9/cb").unwrap().addr.to_string(),
        "127.0.0.1:9"
    );
    assert!(web_hook("http://[::1]:9/cb").is_ok());
    // An unknown session is refused before its hook is even looked at.
    let req = format!(
        "POST /zstack/v1/cbt-task/disable/{MY_TASK} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Authorization: OAuth 00000000000000000000000000000000\r\nX-Web-Hook: http://127.attacker.invalid/\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{STOP_BODY}",
        STOP_BODY.len()
    );
    let r = raw(&srv.addr, req.as_bytes()).await;
    assert_eq!(r.status, 503, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "ID.1001");
}

#[tokio::test]
async fn a_hook_that_never_answers_does_not_hold_the_job() {
    let srv = start(fast()).await;
    let hook = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/slow", hook.local_addr().unwrap());
    let r = stop_with(&srv, MY_TASK, &format!("X-Web-Hook: {url}\r\n")).await;
    assert_eq!(r.status, 202, "{}", r.body);
    // Accepted, read, never answered: the simulator gives up on its own
    // (its deadline is 5 s) and closes the connection.
    let (mut conn, _) = hook.accept().await.unwrap();
    let mut buf = vec![0u8; 65536];
    let closed = tokio::time::timeout(Duration::from_secs(8), async {
        loop {
            match conn.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "the simulator closed the hook's connection");
}

#[tokio::test]
async fn a_date_condition_that_is_not_a_date_is_a_400() {
    let srv = start(fast()).await;
    for q in [
        "createDate%3EJan%201%2C%209223372036854775807%2012%3A00%3A00%20AM",
        "lastOpDate%3C%3Dyesterday",
        "createDate%3EFeb%2040%2C%202020%2012%3A00%3A00%20AM",
    ] {
        let r = get_query(&srv, &format!("q={q}")).await;
        assert_eq!(r.status, 400, "{q}: {}", r.body);
    }
    let ok = get_query(&srv, "q=createDate%3EJan%201%2C%202000%2012%3A00%3A00%20AM").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
}

#[test]
fn the_log_masks_a_logins_password_and_its_session() {
    let login = r#"{"logInByAccount":{"accountName":"admin","password":"b109f3bbbc244eb82441917ed06d618b9008dd09b3befd1b5e07394c706a8bb980b1d7785e5976ec049b46df5f1326af5a2ea6d103fd07c95385ffab0cacbc86"}}"#;
    let shown = mask_secrets(login);
    assert!(!shown.contains("b109f3bb"), "{shown}");
    assert!(shown.contains("••••bc86"), "{shown}");
    let reply = r#"{"inventory":{"uuid":"0123456789abcdef0123456789ab1a2b","accountUuid":"36c27e8ff05c4780bf6d2fa65700f22e","expiredDate":"Nov 14, 2017 10:20:57 PM"}}"#;
    let shown = mask_secrets(reply);
    assert!(!shown.contains("0123456789abcdef"), "{shown}");
    // A task's inventory keeps its UUID, and a body without secrets is
    // printed as it came.
    assert_eq!(mask_secrets(STOP_BODY), STOP_BODY);
    let task = r#"{"inventories":[{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","name":"My Task"}]}"#;
    assert_eq!(mask_secrets(task), task);
}

#[tokio::test]
async fn two_posts_with_one_job_id_at_once_make_one_job() {
    for _ in 0..5 {
        let srv = start(fast()).await;
        let id = "c0ffee00c0ffee00c0ffee00c0ffee00";
        let header = format!("X-Job-UUID: {id}\r\n");
        let (a, b) = tokio::join!(
            stop_with(&srv, MY_TASK, &header),
            stop_with(&srv, MY_TASK, &header)
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [202, 400], "{} / {}", a.body, b.body);
    }
}

#[tokio::test]
async fn a_condition_is_split_at_the_first_operator_of_the_servers_list() {
    let srv = start(fast()).await;
    // `!=` comes before `~=` in RestServer's list: the field is `name~=%db`.
    let r = get_query(&srv, "q=name~%3D%25db!%3Dprod%25").await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("name~=%db"), "{}", r.body);
    // Escaped LIKE wildcards match themselves.
    assert_eq!(
        names(&get_query(&srv, "q=name~%3D%25db%5C_%25").await),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&get_query(&srv, "q=name~%3Ddb-primary%5C%25").await),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&get_query(&srv, "q=name~%3Ddb_primary%25").await),
        ["db-primary-hourly"]
    );
    assert!(zstack_sim::query::like("50%", "50\\%"));
    assert!(!zstack_sim::query::like("500", "50\\%"));
}

#[tokio::test]
async fn a_batch_tasks_fault_applies_only_to_a_task_that_was_seeded() {
    let srv = start(Config {
        extra_tasks: 20,
        ..fast()
    })
    .await;
    let s = srv.sim.ready_session.clone();
    let many = |n: u64| format!("ba7c{n:028x}");
    // The tenth seeded task fails its stop with the nested error.
    let r = settle(&srv, &stop(&srv, &many(10), &s).await).await;
    assert_eq!(r.status, 503);
    assert_eq!(
        r.json()["error"]["cause"]["cause"]["cause"]["code"],
        "SYS.1000"
    );
    // The thirtieth was never seeded: no such task, as for any UUID.
    for n in [30, 0] {
        let r = settle(&srv, &stop(&srv, &many(n), &s).await).await;
        assert_eq!(r.status, 503);
        assert_eq!(r.json()["error"]["code"], "SYS.1006", "{}", many(n));
    }
}

#[tokio::test]
async fn tasks_beyond_the_bound_are_refused_with_a_message() {
    for n in [
        "100001",
        "18446744073709551615",
        "18446744073709551616",
        "-1",
    ] {
        let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_zstack-sim"))
            .args(["--port", "0", "--tasks", n])
            .output()
            .await
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--tasks {n}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--tasks takes a number of tasks from 0 to 100000"),
            "{err}"
        );
    }
    // Made directly, the list is bounded too.
    let sim = Sim::new(Config {
        extra_tasks: usize::MAX,
        ..fast()
    });
    assert!(sim.tasks().len() <= zstack_sim::MAX_EXTRA_TASKS + 20);
}

/// A request with its own `Host` header.
async fn with_host(addr: &str, method: &str, path: &str, host: &str, body: &str) -> Reply {
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Content-Type: application/json;charset=UTF-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    raw(addr, req.as_bytes()).await
}

#[tokio::test]
async fn only_loopback_names_and_ip_addresses_are_answered() {
    let srv = start(fast()).await;
    let login = format!(
        r#"{{"logInByAccount":{{"accountName":"admin","password":"{}"}}}}"#,
        sha512_hex("password")
    );
    let port = srv.addr.rsplit(':').next().unwrap().to_string();
    // A page on a name rebound to 127.0.0.1 sends its own name as Host.
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "localhost.evil.example",
        "127.0.0.1.nip.io:80",
        "",
    ] {
        let r = with_host(&srv.addr, "PUT", "/zstack/v1/accounts/login", host, &login).await;
        assert_eq!(r.status, 403, "Host {host:?}: {}", r.body);
    }
    for host in [
        srv.addr.clone(),
        format!("localhost:{port}"),
        "LOCALHOST".into(),
        format!("[::1]:{port}"),
    ] {
        let r = with_host(&srv.addr, "PUT", "/zstack/v1/accounts/login", &host, &login).await;
        assert_eq!(r.status, 200, "Host {host:?}: {}", r.body);
    }
    assert!(zstack_sim::host_allowed(
        Some("panel.example:8080"),
        &["panel.example".into()]
    ));
    assert!(!zstack_sim::host_allowed(
        Some("panel.example:x"),
        &["panel.example".into()]
    ));
    assert!(!zstack_sim::host_allowed(None, &[]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_is_answered_while_large_queries_sort() {
    let srv = Arc::new(
        start(Config {
            extra_tasks: 100_000,
            ..fast()
        })
        .await,
    );
    let s = srv.sim.ready_session.clone();
    let job = stop(&srv, MY_TASK, &s).await;
    let done = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let queries: Vec<_> = (0..8)
        .map(|i| {
            let (srv, done) = (srv.clone(), done.clone());
            let sort = if i % 2 == 0 { "-name" } else { "-description" };
            tokio::spawn(async move {
                let r = get_query(&srv, &format!("sort={sort}&limit=50&replyWithCount=true")).await;
                assert_eq!(r.status, 200);
                done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(10)).await;
    let r = call(&srv.addr, "GET", &job, None, None).await;
    assert!(r.status == 202 || r.status == 200, "{}", r.body);
    let finished = done.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(
        finished, 0,
        "the poll waited for {finished} queries to sort"
    );
    for q in queries {
        q.await.unwrap();
    }
}

#[tokio::test]
async fn a_trailing_slash_is_ignored_and_an_unknown_path_or_method_is_named() {
    let srv = start(fast()).await;
    let s = srv.sim.ready_session.clone();
    let r = call(&srv.addr, "GET", "/zstack/v1/cbt-task/", Some(&s), None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json()["inventories"].is_array());
    for (method, path) in [
        ("GET", "/zstack"),
        ("GET", "/zstack/"),
        ("PUT", "/zstack/v1/cbt-task"),
        ("GET", "/zstack/v1/cbt-task/disable/x/y"),
    ] {
        let r = call(&srv.addr, method, path, Some(&s), None).await;
        assert_eq!(r.status, 404, "{method} {path}");
        assert!(r.header("content-type").is_none(), "{method} {path}");
        assert!(
            r.body.starts_with("no api mapping to /zstack"),
            "{method} {path}: {}",
            r.body
        );
    }
    let r = call(&srv.addr, "GET", "/index.html", None, None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.body, "no static folder is served (start with --dist)");
}
