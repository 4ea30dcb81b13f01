//! "Several tasks" (behaviour §6), apart from its view: the task list the
//! query API returns (filtered and paged on the server), the selection that
//! survives filtering and paging, the batch's own force and tags, and the
//! plan a batch is started with. The scheduler is [`crate::batch`]; the
//! stops run in [`crate::stopper`].

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::batch::{clamp_parallel, BatchPlan, BatchTask, Reach};
use crate::client::Flight;
use crate::i18n::Lang;
use crate::lookup::{ask_page, get, source, summary_of, Listing, PageQuery, Source, DEBOUNCE_MS};
use crate::protocol::{self, normalize_uuid, parse_tags, Inventory, Summary};
use crate::selection::{Known, SelectedTask, SelectedTasks};
use crate::state::{Form, Settings};
use crate::stopper::Stopper;

/// The state of "Several tasks"; every value survives a switch of tabs.
#[derive(Clone, Copy)]
pub struct Several {
    pub filter: RwSignal<String>,
    /// The chosen status, or empty for all.
    pub status: RwSignal<String>,
    pub listing: RwSignal<Listing>,
    pub picks: RwSignal<SelectedTasks>,
    pub force: RwSignal<bool>,
    pub system_tags: RwSignal<String>,
    pub user_tags: RwSignal<String>,
    /// The "Stop N tasks?" dialog is open, with the tasks it lists: taken
    /// when it opens, and the only ones its "Stop N tasks" stops.
    pub confirming: RwSignal<Option<Vec<SelectedTask>>>,
    /// Asks for the tasks a host named (still being checked) to be read.
    recheck: Trigger,
    flight: Flight,
    checks: Flight,
    form: Form,
    settings: RwSignal<Settings>,
}

impl Several {
    pub fn new(form: Form, settings: RwSignal<Settings>) -> Several {
        let several = Several {
            filter: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            listing: RwSignal::new(Listing::default()),
            picks: RwSignal::new(SelectedTasks::default()),
            force: RwSignal::new(false),
            system_tags: RwSignal::new(String::new()),
            user_tags: RwSignal::new(String::new()),
            confirming: RwSignal::new(None),
            recheck: Trigger::new(),
            flight: Flight::new(),
            checks: Flight::new(),
            form,
            settings,
        };
        // The dialog lists what will be stopped: any change of the
        // selection (a host's uuids, a tick, a task checked) or of the
        // filter while it is open closes it, and nothing is sent.
        Effect::watch(
            move || {
                several.picks.track();
                several.filter.track();
                several.status.track();
            },
            move |_, _, _| {
                if several.confirming.with_untracked(Option::is_some) {
                    several.confirming.set(None);
                }
            },
            false,
        );
        // A host's tasks are read once the session and the configuration
        // allow it: a host may name them before either is set (frameworks
        // set properties before the element is ready).
        Effect::new(move || {
            several.recheck.track();
            if let Ok(source) = source(form, settings) {
                several.check(source);
            }
        });
        several
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
        let text = self.filter.get_untracked();
        let status = self.status.get_untracked();
        let status = (!status.is_empty()).then_some(status.as_str());
        let query = PageQuery {
            asked: protocol::LIST_PAGE,
            wait_ms,
            url: |base: &str| protocol::list_url(base, &text, status, start),
            example: || crate::examples::example_list(&text, status, start, protocol::LIST_PAGE),
        };
        let listing = self.listing;
        ask_page(
            self.flight,
            untrack(|| source(self.form, self.settings)),
            query,
            |state| listing.update(|l| l.state = state),
            move |page| {
                listing.try_update(|l| l.merge_page(start, page));
            },
        );
    }

    /// Whether the task `uuid` is selected.
    pub fn is_picked(self, uuid: &str) -> bool {
        self.picks.with(|p| p.contains(uuid))
    }

    /// Ticks or unticks a listed task.
    pub fn toggle(self, task: &Inventory) {
        self.picks.update(|p| p.toggle(SelectedTask::listed(task)));
    }

    /// "Select all shown": every listed task not selected yet, in order.
    pub fn select_all_shown(self) {
        let shown: Vec<SelectedTask> = self
            .listing
            .with_untracked(|l| l.items.iter().map(|t| SelectedTask::listed(t)).collect());
        self.picks.update(|p| p.extend(shown));
    }

    /// "Clear selection".
    pub fn clear(self) {
        self.picks.update(SelectedTasks::clear);
    }

    /// How many tasks a stop would send.
    pub fn sendable_count(self) -> usize {
        self.picks.with(SelectedTasks::sendable_count)
    }

    /// A host's `uuids`: these become the selection (each once), each
    /// checked against the server once it can be asked (an unknown one is
    /// listed as such and never stopped).
    pub fn pick_uuids(self, uuids: &[String]) {
        self.picks.set(SelectedTasks::named(uuids));
        self.recheck.notify();
    }

    /// Reads, from `source`, every picked task still being checked.
    fn check(self, source: Source) {
        self.checks.abort();
        let checking: Vec<String> = self.picks.with_untracked(|p| {
            p.iter()
                .filter(|p| p.known == Known::Checking)
                .map(|p| p.uuid.clone())
                .collect()
        });
        if checking.is_empty() {
            return;
        }
        spawn_local(async move {
            for uuid in checking {
                let summary = match &source {
                    Source::Example => crate::examples::example_summary(&uuid),
                    Source::Api { base, auth } => {
                        let url = protocol::query_url(base, &uuid);
                        match get(self.checks, url, auth.clone(), 0).await {
                            None => return,
                            Some((r, _)) => summary_of(&uuid, r),
                        }
                    }
                };
                self.picks.try_update(|all| {
                    if let Some(x) = all.get_mut(&uuid) {
                        match summary {
                            Summary::Task(inv) => {
                                x.name = inv.name;
                                protocol::clip_name(&mut x.name);
                                x.known = Known::Yes;
                            }
                            _ => x.known = Known::Unknown,
                        }
                    }
                });
            }
        });
    }

    /// The batch that stops `picks` (the ones the person confirmed) with
    /// the batch's own force and tags.
    fn plan(self, picks: &[SelectedTask], limit: usize) -> BatchPlan {
        BatchPlan {
            tasks: picks
                .iter()
                .filter(|p| p.sendable())
                .map(|p| BatchTask {
                    uuid: p.uuid.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            force: self.force.get_untracked(),
            system_tags: self.system_tags.with_untracked(|t| parse_tags(t)),
            user_tags: self.user_tags.with_untracked(|t| parse_tags(t)),
            limit: clamp_parallel(limit),
            example: self
                .form
                .example
                .get_untracked()
                .then(|| self.form.example_choice.get_untracked()),
        }
    }

    /// Opens "Stop N tasks?" with the tasks selected now, unless nothing
    /// is selected or it is open already.
    pub fn ask_to_stop(self) {
        let picks = self.picks.with_untracked(SelectedTasks::sendable);
        if !picks.is_empty() && self.confirming.with_untracked(Option::is_none) {
            self.confirming.set(Some(picks));
        }
    }

    /// The dialog's "Stop N tasks": stops exactly the tasks it listed. If
    /// the selection changed since it opened, it closes and nothing is
    /// sent.
    pub fn confirm(self, stopper: Stopper, lang: Lang) {
        let Some(listed) = self.confirming.get_untracked() else {
            return;
        };
        self.confirming.set(None);
        if self.picks.with_untracked(SelectedTasks::sendable) == listed {
            self.press(stopper, lang, &listed);
        }
    }

    /// What "Stop selected tasks" does: two or more ask first; one is
    /// stopped at once (exactly that one).
    pub fn stop_selected(self, stopper: Stopper, lang: Lang) {
        let picks = self.picks.with_untracked(SelectedTasks::sendable);
        match picks.len() {
            0 => {}
            1 => self.press(stopper, lang, &picks),
            _ => self.ask_to_stop(),
        }
    }

    /// Where the stops go now, as whom, and how long each may take; or what
    /// the person is told instead. Example mode sends nothing and needs no
    /// session.
    fn reach(self, lang: Lang) -> Result<(Reach, usize), String> {
        let example = self.form.example.get_untracked();
        self.form.attempted.set(true);
        let session = self.form.session.with_untracked(|s| normalize_uuid(s));
        if let (Err(_), false) = (&session, example) {
            return Err(self.form.session_error(lang).unwrap_or_default());
        }
        let ready = self.settings.with_untracked(Settings::for_stops);
        let (api_base, deadline_ms, limit) = match (ready, example) {
            (Some(r), _) => r,
            // Example mode sends nothing: the defaults do.
            (None, true) => (
                String::new(),
                protocol::DEFAULT_DEADLINE_MS,
                crate::batch::DEFAULT_PARALLEL,
            ),
            (None, false) => return Err(self.form.config_error(lang).to_string()),
        };
        let reach = Reach {
            api_base,
            session: session.unwrap_or_default(),
            deadline_ms,
        };
        Ok((reach, limit))
    }

    /// Stops `picks`: refused input is said in the result region;
    /// otherwise, once the configuration is settled, the batch starts.
    fn press(self, stopper: Stopper, lang: Lang, picks: &[SelectedTask]) {
        match self.reach(lang) {
            Ok((reach, limit)) => stopper.start_batch(self.plan(picks, limit), reach),
            Err(why) => stopper.show(crate::phase::Phase::Invalid(vec![why])),
        }
    }

    /// "Retry the rest": `plan`'s tasks, force and tags, sent with the
    /// session, API base and deadline as they are now.
    pub fn retry(self, stopper: Stopper, lang: Lang, plan: BatchPlan) {
        match self.reach(lang) {
            Ok((reach, _)) => stopper.start_batch(plan, reach),
            Err(why) => stopper.show(crate::phase::Phase::Invalid(vec![why])),
        }
    }
}
