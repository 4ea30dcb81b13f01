//! The tasks the simulator starts with: one in every status, plus fault
//! tasks whose stop ends in a chosen way (documented in the README).

use serde_json::{json, Value};

/// A CBT task as the real `CbtTaskInventory` serialises it.
#[derive(Clone, Debug)]
pub struct Task {
    pub uuid: String,
    pub name: String,
    pub description: String,
    pub status: String,
    pub create_date: String,
    pub last_op_date: String,
}

impl Task {
    pub fn inventory(&self) -> Value {
        json!({
            "uuid": self.uuid,
            "name": self.name,
            "description": self.description,
            "status": self.status,
            "createDate": self.create_date,
            "lastOpDate": self.last_op_date,
        })
    }
}

/// How a fault task's stop ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The job fails with a nested chain: `cause` three deep, a `causes`
    /// list and an `opaque` map.
    NestedError,
    /// The job never finishes; only Cancel or a deadline ends the wait.
    Hang,
    /// The POST answers `500` with a plain-text body.
    PlainText500,
    /// The POST answers `502` with an HTML page (as a proxy would).
    Html502,
    /// The POST answers `429` plain text, no Content-Type.
    RateLimited,
    /// The job expires: polling it answers `404`.
    JobExpired,
    /// The POST answers `200` with a body that is not JSON.
    NotJson,
    /// The job fails with a `cause` chain 1,500 deep.
    DeepError,
    /// The job fails with markup in every text field.
    MarkupError,
    /// The stop is carried out, but the POST's connection is closed before
    /// any answer: the job can be polled by the client's `X-Job-UUID`.
    LostReply,
}

/// The fault tasks: uuid, fault, name.
pub const FAULTS: &[(&str, Fault, &str)] = &[
    (
        "fa110000000000000000000000000001",
        Fault::NestedError,
        "fault: nested error chain",
    ),
    (
        "fa110000000000000000000000000002",
        Fault::Hang,
        "fault: never answers",
    ),
    (
        "fa110000000000000000000000000003",
        Fault::PlainText500,
        "fault: plain-text 500",
    ),
    (
        "fa110000000000000000000000000004",
        Fault::Html502,
        "fault: HTML 502 page",
    ),
    (
        "fa110000000000000000000000000005",
        Fault::RateLimited,
        "fault: 429 rate limited",
    ),
    (
        "fa110000000000000000000000000006",
        Fault::JobExpired,
        "fault: job expires",
    ),
    (
        "fa110000000000000000000000000007",
        Fault::NotJson,
        "fault: reply not JSON",
    ),
    (
        "fa110000000000000000000000000008",
        Fault::DeepError,
        "fault: 1,500-deep cause chain",
    ),
    (
        "fa110000000000000000000000000009",
        Fault::MarkupError,
        "fault: markup in the error",
    ),
    (
        "fa11000000000000000000000000000a",
        Fault::LostReply,
        "fault: reply lost after the stop",
    ),
];

/// The fault of `uuid`, if it is one of the fault tasks, or one of the
/// `extra` tasks `--tasks` seeded whose stop fails.
pub fn fault_of(uuid: &str, extra: usize) -> Option<Fault> {
    FAULTS
        .iter()
        .find(|(u, _, _)| *u == uuid)
        .map(|(_, f, _)| *f)
        .or_else(|| many_fault(uuid, extra))
}

/// The prefix of the tasks `--tasks N` seeds: `ba7c…` followed by the
/// task's number in hex.
const MANY_PREFIX: &str = "ba7c";

/// `n` more tasks for batch work (`--tasks N`): `batch-0001` … with their
/// number in their UUID, statuses in turn (Running, Created, Stopped,
/// Failed), and every tenth one's stop failing as a nested error.
pub fn many(n: usize) -> Vec<Task> {
    const STATUSES: [&str; 4] = ["Running", "Created", "Stopped", "Failed"];
    (1..=n)
        .map(|i| Task {
            uuid: format!("{MANY_PREFIX}{i:028x}"),
            name: format!("batch-{i:04}"),
            description: format!("Seeded batch task {i}"),
            status: STATUSES[i % STATUSES.len()].into(),
            create_date: "Nov 1, 2026 8:00:00 AM".into(),
            last_op_date: crate::gson::format(1_790_000_000 + i as i64 * 60),
        })
        .collect()
}

/// Every tenth of the `extra` tasks `--tasks` seeded fails its stop as the
/// first fault task does; a UUID of that form that was not seeded is no
/// task at all, and has no fault.
fn many_fault(uuid: &str, extra: usize) -> Option<Fault> {
    let digits = uuid.strip_prefix(MANY_PREFIX)?;
    if digits.len() != 28 {
        return None;
    }
    let n = u64::from_str_radix(digits, 16).ok()?;
    ((1..=extra as u64).contains(&n) && n % 10 == 0).then_some(Fault::NestedError)
}

/// The seeded tasks, in display order. `Starting` is a status of the
/// published page only (the real `CbtTaskStatus` has none), so that task is
/// seeded only where the published shape is asked for.
pub fn tasks(with_starting: bool) -> Vec<Task> {
    let t = |uuid: &str, name: &str, description: &str, status: &str, c: &str, l: &str| Task {
        uuid: uuid.into(),
        name: name.into(),
        description: description.into(),
        status: status.into(),
        create_date: c.into(),
        last_op_date: l.into(),
    };
    let mut v = vec![
        t(
            "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71",
            "My Task",
            "Nightly changed-block backup of vm-web-01",
            "Running",
            "Nov 14, 2017 10:20:57 PM",
            "Nov 14, 2017 10:20:57 PM",
        ),
        t(
            "0b7f3a9c2e5d4b18a6c1f0e9d8b7a652",
            "db-primary-hourly",
            "Hourly CBT backup of the primary database volume",
            "Created",
            "Mar 3, 2026 9:05:12 AM",
            "Mar 3, 2026 9:05:12 AM",
        ),
        t(
            "3e9a6c0f1b2d4e7a8c5b9d0e1f2a3b4c",
            "erp-app-weekly",
            "Weekly backup of the ERP application servers",
            "Starting",
            "Oct 21, 2026, 11:47:03 PM",
            "Nov 27, 2026, 11:58:40 PM",
        ),
        t(
            "7d4b2e8f0a1c4d6e9b3a5c7e1f0d2a48",
            "fileserver-daily",
            "Daily backup of the file server data disks",
            "Stopped",
            "Jan 9, 2026 2:30:00 PM",
            "Nov 2, 2026 6:15:44 AM",
        ),
        t(
            "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b",
            "mail-archive",
            "Archive volume of the mail cluster (last run failed: storage full)",
            "Failed",
            "Feb 28, 2026 1:00:00 AM",
            "Nov 26, 2026 1:00:09 AM",
        ),
    ];
    if !with_starting {
        v.retain(|t| t.status != "Starting");
    }
    for (uuid, _, name) in FAULTS {
        v.push(t(
            uuid,
            name,
            "A fault task of the simulator; see its README",
            "Running",
            "Nov 1, 2026 8:00:00 AM",
            "Nov 1, 2026 8:00:00 AM",
        ));
    }
    v
}

/// An `ErrorCode` as the real server writes it (with `i18nDetails`, the
/// details in the server's language).
pub fn error_code(code: &str, description: &str, details: &str) -> Value {
    json!({ "code": code, "description": description, "details": details, "i18nDetails": details })
}

/// The nested chain of the `NestedError` fault.
pub fn nested_error(uuid: &str) -> Value {
    let mut root = error_code(
        "SYS.1000",
        "An internal error happened in system",
        &format!("failed to stop the cbt task[uuid:{uuid}]"),
    );
    let mut c1 = error_code(
        "HOST.1000",
        "An operation failed on the host",
        "the KVM agent on host[uuid:6f3c1d2e4b5a49788a7b6c5d4e3f2a10] failed to stop change tracking",
    );
    let mut c2 = error_code(
        "SYS.1001",
        "A timeout happened",
        "timeout after 300s waiting for the reply of qemu-monitor block-dirty-bitmap-remove",
    );
    c2["cause"] = error_code(
        "SYS.1000",
        "An internal error happened in system",
        "qemu: Bitmap 'cbt-1' is currently in use by another operation",
    );
    c2["opaque"] = json!({ "qemuPid": 48213, "device": "drive-virtio-disk0", "retry": false });
    c1["cause"] = c2;
    root["cause"] = c1;
    root["elaboration"] = json!("The host agent did not release the dirty bitmap in time.");
    root["opaque"] = json!({ "hostUuid": "6f3c1d2e4b5a49788a7b6c5d4e3f2a10", "attempts": 3, "volumes": ["root", "data-1"] });
    root["causes"] = json!([
        error_code(
            "VOLUME.1000",
            "An operation failed on the volume",
            "volume[name:root] still has an open CBT session"
        ),
        error_code(
            "VOLUME.1000",
            "An operation failed on the volume",
            "volume[name:data-1] still has an open CBT session"
        ),
    ]);
    root["location"] =
        json!("org.zstack.storage.cbt.CbtTaskManagerImpl.disable(CbtTaskManagerImpl.java:412)");
    root["cost"] = json!("300127ms");
    root["globalErrorCode"] = json!("ORG_ZSTACK_STORAGE_CBT_10021");
    root
}

/// The body `{"error":..}` of a chain `depth` causes deep, written as text
/// so that no recursion (serialising or dropping a deep value) can overflow.
pub fn deep_error_body(depth: usize) -> String {
    let node = |details: &str| {
        format!(
            r#"{{"code":"SYS.1000","description":"An internal error happened in system","details":"{details}""#
        )
    };
    let mut out = String::from(r#"{"error":"#);
    for i in 0..depth {
        out.push_str(&node(&format!("wrapped failure at level {i}")));
        out.push_str(r#","cause":"#);
    }
    out.push_str(&node("the innermost cause"));
    out.push('}');
    out.push_str(&"}".repeat(depth));
    out.push('}');
    out
}

/// An error whose text fields all carry markup, to prove it is shown as text.
pub fn markup_error() -> Value {
    let mut e = error_code(
        "SYS.1000",
        "<b>bold</b> description",
        "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>",
    );
    e["elaboration"] = json!("<a href=\"javascript:window.__xss=3\">click</a>");
    e["cause"] = error_code(
        "SYS.1003",
        "<i>not found</i>",
        "<iframe src=\"about:blank\"></iframe>",
    );
    e
}
