use leptos::prelude::*;

use crate::components::{FieldError, FinderField, TaskSummary};
use crate::i18n::{tr, use_lang};
use crate::state::Form;

/// "Task UUID": pasted with dashes, capitals or spaces it is normalised;
/// anything else is refused inline and kept as typed. Under it, what the
/// task it holds is; beside it, "Find a task".
#[component]
pub fn TaskField() -> impl IntoView {
    let form = expect_context::<Form>();
    let lang = use_lang();
    let error = Signal::derive(move || form.uuid_error(lang.get()));
    view! {
        <div class="task-row">
            <div class="field">
                <label for="task-uuid">{tr(|t| t.task_uuid)}</label>
                <input
                    id="task-uuid"
                    name="uuid"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71"
                    aria-describedby="uuid-error"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    bind:value=form.uuid
                />
                <FieldError id="uuid-error" error=error />
                <TaskSummary />
            </div>
            <FinderField />
        </div>
    }
}
