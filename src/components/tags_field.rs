use leptos::prelude::*;

use crate::i18n::{tr, Pick};

/// A list of tags typed one per line.
#[component]
pub fn TagsField(
    /// The textarea's id (its label points at it).
    id: &'static str,
    /// The visible label, which is also the accessible name.
    label: Pick,
    /// The text as typed; it is split into tags when the request is built.
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <textarea
                id=id
                rows="3"
                spellcheck="false"
                aria-describedby="tags-hint"
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            ></textarea>
        </div>
    }
}
