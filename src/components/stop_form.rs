use leptos::prelude::*;

use crate::components::el::{self, div, p};
use crate::components::{
    CheckBox, CheckBoxProps, ExampleChoice, ExampleChoiceProps, SessionField, SessionFieldProps,
    StopActions, StopActionsProps, TagsField, TagsFieldProps, TaskField, TaskFieldProps,
};
use crate::lookup::{Finder, TaskReader};
use crate::state::{Form, Stopper};

/// The stop form: session, task, force, tags, example mode and actions.
/// Enter in any field submits it; nothing is lost on any outcome.
#[component]
pub fn StopForm(
    /// The form's values.
    form: Form,
    /// Reads the task the form names.
    reader: TaskReader,
    /// Finds a task by name.
    finder: Finder,
    /// Sends the stop (or says why not).
    on_stop: impl Fn() + 'static,
    /// The stop flow, for Cancel and whether one is in flight.
    stopper: Stopper,
    /// Nothing may be sent now.
    blocked: impl Fn() -> bool + Copy + Send + Sync + 'static,
    /// Whether "Remember for this tab" is offered.
    remember_allowed: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> AnyView {
    let force = div()
        .class("field")
        .view(CheckBox(CheckBoxProps {
            label: |t| t.force,
            value: form.force,
            id: "force",
            described_by: "force-hint",
        }))
        .child(
            p().attr("id", "force-hint")
                .class("hint")
                .tr(|t| t.force_hint),
        );
    let tags = div()
        .class("tags")
        .view(TagsField(TagsFieldProps {
            id: "system-tags",
            label: |t| t.system_tags,
            value: form.system_tags,
        }))
        .view(TagsField(TagsFieldProps {
            id: "user-tags",
            label: |t| t.user_tags,
            value: form.user_tags,
        }))
        .child(
            p().attr("id", "tags-hint")
                .class("hint")
                .tr(|t| t.tags_hint),
        );
    el::form()
        .class("form")
        .attr("novalidate", "")
        .on_submit(on_stop)
        .view(SessionField(SessionFieldProps {
            form,
            remember_allowed,
        }))
        .view(TaskField(TaskFieldProps {
            form,
            reader,
            finder,
        }))
        .child(force)
        .child(tags)
        .view(ExampleChoice(ExampleChoiceProps { form }))
        .view(StopActions(StopActionsProps { stopper, blocked }))
        .into_any()
}
