use leptos::prelude::*;

/// A list of tags typed one per line.
#[component]
pub fn TagsField(
    /// The textarea's id (its label points at it).
    id: &'static str,
    /// The visible label, which is also the accessible name.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The text as typed; it is split into tags when the request is built.
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea id=id rows="3" spellcheck="false" aria-describedby="tags-hint" bind:value=value></textarea>
        </div>
    }
}
