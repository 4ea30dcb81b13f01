//! The finder's query of the task list: its URL, a page at a time.

use super::request::join;

/// How many tasks the finder lists at a time.
pub const FINDER_PAGE: usize = 10;

/// The operators ZStack's RestServer tries before `~=` (it takes the first
/// of its list found anywhere in a condition): search text holding one of
/// them would change the query, so it is refused, never sent.
pub const OPERATORS_BEFORE_LIKE: [&str; 5] = ["!=", ">=", "<=", "!?=", "!~="];

/// `text` as a LIKE pattern that means itself: `%`, `_` and `\` escaped
/// with MySQL's default escape character.
pub fn like_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The finder's query for `text` from the `start`th match: a UUID search
/// when the text is six or more hex digits (dashes allowed), a name search
/// otherwise; most recently operated first, counted. `Err` names the query
/// operator the text holds.
pub fn finder_url(api_base: &str, text: &str, start: usize) -> Result<String, &'static str> {
    task_query(api_base, text, None, start, FINDER_PAGE)
}

/// How many tasks "Several tasks" lists at a time.
pub const LIST_PAGE: usize = 50;

/// The task list of "Several tasks": those whose name (or UUID) holds
/// `text` (all when it is blank), with `status` when one is chosen, 50 from
/// the `start`th, most recently operated first, counted.
pub fn list_url(
    api_base: &str,
    text: &str,
    status: Option<&str>,
    start: usize,
) -> Result<String, &'static str> {
    task_query(api_base, text, status, start, LIST_PAGE)
}

fn task_query(
    api_base: &str,
    text: &str,
    status: Option<&str>,
    start: usize,
    limit: usize,
) -> Result<String, &'static str> {
    let t = text.trim();
    if let Some(op) = OPERATORS_BEFORE_LIKE.into_iter().find(|op| t.contains(op)) {
        return Err(op);
    }
    let hex: String = t.chars().filter(|c| *c != '-').collect();
    let mut query = String::new();
    if hex.len() >= 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        query += &format!(
            "q={}&",
            query_encode(&format!("uuid~=%{}%", hex.to_ascii_lowercase()))
        );
    } else if !t.is_empty() {
        query += &format!(
            "q={}&",
            query_encode(&format!("name~=%{}%", like_literal(t)))
        );
    }
    if let Some(s) = status {
        query += &format!("q={}&", query_encode(&format!("status={s}")));
    }
    Ok(join(
        api_base,
        &format!(
            "/zstack/v1/cbt-task?{query}limit={limit}&start={start}&sort=-lastOpDate&replyWithCount=true"
        ),
    ))
}

/// Percent-encodes a query value (everything but `A-Z a-z 0-9 - . _ ~`).
pub fn query_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
