//! The panel's static files, at `/` and under `/panel/`, sent as a deployer
//! would: never cached stale, and the page under a strict
//! Content-Security-Policy so every flow is exercised under it.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::OriginalUri;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::map_response;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;
use tower_http::services::ServeDir;

use crate::extract::plain;
use crate::sim::Sim;

/// The Content-Security-Policy sent with the page: no inline script,
/// `'wasm-unsafe-eval'` for the module, API calls to this origin only, and
/// framing by loopback consoles (the embedding tests' hosts). A browser
/// reports each violation to [`REPORTS`], which prints it: a flow that
/// breaks the policy shows in the log, in every engine.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'none'; \
frame-ancestors 'self' http://localhost:* http://127.0.0.1:*; report-uri /csp-report";

/// Where browsers send the page's policy violations (`report-uri`).
pub const REPORTS: &str = "/csp-report";

/// The static routes: `dist` at `/` and `/panel/`, or, without one, a
/// `404` that says how to serve it.
pub(crate) fn routes(dist: Option<PathBuf>) -> Router<Arc<Sim>> {
    let Some(dist) = dist else {
        return Router::new().fallback(|| async {
            plain(
                StatusCode::NOT_FOUND,
                "no static folder is served (start with --dist)",
            )
        });
    };
    let files = ServeDir::new(dist).not_found_service(no_such_file.into_service());
    Router::new()
        .route(REPORTS, post(violation))
        .route("/panel", get(|| async { Redirect::permanent("/panel/") }))
        .nest_service("/panel/", files.clone())
        .fallback_service(files)
        .layer(map_response(as_deployed))
}

/// Prints a violation report (`{"csp-report": {…}}`, as every engine sends
/// it) as one line: `CSP violation: <directive> <blocked> on <page>`.
async fn violation(body: Bytes) -> StatusCode {
    let report: Value = serde_json::from_slice(&body).unwrap_or_default();
    let r = &report["csp-report"];
    let field = |k: &str| r[k].as_str().unwrap_or("?").to_owned();
    println!(
        "CSP violation: {} {} on {}",
        field("violated-directive"),
        field("blocked-uri"),
        field("document-uri")
    );
    StatusCode::NO_CONTENT
}

async fn no_such_file(OriginalUri(uri): OriginalUri) -> Response {
    plain(
        StatusCode::NOT_FOUND,
        format!("no such file: {}", uri.path()),
    )
}

/// The panel is a single page (stale copies confuse people), under the
/// strict policy a deployer would set.
async fn as_deployed(mut r: Response) -> Response {
    if r.status() == StatusCode::NOT_FOUND || r.status().is_redirection() {
        return r;
    }
    let h = r.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if h.get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"))
    {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    r
}
