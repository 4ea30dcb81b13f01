use leptos::prelude::*;

use crate::components::el::{div, input, label};
use crate::components::{
    FieldError, FieldErrorProps, FinderField, FinderFieldProps, TaskSummary, TaskSummaryProps,
};
use crate::i18n::use_lang;
use crate::lookup::{Finder, TaskReader};
use crate::state::Form;

/// "Task UUID": pasted with dashes, capitals or spaces it is normalised;
/// anything else is refused inline and kept as typed. Under it, what the
/// task it holds is; beside it, "Find a task".
#[component]
pub fn TaskField(
    /// The form it belongs to.
    form: Form,
    /// Reads the task the field holds.
    reader: TaskReader,
    /// Finds a task by part of its name or UUID.
    finder: Finder,
) -> AnyView {
    let lang = use_lang();
    let error = move || form.uuid_error(lang.get());
    let field = input()
        .attr("id", "task-uuid")
        .attr("name", "uuid")
        .attr("type", "text")
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .attr("placeholder", "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71")
        .attr("aria-describedby", "uuid-error")
        .live_attr("aria-invalid", move || Some(error().is_some().to_string()))
        .bind(form.uuid);
    let task = div()
        .class("field")
        .child(label().attr("for", "task-uuid").tr(|t| t.task_uuid))
        .child(field)
        .view(FieldError(FieldErrorProps {
            id: "uuid-error",
            error,
        }))
        .view(TaskSummary(TaskSummaryProps { reader }));
    div()
        .class("task-row")
        .child(task)
        .view(FinderField(FinderFieldProps { finder }))
        .into_any()
}
