use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{CheckBox, DateTime, StatusBadge, TagsField};
use crate::i18n::{tr, use_lang};
use crate::protocol::{Inventory, Outcome};
use crate::selection::Known;
use crate::several::Several;

/// The five statuses a task can have, as the "Status" filter offers them.
const STATUSES: [&str; 5] = ["Created", "Starting", "Running", "Stopped", "Failed"];

/// "Several tasks": the server's tasks in a table, filtered and paged on the
/// server, a selection that survives both, the batch's own force and tags,
/// and "Stop selected tasks" (which asks first for two or more).
#[component]
pub fn SeveralTasks(
    /// "Stop selected tasks": one task is stopped at once, two or more
    /// open the dialog first.
    #[prop(into)]
    on_stop: Callback<()>,
    /// Nothing may be sent now.
    #[prop(into)]
    blocked: Signal<bool>,
) -> impl IntoView {
    let several = expect_context::<Several>();
    let form = expect_context::<crate::state::Form>();
    let stopper = expect_context::<crate::stopper::Stopper>();
    let settings = expect_context::<RwSignal<crate::state::Settings>>();
    // The list follows the filter (once typing pauses), the status, the
    // session and the configuration.
    Effect::watch(
        move || {
            several.filter.track();
            several.status.track();
            crate::lookup::source(form, settings)
        },
        move |_, before, _| several.list(before.is_some()),
        true,
    );
    show_read_back_tasks(several, stopper);
    let count = move || several.sendable_count();
    view! {
        <div class="several">
            <ListFilters />
            <TaskTable />
            <Selection />
            <div class="field">
                <CheckBox label=tr(|t| t.force) value=several.force id="batch-force" />
            </div>
            <div class="tags">
                <TagsField id="batch-system-tags" label=tr(|t| t.system_tags) value=several.system_tags />
                <TagsField id="batch-user-tags" label=tr(|t| t.user_tags) value=several.user_tags />
                <p id="tags-hint" class="hint">{tr(|t| t.tags_hint)}</p>
            </div>
            <div class="field example">
                <CheckBox label=tr(|t| t.use_examples) value=form.example />
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    disabled=move || count() == 0 || blocked.get() || stopper.pending()
                    on:click=move |_| on_stop.run(())
                >
                    {tr(|t| t.stop_selected)}
                </button>
            </div>
            <ConfirmStop />
        </div>
    }
}

/// "Filter tasks" and "Status", narrowing the list on the server.
/// A task a stop read back shows as it is now in its row, without listing
/// the tasks again. A batch's tasks change their rows once it has ended,
/// all at once: a change per stop laid the table out again per stop (200
/// stops took a second longer).
fn show_read_back_tasks(several: Several, stopper: crate::stopper::Stopper) {
    let seen = StoredValue::new(0u64);
    Effect::new(move || {
        if stopper.pending() {
            return;
        }
        let read: Vec<Inventory> = stopper.history.with(|h| {
            let newest = h.records.first().map_or(0, |r| r.id);
            // A history begun again (signing out) numbers from 1 again.
            let since = match seen.get_value() {
                s if s > newest => 0,
                s => s,
            };
            seen.set_value(newest);
            h.records
                .iter()
                .take_while(|r| r.id > since)
                .filter_map(|r| match &r.outcome {
                    Outcome::Stopped(task) => Some((**task).clone()),
                    _ => None,
                })
                .collect()
        });
        if !read.is_empty() {
            several.listing.maybe_update(|l| {
                let mut changed = false;
                for task in read {
                    changed |= l.refresh(task);
                }
                changed
            });
        }
    });
}

#[component]
fn ListFilters() -> impl IntoView {
    let several = expect_context::<Several>();
    let lang = use_lang();
    let options = move || {
        let t = lang.get().t();
        let chosen = several.status.get_untracked();
        std::iter::once(("", t.status_all.to_string()))
            .chain(
                STATUSES
                    .iter()
                    .map(|s| (*s, t.status_label(s).into_owned())),
            )
            .map(|(value, label)| {
                view! { <option value=value selected=chosen == value>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="list-filters">
            <div class="field">
                <label for="filter-tasks">{tr(|t| t.filter_tasks)}</label>
                <input
                    id="filter-tasks"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=tr(|t| t.filter_placeholder)
                    bind:value=several.filter
                />
            </div>
            <div class="field">
                <label for="status-filter">{tr(|t| t.status)}</label>
                <select
                    id="status-filter"
                    on:change=move |ev| several.status.set(event_target_value(&ev))
                >
                    {options}
                </select>
            </div>
        </div>
    }
}

/// The table "Tasks": a checkbox "Select <name>" per row, 50 at a time.
#[component]
fn TaskTable() -> impl IntoView {
    let several = expect_context::<Several>();
    // Rows are keyed by their task; what a row shows is read from the
    // listing by the row itself, so a task that changes (a stop read it
    // back) changes its cells in place, and a focused checkbox keeps focus.
    let uuids = Memo::new(move |_| {
        several
            .listing
            .with(|l| l.items.iter().map(|t| t.uuid.clone()).collect::<Vec<_>>())
    });
    let lang = use_lang();
    let state = move || {
        let t = lang.get().t();
        several
            .listing
            .with(|l| l.state.said(l.items.len(), l.total, t))
    };
    view! {
        <table class="tasks">
            <caption>{tr(|t| t.tasks_table)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(|t| t.col_select)}</th>
                    <th scope="col">{tr(|t| t.col_name)}</th>
                    <th scope="col">{tr(|t| t.status)}</th>
                    <th scope="col">{tr(|t| t.uuid)}</th>
                    <th scope="col">{tr(|t| t.last_op)}</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || uuids.get()
                    key=|uuid| uuid.clone()
                    children=|uuid| view! { <TaskRow uuid=uuid /> }
                />
            </tbody>
        </table>
        <p class="hint list-state" aria-live="polite">{state}</p>
        <Show when=move || several.listing.with(|l| l.has_more())>
            <button type="button" class="secondary more" on:click=move |_| several.more()>
                {tr(|t| t.show_more)}
            </button>
        </Show>
    }
}

/// Whether a row's task changed: a task the listing took again is a new
/// one, so pointers tell (a change to one task costs the other rows a
/// pointer comparison each).
pub(crate) fn changed(
    before: Option<&Option<Arc<Inventory>>>,
    now: Option<&Option<Arc<Inventory>>>,
) -> bool {
    match (before, now) {
        (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
        (Some(None), Some(None)) => false,
        _ => true,
    }
}

/// One listed task, as the listing holds it now.
#[component]
fn TaskRow(
    /// The task's UUID.
    uuid: String,
) -> impl IntoView {
    let several = expect_context::<Several>();
    let lang = use_lang();
    let task = {
        let uuid = uuid.clone();
        Memo::new_with_compare(
            move |_| several.listing.with(|l| l.get(&uuid).cloned()),
            changed,
        )
    };
    let field = move |f: fn(&Inventory) -> String| move || task.with(|t| t.as_deref().map(f));
    let label = move || {
        task.with(|t| {
            let t = t.as_ref()?;
            Some(if t.name.is_empty() {
                t.uuid.clone()
            } else {
                t.name.clone()
            })
        })
    };
    let picked = {
        let uuid = uuid.clone();
        move || several.is_picked(&uuid)
    };
    let toggle = move |_| {
        if let Some(t) = task.get_untracked() {
            several.toggle(&t);
        }
    };
    let status = field(|t| t.status.clone());
    let last_op = move || {
        task.with(|t| t.as_ref()?.last_op_date.clone())
            .map(|d| view! { <DateTime date=d /> })
    };
    let shown = uuid.clone();
    view! {
        <tr data-task-uuid=uuid data-task-status=status>
            <td>
                <input
                    type="checkbox"
                    aria-label=move || lang.get().t().select_task(&label().unwrap_or_default())
                    prop:checked=picked
                    on:change=toggle
                />
            </td>
            <td class="task-name">{field(|t| t.name.clone())}</td>
            <td>{move || status().map(|s| view! { <StatusBadge status=s /> })}</td>
            <td><code>{shown}</code></td>
            <td>{last_op}</td>
        </tr>
    }
}

/// How many are selected, "Select all shown", "Clear selection", and the
/// tasks a host named that are still being checked or are unknown.
#[component]
fn Selection() -> impl IntoView {
    let several = expect_context::<Several>();
    let lang = use_lang();
    let said = move || lang.get().t().n_selected(several.sendable_count());
    let doubtful = move || {
        several.picks.with(|p| {
            p.iter()
                .filter(|p| !p.sendable())
                .map(|p| (p.uuid.clone(), p.known))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="selection">
            <p class="selected-count" aria-live="polite">{said}</p>
            <button type="button" class="secondary" on:click=move |_| several.select_all_shown()>
                {tr(|t| t.select_all_shown)}
            </button>
            <button type="button" class="secondary" on:click=move |_| several.clear()>
                {tr(|t| t.clear_selection)}
            </button>
            <ul class="doubtful">
                {move || {
                    doubtful()
                        .into_iter()
                        .map(|(uuid, known)| {
                            let why = move || {
                                let t = lang.get().t();
                                if known == Known::Checking { t.checking_task } else { t.unknown_task }
                            };
                            let shown = uuid.clone();
                            let known_as = format!("{known:?}").to_lowercase();
                            view! {
                                <li data-task-uuid=uuid data-known=known_as>
                                    <code>{shown}</code>" "{why}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// "Stop N tasks?": the names of the tasks it will stop, taken when it
/// opened, "Stop N tasks" and "Back" (focused first: Enter alone stops
/// nothing). Nothing is sent before the answer.
#[component]
fn ConfirmStop() -> impl IntoView {
    let several = expect_context::<Several>();
    let stopper = expect_context::<crate::stopper::Stopper>();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let back = NodeRef::<leptos::html::Button>::new();
    let lang = use_lang();
    Effect::new(move || {
        let open = several.confirming.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
                if let Some(b) = back.get_untracked() {
                    let _ = b.focus();
                }
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let n = move || several.confirming.with(|c| c.as_ref().map_or(0, Vec::len));
    let names = move || {
        several
            .confirming
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|p| view! { <li>{p.label().to_string()}</li> })
            .collect_view()
    };
    let go = move |_| several.confirm(stopper, lang.get_untracked());
    view! {
        <dialog
            class="confirm"
            aria-labelledby="confirm-title"
            node_ref=dialog
            on:close=move |_| {
                if several.confirming.with_untracked(Option::is_some) {
                    several.confirming.set(None);
                }
            }
        >
            <h2 id="confirm-title">{move || lang.get().t().stop_n(n(), true)}</h2>
            <ul class="confirm-list">{names}</ul>
            <div class="actions">
                <button type="button" class="primary" on:click=go>
                    {move || lang.get().t().stop_n(n(), false)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    node_ref=back
                    on:click=move |_| several.confirming.set(None)
                >
                    {tr(|t| t.back)}
                </button>
            </div>
        </dialog>
    }
}
