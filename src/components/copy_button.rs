use leptos::prelude::*;

use crate::i18n::Lang;

/// A button that copies `text` to the clipboard and says so.
#[component]
pub fn CopyButton(
    /// What to copy.
    text: Signal<String>,
    /// The button's label before copying.
    label: &'static str,
    /// The language of the "copied" confirmation.
    lang: Lang,
) -> impl IntoView {
    let (copied, set_copied) = signal(false);
    let on_click = move |_| {
        let value = text.get_untracked();
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&value);
            set_copied.set(true);
            set_timeout(
                move || set_copied.set(false),
                std::time::Duration::from_millis(1500),
            );
        }
    };
    view! {
        <button type="button" class="copy" on:click=on_click>
            {move || if copied.get() { lang.t().copied } else { label }}
        </button>
    }
}
