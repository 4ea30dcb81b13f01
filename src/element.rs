//! `<cbt-stop-panel>` (behaviour §7): the panel mounted into a custom
//! element's shadow root. wasm-bindgen cannot extend `HTMLElement`, so a
//! small JS class (`element/cbt-stop-panel.js`) defines the element and
//! drives a [`PanelElement`] from its attributes and properties. The element
//! reads no `panel.config.json`, takes no `postMessage` and nothing from the
//! page's URL: its attributes are its configuration, checked as the file is
//! (the same messages), and its events carry the messages a framing console
//! would get.

use leptos::mount::mount_to;
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::app::PanelView;
use crate::components::TaskTab;
use crate::config::parse_config;
use crate::context::{provide_state, State};
use crate::host::Outlet;
use crate::i18n::{provide_lang, Lang};
use crate::protocol::normalize_uuid;
use crate::state::{remembered, Prefill, Settings};
use crate::wire::Raw;

/// The attributes that configure the panel, as their values were last set.
#[derive(Clone, Debug, Default, PartialEq)]
struct Attributes {
    api_base: Option<String>,
    request_timeout_ms: Option<String>,
    max_parallel_stops: Option<String>,
    remember_session: Option<String>,
}

/// An attribute's text as the configuration file would hold it: a number
/// when it reads as one, text otherwise (so a wrong value gets the file's
/// message for that key).
#[derive(Serialize)]
#[serde(untagged)]
enum Value {
    Number(f64),
    Text(String),
}

fn value(text: &Option<String>) -> Option<Value> {
    text.as_ref().map(|t| match t.trim().parse::<f64>() {
        // Rust reads `NaN`, `inf` and `1e400` (infinite) as numbers; JSON
        // has none of them, so they stay text and get the key's message.
        Ok(n) if n.is_finite() => Value::Number(n),
        _ => Value::Text(t.clone()),
    })
}

/// The attributes as `panel.config.json` would say them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AsConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    api_base: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_timeout_ms: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_parallel_stops: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remember_session: Option<String>,
}

impl Attributes {
    /// The settings these attributes make, checked as the file is.
    fn settings(&self) -> Settings {
        let text = Raw::encode(&AsConfig {
            api_base: self.api_base.clone(),
            request_timeout_ms: value(&self.request_timeout_ms),
            max_parallel_stops: value(&self.max_parallel_stops),
            remember_session: self.remember_session.clone(),
        })
        .to_text();
        match parse_config(&text) {
            Ok(c) => Settings::Ready(c),
            Err(why) => Settings::Broken(why),
        }
    }
}

/// One `<cbt-stop-panel>`'s panel: mounted into `container` (in the
/// element's shadow root), telling `host` (the element) what happens.
#[wasm_bindgen]
pub struct PanelElement {
    attrs: RwSignal<Attributes>,
    lang: RwSignal<Lang>,
    tab: RwSignal<TaskTab>,
    state: State,
    /// The mounted view (its unmount handle), dropped to unmount.
    mounted: Option<Box<dyn std::any::Any>>,
    owner: Owner,
}

#[wasm_bindgen]
impl PanelElement {
    /// Mounts a fresh panel into `container` for the element `host`.
    #[wasm_bindgen(constructor)]
    pub fn new(host: web_sys::HtmlElement, container: web_sys::HtmlElement) -> PanelElement {
        // The state's effects are made before the mount, which would
        // start the executor that runs them.
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = Owner::new();
        let (attrs, lang, tab) = owner.with(|| {
            (
                RwSignal::new(Attributes::default()),
                RwSignal::new(Lang::En),
                RwSignal::new(TaskTab::One),
            )
        });
        let id = host.id();
        let outlet = send_wrapper::SendWrapper::new(host.clone());
        // The state belongs to the element's owner, which the mount's own
        // owner is a child of: its components find it as context, and the
        // setters below reach it.
        let state = owner.with(|| {
            provide_lang(lang);
            let state = provide_state(&Prefill {
                element: true,
                remember_key: remembered::element_key(&id),
                ..Prefill::default()
            });
            state.outlet.set(Some(Outlet::Element(outlet)));
            Effect::new(move || state.settings.set(attrs.with(Attributes::settings)));
            state
        });
        let mounted = owner.with(|| {
            mount_to(
                container,
                move || view! { <PanelView state=state lang=lang tab=tab /> },
            )
        });
        PanelElement {
            attrs,
            lang,
            tab,
            state,
            mounted: Some(Box::new(mounted)),
            owner,
        }
    }

    /// An observed attribute changed (`None`: removed). Unknown names, and
    /// `session`, are ignored.
    pub fn attribute(&self, name: &str, value: Option<String>) {
        let form = self.state.form;
        match name {
            "api-base" => self.attrs.update(|a| a.api_base = value),
            "request-timeout-ms" => self.attrs.update(|a| a.request_timeout_ms = value),
            "max-parallel-stops" => self.attrs.update(|a| a.max_parallel_stops = value),
            "remember-session" => self.attrs.update(|a| a.remember_session = value),
            "lang" => self
                .lang
                .set(Lang::from_tag(value.as_deref().unwrap_or("en"))),
            "task-uuid" => form.uuid.set(value.unwrap_or_default()),
            "force" => form.force.set(value.is_some()),
            // `theme` is read by the stylesheet from the element itself.
            _ => {}
        }
    }

    /// The `session` property: refused inline like a typed one when it is
    /// not a UUID; never reflected anywhere.
    pub fn set_session(&self, session: String) {
        let form = self.state.form;
        form.host_session.set(!session.trim().is_empty());
        form.session
            .set(normalize_uuid(&session).unwrap_or(session));
    }

    /// The `taskUuids` property: opens "Several tasks" with these selected.
    pub fn set_task_uuids(&self, uuids: Vec<String>) {
        self.tab.set(TaskTab::Several);
        self.state.several.pick_uuids(&uuids);
    }

    /// Tells the element it can be configured (`cbt-panel-ready`).
    pub fn ready(&self) {
        if let Some(outlet) = self.state.outlet.get_untracked() {
            outlet.tell(&crate::embed::ready_message());
        }
    }

    /// Unmounts the panel: its flows are cancelled, nothing is sent after.
    pub fn unmount(&mut self) {
        drop(self.mounted.take());
        self.owner.cleanup();
    }
}
