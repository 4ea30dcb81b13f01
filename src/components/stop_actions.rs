use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::stopper::Stopper;

/// "Stop CBT Task" (disabled while a stop is in flight or the panel may
/// not send), and "Cancel" while one is in flight.
#[component]
pub fn StopActions(
    /// Nothing may be sent (the configuration cannot be used).
    #[prop(into)]
    blocked: Signal<bool>,
) -> impl IntoView {
    let stopper = expect_context::<Stopper>();
    let lang = use_lang();
    let label = move || {
        let t = lang.get().t();
        if stopper.pending() {
            t.stopping
        } else {
            t.stop
        }
    };
    view! {
        <div class="actions">
            <button
                type="submit"
                class="primary"
                aria-label=tr(|t| t.stop)
                disabled=move || stopper.pending() || blocked.get()
            >
                {label}
            </button>
            <Show when=move || stopper.pending_one()>
                <button type="button" class="secondary" on:click=move |_| stopper.cancel()>
                    {tr(|t| t.cancel)}
                </button>
            </Show>
        </div>
        <p class="hint shortcuts">{tr(|t| t.shortcuts)}</p>
    }
}
