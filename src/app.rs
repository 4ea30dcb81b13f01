//! The panel: wires the state ([`crate::state`]) to the components. The
//! language, the configuration and the host console reach the view through
//! signals and context; nothing here decides how a stop goes.

use leptos::prelude::*;

use crate::components::el::{code, h1, header, live, main, nothing, p};
use crate::components::{
    ConfigNotice, ConfigNoticeProps, RequestDetails, RequestDetailsProps, RequestPreview,
    RequestPreviewProps, ResultView, ResultViewProps, SignIn, SignInProps, SignInState, Steps,
    StopForm, StopFormProps, StopHistory, StopHistoryProps,
};
use crate::i18n::{provide_lang, Lang};
use crate::lookup::{Finder, TaskReader};
use crate::protocol::normalize_uuid;
use crate::state::{load_settings, remembered, Form, Prefill, Settings, Stopper};
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

/// The panel with an explicit prefill (tests mount it directly).
#[component]
pub fn Panel(
    /// Harmless fields from the URL.
    prefill: Prefill,
) -> AnyView {
    let lang = follow_language(&prefill);
    let form = Form::new(&prefill);
    // The framing console's origin, once an allowed parent frames the panel.
    let host_origin = RwSignal::new(None::<String>);
    let settings = RwSignal::new(Settings::Loading);
    // Nothing is sent anywhere until the configuration is settled.
    let api_base = move || settings.with(Settings::api_base);
    let remember_allowed = move || settings.with(|s| s.config().is_some_and(|c| c.remember_tab));
    let reader = TaskReader::new(form, settings);
    let stopper = Stopper::new(host_origin, reader);
    let finder = Finder::new(form, settings);
    // A stop pressed while the file was read goes out once it is settled.
    load_configuration(settings, form, host_origin, move || {
        stopper.resume(form, settings, lang.get_untracked())
    });
    provide_context(Steps { reader, settings });
    listen_to_host(form, lang, host_origin);
    keep_session_for_tab(form, remember_allowed);

    let start = move || stopper.press(form, settings, lang.get_untracked());
    // "Stop CBT Task" works at once: pressed while the configuration is
    // read, the stop waits for it. Only a configuration that cannot be used
    // blocks it (example mode sends nothing, so it works regardless).
    let blocked = move || {
        settings.with(|s| matches!(s, Settings::Broken(_) | Settings::TimedOut))
            && !form.example.get()
    };
    let request = move || form.request(api_base().unwrap_or_else(Settings::page_origin));
    main()
        .class("panel")
        .on_key(shortcuts(stopper, start))
        .child(
            header()
                .class("panel-head")
                .child(h1().tr(|t| t.title))
                .child(p().class("subtitle").child(code().tr(|t| t.subtitle))),
        )
        .view(ConfigNotice(ConfigNoticeProps { settings }))
        .view(SignIn(SignInProps {
            state: SignInState::default(),
            session: form.session,
            api_base,
            stopper,
        }))
        .view(StopForm(StopFormProps {
            form,
            reader,
            finder,
            on_stop: start,
            stopper,
            blocked,
            remember_allowed,
        }))
        .view(ResultView(ResultViewProps {
            phase: move || stopper.phase(),
            timing: move || {
                let t = stopper.tab;
                t.with(|t| {
                    t.shown()
                        .filter(|r| !r.example)
                        .map(|r| (r.elapsed_ms, r.polls()))
                })
            },
        }))
        .view(after_the_form(stopper, request, form.reveal))
        .into_any()
}

/// What a stop does not need at once (the shown stop's details, the tab's
/// history, the code preview), built in the task after the form's: the form
/// is usable, and answers input, that much sooner (README, "Speed").
fn after_the_form(
    stopper: Stopper,
    request: impl Fn() -> crate::protocol::StopRequest + Copy + Send + Sync + 'static,
    reveal: RwSignal<bool>,
) -> AnyView {
    let built = RwSignal::new(false);
    set_timeout(
        move || {
            built.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    live(move || match built.get() {
        true => the_rest(stopper, request, reveal),
        false => nothing(),
    })
}

#[inline(never)]
fn the_rest(
    stopper: Stopper,
    request: impl Fn() -> crate::protocol::StopRequest + Copy + Send + Sync + 'static,
    reveal: RwSignal<bool>,
) -> AnyView {
    vec![
        RequestDetails(RequestDetailsProps { tab: stopper.tab }),
        StopHistory(StopHistoryProps { stopper }),
        RequestPreview(RequestPreviewProps { request, reveal }),
    ]
    .into_any()
}

/// Ctrl/⌘+Enter stops from anywhere in the panel (a tags box too, where
/// Enter is a new line); Escape cancels a stop in flight.
fn shortcuts(stopper: Stopper, start: impl Fn() + 'static) -> impl Fn(&str) -> bool + 'static {
    move |key| match key {
        "Mod+Enter" => {
            start();
            true
        }
        "Escape" if stopper.pending() => {
            stopper.cancel();
            true
        }
        _ => false,
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
/// it is known, reads back a kept session, greets an allowed host console
/// and runs `then`.
fn load_configuration(
    settings: RwSignal<Settings>,
    form: Form,
    host_origin: RwSignal<Option<String>>,
    then: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        let loaded = load_settings().await;
        if let Settings::Ready(c) = &loaded {
            on_settled(c, form, host_origin);
        }
        if settings.try_set(loaded).is_none() {
            then();
        }
    });
}

/// Keeps the session in sessionStorage while "Remember for this tab" is
/// ticked; until the configuration allows it, nothing is stored or cleared.
fn keep_session_for_tab(form: Form, allowed: impl Fn() -> bool + Send + Sync + 'static) {
    Effect::new(move || {
        if allowed() {
            let keep = form.remember.get();
            let session = form.session.with(|s| normalize_uuid(s).ok());
            remembered::write(session.as_deref().filter(|_| keep));
        }
    });
}

/// Once the configuration is known: read back a kept session, then greet
/// an allowed host console.
fn on_settled(c: &crate::config::PanelConfig, form: Form, host_origin: RwSignal<Option<String>>) {
    if c.remember_tab {
        if let Some(s) = remembered::read() {
            form.remember.try_set(true);
            if form.session.try_with_untracked(String::is_empty) == Some(true) {
                form.session.try_set(s);
            }
        }
    }
    if let Some(origin) = host::allowed_parent(&c.allowed_origins) {
        host_origin.try_set(Some(origin.clone()));
        host::post(&origin, &embed::ready_message());
        host::watch_height(origin);
    }
}

/// Takes `cbt-panel:configure` from the framing console only, once known.
fn listen_to_host(form: Form, lang: RwSignal<Lang>, host_origin: RwSignal<Option<String>>) {
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
    });
    on_cleanup(move || listener.remove());
}
