use leptos::prelude::*;

use crate::components::{ExampleChoice, SessionField, StopActions, TagsField, TaskField};
use crate::i18n::tr;
use crate::state::Form;

/// The stop form: session, task, force, tags, example mode and actions.
/// Enter in any field submits it; nothing is lost on any outcome.
#[component]
pub fn StopForm(
    /// The form's values.
    form: Form,
    /// Sends the stop (or says why not).
    #[prop(into)]
    on_stop: Callback<()>,
    /// Cancels the stop in flight.
    #[prop(into)]
    on_cancel: Callback<()>,
    /// A stop is in flight.
    #[prop(into)]
    busy: Signal<bool>,
    /// Nothing may be sent now.
    #[prop(into)]
    blocked: Signal<bool>,
    /// Whether "Remember for this tab" is offered.
    #[prop(into)]
    remember_allowed: Signal<bool>,
) -> impl IntoView {
    view! {
        <form
            class="form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_stop.run(());
            }
        >
            <SessionField form=form remember_allowed=remember_allowed />
            <TaskField form=form />
            <div class="field">
                <crate::components::CheckBox
                    label=|t| t.force
                    value=form.force
                    id="force"
                    described_by="force-hint"
                />
                <p id="force-hint" class="hint">{tr(|t| t.force_hint)}</p>
            </div>
            <div class="tags">
                <TagsField id="system-tags" label=|t| t.system_tags value=form.system_tags />
                <TagsField id="user-tags" label=|t| t.user_tags value=form.user_tags />
                <p id="tags-hint" class="hint">{tr(|t| t.tags_hint)}</p>
            </div>
            <ExampleChoice form=form />
            <StopActions busy=busy blocked=blocked on_cancel=on_cancel />
        </form>
    }
}
