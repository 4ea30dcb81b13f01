use leptos::prelude::*;

use crate::components::el::{code, div, h2, pre, section};
use crate::components::{CopyButton, CopyButtonProps};
use crate::protocol::StopRequest;

/// The exact request as a curl command, session masked unless revealed;
/// "Copy as curl" copies the real command.
#[component]
pub fn RequestPreview(
    /// The request as the form currently describes it.
    request: impl Fn() -> StopRequest + Copy + Send + Sync + 'static,
    /// Whether the person chose to show the session.
    reveal: RwSignal<bool>,
) -> AnyView {
    let command = move || request().curl(true);
    section()
        .class("preview")
        .attr("aria-labelledby", "preview-title")
        .child(
            div()
                .class("preview-head")
                .child(h2().attr("id", "preview-title").tr(|t| t.preview))
                .view(CopyButton(CopyButtonProps {
                    text: command,
                    label: |t| t.copy_curl,
                })),
        )
        .child(
            pre()
                .class("curl")
                .child(code().live_text(move || request().curl(reveal.get()))),
        )
        .into_any()
}
