use leptos::prelude::*;

use crate::i18n::tr;

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
    let cut = clip_at(&text, SHOWN_AT_FIRST);
    let full = RwSignal::new(cut.is_none());
    let hidden = cut.map_or(0, |c| text[c..].chars().count());
    let text = StoredValue::new(text);
    let shown = move || {
        text.with_value(|t| match cut {
            Some(c) if !full.get() => t[..c].to_string(),
            _ => t.clone(),
        })
    };
    let body = move || {
        if code {
            view! { <code>{shown}</code> }.into_any()
        } else {
            view! { <span>{shown}</span> }.into_any()
        }
    };
    view! {
        {body}
        {move || {
            (!full.get())
                .then(|| {
                    view! {
                        "… "
                        <button type="button" class="link more" on:click=move |_| full.set(true)>
                            {tr(|t| t.show_all)}
                            " ("
                            {hidden}
                            " "
                            {tr(|t| t.clipped)}
                            ")"
                        </button>
                    }
                        .into_any()
                })
        }}
    }
}

/// Where to cut `text` to about `max` bytes on a character boundary, or
/// `None` when it is short enough.
fn clip_at(text: &str, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some(end)
}
