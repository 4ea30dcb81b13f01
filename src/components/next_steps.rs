use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::el::{button, div, nothing, p, El};
use crate::i18n::Pick;
use crate::lookup::TaskReader;
use crate::protocol::{hints, Hint, Outcome};
use crate::state::Settings;

/// What the next-step hints need from the panel: the task reader ("Check
/// the task") and where the API is (a network error across origins is
/// most likely CORS).
#[derive(Clone, Copy)]
pub struct Steps {
    pub reader: TaskReader,
    pub settings: RwSignal<Settings>,
}

/// One plain sentence and an action for each known way an outcome can
/// end; the full outcome stays below, unchanged.
#[component]
pub fn NextSteps(
    /// How the stop ended.
    outcome: Outcome,
) -> AnyView {
    let Some(steps) = use_context::<Steps>() else {
        return nothing();
    };
    let cross = steps.settings.with_untracked(|s| {
        let page = Settings::page_origin();
        s.api_base()
            .is_some_and(|b| b != page && !b.starts_with(&(page + "/")))
    });
    let list = hints(&outcome, cross);
    if list.is_empty() {
        return nothing();
    }
    div()
        .class("next-steps")
        .children(list.into_iter().map(|h| step(h, steps.reader)))
        .into_any()
}

/// A button's label and what it does.
type Action = Option<(Pick, fn(TaskReader))>;

fn step(hint: Hint, reader: TaskReader) -> El {
    let (said, action): (Pick, Action) = match hint {
        Hint::SessionExpired => (|t| t.hint_session, Some((|t| t.sign_in, open_sign_in))),
        Hint::NoSuchTask => (
            |t| t.hint_no_task,
            Some((|t| t.find_task, |_| focus("finder"))),
        ),
        Hint::Cors => (|t| t.hint_cors, None),
        Hint::RateLimited => (|t| t.hint_rate, None),
        Hint::ServerTimeout => (|t| t.hint_timeout, Some((|t| t.check_task, check))),
        Hint::Unsure => (|t| t.hint_unsure, Some((|t| t.check_task, check))),
    };
    let line = p().class("next-step").tr(said);
    match action {
        None => line,
        Some((label, act)) => line.text(" ").child(
            button()
                .attr("type", "button")
                .class("secondary")
                .tr(label)
                .on_click(move || act(reader)),
        ),
    }
}

/// Reads the task again and moves to its summary line.
fn check(reader: TaskReader) {
    reader.refresh();
    focus("task-summary");
}

/// Opens the sign-in disclosure and moves to its first field.
fn open_sign_in(_: TaskReader) {
    if let Some(d) = element("sign-in") {
        let _ = d.set_attribute("open", "");
    }
    focus("account-name");
}

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Moves focus to the element `id`, if it is there.
pub fn focus(id: &str) {
    if let Some(e) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = e.focus();
    }
}
