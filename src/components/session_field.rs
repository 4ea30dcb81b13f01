use leptos::prelude::*;

use crate::components::{CheckBox, FieldError};
use crate::i18n::{tr, use_lang};
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
    view! {
        <div class="field">
            <label for="session">{tr(|t| t.session)}</label>
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
                <Show when=move || remember_allowed.get()>
                    <CheckBox label=tr(|t| t.remember) value=form.remember />
                </Show>
            </div>
            <FieldError id="session-error" error=error />
        </div>
    }
}
