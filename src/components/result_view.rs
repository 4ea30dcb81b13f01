use leptos::prelude::*;

use crate::components::{ErrorTree, InventoryCard};
use crate::i18n::Lang;
use crate::protocol::{seconds, Outcome};

/// Where a stop stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    /// Refused before sending; the messages say why.
    Invalid(Vec<String>),
    /// In flight; the job id once the server accepted the call.
    Waiting {
        job_id: Option<String>,
        started_ms: f64,
    },
    Done(Outcome),
}

impl Phase {
    /// The `data-outcome` kind, none while idle.
    pub fn kind(&self) -> Option<&'static str> {
        match self {
            Phase::Idle => None,
            Phase::Invalid(_) => Some("invalid-input"),
            Phase::Waiting { .. } => Some("waiting"),
            Phase::Done(o) => Some(o.kind()),
        }
    }
}

/// The one result region: every outcome lands here and is announced.
#[component]
pub fn ResultView(
    /// The current phase.
    phase: Signal<Phase>,
    /// Now, in epoch milliseconds, ticking while waiting.
    now_ms: Signal<f64>,
    /// The language of the texts.
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    let body = move || match phase.get() {
        Phase::Idle => view! { <p class="muted">{t.idle}</p> }.into_any(),
        Phase::Invalid(msgs) => view! {
            <div class="message warn">
                <h3>{t.invalid_title}</h3>
                <p>{t.fix_fields}</p>
                <ul>{msgs.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Phase::Waiting { job_id, started_ms } => {
            let waiting_text = if job_id.is_some() {
                t.waiting_job
            } else {
                t.sending
            };
            view! {
                <div class="message waiting">
                    <span class="spinner" aria-hidden="true"></span>
                    <p>{waiting_text}</p>
                    <dl class="fields">
                        {job_id.map(|j| view! { <dt>{t.job_id}</dt><dd><code class="job-id">{j}</code></dd> })}
                        <dt>{t.elapsed}</dt>
                        <dd class="elapsed">
                            {move || format!("{} {}", seconds((now_ms.get() - started_ms).max(0.0) as u64), t.seconds)}
                        </dd>
                    </dl>
                </div>
            }
            .into_any()
        }
        Phase::Done(o) => outcome_view(o, lang).into_any(),
    };
    view! {
        <section
            class="result"
            role="region"
            aria-label=t.result
            aria-live="polite"
            data-outcome=move || phase.get().kind()
        >
            {body}
        </section>
    }
}

fn raw_body(label: &'static str, empty: &'static str, body: String) -> impl IntoView {
    let text = if body.is_empty() {
        empty.to_string()
    } else {
        body
    };
    view! {
        <figure class="raw">
            <figcaption>{label}</figcaption>
            <pre class="raw-body">{text}</pre>
        </figure>
    }
}

fn outcome_view(o: Outcome, lang: Lang) -> impl IntoView {
    let t = lang.t();
    match o {
        Outcome::Stopped(inv) => view! {
            <div class="message ok"><h3>{t.stopped_title}</h3></div>
            <InventoryCard inventory=inv lang=lang />
        }
        .into_any(),
        Outcome::ApiError(tree) => view! {
            <div class="message error"><h3>{t.api_error_title}</h3></div>
            <ErrorTree tree=tree lang=lang />
        }
        .into_any(),
        Outcome::HttpError { status, reason, body } => view! {
            <div class="message error">
                <h3>{t.http_error_title}</h3>
                <p class="status-line"><strong>{format!("HTTP {status} {reason}")}</strong></p>
                <p>{t.http_error_text}</p>
            </div>
            {raw_body(t.body, t.empty_body, body)}
        }
        .into_any(),
        Outcome::BadResponse { kind, status, body } => view! {
            <div class="message error">
                <h3>{t.bad_response_title}</h3>
                <p class="status-line"><strong>{format!("HTTP {status}")}</strong></p>
                <p>{t.bad_kind(&kind)}</p>
            </div>
            {raw_body(t.body, t.empty_body, body)}
        }
        .into_any(),
        Outcome::NetworkError(detail) => view! {
            <div class="message error">
                <h3>{t.network_title}</h3>
                <p>{t.network_text}</p>
                <p class="muted"><code>{detail}</code></p>
            </div>
        }
        .into_any(),
        Outcome::TimedOut(ms) => view! {
            <div class="message warn">
                <h3>{t.timed_out_title}</h3>
                <p class="status-line"><strong>{format!("{} {}", seconds(ms), t.seconds)}</strong></p>
                <p>{t.timed_out_text}</p>
            </div>
        }
        .into_any(),
        Outcome::Cancelled => view! {
            <div class="message warn"><h3>{t.cancelled_title}</h3><p>{t.cancelled_text}</p></div>
        }
        .into_any(),
        Outcome::JobExpired { job_id, body } => view! {
            <div class="message warn">
                <h3>{t.expired_title}</h3>
                <p>{t.expired_text}</p>
                <dl class="fields"><dt>{t.job_id}</dt><dd><code>{job_id}</code></dd></dl>
            </div>
            {raw_body(t.body, t.empty_body, body)}
        }
        .into_any(),
    }
}
