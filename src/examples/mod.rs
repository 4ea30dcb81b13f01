//! Example mode (behaviour §5): the published `My Task` inventory and
//! chosen error cases, kept as the published reply bodies (the JSON files
//! beside this one), so they go through the same decoding as a real reply.
//! No network is involved.

use crate::history::Record;
use crate::protocol::{
    classify_query, classify_stop, classify_summary, normalize_uuid, BadKind, Inventory, Outcome,
    Page, Step, Summary, FINDER_PAGE,
};
use crate::transport::{Exchange, Method, Reply};

/// The task of the published examples ("My Task").
pub const EXAMPLE_UUID: &str = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71";

/// Example mode's tasks, as a query reply in the published shape: what the
/// finder lists and the summary line reads, with no network.
pub const TASKS: &str = include_str!("tasks.json");

/// The answers example mode gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    Stopped,
    TaskNotFound,
    SessionExpired,
    Timeout,
}

impl Example {
    pub const ALL: [Example; 4] = [
        Example::Stopped,
        Example::TaskNotFound,
        Example::SessionExpired,
        Example::Timeout,
    ];

    /// A stable name, for the choice in the form.
    pub fn id(self) -> &'static str {
        match self {
            Example::Stopped => "stopped",
            Example::TaskNotFound => "task-not-found",
            Example::SessionExpired => "session-expired",
            Example::Timeout => "timeout",
        }
    }

    pub fn from_id(id: &str) -> Option<Example> {
        Example::ALL.into_iter().find(|e| e.id() == id)
    }

    /// The published page's reply, as status and body, for the task `uuid`
    /// (a UUID; anything else names the published task).
    pub fn reply(self, uuid: &str) -> (u16, String) {
        let body = match self {
            Example::Stopped => include_str!("stopped.json"),
            Example::TaskNotFound => include_str!("task-not-found.json"),
            Example::SessionExpired => include_str!("session-expired.json"),
            Example::Timeout => include_str!("timeout.json"),
        };
        // Only 32 hex digits ever replace the published task's UUID, so the
        // body stays the published JSON.
        let uuid = normalize_uuid(uuid).unwrap_or_else(|_| EXAMPLE_UUID.into());
        let body = body.trim_end();
        let body = body.replace(EXAMPLE_UUID, &uuid);
        (200, body)
    }

    /// The outcome this example shows.
    pub fn outcome(self, uuid: &str) -> Outcome {
        let (status, body) = self.reply(uuid);
        outcome_of(status, body)
    }

    /// This example as a stop in the tab's history: its one exchange is
    /// the published reply, to the path a real stop would use, sent nowhere
    /// (`example` marks it).
    pub fn record(self, uuid: &str, at_ms: f64) -> Record {
        let (status, text) = self.reply(uuid);
        let outcome = outcome_of(status, text.clone());
        let uuid = normalize_uuid(uuid).unwrap_or_else(|_| EXAMPLE_UUID.into());
        Record {
            steps: vec![Exchange {
                method: Method::Post,
                url: format!("/zstack/v1/cbt-task/disable/{uuid}"),
                auth: None,
                reply: Ok(Reply {
                    status,
                    content_type: Some("application/json;charset=UTF-8".into()),
                    text,
                    ..Reply::default()
                }),
                ms: 0,
            }],
            uuid,
            name: outcome.task_name(),
            outcome,
            elapsed_ms: 0,
            at_ms,
            id: 0,
            example: true,
        }
    }
}

/// What a published reply shows: every example is a final answer in the
/// published shape.
fn outcome_of(status: u16, body: String) -> Outcome {
    match classify_stop(status, &body) {
        Step::Done(o) => o,
        // Every example is a final answer in the published shape.
        _ => Outcome::BadResponse {
            kind: BadKind::UnknownShape,
            status,
            body,
        },
    }
}

/// Example mode's finder: the example tasks whose name (in any case) or
/// UUID (dashes ignored) holds `text`, a page at a time.
pub fn example_page(text: &str, start: usize) -> Page {
    example_list(text, None, start, FINDER_PAGE)
}

/// Example mode's task list: as [`example_page`], with a status filter and
/// a page size.
pub fn example_list(text: &str, status: Option<&str>, start: usize, limit: usize) -> Page {
    let all = classify_query(200, TASKS).unwrap_or_default();
    let name = text.trim().to_lowercase();
    let hex = name.replace('-', "");
    let hits: Vec<Inventory> = all
        .into_iter()
        .filter(|i| i.name.to_lowercase().contains(&name) || i.uuid.contains(&hex))
        .filter(|i| status.is_none_or(|s| i.status == s))
        .collect();
    Page {
        total: Some(hits.len() as u64),
        items: hits.into_iter().skip(start).take(limit).collect(),
    }
}

/// Example mode's summary of the task `uuid`.
pub fn example_summary(uuid: &str) -> Summary {
    classify_summary(200, TASKS, uuid)
}
