use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::Stopper;

/// "Stop CBT Task" (disabled while a stop is in flight or the panel may
/// not send), and "Cancel" while one is in flight.
#[component]
pub fn StopActions(
    /// The stop flow: whether one is in flight, and its Cancel.
    stopper: Stopper,
    /// Nothing may be sent (the configuration is not settled).
    blocked: Signal<bool>,
) -> impl IntoView {
    let busy = move || stopper.pending();
    let label = tr(|t| t.stop);
    let stopping = tr(|t| t.stopping);
    view! {
        <div class="actions">
            <button
                type="submit"
                class="primary"
                aria-label=label
                disabled=move || busy() || blocked.get()
            >
                {move || if busy() { stopping() } else { label() }}
            </button>
            {move || {
                busy()
                    .then(|| {
                        view! {
                            <button type="button" class="secondary" on:click=move |_| stopper.cancel()>
                                {tr(|t| t.cancel)}
                            </button>
                        }
                            .into_any()
                    })
            }}
        </div>
    }
}
