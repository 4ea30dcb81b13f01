use std::sync::Arc;

use leptos::prelude::*;

use crate::components::date_time;
use crate::components::el::{button, h2, li, live, nothing, ol, section, span, El};
use crate::components::outcome_view::title;
use crate::date::{When, ZDate};
use crate::flow::Record;
use crate::i18n::own_lang;
use crate::state::Stopper;

/// "Stopped in this tab": the stops made since the page opened, newest
/// first, each with a button that shows its result (and details) again.
/// Memory only; "Sign out" clears it.
#[component]
pub fn StopHistory(
    /// The stop flow, which keeps the tab's history.
    stopper: Stopper,
) -> AnyView {
    let list = move || {
        let entries = stopper.tab.with(|t| t.history.clone());
        if entries.is_empty() {
            return nothing();
        }
        own_lang(move || {
            let items = entries
                .into_iter()
                .enumerate()
                .map(|(i, r)| entry(stopper, i, r));
            section()
                .class("history")
                .attr("aria-labelledby", "history-title")
                .child(h2().attr("id", "history-title").tr(|t| t.history_title))
                .child(ol().attr("id", "history").children(items))
                .into_any()
        })
    };
    live(list)
}

/// One stop: when, which task, how it ended, and "Show".
fn entry(stopper: Stopper, index: usize, r: Arc<Record>) -> El {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(r.at_ms));
    let when = ZDate {
        raw: String::from(at.to_iso_string()),
        parsed: Some(When::EpochMs(r.at_ms as i64)),
    };
    let task = r.name.clone().unwrap_or_else(|| r.uuid.clone());
    let mut item = li()
        .class("history-entry")
        .attr("data-kind", r.outcome.kind())
        .child(date_time(when))
        .child(
            span()
                .class("history-task")
                .attr("title", r.uuid.clone())
                .text(task),
        )
        .child(span().class("history-kind").tr(title(&r.outcome)));
    if r.example {
        item = item.child(span().class("history-example").tr(|t| t.example_tag));
    }
    item.child(
        button()
            .attr("type", "button")
            .class("secondary")
            .on_click(move || stopper.show_again(index))
            .tr(|t| t.show_again),
    )
}
