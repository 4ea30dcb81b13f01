use std::sync::Arc;

use leptos::prelude::*;

use crate::components::outcome_view::title;
use crate::components::DateTime;
use crate::date::{When, ZDate};
use crate::history::Record;
use crate::i18n::{own_lang, tr};
use crate::stopper::Stopper;

/// "Stopped in this tab": the stops made since the page opened, newest
/// first, each with a button that shows its result (and details) again.
/// Memory only; "Sign out" clears it.
#[component]
pub fn StopHistory() -> impl IntoView {
    let stopper = expect_context::<Stopper>();
    let entries = Memo::new(move |_| stopper.history.with(|t| t.records.clone()));
    view! {
        <Show when=move || entries.with(|e| !e.is_empty())>
            <section class="history" aria-labelledby="history-title">
                <h2 id="history-title">{tr(|t| t.history_title)}</h2>
                <ol id="history" aria-labelledby="history-title">
                    // Keyed by each stop's number: a new stop adds one entry
                    // and moves the others; an entry reads the name a
                    // read-back adds itself.
                    <For
                        each=move || entries.get()
                        key=|r| r.id
                        children=move |r| own_lang(move || view! { <Entry record=r /> }.into_any())
                    />
                </ol>
            </section>
        </Show>
    }
}

/// One stop: when, which task, how it ended, and "Show".
#[component]
fn Entry(
    /// The stop.
    record: Arc<Record>,
) -> impl IntoView {
    let stopper = expect_context::<Stopper>();
    let id = record.id;
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(record.at_ms));
    let when = ZDate {
        raw: String::from(at.to_iso_string()),
        parsed: Some(When::EpochMs(record.at_ms as i64)),
    };
    let task = {
        let uuid = record.uuid.clone();
        move || {
            stopper
                .history
                .with(|h| {
                    h.records
                        .iter()
                        .find(|r| r.id == id)
                        .and_then(|r| r.name.clone())
                })
                .unwrap_or_else(|| uuid.clone())
        }
    };
    let example = record
        .example
        .then(|| view! { <span class="history-example">{tr(|t| t.example_tag)}</span> });
    view! {
        <li class="history-entry" data-kind=record.outcome.kind() data-uuid=record.uuid.clone()>
            <DateTime date=when />
            <span class="history-task" title=record.uuid.clone()>{task}</span>
            <span class="history-kind">{tr(title(&record.outcome))}</span>
            {example}
            <button type="button" class="secondary" on:click=move |_| stopper.show_again(id)>
                {tr(|t| t.show_again)}
            </button>
        </li>
    }
}
