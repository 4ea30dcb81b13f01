use leptos::prelude::*;

/// A labelled checkbox bound to `value`; the label is its accessible name.
#[component]
pub fn CheckBox(
    /// The label's text, in the panel's language.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The value, both ways.
    value: RwSignal<bool>,
    /// The input's id, where something else refers to it.
    #[prop(optional)]
    id: Option<&'static str>,
    /// The id of the element that describes it, if any.
    #[prop(optional)]
    described_by: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" id=id aria-describedby=described_by bind:checked=value />
            {label}
        </label>
    }
}
