use leptos::prelude::*;

use crate::components::OutcomeView;
use crate::flow::Phase;
use crate::i18n::{tr, Pick};
use crate::protocol::seconds;

/// The one result region: every outcome lands here and is announced.
#[component]
pub fn ResultView(
    /// Where the stop stands.
    #[prop(into)]
    phase: Signal<Phase>,
    /// Now, in the clock's milliseconds, ticking while waiting.
    #[prop(into)]
    now_ms: Signal<f64>,
) -> impl IntoView {
    let body = move || match phase.get() {
        Phase::Idle => view! { <p class="muted">{tr(|t| t.idle)}</p> }.into_any(),
        Phase::Invalid(msgs) => view! {
            <div class="message warn">
                <h3>{tr(|t| t.invalid_title)}</h3>
                <p>{tr(|t| t.fix_fields)}</p>
                <ul>{msgs.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Phase::Waiting { job_id, started_ms } => {
            view! { <Waiting job_id=job_id started_ms=started_ms now_ms=now_ms /> }.into_any()
        }
        Phase::Done(o) => view! { <OutcomeView outcome=o /> }.into_any(),
        Phase::Example(o) => view! {
            <p class="example-banner">{tr(|t| t.example_banner)}</p>
            <OutcomeView outcome=o />
        }
        .into_any(),
    };
    view! {
        <section
            class="result"
            role="region"
            aria-label=tr(|t| t.result)
            aria-live="polite"
            data-outcome=move || phase.with(Phase::kind)
            data-example=move || phase.with(|p| matches!(p, Phase::Example(_)).then_some("true"))
        >
            {body}
        </section>
    }
}

/// A stop in flight: the job once accepted, and the time spent.
#[component]
fn Waiting(
    /// The job id, once the server accepted the call.
    job_id: Option<String>,
    /// When the stop started.
    started_ms: f64,
    /// Now.
    now_ms: Signal<f64>,
) -> impl IntoView {
    let state: Pick = if job_id.is_some() {
        |t| t.waiting_job
    } else {
        |t| t.sending
    };
    let unit = tr(|t| t.seconds);
    let elapsed = move || {
        let ms = (now_ms.get() - started_ms).max(0.0) as u64;
        format!("{} {}", seconds(ms), unit())
    };
    view! {
        <div class="message waiting">
            <span class="spinner" aria-hidden="true"></span>
            <p>{tr(state)}</p>
            <dl class="fields">
                {job_id.map(|j| view! {
                    <dt>{tr(|t| t.job_id)}</dt>
                    <dd><code class="job-id">{j}</code></dd>
                })}
                <dt>{tr(|t| t.elapsed)}</dt>
                <dd class="elapsed">{elapsed}</dd>
            </dl>
        </div>
    }
}
