use leptos::prelude::*;

/// The inline message under a field, announced as it changes.
#[component]
pub fn FieldError(
    /// The id the field's `aria-describedby` names.
    id: &'static str,
    /// The message, if the field is wrong.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p id=id class="field-error" aria-live="polite">
            {move || error.get().unwrap_or_default()}
        </p>
    }
}
