//! The panel's state, apart from its view: what the URL may prefill, the
//! form's signals, the deployer's configuration and the session kept for
//! the tab. Components read and write these; the decisions are in
//! [`crate::protocol`] and [`crate::flow`].

use leptos::prelude::*;

use crate::client::FetchTransport;
use crate::config::{config_reply, PanelConfig};
use crate::examples::Example;
use crate::i18n::{Lang, Pick};
use crate::protocol::{self, normalize_uuid, parse_tags, StopRequest};
use crate::transport::{Call, Transport};

/// What the page's URL may prefill (never the API base or the session),
/// and what kind of panel it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Prefill {
    pub uuid: Option<String>,
    pub force: bool,
    pub lang: Option<String>,
    /// Example mode (`?example=1`): published answers, nothing sent.
    pub example: bool,
    /// The panel is a `<cbt-stop-panel>`: its attributes, not
    /// `panel.config.json`, are its configuration (never from the URL).
    pub element: bool,
    /// Where "Remember for this tab" keeps the session: the page's one key,
    /// or an element's own (its `id`); none, and the option is not offered.
    pub remember_key: Option<String>,
}

impl Default for Prefill {
    /// The page's panel, nothing prefilled.
    fn default() -> Prefill {
        Prefill {
            uuid: None,
            force: false,
            lang: None,
            example: false,
            element: false,
            remember_key: Some(remembered::PAGE_KEY.to_string()),
        }
    }
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
            ..Prefill::default()
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
    /// The configuration is the element's attributes (not the file).
    pub element: bool,
    /// Where "Remember for this tab" keeps the session, if anywhere.
    pub remember_key: StoredValue<Option<String>>,
    /// The session was set by the host (`<cbt-stop-panel>`'s `session`):
    /// shown masked, never placed in an input.
    pub host_session: RwSignal<bool>,
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
            element: prefill.element,
            remember_key: StoredValue::new(prefill.remember_key.clone()),
            host_session: RwSignal::new(false),
        }
    }

    /// The title of a configuration that cannot be used: it names where
    /// the configuration comes from.
    pub fn config_error(self, lang: Lang) -> &'static str {
        let t = lang.t();
        if self.element {
            t.attributes_error
        } else {
            t.config_error
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

    /// What a stop needs of the configuration once it is settled: the API
    /// base, each stop's deadline and how many stops of several tasks may
    /// be in flight at once.
    pub fn for_stops(&self) -> Option<(String, u64, usize)> {
        let c = self.config()?;
        Some((
            self.api_base()?,
            c.request_timeout_ms
                .unwrap_or(crate::protocol::DEFAULT_DEADLINE_MS),
            c.max_parallel_stops,
        ))
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
    let browser = FetchTransport::new();
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

/// Reads `panel.config.json` (with its own deadline) into `settings`; once
/// it is known, runs `on_ready` with it (when it is usable) and `then`.
pub fn load_configuration(
    settings: RwSignal<Settings>,
    on_ready: impl FnOnce(&PanelConfig) + 'static,
    then: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        let loaded = load_settings().await;
        if let Settings::Ready(c) = &loaded {
            on_ready(c);
        }
        if settings.try_set(loaded).is_none() {
            then();
        }
    });
}

/// Keeps the session in sessionStorage, under the panel's own key, while
/// "Remember for this tab" is ticked; until the configuration allows it,
/// nothing is stored or cleared. Once it does, a kept session is read back
/// first (a session already given, by a host, stays).
pub fn keep_session_for_tab(form: Form, allowed: Signal<bool>) {
    let read_back = StoredValue::new(false);
    Effect::new(move || {
        if !allowed.get() {
            return;
        }
        let Some(key) = form.remember_key.get_value() else {
            return;
        };
        if !read_back.get_value() {
            read_back.set_value(true);
            if let Some(kept) = remembered::read(&key) {
                form.remember.set(true);
                if form.session.with_untracked(String::is_empty) {
                    form.session.set(kept);
                }
            }
        }
        let keep = form.remember.get();
        let session = form.session.with(|s| normalize_uuid(s).ok());
        remembered::write(&key, session.as_deref().filter(|_| keep));
    });
}

/// The session kept for this tab, when the deployer allows it.
pub mod remembered {
    /// The page's key; each `<cbt-stop-panel>` has its own ([`element_key`]).
    pub const PAGE_KEY: &str = "cbt-panel.session";

    /// An element's key, from its `id`: none without one (two elements
    /// would share it).
    pub fn element_key(id: &str) -> Option<String> {
        (!id.is_empty()).then(|| format!("{PAGE_KEY}:{id}"))
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }

    /// The session kept under `key`, if it is a valid one.
    pub fn read(key: &str) -> Option<String> {
        let s = storage()?.get_item(key).ok().flatten()?;
        crate::protocol::normalize_uuid(&s).ok()
    }

    pub fn write(key: &str, value: Option<&str>) {
        if let Some(st) = storage() {
            let _ = match value {
                Some(v) => st.set_item(key, v),
                None => st.remove_item(key),
            };
        }
    }
}
