use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::client::Browser;
use crate::components::el::{self, button, details, div, form, input, live, p, summary, El};
use crate::flow::{Call, Method, Phase, Transport};
use crate::i18n::{use_lang, Lang, Pick, Texts};
use crate::protocol::{self, Outcome};
use crate::state::Stopper;

/// How long a sign-in may take before the panel gives up on it.
pub const SIGN_IN_DEADLINE_MS: u64 = 30_000;

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
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    Ok(crate::client::hex(&bytes))
}

/// How a sign-in ended.
enum Ended {
    Session(String),
    /// The server's answer, shown in the result region.
    Refused(Outcome),
    /// Why it could not be tried or finished, shown under the form.
    Problem(String),
}

/// Sends the login with `browser`.
async fn login(
    browser: &Browser,
    api_base: &str,
    account: &str,
    digest: &str,
    texts: &'static Texts,
) -> Ended {
    let call = Call {
        method: Method::Put,
        url: protocol::login_url(api_base),
        auth: None,
        body: Some(protocol::login_body(account, digest)),
        job: None,
    };
    match browser.send(call).await {
        Ok(r) => match protocol::classify_login(r.status, &r.text) {
            Ok(id) => Ended::Session(id),
            Err(o) => Ended::Refused(*o),
        },
        Err(_) if browser.expired() => Ended::Problem(texts.sign_in_timeout.into()),
        Err(e) => Ended::Refused(Outcome::NetworkError(e)),
    }
}

/// What the sign-in form holds; it lives outside the view.
#[derive(Clone, Copy)]
pub struct SignInState {
    account: RwSignal<String>,
    password: RwSignal<String>,
    busy: RwSignal<bool>,
    /// The session this sign-in created, so "Sign out" ends only that one.
    pub signed_in: RwSignal<Option<String>>,
    problem: RwSignal<Option<String>>,
    /// The sign-in in flight, to abort it when the panel goes away.
    flight: StoredValue<Option<Rc<Browser>>, LocalStorage>,
    lang: RwSignal<Lang>,
    /// How long a sign-in may take.
    deadline_ms: u64,
}

impl Default for SignInState {
    fn default() -> Self {
        let state = SignInState {
            account: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            signed_in: RwSignal::new(None),
            problem: RwSignal::new(None),
            flight: StoredValue::new_local(None),
            lang: use_lang(),
            deadline_ms: SIGN_IN_DEADLINE_MS,
        };
        let flight = state.flight;
        on_cleanup(move || {
            if let Some(b) = flight.try_update_value(Option::take).flatten() {
                b.abort();
            }
        });
        state
    }
}

impl SignInState {
    /// A sign-in state whose requests give up after `ms`.
    pub fn with_deadline(ms: u64) -> SignInState {
        SignInState {
            deadline_ms: ms,
            ..SignInState::default()
        }
    }

    /// Signs in at `api_base`: the new session goes into `session`; a
    /// refusal goes to the result region. It has a deadline and is aborted
    /// if the panel goes away.
    fn sign_in(self, api_base: String, session: RwSignal<String>, stopper: Stopper) {
        if self.busy.get_untracked() {
            return;
        }
        let account = self.account.get_untracked().trim().to_string();
        let password = self.password.get_untracked();
        if account.is_empty() || password.is_empty() {
            let t = self.lang.get_untracked().t();
            self.problem.set(Some(t.sign_in_required.into()));
            return;
        }
        self.problem.set(None);
        self.busy.set(true);
        let browser = Browser::new();
        browser.set_deadline(self.deadline_ms);
        self.flight.set_value(Some(browser.clone()));
        let texts = self.lang.get_untracked().t();
        spawn_local(async move {
            let end = match sha512_hex(&password).await {
                Ok(digest) => login(&browser, &api_base, &account, &digest, texts).await,
                Err(e) => Ended::Problem(e),
            };
            self.flight.try_update_value(Option::take);
            match end {
                Ended::Session(id) => {
                    session.try_set(id.clone());
                    self.signed_in.try_set(Some(id));
                }
                Ended::Refused(outcome) => stopper.show(Phase::Done(outcome)),
                Ended::Problem(problem) => {
                    self.problem.try_set(Some(problem));
                }
            }
            self.busy.try_set(false);
        });
    }

    /// Ends the session this sign-in created, on the server and in the form.
    fn sign_out(self, api_base: String, session: RwSignal<String>) {
        let Some(id) = self.signed_in.get_untracked() else {
            return;
        };
        let call = Call {
            method: Method::Delete,
            url: protocol::logout_url(&api_base, &id),
            auth: Some(protocol::oauth(&id)),
            body: None,
            job: None,
        };
        spawn_local(async move {
            let _ = crate::client::fetch(call, None).await;
        });
        self.signed_in.set(None);
        if session.get_untracked() == id {
            session.set(String::new());
        }
    }
}

/// A labelled one-line input bound to `value`.
fn text_input(
    id: &'static str,
    label: Pick,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
) -> El {
    div()
        .class("field")
        .child(el::label().attr("for", id).tr(label))
        .child(
            input()
                .attr("id", id)
                .attr("type", kind)
                .attr("autocomplete", autocomplete)
                .bind(value),
        )
}

/// "Signed in", with "Sign out".
fn signed_in_view(sign_out: impl FnMut() + 'static) -> AnyView {
    p().class("signed-in")
        .tr(|t| t.signed_in)
        .text(" ")
        .child(
            button()
                .attr("type", "button")
                .class("secondary")
                .on_click(sign_out)
                .tr(|t| t.sign_out),
        )
        .into_any()
}

/// Account name, password and "Sign in" (disabled while `blocked`).
fn sign_in_form(
    state: SignInState,
    submit: impl Fn() + 'static,
    blocked: impl Fn() -> bool + Send + 'static,
) -> AnyView {
    let problem = state.problem;
    form()
        .class("sign-in-form")
        .on_submit(submit)
        .child(text_input(
            "account-name",
            |t| t.account_name,
            "text",
            "username",
            state.account,
        ))
        .child(text_input(
            "password",
            |t| t.password,
            "password",
            "current-password",
            state.password,
        ))
        .child(
            button()
                .attr("type", "submit")
                .class("secondary")
                .live_attr("disabled", move || blocked().then(String::new))
                .tr(|t| t.sign_in),
        )
        .child(
            p().class("field-error")
                .attr("aria-live", "polite")
                .live_text(move || problem.get().unwrap_or_default()),
        )
        .into_any()
}

/// Optional sign-in for standalone use: puts a new session into the form,
/// and "Sign out" ends it on the server.
#[component]
pub fn SignIn(
    /// The form's values.
    state: SignInState,
    /// The form's session, written on sign-in and cleared on sign-out.
    session: RwSignal<String>,
    /// Where the API is, once the configuration is settled (nothing is
    /// sent before).
    api_base: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    /// The result region, where a refused sign-in is shown; its history is
    /// forgotten on sign-out.
    stopper: Stopper,
) -> AnyView {
    let (busy, signed_in) = (state.busy, state.signed_in);
    let submit = move || {
        if let Some(base) = untrack(api_base) {
            state.sign_in(base, session, stopper);
        }
    };
    let sign_out = move || {
        if let Some(base) = untrack(api_base) {
            state.sign_out(base, session);
        }
        // What was stopped in this tab goes with the session.
        stopper.forget();
    };
    let body = move || {
        if signed_in.with(Option::is_some) {
            signed_in_view(sign_out)
        } else {
            sign_in_form(state, submit, move || busy.get() || api_base().is_none())
        }
    };
    details()
        .attr("id", "sign-in")
        .class("sign-in")
        .child(summary().tr(|t| t.sign_in_title))
        .view(live(body))
        .into_any()
}
