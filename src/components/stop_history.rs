use std::sync::Arc;

use leptos::prelude::*;

use crate::components::date_time_in;
use crate::components::el::{button, h2, li, live, nothing, ol, section, span, El};
use crate::components::outcome_view::title;
use crate::date::{When, ZDate};
use crate::flow::Record;
use crate::i18n::{use_lang, Lang};
use crate::state::Stopper;

/// "Stopped in this tab": the stops made since the page opened, newest
/// first, each with a button that shows its result (and details) again.
/// Memory only; "Sign out" clears it.
#[component]
pub fn StopHistory(
    /// The stop flow, which keeps the tab's history.
    stopper: Stopper,
) -> AnyView {
    let lang = use_lang();
    // Rebuilt (in place: the same elements, their texts updated) when a
    // stop is added or the language changes. The entries' texts are written
    // in, not each a reactive text of its own: up to 50 entries were 200
    // effects built again on every stop, most of the memory a long session
    // took.
    let list = move || {
        let entries = stopper.tab.with(|t| t.history.clone());
        if entries.is_empty() {
            return nothing();
        }
        let lang = lang.get();
        let items = entries
            .into_iter()
            .enumerate()
            .map(|(i, r)| entry(stopper, i, r, lang));
        section()
            .class("history")
            .attr("aria-labelledby", "history-title")
            .child(
                h2().attr("id", "history-title")
                    .text(lang.t().history_title),
            )
            .child(ol().attr("id", "history").children(items))
            .into_any()
    };
    live(list)
}

/// One stop: when, which task, how it ended, and "Show".
fn entry(stopper: Stopper, index: usize, r: Arc<Record>, lang: Lang) -> El {
    let t = lang.t();
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(r.at_ms));
    let when = ZDate {
        raw: String::from(at.to_iso_string()),
        parsed: Some(When::EpochMs(r.at_ms as i64)),
    };
    let task = r.name.clone().unwrap_or_else(|| r.uuid.clone());
    let mut item = li()
        .class("history-entry")
        .attr("data-kind", r.outcome.kind())
        .child(date_time_in(when, lang))
        .child(
            span()
                .class("history-task")
                .attr("title", r.uuid.clone())
                .text(task),
        )
        .child(span().class("history-kind").text(title(&r.outcome)(t)));
    if r.example {
        item = item.child(span().class("history-example").text(t.example_tag));
    }
    item.child(
        button()
            .attr("type", "button")
            .class("secondary")
            .on_click(move || stopper.show_again(index))
            .text(t.show_again),
    )
}
