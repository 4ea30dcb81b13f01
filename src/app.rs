//! The panel: provides the state ([`crate::state`], [`crate::stopper`],
//! [`crate::lookup`]) as context and lays out the components. The
//! language, the configuration and the host console reach the view through
//! signals and context; nothing here decides how a stop goes.

use leptos::prelude::*;

use crate::components::{
    ConfigNotice, RequestDetails, RequestPreview, ResultView, SessionField, SignIn, StopHistory,
    Targets, TaskTab, TaskTabs,
};
use crate::i18n::{provide_lang, tr, Lang};
use crate::lookup::{Finder, TaskReader};
use crate::protocol::normalize_uuid;
use crate::several::Several;
use crate::state::{load_settings, remembered, Form, Prefill, Settings};
use crate::stopper::Stopper;
use crate::wire::Raw;
use crate::{embed, host};

fn browser_lang() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// The whole panel, reading its prefill from the page's URL.
#[component]
pub fn App() -> impl IntoView {
    view! { <Panel prefill=Prefill::from_location() /> }
}

/// The panel with an explicit prefill (tests mount it directly), as the
/// page `index.html` shows it: its configuration from `panel.config.json`,
/// a framing console told by `postMessage`.
#[component]
pub fn Panel(
    /// Harmless fields from the URL.
    prefill: Prefill,
) -> impl IntoView {
    let lang = follow_language(&prefill);
    let state = provide_state(&prefill);
    let State {
        form,
        settings,
        host_origin,
        outlet,
        stopper,
        several,
        ..
    } = state;
    let tab = RwSignal::new(TaskTab::One);
    // A stop pressed while the file was read goes out once it is settled.
    load_configuration(settings, (host_origin, outlet), move || {
        stopper.resume(form, settings, lang.get_untracked())
    });
    listen_to_host(form, lang, host_origin, several, tab);
    view! { <PanelView state=state lang=lang tab=tab /> }
}

/// The panel's layout, for the page and for the custom element alike.
#[component]
pub fn PanelView(
    /// The state provided as context.
    state: State,
    /// The panel's language.
    lang: RwSignal<Lang>,
    /// Which tab shows.
    tab: RwSignal<TaskTab>,
) -> impl IntoView {
    let State {
        form,
        settings,
        stopper,
        several,
        ..
    } = state;
    let remember_allowed = Signal::derive(move || {
        settings.with(|s| s.config().is_some_and(|c| c.remember_tab))
            && form.remember_key.with_value(Option::is_some)
    });
    keep_session_for_tab(form, remember_allowed);
    let start = move || stopper.press(form, settings, lang.get_untracked());
    let start_several = move || several.stop_selected(stopper, lang.get_untracked());
    // Enter in the session field sends the one-task stop, when that tab shows.
    let enter = move || {
        if tab.get_untracked() == TaskTab::One {
            start();
        }
    };
    // "Stop CBT Task" works at once: pressed while the configuration is
    // read, the stop waits for it. Only a configuration that cannot be used
    // blocks it (example mode sends nothing, so it works regardless).
    let blocked = Signal::derive(move || {
        settings.with(|s| matches!(s, Settings::Broken(_) | Settings::TimedOut))
            && !form.example.get()
    });
    let api_base = Signal::derive(move || settings.with(Settings::api_base));
    let request =
        Signal::derive(move || form.request(api_base.get().unwrap_or_else(Settings::page_origin)));
    let timing = Signal::derive(move || {
        stopper.history.with(|t| {
            t.shown()
                .filter(|r| !r.example)
                .map(|r| (r.elapsed_ms, r.polls()))
        })
    });
    // What a stop does not need at once (the shown stop's details, the
    // history, the code preview) is built a task after the rest: the form is
    // usable that much sooner (docs/performance.md).
    let later = RwSignal::new(false);
    set_timeout(
        move || {
            later.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    view! {
        <main class="panel" on:keydown=move |ev| shortcuts(ev, stopper, several, tab.get_untracked(), start)>
            <header class="panel-head">
                <h1>{tr(|t| t.title)}</h1>
                <p class="subtitle"><code>{tr(|t| t.subtitle)}</code></p>
            </header>
            <ConfigNotice />
            <SignIn api_base=api_base />
            <SessionField remember_allowed=remember_allowed on_enter=enter />
            <TaskTabs tab=tab on_stop=start on_stop_several=start_several blocked=blocked />
            <ResultView phase=move || stopper.phase() timing=timing />
            <Show when=move || later.get()>
                <RequestDetails history=stopper.history />
                <StopHistory />
                <RequestPreview request=request reveal=form.reveal />
            </Show>
        </main>
    }
}

/// What the components find in context, made for one panel.
#[derive(Clone, Copy)]
pub struct State {
    pub form: Form,
    pub settings: RwSignal<Settings>,
    /// The framing console's origin, once an allowed parent frames the panel.
    pub host_origin: RwSignal<Option<String>>,
    /// Where outcomes are told: the framing console, or the custom element.
    pub outlet: RwSignal<Option<host::Outlet>>,
    pub reader: TaskReader,
    pub finder: Finder,
    pub stopper: Stopper,
    pub several: Several,
}

/// Makes the panel's state and provides it (and the focus [`Targets`]) as
/// context; the configuration starts as loading.
pub fn provide_state(prefill: &Prefill) -> State {
    let form = Form::new(prefill);
    let settings = RwSignal::new(Settings::Loading);
    let host_origin = RwSignal::new(None::<String>);
    let outlet = RwSignal::new(None::<host::Outlet>);
    let reader = TaskReader::new(form, settings);
    let state = State {
        form,
        settings,
        host_origin,
        outlet,
        reader,
        finder: Finder::new(form, settings),
        stopper: Stopper::new(outlet, reader),
        several: Several::new(form, settings),
    };
    provide_context(form);
    provide_context(settings);
    provide_context(reader);
    provide_context(state.finder);
    provide_context(state.stopper);
    provide_context(state.several);
    provide_context(Targets::default());
    state
}

/// Ctrl/⌘+Enter acts on the shown tab only: on "One task" it stops from
/// anywhere in the panel (a tags box too, where Enter is a new line); on
/// "Several tasks" it opens "Stop N tasks?" (never the hidden form's stop).
/// While that dialog is open no shortcut sends anything (its own Escape
/// closes it). Escape cancels a stop in flight.
fn shortcuts(
    ev: leptos::ev::KeyboardEvent,
    stopper: Stopper,
    several: Several,
    tab: TaskTab,
    start: impl Fn(),
) {
    if ev.default_prevented() {
        return;
    }
    let key = ev.key();
    if key == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
        // Also keeps a focused button from taking it as a click.
        ev.prevent_default();
        if several.confirming.with_untracked(Option::is_some) || stopper.pending() {
            return;
        }
        match tab {
            TaskTab::One => start(),
            TaskTab::Several => several.ask_to_stop(),
        }
    } else if key == "Escape" && stopper.pending() {
        ev.prevent_default();
        stopper.cancel();
    }
}

/// The language, provided to every component; a host console may change
/// it with `configure`. Texts follow it in place: nothing is rebuilt, focus
/// stays where it is. The document's `lang` and title follow it too.
fn follow_language(prefill: &Prefill) -> RwSignal<Lang> {
    let lang = RwSignal::new(Lang::from_tag(
        &prefill.lang.clone().unwrap_or_else(browser_lang),
    ));
    provide_lang(lang);
    Effect::new(move || {
        let lang = lang.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", lang.tag());
            }
            doc.set_title(lang.t().title);
        }
    });
    lang
}

/// Reads `panel.config.json` (with its own deadline) into `settings`; once
/// it is known, greets an allowed host console and runs `then`.
fn load_configuration(
    settings: RwSignal<Settings>,
    host: (RwSignal<Option<String>>, RwSignal<Option<host::Outlet>>),
    then: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        let loaded = load_settings().await;
        if let Settings::Ready(c) = &loaded {
            on_settled(c, host);
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
fn keep_session_for_tab(form: Form, allowed: Signal<bool>) {
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

/// Once the configuration is known: greet an allowed host console.
fn on_settled(
    c: &crate::config::PanelConfig,
    (host_origin, outlet): (RwSignal<Option<String>>, RwSignal<Option<host::Outlet>>),
) {
    if let Some(origin) = host::allowed_parent(&c.allowed_origins) {
        host_origin.try_set(Some(origin.clone()));
        outlet.try_set(Some(host::Outlet::Frame(origin.clone())));
        host::post(&origin, &embed::ready_message());
        host::watch_height(origin);
    }
}

/// Takes `cbt-panel:configure` from the framing console only, once known.
fn listen_to_host(
    form: Form,
    lang: RwSignal<Lang>,
    host_origin: RwSignal<Option<String>>,
    several: Several,
    tab: RwSignal<TaskTab>,
) {
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let Some(origin) = host_origin.get_untracked() else {
            return;
        };
        let Some(cfg) =
            host::message_data(&ev, &[origin]).and_then(|d: Raw| embed::parse_configure(&d))
        else {
            return;
        };
        if let Some(s) = cfg.session {
            // Refused inline like a typed one when it is not a UUID.
            form.session.set(normalize_uuid(&s).unwrap_or(s));
        }
        if let Some(u) = cfg.uuid {
            form.uuid.set(u);
        }
        if let Some(f) = cfg.force {
            form.force.set(f);
        }
        if let Some(l) = cfg.lang {
            lang.set(Lang::from_tag(&l));
        }
        if let Some(theme) = cfg.theme {
            host::set_theme(&theme);
        }
        if let Some(uuids) = cfg.uuids {
            tab.set(TaskTab::Several);
            several.pick_uuids(&uuids);
        }
    });
    on_cleanup(move || listener.remove());
}
