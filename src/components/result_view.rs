use leptos::prelude::*;

use crate::components::el::{el, live, nothing, El};
use crate::components::{ErrorTree, ErrorTreeProps, InventoryCard, InventoryCardProps};
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
    /// A published example's outcome (example mode): nothing was sent.
    Example(Outcome),
}

impl Phase {
    /// The `data-outcome` kind, none while idle.
    pub fn kind(&self) -> Option<&'static str> {
        match self {
            Phase::Idle => None,
            Phase::Invalid(_) => Some("invalid-input"),
            Phase::Waiting { .. } => Some("waiting"),
            Phase::Done(o) | Phase::Example(o) => Some(o.kind()),
        }
    }

    /// A stop is in flight.
    pub fn is_waiting(&self) -> bool {
        matches!(self, Phase::Waiting { .. })
    }
}

/// The one result region: every outcome lands here and is announced.
#[component]
pub fn ResultView(
    /// The current phase.
    phase: RwSignal<Phase>,
    /// Now, in epoch milliseconds, ticking while waiting.
    now_ms: RwSignal<f64>,
    /// The language of the texts.
    lang: Lang,
) -> AnyView {
    let t = lang.t();
    el("section")
        .class("result")
        .attr("role", "region")
        .attr("aria-label", t.result)
        .attr("aria-live", "polite")
        .live_attr("data-outcome", move || {
            phase.with(|p| p.kind().map(String::from))
        })
        .live_attr("data-example", move || {
            phase.with(|p| matches!(p, Phase::Example(_)).then(|| "true".into()))
        })
        .view(live(move || phase_view(phase.get(), now_ms, lang)))
        .into_any()
}

fn phase_view(phase: Phase, now_ms: RwSignal<f64>, lang: Lang) -> AnyView {
    let t = lang.t();
    match phase {
        Phase::Idle => el("p").class("muted").text(t.idle),
        Phase::Invalid(msgs) => message("message warn", t.invalid_title)
            .child(el("p").text(t.fix_fields))
            .child(el("ul").children(msgs.into_iter().map(|m| el("li").text(m)))),
        Phase::Waiting { job_id, started_ms } => {
            let mut fields = el("dl").class("fields");
            let waiting_text = match job_id {
                Some(j) => {
                    fields = fields
                        .child(el("dt").text(t.job_id))
                        .child(el("dd").child(el("code").class("job-id").text(j)));
                    t.waiting_job
                }
                None => t.sending,
            };
            el("div")
                .class("message waiting")
                .child(el("span").class("spinner").attr("aria-hidden", "true"))
                .child(el("p").text(waiting_text))
                .child(fields.child(el("dt").text(t.elapsed)).child(
                    el("dd").class("elapsed").live_text(move || {
                        let ms = (now_ms.get() - started_ms).max(0.0) as u64;
                        format!("{} {}", seconds(ms), t.seconds)
                    }),
                ))
        }
        Phase::Done(o) => return outcome_view(o, lang),
        Phase::Example(o) => {
            let banner = el("p").class("example-banner").text(t.example_banner);
            return vec![banner.into_any(), outcome_view(o, lang)].into_any();
        }
    }
    .into_any()
}

/// A message box headed by `title`.
fn message(class: &'static str, title: &'static str) -> El {
    el("div").class(class).child(el("h3").text(title))
}

/// A bold line such as "HTTP 502 Bad Gateway".
fn status_line(s: String) -> El {
    el("p").class("status-line").child(el("strong").text(s))
}

fn raw_body(label: &'static str, empty: &'static str, body: String) -> AnyView {
    let text = if body.is_empty() {
        empty.to_string()
    } else {
        body
    };
    el("figure")
        .class("raw")
        .child(el("figcaption").text(label))
        .child(el("pre").class("raw-body").text(text))
        .into_any()
}

fn outcome_view(o: Outcome, lang: Lang) -> AnyView {
    let t = lang.t();
    let (head, after) = match o {
        Outcome::Stopped(inv) => (
            message("message ok", t.stopped_title),
            InventoryCard(InventoryCardProps {
                inventory: inv,
                lang,
            }),
        ),
        Outcome::ApiError(tree) => (
            message("message error", t.api_error_title),
            ErrorTree(ErrorTreeProps { tree, lang }),
        ),
        Outcome::HttpError {
            status,
            reason,
            body,
        } => (
            message("message error", t.http_error_title)
                .child(status_line(format!("HTTP {} {reason}", u64::from(status))))
                .child(el("p").text(t.http_error_text)),
            raw_body(t.body, t.empty_body, body),
        ),
        Outcome::BadResponse { kind, status, body } => (
            message("message error", t.bad_response_title)
                .child(status_line(format!("HTTP {}", u64::from(status))))
                .child(el("p").text(t.bad_kind(&kind))),
            raw_body(t.body, t.empty_body, body),
        ),
        Outcome::NetworkError(detail) => (
            message("message error", t.network_title)
                .child(el("p").text(t.network_text))
                .child(el("p").class("muted").child(el("code").text(detail))),
            nothing(),
        ),
        Outcome::TimedOut(ms) => (
            message("message warn", t.timed_out_title)
                .child(status_line(format!("{} {}", seconds(ms), t.seconds)))
                .child(el("p").text(t.timed_out_text)),
            nothing(),
        ),
        Outcome::Cancelled => (
            message("message warn", t.cancelled_title).child(el("p").text(t.cancelled_text)),
            nothing(),
        ),
        Outcome::JobExpired { job_id, body } => (
            message("message warn", t.expired_title)
                .child(el("p").text(t.expired_text))
                .child(
                    el("dl")
                        .class("fields")
                        .child(el("dt").text(t.job_id))
                        .child(el("dd").child(el("code").text(job_id))),
                ),
            raw_body(t.body, t.empty_body, body),
        ),
    };
    vec![head.into_any(), after].into_any()
}
