//! The wire model: every reply, request, config file and host message as a
//! serde type, and [`Raw`], a JSON value kept as it came.
//!
//! In the browser a reply's text is parsed by `JSON.parse` and decoded with
//! serde-wasm-bindgen, so no JSON text parser ships in the wasm; [`Raw`] is
//! then the parsed `JsValue`, held without copying (serde-wasm-bindgen's
//! `preserve`). Natively (the fast protocol tests) the same types decode
//! with serde_json and [`Raw`] is the value's JSON text. Nested values that
//! may be arbitrarily deep (`cause`, `causes`, unknown fields) are [`Raw`]:
//! each level is decoded on its own, so depth never becomes recursion.

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

pub use raw::Raw;

/// The fields of an object in the order they came, each value kept raw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields(pub Vec<(String, Raw)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, Raw>()? {
                    out.push(entry);
                }
                Ok(Fields(out))
            }
        }
        d.deserialize_map(Entries)
    }
}

impl Fields {
    /// Every field whose name is not in `known`, as name and JSON text;
    /// `null`s are left out.
    pub fn others(&self, known: &[&str]) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter(|(k, v)| !known.contains(&k.as_str()) && !v.is_null())
            .map(|(k, v)| (k.clone(), v.to_text()))
            .collect()
    }
}

/// `CbtTaskInventory`: a CBT task as the server describes it. Unknown fields
/// (such as `resourceRefs`) are read separately with [`Fields`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CbtTaskInventory {
    pub uuid: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// As sent; unknown values are kept.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub create_date: Option<DateValue>,
    #[serde(default)]
    pub last_op_date: Option<DateValue>,
}

/// The inventory fields the card names; every other one is shown as sent.
pub const INVENTORY_FIELDS: [&str; 6] = [
    "uuid",
    "name",
    "description",
    "status",
    "createDate",
    "lastOpDate",
];

/// A date as sent: a string in the server's local time, or epoch
/// milliseconds (some servers send a number).
#[derive(Clone, Debug, PartialEq)]
pub enum DateValue {
    Text(String),
    EpochMs(f64),
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date string or epoch milliseconds")
            }
            fn visit_str<E>(self, s: &str) -> Result<DateValue, E> {
                Ok(DateValue::Text(s.into()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<DateValue, E> {
                Ok(DateValue::EpochMs(n))
            }
            fn visit_i64<E>(self, n: i64) -> Result<DateValue, E> {
                Ok(DateValue::EpochMs(n as f64))
            }
            fn visit_u64<E>(self, n: u64) -> Result<DateValue, E> {
                Ok(DateValue::EpochMs(n as f64))
            }
        }
        d.deserialize_any(V)
    }
}

/// One level of a ZStack `ErrorCode`. Its causes stay [`Raw`] so a chain of
/// any depth is walked with a work list, never by a recursive decode (or
/// drop). Unknown fields are read separately with [`Fields`]; the panel
/// builds this from them ([`ErrorCode::from_fields`], one pass per level),
/// and a test holds that to serde's own decoding of it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorCode {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub elaboration: Option<String>,
    /// An object of any JSON values.
    #[serde(default)]
    pub opaque: Option<Raw>,
    #[serde(default)]
    pub cause: Option<Raw>,
    /// Real replies also carry a list of causes.
    #[serde(default)]
    pub causes: Option<Vec<Raw>>,
}

impl ErrorCode {
    /// The object as an `ErrorCode`, from its fields already read: the same
    /// answer as decoding it whole (a known field of the wrong type fails
    /// it, `null` is absent), in one pass over the object instead of two.
    pub fn from_fields(fields: &Fields) -> Result<ErrorCode, String> {
        let mut e = ErrorCode::default();
        for (key, v) in &fields.0 {
            let present = !v.is_null();
            let text = || -> Result<Option<String>, String> {
                if present {
                    v.decode().map(Some)
                } else {
                    Ok(None)
                }
            };
            match key.as_str() {
                "code" => e.code = text()?,
                "description" => e.description = text()?,
                "details" => e.details = text()?,
                "elaboration" => e.elaboration = text()?,
                "opaque" => e.opaque = present.then(|| v.clone()),
                "cause" => e.cause = present.then(|| v.clone()),
                "causes" if present => e.causes = Some(v.decode()?),
                "causes" => e.causes = None,
                _ => {}
            }
        }
        Ok(e)
    }
}

/// The `ErrorCode` fields shown by name; every other one is shown as sent.
pub const ERROR_FIELDS: [&str; 7] = [
    "code",
    "description",
    "details",
    "elaboration",
    "opaque",
    "cause",
    "causes",
];

/// The published 200 reply `{success, inventory, error}`; also a finished
/// job's result (the real server's carries no inventory) and a `503`'s
/// `{error}`. `success` absent means nothing.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiResult {
    #[serde(default)]
    pub success: Option<bool>,
    #[serde(default)]
    pub inventory: Option<Raw>,
    #[serde(default)]
    pub error: Option<Raw>,
}

/// The real server's `202`: where to poll, and for how long.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobAccepted {
    #[serde(default)]
    pub location: Option<String>,
    /// Milliseconds, in any JSON number form (`60000`, `6e4`, `60000.0`).
    #[serde(default)]
    pub api_timeout: Option<f64>,
}

/// A query's reply: `GET /zstack/v1/cbt-task[/{uuid}]`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryReply {
    pub inventories: Vec<Raw>,
    #[serde(default)]
    pub total: Option<f64>,
}

/// The login reply `{"inventory":{"uuid":<session>,..}}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LoginReply {
    pub inventory: SessionInventory,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SessionInventory {
    pub uuid: String,
}

/// The body of `DisableCbtTask`: `force` both where the real server reads it
/// (`params`) and where the published page puts it; tag lists always present.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DisableCbtTaskBody<'a> {
    pub params: ForceParam,
    pub force: bool,
    pub system_tags: &'a [String],
    pub user_tags: &'a [String],
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ForceParam {
    pub force: bool,
}

/// The login body; `password` is the SHA-512 hex digest the server expects.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginBody<'a> {
    pub log_in_by_account: LogInByAccount<'a>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogInByAccount<'a> {
    pub account_name: &'a str,
    pub password: &'a str,
}

/// `panel.config.json` as written; [`crate::config`] decodes each key on
/// its own, so a wrong type is reported by the key's name.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigFile {
    #[serde(default)]
    pub api_base: Option<Raw>,
    #[serde(default)]
    pub allowed_origins: Option<Raw>,
    #[serde(default)]
    pub request_timeout_ms: Option<Raw>,
    #[serde(default)]
    pub max_parallel_stops: Option<Raw>,
    #[serde(default)]
    pub remember_session: Option<Raw>,
}

/// `cbt-panel:configure`, host → panel.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ConfigureMessage {
    #[serde(rename = "type")]
    pub kind: String,
    pub version: f64,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub uuid: Option<String>,
    #[serde(default)]
    pub force: Option<bool>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub theme: Option<String>,
    /// Several tasks to open selected (behaviour §6).
    #[serde(default)]
    pub uuids: Option<Vec<String>>,
}

/// Every panel → host message (`ready`, `outcome`, `resize`): one type, the
/// fields a kind does not use left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct HostMessage<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub version: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<&'static str>,
    /// The task an outcome belongs to (one task or one of several).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory: Option<&'a Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a Raw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// `cbt-panel:batch`: every task's ending, in the order selected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<BatchResult<'a>>>,
}

/// One task's ending in `cbt-panel:batch`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BatchResult<'a> {
    pub uuid: &'a str,
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'a str>,
}

/// Decodes `raw` as `T`, with the decoder's own message on failure.
pub fn decode<T: DeserializeOwned>(raw: &Raw) -> Result<T, String> {
    raw.decode()
}

#[cfg(target_arch = "wasm32")]
mod raw {
    use send_wrapper::SendWrapper;
    use serde::de::DeserializeOwned;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use wasm_bindgen::{JsCast, JsValue};

    /// A JSON value as `JSON.parse` gave it, kept as the `JsValue`. The
    /// wasm runs on one thread; the wrapper lets outcomes live in signals.
    #[derive(Clone, Debug)]
    pub struct Raw(pub SendWrapper<JsValue>);

    impl PartialEq for Raw {
        fn eq(&self, other: &Raw) -> bool {
            *self.0 == *other.0
        }
    }

    fn raw(v: JsValue) -> Raw {
        Raw(SendWrapper::new(v))
    }

    impl Raw {
        /// A value the browser already holds (a message's data).
        pub fn from_js(v: JsValue) -> Raw {
            raw(v)
        }

        pub fn js(&self) -> &JsValue {
            &self.0
        }

        /// Parses JSON text with the browser's `JSON.parse`.
        pub fn parse(text: &str) -> Result<Raw, String> {
            js_sys::JSON::parse(text).map(raw).map_err(|e| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| "not valid JSON".into())
            })
        }

        /// The value of any serde type, as a JS value.
        pub fn encode<T: Serialize + ?Sized>(value: &T) -> Raw {
            raw(value
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .unwrap_or(JsValue::NULL))
        }

        pub fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
            serde_wasm_bindgen::from_value((*self.0).clone()).map_err(|e| e.to_string())
        }

        /// The value as JSON text, to show it as sent.
        pub fn to_text(&self) -> String {
            match js_sys::JSON::stringify(&self.0) {
                Ok(s) => s.as_string().unwrap_or_default(),
                // Too deep or cyclic for the browser's stringify.
                Err(_) => "(a value too deep to show)".into(),
            }
        }

        pub fn is_null(&self) -> bool {
            self.0.is_null() || self.0.is_undefined()
        }

        /// Whether the value is a JSON object (not an array).
        pub fn is_object(&self) -> bool {
            self.0.is_object() && !js_sys::Array::is_array(&self.0)
        }
    }

    impl<'de> Deserialize<'de> for Raw {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            serde_wasm_bindgen::preserve::deserialize(d).map(raw)
        }
    }

    impl Serialize for Raw {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            serde_wasm_bindgen::preserve::serialize(&*self.0, s)
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod raw {
    use serde::de::DeserializeOwned;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

    /// A JSON value kept as its JSON text (the native stand-in for the
    /// browser's parsed value).
    #[derive(Clone, Debug, PartialEq)]
    pub struct Raw(pub String);

    impl Raw {
        pub fn parse(text: &str) -> Result<Raw, String> {
            serde_json::from_str::<Box<RawValue>>(text)
                .map(|r| Raw(r.get().to_string()))
                .map_err(|e| e.to_string())
        }

        pub fn encode<T: Serialize + ?Sized>(value: &T) -> Raw {
            Raw(serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
        }

        pub fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
            serde_json::from_str(&self.0).map_err(|e| e.to_string())
        }

        pub fn to_text(&self) -> String {
            self.0.clone()
        }

        pub fn is_null(&self) -> bool {
            self.0 == "null"
        }

        pub fn is_object(&self) -> bool {
            self.0.starts_with('{')
        }
    }

    impl<'de> Deserialize<'de> for Raw {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Box::<RawValue>::deserialize(d).map(|r| Raw(r.get().to_string()))
        }
    }

    impl Serialize for Raw {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            RawValue::from_string(self.0.clone())
                .map_err(serde::ser::Error::custom)?
                .serialize(s)
        }
    }
}
