//! `ErrorCode` trees: decoded one level at a time from a work list, so a
//! `cause` chain of any depth never becomes recursion.

use crate::wire::{self, ErrorCode, Fields, Raw};

/// One `ErrorCode` of a tree, its causes referred to by index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorNode {
    pub code: String,
    pub description: Option<String>,
    pub details: Option<String>,
    pub elaboration: Option<String>,
    /// `opaque` as key and JSON text of the value.
    pub opaque: Vec<(String, String)>,
    /// Every other field (known today or not), as key and JSON text.
    pub other: Vec<(String, String)>,
    /// `cause` first, then `causes` in order.
    pub causes: Vec<usize>,
    /// This level as sent, when its causes were left for later (the tree
    /// was decoded only so deep): [`decode_error_to`] it to go on.
    pub deeper: Option<Raw>,
}

/// An `ErrorCode` with its causes, flat so any depth is safe, and the value
/// as it came (handed to a host console as is).
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorTree {
    /// Node 0 is the root. Shared: an outcome is cloned into the result,
    /// the tab's history and the host's message, and a tree can hold
    /// thousands of nodes.
    pub nodes: std::sync::Arc<[ErrorNode]>,
    pub raw: Raw,
}

impl ErrorTree {
    pub fn root(&self) -> &ErrorNode {
        &self.nodes[0]
    }

    /// How deep the longest chain goes (the root alone is 1).
    pub fn depth(&self) -> usize {
        let mut best = 0;
        let mut todo = vec![(0usize, 1usize)];
        while let Some((i, d)) = todo.pop() {
            best = best.max(d);
            todo.extend(self.nodes[i].causes.iter().map(|c| (*c, d + 1)));
        }
        best
    }

    /// A tree of one node that shows `raw` whole under `key`: an error the
    /// panel cannot read is still a failure.
    pub(crate) fn opaque_failure(key: &str, raw: Raw) -> ErrorTree {
        ErrorTree {
            nodes: [ErrorNode {
                other: vec![(key.into(), raw.to_text())],
                ..ErrorNode::default()
            }]
            .into(),
            raw,
        }
    }
}

/// One level as an `ErrorCode`: an object with a `code`, or at least a
/// description or details.
fn error_level(raw: &Raw) -> Option<(ErrorCode, Fields)> {
    if !raw.is_object() {
        return None;
    }
    let fields: Fields = raw.decode().ok()?;
    let level = ErrorCode::from_fields(&fields).ok()?;
    let known = level.code.is_some() || level.description.is_some() || level.details.is_some();
    known.then_some((level, fields))
}

/// How many levels of an error tree show at once (and are decoded before
/// the person asks for more).
pub const ERROR_LEVELS_AT_ONCE: usize = 24;

/// Decodes an `ErrorCode` one level at a time from a work list, keeping
/// unknown fields; never recurses, so any depth is safe.
pub fn decode_error(raw: &Raw) -> Option<ErrorTree> {
    decode_error_to(raw, usize::MAX)
}

/// Decodes the first `levels` levels of an `ErrorCode` (the root is one);
/// a node at the last level keeps itself as sent in `deeper` when it has
/// causes. The panel shows 24 levels at a time, so it decodes no more
/// before the person asks: a chain thousands deep costs what 24 levels do.
pub fn decode_error_to(raw: &Raw, levels: usize) -> Option<ErrorTree> {
    let (root, root_fields) = error_level(raw)?;
    let mut nodes = vec![ErrorNode::default()];
    // (the level, its fields, itself as sent, its slot in `nodes`, its depth)
    let mut todo = vec![(root, root_fields, raw.clone(), 0usize, 1usize)];
    while let Some((level, fields, sent, slot, depth)) = todo.pop() {
        let mut node = ErrorNode {
            code: level.code.unwrap_or_default(),
            description: level.description,
            details: level.details,
            elaboration: level.elaboration,
            other: fields.others(&wire::ERROR_FIELDS),
            ..ErrorNode::default()
        };
        match level.opaque.as_ref().map(wire::decode::<Fields>) {
            Some(Ok(entries)) => {
                node.opaque = entries
                    .0
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_text()))
                    .collect()
            }
            Some(Err(_)) => node
                .other
                .push(("opaque".into(), fields_text(&fields, "opaque"))),
            None => {}
        }
        let has_causes =
            level.cause.is_some() || level.causes.as_ref().is_some_and(|c| !c.is_empty());
        if depth >= levels && has_causes {
            node.deeper = Some(sent);
            nodes[slot] = node;
            continue;
        }
        // `cause` before `causes`, whatever order the fields came in.
        let mut children = Vec::new();
        if let Some(c) = level.cause.filter(|c| !c.is_null()) {
            match error_level(&c) {
                Some((child, fields)) => children.push((child, fields, c)),
                None => node.other.push(("cause".into(), c.to_text())),
            }
        }
        if let Some(list) = level.causes {
            let decoded: Option<Vec<_>> = list
                .into_iter()
                .map(|c| error_level(&c).map(|(child, fields)| (child, fields, c)))
                .collect();
            match decoded {
                Some(list) => children.extend(list),
                None => node
                    .other
                    .push(("causes".into(), fields_text(&fields, "causes"))),
            }
        }
        for (child, child_fields, child_sent) in children {
            let child_slot = nodes.len();
            nodes.push(ErrorNode::default());
            node.causes.push(child_slot);
            todo.push((child, child_fields, child_sent, child_slot, depth + 1));
        }
        nodes[slot] = node;
    }
    Some(ErrorTree {
        nodes: nodes.into(),
        raw: raw.clone(),
    })
}

/// The JSON text of the last field named `key`.
fn fields_text(fields: &Fields, key: &str) -> String {
    fields
        .0
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.to_text())
        .unwrap_or_default()
}
