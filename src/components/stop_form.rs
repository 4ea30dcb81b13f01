use leptos::prelude::*;

use crate::components::{CheckBox, ExampleChoice, StopActions, TagsField, TaskField};
use crate::i18n::tr;
use crate::state::Form;

/// The one-task form: task, force, tags, example mode and actions (the
/// session is above the tabs).
/// Enter in any field submits it; nothing is lost on any outcome.
#[component]
pub fn StopForm(
    /// Sends the stop (or says why not).
    #[prop(into)]
    on_stop: Callback<()>,
    /// Nothing may be sent now.
    #[prop(into)]
    blocked: Signal<bool>,
) -> impl IntoView {
    let form = expect_context::<Form>();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_stop.run(());
    };
    view! {
        <form class="form" novalidate on:submit=submit>
            <TaskField />
            <div class="field">
                <CheckBox label=tr(|t| t.force) value=form.force id="force" described_by="force-hint" />
                <p id="force-hint" class="hint">{tr(|t| t.force_hint)}</p>
            </div>
            <div class="tags">
                <TagsField id="system-tags" label=tr(|t| t.system_tags) value=form.system_tags />
                <TagsField id="user-tags" label=tr(|t| t.user_tags) value=form.user_tags />
                <p id="tags-hint" class="hint">{tr(|t| t.tags_hint)}</p>
            </div>
            <ExampleChoice />
            <StopActions blocked=blocked />
        </form>
    }
}
