use leptos::prelude::*;

use crate::components::{DateTime, StatusBadge, Targets};
use crate::i18n::{own_lang, tr, use_lang};
use crate::lookup::{Finder, Finding, Found};
use crate::protocol::Inventory;

/// "Find a task": a WAI-ARIA combobox whose listbox lists the CBT tasks
/// matching part of a name or UUID. Arrow keys move, Enter chooses (never
/// sends the stop), Escape closes; choosing fills "Task UUID". Errors of
/// the query show here, never in the result region.
#[component]
pub fn FinderField() -> impl IntoView {
    let finder = expect_context::<Finder>();
    let target = expect_context::<Targets>().finder;
    let listed = move || finder.found.with(Found::listed);
    let active = move || {
        finder
            .found
            .with(|f| f.active.map(|i| format!("finder-{i}")))
    };
    let key = move |ev: leptos::ev::KeyboardEvent| {
        if !ev.default_prevented() && finder.key(&ev.key()) {
            ev.prevent_default();
        }
    };
    let uuids = Memo::new(move |_| {
        finder.found.with(|f| {
            f.list
                .items
                .iter()
                .map(|t| t.uuid.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="field finder">
            <label for="finder">{tr(|t| t.find_task)}</label>
            <input
                id="finder"
                type="text"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="finder-list"
                aria-describedby="finder-state"
                autocomplete="off"
                spellcheck="false"
                placeholder=tr(|t| t.finder_placeholder)
                aria-expanded=move || listed().to_string()
                aria-activedescendant=active
                node_ref=target
                bind:value=finder.text
                on:input=move |_| finder.typed()
                on:keydown=key
                on:blur=move |_| finder.close()
            />
            // Choosing with the pointer keeps the focus in the combobox.
            <ul
                id="finder-list"
                role="listbox"
                class="finder-list"
                aria-label=tr(|t| t.find_task)
                hidden=move || !listed()
                on:mousedown=|ev| ev.prevent_default()
            >
                // Keyed by place and task; an option reads its task from the
                // list itself, so a task listed again as it is now changes
                // in place.
                <For
                    each=move || uuids.get().into_iter().enumerate()
                    key=|place| place.clone()
                    children=|(i, _)| own_lang(move || view! { <FinderOption index=i /> }.into_any())
                />
            </ul>
            <FinderState />
            <Show when=move || finder.found.with(Found::has_more)>
                <button
                    type="button"
                    class="secondary more"
                    on:mousedown=|ev| ev.prevent_default()
                    on:click=move |_| finder.more()
                >
                    {tr(|t| t.finder_more)}
                </button>
            </Show>
        </div>
    }
}

/// One task of the list, named by its text: the task's name first, then
/// its status, the end of its UUID and its last operation.
#[component]
fn FinderOption(
    /// Its place in the list.
    index: usize,
) -> impl IntoView {
    let finder = expect_context::<Finder>();
    let task = Memo::new_with_compare(
        move |_| finder.found.with(|f| f.list.items.get(index).cloned()),
        crate::components::several_tasks::changed,
    );
    let field = move |f: fn(&Inventory) -> String| move || task.with(|t| t.as_deref().map(f));
    let selected = move || (finder.found.with(|f| f.active) == Some(index)).to_string();
    let tail = field(|t| {
        let tail = t.uuid.get(t.uuid.len().saturating_sub(6)..).unwrap_or("");
        format!(" …{tail} ")
    });
    let status = field(|t| t.status.clone());
    let last_op = move || {
        task.with(|t| t.as_ref()?.last_op_date.clone())
            .map(|d| view! { <DateTime date=d /> })
    };
    view! {
        <li
            id=format!("finder-{index}")
            role="option"
            class="finder-option"
            aria-selected=selected
            title=field(|t| t.uuid.clone())
            on:click=move |_| finder.choose(index)
        >
            <span class="option-name">{field(|t| t.name.clone())}</span>
            " "
            <span class="option-more">
                {move || status().map(|s| view! { <StatusBadge status=s /> })}
                <code>{tail}</code>
                {last_op}
            </span>
        </li>
    }
}

/// Under the combobox: searching, nothing found, how many, or why not.
#[component]
fn FinderState() -> impl IntoView {
    let finder = expect_context::<Finder>();
    let lang = use_lang();
    let said = move || {
        let t = lang.get().t();
        finder.found.with(|f| match &f.list.state {
            Finding::Idle if !f.open => String::new(),
            state => state.said(f.list.items.len(), f.list.total, t),
        })
    };
    let class = move || {
        if finder.found.with(|f| f.list.state.failed()) {
            "hint finder-state error"
        } else {
            "hint finder-state"
        }
    };
    view! { <p id="finder-state" aria-live="polite" class=class>{said}</p> }
}
