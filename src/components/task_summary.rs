use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::components::{StatusBadge, Targets};
use crate::i18n::{own_lang, use_lang, Texts};
use crate::lookup::{Line, TaskReader};
use crate::protocol::Summary;

/// The line under "Task UUID": the task it holds ("My Task · Running"), that
/// no task has that UUID, or why it could not be read. It carries
/// `data-task-status` (the status as sent, or `none`).
#[component]
pub fn TaskSummary() -> impl IntoView {
    let reader = expect_context::<TaskReader>();
    let target = expect_context::<Targets>().summary;
    let lang = use_lang();
    // The line is read in a Transition: while a read is pending it says so,
    // and no status is claimed.
    let reading = RwSignal::new(false);
    let line = move || match reading.get() {
        true => Line::Reading,
        false => reader.line.get().unwrap_or(Line::Empty),
    };
    let status = move || match line() {
        Line::Known(Summary::Task(inv)) => Some(inv.status),
        Line::Known(Summary::NoTask) => Some("none".to_string()),
        _ => None,
    };
    view! {
        <p
            id="task-summary"
            class="task-summary"
            tabindex="-1"
            aria-live="polite"
            data-task-status=status
            node_ref=target
        >
            <Transition set_pending=reading.write_only()>
                {move || {
                    let (line, t) = (line(), lang.get().t());
                    own_lang(move || line_view(line, t))
                }}
            </Transition>
        </p>
    }
}

/// What the line says for `line`, in the panel's language.
fn line_view(line: Line, t: &'static Texts) -> AnyView {
    match line {
        Line::Empty => EitherOf4::A(()),
        Line::Need(n) => EitherOf4::B(n.said(t)),
        Line::Reading => EitherOf4::B(t.summary_reading),
        Line::Known(Summary::NoTask) => EitherOf4::B(t.summary_none),
        Line::Known(Summary::Failed(o)) => {
            EitherOf4::C(format!("{} {}", t.summary_failed, t.brief(&o)))
        }
        Line::Known(Summary::Task(inv)) => {
            let stopped = (inv.status == "Stopped").then(|| format!(" — {}", t.summary_stopped));
            EitherOf4::D(view! {
                <strong>{inv.name}</strong>
                " · "
                <StatusBadge status=inv.status />
                {stopped}
            })
        }
    }
    .into_any()
}
