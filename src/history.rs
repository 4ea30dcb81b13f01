//! The stops made in this tab: each one's [`Record`] (its outcome and its
//! exchanges), newest first, and which one shows.

use crate::protocol::Outcome;
use crate::transport::Exchange;

/// A stop that ended: what the result showed, and how it went on the wire.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The task, as sent.
    pub uuid: String,
    /// Its name, when a reply named it.
    pub name: Option<String>,
    pub outcome: Outcome,
    /// Every HTTP step in order (a published example's one reply in example
    /// mode).
    pub steps: Vec<Exchange>,
    pub elapsed_ms: u64,
    /// When it ended, in milliseconds since the epoch (several stops may
    /// share one).
    pub at_ms: f64,
    /// Its own number in the tab, given when it joins the history
    /// ([`History::add`], [`History::push`]): how "Show" finds it again.
    pub id: u64,
    /// Example mode: nothing was sent.
    pub example: bool,
}

impl Record {
    pub fn polls(&self) -> usize {
        self.steps.iter().filter(|s| s.is_poll()).count()
    }
}

/// The stops made in this tab, newest first (at most [`HISTORY_MAX`]), and
/// the one whose result and details show. Memory only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Shared with the views that show them: a change to the list copies
    /// pointers, not 50 stops' bodies.
    pub records: Vec<std::sync::Arc<Record>>,
    pub shown: Option<usize>,
    /// The number the next record gets.
    next_id: u64,
}

pub const HISTORY_MAX: usize = 50;

impl History {
    /// A stop that just ended: first in the list, and shown. Returns its
    /// number.
    pub fn add(&mut self, r: Record) -> u64 {
        let id = self.insert(r);
        self.shown = Some(0);
        id
    }

    /// A stop of several tasks that just ended: first in the list; the one
    /// shown stays shown. Returns its number.
    pub fn push(&mut self, r: Record) -> u64 {
        let id = self.insert(r);
        self.shown = self.shown.map(|s| s + 1).filter(|s| *s < HISTORY_MAX);
        id
    }

    fn insert(&mut self, mut r: Record) -> u64 {
        self.next_id += 1;
        r.id = self.next_id;
        self.records.insert(0, r.into());
        self.records.truncate(HISTORY_MAX);
        self.next_id
    }

    /// Where the record numbered `id` stands in the list, if it is still
    /// there.
    pub fn position(&self, id: u64) -> Option<usize> {
        self.records.iter().position(|r| r.id == id)
    }

    /// A step that belongs to the stop numbered `id` (the read-back after
    /// it), and the task's name that read found, when nothing named the
    /// task before.
    pub fn add_step(&mut self, id: u64, step: Exchange, name: Option<String>) {
        if let Some(r) = self.records.iter_mut().find(|r| r.id == id) {
            let r = std::sync::Arc::make_mut(r);
            r.steps.push(step);
            r.name = r.name.take().or(name);
        }
    }

    pub fn shown(&self) -> Option<&Record> {
        self.records.get(self.shown?).map(|r| &**r)
    }
}
