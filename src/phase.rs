//! Where a stop stands, as the result region shows it.

use crate::protocol::Outcome;

/// Where a stop stands, as the result region shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    /// Refused before sending; the messages say why.
    Invalid(Vec<String>),
    /// In flight; the job id once the server accepted the call.
    Waiting {
        job_id: Option<String>,
        started_ms: f64,
    },
    Done(Outcome),
    /// A published example's outcome (example mode): nothing was sent.
    Example(Outcome),
    /// Several tasks: in flight until `done`, then their results.
    Batch {
        done: bool,
    },
}

impl Phase {
    /// The `data-outcome` kind, none while idle.
    pub fn kind(&self) -> Option<&'static str> {
        match self {
            Phase::Idle => None,
            Phase::Invalid(_) => Some("invalid-input"),
            Phase::Waiting { .. } => Some("waiting"),
            Phase::Done(o) | Phase::Example(o) => Some(o.kind()),
            Phase::Batch { done: false } => Some("waiting"),
            Phase::Batch { done: true } => Some("batch"),
        }
    }

    /// A stop is in flight.
    pub fn is_waiting(&self) -> bool {
        matches!(self, Phase::Waiting { .. } | Phase::Batch { done: false })
    }
}
