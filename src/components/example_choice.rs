use leptos::prelude::*;

use crate::components::CheckBox;
use crate::examples::Example;
use crate::i18n::{tr, use_lang};
use crate::state::Form;

/// "Use example responses", and which published answer to give.
#[component]
pub fn ExampleChoice() -> impl IntoView {
    let form = expect_context::<Form>();
    let lang = use_lang();
    let options = move || {
        let t = lang.get().t();
        Example::ALL
            .into_iter()
            .zip(t.examples)
            .map(|(e, text)| {
                view! {
                    <option value=e.id() selected=move || form.example_choice.get() == e>{text}</option>
                }
            })
            .collect_view()
    };
    // `change`, not `input`: the one event every engine fires for a
    // select, whatever picks the option (ChromeDriver fires no `input`).
    let choose = move |ev: leptos::ev::Event| {
        if let Some(e) = Example::from_id(&event_target_value(&ev)) {
            form.example_choice.set(e);
        }
    };
    view! {
        <div class="field example">
            <CheckBox label=tr(|t| t.use_examples) value=form.example />
            <Show when=move || form.example.get()>
                <div class="example-choice">
                    <p class="example-note">{tr(|t| t.example_note)}</p>
                    <label for="example-answer">{tr(|t| t.example_answer)}</label>
                    <select id="example-answer" on:change=choose>{options}</select>
                </div>
            </Show>
        </div>
    }
}
