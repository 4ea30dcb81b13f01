use std::sync::Arc;

use leptos::prelude::*;

use crate::components::LongText;
use crate::i18n::{tr, use_lang, Pick};
use crate::protocol::{ErrorNode, ErrorTree as Tree};

/// How many levels render at once; deeper ones wait for a click, so a chain
/// thousands deep stays quick and never exhausts the stack.
const LEVELS_AT_ONCE: usize = 24;
/// How many causes of one node render at once; "Show more" adds as many.
const CAUSES_AT_ONCE: usize = 50;

/// A nested `ErrorCode`: every node carries `data-error-code` and holds its
/// causes, in order, so the DOM nesting mirrors the cause chain. Big trees
/// render progressively, in depth and in breadth.
#[component]
pub fn ErrorTree(
    /// The decoded error.
    tree: Tree,
) -> impl IntoView {
    view! { <div class="error-tree">{node_view(Arc::new(tree), 0, 0)}</div> }
}

fn node_view(tree: Arc<Tree>, index: usize, level: usize) -> AnyView {
    let n = &tree.nodes[index];
    let code = if n.code.is_empty() {
        "—".to_string()
    } else {
        n.code.clone()
    };
    let causes = (!n.causes.is_empty()).then(|| causes_view(tree.clone(), index, level + 1));
    view! {
        <details class="error-node" data-error-code=n.code.clone() open>
            <summary>
                <code class="error-code">{code}</code>
                " "
                <span class="error-description">{n.description.clone()}</span>
            </summary>
            {fields_view(n)}
            {causes}
        </details>
    }
    .into_any()
}

/// What a field row is called.
enum Label {
    Fixed(Pick),
    Opaque(String),
    Key(String),
}

/// The node's fields other than code and description, as text.
fn fields_view(n: &ErrorNode) -> impl IntoView + use<> {
    let mut rows: Vec<(Label, String, bool)> = Vec::new();
    if let Some(d) = &n.details {
        rows.push((Label::Fixed(|t| t.details), d.clone(), false));
    }
    if let Some(e) = &n.elaboration {
        rows.push((Label::Fixed(|t| t.elaboration), e.clone(), false));
    }
    rows.extend(
        n.opaque
            .iter()
            .map(|(k, v)| (Label::Opaque(k.clone()), v.clone(), true)),
    );
    rows.extend(
        n.other
            .iter()
            .map(|(k, v)| (Label::Key(k.clone()), v.clone(), true)),
    );
    let lang = use_lang();
    let rows = rows
        .into_iter()
        .map(|(label, value, code)| {
            let label = move || {
                let t = lang.get().t();
                match &label {
                    Label::Fixed(pick) => pick(t).to_string(),
                    Label::Opaque(k) => format!("{} · {k}", t.opaque),
                    Label::Key(k) => k.clone(),
                }
            };
            view! {
                <dt>{label}</dt>
                <dd><LongText text=value code=code /></dd>
            }
        })
        .collect_view();
    view! { <dl class="fields">{rows}</dl> }
}

fn causes_view(tree: Arc<Tree>, index: usize, level: usize) -> AnyView {
    if level.is_multiple_of(LEVELS_AT_ONCE) {
        // Deep: render the next levels on demand.
        let shown = RwSignal::new(false);
        return view! {
            <div class="causes">
                {move || {
                    if shown.get() {
                        causes_list(tree.clone(), index, level)
                    } else {
                        view! {
                            <button type="button" class="deeper" on:click=move |_| shown.set(true)>
                                {tr(|t| t.show_deeper)}
                            </button>
                        }
                        .into_any()
                    }
                }}
            </div>
        }
        .into_any();
    }
    causes_list(tree, index, level)
}

/// A node's causes, `CAUSES_AT_ONCE` at a time.
fn causes_list(tree: Arc<Tree>, index: usize, level: usize) -> AnyView {
    view! {
        <div class="causes" aria-label=tr(|t| t.causes)>
            {batch(tree, index, level, 0)}
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
    let nodes: Vec<AnyView> = causes[start..end]
        .iter()
        .map(|c| node_view(tree.clone(), *c, level))
        .collect();
    let left = causes.len() - end;
    let more = RwSignal::new(false);
    let rest = move || {
        if more.get() {
            batch(tree.clone(), index, level, end)
        } else if left > 0 {
            view! {
                <button type="button" class="more-causes" on:click=move |_| more.set(true)>
                    {tr(|t| t.show_more)}
                    " ("
                    {left}
                    ")"
                </button>
            }
            .into_any()
        } else {
            ().into_any()
        }
    };
    view! {
        {nodes}
        {rest}
    }
    .into_any()
}
