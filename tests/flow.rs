//! Native tests of the stop flow: scripted replies, a fake clock, and what
//! a reply, a cancel or a deadline does to the outcome.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

mod common;
use common::run;

use cbt_panel::flow::run_stop;
use cbt_panel::protocol::{Outcome, StopRequest, Unconfirmed};
use cbt_panel::transport::{Call, Method, Recorder, Reply, Transport};

/// What the fake server does with the next request.
enum Answer {
    Reply(u16, &'static str),
    /// Fetch fails (the network, or an abort).
    Fail,
    /// The reply takes this long.
    Slow(u64, u16, &'static str),
    /// The person presses Cancel while this request is out.
    CancelDuring,
    /// The panel's deadline timer fires while this request is out.
    ExpireDuring(u64),
}

struct Fake {
    answers: RefCell<VecDeque<Answer>>,
    sent: RefCell<Vec<Call>>,
    now: Cell<f64>,
    slept: RefCell<Vec<u64>>,
    cancelled: Cell<bool>,
    expired: Cell<bool>,
}

impl Fake {
    fn new(answers: Vec<Answer>) -> Fake {
        Fake {
            answers: RefCell::new(answers.into()),
            sent: RefCell::default(),
            now: Cell::new(1000.0),
            slept: RefCell::default(),
            cancelled: Cell::new(false),
            expired: Cell::new(false),
        }
    }
}

impl Transport for Fake {
    async fn send(&self, call: Call) -> Result<Reply, String> {
        self.sent.borrow_mut().push(call);
        let reply = |status, text: &str| {
            Ok(Reply {
                status,
                text: text.into(),
                // The simulator's and ZStack's job address.
                location: (status == 202)
                    .then(|| "http://zstack.example.com/zstack/v1/api-jobs/j".into()),
                ..Reply::default()
            })
        };
        match self
            .answers
            .borrow_mut()
            .pop_front()
            .expect("an unscripted request")
        {
            Answer::Reply(s, t) => reply(s, t),
            Answer::Fail => Err("TypeError: Failed to fetch".into()),
            Answer::Slow(ms, s, t) => {
                self.now.set(self.now.get() + ms as f64);
                reply(s, t)
            }
            Answer::CancelDuring => {
                self.cancelled.set(true);
                Err("AbortError".into())
            }
            Answer::ExpireDuring(ms) => {
                self.now.set(self.now.get() + ms as f64);
                self.expired.set(true);
                Err("AbortError".into())
            }
        }
    }
    fn now_ms(&self) -> f64 {
        self.now.get()
    }
    async fn sleep(&self, ms: u64) {
        self.slept.borrow_mut().push(ms);
        self.now.set(self.now.get() + ms as f64);
    }
    fn cancelled(&self) -> bool {
        self.cancelled.get()
    }
    fn expired(&self) -> bool {
        self.expired.get()
    }
}

const UUID: &str = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71";
const ACCEPTED: &str =
    r#"{"location":"http://10.0.0.5:8080/zstack/v1/api-jobs/j1","apiTimeout":1800000}"#;
const STOPPED: &str = r#"{"inventories":[{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","name":"My Task","status":"Stopped"}]}"#;

fn req() -> StopRequest {
    StopRequest {
        api_base: "https://proxy.example".into(),
        session: "b86c9016b4f24953a9edefb53ca0678c".into(),
        uuid: UUID.into(),
        force: false,
        system_tags: vec![],
        user_tags: vec![],
        job_id: "00112233445566778899aabbccddeeff".into(),
    }
}

fn stop(fake: &Fake, deadline: u64) -> (Outcome, Vec<String>) {
    let jobs = RefCell::new(Vec::new());
    let o = run(run_stop(fake, &req(), deadline, |j| {
        jobs.borrow_mut().push(j)
    }));
    (o, jobs.into_inner())
}

#[test]
fn accepted_polls_at_once_then_backs_off_and_reads_the_task_back() {
    let fake = Fake::new(vec![
        Answer::Reply(202, ACCEPTED),
        Answer::Reply(202, "{}"),
        Answer::Reply(202, "{}"),
        Answer::Reply(200, "{}"),
        Answer::Reply(200, STOPPED),
    ]);
    let (o, jobs) = stop(&fake, 60_000);
    assert!(
        matches!(o, Outcome::Stopped(ref inv) if inv.name == "My Task"),
        "{o:?}"
    );
    assert_eq!(jobs, ["j1"]);
    let sent = fake.sent.borrow();
    assert_eq!(sent[0].method, Method::Post);
    assert_eq!(
        sent[0].auth.as_deref(),
        Some("OAuth b86c9016b4f24953a9edefb53ca0678c")
    );
    // Polls go to our own API base, never the node's internal address, and
    // carry no session; the read-back does.
    assert_eq!(sent[1].url, "https://proxy.example/zstack/v1/api-jobs/j1");
    assert_eq!(sent[1].auth, None);
    assert_eq!(
        sent[4].url,
        format!("https://proxy.example/zstack/v1/cbt-task/{UUID}")
    );
    assert!(sent[4].auth.is_some());
    // The first poll does not wait.
    assert_eq!(*fake.slept.borrow(), [250, 375]);
}

#[test]
fn a_recorder_keeps_every_step_in_order_with_its_time_size_and_masked_session() {
    let fake = Fake::new(vec![
        Answer::Slow(12, 202, ACCEPTED),
        Answer::Reply(202, "{}"),
        Answer::Slow(7, 200, "{}"),
        Answer::Fail,
    ]);
    let rec = Recorder::new(&fake);
    let o = run(run_stop(&rec, &req(), 60_000, |_| {}));
    assert_eq!(o.kind(), "network-error");
    let log = rec.log.into_inner();
    let steps: Vec<_> = log
        .iter()
        .map(|e| (e.method, e.url.as_str(), e.ms, e.size(), e.is_poll()))
        .collect();
    let job = "https://proxy.example/zstack/v1/api-jobs/j1";
    let task = format!("https://proxy.example/zstack/v1/cbt-task/{UUID}");
    assert_eq!(
        steps,
        [
            (
                Method::Post,
                format!("https://proxy.example/zstack/v1/cbt-task/disable/{UUID}").as_str(),
                12,
                Some(ACCEPTED.len() as u64),
                false
            ),
            (Method::Get, job, 0, Some(2), true),
            (Method::Get, job, 7, Some(2), true),
            (Method::Get, task.as_str(), 0, None, false),
        ]
    );
    // The session never enters the log: only its last four characters.
    assert_eq!(log[0].auth.as_deref(), Some("OAuth ••••678c"));
    assert_eq!(log[1].auth, None);
    assert_eq!(
        log[0].reply.as_ref().unwrap().location.as_deref(),
        Some("http://zstack.example.com/zstack/v1/api-jobs/j")
    );
    assert_eq!(log[3].reply, Err("TypeError: Failed to fetch".into()));
}

#[test]
fn the_documented_200_needs_no_poll() {
    let fake = Fake::new(vec![Answer::Reply(
        200,
        r#"{"success":true,"inventory":{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","status":"Stopped"}}"#,
    )]);
    assert_eq!(stop(&fake, 60_000).0.kind(), "stopped");
    assert_eq!(fake.sent.borrow().len(), 1);
}

#[test]
fn a_direct_200_naming_another_task_or_still_running_is_read_back() {
    let other = r#"{"inventory":{"uuid":"0b7f3a9c2e5d4b18a6c1f0e9d8b7a652","status":"Stopped"}}"#;
    let running = r#"{"inventory":{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","status":"Running"}}"#;
    let still =
        r#"{"inventories":[{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","status":"Running"}]}"#;
    let pausing =
        r#"{"inventories":[{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","status":"Pausing"}]}"#;
    for (reply, read, stopped) in [
        (other, STOPPED, true),
        (other, still, false),
        (running, still, false),
        (running, pausing, false),
        (running, STOPPED, true),
    ] {
        let fake = Fake::new(vec![Answer::Reply(200, reply), Answer::Reply(200, read)]);
        let o = stop(&fake, 60_000).0;
        let sent = fake.sent.borrow();
        assert_eq!(sent.len(), 2, "{reply} is read back");
        assert!(sent[1]
            .url
            .ends_with(&format!("/zstack/v1/cbt-task/{UUID}")));
        assert_eq!(o.kind() == "stopped", stopped, "{reply} then {read}: {o:?}");
        if let Outcome::Stopped(inv) = &o {
            assert_eq!(inv.uuid, UUID);
        }
    }
    // Pausing, a status the panel does not know, is shown as sent.
    let fake = Fake::new(vec![
        Answer::Reply(200, running),
        Answer::Reply(200, pausing),
    ]);
    match stop(&fake, 60_000).0 {
        Outcome::Unconfirmed(Unconfirmed::OtherStatus(inv)) => assert_eq!(inv.status, "Pausing"),
        o => panic!("{o:?}"),
    }
}

#[test]
fn a_read_back_in_another_state_is_unconfirmed() {
    let fake = Fake::new(vec![
        Answer::Reply(202, ACCEPTED),
        Answer::Reply(200, "{}"),
        Answer::Reply(
            200,
            r#"{"inventories":[{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","status":"Running"}]}"#,
        ),
    ]);
    assert!(matches!(
        stop(&fake, 60_000).0,
        Outcome::Unconfirmed(Unconfirmed::OtherStatus(_))
    ));
}

#[test]
fn a_post_that_never_answers_ends_at_the_deadline() {
    let fake = Fake::new(vec![Answer::ExpireDuring(5_000)]);
    assert_eq!(stop(&fake, 5_000).0, Outcome::TimedOut(5_000));
}

#[test]
fn polling_stops_at_the_jobs_api_timeout_when_it_comes_first() {
    let short = r#"{"location":"http://n/zstack/v1/api-jobs/j2","apiTimeout":1000}"#;
    let mut answers = vec![Answer::Reply(202, short)];
    answers.extend((0..10).map(|_| Answer::Reply(202, "{}")));
    let fake = Fake::new(answers);
    let (o, _) = stop(&fake, 60_000);
    assert_eq!(o, Outcome::TimedOut(1_000));
    // Never a sleep past the deadline.
    assert_eq!(fake.slept.borrow().iter().sum::<u64>(), 1_000);
}

#[test]
fn cancel_during_a_request_ends_as_cancelled_not_network_error() {
    let fake = Fake::new(vec![Answer::Reply(202, ACCEPTED), Answer::CancelDuring]);
    assert_eq!(stop(&fake, 60_000).0, Outcome::Cancelled);
}

#[test]
fn a_late_reply_after_cancel_is_not_shown() {
    // The reply arrives, but the person cancelled while it was on its way.
    let fake = Fake::new(vec![Answer::Reply(202, ACCEPTED)]);
    fake.cancelled.set(true);
    assert_eq!(stop(&fake, 60_000).0, Outcome::Cancelled);
    assert_eq!(fake.sent.borrow().len(), 1, "nothing more is sent");
}

#[test]
fn a_slow_final_reply_past_the_deadline_is_a_timeout() {
    let fake = Fake::new(vec![Answer::Slow(61_000, 200, "{}")]);
    assert_eq!(stop(&fake, 60_000).0, Outcome::TimedOut(61_000));
}

#[test]
fn fetch_failing_is_a_network_error_and_a_404_poll_an_expired_job() {
    // The POST's answer is lost; its own job is unknown: it never arrived.
    let fake = Fake::new(vec![
        Answer::Fail,
        Answer::Reply(404, "the job has been expired"),
    ]);
    assert_eq!(
        stop(&fake, 60_000).0,
        Outcome::NetworkError("TypeError: Failed to fetch".into())
    );
    assert_eq!(
        fake.sent.borrow()[1].url,
        "https://proxy.example/zstack/v1/api-jobs/00112233445566778899aabbccddeeff"
    );
    // Nothing answers at all.
    let fake = Fake::new(vec![Answer::Fail, Answer::Fail]);
    assert_eq!(stop(&fake, 60_000).0.kind(), "network-error");
    let fake = Fake::new(vec![
        Answer::Reply(202, ACCEPTED),
        Answer::Reply(404, "the job has been expired"),
    ]);
    assert_eq!(stop(&fake, 60_000).0.kind(), "job-expired");
}

#[test]
fn a_body_over_the_read_limit_is_reported_not_decoded() {
    struct Big;
    impl Transport for Big {
        async fn send(&self, _: Call) -> Result<Reply, String> {
            Ok(Reply {
                status: 200,
                text: "{\"error\":{\"details\":\"xxxx".into(),
                cut_from: Some(50 << 20),
                ..Reply::default()
            })
        }
        fn now_ms(&self) -> f64 {
            0.0
        }
        async fn sleep(&self, _: u64) {}
        fn cancelled(&self) -> bool {
            false
        }
    }
    match run(run_stop(&Big, &req(), 60_000, |_| {})) {
        Outcome::BadResponse {
            kind: cbt_panel::protocol::BadKind::TooLarge(n),
            ..
        } => assert_eq!(n, 50 << 20),
        o => panic!("{o:?}"),
    }
}

#[test]
fn every_stop_sends_its_own_job_id() {
    let fake = Fake::new(vec![Answer::Reply(
        200,
        r#"{"success":true,"inventory":{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","status":"Stopped"}}"#,
    )]);
    stop(&fake, 60_000);
    assert_eq!(
        fake.sent.borrow()[0].job.as_deref(),
        Some("00112233445566778899aabbccddeeff")
    );
}

#[test]
fn a_lost_answer_is_learned_from_the_stops_own_job() {
    let fake = Fake::new(vec![
        Answer::Fail,
        Answer::Reply(202, "{}"),
        Answer::Reply(200, "{}"),
        Answer::Reply(200, STOPPED),
    ]);
    let (o, jobs) = stop(&fake, 60_000);
    assert_eq!(o.kind(), "stopped", "{o:?}");
    assert_eq!(jobs, ["00112233445566778899aabbccddeeff"]);
}

#[test]
fn a_resent_post_answered_400_for_our_job_id_polls_that_job() {
    let fake = Fake::new(vec![
        Answer::Reply(
            400,
            "duplicate X-Job-UUID[00112233445566778899aabbccddeeff]: a job with this UUID already exists",
        ),
        Answer::Reply(200, "{}"),
        Answer::Reply(200, STOPPED),
    ]);
    assert_eq!(stop(&fake, 60_000).0.kind(), "stopped");
    assert!(fake.sent.borrow()[1]
        .url
        .ends_with("/api-jobs/00112233445566778899aabbccddeeff"));
    // Any other 400 is the error it is.
    let fake = Fake::new(vec![Answer::Reply(400, "missing header 'Authorization'")]);
    assert_eq!(stop(&fake, 60_000).0.kind(), "http-error");
}

#[test]
fn the_tabs_history_keeps_fifty_newest_first_and_the_read_back_joins_its_stop() {
    use cbt_panel::examples::Example;
    use cbt_panel::history::{History, HISTORY_MAX};
    let mut tab = History::default();
    assert_eq!(tab.shown(), None);
    for i in 0..HISTORY_MAX + 5 {
        tab.add(Example::Stopped.record(UUID, i as f64));
    }
    assert_eq!(tab.records.len(), HISTORY_MAX);
    assert_eq!(
        tab.records[0].at_ms,
        (HISTORY_MAX + 4) as f64,
        "newest first"
    );
    assert_eq!(tab.shown().map(|r| r.at_ms), Some((HISTORY_MAX + 4) as f64));
    // A step that comes later goes to its own stop, wherever it is.
    let step = tab.records[3].steps[0].clone();
    let named = tab.records[3].name.clone();
    tab.add_step(tab.records[3].id, step.clone(), Some("read later".into()));
    assert_eq!(tab.records[3].steps.len(), 2);
    assert_eq!(tab.records[2].steps.len(), 1);
    assert_eq!(tab.records[3].name, named, "a name already known stays");
    tab.add_step(0, tab.records[0].steps[0].clone(), None);
    assert!(tab.records.iter().all(|r| r.steps.len() <= 2));
    // A stop nothing named (a failed one, pressed before the summary line
    // read its task) takes the name its read-back found.
    std::sync::Arc::make_mut(&mut tab.records[4]).name = None;
    tab.add_step(tab.records[4].id, step, Some("My Task".into()));
    assert_eq!(tab.records[4].name.as_deref(), Some("My Task"));
}

#[test]
fn records_ending_in_the_same_millisecond_are_told_apart() {
    use cbt_panel::examples::Example;
    use cbt_panel::history::History;
    let mut tab = History::default();
    let other = "0b7f3a9c2e5d4b18a6c1f0e9d8b7a652";
    let first = tab.push(Example::Stopped.record(UUID, 5.0));
    let second = tab.push(Example::Stopped.record(other, 5.0));
    assert_ne!(first, second);
    assert_eq!(tab.records[tab.position(first).unwrap()].uuid, UUID);
    assert_eq!(tab.records[tab.position(second).unwrap()].uuid, other);
    let step = tab.records[0].steps[0].clone();
    tab.add_step(first, step, None);
    assert_eq!(tab.records[tab.position(first).unwrap()].steps.len(), 2);
    assert_eq!(tab.records[tab.position(second).unwrap()].steps.len(), 1);
}

#[test]
fn an_example_is_recorded_as_its_published_reply_and_marked() {
    use cbt_panel::examples::Example;
    let r = Example::Stopped.record("5C1E0B8E-7D2A-4F0C-9B3E-6A1D2F4C8E71", 7.0);
    assert!(r.example);
    assert_eq!(r.uuid, UUID);
    assert_eq!(r.name.as_deref(), Some("My Task"));
    assert_eq!(r.outcome.kind(), "stopped");
    assert_eq!((r.polls(), r.elapsed_ms, r.at_ms), (0, 0, 7.0));
    let step = &r.steps[0];
    assert_eq!(
        (step.method, step.url.as_str()),
        (
            Method::Post,
            format!("/zstack/v1/cbt-task/disable/{UUID}").as_str()
        )
    );
    let reply = step.reply.as_ref().unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text, Example::Stopped.reply(UUID).1);
    assert_eq!(step.auth, None, "nothing was sent, so no session either");
    let failed = Example::SessionExpired.record(UUID, 0.0);
    assert_eq!((failed.outcome.kind(), failed.name), ("api-error", None));
}

#[test]
fn a_stops_timing_reads_in_both_languages() {
    use cbt_panel::i18n::{EN, ZH};
    assert_eq!(EN.timing(1240, 1), "Took 1.2 s · 1 poll");
    assert_eq!(EN.timing(600, 3), "Took 0.6 s · 3 polls");
    assert_eq!(ZH.timing(1240, 2), "用时 1.2 秒 · 轮询 2 次");
}

#[test]
fn a_record_keeps_each_reply_body_bounded_with_its_full_size() {
    let big: &'static str =
        Box::leak(format!("{{\"x\":\"{}\"}}", "é".repeat(600_000)).into_boxed_str());
    let mut answers = vec![Answer::Reply(202, ACCEPTED)];
    answers.extend((0..5).map(|_| Answer::Reply(202, big)));
    answers.push(Answer::Reply(200, "{}"));
    answers.push(Answer::Reply(200, STOPPED));
    let fake = Fake::new(answers);
    let rec = Recorder::new(&fake);
    let o = run(run_stop(&rec, &req(), 60_000, |_| {}));
    assert_eq!(o.kind(), "stopped");
    let log = rec.log.into_inner();
    assert_eq!(log.len(), 8);
    for e in &log[1..6] {
        let r = e.reply.as_ref().unwrap();
        assert!(
            r.text.len() <= cbt_panel::transport::KEPT_BODY,
            "{}",
            r.text.len()
        );
        assert_eq!(e.size(), Some(big.len() as u64), "the size as received");
    }
    let kept: usize = log
        .iter()
        .map(|e| e.reply.as_ref().map_or(0, |r| r.text.len()))
        .sum();
    assert!(kept < 6 * cbt_panel::transport::KEPT_BODY, "{kept}");
    // A small body is kept whole and marked so.
    assert_eq!(log[7].reply.as_ref().unwrap().text, STOPPED);
    assert_eq!(log[7].reply.as_ref().unwrap().cut_from, None);
}
