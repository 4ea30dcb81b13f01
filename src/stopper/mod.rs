//! The stop in flight: one at a time, started by "Stop CBT Task", ended by
//! its outcome, Cancel, its deadline or the panel going away. Its phase is
//! what the result region shows; every stop that ends goes into the tab's
//! history.
//!
//! Why a state machine of its own rather than a Leptos `Action` (signing
//! in, which has none of these needs, is one): a cancelled stop still ends
//! by its own flow, as `cancelled` with the exchanges made so far, and goes
//! into the history, whereas an action's abort handle drops its future and
//! everything it knew; a stop pressed while the configuration is read
//! waits, as a stop with its Cancel, before anything could be dispatched;
//! signing out abandons it without a trace; and the result region shows
//! states no action has (refused input, a published example, a batch).

mod batch_stops;

pub use batch_stops::BatchView;

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{self, FetchTransport, Flight};
use crate::examples::EXAMPLE_UUID;
use crate::flow::run_stop;
use crate::history::{History, Record};
use crate::i18n::Lang;
use crate::lookup::TaskReader;
use crate::phase::Phase;
use crate::protocol::{normalize_uuid, Outcome, StopRequest};
use crate::state::{Form, Settings};
use crate::transport::{Exchange, Recorder};
use crate::{embed, host};

/// The stop: one in flight at a time, cancelled by Cancel, its deadline or
/// the panel going away. Its phase is what the result region shows.
#[derive(Clone, Copy)]
pub struct Stopper {
    phase: RwSignal<Phase>,
    flight: Flight,
    /// The embedder (a framing console or the custom element), told every
    /// real outcome.
    host: RwSignal<Option<host::Outlet>>,
    /// Reads the task again once a stop ends (the summary line).
    reader: TaskReader,
    /// Stop was pressed before the configuration was settled.
    queued: RwSignal<bool>,
    /// The stops made in this tab, and the one shown.
    pub history: RwSignal<History>,
    /// Notified when a result should take the keyboard focus.
    pub focus: Trigger,
    /// Counts sign-outs: a stop that ends under an older count belongs to a
    /// session that is gone, and is dropped.
    epoch: StoredValue<u64>,
    /// Several tasks: their rows, as the result region shows them.
    pub batch: RwSignal<Option<BatchView>>,
    /// The batch's stops in flight, to abort on Cancel, and whether Cancel
    /// was pressed (nothing more is sent then).
    batch_flights: StoredValue<Vec<Rc<FetchTransport>>, LocalStorage>,
    batch_cancelled: StoredValue<bool>,
    /// Counts the batches started, to number them.
    batches: StoredValue<u64>,
}

impl Stopper {
    pub fn new(host: RwSignal<Option<host::Outlet>>, reader: TaskReader) -> Stopper {
        let stopper = Stopper {
            phase: RwSignal::new(Phase::Idle),
            flight: Flight::new(),
            host,
            reader,
            queued: RwSignal::new(false),
            history: RwSignal::new(History::default()),
            focus: Trigger::new(),
            epoch: StoredValue::new(0),
            batch: RwSignal::new(None),
            batch_flights: StoredValue::new_local(Vec::new()),
            batch_cancelled: StoredValue::new(false),
            batches: StoredValue::new(0),
        };
        // Whatever is in flight ends with the panel (the flights abort
        // their own): no timer or fetch outlives it.
        on_cleanup(move || stopper.abort_batch());
        stopper
    }

    /// A stop is in flight.
    pub fn pending(self) -> bool {
        self.phase.with(Phase::is_waiting)
    }

    /// The one-task stop is in flight (or waiting for the configuration).
    pub fn pending_one(self) -> bool {
        self.phase.with(|p| matches!(p, Phase::Waiting { .. }))
    }

    /// What the result region shows now.
    pub fn phase(self) -> Phase {
        self.phase.get()
    }

    /// Starts a stop, unless one is in flight.
    pub fn start(self, mut request: StopRequest, deadline_ms: u64) {
        if self.phase.with_untracked(Phase::is_waiting) {
            return;
        }
        self.reader.yield_to_stop();
        request.job_id = client::new_job_id();
        let browser = self.flight.begin(Some(deadline_ms));
        let started = client::now_ms();
        let phase = self.phase;
        let epoch = self.epoch.get_value();
        // The flow is spawned before the waiting view is set: its POST goes
        // out first, and the view is drawn while it travels.
        spawn_local(async move {
            let on_job = move |id| {
                phase.try_update(|p| {
                    if let Phase::Waiting { job_id, .. } = p {
                        *job_id = Some(id);
                    }
                });
            };
            let rec = Recorder::new(&*browser);
            let outcome = run_stop(&rec, &request, deadline_ms, on_job).await;
            if self.epoch.try_get_value() != Some(epoch) {
                return; // the panel, or the session, is gone
            }
            self.flight.land();
            let steps = rec.log.take();
            let read = self.reader.after_stop(&request, steps.last().cloned());
            let name = self.reader.name_of(&request.uuid);
            let record = self.ended(&request, &outcome, steps, started, name);
            let Some(id) = self.history.try_update_untracked(|t| t.add(record)) else {
                return;
            };
            phase.set(Phase::Done(outcome));
            // The result is drawn first; the history and the request
            // details (told of the record only now) follow it a task later,
            // and the keyboard moves to the result then (focus lays the
            // page out: docs/performance.md).
            gloo_timers::future::TimeoutFuture::new(0).await;
            if self.history.is_disposed() {
                return;
            }
            self.history.notify();
            self.focus.notify();
            if let Some(step) = read.await {
                let name = self.reader.name_of(&request.uuid);
                self.history.try_update(|t| t.add_step(id, step, name));
            }
        });
        self.phase.set(Phase::Waiting {
            job_id: None,
            started_ms: started,
        });
    }

    /// A real stop ended: the host is told, and its record is made (named
    /// by the reply, else by `name`).
    fn ended(
        self,
        request: &StopRequest,
        outcome: &Outcome,
        steps: Vec<Exchange>,
        started: f64,
        name: Option<String>,
    ) -> Record {
        if let Some(outlet) = self.host.try_get_untracked().flatten() {
            outlet.tell(&embed::outcome_message(outcome, &request.uuid));
        }
        Record {
            name: outcome.task_name().or(name),
            uuid: request.uuid.clone(),
            outcome: outcome.clone(),
            steps,
            elapsed_ms: (client::now_ms() - started) as u64,
            at_ms: js_sys::Date::now(),
            id: 0,
            example: false,
        }
    }

    /// What pressing "Stop CBT Task" does: nothing while a stop is in
    /// flight; refused input is said inline and in the result; example
    /// mode answers with the published example (never told to a host
    /// console: it is not a real stop); otherwise, once the configuration
    /// is settled, the stop starts.
    pub fn press(self, form: Form, settings: RwSignal<Settings>, lang: Lang) {
        if self.phase.with_untracked(Phase::is_waiting) {
            return;
        }
        form.attempted.set(true);
        let errors: Vec<String> = [form.session_error(lang), form.uuid_error(lang)]
            .into_iter()
            .flatten()
            .collect();
        if !errors.is_empty() {
            return self.show(Phase::Invalid(errors));
        }
        if form.example.get_untracked() {
            let uuid = form
                .uuid
                .with_untracked(|u| normalize_uuid(u))
                .unwrap_or_else(|_| EXAMPLE_UUID.to_string());
            let record = form
                .example_choice
                .get_untracked()
                .record(&uuid, js_sys::Date::now());
            self.show(Phase::Example(record.outcome.clone()));
            self.history.update(|t| {
                t.add(record);
            });
            return;
        }
        // Until the configuration is settled the stop waits (shown as
        // sending, with Cancel); nothing is sent before it is.
        if settings.with_untracked(|s| matches!(s, Settings::Loading)) {
            self.queued.set(true);
            return self.phase.set(Phase::Waiting {
                job_id: None,
                started_ms: client::now_ms(),
            });
        }
        self.send(form, settings, lang);
    }

    /// Sends the stop the form describes once the configuration is settled,
    /// or says why it cannot be sent.
    fn send(self, form: Form, settings: RwSignal<Settings>, lang: Lang) {
        match settings.with_untracked(Settings::for_stops) {
            Some((base, deadline, _)) => self.start(form.request(base), deadline),
            None => self
                .phase
                .set(Phase::Invalid(vec![form.config_error(lang).into()])),
        }
    }

    /// The configuration is settled: a stop pressed while it was read goes
    /// out now (or says why it cannot).
    pub fn resume(self, form: Form, settings: RwSignal<Settings>, lang: Lang) {
        if self.queued.try_get_untracked() == Some(true) {
            self.queued.set(false);
            self.phase.set(Phase::Idle);
            self.send(form, settings, lang);
        }
    }

    /// Cancels the stop in flight (or waiting for the configuration): its
    /// outcome is `cancelled`, at once.
    pub fn cancel(self) {
        if self.queued.get_untracked() {
            self.queued.set(false);
            self.history.update(|t| t.shown = None);
            self.phase.set(Phase::Done(Outcome::Cancelled));
        }
        self.flight.abort();
        self.abort_batch();
    }

    /// Shows something other than a stop (refused input, an example, a
    /// failed sign-in), unless a stop is in flight.
    pub fn show(self, phase: Phase) {
        if !self.phase.with_untracked(Phase::is_waiting) {
            self.history.update(|t| t.shown = None);
            self.phase.set(phase);
        }
    }

    /// Shows again the result (and details) of the stop of the tab's
    /// history numbered `id`, unless a stop is in flight.
    pub fn show_again(self, id: u64) {
        let Some((index, phase)) = self.history.with_untracked(|t| {
            let index = t.position(id)?;
            let r = &t.records[index];
            Some((
                index,
                if r.example {
                    Phase::Example(r.outcome.clone())
                } else {
                    Phase::Done(r.outcome.clone())
                },
            ))
        }) else {
            return;
        };
        if !self.phase.with_untracked(Phase::is_waiting) {
            self.history.update(|t| t.shown = Some(index));
            self.phase.set(phase);
            self.focus.notify();
        }
    }

    /// Signing out: the stop in flight (or waiting for the configuration)
    /// is abandoned, sends nothing more and lands nowhere; the result and
    /// the tab's history of the old session are cleared.
    pub fn sign_out(self) {
        self.epoch.update_value(|e| *e += 1);
        self.flight.abort();
        self.abort_batch();
        self.batch.set(None);
        self.queued.set(false);
        self.history.set(History::default());
        self.phase.set(Phase::Idle);
    }
}
