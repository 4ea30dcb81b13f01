use leptos::prelude::*;

use crate::components::el::{code, div, h2, label, live, option, pre, section, select};
use crate::components::{CopyButton, CopyButtonProps};
use crate::protocol::StopRequest;
use crate::snippets::Client;

/// The exact request, as a curl command or as code for zstack-cli, the
/// Java or Go SDK or Python; the session masked unless revealed. The copy
/// button copies the real one ("Copy as curl" for curl).
#[component]
pub fn RequestPreview(
    /// The request as the form currently describes it.
    request: impl Fn() -> StopRequest + Copy + Send + Sync + 'static,
    /// Whether the person chose to show the session.
    reveal: RwSignal<bool>,
) -> AnyView {
    // The chosen client's id (a string, like the form's other choices).
    let chosen = RwSignal::new(Client::Curl.id().to_string());
    let client = move || chosen.with(|c| Client::from_id(c));
    let choice = select()
        .attr("id", "client")
        .on_input(move |v| chosen.set(v))
        .children(
            Client::ALL
                .into_iter()
                .map(|c| option().attr("value", c.id()).text(c.label())),
        );
    let copy = move || {
        let curl = client() == Client::Curl;
        CopyButton(CopyButtonProps {
            text: move || request().snippet(client(), true),
            label: if curl { |t| t.copy_curl } else { |t| t.copy },
        })
    };
    section()
        .class("preview")
        .attr("aria-labelledby", "preview-title")
        .child(
            div()
                .class("preview-head")
                .child(h2().attr("id", "preview-title").tr(|t| t.preview))
                .child(
                    label()
                        .attr("for", "client")
                        .class("client-label")
                        .tr(|t| t.code_for),
                )
                .child(choice)
                .view(live(copy)),
        )
        .child(
            pre()
                .class("curl")
                .child(code().live_text(move || request().snippet(client(), reveal.get()))),
        )
        .into_any()
}
