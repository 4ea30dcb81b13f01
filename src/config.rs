//! `panel.config.json`: what a deployer sets without rebuilding.

use crate::json::{self, Node};

/// The deployer's settings; every key optional.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PanelConfig {
    pub api_base: Option<String>,
    pub allowed_origins: Vec<String>,
    pub request_timeout_ms: Option<u64>,
    /// `rememberSession: "tab"` allows keeping the session in sessionStorage.
    pub remember_tab: bool,
}

/// Parses the file; `Err` says in plain words what is wrong with it.
pub fn parse_config(text: &str) -> Result<PanelConfig, String> {
    let doc = json::parse(text).map_err(|e| format!("not valid JSON: {e}"))?;
    if !matches!(doc.node(0), Node::Obj(_)) {
        return Err("the file must hold one JSON object".into());
    }
    let mut c = PanelConfig::default();
    for (k, v) in doc.fields(0) {
        match (k.as_str(), doc.node(*v)) {
            ("apiBase", Node::Str(s)) => {
                let s = s.trim().trim_end_matches('/');
                if !(s.starts_with("http://") || s.starts_with("https://")) {
                    return Err(format!(
                        "apiBase must start with http:// or https:// (got \"{s}\")"
                    ));
                }
                c.api_base = Some(s.to_string());
            }
            ("allowedOrigins", Node::Arr(items)) => {
                for i in items {
                    match doc.str(*i) {
                        Some(o) => c.allowed_origins.push(o.trim_end_matches('/').to_string()),
                        None => return Err("allowedOrigins must be a list of strings".into()),
                    }
                }
            }
            ("requestTimeoutMs", Node::Num(n)) => match crate::protocol::whole_number(n) {
                Some(ms) if ms > 0 => c.request_timeout_ms = Some(ms),
                _ => {
                    return Err(format!(
                        "requestTimeoutMs must be a positive whole number (got {n})"
                    ))
                }
            },
            ("rememberSession", Node::Str(s)) if s == "tab" || s == "off" => {
                c.remember_tab = s == "tab"
            }
            ("apiBase" | "allowedOrigins" | "requestTimeoutMs" | "rememberSession", _) => {
                return Err(format!("{k} has the wrong type or value"));
            }
            // Unknown keys are tolerated so newer files work with older panels.
            _ => {}
        }
    }
    Ok(c)
}
