//! Turns the locale files (`locales/en.json`, `locales/zh.json`), which a
//! translator edits, into the panel's `Texts` struct and its two statics,
//! `EN` and `ZH`, in `$OUT_DIR/texts.rs` (included by `src/i18n.rs`).
//!
//! Code generation at build time is also how leptos_i18n 0.6 does it; that
//! crate itself was measured and not taken (its ICU locale and plural data
//! add 25-35 KB gzip to the wasm, docs/performance.md).
//!
//! A key is a string, or a list of strings. A text may hold placeholders,
//! `{{ name }}`, that the code fills. The build fails, naming the file and
//! the key, when the two files do not have the same keys, a list has
//! another length, or a text has other placeholders than its English one.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

const LOCALES: [(&str, &str); 2] = [("EN", "locales/en.json"), ("ZH", "locales/zh.json")];

fn main() {
    for (_, path) in LOCALES {
        println!("cargo::rerun-if-changed={path}");
    }
    let files: Vec<Map<String, Value>> = LOCALES.iter().map(|(_, p)| read(p)).collect();
    let (en, zh) = (&files[0], &files[1]);
    if let Err(e) = same_shape(en, zh) {
        panic!("{}: {e}", LOCALES[1].1);
    }
    let mut code = String::from(
        "/// Every fixed text of the panel, one field a key of `locales/*.json`.\n\
         pub struct Texts {\n",
    );
    for (key, value) in en {
        let ty = match value {
            Value::Array(items) => format!("[&'static str; {}]", items.len()),
            _ => "&'static str".to_owned(),
        };
        let _ = writeln!(code, "    /// English: {value}\n    pub {key}: {ty},");
    }
    code.push_str("}\n");
    for ((name, _), texts) in LOCALES.iter().zip(&files) {
        let _ = writeln!(code, "\npub static {name}: Texts = Texts {{");
        for (key, value) in texts {
            let _ = writeln!(code, "    {key}: {},", literal(value));
        }
        code.push_str("};\n");
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("texts.rs");
    std::fs::write(out, code).expect("writing texts.rs");
}

/// A locale file: an object of strings and lists of strings.
fn read(path: &str) -> Map<String, Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let Ok(Value::Object(map)) = serde_json::from_str(&text) else {
        panic!("{path}: not a JSON object of texts");
    };
    for (key, value) in &map {
        let ok = match value {
            Value::String(_) => true,
            Value::Array(items) => items.iter().all(Value::is_string),
            _ => false,
        };
        assert!(ok, "{path}: `{key}` is neither a text nor a list of texts");
        assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{path}: `{key}` is not a key (lower case, digits and _)"
        );
    }
    map
}

/// Whether `other` has `en`'s keys, list lengths and placeholders.
fn same_shape(en: &Map<String, Value>, other: &Map<String, Value>) -> Result<(), String> {
    let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
    if !missing.is_empty() {
        return Err(format!("missing {missing:?}"));
    }
    let unknown: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
    if !unknown.is_empty() {
        return Err(format!("{unknown:?} not in {}", LOCALES[0].1));
    }
    for (key, value) in en {
        let theirs = &other[key];
        match (value, theirs) {
            (Value::Array(a), Value::Array(b)) if a.len() != b.len() => {
                return Err(format!("`{key}` has {} texts, not {}", b.len(), a.len()));
            }
            (Value::String(a), Value::String(b)) if holes(a) != holes(b) => {
                return Err(format!(
                    "`{key}` has the placeholders {:?}, not {:?}",
                    holes(b),
                    holes(a)
                ));
            }
            (Value::String(_), Value::Array(_)) | (Value::Array(_), Value::String(_)) => {
                return Err(format!(
                    "`{key}` is a text in one file and a list in the other"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The names of a text's `{{ name }}` placeholders.
fn holes(text: &str) -> BTreeSet<&str> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(name, _)| name.trim()))
        .collect()
}

/// A value as a Rust literal: a string, or an array of strings.
fn literal(value: &Value) -> String {
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(literal).collect();
            format!("[{}]", items.join(", "))
        }
        Value::String(s) => format!("{s:?}"),
        _ => unreachable!("checked by read"),
    }
}
