use leptos::prelude::*;

use crate::components::CopyButton;
use crate::i18n::Lang;
use crate::protocol::StopRequest;

/// The exact request as a curl command, session masked unless revealed.
#[component]
pub fn RequestPreview(
    /// The request as the form currently describes it.
    request: Signal<StopRequest>,
    /// Whether the person chose to show the session.
    reveal: Signal<bool>,
    /// The language of the labels.
    lang: Lang,
) -> impl IntoView {
    let shown = move || request.get().curl(reveal.get());
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <div class="preview-head">
                <h2 id="preview-title">{lang.t().preview}</h2>
                <CopyButton text=Signal::derive(move || request.get().curl(true)) label=lang.t().copy_curl lang=lang />
            </div>
            <pre class="curl"><code>{shown}</code></pre>
        </section>
    }
}
