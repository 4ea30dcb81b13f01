//! The next step after an outcome, as one plain sentence with an action.

use super::classify::{Outcome, Unconfirmed};

/// What to do next after an outcome, said in one plain sentence with an
/// action (the full outcome stays below it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// `ID.1001`: sign in again.
    SessionExpired,
    /// No CBT task has that UUID: find it by name.
    NoSuchTask,
    /// A network error against another origin: most likely CORS.
    Cors,
    /// `429`: wait, then try again.
    RateLimited,
    /// `SYS.1001`: the server timed out; the task may still stop.
    ServerTimeout,
    /// The answer is unknown: the task may or may not have stopped.
    Unsure,
}

/// The hints an outcome gets; `cross_origin` says whether the API is on
/// another origin than the page.
pub fn hints(outcome: &Outcome, cross_origin: bool) -> Vec<Hint> {
    match outcome {
        Outcome::ApiError(tree) => {
            let root = tree.root();
            let said = |s: &str| {
                [&root.details, &root.description]
                    .iter()
                    .any(|t| t.as_deref().is_some_and(|t| t.contains(s)))
            };
            match root.code.as_str() {
                "ID.1001" => vec![Hint::SessionExpired],
                "SYS.1001" => vec![Hint::ServerTimeout],
                "SYS.1006" if said("cannot find") => vec![Hint::NoSuchTask],
                _ => vec![],
            }
        }
        Outcome::HttpError { status: 429, .. } => vec![Hint::RateLimited],
        Outcome::NetworkError(_) if cross_origin => vec![Hint::Cors, Hint::Unsure],
        Outcome::NetworkError(_) | Outcome::TimedOut(_) => vec![Hint::Unsure],
        Outcome::Unconfirmed(Unconfirmed::ReadFailed(_)) => vec![Hint::Unsure],
        _ => vec![],
    }
}
