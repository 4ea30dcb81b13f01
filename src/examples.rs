//! Example mode (CONTRACT.md §5): the published `My Task` inventory and
//! chosen error cases, built as the wire's serde types in the published
//! reply shape, so they go through the same decoding as a real reply. No
//! network is involved.

use crate::protocol::{classify_stop, BadKind, Outcome, Step};
use crate::wire::{ApiResult, CbtTaskInventory, DateValue, ErrorCode, Raw};

/// The task of the published examples ("My Task").
pub const EXAMPLE_UUID: &str = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71";

/// The answers example mode gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    Stopped,
    TaskNotFound,
    SessionExpired,
    Timeout,
}

fn error(code: &str, description: &str, details: String, cause: Option<ErrorCode>) -> ErrorCode {
    ErrorCode {
        code: Some(code.into()),
        description: Some(description.into()),
        details: Some(details),
        cause: cause.map(|c| Raw::encode(&c)),
        ..ErrorCode::default()
    }
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

    /// The published page's reply, as status and body, for the task `uuid`.
    pub fn reply(self, uuid: &str) -> (u16, String) {
        let date = || Some(DateValue::Text("Nov 14, 2017 10:20:57 PM".into()));
        let failed = |e: ErrorCode| ApiResult {
            success: Some(false),
            error: Some(Raw::encode(&e)),
            inventory: None,
        };
        let reply = match self {
            Example::Stopped => ApiResult {
                success: Some(true),
                inventory: Some(Raw::encode(&CbtTaskInventory {
                    uuid: uuid.into(),
                    name: Some("My Task".into()),
                    description: Some("Nightly changed-block backup of vm-web-01".into()),
                    status: Some("Stopped".into()),
                    create_date: date(),
                    last_op_date: date(),
                })),
                error: None,
            },
            Example::TaskNotFound => failed(error(
                "SYS.1006",
                "An operation failed",
                format!("cannot find the cbt task[uuid:{uuid}]"),
                None,
            )),
            Example::SessionExpired => failed(error(
                "ID.1001",
                "The session is invalid, either wrong session id or the session has been expired",
                "Session expired".into(),
                None,
            )),
            Example::Timeout => failed(error(
                "SYS.1001",
                "A message or a operation timeout",
                "Stop CBT task timeout after 300s".into(),
                Some(error(
                    "HOST.1000",
                    "An operation failed on the host",
                    "the KVM agent did not answer in time".into(),
                    None,
                )),
            )),
        };
        (200, Raw::encode(&reply).to_text())
    }

    /// The outcome this example shows.
    pub fn outcome(self, uuid: &str) -> Outcome {
        let (status, body) = self.reply(uuid);
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
}
