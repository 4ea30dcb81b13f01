use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::protocol::Status;

/// A task status as a labelled badge: an icon and a word, never colour alone.
#[component]
pub fn StatusBadge(
    /// The status exactly as the server sent it.
    #[prop(into)]
    status: String,
) -> impl IntoView {
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
    view! {
        <span class=class title=status>
            <span aria-hidden="true" class="badge-icon">{icon}</span>
            " "
            {move || lang.get().t().status_label(&sent).into_owned()}
        </span>
    }
}
