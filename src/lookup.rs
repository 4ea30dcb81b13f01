//! Reading tasks before a stop: the finder's queries and the summary line
//! under "Task UUID". Both ask ZStack's query API (or, in example mode, the
//! example tasks, with no network), one request in flight each: a newer
//! one aborts the older, and the panel going away aborts both. The replies
//! are classified in [`crate::protocol`]; this only sends and keeps state.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::Flight;
use crate::i18n::Texts;
use crate::protocol::{self, normalize_uuid, Inventory, Outcome, Page, Summary};
use crate::state::{Form, Settings};
use crate::transport::{Call, Exchange, Recorder, Reply, Transport};

/// How long a query may take.
const QUERY_DEADLINE_MS: u64 = 15_000;
/// How long typing must pause before the finder asks, and how long the
/// summary line lets a changed field settle before it reads the task.
pub(crate) const DEBOUNCE_MS: u64 = 250;

/// Where a query goes now.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Api {
        base: String,
        auth: String,
    },
    /// Example mode: the example tasks, no network.
    Example,
}

/// Why no query can be sent yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Session,
    Config,
}

impl Need {
    /// What the person is told.
    pub fn said(self, t: &'static Texts) -> &'static str {
        match self {
            Need::Session => t.need_session,
            Need::Config => t.config_loading,
        }
    }
}

/// Where queries go, from the form and the configuration (tracked).
pub fn source(form: Form, settings: RwSignal<Settings>) -> Result<Source, Need> {
    if form.example.get() {
        return Ok(Source::Example);
    }
    let base = settings.with(Settings::api_base).ok_or(Need::Config)?;
    let session = form
        .session
        .with(|s| normalize_uuid(s))
        .map_err(|_| Need::Session)?;
    Ok(Source::Api {
        base,
        auth: protocol::oauth(&session),
    })
}

/// Sends `url` with `flight` after `wait_ms` (the one before is aborted);
/// `None` when this one was aborted in turn, waiting or in flight (its
/// answer no longer matters). The exchange is for a stop's details, when
/// the read belongs to one.
pub(crate) async fn get(
    flight: Flight,
    url: String,
    auth: String,
    wait_ms: u64,
) -> Option<(Result<Reply, Outcome>, Exchange)> {
    let b = flight.begin(None);
    if wait_ms > 0 {
        b.sleep(wait_ms).await;
        if b.cancelled() {
            return None;
        }
    }
    b.set_deadline(QUERY_DEADLINE_MS);
    let rec = Recorder::new(&*b);
    let r = rec.send(Call::get(url, Some(auth))).await;
    if b.cancelled() {
        return None;
    }
    let r = match r {
        Ok(r) => r.too_large().map_or(Ok(r), Err),
        Err(_) if b.expired() => Err(Outcome::TimedOut(QUERY_DEADLINE_MS)),
        Err(e) => Err(Outcome::NetworkError(e)),
    };
    Some((r, rec.log.into_inner().pop()?))
}

/// What the line says of `uuid` read from `source`. The API is asked once
/// the field has settled (a paste, the last key), through `flight`, which
/// a newer read or a stop aborts (docs/performance.md).
async fn read(flight: Flight, uuid: Option<String>, source: Result<Source, Need>) -> Line {
    flight.abort();
    let Some(uuid) = uuid else {
        return Line::Empty;
    };
    match source {
        Err(n) => Line::Need(n),
        Ok(Source::Example) => Line::Known(crate::examples::example_summary(&uuid)),
        Ok(Source::Api { base, auth }) => {
            let url = protocol::query_url(&base, &uuid);
            match get(flight, url, auth, DEBOUNCE_MS).await {
                Some((r, _)) => Line::Known(summary_of(&uuid, r)),
                // It gave way to a stop, which reads the task when it ends
                // (or to a newer read, whose answer takes its place).
                None => Line::Reading,
            }
        }
    }
}

/// What a read of task `uuid` says of it.
pub(crate) fn summary_of(uuid: &str, r: Result<Reply, Outcome>) -> Summary {
    match r {
        Ok(r) => protocol::classify_summary(r.status, &r.text, uuid),
        Err(o) => Summary::Failed(Box::new(o)),
    }
}

/// What the line under "Task UUID" shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    /// No valid UUID in the field.
    Empty,
    Need(Need),
    Reading,
    Known(Summary),
}

/// Reads the task whose UUID the field holds, whenever it, the session or
/// the configuration changes, and again on [`TaskReader::refresh`]: a
/// [`LocalResource`] of the [`Line`], which the view shows in a
/// `Transition` (reading while it is pending).
#[derive(Clone, Copy)]
pub struct TaskReader {
    pub line: LocalResource<Line>,
    flight: Flight,
    form: Form,
}

impl TaskReader {
    pub fn new(form: Form, settings: RwSignal<Settings>) -> TaskReader {
        let flight = Flight::new();
        // What the read depends on, so that a keystroke that leaves the
        // UUID as it was reads nothing again.
        let asked = Memo::new(move |_| {
            let uuid = form.uuid.with(|u| normalize_uuid(u).ok());
            (uuid, source(form, settings))
        });
        let line = LocalResource::new(move || {
            let (uuid, source) = asked.get();
            read(flight, uuid, source)
        });
        TaskReader { line, flight, form }
    }

    /// Reads the task again ("Check the task", and after every stop).
    pub fn refresh(self) {
        self.line.refetch();
    }

    /// A stop is going out: the read waiting or in flight no longer matters
    /// (the stop reads the task when it ends) and would only compete with
    /// the stop for the network and the main thread.
    pub fn yield_to_stop(self) {
        self.flight.abort();
    }

    /// Reads `uuid` and shows it while the field still names it; the
    /// exchange, unless a newer read took over.
    async fn fetch(self, base: &str, auth: String, uuid: &str, wait_ms: u64) -> Option<Exchange> {
        let url = protocol::query_url(base, uuid);
        let (r, step) = get(self.flight, url, auth, wait_ms).await?;
        self.show(uuid, r);
        Some(step)
    }

    /// What a read of `uuid` answered, while the field still names it.
    fn show(self, uuid: &str, r: Result<Reply, Outcome>) {
        let summary = summary_of(uuid, r);
        let field = self
            .form
            .uuid
            .try_with_untracked(|u| normalize_uuid(u).ok());
        if field.flatten().as_deref() == Some(uuid) {
            self.line.try_set(Some(Line::Known(summary)));
        }
    }

    /// The task as it is after a stop, for the summary line: the stop's own
    /// read-back when it made one (its last step), else a read of its own,
    /// whose exchange is returned as the stop's last step.
    pub async fn after_stop(
        self,
        req: &protocol::StopRequest,
        last: Option<Exchange>,
    ) -> Option<Exchange> {
        let url = protocol::query_url(&req.api_base, &req.uuid);
        match last {
            // The stop's own read-back, when its body was kept whole.
            Some(last)
                if last.url == url && last.reply.as_ref().is_ok_and(|r| r.cut_from.is_none()) =>
            {
                self.flight.abort();
                self.show(&req.uuid, last.reply.map_err(Outcome::NetworkError));
                None
            }
            _ => {
                self.fetch(&req.api_base, req.authorization(), &req.uuid, 0)
                    .await
            }
        }
    }

    /// The task's name, when the summary line has read `uuid`.
    pub fn name_of(self, uuid: &str) -> Option<String> {
        self.line
            .try_with_untracked(|l| match l {
                Some(Line::Known(Summary::Task(inv))) if inv.uuid == uuid => Some(inv.name.clone()),
                _ => None,
            })
            .flatten()
    }
}

/// Where the finder stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Finding {
    #[default]
    Idle,
    Searching,
    Need(Need),
    /// The text holds this query operator, so it was not sent.
    Operator(&'static str),
    Failed(Box<Outcome>),
}

impl Finding {
    /// What a list of tasks says under it: searching, why it cannot ask,
    /// nothing found, or how many of how many are listed.
    pub fn said(&self, listed: usize, total: Option<u64>, t: &'static Texts) -> String {
        match self {
            Finding::Searching => t.finder_searching.to_string(),
            Finding::Need(n) => n.said(t).to_string(),
            Finding::Operator(op) => t.finder_operator(op),
            Finding::Failed(o) => t.brief(o),
            Finding::Idle => match (listed, total) {
                (0, _) => t.finder_none.to_string(),
                (n, Some(total)) => format!("{n} {} {total}", t.finder_of),
                (n, None) => n.to_string(),
            },
        }
    }

    /// Whether the list could not be asked for or read.
    pub fn failed(&self) -> bool {
        matches!(
            self,
            Finding::Failed(_) | Finding::Need(_) | Finding::Operator(_)
        )
    }
}

/// Tasks listed a page at a time (the finder's, and the table of "Several
/// tasks"): those listed so far (each UUID once), how many match in all,
/// and how the last query went.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    /// Shared with the rows that show them: a row reads its task by
    /// pointer, so a change to one task costs the others nothing.
    pub items: Vec<Arc<Inventory>>,
    pub total: Option<u64>,
    pub state: Finding,
    /// Where each UUID stands in `items`: a row finds its task at once.
    at: HashMap<String, usize>,
}

impl Listing {
    /// More tasks match than are listed.
    pub fn has_more(&self) -> bool {
        self.total.is_some_and(|t| t > self.items.len() as u64)
    }

    /// The listed task `uuid`.
    pub fn get(&self, uuid: &str) -> Option<&Arc<Inventory>> {
        self.items.get(*self.at.get(uuid)?)
    }

    /// The page that starts at the `start`th task, or why it could not be
    /// read (what was listed stays). The page is already no longer than
    /// was asked ([`protocol::classify_page`] keeps only that); a task
    /// listed already is not listed again, and a name longer than anyone
    /// reads is clipped here.
    pub fn merge_page(&mut self, start: usize, page: Result<Page, Outcome>) {
        let p = match page {
            Ok(p) => p,
            Err(o) => return self.state = Finding::Failed(Box::new(o)),
        };
        self.items.truncate(start);
        self.at.retain(|_, i| *i < start);
        for mut task in p.items {
            if self.at.contains_key(&task.uuid) {
                continue;
            }
            protocol::clip_name(&mut task.name);
            self.at.insert(task.uuid.clone(), self.items.len());
            self.items.push(Arc::new(task));
        }
        self.total = p.total;
        self.state = Finding::Idle;
    }

    /// A task as a stop read it back: its row shows it as it is now.
    /// Whether that changed anything.
    pub fn refresh(&mut self, mut task: Inventory) -> bool {
        let Some(&i) = self.at.get(&task.uuid) else {
            return false;
        };
        protocol::clip_name(&mut task.name);
        if *self.items[i] == task {
            return false;
        }
        self.items[i] = Arc::new(task);
        true
    }
}

/// A question for a page of tasks (the finder's, or the task list's).
pub(crate) struct PageQuery<U, E> {
    /// How many tasks are asked for.
    pub asked: usize,
    /// How long typing must pause first (0: ask now).
    pub wait_ms: u64,
    /// The query's URL from the API base, or the operator that keeps the
    /// text from being sent.
    pub url: U,
    /// The page example mode answers, with no network.
    pub example: E,
}

/// Asks `flight` (the question before is aborted) for `query`'s page from
/// `source`: `state` is told why it cannot be asked, or that it is being
/// asked; `show` gets the page, unless a newer question took its place.
///
/// Why not a `LocalResource` as the summary line has: "Show more" adds the
/// next page to the pages listed, where a resource keyed by the query
/// would replace them, and the finder's list opens, closes and keeps its
/// active option apart from any query.
pub(crate) fn ask_page(
    flight: Flight,
    source: Result<Source, Need>,
    query: PageQuery<impl FnOnce(&str) -> Result<String, &'static str>, impl FnOnce() -> Page>,
    state: impl Fn(Finding),
    show: impl FnOnce(Result<Page, Outcome>) + 'static,
) {
    flight.abort();
    let (base, auth) = match source {
        Err(n) => return state(Finding::Need(n)),
        Ok(Source::Example) => return show(Ok((query.example)())),
        Ok(Source::Api { base, auth }) => (base, auth),
    };
    let url = match (query.url)(&base) {
        Ok(url) => url,
        Err(op) => return state(Finding::Operator(op)),
    };
    state(Finding::Searching);
    let (asked, wait_ms) = (query.asked, query.wait_ms);
    spawn_local(async move {
        if let Some((r, _)) = get(flight, url, auth, wait_ms).await {
            show(r.and_then(|r| protocol::classify_page(r.status, &r.text, asked)));
        }
    });
}

/// What the finder shows: the matches listed so far, whether the list is
/// open and which option is active.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub list: Listing,
    pub open: bool,
    pub active: Option<usize>,
}

impl Found {
    /// The list shows (open, with something in it).
    pub fn listed(&self) -> bool {
        self.open && !self.list.items.is_empty()
    }

    /// More matches exist than are listed.
    pub fn has_more(&self) -> bool {
        self.list.has_more()
    }
}

/// The task finder: a debounced query of the typed text, a page at a time,
/// as a combobox's listbox.
#[derive(Clone, Copy)]
pub struct Finder {
    pub text: RwSignal<String>,
    pub found: RwSignal<Found>,
    flight: Flight,
    form: Form,
    settings: RwSignal<Settings>,
}

impl Finder {
    pub fn new(form: Form, settings: RwSignal<Settings>) -> Finder {
        Finder {
            text: RwSignal::new(String::new()),
            found: RwSignal::new(Found::default()),
            flight: Flight::new(),
            form,
            settings,
        }
    }

    /// The text changed: ask again once typing pauses (each change aborts
    /// the question before it, waiting or in flight).
    pub fn typed(self) {
        if self.text.with_untracked(|t| t.trim().is_empty()) {
            self.flight.abort();
            return self.found.set(Found::default());
        }
        self.ask(0, DEBOUNCE_MS);
    }

    /// Asks for the matches from the `start`th on.
    pub fn search(self, start: usize) {
        self.ask(start, 0);
    }

    /// Asks for the matches from the `start`th on, after `wait_ms`.
    fn ask(self, start: usize, wait_ms: u64) {
        let text = self.text.get_untracked();
        let query = PageQuery {
            asked: protocol::FINDER_PAGE,
            wait_ms,
            url: |base: &str| protocol::finder_url(base, &text, start),
            example: || crate::examples::example_page(&text, start),
        };
        ask_page(
            self.flight,
            untrack(|| source(self.form, self.settings)),
            query,
            |state| self.found.update(|f| f.list.state = state),
            move |page| self.show(start, page),
        );
    }

    fn show(self, start: usize, page: Result<Page, Outcome>) {
        self.found.try_update(|f| {
            if page.is_ok() {
                f.open = true;
                if start == 0 {
                    f.active = None;
                }
            }
            f.list.merge_page(start, page);
        });
    }

    /// Lists the next page.
    pub fn more(self) {
        self.search(self.found.with_untracked(|f| f.list.items.len()));
    }

    /// Puts the chosen task's UUID in "Task UUID".
    pub fn choose(self, i: usize) {
        let chosen = self
            .found
            .with_untracked(|f| f.list.items.get(i).map(|t| t.uuid.clone()));
        if let Some(uuid) = chosen {
            self.form.uuid.set(uuid);
            self.close();
        }
    }

    /// Forgets what was found (signing out): the query in flight is
    /// aborted and the list emptied; the typed text stays.
    pub fn reset(self) {
        self.flight.abort();
        self.found.set(Found::default());
    }

    /// Closes the list (the matches stay, for ArrowDown to open it again).
    pub fn close(self) {
        self.found.update(|f| {
            f.open = false;
            f.active = None;
        });
    }

    /// The combobox's keys; `true` when the key was used.
    pub fn key(self, key: &str) -> bool {
        let (n, listed, active) = self
            .found
            .with_untracked(|f| (f.list.items.len(), f.listed(), f.active));
        match key {
            "ArrowDown" | "ArrowUp" if listed => {
                let next = match (active, key == "ArrowDown") {
                    (None, true) => 0,
                    (None, false) => n - 1,
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                };
                self.found.update(|f| f.active = Some(next));
            }
            "ArrowDown" if n > 0 => self.found.update(|f| f.open = true),
            "Escape" if listed => self.close(),
            "Enter" => match active.filter(|_| listed) {
                Some(i) => self.choose(i),
                // Enter here searches; it never sends the stop.
                None if !self.text.with_untracked(String::is_empty) => self.search(0),
                None => {}
            },
            _ => return false,
        }
        true
    }
}
