//! What a request carries, read as the real server reads it: each
//! extractor's rejection is the answer the real RestServer gives before an
//! API is dispatched (plain text, no Content-Type).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, OriginalUri, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::sim::{new_uuid, Reservation, Sim};

/// The largest request body the simulator reads.
pub const MAX_BODY: usize = 1024 * 1024;

/// A plain-text answer without a Content-Type, as the real server's
/// pre-dispatch errors are.
pub(crate) fn plain(status: StatusCode, text: impl Into<String>) -> Response {
    let mut r = Response::new(axum::body::Body::from(text.into()));
    *r.status_mut() = status;
    r
}

/// `Authorization: OAuth <session uuid>`: the session named (which may
/// not be signed in; the API interceptor checks that after dispatch).
pub struct Session(pub String);

impl<S: Sync> FromRequestParts<S> for Session {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        let Some(v) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(plain(
                StatusCode::BAD_REQUEST,
                "missing header 'Authorization'; expected 'Authorization: OAuth <session uuid>'",
            ));
        };
        let mut words = v.to_str().unwrap_or("").split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some("OAuth"), Some(id), None) => Ok(Session(id.to_string())),
            _ => Err(plain(
                StatusCode::BAD_REQUEST,
                "the header 'Authorization' must be 'OAuth <session uuid>'",
            )),
        }
    }
}

/// The job id the client chose (`X-Job-UUID`, 32 hex digits; the real
/// server names the job after it), or a new one. A malformed or already
/// used id is the real server's `400`. The id is held until the request
/// ends, so two requests naming it at once make one job.
pub struct JobId {
    pub id: String,
    _held: Option<Reservation>,
}

impl FromRequestParts<Arc<Sim>> for JobId {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, sim: &Arc<Sim>) -> Result<Self, Response> {
        let Some(v) = parts.headers.get("X-Job-UUID") else {
            return Ok(JobId {
                id: new_uuid(),
                _held: None,
            });
        };
        let id = v.to_str().unwrap_or("");
        if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(plain(
                StatusCode::BAD_REQUEST,
                format!("invalid X-Job-UUID[{id}]: a job UUID is 32 hex digits without dashes"),
            ));
        }
        let id = id.to_ascii_lowercase();
        let taken = {
            let mut inner = sim.lock();
            inner.jobs.contains_key(&id) || !inner.reserved.insert(id.clone())
        };
        if taken {
            return Err(plain(
                StatusCode::BAD_REQUEST,
                format!("duplicate X-Job-UUID[{id}]: a job with this UUID already exists"),
            ));
        }
        Ok(JobId {
            _held: Some(Reservation {
                sim: sim.clone(),
                id: id.clone(),
            }),
            id,
        })
    }
}

/// One path segment (a task's or a job's UUID). A segment that is not
/// text is an unknown path, as the real server has it.
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(Id(id)),
            Err(_) => Err(no_api_mapping(parts)),
        }
    }
}

/// The real server's answer to a path or method it has no API for.
pub(crate) fn no_api_mapping(parts: &Parts) -> Response {
    let path = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(parts.uri.path(), |u| u.0.path());
    plain(StatusCode::NOT_FOUND, format!("no api mapping to {path}"))
}

/// The fallback of the API's routes: no such API.
pub(crate) async fn unknown_api(req: Request) -> Response {
    no_api_mapping(&req.into_parts().0)
}

/// A JSON body, parsed as the real server's Gson parses it: an empty body
/// is `{}`, malformed JSON a plain `500`, and more than [`MAX_BODY`] a
/// `413`.
pub struct Gson(pub Value);

impl<S: Sync> FromRequest<S> for Gson {
    type Rejection = Response;

    async fn from_request(req: Request, _: &S) -> Result<Self, Response> {
        let bytes = body_of(req).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Gson(json!({})));
        }
        serde_json::from_slice(&bytes).map(Gson).map_err(|e| {
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("com.google.gson.JsonSyntaxException: {e}"),
            )
        })
    }
}

/// A request's body, at most [`MAX_BODY`].
pub(crate) async fn body_of(req: Request) -> Result<Bytes, Response> {
    axum::body::to_bytes(req.into_body(), MAX_BODY)
        .await
        .map_err(|_| {
            plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the request body is larger than 1 MB",
            )
        })
}

/// A JSON answer as the real server writes it.
pub(crate) fn json_text(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json;charset=UTF-8")],
        body,
    )
        .into_response()
}

pub(crate) fn json_reply(status: u16, v: &Value) -> Response {
    json_text(
        status,
        serde_json::to_string(v).unwrap_or_else(|_| "{}".into()),
    )
}
