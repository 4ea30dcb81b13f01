use leptos::prelude::*;

use crate::components::{ExampleChoice, SessionField, StopActions, TagsField, TaskField};
use crate::i18n::tr;
use crate::state::{Form, Stopper};

/// The stop form: session, task, force, tags, example mode and actions.
/// Enter in any field submits it; nothing is lost on any outcome.
#[component]
pub fn StopForm(
    /// The form's values.
    form: Form,
    /// Sends the stop (or says why not).
    on_stop: impl Fn() + 'static,
    /// The stop flow, for Cancel and whether one is in flight.
    stopper: Stopper,
    /// Nothing may be sent now.
    blocked: Signal<bool>,
    /// Whether "Remember for this tab" is offered.
    remember_allowed: Signal<bool>,
) -> impl IntoView {
    view! {
        <form
            class="form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_stop();
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
            <StopActions stopper=stopper blocked=blocked />
        </form>
    }
}
