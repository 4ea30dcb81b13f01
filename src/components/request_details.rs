use leptos::prelude::*;

use crate::components::{CopyButton, LongText};
use crate::history::History;
use crate::i18n::{own_lang, tr, use_lang};
use crate::protocol::reason;
use crate::transport::{Exchange, Method};

/// "Request details": every HTTP step of the stop whose result shows, in
/// order (the POST, each job poll, the read-back), with its status, time,
/// size, the headers that matter and the body as text. The session shows
/// masked; the body is copied whole.
#[component]
pub fn RequestDetails(
    /// The tab's stops and the one shown.
    #[prop(into)]
    history: Signal<History>,
) -> impl IntoView {
    move || {
        let (example, steps) = history.with(|t| t.shown().map(|r| (r.example, r.steps.clone())))?;
        Some(own_lang(move || {
            view! {
                <details id="request-details" class="request-details">
                    <summary>{tr(|t| t.request_details)}</summary>
                    {example.then(|| view! { <p class="example-banner">{tr(|t| t.example_tag)}</p> })}
                    <ol class="steps">
                        {steps.into_iter().map(|s| view! { <Step step=s /> }).collect_view()}
                    </ol>
                </details>
            }
            .into_any()
        }))
    }
}

/// One step: `POST /zstack/v1/… → 202 Accepted · 12 ms · 345 B`, then its
/// headers and body.
#[component]
fn Step(
    /// The exchange.
    step: Exchange,
) -> impl IntoView {
    let lang = use_lang();
    let size = step.size();
    let ms = step.ms;
    let time = move || {
        let t = lang.get().t();
        let size = size
            .map(|n| format!(" · {n} {}", t.bytes))
            .unwrap_or_default();
        format!("{ms} ms{size}")
    };
    let (status, sent) = match &step.reply {
        Ok(r) => (
            format!("{} {}", r.status, reason(r.status)),
            r.status.to_string(),
        ),
        Err(_) => (String::new(), "none".to_string()),
    };
    let no_reply = step
        .reply
        .is_err()
        .then(|| view! { <span class="step-status">{tr(|t| t.no_reply)}</span> });
    let line = format!("{} {}", method_name(step.method), path(&step.url));
    let auth = step
        .auth
        .map(|a| view! { <Header name="Authorization" value=a /> });
    let (headers, body) = match step.reply {
        Ok(r) => {
            let content_type = r
                .content_type
                .map(|c| view! { <Header name="Content-Type" value=c /> });
            let location = r
                .location
                .map(|l| view! { <Header name="Location" value=l /> });
            let copied = r.text.clone();
            let cut = (r.cut_from.is_some() && !r.text.is_empty())
                .then(|| view! { <p class="muted">{tr(|t| t.body_kept)}</p> });
            let body = view! {
                <div class="step-body">
                    {cut}
                    <CopyButton text=move || copied.clone() label=tr(|t| t.copy) />
                    <pre><LongText text=r.text /></pre>
                </div>
            };
            (Some((content_type, location)), body.into_any())
        }
        Err(e) => (
            None,
            view! { <p class="muted"><code>{e}</code></p> }.into_any(),
        ),
    };
    view! {
        <li class="step" data-http-status=sent>
            <p class="step-line">
                <code>{line}</code>
                <span class="step-status">{status}</span>
                {no_reply}
                <span class="step-time">{time}</span>
            </p>
            <dl class="fields">{auth}{headers}</dl>
            {body}
        </li>
    }
}

/// A header that matters, as a name and value in the step's fields.
#[component]
fn Header(
    /// The header's name.
    name: &'static str,
    /// Its value as sent or received.
    value: String,
) -> impl IntoView {
    view! { <dt>{name}</dt><dd><code>{value}</code></dd> }
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
    }
}

/// The URL from its path on (the API base is the configured one).
fn path(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url, |i| &url[after_scheme + i..])
}
