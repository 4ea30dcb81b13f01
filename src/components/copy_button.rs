use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{tr, Pick};

/// What the last copy did.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Done,
    Failed,
}

/// A button that copies `text` to the clipboard and says whether the
/// clipboard took it.
#[component]
pub fn CopyButton(
    /// What to copy, read when clicked.
    #[prop(into)]
    text: Signal<String>,
    /// The button's label before copying.
    label: Pick,
) -> impl IntoView {
    let state = RwSignal::new(Copied::Not);
    let copy = move |_| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            state.set(Copied::Failed);
            return;
        };
        let written = clipboard.write_text(&text.get_untracked());
        spawn_local(async move {
            let ok = JsFuture::from(written).await.is_ok();
            state.try_set(if ok { Copied::Done } else { Copied::Failed });
            gloo_timers::future::TimeoutFuture::new(1500).await;
            state.try_set(Copied::Not);
        });
    };
    let label = tr(label);
    let copied = tr(|t| t.copied);
    let failed = tr(|t| t.copy_failed);
    view! {
        <button type="button" class="copy" on:click=copy>
            {move || match state.get() {
                Copied::Not => label(),
                Copied::Done => copied(),
                Copied::Failed => failed(),
            }}
        </button>
    }
}
