use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::client;
use crate::components::el::{el, live, El};
use crate::components::Phase;
use crate::i18n::Lang;
use crate::protocol::{self, Outcome};

/// SHA-512 of `s` as lowercase hex, as ZStack's login expects the password.
async fn sha512_hex(s: &str) -> Result<String, String> {
    let subtle = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "Web Crypto is not available")?
        .subtle();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-512", s.as_bytes())
        .map_err(|_| {
            "SHA-512 is not available (the page must be served over https or from localhost)"
        })?;
    let buf = JsFuture::from(promise)
        .await
        .map_err(|_| "SHA-512 failed")?;
    let mut hex = String::with_capacity(128);
    for b in js_sys::Uint8Array::new(&buf).to_vec() {
        crate::json::push_hex(&mut hex, b);
    }
    Ok(hex)
}

/// A labelled one-line input bound to `value`.
fn text_input(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
) -> El {
    el("div")
        .class("field")
        .child(el("label").attr("for", id).text(label))
        .child(
            el("input")
                .attr("id", id)
                .attr("type", kind)
                .attr("autocomplete", autocomplete)
                .bind(value),
        )
}

/// What the sign-in form holds; it lives outside the view, so a language
/// switch keeps it.
#[derive(Clone, Copy)]
pub struct SignInState {
    account: RwSignal<String>,
    password: RwSignal<String>,
    busy: RwSignal<bool>,
    /// The session this sign-in created, so "Sign out" ends only that one.
    signed_in: RwSignal<Option<String>>,
    problem: RwSignal<Option<String>>,
}

impl Default for SignInState {
    fn default() -> Self {
        SignInState {
            account: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            signed_in: RwSignal::new(None),
            problem: RwSignal::new(None),
        }
    }
}

/// Optional sign-in for standalone use: puts a new session into the form,
/// and "Sign out" ends it on the server.
#[component]
pub fn SignIn(
    /// The form's values.
    #[prop(optional)]
    state: SignInState,
    /// The form's session, written on sign-in and cleared on sign-out.
    session: RwSignal<String>,
    /// Where the API is.
    api_base: RwSignal<String>,
    /// The result region, where a failed sign-in is shown (unless a stop
    /// is in flight there).
    result: RwSignal<Phase>,
    /// The language of the labels.
    lang: Lang,
) -> AnyView {
    let t = lang.t();
    let SignInState {
        account,
        password,
        busy,
        signed_in,
        problem,
    } = state;

    let sign_in = move || {
        if busy.get_untracked() {
            return;
        }
        if account.get_untracked().trim().is_empty() || password.get_untracked().is_empty() {
            problem.set(Some(t.sign_in_required.into()));
            return;
        }
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let digest = match sha512_hex(&password.get_untracked()).await {
                Ok(d) => d,
                Err(e) => {
                    problem.set(Some(e));
                    busy.set(false);
                    return;
                }
            };
            let body = protocol::login_body(account.get_untracked().trim(), &digest);
            let url = protocol::login_url(&api_base.get_untracked());
            let reply =
                client::send(gloo_net::http::Method::PUT, &url, None, Some(body), None).await;
            let login = match reply {
                Ok((status, text)) => protocol::classify_login(status, &text).map_err(|e| *e),
                Err(e) => Err(Outcome::NetworkError(e)),
            };
            match login {
                Ok(id) => {
                    session.set(id.clone());
                    signed_in.set(Some(id));
                }
                Err(o) => {
                    if !result.with_untracked(Phase::is_waiting) {
                        result.set(Phase::Done(o));
                    }
                }
            }
            busy.set(false);
        });
    };
    let sign_out = move || {
        let Some(id) = signed_in.get_untracked() else {
            return;
        };
        let url = protocol::logout_url(&api_base.get_untracked(), &id);
        let auth = format!("OAuth {id}");
        spawn_local(async move {
            let _ = client::send(
                gloo_net::http::Method::DELETE,
                &url,
                Some(&auth),
                None,
                None,
            )
            .await;
        });
        signed_in.set(None);
        if session.get_untracked() == id {
            session.set(String::new());
        }
    };

    let form = move || {
        if signed_in.get().is_some() {
            return el("p")
                .class("signed-in")
                .text(t.signed_in)
                .text(" ")
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("secondary")
                        .on_click(sign_out)
                        .text(t.sign_out),
                )
                .into_any();
        }
        el("form")
            .class("sign-in-form")
            .on_submit(sign_in)
            .child(text_input(
                "account-name",
                t.account_name,
                "text",
                "username",
                account,
            ))
            .child(text_input(
                "password",
                t.password,
                "password",
                "current-password",
                password,
            ))
            .child(
                el("button")
                    .attr("type", "submit")
                    .class("secondary")
                    .live_attr("disabled", move || busy.get().then(String::new))
                    .text(t.sign_in),
            )
            .child(
                el("p")
                    .class("field-error")
                    .attr("aria-live", "polite")
                    .live_text(move || problem.get().unwrap_or_default()),
            )
            .into_any()
    };
    el("details")
        .class("sign-in")
        .child(el("summary").text(t.sign_in_title))
        .view(live(form))
        .into_any()
}
