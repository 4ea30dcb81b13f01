use leptos::either::Either;
use leptos::prelude::*;

use crate::components::{SeveralTasks, StopForm};
use crate::i18n::tr;

/// Which tab shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskTab {
    One,
    Several,
}

/// "One task" (selected on load) and "Several tasks". Only the shown tab's
/// controls are in the document, so every accessible name stays unique;
/// their values live in state, so switching loses nothing typed. Arrow keys
/// move between the tabs.
#[component]
pub fn TaskTabs(
    /// Which tab shows (a host's `uuids` opens "Several tasks").
    tab: RwSignal<TaskTab>,
    /// Sends the one-task stop (or says why not).
    #[prop(into)]
    on_stop: Callback<()>,
    /// Starts stopping the selected tasks.
    #[prop(into)]
    on_stop_several: Callback<()>,
    /// Nothing may be sent now.
    #[prop(into)]
    blocked: Signal<bool>,
) -> impl IntoView {
    let one = NodeRef::<leptos::html::Button>::new();
    let several = NodeRef::<leptos::html::Button>::new();
    let key = move |ev: leptos::ev::KeyboardEvent| {
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowLeft" | "Home" | "End" => match tab.get_untracked() {
                TaskTab::One => TaskTab::Several,
                TaskTab::Several => TaskTab::One,
            },
            _ => return,
        };
        ev.prevent_default();
        tab.set(next);
        let target = if next == TaskTab::One { one } else { several };
        if let Some(b) = target.get_untracked() {
            let _ = b.focus();
        }
    };
    let selected = move |t| tab.get() == t;
    view! {
        <div class="tabs" role="tablist" on:keydown=key>
            <button
                type="button"
                role="tab"
                id="tab-one"
                aria-controls="task-panel"
                aria-selected=move || selected(TaskTab::One).to_string()
                tabindex=move || if selected(TaskTab::One) { "0" } else { "-1" }
                node_ref=one
                on:click=move |_| tab.set(TaskTab::One)
            >
                {tr(|t| t.tab_one)}
            </button>
            <button
                type="button"
                role="tab"
                id="tab-several"
                aria-controls="task-panel"
                aria-selected=move || selected(TaskTab::Several).to_string()
                tabindex=move || if selected(TaskTab::Several) { "0" } else { "-1" }
                node_ref=several
                on:click=move |_| tab.set(TaskTab::Several)
            >
                {tr(|t| t.tab_several)}
            </button>
        </div>
        <div
            role="tabpanel"
            id="task-panel"
            aria-labelledby=move || if selected(TaskTab::One) { "tab-one" } else { "tab-several" }
        >
            {move || match tab.get() {
                TaskTab::One => Either::Left(view! { <StopForm on_stop=on_stop blocked=blocked /> }),
                TaskTab::Several => {
                    Either::Right(view! { <SeveralTasks on_stop=on_stop_several blocked=blocked /> })
                }
            }}
        </div>
    }
}
