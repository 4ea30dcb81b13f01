use leptos::prelude::*;

use crate::components::el::{live, nothing, p, strong, text};
use crate::components::{StatusBadge, StatusBadgeProps};
use crate::i18n::{own_lang, use_lang};
use crate::lookup::{Line, TaskReader};
use crate::protocol::Summary;

/// The line under "Task UUID": the task it holds ("My Task · Running"), that
/// no task has that UUID, or why it could not be read. It carries
/// `data-task-status` (the status as sent, or `none`).
#[component]
pub fn TaskSummary(
    /// Reads the task the field holds.
    reader: TaskReader,
) -> AnyView {
    let lang = use_lang();
    let body = move || {
        let t = lang.get().t();
        match reader.line.get() {
            Line::Empty => nothing(),
            Line::Need(n) => text(n.said(t).into()),
            Line::Reading => text(t.summary_reading.into()),
            Line::Known(Summary::NoTask) => text(t.summary_none.into()),
            Line::Known(Summary::Failed(o)) => {
                text(format!("{} {}", t.summary_failed, t.brief(&o)))
            }
            Line::Known(Summary::Task(inv)) => {
                let stopped = inv.status == "Stopped";
                let mut v = vec![
                    strong().text(inv.name).into_any(),
                    text(" · ".into()),
                    StatusBadge(StatusBadgeProps { status: inv.status }),
                ];
                if stopped {
                    v.push(text(format!(" — {}", t.summary_stopped)));
                }
                v.into_any()
            }
        }
    };
    p().attr("id", "task-summary")
        .class("task-summary")
        .attr("tabindex", "-1")
        .attr("aria-live", "polite")
        .live_attr("data-task-status", move || {
            reader.line.with(|l| match l {
                Line::Known(Summary::Task(inv)) => Some(inv.status.clone()),
                Line::Known(Summary::NoTask) => Some("none".into()),
                _ => None,
            })
        })
        .view(live(move || own_lang(body)))
        .into_any()
}
