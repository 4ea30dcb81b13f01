use leptos::prelude::*;

use crate::components::el::el;
use crate::i18n::Lang;
use crate::protocol::Status;

/// A task status as a labelled badge: an icon and a word, never colour alone.
#[component]
pub fn StatusBadge(
    /// The status exactly as the server sent it.
    status: String,
    /// The language of the label.
    lang: Lang,
) -> AnyView {
    let (class, icon) = match Status::from_sent(&status) {
        Some(Status::Created) => ("badge created", "○"),
        Some(Status::Starting) => ("badge starting", "◔"),
        Some(Status::Running) => ("badge running", "▶"),
        Some(Status::Stopped) => ("badge stopped", "■"),
        Some(Status::Failed) => ("badge failed", "✕"),
        None => ("badge unknown", "?"),
    };
    let label = lang.t().status_label(&status).into_owned();
    el("span")
        .class(class)
        .attr("title", status)
        .child(
            el("span")
                .attr("aria-hidden", "true")
                .class("badge-icon")
                .text(icon),
        )
        .text(" ")
        .text(label)
        .into_any()
}
