//! "Several tasks" (CONTRACT §6), apart from its view: the task list the
//! query API returns (filtered and paged on the server), the selection that
//! survives filtering and paging, the batch's own force and tags, and the
//! plan a batch is started with. The scheduler is [`crate::batch`]; the
//! stops run in [`crate::stopper`].

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::batch::clamp_parallel;
use crate::client::Flight;
use crate::lookup::{get, get_page, source, Finding, Listing, Source};
use crate::protocol::{self, normalize_uuid, parse_tags, Inventory, Page, StopRequest, Summary};
use crate::state::{Form, Settings};
use crate::stopper::{BatchPlan, BatchTask};

/// How long the filter must pause before the list is asked again.
const DEBOUNCE_MS: u64 = 250;

/// Whether a task picked by UUID (a host's `uuids`) is known to the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    Yes,
    /// Being read.
    Checking,
    /// No task has that UUID (or it could not be read): never stopped.
    Unknown,
}

/// A task in the selection, in the order it was selected.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    pub uuid: String,
    /// Its name, when known (empty otherwise).
    pub name: String,
    pub known: Known,
}

impl Pick {
    /// What the person reads for it: its name, else its UUID.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.uuid
        } else {
            &self.name
        }
    }
}

/// The state of "Several tasks"; every value survives a switch of tabs.
#[derive(Clone, Copy)]
pub struct Several {
    pub filter: RwSignal<String>,
    /// The chosen status, or empty for all.
    pub status: RwSignal<String>,
    pub listing: RwSignal<Listing>,
    pub picks: RwSignal<Vec<Pick>>,
    pub force: RwSignal<bool>,
    pub system_tags: RwSignal<String>,
    pub user_tags: RwSignal<String>,
    /// The "Stop N tasks?" dialog is open.
    pub confirming: RwSignal<bool>,
    flight: Flight,
    checks: Flight,
    form: Form,
    settings: RwSignal<Settings>,
}

impl Several {
    pub fn new(form: Form, settings: RwSignal<Settings>) -> Several {
        Several {
            filter: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            listing: RwSignal::new(Listing::default()),
            picks: RwSignal::new(Vec::new()),
            force: RwSignal::new(false),
            system_tags: RwSignal::new(String::new()),
            user_tags: RwSignal::new(String::new()),
            confirming: RwSignal::new(false),
            flight: Flight::new(),
            checks: Flight::new(),
            form,
            settings,
        }
    }

    /// Lists the tasks again from the first (the filter, the status, the
    /// session or the configuration changed); `settle` waits for typing to
    /// pause first.
    pub fn list(self, settle: bool) {
        self.ask(0, if settle { DEBOUNCE_MS } else { 0 });
    }

    /// "Show more": the next 50.
    pub fn more(self) {
        self.ask(self.listing.with_untracked(|l| l.items.len()), 0);
    }

    fn ask(self, start: usize, wait_ms: u64) {
        self.flight.abort();
        let text = self.filter.get_untracked();
        let status = self.status.get_untracked();
        let status = (!status.is_empty()).then_some(status);
        let (base, auth) = match untrack(|| source(self.form, self.settings)) {
            Err(n) => return self.listing.update(|l| l.state = Finding::Need(n)),
            Ok(Source::Example) => {
                let page = crate::examples::example_list(
                    &text,
                    status.as_deref(),
                    start,
                    protocol::LIST_PAGE,
                );
                return self.show(start, Ok(page));
            }
            Ok(Source::Api { base, auth }) => (base, auth),
        };
        let url = match protocol::list_url(&base, &text, status.as_deref(), start) {
            Ok(url) => url,
            Err(op) => return self.listing.update(|l| l.state = Finding::Operator(op)),
        };
        self.listing.update(|l| l.state = Finding::Searching);
        spawn_local(async move {
            if let Some(page) = get_page(self.flight, url, auth, wait_ms).await {
                self.show(start, page);
            }
        });
    }

    fn show(self, start: usize, page: Result<Page, protocol::Outcome>) {
        self.listing.try_update(|l| l.take(start, page));
    }

    /// Whether the task `uuid` is selected.
    pub fn is_picked(self, uuid: &str) -> bool {
        self.picks.with(|p| p.iter().any(|p| p.uuid == uuid))
    }

    /// Ticks or unticks a listed task.
    pub fn toggle(self, task: &Inventory) {
        if self.is_picked(&task.uuid) {
            self.picks.update(|p| p.retain(|p| p.uuid != task.uuid));
        } else {
            self.picks.update(|p| p.push(pick_of(task)));
        }
    }

    /// "Select all shown": every listed task not selected yet, in order.
    pub fn select_all_shown(self) {
        let shown = self.listing.with_untracked(|l| l.items.clone());
        self.picks.update(|p| {
            for t in &shown {
                if !p.iter().any(|x| x.uuid == t.uuid) {
                    p.push(pick_of(t));
                }
            }
        });
    }

    /// "Clear selection".
    pub fn clear(self) {
        self.picks.set(Vec::new());
    }

    /// How many tasks a stop would send.
    pub fn sendable_count(self) -> usize {
        self.picks
            .with(|p| p.iter().filter(|p| p.known == Known::Yes).count())
    }

    /// The tasks a stop would send: the selected ones known to the server.
    pub fn sendable(self) -> Vec<Pick> {
        self.picks.with(|p| {
            p.iter()
                .filter(|p| p.known == Known::Yes)
                .cloned()
                .collect()
        })
    }

    /// A host's `uuids`: these become the selection, each checked against
    /// the server (an unknown one is listed as such and never stopped).
    pub fn pick_uuids(self, uuids: &[String]) {
        self.checks.abort();
        let picks: Vec<Pick> = uuids
            .iter()
            .map(|u| Pick {
                uuid: normalize_uuid(u).unwrap_or_else(|_| u.trim().to_string()),
                name: String::new(),
                known: Known::Checking,
            })
            .collect();
        self.picks.set(picks.clone());
        let Ok(source) = untrack(|| source(self.form, self.settings)) else {
            return self
                .picks
                .update(|p| p.iter_mut().for_each(|p| p.known = Known::Unknown));
        };
        spawn_local(async move {
            for p in picks {
                let summary = match (&source, normalize_uuid(&p.uuid)) {
                    (_, Err(_)) => Summary::NoTask,
                    (Source::Example, Ok(u)) => crate::examples::example_summary(&u),
                    (Source::Api { base, auth }, Ok(u)) => {
                        let url = protocol::query_url(base, &u);
                        match get(self.checks, url, auth.clone(), 0).await {
                            None => return,
                            Some((Ok(r), _)) => protocol::classify_summary(r.status, &r.text, &u),
                            Some((Err(o), _)) => Summary::Failed(Box::new(o)),
                        }
                    }
                };
                self.picks.try_update(|all| {
                    if let Some(x) = all.iter_mut().find(|x| x.uuid == p.uuid) {
                        match summary {
                            Summary::Task(inv) => {
                                x.name = inv.name;
                                x.known = Known::Yes;
                            }
                            _ => x.known = Known::Unknown,
                        }
                    }
                });
            }
        });
    }

    /// The batch the selection describes: one request per sendable task,
    /// the batch's own force and tags, the configured deadline and limit.
    pub fn plan(
        self,
        api_base: String,
        session: String,
        deadline_ms: u64,
        limit: usize,
    ) -> BatchPlan {
        let picks = self.sendable();
        let (force, system_tags, user_tags) = (
            self.force.get_untracked(),
            self.system_tags.with_untracked(|t| parse_tags(t)),
            self.user_tags.with_untracked(|t| parse_tags(t)),
        );
        let requests = picks
            .iter()
            .map(|p| StopRequest {
                api_base: api_base.clone(),
                session: session.clone(),
                uuid: p.uuid.clone(),
                force,
                system_tags: system_tags.clone(),
                user_tags: user_tags.clone(),
                job_id: String::new(),
            })
            .collect();
        BatchPlan {
            tasks: picks
                .iter()
                .map(|p| BatchTask {
                    uuid: p.uuid.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            requests,
            deadline_ms,
            limit: clamp_parallel(limit),
            example: self
                .form
                .example
                .get_untracked()
                .then(|| self.form.example_choice.get_untracked()),
        }
    }
}

fn pick_of(task: &Inventory) -> Pick {
    Pick {
        uuid: task.uuid.clone(),
        name: task.name.clone(),
        known: Known::Yes,
    }
}

impl Several {
    /// What "Stop selected tasks" (or the dialog's "Stop N tasks") does:
    /// refused input is said in the result region; otherwise, once the
    /// configuration is settled, the batch starts. Example mode sends
    /// nothing and needs no session.
    pub fn press(self, stopper: crate::stopper::Stopper, lang: crate::i18n::Lang) {
        let example = self.form.example.get_untracked();
        self.form.attempted.set(true);
        let session = self.form.session.with_untracked(|s| normalize_uuid(s));
        if let (Err(_), false) = (&session, example) {
            let why = self.form.session_error(lang).unwrap_or_default();
            return stopper.show(crate::flow::Phase::Invalid(vec![why]));
        }
        let ready = self.settings.with_untracked(|s| {
            let c = s.config()?;
            Some((
                s.api_base()?,
                c.request_timeout_ms
                    .unwrap_or(protocol::DEFAULT_DEADLINE_MS),
                c.max_parallel_stops,
            ))
        });
        let (base, deadline, limit) = match (ready, example) {
            (Some(r), _) => r,
            (None, true) => (String::new(), protocol::DEFAULT_DEADLINE_MS, 4),
            (None, false) => {
                let why = lang.t().config_error.to_string();
                return stopper.show(crate::flow::Phase::Invalid(vec![why]));
            }
        };
        let plan = self.plan(base, session.unwrap_or_default(), deadline, limit);
        stopper.start_batch(plan);
    }
}
