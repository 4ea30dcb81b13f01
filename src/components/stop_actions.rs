use leptos::prelude::*;

use crate::components::el::{button, div, live, nothing, p};
use crate::i18n::use_lang;
use crate::state::Stopper;

/// "Stop CBT Task" (disabled while a stop is in flight or the panel may
/// not send), and "Cancel" while one is in flight.
#[component]
pub fn StopActions(
    /// The stop flow: whether one is in flight, and its Cancel.
    stopper: Stopper,
    /// Nothing may be sent (the configuration is not settled).
    blocked: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> AnyView {
    let cancel = move || {
        if !stopper.pending() {
            return nothing();
        }
        button()
            .attr("type", "button")
            .class("secondary")
            .on_click(move || stopper.cancel())
            .tr(|t| t.cancel)
            .into_any()
    };
    let lang = use_lang();
    let stop = button()
        .attr("type", "submit")
        .class("primary")
        .tr_attr("aria-label", |t| t.stop)
        .live_attr("disabled", move || {
            (stopper.pending() || blocked()).then(String::new)
        })
        .live_text(move || {
            let t = lang.get().t();
            if stopper.pending() {
                t.stopping
            } else {
                t.stop
            }
            .to_string()
        });
    vec![
        div()
            .class("actions")
            .child(stop)
            .view(live(cancel))
            .into_any(),
        p().class("hint shortcuts").tr(|t| t.shortcuts).into_any(),
    ]
    .into_any()
}
