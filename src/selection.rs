//! The selection of "Several tasks" (behaviour §6, §6.1), apart from the
//! browser: the tasks picked in the order they were picked, each known to
//! the server or not, with a set beside the order so that asking whether a
//! task is picked, or unticking it, does not walk every pick (a hostile
//! list can be tens of thousands long).

use std::collections::HashSet;

use crate::protocol::{normalize_uuid, Inventory};

/// Whether a picked task is known to the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    Yes,
    /// Being read.
    Checking,
    /// No task has that UUID, it could not be read, or what was given is
    /// not a UUID at all: never stopped.
    Unknown,
}

/// A task in the selection.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectedTask {
    /// Normalised when it is a UUID; as given (trimmed) otherwise, and then
    /// never sent.
    pub uuid: String,
    /// Its name, when known (empty otherwise).
    pub name: String,
    pub known: Known,
}

impl SelectedTask {
    /// A listed task: known, unless the server listed something that is
    /// not a UUID (it is listed as not a task and never reaches a URL).
    pub fn listed(task: &Inventory) -> SelectedTask {
        match normalize_uuid(&task.uuid) {
            Ok(uuid) if uuid == task.uuid => SelectedTask {
                uuid,
                name: task.name.clone(),
                known: Known::Yes,
            },
            _ => SelectedTask {
                uuid: task.uuid.clone(),
                name: task.name.clone(),
                known: Known::Unknown,
            },
        }
    }

    /// A task a host named by UUID: to be checked against the server, or
    /// unknown at once when it is not a UUID.
    pub fn named(given: &str) -> SelectedTask {
        match normalize_uuid(given) {
            Ok(uuid) => SelectedTask {
                uuid,
                name: String::new(),
                known: Known::Checking,
            },
            Err(_) => SelectedTask {
                uuid: given.trim().to_string(),
                name: String::new(),
                known: Known::Unknown,
            },
        }
    }

    /// What the person reads for it: its name, else its UUID.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.uuid
        } else {
            &self.name
        }
    }

    /// Whether a stop would send it.
    pub fn sendable(&self) -> bool {
        self.known == Known::Yes
    }
}

/// The picks in the order picked; each UUID once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SelectedTasks {
    order: Vec<SelectedTask>,
    set: HashSet<String>,
}

impl SelectedTasks {
    /// The picks a host named, in its order, each UUID once.
    pub fn named<S: AsRef<str>>(given: &[S]) -> SelectedTasks {
        let mut p = SelectedTasks::default();
        p.extend(given.iter().map(|g| SelectedTask::named(g.as_ref())));
        p
    }

    pub fn contains(&self, uuid: &str) -> bool {
        self.set.contains(uuid)
    }

    /// Adds each pick not there yet, in order.
    pub fn extend(&mut self, picks: impl IntoIterator<Item = SelectedTask>) {
        for p in picks {
            if self.set.insert(p.uuid.clone()) {
                self.order.push(p);
            }
        }
    }

    /// Unticks `uuid`.
    pub fn remove(&mut self, uuid: &str) {
        if self.set.remove(uuid) {
            self.order.retain(|p| p.uuid != uuid);
        }
    }

    /// Ticks a task that is not picked, unticks one that is.
    pub fn toggle(&mut self, pick: SelectedTask) {
        if self.contains(&pick.uuid) {
            self.remove(&pick.uuid);
        } else {
            self.extend([pick]);
        }
    }

    pub fn clear(&mut self) {
        *self = SelectedTasks::default();
    }

    pub fn iter(&self) -> impl Iterator<Item = &SelectedTask> {
        self.order.iter()
    }

    /// The pick of `uuid`, to learn what the server says of it.
    pub fn get_mut(&mut self, uuid: &str) -> Option<&mut SelectedTask> {
        if !self.contains(uuid) {
            return None;
        }
        self.order.iter_mut().find(|p| p.uuid == uuid)
    }

    /// How many a stop would send.
    pub fn sendable_count(&self) -> usize {
        self.order.iter().filter(|p| p.sendable()).count()
    }

    /// The tasks a stop would send, in order.
    pub fn sendable(&self) -> Vec<SelectedTask> {
        self.order
            .iter()
            .filter(|p| p.sendable())
            .cloned()
            .collect()
    }
}
