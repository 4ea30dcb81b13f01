use leptos::prelude::*;

use crate::components::CheckBox;
use crate::i18n::{tr, use_lang};
use crate::protocol::Example;
use crate::state::Form;

/// "Use example responses", and which published answer to give.
#[component]
pub fn ExampleChoice(
    /// The form it belongs to.
    form: Form,
) -> impl IntoView {
    let lang = use_lang();
    let options = move || {
        let t = lang.get().t();
        Example::ALL
            .into_iter()
            .zip(t.examples)
            .map(|(e, label)| {
                view! {
                    <option value=e.id() selected=move || form.example_choice.get() == e>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };
    let choice = move || {
        form.example.get().then(|| {
            view! {
                <div class="example-choice">
                    <p class="example-note">{tr(|t| t.example_note)}</p>
                    <label for="example-answer">{tr(|t| t.example_answer)}</label>
                    <select
                        id="example-answer"
                        on:change:target=move |ev| {
                            if let Some(e) = Example::from_id(&ev.target().value()) {
                                form.example_choice.set(e);
                            }
                        }
                    >
                        {options}
                    </select>
                </div>
            }
                .into_any()
        })
    };
    view! {
        <div class="field example">
            <CheckBox label=|t| t.use_examples value=form.example />
            {choice}
        </div>
    }
}
