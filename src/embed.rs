//! The iframe protocol with a host console (CONTRACT.md §4): messages are
//! objects with `"version": 1`, built and read here without any DOM.

use crate::json::{self, write_str, Node};
use crate::protocol::{ErrorTree, Inventory, Outcome};

/// What a host may set with `cbt-panel:configure`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Configure {
    pub session: Option<String>,
    pub uuid: Option<String>,
    pub force: Option<bool>,
    pub lang: Option<String>,
    pub theme: Option<String>,
}

/// Reads a `cbt-panel:configure` message (given as JSON text); anything
/// else, another version included, is `None` and ignored.
pub fn parse_configure(text: &str) -> Option<Configure> {
    let doc = json::parse(text).ok()?;
    let field = |k| doc.get(0, k).map(|v| doc.node(v));
    if doc.get(0, "type").and_then(|t| doc.str(t)) != Some("cbt-panel:configure") {
        return None;
    }
    if field("version") != Some(&Node::Num("1".into())) {
        return None;
    }
    let text_of = |k| doc.get(0, k).and_then(|v| doc.str(v)).map(String::from);
    Some(Configure {
        session: text_of("session"),
        uuid: text_of("uuid"),
        force: match field("force") {
            Some(Node::Bool(b)) => Some(*b),
            _ => None,
        },
        lang: text_of("lang").filter(|l| l == "en" || l == "zh"),
        theme: text_of("theme").filter(|t| ["light", "dark", "system"].contains(&t.as_str())),
    })
}

pub fn ready_message() -> String {
    r#"{"type":"cbt-panel:ready","version":1}"#.into()
}

pub fn resize_message(height: u32) -> String {
    let height = u64::from(height);
    format!(r#"{{"type":"cbt-panel:resize","version":1,"height":{height}}}"#)
}

/// `cbt-panel:outcome`, with the inventory or the error when there is one.
pub fn outcome_message(outcome: &Outcome) -> String {
    let mut m = String::from(r#"{"type":"cbt-panel:outcome","version":1,"outcome":"#);
    write_str(&mut m, outcome.kind());
    match outcome {
        Outcome::Stopped(inv) => {
            m.push_str(",\"inventory\":");
            inventory_json(&mut m, inv);
        }
        Outcome::ApiError(tree) => {
            m.push_str(",\"error\":");
            error_json(&mut m, tree);
        }
        _ => {}
    }
    m.push('}');
    m
}

fn inventory_json(m: &mut String, inv: &Inventory) {
    m.push('{');
    let fields = [
        ("uuid", Some(&inv.uuid)),
        ("name", Some(&inv.name)),
        ("description", Some(&inv.description)),
        ("status", Some(&inv.status)),
        ("createDate", inv.create_date.as_ref().map(|d| &d.raw)),
        ("lastOpDate", inv.last_op_date.as_ref().map(|d| &d.raw)),
    ];
    let mut first = true;
    for (k, v) in fields {
        if let Some(v) = v {
            if !first {
                m.push(',');
            }
            first = false;
            write_str(m, k);
            m.push(':');
            write_str(m, v);
        }
    }
    m.push('}');
}

/// The tree back as an `ErrorCode`, written without recursion.
fn error_json(m: &mut String, tree: &ErrorTree) {
    enum Step {
        Open(usize),
        Text(&'static str),
    }
    let mut todo = vec![Step::Open(0)];
    while let Some(step) = todo.pop() {
        let i = match step {
            Step::Text(t) => {
                m.push_str(t);
                continue;
            }
            Step::Open(i) => i,
        };
        let n = &tree.nodes[i];
        m.push_str("{\"code\":");
        write_str(m, &n.code);
        for (k, v) in [
            ("description", &n.description),
            ("details", &n.details),
            ("elaboration", &n.elaboration),
        ] {
            if let Some(v) = v {
                m.push(',');
                write_str(m, k);
                m.push(':');
                write_str(m, v);
            }
        }
        if !n.opaque.is_empty() {
            m.push_str(",\"opaque\":{");
            for (j, (k, v)) in n.opaque.iter().enumerate() {
                if j > 0 {
                    m.push(',');
                }
                write_str(m, k);
                m.push(':');
                m.push_str(v);
            }
            m.push('}');
        }
        for (k, v) in &n.other {
            m.push(',');
            write_str(m, k);
            m.push(':');
            m.push_str(v);
        }
        if n.causes.is_empty() {
            m.push('}');
            continue;
        }
        let (single, list) = n.causes.split_at(usize::from(n.has_cause));
        todo.push(Step::Text("}"));
        if !list.is_empty() {
            todo.push(Step::Text("]"));
            for (j, c) in list.iter().enumerate().rev() {
                todo.push(Step::Open(*c));
                if j > 0 {
                    todo.push(Step::Text(","));
                }
            }
            todo.push(Step::Text(",\"causes\":["));
        }
        if let Some(c) = single.first() {
            todo.push(Step::Open(*c));
            m.push_str(",\"cause\":");
        }
    }
}

/// Whether `origin` is one the deployer allowed.
pub fn origin_allowed(allowed: &[String], origin: &str) -> bool {
    allowed.iter().any(|a| a == origin.trim_end_matches('/'))
}
