use std::sync::Arc;

use leptos::prelude::*;

use crate::components::el::{
    button, code, dd, details, div, dl, dt, live, nothing, span, summary, El,
};
use crate::components::{LongText, LongTextProps};
use crate::i18n::{use_lang, Pick};
use crate::protocol::{ErrorNode, ErrorTree as Tree};

/// How many levels render at once; deeper ones wait for a click (and are
/// decoded then), so a chain thousands deep stays quick and never exhausts
/// the stack.
const LEVELS_AT_ONCE: usize = crate::protocol::ERROR_LEVELS_AT_ONCE;
/// How many causes of one node render at once; "Show more" adds as many.
const CAUSES_AT_ONCE: usize = 50;

/// A nested `ErrorCode`: every node carries `data-error-code` and holds its
/// causes, in order, so the DOM nesting mirrors the cause chain. Big trees
/// render progressively, in depth and in breadth.
#[component]
pub fn ErrorTree(
    /// The decoded error.
    tree: Tree,
) -> AnyView {
    div()
        .class("error-tree")
        .view(node_view(Arc::new(tree), 0, 0))
        .into_any()
}

fn node_view(tree: Arc<Tree>, index: usize, level: usize) -> AnyView {
    let n = &tree.nodes[index];
    let shown_code = if n.code.is_empty() { "—" } else { &n.code };
    let node = details()
        .class("error-node")
        .attr("data-error-code", n.code.clone())
        .attr("open", "")
        .child(
            summary()
                .child(code().class("error-code").text(shown_code))
                .text(" ")
                .child(
                    span()
                        .class("error-description")
                        .text(n.description.clone().unwrap_or_default()),
                ),
        )
        .child(fields_view(n));
    if n.causes.is_empty() && n.deeper.is_none() {
        return node.into_any();
    }
    node.view(causes_view(tree.clone(), index, level + 1))
        .into_any()
}

/// A labelled value of a node.
fn row(fields: El, label: El, value: String, as_code: bool) -> El {
    fields.child(label).child(dd().view(LongText(LongTextProps {
        text: value,
        code: as_code,
    })))
}

/// The node's fields other than code and description, as text.
fn fields_view(n: &ErrorNode) -> El {
    let fixed = |pick: Pick| dt().tr(pick);
    let mut fields = dl().class("fields");
    if let Some(d) = &n.details {
        fields = row(fields, fixed(|t| t.details), d.clone(), false);
    }
    if let Some(e) = &n.elaboration {
        fields = row(fields, fixed(|t| t.elaboration), e.clone(), false);
    }
    let lang = use_lang();
    for (k, v) in &n.opaque {
        let key = k.clone();
        let label = dt().live_text(move || format!("{} · {key}", lang.get().t().opaque));
        fields = row(fields, label, v.clone(), true);
    }
    for (k, v) in &n.other {
        fields = row(fields, dt().text(k.clone()), v.clone(), true);
    }
    fields
}

fn causes_view(tree: Arc<Tree>, index: usize, level: usize) -> AnyView {
    let causes = div().class("causes");
    if !level.is_multiple_of(LEVELS_AT_ONCE) {
        return causes
            .tr_attr("aria-label", |t| t.causes)
            .view(batch(tree, index, level, 0))
            .into_any();
    }
    // Deep: render the next levels on demand, decoding them first when the
    // tree was decoded only this deep.
    let shown = RwSignal::new(false);
    causes
        .view(live(move || {
            if shown.get() {
                let next = tree.nodes[index]
                    .deeper
                    .as_ref()
                    .and_then(|sent| crate::protocol::decode_error_to(sent, LEVELS_AT_ONCE + 1));
                match next {
                    Some(sub) => batch(Arc::new(sub), 0, level, 0),
                    None => batch(tree.clone(), index, level, 0),
                }
            } else {
                button()
                    .attr("type", "button")
                    .class("deeper")
                    .on_click(move || shown.set(true))
                    .tr(|t| t.show_deeper)
                    .into_any()
            }
        }))
        .into_any()
}

/// Causes from `start` on: one batch, then "Show more", which puts the next
/// batch in its place. Each batch is built once; the ones shown (and what
/// the person opened or closed in them) stay as they are.
fn batch(tree: Arc<Tree>, index: usize, level: usize, start: usize) -> AnyView {
    let causes = &tree.nodes[index].causes;
    let end = (start + CAUSES_AT_ONCE).min(causes.len());
    let mut views: Vec<AnyView> = causes[start..end]
        .iter()
        .map(|c| node_view(tree.clone(), *c, level))
        .collect();
    let left = causes.len() - end;
    if left > 0 {
        let more = RwSignal::new(false);
        let lang = use_lang();
        views.push(live(move || {
            if more.get() {
                return batch(tree.clone(), index, level, end);
            }
            button()
                .attr("type", "button")
                .class("more-causes")
                .on_click(move || more.set(true))
                .live_text(move || format!("{} ({left})", lang.get().t().show_more))
                .into_any()
        }));
    }
    if views.is_empty() {
        return nothing();
    }
    views.into_any()
}
