use leptos::prelude::*;

use crate::i18n::tr;

/// "Stop CBT Task" (disabled while a stop is in flight or the panel may
/// not send), and "Cancel" while one is in flight.
#[component]
pub fn StopActions(
    /// A stop is in flight.
    #[prop(into)]
    busy: Signal<bool>,
    /// Nothing may be sent (the configuration is not settled).
    #[prop(into)]
    blocked: Signal<bool>,
    /// Cancels the stop in flight.
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    let label = tr(|t| t.stop);
    let stopping = tr(|t| t.stopping);
    view! {
        <div class="actions">
            <button
                type="submit"
                class="primary"
                aria-label=label
                disabled=move || busy.get() || blocked.get()
            >
                {move || if busy.get() { stopping() } else { label() }}
            </button>
            <Show when=move || busy.get()>
                <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                    {tr(|t| t.cancel)}
                </button>
            </Show>
        </div>
    }
}
