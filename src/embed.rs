//! The iframe protocol with a host console (behaviour §4): messages are
//! objects with `"version": 1`, decoded from and encoded to JS objects by
//! serde ([`crate::wire::ConfigureMessage`], [`crate::wire::HostMessage`]),
//! without any DOM and without a JSON text round trip.

use crate::protocol::Outcome;
use crate::wire::{ConfigureMessage, HostMessage, Raw};

/// What a host may set with `cbt-panel:configure`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Configure {
    pub session: Option<String>,
    pub uuid: Option<String>,
    pub force: Option<bool>,
    pub lang: Option<String>,
    pub theme: Option<String>,
    /// Tasks to open "Several tasks" with, selected.
    pub uuids: Option<Vec<String>>,
}

/// Reads a `cbt-panel:configure` message; anything else, another version
/// or a field of the wrong type included, is `None` and ignored.
pub fn parse_configure(data: &Raw) -> Option<Configure> {
    let m: ConfigureMessage = data.decode().ok()?;
    if m.kind != "cbt-panel:configure" || m.version != 1.0 {
        return None;
    }
    Some(Configure {
        session: m.session,
        uuid: m.uuid,
        force: m.force,
        lang: m.lang.filter(|l| l == "en" || l == "zh"),
        theme: m
            .theme
            .filter(|t| ["light", "dark", "system"].contains(&t.as_str())),
        uuids: m.uuids,
    })
}

fn message(kind: &'static str) -> HostMessage<'static> {
    HostMessage {
        kind,
        version: 1,
        ..HostMessage::default()
    }
}

pub fn ready_message() -> Raw {
    Raw::encode(&message("cbt-panel:ready"))
}

pub fn resize_message(height: u32) -> Raw {
    Raw::encode(&HostMessage {
        height: Some(height),
        ..message("cbt-panel:resize")
    })
}

/// `cbt-panel:outcome`, with the inventory or the error, as the server
/// sent it, when there is one; `uuid` names the task (one or of several).
pub fn outcome_message(outcome: &Outcome, uuid: &str) -> Raw {
    let mut m = HostMessage {
        outcome: Some(outcome.kind()),
        uuid: Some(uuid),
        ..message("cbt-panel:outcome")
    };
    match outcome {
        Outcome::Stopped(inv) => m.inventory = Some(&inv.raw),
        Outcome::ApiError(tree) => m.error = Some(&tree.raw),
        _ => {}
    }
    Raw::encode(&m)
}

/// Whether `origin` (as a browser writes it) is one the deployer allowed;
/// the allowed list is normalised by [`crate::config::normalize_origin`].
pub fn origin_allowed(allowed: &[String], origin: &str) -> bool {
    allowed.iter().any(|a| a == origin)
}

/// `cbt-panel:batch`: every task of several, in the order selected, with
/// how it ended (`not-sent` for one never sent) and its error code.
pub fn batch_message(results: &[(String, &crate::batch::Row)]) -> Raw {
    let results = results
        .iter()
        .map(|(uuid, row)| crate::wire::BatchResult {
            uuid,
            outcome: row.kind().unwrap_or("not-sent"),
            code: row.code(),
        })
        .collect();
    Raw::encode(&HostMessage {
        results: Some(results),
        ..message("cbt-panel:batch")
    })
}
