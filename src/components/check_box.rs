use leptos::prelude::*;

use crate::i18n::{tr, Pick};

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
) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                id=(!id.is_empty()).then_some(id)
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
                prop:checked=move || value.get()
                on:change:target=move |ev| value.set(ev.target().checked())
            />
            {tr(label)}
        </label>
    }
}
