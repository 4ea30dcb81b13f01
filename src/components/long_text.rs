use leptos::prelude::*;

use crate::components::el::{self, button, live, span};
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
) -> AnyView {
    let wrap = if code { el::code() } else { span() };
    let Some(cut) = crate::protocol::cut_at(&text, SHOWN_AT_FIRST) else {
        return wrap.text(text).into_any();
    };
    let hidden = text[cut..].chars().count();
    let full = RwSignal::new(false);
    let lang = use_lang();
    let head = text[..cut].to_string();
    let tail: std::sync::Arc<str> = text[cut..].into();
    let rest = move || {
        if full.get() {
            return tail.to_string().into_any();
        }
        let t = lang.get().t();
        button()
            .attr("type", "button")
            .class("link more")
            .on_click(move || full.set(true))
            .text(format!("… {} ({hidden} {})", t.show_all, t.clipped))
            .into_any()
    };
    wrap.text(head).view(live(rest)).into_any()
}
