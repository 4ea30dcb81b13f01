//! ZStack's query API over the seeded tasks, as the real server reads it:
//! `q` (repeatable) with the operators `=`, `!=`, `>`, `>=`, `<`, `<=`,
//! `?=` (in list), `!?=` (not in list), `~=` (SQL LIKE, `%` and `_`, `\`
//! escapes), `!~=`, `is null` and `not null`, found as RestServer finds
//! them (the first of its list anywhere in the condition); `limit` (default 1000), `start`,
//! `sort` (`+field` / `-field`), `count` (only the total), `replyWithCount`
//! (`total` beside `inventories`) and `fields`. An unknown field, operator
//! or parameter value is a `400` with a text body.

use serde_json::{json, Map, Value};

use crate::seed::Task;

/// The fields a `CbtTaskInventory` can be queried and sorted by.
pub const FIELDS: [&str; 6] = [
    "uuid",
    "name",
    "description",
    "status",
    "createDate",
    "lastOpDate",
];

/// The class name the real server names in a query reply's `schema`.
pub const INVENTORY_CLASS: &str = "org.zstack.header.cbt.CbtTaskInventory";

/// One condition of `q`.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Eq(String),
    Ne(String),
    Gt(String),
    Ge(String),
    Lt(String),
    Le(String),
    In(Vec<String>),
    NotIn(Vec<String>),
    Like(String),
    NotLike(String),
    IsNull,
    NotNull,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub conditions: Vec<(String, Op)>,
    pub limit: usize,
    pub start: usize,
    /// Field and whether ascending.
    pub sort: Option<(String, bool)>,
    pub count: bool,
    pub reply_with_count: bool,
    pub fields: Option<Vec<String>>,
}

fn field(name: &str) -> Result<String, String> {
    if FIELDS.contains(&name) {
        Ok(name.to_string())
    } else {
        Err(format!(
            "unknown field[{name}] of {INVENTORY_CLASS}; queryable fields are {}",
            FIELDS.join(", ")
        ))
    }
}

/// The operators in the order ZStack's RestServer tries them: the first
/// one found anywhere in a condition splits it (at its first occurrence),
/// so an operator contained in another comes after it.
const OPERATORS: [&str; 12] = [
    "!=", ">=", "<=", "!?=", "!~=", "~=", "?=", "=", ">", "<", "is null", "not null",
];

/// One `q` value, such as `name~=%web%` or `description is null`, read as
/// RestServer reads it: `db!=prod` inside `name~=%db!=prod%` makes the
/// field `name~=%db` and the operator `!=`.
pub fn condition(q: &str) -> Result<(String, Op), String> {
    let op = OPERATORS
        .into_iter()
        .find(|op| q.contains(op))
        .ok_or_else(|| format!("the query condition [{q}] has no operator"))?;
    let (name, value) = q.split_once(op).unwrap_or((q, ""));
    // The value is not trimmed: a space is valid in some conditions.
    condition_of(name.trim(), op, value)
}

/// The condition `name op value`, `op` one of RestServer's operators
/// (`=`, `!=`, `?=`, `~=`, `is null`…); an unknown field, or an ordered
/// comparison of a date with something that is not one, is refused.
pub fn condition_of(name: &str, op: &str, value: &str) -> Result<(String, Op), String> {
    let name = field(name)?;
    let value = value.to_string();
    let ordered = matches!(op, "!=" | ">=" | "<=" | ">" | "<" | "=");
    if ordered && name.ends_with("Date") && crate::gson::parse(&value).is_none() {
        return Err(format!(
            "invalid date[{value}] for {name}: dates are written as \"Nov 14, 2017 10:20:57 PM\""
        ));
    }
    Ok((
        name,
        match op {
            "!=" => Op::Ne(value),
            ">=" => Op::Ge(value),
            "<=" => Op::Le(value),
            "!?=" => Op::NotIn(list(&value)),
            "!~=" => Op::NotLike(value),
            "~=" => Op::Like(value),
            "?=" => Op::In(list(&value)),
            "=" => Op::Eq(value),
            ">" => Op::Gt(value),
            "<" => Op::Lt(value),
            "is null" => Op::IsNull,
            "not null" => Op::NotNull,
            other => return Err(format!("unknown query operator[{other}]")),
        },
    ))
}

fn list(v: &str) -> Vec<String> {
    v.split(',').map(|s| s.trim().to_string()).collect()
}

fn number(name: &str, v: &str) -> Result<usize, String> {
    v.parse()
        .map_err(|_| format!("{name} must be a whole number (got [{v}])"))
}

fn flag(name: &str, v: &str) -> Result<bool, String> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!("{name} must be true or false (got [{v}])")),
    }
}

/// Parses the query parameters (already percent-decoded, in order).
pub fn parse(params: &[(String, String)]) -> Result<Query, String> {
    let mut q = Query {
        limit: 1000,
        ..Query::default()
    };
    for (k, v) in params {
        match k.as_str() {
            "q" => q.conditions.push(condition(v)?),
            "limit" => q.limit = number("limit", v)?,
            "start" => q.start = number("start", v)?,
            "sort" => {
                let (asc, name) = match v.as_bytes().first() {
                    Some(b'+') => (true, &v[1..]),
                    Some(b'-') => (false, &v[1..]),
                    _ => (true, v.as_str()),
                };
                q.sort = Some((field(name)?, asc));
            }
            "count" => q.count = flag("count", v)?,
            "replyWithCount" => q.reply_with_count = flag("replyWithCount", v)?,
            "fields" => {
                q.fields = Some(list(v).iter().map(|f| field(f)).collect::<Result<_, _>>()?)
            }
            // Other parameters (groupBy, filterName…) are not simulated.
            _ => {}
        }
    }
    Ok(q)
}

/// One element of a LIKE pattern.
#[derive(Clone, Copy, PartialEq)]
enum Pat {
    Any,
    One,
    Char(char),
}

/// SQL LIKE, case-insensitive as ZStack's MySQL collation compares, with
/// MySQL's default escape character: `\%`, `\_` and `\\` match themselves.
pub fn like(text: &str, pattern: &str) -> bool {
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let mut p = Vec::new();
    let mut chars = pattern
        .to_lowercase()
        .chars()
        .collect::<Vec<_>>()
        .into_iter();
    while let Some(c) = chars.next() {
        p.push(match c {
            '\\' => Pat::Char(chars.next().unwrap_or('\\')),
            '%' => Pat::Any,
            '_' => Pat::One,
            c => Pat::Char(c),
        });
    }
    // Classic wildcard matching with backtracking on the last `%`.
    let (mut ti, mut pi) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == Pat::One || p[pi] == Pat::Char(t[ti])) {
            ti += 1;
            pi += 1;
        } else if pi < p.len() && p[pi] == Pat::Any {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == Pat::Any)
}

fn value_of<'a>(task: &'a Task, name: &str) -> &'a str {
    match name {
        "uuid" => &task.uuid,
        "name" => &task.name,
        "description" => &task.description,
        "status" => &task.status,
        "createDate" => &task.create_date,
        _ => &task.last_op_date,
    }
}

/// Dates compare as instants, everything else as text.
fn compare(name: &str, a: &str, b: &str) -> std::cmp::Ordering {
    if name.ends_with("Date") {
        if let (Some(x), Some(y)) = (crate::gson::parse(a), crate::gson::parse(b)) {
            return x.cmp(&y);
        }
    }
    a.cmp(b)
}

fn matches(task: &Task, name: &str, op: &Op) -> bool {
    use std::cmp::Ordering::*;
    let v = value_of(task, name);
    match op {
        Op::Eq(x) => v == x,
        Op::Ne(x) => v != x,
        Op::Gt(x) => compare(name, v, x) == Greater,
        Op::Ge(x) => compare(name, v, x) != Less,
        Op::Lt(x) => compare(name, v, x) == Less,
        Op::Le(x) => compare(name, v, x) != Greater,
        Op::In(xs) => xs.iter().any(|x| x == v),
        Op::NotIn(xs) => !xs.iter().any(|x| x == v),
        Op::Like(p) => like(v, p),
        Op::NotLike(p) => !like(v, p),
        Op::IsNull => v.is_empty(),
        Op::NotNull => !v.is_empty(),
    }
}

/// The reply body for `query` over `tasks`.
pub fn run(tasks: &[Task], query: &Query) -> Value {
    let mut found: Vec<&Task> = tasks
        .iter()
        .filter(|t| query.conditions.iter().all(|(n, op)| matches(t, n, op)))
        .collect();
    let total = found.len();
    if query.count {
        return json!({ "total": total });
    }
    if let Some((name, asc)) = &query.sort {
        found.sort_by(|a, b| {
            let o = compare(name, value_of(a, name), value_of(b, name));
            if *asc {
                o
            } else {
                o.reverse()
            }
        });
    }
    let page: Vec<Value> = found
        .into_iter()
        .skip(query.start)
        .take(query.limit)
        .map(|t| only(t.inventory(), query.fields.as_deref()))
        .collect();
    let mut reply = reply_of(page);
    if query.reply_with_count {
        reply["total"] = json!(total);
    }
    reply
}

/// `{"inventories":[..],"schema":{..}}`: the real server names each
/// inventory's class in `schema`, which the SDK needs to build typed values.
pub fn reply_of(inventories: Vec<Value>) -> Value {
    let schema: Map<String, Value> = (0..inventories.len())
        .map(|i| (format!("inventories[{i}]"), json!(INVENTORY_CLASS)))
        .collect();
    json!({ "inventories": inventories, "schema": schema })
}

fn only(mut inventory: Value, fields: Option<&[String]>) -> Value {
    if let (Some(fields), Some(obj)) = (fields, inventory.as_object_mut()) {
        obj.retain(|k, _| fields.iter().any(|f| f == k));
    }
    inventory
}
