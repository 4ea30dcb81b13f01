use leptos::prelude::*;

use crate::components::el::{
    code, dd, div, dl, dt, figcaption, figure, h2, nothing, p, pre, strong, El,
};
use crate::components::{ErrorTree, ErrorTreeProps, InventoryCard, InventoryCardProps};
use crate::i18n::{use_lang, Pick};
use crate::protocol::{seconds, Outcome, Unconfirmed};

/// How a final outcome reads: a plain-words head, then the card, the error
/// tree or the body as text.
#[component]
pub fn OutcomeView(
    /// How the stop ended.
    outcome: Outcome,
) -> AnyView {
    let pick = title(&outcome);
    let head = move |class| head(class, pick);
    let (head, after) = match outcome {
        Outcome::Stopped(inv) => (head("message ok"), card(*inv)),
        Outcome::ApiError(tree) => (head("message error"), ErrorTree(ErrorTreeProps { tree })),
        Outcome::HttpError {
            status,
            reason,
            body,
        } => (
            head("message error")
                .child(status_line(format!("HTTP {} {reason}", u64::from(status))))
                .child(p().tr(|t| t.http_error_text)),
            raw_body(body),
        ),
        Outcome::BadResponse { kind, status, body } => {
            let lang = use_lang();
            (
                head("message error")
                    .child(status_line(format!("HTTP {}", u64::from(status))))
                    .child(p().live_text(move || lang.get().t().bad_kind(&kind))),
                raw_body(body),
            )
        }
        Outcome::NetworkError(detail) => (
            head("message error")
                .child(p().tr(|t| t.network_text))
                .child(p().class("muted").child(code().text(detail))),
            nothing(),
        ),
        Outcome::TimedOut(ms) => {
            let lang = use_lang();
            let waited = move || format!("{} {}", seconds(ms), lang.get().t().seconds);
            (
                head("message warn")
                    .child(p().class("status-line").child(strong().live_text(waited)))
                    .child(p().tr(|t| t.timed_out_text)),
                nothing(),
            )
        }
        Outcome::Cancelled => (
            head("message warn").child(p().tr(|t| t.cancelled_text)),
            nothing(),
        ),
        Outcome::JobExpired { job_id, body } => (
            head("message warn")
                .child(p().tr(|t| t.expired_text))
                .child(
                    dl().class("fields")
                        .child(dt().tr(|t| t.job_id))
                        .child(dd().child(code().text(job_id))),
                ),
            raw_body(body),
        ),
        Outcome::Unconfirmed(why) => unconfirmed(why),
    };
    vec![head.into_any(), after].into_any()
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
fn unconfirmed(why: Unconfirmed) -> (El, AnyView) {
    let (text, after): (Pick, AnyView) = match why {
        Unconfirmed::OtherStatus(inv) => (|t| t.unconfirmed_other_status, card(*inv)),
        Unconfirmed::OtherTask(inv) => (|t| t.unconfirmed_other_task, card(*inv)),
        Unconfirmed::NoTask => (|t| t.unconfirmed_no_task, nothing()),
        Unconfirmed::ReadFailed(o) => (
            |t| t.unconfirmed_read_failed,
            div()
                .class("read-back")
                .view(OutcomeView(OutcomeViewProps { outcome: *o }))
                .into_any(),
        ),
    };
    (
        head("message warn", |t| t.unconfirmed_title).child(p().tr(text)),
        after,
    )
}

fn card(inventory: crate::protocol::Inventory) -> AnyView {
    InventoryCard(InventoryCardProps { inventory })
}

/// A message box headed by `title`.
fn head(class: &'static str, title: Pick) -> El {
    div().class(class).child(h2().tr(title))
}

/// A bold line such as "HTTP 502 Bad Gateway".
fn status_line(s: String) -> El {
    p().class("status-line").child(strong().text(s))
}

/// A reply's body as plain text (the first 4 KB).
fn raw_body(body: String) -> AnyView {
    let text = if body.is_empty() {
        pre().class("raw-body").tr(|t| t.empty_body)
    } else {
        pre().class("raw-body").text(body)
    };
    figure()
        .class("raw")
        .child(figcaption().tr(|t| t.body))
        .child(text)
        .into_any()
}
