//! The middleware every request passes: the Host check first, then the
//! request log (one line each; with `--log-bodies`, headers and bodies too,
//! every credential masked).

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

use crate::extract::{body_of, plain};
use crate::sim::Sim;

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

/// Refuses a request whose `Host` is not this simulator's (`403`).
pub(crate) async fn only_known_hosts(
    State(sim): State<Arc<Sim>>,
    req: Request,
    next: Next,
) -> Response {
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
    next.run(req).await
}

/// Prints `METHOD path status time` for each request (session UUIDs in the
/// path masked) and, with `--log-bodies`, its headers and bodies.
pub(crate) async fn log_requests(
    State(sim): State<Arc<Sim>>,
    req: Request,
    next: Next,
) -> Response {
    if !sim.cfg.log {
        return next.run(req).await;
    }
    let started = Instant::now();
    let method = req.method().clone();
    let path = loggable_path(req.uri().path());
    let shown = match req.uri().query() {
        Some(q) => format!("{path}?{q}"),
        None => path,
    };
    let bodies = sim.cfg.log_bodies;
    let req = if bodies {
        match print_request(req).await {
            Ok(r) => r,
            Err(r) => return r,
        }
    } else {
        req
    };
    let resp = next.run(req).await;
    println!(
        "{method} {shown} {} {}ms",
        resp.status().as_u16(),
        started.elapsed().as_millis()
    );
    if bodies {
        return print_response(resp).await;
    }
    resp
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
            format!("{}{}{}", &path[..start], masked(&rest[..end]), &rest[end..])
        }
        None => path.to_string(),
    }
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
async fn print_request(req: Request) -> Result<Request, Response> {
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
    let bytes = body_of(Request::from_parts(parts.clone(), body)).await?;
    if !bytes.is_empty() {
        println!("    > {}", body_text(&bytes));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

async fn print_response(resp: Response) -> Response {
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
