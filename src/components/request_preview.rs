use leptos::prelude::*;

use crate::components::CopyButton;
use crate::i18n::{tr, use_lang};
use crate::protocol::StopRequest;
use crate::snippets::Client;

/// The exact request, as a curl command or as code for zstack-cli, the
/// Java or Go SDK or Python; the session masked unless revealed. The copy
/// button copies the real one ("Copy as curl" for curl).
#[component]
pub fn RequestPreview(
    /// The request as the form currently describes it.
    #[prop(into)]
    request: Signal<StopRequest>,
    /// Whether the person chose to show the session.
    #[prop(into)]
    reveal: Signal<bool>,
) -> impl IntoView {
    let client = RwSignal::new(Client::Curl);
    // On `change`, as every select of the panel (see ExampleChoice).
    let choose = move |ev: leptos::ev::Event| client.set(Client::from_id(&event_target_value(&ev)));
    let options = Client::ALL
        .into_iter()
        .map(|c| view! { <option value=c.id()>{c.label()}</option> })
        .collect_view();
    let lang = use_lang();
    let copy_label = Signal::derive(move || {
        let t = lang.get().t();
        if client.get() == Client::Curl {
            t.copy_curl
        } else {
            t.copy
        }
    });
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <div class="preview-head">
                <h2 id="preview-title">{tr(|t| t.preview)}</h2>
                <label for="client" class="client-label">{tr(|t| t.code_for)}</label>
                <select id="client" on:change=choose>{options}</select>
                <CopyButton
                    text=move || request.with_untracked(|r| r.snippet(client.get_untracked(), true))
                    label=copy_label
                />
            </div>
            <pre class="curl">
                <code>{move || request.with(|r| r.snippet(client.get(), reveal.get()))}</code>
            </pre>
        </section>
    }
}
