//! Signing in and out (behaviour §1): the password's SHA-512 through Web
//! Crypto, the login and the logout, with no view in sight.

use wasm_bindgen_futures::JsFuture;

use crate::client::{fetch, FetchTransport};
use crate::protocol::{self, Outcome};
use crate::transport::{Call, Method, Transport};

/// How long a sign-in may take before the panel gives up on it.
pub const SIGN_IN_DEADLINE_MS: u64 = 30_000;

/// How a sign-in ended.
#[derive(Clone, Debug, PartialEq)]
pub enum SignedIn {
    /// The new session.
    Session(String),
    /// The server's answer, shown in the result region.
    Refused(Outcome),
    /// Why it could not be tried or finished, shown under the form.
    Problem(Problem),
}

/// Why a sign-in could not be tried or finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The page cannot compute SHA-512 (not a secure context).
    NoDigest,
    /// No answer before the deadline.
    TimedOut,
}

/// SHA-512 of `s` as lowercase hex, as ZStack's login expects the password.
pub async fn sha512_hex(s: &str) -> Option<String> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-512", s.as_bytes())
        .ok()?;
    let buf = JsFuture::from(promise).await.ok()?;
    Some(protocol::hex(&js_sys::Uint8Array::new(&buf).to_vec()))
}

/// Signs in at `api_base` with `browser` (whose deadline bounds it).
pub async fn sign_in(
    browser: &FetchTransport,
    api_base: &str,
    account: &str,
    password: &str,
) -> SignedIn {
    let Some(digest) = sha512_hex(password).await else {
        return SignedIn::Problem(Problem::NoDigest);
    };
    let call = Call {
        method: Method::Put,
        url: protocol::login_url(api_base),
        auth: None,
        body: Some(protocol::login_body(account, &digest)),
        job: None,
    };
    match browser.send(call).await {
        Ok(r) => match protocol::classify_login(r.status, &r.text) {
            Ok(id) => SignedIn::Session(id),
            Err(o) => SignedIn::Refused(*o),
        },
        Err(_) if browser.expired() => SignedIn::Problem(Problem::TimedOut),
        Err(e) => SignedIn::Refused(Outcome::NetworkError(e)),
    }
}

/// Ends `session` on the server; the answer does not matter (the panel
/// forgets the session either way).
pub async fn sign_out(api_base: &str, session: &str) {
    let call = Call {
        method: Method::Delete,
        url: protocol::logout_url(api_base, session),
        auth: Some(protocol::oauth(session)),
        body: None,
        job: None,
    };
    let _ = fetch(call, None).await;
}
