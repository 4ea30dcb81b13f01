//! Starts the simulator on an ephemeral port and talks real HTTP to it,
//! through a deliberately small client so garbage can be sent too.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use zstack_sim::{app, sha512_hex, Config, Sim, Style};

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

struct Server {
    addr: String,
    sim: Arc<Sim>,
}

async fn start(cfg: Config) -> Server {
    let sim = Sim::new(cfg);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let router = app(sim.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });
    Server { addr, sim }
}

fn fast() -> Config {
    Config {
        job_delay: Duration::from_millis(50),
        ..Config::default()
    }
}

async fn raw(addr: &str, request: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

async fn call(
    addr: &str,
    method: &str,
    path: &str,
    session: Option<&str>,
    body: Option<&str>,
) -> Reply {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(s) = session {
        req.push_str(&format!("Authorization: OAuth {s}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!(
            "Content-Type: application/json;charset=UTF-8\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        ));
    } else {
        req.push_str("\r\n");
    }
    raw(addr, req.as_bytes()).await
}

const MY_TASK: &str = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71";
const STOP_BODY: &str = r#"{"params":{"force":false},"force":false,"systemTags":[],"userTags":[]}"#;

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
    let q = call(
        &srv.addr,
        "GET",
        &format!("/zstack/v1/cbt-task/{MY_TASK}"),
        Some(&s),
        None,
    )
    .await;
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
    for status in ["Created", "Starting", "Running", "Stopped", "Failed"] {
        assert!(
            all.iter().any(|t| t["status"] == status),
            "no {status} task"
        );
    }
}

#[tokio::test]
async fn unknown_session_fails_on_the_poll_and_on_queries() {
    let srv = start(fast()).await;
    let bad = "00000000000000000000000000000000";
    let job = stop(&srv, MY_TASK, bad).await;
    let r = settle(&srv, &job).await;
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["error"]["code"], "ID.1001");
    assert_eq!(r.json()["error"]["description"], "Session expired");
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
    let r = raw(&srv.addr, format!("POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer abc\r\nContent-Length: 2\r\n\r\n{{}}").as_bytes()).await;
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
        b"GET /zstack/v1/%ff%fe/../../etc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"POST /zstack/v1/cbt-task/disable/\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /zstack/v1/api-jobs/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"PUT /zstack/v1/accounts/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\n[1,2]",
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

#[tokio::test]
async fn documented_style_answers_synchronously() {
    let srv = start(Config {
        style: Style::Documented,
        ..fast()
    })
    .await;
    let s = srv.sim.ready_session.clone();
    let r = call(
        &srv.addr,
        "POST",
        &format!("/zstack/v1/cbt-task/disable/{MY_TASK}"),
        Some(&s),
        Some(STOP_BODY),
    )
    .await;
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
    assert_eq!(
        call(&srv.addr, "GET", "/missing.js", None, None)
            .await
            .status,
        404
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn documented_style_sends_the_deep_chain_whole() {
    let srv = start(Config {
        style: Style::Documented,
        ..fast()
    })
    .await;
    let s = srv.sim.ready_session.clone();
    let r = call(
        &srv.addr,
        "POST",
        "/zstack/v1/cbt-task/disable/fa110000000000000000000000000008",
        Some(&s),
        Some(STOP_BODY),
    )
    .await;
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
