use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::use_lang;

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
    text: Callback<(), String>,
    /// The button's label before copying, in the panel's language.
    #[prop(into)]
    label: Signal<&'static str>,
) -> impl IntoView {
    let state = RwSignal::new(Copied::Not);
    let copy = move |_| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            state.set(Copied::Failed);
            return;
        };
        let written = clipboard.write_text(&text.run(()));
        spawn_local(async move {
            let ok = JsFuture::from(written).await.is_ok();
            state.try_set(if ok { Copied::Done } else { Copied::Failed });
            set_timeout(
                move || {
                    state.try_set(Copied::Not);
                },
                std::time::Duration::from_millis(1500),
            );
        });
    };
    let lang = use_lang();
    let said = move || {
        let t = lang.get().t();
        match state.get() {
            Copied::Not => label.get(),
            Copied::Done => t.copied,
            Copied::Failed => t.copy_failed,
        }
    };
    view! { <button type="button" class="copy" on:click=copy>{said}</button> }
}
