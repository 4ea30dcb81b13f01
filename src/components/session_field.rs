use leptos::prelude::*;

use crate::components::el::{div, input, label, live, nothing};
use crate::components::{CheckBox, CheckBoxProps, FieldError, FieldErrorProps};
use crate::i18n::use_lang;
use crate::state::Form;

/// "Session UUID": masked unless shown, refused inline unless it is a
/// UUID, and kept for the tab where the deployer allows it.
#[component]
pub fn SessionField(
    /// The form it belongs to.
    form: Form,
    /// Whether "Remember for this tab" is offered.
    remember_allowed: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> AnyView {
    let lang = use_lang();
    let error = move || form.session_error(lang.get());
    let remember = move || {
        if remember_allowed() {
            CheckBox(CheckBoxProps {
                label: |t| t.remember,
                value: form.remember,
                id: "",
                described_by: "",
            })
        } else {
            nothing()
        }
    };
    let field = input()
        .attr("id", "session")
        .attr("name", "session")
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .attr("aria-describedby", "session-error")
        .live_attr("type", move || {
            Some(
                if form.reveal.get() {
                    "text"
                } else {
                    "password"
                }
                .into(),
            )
        })
        .live_attr("aria-invalid", move || Some(error().is_some().to_string()))
        .bind(form.session);
    div()
        .class("field")
        .child(label().attr("for", "session").tr(|t| t.session))
        .child(
            div()
                .class("row")
                .child(field)
                .view(CheckBox(CheckBoxProps {
                    label: |t| t.show_session,
                    value: form.reveal,
                    id: "",
                    described_by: "",
                }))
                .view(live(remember)),
        )
        .view(FieldError(FieldErrorProps {
            id: "session-error",
            error,
        }))
        .into_any()
}
