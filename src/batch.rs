//! Several tasks at once (behaviour §6): a scheduler over the one-task stop
//! flow. It starts the stops in the order they were selected, keeps at most
//! `limit` in flight, lets one failure hold up nothing, stops sending when
//! the session turns out to be expired (`ID.1001`) or the person cancels,
//! and says how every task ended. It knows nothing of the browser: the stop
//! of one task is a future it is handed, so native tests drive it with
//! scripted stops.

use std::future::Future;

use futures::stream::{FuturesUnordered, StreamExt};

use crate::examples::Example;
use crate::protocol::{Outcome, StopRequest};

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

impl Tally {
    /// Counts one more row.
    pub fn add(&mut self, r: &Row) {
        match r {
            Row::Queued | Row::Running => self.pending += 1,
            Row::Ended(Outcome::Stopped(_)) => self.stopped += 1,
            Row::Ended(_) => self.failed += 1,
            Row::NotSent(_) => self.not_sent += 1,
        }
    }
}

/// Counts `rows`.
pub fn tally<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Tally {
    let mut t = Tally::default();
    rows.into_iter().for_each(|r| t.add(r));
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
/// quote or a line break, quotes doubled. A field a spreadsheet would read
/// as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) is first prefixed with `'`, OWASP's CSV-injection rule: a task
/// name or a server message is data, never a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
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

/// One task of a batch: what the results table names it by.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchTask {
    /// A normalised UUID (only such a task is ever planned).
    pub uuid: String,
    pub name: String,
}

/// What a batch stops and how: the tasks the person confirmed, in the order
/// selected, with the batch's own force and tags. Where the stops go and as
/// whom is not part of it: that is taken when the batch starts ([`Reach`]),
/// and again when "Retry the rest" starts.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchPlan {
    pub tasks: Vec<BatchTask>,
    pub force: bool,
    pub system_tags: Vec<String>,
    pub user_tags: Vec<String>,
    /// At most this many stops in flight.
    pub limit: usize,
    /// Example mode answers with this published example, sending nothing.
    pub example: Option<Example>,
}

/// Where a batch's stops go, as whom, and how long each may take: read
/// from the session field and the configuration as they are when the batch
/// starts (a person who signed in again after `ID.1001` retries with the
/// new session).
#[derive(Clone, Debug, PartialEq)]
pub struct Reach {
    pub api_base: String,
    pub session: String,
    pub deadline_ms: u64,
}

impl BatchPlan {
    /// The stop of task `i` (its job id is added when it is sent).
    pub fn request(&self, i: usize, reach: &Reach) -> StopRequest {
        StopRequest {
            api_base: reach.api_base.clone(),
            session: reach.session.clone(),
            uuid: self.tasks[i].uuid.clone(),
            force: self.force,
            system_tags: self.system_tags.clone(),
            user_tags: self.user_tags.clone(),
            job_id: String::new(),
        }
    }

    /// "Retry the rest": the same batch for the tasks whose `rows` did not
    /// end stopped, with the same force, tags, limit and mode.
    pub fn rest(&self, rows: &[Row]) -> BatchPlan {
        BatchPlan {
            tasks: the_rest(rows)
                .into_iter()
                .filter_map(|i| self.tasks.get(i).cloned())
                .collect(),
            ..self.clone()
        }
    }
}
