//! A small JSON reader that never recurses.
//!
//! ZStack error chains nest to any depth (a `cause` thousands deep has been
//! seen), and a recursive parser, or dropping a recursive value, would
//! overflow the WebAssembly stack. Values live in one arena and refer to
//! each other by index.

/// An index into [`Doc::nodes`].
pub type Id = usize;

/// One JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// The number as written, so nothing is lost to floating point.
    Num(String),
    Str(String),
    Arr(Vec<Id>),
    Obj(Vec<(String, Id)>),
}

/// A parsed document; the root is node 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub nodes: Vec<Node>,
}

/// Where and why a text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what} at byte {at}")]
pub struct ParseError {
    pub what: &'static str,
    pub at: usize,
}

enum Open {
    Arr(Id),
    /// An object and the key waiting for its value.
    Obj(Id, Option<String>),
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn err(&self, what: &'static str) -> ParseError {
        ParseError { what, at: self.i }
    }
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn lit(&mut self, word: &[u8]) -> Result<(), ParseError> {
        if self.s[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(())
        } else {
            Err(self.err("unexpected character"))
        }
    }
    fn hex4(&mut self) -> Result<u32, ParseError> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err("bad \\u escape"))?;
        self.i += 4;
        Ok(h)
    }
    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1; // opening quote
        let mut out = Vec::new();
        loop {
            let c = self.peek().ok_or_else(|| self.err("unterminated string"))?;
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.peek().ok_or_else(|| self.err("unterminated string"))?;
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi)
                                && self.s[self.i..].starts_with(b"\\u")
                            {
                                self.i += 2;
                                let lo = self.hex4()?;
                                0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                            } else {
                                hi
                            };
                            char::from_u32(cp).unwrap_or('\u{FFFD}')
                        }
                        _ => return Err(self.err("bad escape")),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                c if c < 0x20 => return Err(self.err("control character in string")),
                c => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| self.err("invalid UTF-8"))
    }
    fn number(&mut self) -> Result<String, ParseError> {
        let start = self.i;
        while self.i < self.s.len()
            && matches!(
                self.s[self.i],
                b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
            )
        {
            self.i += 1;
        }
        let t = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        if !is_json_number(t) {
            return Err(ParseError {
                what: "bad number",
                at: start,
            });
        }
        Ok(t.to_string())
    }
}

/// JSON's number grammar, checked by hand: float parsing would add
/// kilobytes to the WebAssembly module.
fn is_json_number(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let from = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - from
    };
    let int_start = i;
    let n = digits(&mut i);
    if n == 0 || (n > 1 && b[int_start] == b'0') {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Parses a whole text as one JSON value.
pub fn parse(text: &str) -> Result<Doc, ParseError> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    loop {
        p.ws();
        // Inside an object, a key comes first (or the end).
        if let Some(Open::Obj(_, key @ None)) = stack.last_mut() {
            match p.peek() {
                Some(b'"') => {
                    let k = p.string()?;
                    p.ws();
                    if p.peek() != Some(b':') {
                        return Err(p.err("expected ':'"));
                    }
                    p.i += 1;
                    p.ws();
                    *key = Some(k);
                }
                _ => return Err(p.err("expected a key")),
            }
        }
        let id = nodes.len();
        let node = match p.peek() {
            None => return Err(p.err("unexpected end")),
            Some(b'{') => {
                p.i += 1;
                Node::Obj(Vec::new())
            }
            Some(b'[') => {
                p.i += 1;
                Node::Arr(Vec::new())
            }
            Some(b'"') => Node::Str(p.string()?),
            Some(b't') => p.lit(b"true").map(|_| Node::Bool(true))?,
            Some(b'f') => p.lit(b"false").map(|_| Node::Bool(false))?,
            Some(b'n') => p.lit(b"null").map(|_| Node::Null)?,
            Some(b'-' | b'0'..=b'9') => Node::Num(p.number()?),
            Some(_) => return Err(p.err("unexpected character")),
        };
        let container = matches!(node, Node::Obj(_) | Node::Arr(_));
        nodes.push(node);
        attach(&mut nodes, &mut stack, id);
        if container {
            stack.push(if matches!(nodes[id], Node::Obj(_)) {
                Open::Obj(id, None)
            } else {
                Open::Arr(id)
            });
            p.ws();
            let close = if matches!(nodes[id], Node::Obj(_)) {
                b'}'
            } else {
                b']'
            };
            if p.peek() == Some(close) {
                p.i += 1;
                stack.pop();
            } else {
                continue;
            }
        }
        // After a value: a comma, or closing brackets.
        loop {
            p.ws();
            let Some(top) = stack.last() else {
                p.ws();
                return if p.i == p.s.len() {
                    Ok(Doc { nodes })
                } else {
                    Err(p.err("text after the value"))
                };
            };
            let close = match top {
                Open::Arr(_) => b']',
                Open::Obj(..) => b'}',
            };
            match p.peek() {
                Some(b',') => {
                    p.i += 1;
                    break;
                }
                Some(c) if c == close => {
                    p.i += 1;
                    stack.pop();
                }
                _ => return Err(p.err("expected ',' or a closing bracket")),
            }
        }
    }
}

fn attach(nodes: &mut [Node], stack: &mut [Open], id: Id) {
    match stack.last_mut() {
        Some(Open::Arr(a)) => {
            if let Node::Arr(items) = &mut nodes[*a] {
                items.push(id);
            }
        }
        Some(Open::Obj(o, key)) => {
            let k = key.take().unwrap_or_default();
            if let Node::Obj(fields) = &mut nodes[*o] {
                fields.push((k, id));
            }
        }
        None => {}
    }
}

impl Doc {
    pub fn root(&self) -> Id {
        0
    }
    pub fn node(&self, id: Id) -> &Node {
        &self.nodes[id]
    }
    /// The value of `key` when `id` is an object that has it.
    pub fn get(&self, id: Id, key: &str) -> Option<Id> {
        match &self.nodes[id] {
            Node::Obj(f) => f.iter().find(|(k, _)| k == key).map(|(_, v)| *v),
            _ => None,
        }
    }
    pub fn str(&self, id: Id) -> Option<&str> {
        match &self.nodes[id] {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn is_null(&self, id: Id) -> bool {
        matches!(self.nodes[id], Node::Null)
    }
    pub fn fields(&self, id: Id) -> &[(String, Id)] {
        match &self.nodes[id] {
            Node::Obj(f) => f,
            _ => &[],
        }
    }
    pub fn items(&self, id: Id) -> &[Id] {
        match &self.nodes[id] {
            Node::Arr(a) => a,
            _ => &[],
        }
    }
    /// A string field as text, or any other scalar as written.
    pub fn text(&self, id: Id) -> String {
        match &self.nodes[id] {
            Node::Str(s) => s.clone(),
            _ => self.to_json(id),
        }
    }
    /// The value as compact JSON, written without recursion.
    pub fn to_json(&self, id: Id) -> String {
        enum Step {
            Value(Id),
            Text(&'static str),
            Key(String),
        }
        let mut out = String::new();
        let mut todo = vec![Step::Value(id)];
        while let Some(step) = todo.pop() {
            match step {
                Step::Text(t) => out.push_str(t),
                Step::Key(k) => {
                    write_str(&mut out, &k);
                    out.push(':');
                }
                Step::Value(v) => match &self.nodes[v] {
                    Node::Null => out.push_str("null"),
                    Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                    Node::Num(n) => out.push_str(n),
                    Node::Str(s) => write_str(&mut out, s),
                    Node::Arr(items) => {
                        out.push('[');
                        todo.push(Step::Text("]"));
                        for (n, item) in items.iter().enumerate().rev() {
                            todo.push(Step::Value(*item));
                            if n > 0 {
                                todo.push(Step::Text(","));
                            }
                        }
                    }
                    Node::Obj(fields) => {
                        out.push('{');
                        todo.push(Step::Text("}"));
                        for (n, (k, item)) in fields.iter().enumerate().rev() {
                            todo.push(Step::Value(*item));
                            todo.push(Step::Key(k.clone()));
                            if n > 0 {
                                todo.push(Step::Text(","));
                            }
                        }
                    }
                },
            }
        }
        out
    }
}

/// Appends `b` as two lowercase hex digits, without number formatting.
pub fn push_hex(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(HEX[usize::from(b >> 4)] as char);
    out.push(HEX[usize::from(b & 15)] as char);
}

/// Appends `s` as a JSON string literal.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                push_hex(out, c as u8);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind_of_value() {
        let t = r#"{"a":[1,-2.5e3,true,false,null],"b":{"c":"x\"y\\n\u00e9\ud83d\ude00"},"d":[],"e":{}}"#;
        let d = parse(t).unwrap();
        assert_eq!(
            d.to_json(0),
            r#"{"a":[1,-2.5e3,true,false,null],"b":{"c":"x\"y\\né😀"},"d":[],"e":{}}"#
        );
        let b = d.get(0, "b").unwrap();
        assert_eq!(d.str(d.get(b, "c").unwrap()), Some("x\"y\\né😀"));
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "-",
            "1.",
            ".5",
            "1e",
            "1-2",
            "00",
            "+1",
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "nul",
            "<html>",
            "{} x",
            "\"\u{1}\"",
            "01x",
            "{1:2}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse("  [ ] ").unwrap().nodes, vec![Node::Arr(vec![])]);
    }

    #[test]
    fn nests_deeper_than_any_stack() {
        let depth = 100_000;
        let t = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let d = parse(&t).unwrap();
        assert_eq!(d.nodes.len(), depth + 1);
        assert_eq!(d.to_json(0), t);
    }
}
