use leptos::prelude::*;

use crate::components::el::{div, label, live, nothing, option, p, select};
use crate::components::{CheckBox, CheckBoxProps};
use crate::i18n::use_lang;
use crate::protocol::Example;
use crate::state::Form;

/// "Use example responses", and which published answer to give.
#[component]
pub fn ExampleChoice(
    /// The form it belongs to.
    form: Form,
) -> AnyView {
    let lang = use_lang();
    let options = move || {
        let t = lang.get().t();
        let chosen = form.example_choice.get_untracked();
        let options = Example::ALL.into_iter().zip(t.examples).map(|(e, text)| {
            let o = option().attr("value", e.id()).text(text);
            // The options are children, so the choice is marked on them.
            if e == chosen {
                o.attr("selected", "")
            } else {
                o
            }
        });
        select()
            .attr("id", "example-answer")
            .on_input(move |v| {
                if let Some(e) = Example::from_id(&v) {
                    form.example_choice.set(e);
                }
            })
            .children(options)
            .into_any()
    };
    let choice = move || {
        if !form.example.get() {
            return nothing();
        }
        div()
            .class("example-choice")
            .child(p().class("example-note").tr(|t| t.example_note))
            .child(
                label()
                    .attr("for", "example-answer")
                    .tr(|t| t.example_answer),
            )
            .view(live(options))
            .into_any()
    };
    div()
        .class("field example")
        .view(CheckBox(CheckBoxProps {
            label: |t| t.use_examples,
            value: form.example,
            id: "",
            described_by: "",
        }))
        .view(live(choice))
        .into_any()
}
