use leptos::prelude::*;

use crate::components::el::span;
use crate::i18n::use_lang;
use crate::protocol::Status;

/// A task status as a labelled badge: an icon and a word, never colour alone.
#[component]
pub fn StatusBadge(
    /// The status exactly as the server sent it.
    status: String,
) -> AnyView {
    let (class, icon) = match Status::from_sent(&status) {
        Some(Status::Created) => ("badge created", "○"),
        Some(Status::Starting) => ("badge starting", "◔"),
        Some(Status::Running) => ("badge running", "▶"),
        Some(Status::Stopped) => ("badge stopped", "■"),
        Some(Status::Failed) => ("badge failed", "✕"),
        None => ("badge unknown", "?"),
    };
    let lang = use_lang();
    let sent = status.clone();
    span()
        .class(class)
        .attr("title", status)
        .child(
            span()
                .attr("aria-hidden", "true")
                .class("badge-icon")
                .text(icon),
        )
        .text(" ")
        .live_text(move || lang.get().t().status_label(&sent).into_owned())
        .into_any()
}
