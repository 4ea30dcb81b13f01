use leptos::prelude::*;

use crate::components::{ErrorTree, InventoryCard};
use crate::i18n::{tr, use_lang, Pick};
use crate::protocol::{seconds, Outcome, Unconfirmed};

/// How a final outcome reads: a plain-words head, then the card, the error
/// tree or the body as text.
#[component]
pub fn OutcomeView(
    /// How the stop ended.
    outcome: Outcome,
) -> AnyView {
    match outcome {
        Outcome::Stopped(inv) => view! {
            <Head class="message ok" title=|t| t.stopped_title />
            <InventoryCard inventory=*inv />
        }
        .into_any(),
        Outcome::ApiError(tree) => view! {
            <Head class="message error" title=|t| t.api_error_title />
            <ErrorTree tree=tree />
        }
        .into_any(),
        Outcome::HttpError {
            status,
            reason,
            body,
        } => view! {
            <Head class="message error" title=|t| t.http_error_title>
                <p class="status-line"><strong>"HTTP " {status} " " {reason}</strong></p>
                <p>{tr(|t| t.http_error_text)}</p>
            </Head>
            <RawBody body=body />
        }
        .into_any(),
        Outcome::BadResponse { kind, status, body } => {
            let lang = use_lang();
            view! {
                <Head class="message error" title=|t| t.bad_response_title>
                    <p class="status-line"><strong>"HTTP " {status}</strong></p>
                    <p>{move || lang.get().t().bad_kind(&kind)}</p>
                </Head>
                <RawBody body=body />
            }
            .into_any()
        }
        Outcome::NetworkError(detail) => view! {
            <Head class="message error" title=|t| t.network_title>
                <p>{tr(|t| t.network_text)}</p>
                <p class="muted"><code>{detail}</code></p>
            </Head>
        }
        .into_any(),
        Outcome::TimedOut(ms) => view! {
            <Head class="message warn" title=|t| t.timed_out_title>
                <p class="status-line"><strong>{seconds(ms)} " " {tr(|t| t.seconds)}</strong></p>
                <p>{tr(|t| t.timed_out_text)}</p>
            </Head>
        }
        .into_any(),
        Outcome::Cancelled => view! {
            <Head class="message warn" title=|t| t.cancelled_title>
                <p>{tr(|t| t.cancelled_text)}</p>
            </Head>
        }
        .into_any(),
        Outcome::JobExpired { job_id, body } => view! {
            <Head class="message warn" title=|t| t.expired_title>
                <p>{tr(|t| t.expired_text)}</p>
                <dl class="fields">
                    <dt>{tr(|t| t.job_id)}</dt>
                    <dd><code>{job_id}</code></dd>
                </dl>
            </Head>
            <RawBody body=body />
        }
        .into_any(),
        Outcome::Unconfirmed(why) => unconfirmed(why),
    }
}

/// The server accepted the stop, but the read-back does not show the task
/// stopped: what it shows instead.
fn unconfirmed(why: Unconfirmed) -> AnyView {
    let (text, after): (Pick, AnyView) = match why {
        Unconfirmed::OtherStatus(inv) => (
            |t| t.unconfirmed_other_status,
            view! { <InventoryCard inventory=*inv /> }.into_any(),
        ),
        Unconfirmed::OtherTask(inv) => (
            |t| t.unconfirmed_other_task,
            view! { <InventoryCard inventory=*inv /> }.into_any(),
        ),
        Unconfirmed::NoTask => (|t| t.unconfirmed_no_task, ().into_any()),
        Unconfirmed::ReadFailed(o) => (
            |t| t.unconfirmed_read_failed,
            view! { <div class="read-back"><OutcomeView outcome=*o /></div> }.into_any(),
        ),
    };
    view! {
        <Head class="message warn" title=|t| t.unconfirmed_title>
            <p>{tr(text)}</p>
        </Head>
        {after}
    }
    .into_any()
}

/// A message box headed by `title`.
#[component]
fn Head(
    /// The box's classes (its tone).
    class: &'static str,
    /// The heading.
    title: Pick,
    /// What follows the heading.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class=class>
            <h3>{tr(title)}</h3>
            {children.map(|c| c())}
        </div>
    }
}

/// A reply's body as plain text (the first 4 KB).
#[component]
fn RawBody(
    /// The body as received, already clipped.
    body: String,
) -> impl IntoView {
    let empty = body.is_empty();
    view! {
        <figure class="raw">
            <figcaption>{tr(|t| t.body)}</figcaption>
            <pre class="raw-body">
                {move || if empty { tr(|t| t.empty_body)().to_string() } else { String::new() }}
                {body}
            </pre>
        </figure>
    }
}
