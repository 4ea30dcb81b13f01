use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::components::el::button;
use crate::i18n::{use_lang, Pick};

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
    text: impl Fn() -> String + 'static,
    /// The button's label before copying.
    label: Pick,
) -> AnyView {
    copy_button(Box::new(text), label)
}

/// The one copy of the button's code, whatever `text` is (each caller's
/// closure would otherwise get its own).
#[inline(never)]
fn copy_button(text: Box<dyn Fn() -> String>, label: Pick) -> AnyView {
    let state = RwSignal::new(Copied::Not);
    let copy = move || {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            state.set(Copied::Failed);
            return;
        };
        let written = clipboard.write_text(&untrack(&text));
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
    button()
        .attr("type", "button")
        .class("copy")
        .on_click(copy)
        .live_text(move || {
            let t = lang.get().t();
            match state.get() {
                Copied::Not => label(t),
                Copied::Done => t.copied,
                Copied::Failed => t.copy_failed,
            }
            .to_string()
        })
        .into_any()
}
