use leptos::prelude::*;

use crate::components::el::{code, dd, div, dl, dt, h2, li, live, nothing, p, section, span, ul};
use crate::components::{NextSteps, NextStepsProps, OutcomeView, OutcomeViewProps};
use crate::flow::Phase;
use crate::i18n::{own_lang, use_lang, Pick};
use crate::protocol::seconds;

/// The one result region: every outcome lands here and is announced.
#[component]
pub fn ResultView(
    /// Where the stop stands.
    phase: impl Fn() -> Phase + Copy + Send + Sync + 'static,
    /// The shown stop's total time and number of polls, read when its
    /// result is drawn.
    timing: impl Fn() -> Option<(u64, usize)> + Copy + Send + Sync + 'static,
) -> AnyView {
    section()
        .attr("id", "result")
        .attr("tabindex", "-1")
        .class("result")
        .attr("role", "region")
        .tr_attr("aria-label", |t| t.result)
        .attr("aria-live", "polite")
        .live_attr("data-outcome", move || phase().kind().map(String::from))
        .live_attr("data-example", move || {
            matches!(phase(), Phase::Example(_)).then(|| "true".into())
        })
        .view(live(move || {
            let phase = phase();
            let timing = untrack(timing);
            own_lang(move || body(phase, timing))
        }))
        .into_any()
}

fn body(phase: Phase, timing: Option<(u64, usize)>) -> AnyView {
    match phase {
        Phase::Idle => p().class("muted").tr(|t| t.idle).into_any(),
        Phase::Invalid(msgs) => div()
            .class("message warn")
            .child(h2().tr(|t| t.invalid_title))
            .child(p().tr(|t| t.fix_fields))
            .child(ul().children(msgs.into_iter().map(|m| li().text(m))))
            .into_any(),
        Phase::Waiting { job_id, started_ms } => waiting(job_id, started_ms),
        Phase::Done(outcome) => vec![took(timing), with_steps(outcome)].into_any(),
        Phase::Example(outcome) => vec![
            p().class("example-banner")
                .tr(|t| t.example_banner)
                .into_any(),
            with_steps(outcome),
        ]
        .into_any(),
    }
}

/// "Took 1.2 s · 2 polls", for a stop that went out.
fn took(timing: Option<(u64, usize)>) -> AnyView {
    let Some((ms, polls)) = timing else {
        return nothing();
    };
    let lang = use_lang();
    p().class("timing")
        .attr("id", "timing")
        .attr("data-elapsed-ms", ms.to_string())
        .attr("data-polls", polls.to_string())
        .live_text(move || lang.get().t().timing(ms, polls))
        .into_any()
}

/// An outcome, headed by what to do next when that is known.
fn with_steps(outcome: crate::protocol::Outcome) -> AnyView {
    vec![
        NextSteps(NextStepsProps {
            outcome: outcome.clone(),
        }),
        OutcomeView(OutcomeViewProps { outcome }),
    ]
    .into_any()
}

/// A stop in flight: the job once accepted, and the time spent.
fn waiting(job_id: Option<String>, started_ms: f64) -> AnyView {
    let state: Pick = if job_id.is_some() {
        |t| t.waiting_job
    } else {
        |t| t.sending
    };
    let mut fields = dl().class("fields");
    if let Some(j) = job_id {
        fields = fields
            .child(dt().tr(|t| t.job_id))
            .child(dd().child(code().class("job-id").text(j)));
    }
    // The clock ticks with this view and stops with it: a signal that lived
    // longer would keep every finished view's subscription (see `own_lang`).
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
    div()
        .class("message waiting")
        .child(span().class("spinner").attr("aria-hidden", "true"))
        .child(p().tr(state))
        .child(
            fields
                .child(dt().tr(|t| t.elapsed))
                .child(dd().class("elapsed").live_text(elapsed)),
        )
        .into_any()
}
