use leptos::prelude::*;

use crate::components::el::p;

/// The inline message under a field, announced as it changes.
#[component]
pub fn FieldError(
    /// The id the field's `aria-describedby` names.
    id: &'static str,
    /// The message, if the field is wrong.
    error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) -> AnyView {
    p().attr("id", id)
        .class("field-error")
        .attr("aria-live", "polite")
        .live_text(move || error().unwrap_or_default())
        .into_any()
}
