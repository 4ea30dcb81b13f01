//! Several tasks stopped as one action (behaviour §6): the browser side of
//! [`crate::batch::run_batch`]. Each task is stopped exactly as one stop is
//! (its own `X-Job-UUID`, polls, read-back), goes into the tab's history,
//! and is told to a framing console; Cancel aborts the stops in flight and
//! sends nothing more.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Stopper;
use crate::batch::{run_batch, BatchPlan, BatchTask, Reach, Row, Tally};
use crate::client::{self, FetchTransport};
use crate::embed;
use crate::flow::run_stop;
use crate::phase::Phase;
use crate::protocol::Outcome;
use crate::transport::Recorder;

/// A batch as the result region shows it: the plan it runs and a signal
/// per task, so that one task's change redraws its own row only.
#[derive(Clone, Debug)]
pub struct BatchView {
    /// Its own number: a new batch (a retry too) gets new rows.
    pub id: u64,
    pub plan: Arc<BatchPlan>,
    /// How each task stands, in the order of `plan.tasks`.
    pub rows: Vec<ArcRwSignal<Row>>,
}

impl PartialEq for BatchView {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl BatchView {
    /// Its tasks, in the order selected.
    pub fn tasks(&self) -> &[BatchTask] {
        &self.plan.tasks
    }

    /// Example mode: every answer is a published example, nothing was sent.
    pub fn example(&self) -> bool {
        self.plan.example.is_some()
    }

    /// How every task stands now (tracked).
    pub fn rows_now(&self) -> Vec<Row> {
        self.rows.iter().map(|r| r.get()).collect()
    }

    /// How many tasks have ended (stopped, failed or not sent; tracked).
    pub fn finished(&self) -> usize {
        self.rows.iter().filter(|r| r.with(Row::is_final)).count()
    }

    /// The counts of the sentence, read in place (tracked): an ending
    /// copies no other row.
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        self.rows.iter().for_each(|r| r.with(|r| t.add(r)));
        t
    }
}

impl Stopper {
    /// Starts stopping the tasks of `plan` at `reach`, unless a stop is in
    /// flight.
    pub fn start_batch(self, plan: BatchPlan, reach: Reach) {
        if self.phase.with_untracked(Phase::is_waiting) || plan.tasks.is_empty() {
            return;
        }
        self.reader.yield_to_stop();
        self.batch_cancelled.set_value(false);
        let n = plan.tasks.len();
        let plan = Arc::new(plan);
        let rows: Vec<ArcRwSignal<Row>> = (0..n).map(|_| ArcRwSignal::new(Row::Queued)).collect();
        self.batches.update_value(|b| *b += 1);
        let id = self.batches.get_value();
        self.batch.set(Some(BatchView {
            id,
            plan: plan.clone(),
            rows: rows.clone(),
        }));
        self.history.update(|t| t.shown = None);
        self.phase.set(Phase::Batch { done: false });
        let epoch = self.epoch.get_value();
        let reach = Arc::new(reach);
        spawn_local(async move {
            let stop = |i: usize| {
                let (plan, reach) = (plan.clone(), reach.clone());
                async move { self.stop_one(&plan, &reach, i, epoch).await }
            };
            let cancelled = || self.batch_cancelled.try_get_value().unwrap_or(true);
            // Only the row that changed is told: no task of the batch
            // copies or redraws the others.
            let on_row = |i: usize, row: &Row| {
                rows[i].try_set(row.clone());
            };
            let ended = run_batch(n, plan.limit, stop, cancelled, on_row).await;
            if self.epoch.try_get_value() != Some(epoch) {
                return; // signed out, or the panel is gone
            }
            self.batch_flights.update_value(Vec::clear);
            if plan.example.is_none() {
                self.tell_host_batch(&plan.tasks, &ended);
            }
            self.phase.set(Phase::Batch { done: true });
            self.focus.notify();
        });
    }

    /// Stops task `i` of `plan` as one stop is stopped; records it.
    async fn stop_one(self, plan: &BatchPlan, reach: &Reach, i: usize, epoch: u64) -> Outcome {
        let task = &plan.tasks[i];
        if let Some(example) = plan.example {
            let record = example.record(&task.uuid, js_sys::Date::now());
            let outcome = record.outcome.clone();
            self.history.try_update(|t| t.push(record));
            return outcome;
        }
        let mut request = plan.request(i, reach);
        request.job_id = client::new_job_id();
        let browser = FetchTransport::new();
        browser.set_deadline(reach.deadline_ms);
        self.batch_flights
            .try_update_value(|f| f.push(browser.clone()));
        let started = client::now_ms();
        let rec = Recorder::new(&*browser);
        let outcome = run_stop(&rec, &request, reach.deadline_ms, |_| {}).await;
        self.batch_flights
            .try_update_value(|f| f.retain(|b| !Rc::ptr_eq(b, &browser)));
        if self.epoch.try_get_value() != Some(epoch) {
            return outcome;
        }
        let name = Some(task.name.clone()).filter(|n| !n.is_empty());
        let record = self.ended(&request, &outcome, rec.log.take(), started, name);
        self.history.try_update(|t| t.push(record));
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
    /// error tree or account).
    pub fn batch_outcome(self, i: usize) -> Option<Outcome> {
        self.batch.with(|b| match b.as_ref()?.rows.get(i)?.get() {
            Row::Ended(o) => Some(o),
            _ => None,
        })
    }
}
