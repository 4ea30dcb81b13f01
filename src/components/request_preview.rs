use leptos::prelude::*;

use crate::components::CopyButton;
use crate::i18n::tr;
use crate::protocol::StopRequest;

/// The exact request as a curl command, session masked unless revealed;
/// "Copy as curl" copies the real command.
#[component]
pub fn RequestPreview(
    /// The request as the form currently describes it.
    #[prop(into)]
    request: Signal<StopRequest>,
    /// Whether the person chose to show the session.
    reveal: RwSignal<bool>,
) -> impl IntoView {
    let command = Signal::derive(move || request.with(|r| r.curl(true)));
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <div class="preview-head">
                <h2 id="preview-title">{tr(|t| t.preview)}</h2>
                <CopyButton text=command label=|t| t.copy_curl />
            </div>
            <pre class="curl">
                <code>{move || request.with(|r| r.curl(reveal.get()))}</code>
            </pre>
        </section>
    }
}
