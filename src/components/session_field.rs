use leptos::prelude::*;

use crate::components::{CheckBox, FieldError};
use crate::i18n::{tr, use_lang};
use crate::state::Form;

/// "Session UUID": masked unless shown, refused inline unless it is a
/// UUID, and kept for the tab where the deployer allows it.
#[component]
pub fn SessionField(
    /// The form it belongs to.
    form: Form,
    /// Whether "Remember for this tab" is offered.
    remember_allowed: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || form.session_error(lang.get()));
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
                    type=move || if form.reveal.get() { "text" } else { "password" }
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    prop:value=move || form.session.get()
                    on:input:target=move |ev| form.session.set(ev.target().value())
                />
                <CheckBox label=|t| t.show_session value=form.reveal />
                {move || {
                    remember_allowed
                        .get()
                        .then(|| {
                            view! { <CheckBox label=|t| t.remember value=form.remember /> }
                                .into_any()
                        })
                }}
            </div>
            <FieldError id="session-error" error=error />
        </div>
    }
}
