//! Several tasks at once (CONTRACT §6): a scheduler over the one-task stop
//! flow. It starts the stops in the order they were selected, keeps at most
//! `limit` in flight, lets one failure hold up nothing, stops sending when
//! the session turns out to be expired (`ID.1001`) or the person cancels,
//! and says how every task ended. It knows nothing of the browser: the stop
//! of one task is a future it is handed, so native tests drive it with
//! scripted stops.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt};

use crate::protocol::Outcome;

/// The default and the bounds of `maxParallelStops`.
pub const DEFAULT_PARALLEL: usize = 4;
pub const MAX_PARALLEL: usize = 16;

/// Why a task of a batch was not sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotSent {
    /// The person pressed Cancel before its turn.
    Cancelled,
    /// An earlier stop answered that the session expired (`ID.1001`).
    SessionExpired,
}

/// How one task of a batch stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// Waiting for a place among the stops in flight.
    Queued,
    /// Its stop is in flight.
    Running,
    /// Its stop ended.
    Ended(Outcome),
    /// It was never sent.
    NotSent(NotSent),
}

impl Row {
    /// The `data-outcome` kind of a row that has ended (`not-sent` for one
    /// never sent).
    pub fn kind(&self) -> Option<&'static str> {
        match self {
            Row::Queued | Row::Running => None,
            Row::Ended(o) => Some(o.kind()),
            Row::NotSent(_) => Some("not-sent"),
        }
    }

    /// Whether the row is final.
    pub fn is_final(&self) -> bool {
        self.kind().is_some()
    }

    /// Whether the task ended stopped.
    pub fn is_stopped(&self) -> bool {
        matches!(self, Row::Ended(Outcome::Stopped(_)))
    }

    /// The error code of an api error, if the row ended in one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Row::Ended(Outcome::ApiError(tree)) => Some(tree.root().code.as_str()),
            _ => None,
        }
    }
}

/// Whether an outcome says the session is gone (`ID.1001`): no further stop
/// of the batch could succeed, so none is sent.
pub fn session_expired(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::ApiError(tree) if tree.root().code == "ID.1001")
}

/// `maxParallelStops` within its bounds.
pub fn clamp_parallel(n: usize) -> usize {
    n.clamp(1, MAX_PARALLEL)
}

/// Runs a batch of `count` tasks: `stop(i)` is the whole stop of task `i`
/// (its own job id, polls and read-back), started in order, at most `limit`
/// at once. `cancelled()` is asked before each start; once it says yes, or a
/// stop ends in `ID.1001`, no further task is sent. `on_row(i, row)` is told
/// every change, as it happens. Returns every task's final row, in the
/// order of the tasks.
pub async fn run_batch<F, Fut>(
    count: usize,
    limit: usize,
    stop: F,
    cancelled: impl Fn() -> bool,
    on_row: impl Fn(usize, &Row),
) -> Vec<Row>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Outcome>,
{
    let limit = clamp_parallel(limit);
    let mut rows = vec![Row::Queued; count];
    let mut halted = None::<NotSent>;
    let mut next = 0;
    let mut flying = FuturesUnordered::new();
    loop {
        while flying.len() < limit && next < count && halted.is_none() {
            if cancelled() {
                halted = Some(NotSent::Cancelled);
                break;
            }
            let i = next;
            next += 1;
            rows[i] = Row::Running;
            on_row(i, &rows[i]);
            let run = stop(i);
            flying.push(async move { (i, run.await) });
        }
        let Some((i, outcome)) = flying.next().await else {
            break;
        };
        if session_expired(&outcome) && halted.is_none() {
            halted = Some(NotSent::SessionExpired);
        }
        rows[i] = Row::Ended(outcome);
        on_row(i, &rows[i]);
    }
    // A cancel while the last stops were in flight also leaves the rest.
    let why = halted.unwrap_or(NotSent::Cancelled);
    for (i, row) in rows.iter_mut().enumerate().skip(next) {
        *row = Row::NotSent(why);
        on_row(i, row);
    }
    rows
}

/// What the result region's sentence counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub stopped: usize,
    /// Ended any other way than stopped.
    pub failed: usize,
    pub not_sent: usize,
    /// Not final yet.
    pub pending: usize,
}

/// Counts `rows`.
pub fn tally<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Tally {
    let mut t = Tally::default();
    for r in rows {
        match r {
            Row::Queued | Row::Running => t.pending += 1,
            Row::Ended(Outcome::Stopped(_)) => t.stopped += 1,
            Row::Ended(_) => t.failed += 1,
            Row::NotSent(_) => t.not_sent += 1,
        }
    }
    t
}

/// One line of "Copy results".
#[derive(Clone, Debug, PartialEq)]
pub struct CsvRow<'a> {
    pub uuid: &'a str,
    pub name: &'a str,
    pub outcome: &'a str,
    pub code: &'a str,
    pub message: &'a str,
}

/// A CSV field as RFC 4180 writes one: quoted when it holds a comma, a
/// quote or a line break, quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The results as RFC 4180 CSV, header `uuid,name,outcome,code,message`,
/// lines ended by CRLF.
pub fn results_csv<'a>(rows: impl IntoIterator<Item = CsvRow<'a>>) -> String {
    let mut out = String::from("uuid,name,outcome,code,message\r\n");
    for r in rows {
        let fields = [r.uuid, r.name, r.outcome, r.code, r.message].map(csv_field);
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Which of `rows` "Retry the rest" sends again: every task that did not
/// end stopped.
pub fn the_rest(rows: &[Row]) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| !r.is_stopped())
        .map(|(i, _)| i)
        .collect()
}
