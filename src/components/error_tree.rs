use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::protocol::ErrorTree as Tree;

/// How many levels render at once; deeper ones wait for a click, so a chain
/// thousands deep stays quick and never exhausts the stack.
const LEVELS_AT_ONCE: usize = 24;

/// A nested `ErrorCode`: every node carries `data-error-code` and holds its
/// causes, in order, so the DOM nesting mirrors the cause chain.
#[component]
pub fn ErrorTree(
    /// The decoded error.
    tree: Tree,
    /// The language of the field labels.
    lang: Lang,
) -> impl IntoView {
    let tree = Arc::new(tree);
    view! { <div class="error-tree">{node_view(tree, 0, 0, lang)}</div> }
}

fn node_view(tree: Arc<Tree>, index: usize, level: usize, lang: Lang) -> AnyView {
    let t = lang.t();
    let n = tree.nodes[index].clone();
    let row = |label: String, value: String, code: bool| {
        view! {
            <dt>{label}</dt>
            <dd>{if code { view! { <code>{value}</code> }.into_any() } else { view! { <span>{value}</span> }.into_any() }}</dd>
        }
    };
    let mut rows = Vec::new();
    if let Some(d) = n.details.clone() {
        rows.push(row(t.details.into(), d, false));
    }
    if let Some(e) = n.elaboration.clone() {
        rows.push(row(t.elaboration.into(), e, false));
    }
    for (k, v) in n.opaque.iter() {
        rows.push(row(format!("{} · {k}", t.opaque), v.clone(), true));
    }
    for (k, v) in n.other.iter() {
        rows.push(row(k.clone(), v.clone(), true));
    }
    let causes = n.causes.clone();
    let children = if causes.is_empty() {
        None
    } else if level > 0 && level.is_multiple_of(LEVELS_AT_ONCE) {
        // Deep: render the next levels on demand.
        let (shown, set_shown) = signal(false);
        let tree = tree.clone();
        Some(
            view! {
                <div class="causes">
                    <Show
                        when=move || shown.get()
                        fallback=move || view! {
                            <button type="button" class="deeper" on:click=move |_| set_shown.set(true)>
                                {t.show_deeper}
                            </button>
                        }
                    >
                        {let tree = tree.clone();
                        let causes = causes.clone();
                        move || causes.iter().map(|c| node_view(tree.clone(), *c, level + 1, lang)).collect_view()}
                    </Show>
                </div>
            }
            .into_any(),
        )
    } else {
        Some(
            view! {
                <div class="causes" aria-label=t.causes>
                    {causes.iter().map(|c| node_view(tree.clone(), *c, level + 1, lang)).collect_view()}
                </div>
            }
            .into_any(),
        )
    };
    let code = n.code.clone();
    let shown_code = if code.is_empty() {
        "—".to_string()
    } else {
        code.clone()
    };
    view! {
        <details class="error-node" data-error-code=code open=true>
            <summary>
                <code class="error-code">{shown_code}</code>
                " "
                <span class="error-description">{n.description.clone().unwrap_or_default()}</span>
            </summary>
            <dl class="fields">{rows}</dl>
            {children}
        </details>
    }
    .into_any()
}
