use leptos::either::EitherOf5;
use leptos::prelude::*;

use crate::components::{BatchResults, NextSteps, OutcomeView, Targets};
use crate::i18n::{own_lang, seconds, tr, use_lang, Pick};
use crate::phase::Phase;
use crate::protocol::Outcome;
use crate::stopper::Stopper;

/// The one result region: every outcome lands here and is announced. A
/// result that ends a stop (or is shown again) takes the keyboard focus.
#[component]
pub fn ResultView(
    /// Where the stop stands.
    #[prop(into)]
    phase: Signal<Phase>,
    /// The shown stop's total time and number of polls, read when its
    /// result is drawn.
    #[prop(into)]
    timing: Signal<Option<(u64, usize)>>,
) -> impl IntoView {
    let target = use_context::<Targets>().unwrap_or_default().result;
    if let Some(stopper) = use_context::<Stopper>() {
        Effect::watch(
            move || stopper.focus.track(),
            move |_, _, _| Targets::focus(target.get_untracked()),
            false,
        );
    }
    let phase = Memo::new(move |_| phase.get());
    // The end of a batch changes its head and actions, not its rows: the
    // body is rebuilt only when the kind of view changes (redrawing 200
    // result rows at the end was the batch's longest task).
    let shown = Memo::new(move |_| {
        phase.with(|p| match p {
            Phase::Batch { .. } => Phase::Batch { done: false },
            p => p.clone(),
        })
    });
    let batch_done =
        Signal::derive(move || phase.with(|p| matches!(p, Phase::Batch { done: true })));
    view! {
        <section
            id="result"
            tabindex="-1"
            class="result"
            role="region"
            aria-label=tr(|t| t.result)
            aria-live="polite"
            data-outcome=move || phase.with(Phase::kind)
            data-example=move || phase.with(|p| matches!(p, Phase::Example(_))).then_some("true")
            node_ref=target
        >
            {move || {
                let (phase, timing) = (shown.get(), timing.get_untracked());
                own_lang(move || body(phase, timing, batch_done))
            }}
        </section>
    }
}

fn body(phase: Phase, timing: Option<(u64, usize)>, batch_done: Signal<bool>) -> AnyView {
    match phase {
        Phase::Idle => EitherOf5::A(view! { <p class="muted">{tr(|t| t.idle)}</p> }),
        Phase::Invalid(msgs) => EitherOf5::B(view! {
            <div class="message warn">
                <h2>{tr(|t| t.invalid_title)}</h2>
                <p>{tr(|t| t.fix_fields)}</p>
                <ul>{msgs.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        }),
        Phase::Waiting { job_id, started_ms } => {
            EitherOf5::C(view! { <Waiting job_id=job_id started_ms=started_ms /> })
        }
        Phase::Done(outcome) => EitherOf5::D(view! {
            {timing.map(|(ms, polls)| view! { <Took ms=ms polls=polls /> })}
            <WithSteps outcome=outcome />
        }),
        Phase::Example(outcome) => EitherOf5::E(view! {
            <p class="example-banner">{tr(|t| t.example_banner)}</p>
            <WithSteps outcome=outcome />
        }),
        Phase::Batch { .. } => return batch(batch_done),
    }
    .into_any()
}

/// "Took 1.2 s · 2 polls", for a stop that went out.
#[component]
fn Took(
    /// The stop's total time.
    ms: u64,
    /// How many times its job was polled.
    polls: usize,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="timing" id="timing" data-elapsed-ms=ms.to_string() data-polls=polls.to_string()>
            {move || lang.get().t().timing(ms, polls)}
        </p>
    }
}

/// An outcome, headed by what to do next when that is known.
#[component]
fn WithSteps(
    /// How the stop ended.
    outcome: Outcome,
) -> impl IntoView {
    view! {
        <NextSteps outcome=outcome.clone() />
        <OutcomeView outcome=outcome />
    }
}

/// A stop in flight: the job once accepted, and the time spent. Its clock
/// ticks with this view and stops with it.
#[component]
fn Waiting(
    /// The job, once the server accepted the call.
    job_id: Option<String>,
    /// When the stop started, on the page's monotonic clock.
    started_ms: f64,
) -> impl IntoView {
    let state: Pick = if job_id.is_some() {
        |t| t.waiting_job
    } else {
        |t| t.sending
    };
    let now_ms = RwSignal::new(crate::client::now_ms());
    let ticker = set_interval_with_handle(
        move || {
            now_ms.try_set(crate::client::now_ms());
        },
        std::time::Duration::from_millis(100),
    )
    .ok();
    on_cleanup(move || ticker.into_iter().for_each(|t| t.clear()));
    let lang = use_lang();
    let elapsed = move || {
        let ms = (now_ms.get() - started_ms).max(0.0) as u64;
        format!("{} {}", seconds(ms), lang.get().t().seconds)
    };
    let job = job_id.map(|j| {
        view! {
            <dt>{tr(|t| t.job_id)}</dt>
            <dd><code class="job-id">{j}</code></dd>
        }
    });
    view! {
        <div class="message waiting">
            <span class="spinner" aria-hidden="true"></span>
            <p>{tr(state)}</p>
            <dl class="fields">
                {job}
                <dt>{tr(|t| t.elapsed)}</dt>
                <dd class="elapsed">{elapsed}</dd>
            </dl>
        </div>
    }
}

/// Several tasks, marked when their answers were examples.
fn batch(done: Signal<bool>) -> AnyView {
    let example = use_context::<Stopper>()
        .and_then(|s| s.batch.with_untracked(|b| b.as_ref().map(|b| b.example())))
        .unwrap_or(false);
    view! {
        {example.then(|| view! { <p class="example-banner">{tr(|t| t.example_banner)}</p> })}
        <BatchResults done=done />
    }
    .into_any()
}
