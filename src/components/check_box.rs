use leptos::prelude::*;

use crate::components::el::{self, input};
use crate::i18n::Pick;

/// A labelled checkbox bound to `value`; the label is its accessible name.
#[component]
pub fn CheckBox(
    /// The label's text.
    label: Pick,
    /// The value, both ways.
    value: RwSignal<bool>,
    /// The input's id, where something else refers to it.
    #[prop(optional)]
    id: &'static str,
    /// The id of the element that describes it, if any.
    #[prop(optional)]
    described_by: &'static str,
) -> AnyView {
    let mut boxed = input().attr("type", "checkbox");
    if !id.is_empty() {
        boxed = boxed.attr("id", id);
    }
    if !described_by.is_empty() {
        boxed = boxed.attr("aria-describedby", described_by);
    }
    el::label()
        .class("check")
        .child(boxed.bind_checked(value))
        .tr(label)
        .into_any()
}
