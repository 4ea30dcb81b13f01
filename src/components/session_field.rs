use leptos::prelude::*;

use crate::components::{CheckBox, FieldError};
use crate::i18n::{tr, use_lang};
use crate::protocol::mask_session;
use crate::state::Form;

/// "Session UUID": masked unless shown, refused inline unless it is a
/// UUID, and kept for the tab where the deployer allows it.
#[component]
pub fn SessionField(
    /// Whether "Remember for this tab" is offered.
    #[prop(into)]
    remember_allowed: Signal<bool>,
    /// What Enter in the field does (the one-task stop, when that tab shows).
    #[prop(into)]
    on_enter: Callback<()>,
) -> impl IntoView {
    let form = expect_context::<Form>();
    let lang = use_lang();
    let error = Signal::derive(move || form.session_error(lang.get()));
    let kind = move || {
        if form.reveal.get() {
            "text"
        } else {
            "password"
        }
    };
    // A session the host set is shown masked, and no input holds it.
    let by_host = move || form.host_session.get();
    let masked = move || form.session.with(|s| mask_session(s));
    let remember = move || {
        remember_allowed
            .get()
            .then(|| view! { <CheckBox label=tr(|t| t.remember) value=form.remember /> })
    };
    view! {
        <div class="field">
            <label for="session">{tr(|t| t.session)}</label>
            <Show when=by_host>
                <div class="row">
                    <input
                        id="session"
                        readonly
                        aria-describedby="session-host session-error"
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=masked
                    />
                    {remember}
                </div>
                <p id="session-host" class="hint">{tr(|t| t.session_by_host)}</p>
            </Show>
            <Show when=move || !by_host()>
                <div class="row">
                    <input
                        id="session"
                        name="session"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="session-error"
                        type=kind
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        bind:value=form.session
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" && !ev.default_prevented() {
                                ev.prevent_default();
                                on_enter.run(());
                            }
                        }
                    />
                    <CheckBox label=tr(|t| t.show_session) value=form.reveal />
                    {remember}
                </div>
            </Show>
            <FieldError id="session-error" error=error />
        </div>
    }
}
