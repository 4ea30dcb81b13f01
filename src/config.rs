//! `panel.config.json`: what a deployer sets without rebuilding. Decoded
//! into [`crate::wire::ConfigFile`] by serde, then validated here.

use crate::protocol::MAX_DEADLINE_MS;
use crate::wire::{ConfigFile, Raw};
use serde::de::DeserializeOwned;

/// The deployer's settings, validated; every key optional.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelConfig {
    pub api_base: Option<String>,
    /// Normalised origins (`scheme://host[:port]`, default ports dropped).
    pub allowed_origins: Vec<String>,
    pub request_timeout_ms: Option<u64>,
    /// How many stops of several tasks may be in flight at once (1 to 16).
    pub max_parallel_stops: usize,
    /// `rememberSession: "tab"` allows keeping the session in sessionStorage.
    pub remember_tab: bool,
}

impl Default for PanelConfig {
    fn default() -> Self {
        PanelConfig {
            api_base: None,
            allowed_origins: Vec::new(),
            request_timeout_ms: None,
            max_parallel_stops: crate::batch::DEFAULT_PARALLEL,
            remember_tab: false,
        }
    }
}

/// Reads the answer to `GET panel.config.json`. A missing file (404, or an
/// HTML page a single-page-app fallback serves in its place) means the
/// defaults; `Err` says in plain words why the file cannot be used.
pub fn config_reply(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<PanelConfig, String> {
    let html = content_type.is_some_and(|c| c.to_ascii_lowercase().contains("text/html"))
        || body.trim_start().starts_with('<');
    match status {
        404 => Ok(PanelConfig::default()),
        200..=299 if html => Ok(PanelConfig::default()),
        200..=299 => parse_config(body),
        s => Err(format!(
            "the file could not be read (HTTP {})",
            u64::from(s)
        )),
    }
}

/// Parses and validates the file.
pub fn parse_config(text: &str) -> Result<PanelConfig, String> {
    let raw = Raw::parse(text).map_err(|e| format!("not valid JSON: {e}"))?;
    if !raw.is_object() {
        return Err("the file must hold one JSON object".into());
    }
    // Unknown keys are tolerated so newer files work with older panels.
    let file: ConfigFile = raw.decode()?;
    let mut c = PanelConfig::default();
    if let Some(base) = key::<String>(
        file.api_base,
        "apiBase must be text, such as \"https://zstack.example.com\"",
    )? {
        let s = base.trim().trim_end_matches('/');
        if !(s.starts_with("http://") || s.starts_with("https://")) {
            return Err(format!(
                "apiBase must start with http:// or https:// (got \"{s}\")"
            ));
        }
        c.api_base = Some(s.to_string());
    }
    let origins = key::<Vec<String>>(
        file.allowed_origins,
        "allowedOrigins must be a list of origins as text, such as [\"https://console.example.com\"]",
    )?;
    for o in origins.unwrap_or_default() {
        let origin = normalize_origin(&o)
            .map_err(|why| format!("allowedOrigins: \"{o}\" is not an origin ({why})"))?;
        c.allowed_origins.push(origin);
    }
    if let Some(ms) = key::<f64>(file.request_timeout_ms, TIMEOUT_RULE)? {
        c.request_timeout_ms = Some(timeout_ms(ms)?);
    }
    if let Some(n) = key::<f64>(file.max_parallel_stops, PARALLEL_RULE)? {
        let max = crate::batch::MAX_PARALLEL as f64;
        if !(n.fract() == 0.0 && (1.0..=max).contains(&n)) {
            return Err(PARALLEL_RULE.into());
        }
        c.max_parallel_stops = n as usize;
    }
    let remember = key::<String>(file.remember_session, REMEMBER_RULE)?;
    match remember.as_deref() {
        None | Some("off") => {}
        Some("tab") => c.remember_tab = true,
        Some(other) => return Err(format!("{REMEMBER_RULE} (got \"{other}\")")),
    }
    Ok(c)
}

const PARALLEL_RULE: &str = "maxParallelStops must be a whole number from 1 to 16";
const REMEMBER_RULE: &str = "rememberSession must be \"tab\" or \"off\"";
const TIMEOUT_RULE: &str = "requestTimeoutMs must be a positive whole number of milliseconds, at most 2147483647 (about 24 days)";

/// One key's value as `T`; `null` is the same as leaving the key out, and
/// any other type is `rule`, which names the key.
fn key<T: DeserializeOwned>(value: Option<Raw>, rule: &str) -> Result<Option<T>, String> {
    match value {
        Some(v) if !v.is_null() => v.decode().map(Some).map_err(|_| rule.to_string()),
        _ => Ok(None),
    }
}

/// `requestTimeoutMs`: a whole number of milliseconds a browser timer can
/// hold, in any JSON number form (`60000`, `6e4`, `60000.0`).
fn timeout_ms(ms: f64) -> Result<u64, String> {
    if ms.is_finite() && ms.fract() == 0.0 && ms >= 1.0 && ms <= MAX_DEADLINE_MS as f64 {
        Ok(ms as u64)
    } else {
        Err(TIMEOUT_RULE.into())
    }
}

/// An origin as a browser writes it: `scheme://host[:port]`, lower case,
/// without the scheme's default port. `null`, wildcards, user names, paths,
/// queries and schemes other than http and https are refused.
pub fn normalize_origin(input: &str) -> Result<String, &'static str> {
    let s = input.trim().to_ascii_lowercase();
    let (scheme, rest) = s
        .find(':')
        .filter(|i| s[*i..].starts_with("://"))
        .map(|i| (&s[..i], &s[i + 3..]))
        .ok_or("it needs a scheme, such as https://")?;
    let default_port = match scheme {
        "https" => "443",
        "http" => "80",
        _ => return Err("only http and https origins can embed the panel"),
    };
    // A lone trailing slash is the empty path; anything more is a path.
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Err("it has no host");
    }
    if rest.contains(['/', '?', '#']) {
        return Err("an origin has no path, query or fragment");
    }
    if rest.contains(['*', '@', ' ']) {
        return Err("wildcards and user names are not allowed");
    }
    let (host, port) = match rest.rfind(':') {
        Some(i) if !rest[i..].contains(']') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if host.is_empty() {
        return Err("it has no host");
    }
    match port {
        None => Ok(format!("{scheme}://{host}")),
        Some(p) if p == default_port => Ok(format!("{scheme}://{host}")),
        Some(p) => match crate::date::whole_number(p) {
            Some(n @ 1..=65535) => Ok(format!("{scheme}://{host}:{n}")),
            _ => Err("its port is not a number from 1 to 65535"),
        },
    }
}
