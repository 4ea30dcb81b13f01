//! The request: ZStack UUIDs, tags, the stop call, its URLs and headers,
//! sign-in and sign-out, and quoting for a shell.

use crate::wire::{self, Raw};

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
/// accepted; the result is 32 lowercase hex digits. A session is a UUID too,
/// so this also keeps anything a header or a shell could trip on out of it.
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
    /// Already normalised (see [`normalize_uuid`]).
    pub session: String,
    /// Already normalised.
    pub uuid: String,
    pub force: bool,
    pub system_tags: Vec<String>,
    pub user_tags: Vec<String>,
    /// This stop's own job id (`X-Job-UUID`, 32 hex digits, new per stop;
    /// empty until the stop is sent): the real server names the job after
    /// it, so a lost answer can still be asked for.
    pub job_id: String,
}

pub(crate) fn join(base: &str, path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), path)
}

impl StopRequest {
    pub fn url(&self) -> String {
        join(
            &self.api_base,
            &format!("/zstack/v1/cbt-task/disable/{}", self.uuid),
        )
    }

    /// The body, serialised by serde (see [`wire::DisableCbtTaskBody`]).
    pub fn body(&self) -> String {
        Raw::encode(&wire::DisableCbtTaskBody {
            params: wire::ForceParam { force: self.force },
            force: self.force,
            system_tags: &self.system_tags,
            user_tags: &self.user_tags,
        })
        .to_text()
    }

    pub fn authorization(&self) -> String {
        oauth(&self.session)
    }
}

/// The `Authorization` header's value for a session.
pub fn oauth(session: &str) -> String {
    format!("OAuth {session}")
}

/// `••••1a2b`: only the last four characters show.
pub fn mask_session(s: &str) -> String {
    let tail = s.char_indices().rev().nth(3).map_or(s, |(i, _)| &s[i..]);
    ["••••", tail].concat()
}

/// Single-quotes for a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r#"'\''"#))
}

/// The read-back of a task's inventory.
pub fn query_url(api_base: &str, uuid: &str) -> String {
    join(api_base, &format!("/zstack/v1/cbt-task/{uuid}"))
}

/// Where the job named `job_id` is polled.
pub fn job_path(job_id: &str) -> String {
    format!("/zstack/v1/api-jobs/{job_id}")
}

/// Whether a `400` answers our own fresh `X-Job-UUID` as already used: the
/// POST arrived before (a browser may re-send one whose answer was lost).
pub fn job_id_taken(status: u16, body: &str) -> bool {
    status == 400 && body.contains("X-Job-UUID")
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
    Raw::encode(&wire::LoginBody {
        log_in_by_account: wire::LogInByAccount {
            account_name: account,
            password: password_sha512,
        },
    })
    .to_text()
}

/// Bytes as lowercase hex (a job id, a password's digest).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
