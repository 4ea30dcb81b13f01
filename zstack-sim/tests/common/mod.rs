//! What zstack-sim's HTTP tests share: a simulator on an ephemeral port,
//! and a deliberately small client, so garbage can be sent too.
#![allow(dead_code)] // each test file uses its own part

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use zstack_sim::{app, Config, Sim};

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub struct Server {
    pub addr: String,
    pub sim: Arc<Sim>,
}

pub async fn start(cfg: Config) -> Server {
    let sim = Sim::new(cfg);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let router = app(sim.clone());
    tokio::spawn(zstack_sim::serve(listener, router, std::future::pending()));
    Server { addr, sim }
}

pub fn fast() -> Config {
    Config {
        job_delay: Duration::from_millis(50),
        ..Config::default()
    }
}

pub async fn raw(addr: &str, request: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut buf = Vec::new();
    // A connection closed without an answer reads as status 0, no body.
    let _ = s.read_to_end(&mut buf).await;
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

pub fn dechunk(mut s: &str) -> String {
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

pub async fn call(
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

pub const MY_TASK: &str = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71";
pub const STOP_BODY: &str =
    r#"{"params":{"force":false},"force":false,"systemTags":[],"userTags":[]}"#;

/// Reads one task with the ready session.
pub async fn get_task(srv: &Server, uuid: &str) -> Reply {
    let s = srv.sim.ready_session.clone();
    call(
        &srv.addr,
        "GET",
        &format!("/zstack/v1/cbt-task/{uuid}"),
        Some(&s),
        None,
    )
    .await
}
