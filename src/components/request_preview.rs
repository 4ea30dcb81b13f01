use leptos::prelude::*;

use std::sync::Arc;

use crate::components::el::{el, Source};
use crate::components::{CopyButton, CopyButtonProps};
use crate::i18n::Lang;
use crate::protocol::StopRequest;

/// The exact request as a curl command, session masked unless revealed.
#[component]
pub fn RequestPreview(
    /// The request as the form currently describes it.
    request: Source<StopRequest>,
    /// Whether the person chose to show the session.
    reveal: RwSignal<bool>,
    /// The language of the labels.
    lang: Lang,
) -> AnyView {
    el("section")
        .class("preview")
        .attr("aria-labelledby", "preview-title")
        .child(
            el("div")
                .class("preview-head")
                .child(el("h2").attr("id", "preview-title").text(lang.t().preview))
                .view(CopyButton(CopyButtonProps {
                    text: {
                        let request = request.clone();
                        Arc::new(move || request().curl(true))
                    },
                    label: lang.t().copy_curl,
                    lang,
                })),
        )
        .child(
            el("pre")
                .class("curl")
                .child(el("code").live_text(move || request().curl(reveal.get()))),
        )
        .into_any()
}
