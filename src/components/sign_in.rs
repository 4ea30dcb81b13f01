use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::client;
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
    Ok(js_sys::Uint8Array::new(&buf)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// A labelled one-line input bound to `value`.
fn text_input(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
        </div>
    }
}

/// Optional sign-in for standalone use: puts a new session into the form,
/// and "Sign out" ends it on the server.
#[component]
pub fn SignIn(
    /// The form's session, written on sign-in and cleared on sign-out.
    session: RwSignal<String>,
    /// Where the API is.
    api_base: Signal<String>,
    /// Told of a failed sign-in, to show in the result region.
    on_failure: Callback<Outcome>,
    /// The language of the labels.
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    let account = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // The session this sign-in created, so "Sign out" ends only that one.
    let signed_in = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);

    let sign_in = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
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
            let result = match reply {
                Ok((status, text)) => protocol::classify_login(status, &text).map_err(|e| *e),
                Err(e) => Err(Outcome::NetworkError(e)),
            };
            match result {
                Ok(id) => {
                    session.set(id.clone());
                    signed_in.set(Some(id));
                }
                Err(o) => on_failure.run(o),
            }
            busy.set(false);
        });
    };
    let sign_out = move |_| {
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

    view! {
        <details class="sign-in">
            <summary>{t.sign_in_title}</summary>
            <Show
                when=move || signed_in.get().is_none()
                fallback=move || view! {
                    <p class="signed-in">
                        {t.signed_in}
                        " "
                        <button type="button" class="secondary" on:click=sign_out>{t.sign_out}</button>
                    </p>
                }
            >
                <form class="sign-in-form" on:submit=sign_in>
                    {text_input("account-name", t.account_name, "text", "username", account)}
                    {text_input("password", t.password, "password", "current-password", password)}
                    <button type="submit" class="secondary" disabled=move || busy.get()>{t.sign_in}</button>
                    <p class="field-error" aria-live="polite">{move || problem.get()}</p>
                </form>
            </Show>
        </details>
    }
}
