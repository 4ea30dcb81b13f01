use leptos::prelude::*;

use crate::components::el::{self, div, textarea};
use crate::i18n::Pick;

/// A list of tags typed one per line.
#[component]
pub fn TagsField(
    /// The textarea's id (its label points at it).
    id: &'static str,
    /// The visible label, which is also the accessible name.
    label: Pick,
    /// The text as typed; it is split into tags when the request is built.
    value: RwSignal<String>,
) -> AnyView {
    div()
        .class("field")
        .child(el::label().attr("for", id).tr(label))
        .child(
            textarea()
                .attr("id", id)
                .attr("rows", "3")
                .attr("spellcheck", "false")
                .attr("aria-describedby", "tags-hint")
                .bind(value),
        )
        .into_any()
}
