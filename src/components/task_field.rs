use leptos::prelude::*;

use crate::components::FieldError;
use crate::i18n::{tr, use_lang};
use crate::state::Form;

/// "Task UUID": pasted with dashes, capitals or spaces it is normalised;
/// anything else is refused inline and kept as typed.
#[component]
pub fn TaskField(
    /// The form it belongs to.
    form: Form,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || form.uuid_error(lang.get()));
    view! {
        <div class="field">
            <label for="task-uuid">{tr(|t| t.task_uuid)}</label>
            <input
                id="task-uuid"
                name="uuid"
                type="text"
                autocomplete="off"
                spellcheck="false"
                placeholder="5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71"
                aria-describedby="uuid-error"
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || form.uuid.get()
                on:input:target=move |ev| form.uuid.set(ev.target().value())
            />
            <FieldError id="uuid-error" error=error />
        </div>
    }
}
