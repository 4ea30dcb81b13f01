use leptos::either::Either;
use leptos::prelude::*;

use crate::i18n::use_lang;

/// How much of a long value shows before "Show all".
const SHOWN_AT_FIRST: usize = 2_000;

/// A value from the server as text, clipped when very long, with a way to
/// see all of it.
#[component]
pub fn LongText(
    /// The value, shown as text (never as HTML).
    text: String,
    /// Show it as code (JSON values).
    #[prop(optional)]
    code: bool,
) -> impl IntoView {
    let shown = match crate::protocol::cut_at(&text, SHOWN_AT_FIRST) {
        None => Either::Left(text),
        Some(cut) => Either::Right(view! { <Clipped text=text cut=cut /> }),
    };
    if code {
        Either::Left(view! { <code>{shown}</code> })
    } else {
        Either::Right(view! { <span>{shown}</span> })
    }
}

/// The first `cut` bytes of `text`, then a button that shows the rest.
#[component]
fn Clipped(text: String, cut: usize) -> impl IntoView {
    let hidden = text[cut..].chars().count();
    let full = RwSignal::new(false);
    let lang = use_lang();
    let tail = text[cut..].to_string();
    let mut head = text;
    head.truncate(cut);
    let more = move || {
        let t = lang.get().t();
        format!("… {} ({hidden} {})", t.show_all, t.clipped)
    };
    view! {
        {head}
        <Show
            when=move || full.get()
            fallback=move || view! {
                <button type="button" class="link more" on:click=move |_| full.set(true)>{more}</button>
            }
        >
            {tail.clone()}
        </Show>
    }
}
