//! The panel's state, apart from its view: the form's signals, the
//! deployer's configuration, and the stop in flight. Components only read
//! and write these; the decisions are in [`crate::protocol`] and
//! [`crate::flow`].

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{self, Browser};
use crate::config::{config_reply, PanelConfig};
use crate::flow::{run_stop, Call, Phase, Record, Recorder, Tab, Transport};
use crate::i18n::{Lang, Pick};
use crate::lookup::TaskReader;
use crate::protocol::{self, normalize_uuid, parse_tags, Example, Outcome, StopRequest};
use crate::{embed, host};

/// What the page's URL may prefill (never the API base or the session).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prefill {
    pub uuid: Option<String>,
    pub force: bool,
    pub lang: Option<String>,
    /// Example mode (`?example=1`): published answers, nothing sent.
    pub example: bool,
}

impl Prefill {
    /// Reads `?uuid=..&force=true&lang=zh&example=1` from the page's URL.
    pub fn from_location() -> Prefill {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return Prefill::default();
        };
        let on = |k| params.get(k).is_some_and(|v| v == "true" || v == "1");
        Prefill {
            uuid: params.get("uuid"),
            force: on("force"),
            lang: params.get("lang"),
            example: on("example"),
        }
    }
}

/// The form's values, as typed; every one survives any outcome.
#[derive(Clone, Copy)]
pub struct Form {
    pub session: RwSignal<String>,
    /// Whether the session shows in clear text.
    pub reveal: RwSignal<bool>,
    pub uuid: RwSignal<String>,
    pub force: RwSignal<bool>,
    pub system_tags: RwSignal<String>,
    pub user_tags: RwSignal<String>,
    /// A stop was tried, so an empty field now counts as a mistake.
    pub attempted: RwSignal<bool>,
    /// Example mode answers with the published examples and sends nothing.
    pub example: RwSignal<bool>,
    pub example_choice: RwSignal<Example>,
    /// Keep the session for this tab (where the deployer allows it).
    pub remember: RwSignal<bool>,
}

impl Form {
    pub fn new(prefill: &Prefill) -> Form {
        Form {
            session: RwSignal::new(String::new()),
            reveal: RwSignal::new(false),
            uuid: RwSignal::new(prefill.uuid.clone().unwrap_or_default()),
            force: RwSignal::new(prefill.force),
            system_tags: RwSignal::new(String::new()),
            user_tags: RwSignal::new(String::new()),
            attempted: RwSignal::new(false),
            example: RwSignal::new(prefill.example),
            example_choice: RwSignal::new(Example::Stopped),
            remember: RwSignal::new(false),
        }
    }

    /// What is wrong with a UUID field's text, if anything. Empty is fine
    /// until a stop is tried, and always in example mode (which sends
    /// nothing, and names the published task).
    /// `label` names the field in the message; `empty` is what an empty
    /// field is told.
    fn uuid_problem(self, text: &str, label: Pick, empty: Pick, lang: Lang) -> Option<String> {
        let relaxed = !self.attempted.get() || self.example.get();
        if text.trim().is_empty() && relaxed {
            return None;
        }
        let t = lang.t();
        normalize_uuid(text).err().map(|e| match e {
            protocol::UuidError::Empty => empty(t).into(),
            e => t.uuid_error(label(t), &e),
        })
    }

    /// Why the session cannot be sent: a ZStack session is a UUID.
    pub fn session_error(self, lang: Lang) -> Option<String> {
        self.session
            .with(|s| self.uuid_problem(s, |t| t.session, |t| t.session_required, lang))
    }

    pub fn uuid_error(self, lang: Lang) -> Option<String> {
        self.uuid
            .with(|u| self.uuid_problem(u, |t| t.task_uuid, |t| t.uuid_required, lang))
    }

    /// The request the form describes; fields that do not normalise are
    /// shown as typed (nothing is sent while they are wrong).
    pub fn request(self, api_base: String) -> StopRequest {
        let norm = |s: &str| normalize_uuid(s).unwrap_or_else(|_| s.trim().to_string());
        StopRequest {
            api_base,
            session: self.session.with(|s| norm(s)),
            uuid: self.uuid.with(|u| norm(u)),
            force: self.force.get(),
            system_tags: self.system_tags.with(|t| parse_tags(t)),
            user_tags: self.user_tags.with(|t| parse_tags(t)),
            job_id: String::new(),
        }
    }
}

/// Where the configuration stands; nothing is sent until it is `Ready`.
#[derive(Clone, Debug, PartialEq)]
pub enum Settings {
    Loading,
    Ready(PanelConfig),
    /// Why the file cannot be used.
    Broken(String),
    /// The file did not arrive within its deadline.
    TimedOut,
}

impl Settings {
    pub fn config(&self) -> Option<&PanelConfig> {
        match self {
            Settings::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// Where the API is, once the configuration is settled: the file's
    /// `apiBase`, or the page's own origin.
    pub fn api_base(&self) -> Option<String> {
        self.config()
            .map(|c| c.api_base.clone().unwrap_or_else(Settings::page_origin))
    }

    pub fn page_origin() -> String {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
}

/// How long `panel.config.json` may take before the panel says so.
const CONFIG_DEADLINE_MS: u64 = 10_000;

/// Reads `panel.config.json` beside the page, with its own deadline.
pub async fn load_settings() -> Settings {
    let browser = Browser::new();
    browser.set_deadline(CONFIG_DEADLINE_MS);
    let reply = browser
        .send(Call::get("panel.config.json".into(), None))
        .await;
    match reply {
        Ok(r) => match config_reply(r.status, r.content_type.as_deref(), &r.text) {
            Ok(c) => Settings::Ready(c),
            Err(e) => Settings::Broken(e),
        },
        Err(_) if browser.expired() => Settings::TimedOut,
        Err(e) => Settings::Broken(format!("the file could not be read ({e})")),
    }
}

/// A stop in flight: its network flow (the result region keeps the
/// elapsed-time ticker, which goes with the waiting view).
struct Flight {
    browser: Rc<Browser>,
}

/// The stop: one in flight at a time, cancelled by Cancel, its deadline or
/// the panel going away. Its phase is what the result region shows.
#[derive(Clone, Copy)]
pub struct Stopper {
    phase: RwSignal<Phase>,
    flight: StoredValue<Option<Flight>, LocalStorage>,
    /// The framing console, told every real outcome.
    host: RwSignal<Option<String>>,
    /// Reads the task again once a stop ends (the summary line).
    reader: TaskReader,
    /// Stop was pressed before the configuration was settled.
    queued: RwSignal<bool>,
    /// The stops made in this tab, and the one shown.
    pub tab: RwSignal<Tab>,
}

impl Stopper {
    pub fn new(host: RwSignal<Option<String>>, reader: TaskReader) -> Stopper {
        let stopper = Stopper {
            phase: RwSignal::new(Phase::Idle),
            flight: StoredValue::new_local(None),
            host,
            reader,
            queued: RwSignal::new(false),
            tab: RwSignal::new(Tab::default()),
        };
        // Whatever is in flight ends with the panel: no timer or fetch
        // outlives it.
        on_cleanup(move || stopper.end(true));
        stopper
    }

    /// A stop is in flight.
    pub fn pending(self) -> bool {
        self.phase.with(Phase::is_waiting)
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
        let browser = Browser::new();
        browser.set_deadline(deadline_ms);
        let started = client::now_ms();
        self.flight.set_value(Some(Flight {
            browser: browser.clone(),
        }));
        let phase = self.phase;
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
            self.end(false);
            if let Some(origin) = self.host.try_get_untracked().flatten() {
                host::post(&origin, &embed::outcome_message(&outcome));
            }
            let at_ms = js_sys::Date::now();
            let steps = rec.log.take();
            let read = self.reader.after_stop(&request, steps.last().cloned());
            let record = Record {
                name: outcome
                    .task_name()
                    .or_else(|| self.reader.name_of(&request.uuid)),
                uuid: request.uuid.clone(),
                outcome: outcome.clone(),
                steps,
                elapsed_ms: (client::now_ms() - started) as u64,
                at_ms,
                example: false,
            };
            if self.tab.try_update_untracked(|t| t.add(record)).is_none() {
                return;
            }
            phase.set(Phase::Done(outcome));
            // The result is drawn first; the history and the request
            // details follow it a task later, and the keyboard moves to
            // the result then (focus lays the page out: README, "Speed").
            browser.sleep(0).await;
            if self.tab.try_update(|_| ()).is_none() {
                return;
            }
            crate::components::focus("result");
            if let Some(step) = read.await {
                let name = self.reader.name_of(&request.uuid);
                self.tab.try_update(|t| t.add_step(at_ms, step, name));
            }
        });
        self.phase.set(Phase::Waiting {
            job_id: None,
            started_ms: started,
        });
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
                .unwrap_or_else(|_| protocol::EXAMPLE_UUID.to_string());
            let record = form
                .example_choice
                .get_untracked()
                .record(&uuid, js_sys::Date::now());
            self.show(Phase::Example(record.outcome.clone()));
            return self.tab.update(|t| t.add(record));
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
        let ready = settings.with_untracked(|s| {
            let deadline = s.config()?.request_timeout_ms;
            Some((
                s.api_base()?,
                deadline.unwrap_or(protocol::DEFAULT_DEADLINE_MS),
            ))
        });
        match ready {
            Some((base, deadline)) => self.start(form.request(base), deadline),
            None => self
                .phase
                .set(Phase::Invalid(vec![lang.t().config_error.into()])),
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
            self.tab.update(|t| t.shown = None);
            self.phase.set(Phase::Done(Outcome::Cancelled));
        }
        self.end(true);
    }

    /// Lets go of the flow and, when asked, aborts it (its deadline timer
    /// goes with it). Safe after the panel is gone.
    fn end(self, abort: bool) {
        if let Some(f) = self.flight.try_update_value(Option::take).flatten() {
            if abort {
                f.browser.abort();
            }
        }
    }

    /// Shows something other than a stop (refused input, an example, a
    /// failed sign-in), unless a stop is in flight.
    pub fn show(self, phase: Phase) {
        if !self.phase.with_untracked(Phase::is_waiting) {
            self.tab.update(|t| t.shown = None);
            self.phase.set(phase);
        }
    }

    /// Shows the result of the stop at `index` in the tab's history again
    /// (its details with it), unless a stop is in flight.
    pub fn show_again(self, index: usize) {
        let Some(phase) = self.tab.with_untracked(|t| {
            let r = t.history.get(index)?;
            Some(if r.example {
                Phase::Example(r.outcome.clone())
            } else {
                Phase::Done(r.outcome.clone())
            })
        }) else {
            return;
        };
        if !self.phase.with_untracked(Phase::is_waiting) {
            self.tab.update(|t| t.shown = Some(index));
            self.phase.set(phase);
            crate::components::focus("result");
        }
    }

    /// Signing out forgets the tab's history.
    pub fn forget(self) {
        self.tab.set(Tab::default());
    }
}

/// The session kept for this tab, when the deployer allows it.
pub mod remembered {
    const KEY: &str = "cbt-panel.session";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }

    /// The kept session, if it is a valid one.
    pub fn read() -> Option<String> {
        let s = storage()?.get_item(KEY).ok().flatten()?;
        crate::protocol::normalize_uuid(&s).ok()
    }

    pub fn write(value: Option<&str>) {
        if let Some(st) = storage() {
            let _ = match value {
                Some(v) => st.set_item(KEY, v),
                None => st.remove_item(KEY),
            };
        }
    }
}
