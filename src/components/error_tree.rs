use std::sync::Arc;

use leptos::prelude::*;

use crate::components::el::{el, live, El};
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
) -> AnyView {
    el("div")
        .class("error-tree")
        .child(node_view(&Arc::new(tree), 0, 0, lang))
        .into_any()
}

/// One labelled field of a node.
fn row(fields: El, label: String, value: String, code: bool) -> El {
    let value = el(if code { "code" } else { "span" }).text(value);
    fields
        .child(el("dt").text(label))
        .child(el("dd").child(value))
}

fn node_view(tree: &Arc<Tree>, index: usize, level: usize, lang: Lang) -> El {
    let t = lang.t();
    let n = &tree.nodes[index];
    let mut fields = el("dl").class("fields");
    if let Some(d) = &n.details {
        fields = row(fields, t.details.into(), d.clone(), false);
    }
    if let Some(e) = &n.elaboration {
        fields = row(fields, t.elaboration.into(), e.clone(), false);
    }
    for (k, v) in &n.opaque {
        fields = row(fields, format!("{} · {k}", t.opaque), v.clone(), true);
    }
    for (k, v) in &n.other {
        fields = row(fields, k.clone(), v.clone(), true);
    }
    let shown_code = if n.code.is_empty() { "—" } else { &n.code };
    let node = el("details")
        .class("error-node")
        .attr("data-error-code", n.code.clone())
        .attr("open", "")
        .child(
            el("summary")
                .child(el("code").class("error-code").text(shown_code))
                .text(" ")
                .child(
                    el("span")
                        .class("error-description")
                        .text(n.description.clone().unwrap_or_default()),
                ),
        )
        .child(fields);
    if n.causes.is_empty() {
        return node;
    }
    let causes = el("div").class("causes");
    if level > 0 && level.is_multiple_of(LEVELS_AT_ONCE) {
        // Deep: render the next levels on demand.
        let shown = RwSignal::new(false);
        let tree = tree.clone();
        node.child(causes.view(live(move || {
            if shown.get() {
                let kids = tree.nodes[index]
                    .causes
                    .iter()
                    .map(|c| node_view(&tree, *c, level + 1, lang).into_any());
                kids.collect::<Vec<_>>().into_any()
            } else {
                el("button")
                    .attr("type", "button")
                    .class("deeper")
                    .on_click(move || shown.set(true))
                    .text(t.show_deeper)
                    .into_any()
            }
        })))
    } else {
        node.child(
            causes.attr("aria-label", t.causes).children(
                n.causes
                    .iter()
                    .map(|c| node_view(tree, *c, level + 1, lang)),
            ),
        )
    }
}
