use std::sync::Arc;

use leptos::prelude::*;

use crate::components::LongText;
use crate::i18n::{tr, use_lang};
use crate::protocol::{decode_error_to, ErrorNode, ErrorTree as Tree, ERROR_LEVELS_AT_ONCE};

/// How many causes of one node render at once; "Show more" adds as many.
const CAUSES_AT_ONCE: usize = 50;

/// A nested `ErrorCode`: every node carries `data-error-code` and holds its
/// causes, in order, so the DOM nesting mirrors the cause chain. Big trees
/// render progressively: 24 levels at a time (deeper ones wait for a click
/// and are decoded then, so a chain thousands deep stays quick and never
/// exhausts the stack) and 50 causes of a node at a time.
#[component]
pub fn ErrorTree(
    /// The decoded error.
    tree: Tree,
) -> impl IntoView {
    view! { <div class="error-tree">{node_view(Arc::new(tree), 0, 0)}</div> }
}

/// The node `index` of `tree`, at depth `level`, with its causes.
fn node_view(tree: Arc<Tree>, index: usize, level: usize) -> AnyView {
    let n = &tree.nodes[index];
    let shown_code = if n.code.is_empty() {
        "—".to_string()
    } else {
        n.code.clone()
    };
    let causes = (!n.causes.is_empty() || n.deeper.is_some())
        .then(|| causes_view(tree.clone(), index, level + 1));
    view! {
        <details class="error-node" data-error-code=n.code.clone() open>
            <summary>
                <code class="error-code">{shown_code}</code>
                " "
                <span class="error-description">{n.description.clone().unwrap_or_default()}</span>
            </summary>
            <NodeFields node=n.clone() />
            {causes}
        </details>
    }
    .into_any()
}

/// A node's fields other than code and description, as text.
#[component]
fn NodeFields(
    /// The node.
    node: ErrorNode,
) -> impl IntoView {
    let lang = use_lang();
    let named = [
        (tr(|t| t.details), node.details),
        (tr(|t| t.elaboration), node.elaboration),
    ]
    .into_iter()
    .filter_map(|(label, v)| v.map(|v| view! { <dt>{label}</dt><dd><LongText text=v /></dd> }))
    .collect_view();
    let opaque = node
        .opaque
        .into_iter()
        .map(|(k, v)| {
            let label = move || format!("{} · {k}", lang.get().t().opaque);
            view! { <dt>{label}</dt><dd><LongText text=v code=true /></dd> }
        })
        .collect_view();
    let other = node
        .other
        .into_iter()
        .map(|(k, v)| view! { <dt>{k}</dt><dd><LongText text=v code=true /></dd> })
        .collect_view();
    view! { <dl class="fields">{named}{opaque}{other}</dl> }
}

/// The causes of node `index`, which sit at depth `level`. Every 24th level
/// waits for "Show deeper", decoding the levels below first when the tree
/// was decoded only this deep.
fn causes_view(tree: Arc<Tree>, index: usize, level: usize) -> AnyView {
    if !level.is_multiple_of(ERROR_LEVELS_AT_ONCE) {
        return view! {
            <div class="causes" aria-label=tr(|t| t.causes)>{batch(tree, index, level, 0)}</div>
        }
        .into_any();
    }
    let shown = RwSignal::new(false);
    let deeper = move || {
        let next = tree.nodes[index]
            .deeper
            .as_ref()
            .and_then(|sent| decode_error_to(sent, ERROR_LEVELS_AT_ONCE + 1));
        match next {
            Some(sub) => batch(Arc::new(sub), 0, level, 0),
            None => batch(tree.clone(), index, level, 0),
        }
    };
    view! {
        <div class="causes">
            <Show
                when=move || shown.get()
                fallback=move || view! {
                    <button type="button" class="deeper" on:click=move |_| shown.set(true)>
                        {tr(|t| t.show_deeper)}
                    </button>
                }
            >
                {deeper.clone()}
            </Show>
        </div>
    }
    .into_any()
}

/// Causes from `start` on: one batch, then "Show more", which puts the next
/// batch in its place. Each batch is built once; the ones shown (and what
/// the person opened or closed in them) stay as they are.
fn batch(tree: Arc<Tree>, index: usize, level: usize, start: usize) -> AnyView {
    let causes = &tree.nodes[index].causes;
    let end = (start + CAUSES_AT_ONCE).min(causes.len());
    let shown = causes[start..end]
        .iter()
        .map(|c| node_view(tree.clone(), *c, level))
        .collect_view();
    let left = causes.len() - end;
    let more = (left > 0).then(|| {
        let open = RwSignal::new(false);
        let lang = use_lang();
        let label = move || format!("{} ({left})", lang.get().t().show_more);
        view! {
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="more-causes" on:click=move |_| open.set(true)>{label}</button>
                }
            >
                {let tree = tree.clone(); move || batch(tree.clone(), index, level, end)}
            </Show>
        }
    });
    view! { {shown}{more} }.into_any()
}
