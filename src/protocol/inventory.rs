//! `CbtTaskInventory` as the panel shows it: known fields typed, every
//! other field kept as sent.

use crate::date::ZDate;
use crate::wire::{self, CbtTaskInventory, Fields, Raw};

/// A CBT task as the server describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Inventory {
    pub uuid: String,
    pub name: String,
    pub description: String,
    /// As sent; unknown values are kept.
    pub status: String,
    pub create_date: Option<ZDate>,
    pub last_op_date: Option<ZDate>,
    /// Every other field, as key and JSON text.
    pub other: Vec<(String, String)>,
    /// The inventory as it came (handed to a host console as is).
    pub raw: Raw,
}

/// The statuses of the published page and of the real server (which has no
/// `Starting`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Created,
    Starting,
    Running,
    Stopped,
    Failed,
}

impl Status {
    pub fn from_sent(s: &str) -> Option<Status> {
        Some(match s {
            "Created" => Status::Created,
            "Starting" => Status::Starting,
            "Running" => Status::Running,
            "Stopped" => Status::Stopped,
            "Failed" => Status::Failed,
            _ => return None,
        })
    }
}

/// Decodes a `CbtTaskInventory`, keeping its unknown fields.
pub fn decode_inventory(raw: &Raw) -> Option<Inventory> {
    if !raw.is_object() {
        return None;
    }
    let inv: CbtTaskInventory = raw.decode().ok()?;
    let fields: Fields = raw.decode().ok()?;
    Some(Inventory {
        uuid: inv.uuid,
        name: inv.name.unwrap_or_default(),
        description: inv.description.unwrap_or_default(),
        status: inv.status.unwrap_or_default(),
        create_date: inv.create_date.map(ZDate::from_wire),
        last_op_date: inv.last_op_date.map(ZDate::from_wire),
        other: fields.others(&wire::INVENTORY_FIELDS),
        raw: raw.clone(),
    })
}

/// The longest name a list shows, in bytes.
pub const NAME_SHOWN: usize = 512;

/// Cuts a name longer than [`NAME_SHOWN`] on a character boundary and marks
/// the cut with `…`.
pub fn clip_name(name: &mut String) {
    if let Some(at) = super::classify::cut_at(name, NAME_SHOWN) {
        name.truncate(at);
        name.push('…');
    }
}
