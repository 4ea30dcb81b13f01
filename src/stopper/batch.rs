//! Several tasks stopped as one action (CONTRACT §6): the browser side of
//! [`crate::batch::run_batch`]. Each task is stopped exactly as one stop is
//! (its own `X-Job-UUID`, polls, read-back), goes into the tab's history,
//! and is told to a framing console; Cancel aborts the stops in flight and
//! sends nothing more.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Stopper;
use crate::batch::{run_batch, the_rest, Row};
use crate::client::{self, Browser};
use crate::embed;
use crate::examples::Example;
use crate::flow::{run_stop, Phase, Record, Recorder};
use crate::protocol::{Outcome, StopRequest};

/// One task of a batch: what the results table names it by.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchTask {
    pub uuid: String,
    pub name: String,
}

/// A batch as the result region shows it: its tasks in the order selected
/// and how each stands, and the plan it ran (for "Retry the rest").
#[derive(Clone, Debug)]
pub struct BatchView {
    pub tasks: Vec<BatchTask>,
    pub rows: Vec<Row>,
    /// Example mode: every answer is a published example, nothing was sent.
    pub example: bool,
    plan: Arc<BatchPlan>,
}

impl PartialEq for BatchView {
    fn eq(&self, other: &Self) -> bool {
        self.tasks == other.tasks
            && self.rows == other.rows
            && self.example == other.example
            && Arc::ptr_eq(&self.plan, &other.plan)
    }
}

impl BatchView {
    /// The same batch for the tasks that did not end stopped, with the same
    /// force, tags, deadline and limit.
    pub fn retry_plan(&self) -> BatchPlan {
        let rest = the_rest(&self.rows);
        BatchPlan {
            tasks: rest.iter().map(|i| self.plan.tasks[*i].clone()).collect(),
            requests: rest
                .iter()
                .map(|i| self.plan.requests[*i].clone())
                .collect(),
            ..(*self.plan).clone()
        }
    }

    /// How many tasks have ended (stopped, failed or not sent).
    pub fn finished(&self) -> usize {
        self.rows.iter().filter(|r| r.is_final()).count()
    }
}

/// What a batch is started with.
#[derive(Clone, Debug)]
pub struct BatchPlan {
    pub tasks: Vec<BatchTask>,
    /// One request per task, in the same order (job ids are added here).
    pub requests: Vec<StopRequest>,
    pub deadline_ms: u64,
    pub limit: usize,
    /// Example mode answers with this published example, sending nothing.
    pub example: Option<Example>,
}

impl Stopper {
    /// Starts stopping several tasks, unless a stop is in flight.
    pub fn start_batch(self, plan: BatchPlan) {
        if self.phase.with_untracked(Phase::is_waiting) || plan.tasks.is_empty() {
            return;
        }
        self.reader.yield_to_stop();
        self.batch_cancelled.set_value(false);
        let n = plan.tasks.len();
        let plan = Arc::new(plan);
        self.batch.set(Some(BatchView {
            tasks: plan.tasks.clone(),
            rows: vec![Row::Queued; n],
            example: plan.example.is_some(),
            plan: plan.clone(),
        }));
        self.tab.update(|t| t.shown = None);
        self.phase.set(Phase::Batch { done: false });
        let epoch = self.epoch.get_value();
        spawn_local(async move {
            let stop = |i: usize| {
                let plan = plan.clone();
                async move { self.stop_one(&plan, i, epoch).await }
            };
            let cancelled = || self.batch_cancelled.try_get_value().unwrap_or(true);
            let on_row = |i: usize, row: &Row| {
                self.batch.try_update(|b| {
                    if let Some(b) = b {
                        b.rows[i] = row.clone();
                    }
                });
            };
            let rows = run_batch(n, plan.limit, stop, cancelled, on_row).await;
            if self.epoch.try_get_value() != Some(epoch) {
                return; // signed out, or the panel is gone
            }
            self.batch_flights.update_value(Vec::clear);
            if plan.example.is_none() {
                self.tell_host_batch(&plan.tasks, &rows);
            }
            self.phase.set(Phase::Batch { done: true });
            self.focus.notify();
        });
    }

    /// Stops task `i` of `plan` as one stop is stopped; records it.
    async fn stop_one(self, plan: &BatchPlan, i: usize, epoch: u64) -> Outcome {
        let task = &plan.tasks[i];
        if let Some(example) = plan.example {
            let record = example.record(&task.uuid, js_sys::Date::now());
            let outcome = record.outcome.clone();
            self.tab.try_update(|t| t.push(record));
            return outcome;
        }
        let mut request = plan.requests[i].clone();
        request.job_id = client::new_job_id();
        let browser = Browser::new();
        browser.set_deadline(plan.deadline_ms);
        self.batch_flights
            .try_update_value(|f| f.push(browser.clone()));
        let started = client::now_ms();
        let rec = Recorder::new(&*browser);
        let outcome = run_stop(&rec, &request, plan.deadline_ms, |_| {}).await;
        self.batch_flights
            .try_update_value(|f| f.retain(|b| !Rc::ptr_eq(b, &browser)));
        if self.epoch.try_get_value() != Some(epoch) {
            return outcome;
        }
        if let Some(outlet) = self.host.try_get_untracked().flatten() {
            outlet.tell(&embed::outcome_message(&outcome, Some(&request.uuid)));
        }
        let record = Record {
            name: outcome.task_name().or_else(|| Some(task.name.clone())),
            uuid: request.uuid.clone(),
            outcome: outcome.clone(),
            steps: rec.log.take(),
            elapsed_ms: (client::now_ms() - started) as u64,
            at_ms: js_sys::Date::now(),
            example: false,
        };
        self.tab.try_update(|t| t.push(record));
        outcome
    }

    /// `cbt-panel:batch` to the framing console, when there is one.
    fn tell_host_batch(self, tasks: &[BatchTask], rows: &[Row]) {
        let Some(outlet) = self.host.try_get_untracked().flatten() else {
            return;
        };
        let results: Vec<(String, &Row)> = tasks
            .iter()
            .zip(rows)
            .map(|(t, r)| (t.uuid.clone(), r))
            .collect();
        outlet.tell(&embed::batch_message(&results));
    }

    /// Cancel for a batch: nothing more is sent, and the stops in flight
    /// are aborted (they end as `cancelled`).
    pub(super) fn abort_batch(self) {
        self.batch_cancelled.try_update_value(|c| *c = true);
        let flights = self
            .batch_flights
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for b in flights {
            b.abort();
        }
    }

    /// Shows again the full result of task `i` of the batch (its card,
    /// error tree or account), from the tab's history.
    pub fn batch_outcome(self, i: usize) -> Option<Outcome> {
        self.batch.with(|b| match b.as_ref()?.rows.get(i)? {
            Row::Ended(o) => Some(o.clone()),
            _ => None,
        })
    }
}
