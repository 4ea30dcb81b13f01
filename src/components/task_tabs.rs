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
            <Tab tab=tab which=TaskTab::One id="tab-one" node=one label=tr(|t| t.tab_one) />
            <Tab tab=tab which=TaskTab::Several id="tab-several" node=several label=tr(|t| t.tab_several) />
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

/// One tab: selected, focusable and labelled as it should be.
#[component]
fn Tab(
    /// Which tab shows.
    tab: RwSignal<TaskTab>,
    /// The tab this one is.
    which: TaskTab,
    /// Its id (the panel is labelled by it).
    id: &'static str,
    /// Where the arrow keys move the focus to.
    node: NodeRef<leptos::html::Button>,
    /// Its name.
    #[prop(into)]
    label: Signal<&'static str>,
) -> impl IntoView {
    let selected = move || tab.get() == which;
    view! {
        <button
            type="button"
            role="tab"
            id=id
            aria-controls="task-panel"
            aria-selected=move || selected().to_string()
            tabindex=move || if selected() { "0" } else { "-1" }
            node_ref=node
            on:click=move |_| tab.set(which)
        >
            {label}
        </button>
    }
}
