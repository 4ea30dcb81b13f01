use leptos::prelude::*;

use crate::components::el::{button, code, div, input, label, li, live, nothing, p, span, ul};
use crate::components::inventory_card::date_time;
use crate::components::{StatusBadge, StatusBadgeProps};
use crate::i18n::{own_lang, use_lang};
use crate::lookup::{Finder, Finding, Found};
use crate::protocol::Inventory;

/// "Find a task": a WAI-ARIA combobox whose listbox lists the CBT tasks
/// matching part of a name or UUID. Arrow keys move, Enter chooses (never
/// sends the stop), Escape closes; choosing fills "Task UUID". Errors of
/// the query show here, never in the result region.
#[component]
pub fn FinderField(
    /// The finder's state.
    finder: Finder,
) -> AnyView {
    let combo = input()
        .attr("id", "finder")
        .attr("type", "text")
        .attr("role", "combobox")
        .attr("aria-autocomplete", "list")
        .attr("aria-controls", "finder-list")
        .attr("aria-describedby", "finder-state")
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .tr_attr("placeholder", |t| t.finder_placeholder)
        .live_attr("aria-expanded", move || {
            Some(finder.found.with(Found::listed).to_string())
        })
        .live_attr("aria-activedescendant", move || {
            finder
                .found
                .with(|f| f.active.map(|i| format!("finder-{i}")))
        })
        .bind(finder.text)
        .on_input(move |_| finder.typed())
        .on_key(move |k| finder.key(k))
        .on_blur(move || finder.close());
    let list = ul()
        .attr("id", "finder-list")
        .attr("role", "listbox")
        .class("finder-list")
        .tr_attr("aria-label", |t| t.find_task)
        // Choosing with the pointer keeps the focus in the combobox.
        .keep_focus()
        .live_attr("hidden", move || {
            (!finder.found.with(Found::listed)).then(String::new)
        })
        .view(live(move || {
            let list = move || {
                finder.found.with(|f| {
                    f.items
                        .iter()
                        .enumerate()
                        .map(|(i, inv)| option(finder, i, inv, f.active == Some(i)).into_any())
                        .collect::<Vec<_>>()
                        .into_any()
                })
            };
            own_lang(list)
        }));
    let more = live(move || {
        if !finder.found.with(Found::has_more) {
            return nothing();
        }
        button()
            .attr("type", "button")
            .class("secondary more")
            .keep_focus()
            .tr(|t| t.finder_more)
            .on_click(move || finder.more())
            .into_any()
    });
    div()
        .class("field finder")
        .child(label().attr("for", "finder").tr(|t| t.find_task))
        .child(combo)
        .child(list)
        .child(state_line(finder))
        .view(more)
        .into_any()
}

/// One task of the list: the task's name, its status, the end of its UUID
/// and its last operation.
fn option(finder: Finder, i: usize, inv: &Inventory, active: bool) -> crate::components::el::El {
    let id = format!("finder-{i}");
    let tail = inv
        .uuid
        .get(inv.uuid.len().saturating_sub(6)..)
        .unwrap_or("");
    let mut more = span()
        .class("option-more")
        .view(StatusBadge(StatusBadgeProps {
            status: inv.status.clone(),
        }))
        .child(code().text(format!(" …{tail} ")));
    if let Some(d) = inv.last_op_date.clone() {
        more = more.child(date_time(d));
    }
    // Named by its text: the task's name first, then the rest.
    li().attr("id", id)
        .attr("role", "option")
        .class("finder-option")
        .attr("aria-selected", active.to_string())
        .attr("title", inv.uuid.clone())
        .child(span().class("option-name").text(inv.name.clone()))
        .text(" ")
        .child(more)
        .on_click(move || finder.choose(i))
}

/// Under the combobox: searching, nothing found, how many, or why not.
fn state_line(finder: Finder) -> crate::components::el::El {
    let lang = use_lang();
    let said = move || {
        let t = lang.get().t();
        finder.found.with(|f| match &f.state {
            Finding::Searching => t.finder_searching.to_string(),
            Finding::Need(n) => n.said(t).to_string(),
            Finding::Failed(o) => t.brief(o),
            Finding::Idle if !f.open => String::new(),
            Finding::Idle => match (f.items.len(), f.total) {
                (0, _) => t.finder_none.to_string(),
                (n, Some(total)) => format!("{n} {} {total}", t.finder_of),
                (n, None) => n.to_string(),
            },
        })
    };
    p().attr("id", "finder-state")
        .attr("aria-live", "polite")
        .live_attr("class", move || {
            let failed = finder
                .found
                .with(|f| matches!(f.state, Finding::Failed(_) | Finding::Need(_)));
            Some(
                if failed {
                    "hint finder-state error"
                } else {
                    "hint finder-state"
                }
                .into(),
            )
        })
        .live_text(said)
}
