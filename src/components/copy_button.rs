use leptos::prelude::*;

use crate::components::el::{el, Source};
use crate::i18n::Lang;

/// A button that copies `text` to the clipboard and says so.
#[component]
pub fn CopyButton(
    /// What to copy.
    text: Source<String>,
    /// The button's label before copying.
    label: &'static str,
    /// The language of the "copied" confirmation.
    lang: Lang,
) -> AnyView {
    let copied = RwSignal::new(false);
    el("button")
        .attr("type", "button")
        .class("copy")
        .on_click(move || {
            let value = text();
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&value);
                copied.set(true);
                set_timeout(
                    move || copied.set(false),
                    std::time::Duration::from_millis(1500),
                );
            }
        })
        .live_text(move || if copied.get() { lang.t().copied } else { label }.to_string())
        .into_any()
}
