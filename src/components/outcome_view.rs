use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;

use crate::components::{ErrorTree, InventoryCard};
use crate::i18n::{seconds, tr, use_lang, Pick};
use crate::protocol::{Outcome, Unconfirmed};

/// How a final outcome reads: a plain-words head, then the card, the error
/// tree or the body as text.
#[component]
pub fn OutcomeView(
    /// How the stop ended.
    outcome: Outcome,
) -> AnyView {
    let title = title(&outcome);
    let lang = use_lang();
    match outcome {
        Outcome::Stopped(inv) => view! {
            <Head class="message ok" title=title />
            <InventoryCard inventory=*inv />
        }
        .into_any(),
        Outcome::ApiError(tree) => view! {
            <Head class="message error" title=title />
            <ErrorTree tree=tree />
        }
        .into_any(),
        Outcome::HttpError {
            status,
            reason,
            body,
        } => view! {
            <Head class="message error" title=title>
                <StatusLine text=format!("HTTP {status} {reason}") />
                <p>{tr(|t| t.http_error_text)}</p>
            </Head>
            <RawBody body=body />
        }
        .into_any(),
        Outcome::BadResponse { kind, status, body } => view! {
            <Head class="message error" title=title>
                <StatusLine text=format!("HTTP {status}") />
                <p>{move || lang.get().t().bad_kind(&kind)}</p>
            </Head>
            <RawBody body=body />
        }
        .into_any(),
        Outcome::NetworkError(detail) => view! {
            <Head class="message error" title=title>
                <p>{tr(|t| t.network_text)}</p>
                <p class="muted"><code>{detail}</code></p>
            </Head>
        }
        .into_any(),
        Outcome::TimedOut(ms) => view! {
            <Head class="message warn" title=title>
                <p class="status-line">
                    <strong>{move || format!("{} {}", seconds(ms), lang.get().t().seconds)}</strong>
                </p>
                <p>{tr(|t| t.timed_out_text)}</p>
            </Head>
        }
        .into_any(),
        Outcome::Cancelled => view! {
            <Head class="message warn" title=title><p>{tr(|t| t.cancelled_text)}</p></Head>
        }
        .into_any(),
        Outcome::JobExpired { job_id, body } => view! {
            <Head class="message warn" title=title>
                <p>{tr(|t| t.expired_text)}</p>
                <dl class="fields">
                    <dt>{tr(|t| t.job_id)}</dt>
                    <dd><code>{job_id}</code></dd>
                </dl>
            </Head>
            <RawBody body=body />
        }
        .into_any(),
        Outcome::Unconfirmed(why) => view! { <UnconfirmedView why=why /> }.into_any(),
    }
}

/// An outcome's title ("The task was stopped"), as a message and in the
/// tab's history.
pub fn title(outcome: &Outcome) -> Pick {
    match outcome {
        Outcome::Stopped(_) => |t| t.stopped_title,
        Outcome::ApiError(_) => |t| t.api_error_title,
        Outcome::HttpError { .. } => |t| t.http_error_title,
        Outcome::BadResponse { .. } => |t| t.bad_response_title,
        Outcome::NetworkError(_) => |t| t.network_title,
        Outcome::TimedOut(_) => |t| t.timed_out_title,
        Outcome::Cancelled => |t| t.cancelled_title,
        Outcome::JobExpired { .. } => |t| t.expired_title,
        Outcome::Unconfirmed(_) => |t| t.unconfirmed_title,
    }
}

/// The server accepted the stop, but the read-back does not show the task
/// stopped: what it shows instead.
#[component]
fn UnconfirmedView(
    /// Why the stop is not confirmed.
    why: Unconfirmed,
) -> impl IntoView {
    let (text, after): (Pick, _) = match why {
        Unconfirmed::OtherStatus(inv) => (
            |t| t.unconfirmed_other_status,
            EitherOf4::A(view! { <InventoryCard inventory=*inv /> }),
        ),
        Unconfirmed::OtherTask(inv) => (
            |t| t.unconfirmed_other_task,
            EitherOf4::B(view! { <InventoryCard inventory=*inv /> }),
        ),
        Unconfirmed::NoTask => (|t| t.unconfirmed_no_task, EitherOf4::C(())),
        Unconfirmed::ReadFailed(o) => (
            |t| t.unconfirmed_read_failed,
            EitherOf4::D(view! {
                <div class="read-back"><OutcomeView outcome=*o /></div>
            }),
        ),
    };
    view! {
        <Head class="message warn" title=|t| t.unconfirmed_title><p>{tr(text)}</p></Head>
        {after}
    }
}

/// A message box headed by `title`, with what `children` say under it.
#[component]
fn Head(
    /// The box's classes.
    class: &'static str,
    /// Its heading.
    title: Pick,
    /// What follows the heading.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class=class>
            <h2>{tr(title)}</h2>
            {children.map(|c| c())}
        </div>
    }
}

/// A bold line such as "HTTP 502 Bad Gateway".
#[component]
fn StatusLine(
    /// The line.
    text: String,
) -> impl IntoView {
    view! { <p class="status-line"><strong>{text}</strong></p> }
}

/// A reply's body as plain text (the first 4 KB).
#[component]
fn RawBody(
    /// The body as received.
    body: String,
) -> impl IntoView {
    let text = if body.is_empty() {
        Either::Left(tr(|t| t.empty_body))
    } else {
        Either::Right(body)
    };
    view! {
        <figure class="raw">
            <figcaption>{tr(|t| t.body)}</figcaption>
            <pre class="raw-body">{text}</pre>
        </figure>
    }
}
