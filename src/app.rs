//! The panel: wires the state ([`crate::state`]) to the components. The
//! language, the configuration and the host console reach the view through
//! signals and context; nothing here decides how a stop goes.

use leptos::prelude::*;

use crate::components::el::{code, h1, header, main, p};
use crate::components::{
    ConfigNotice, ConfigNoticeProps, RequestPreview, RequestPreviewProps, ResultView,
    ResultViewProps, SignIn, SignInProps, SignInState, StopForm, StopFormProps,
};
use crate::flow::Phase;
use crate::i18n::{provide_lang, Lang};
use crate::protocol::{self, normalize_uuid, EXAMPLE_UUID};
use crate::state::{load_settings, remembered, Form, Prefill, Settings, Stopper};
use crate::wire::Raw;
use crate::{embed, host};

fn browser_lang() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
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
    // The language; a host console may change it with `configure`. Texts
    // follow it in place: nothing is rebuilt, focus stays where it is.
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

    let form = Form::new(&prefill);
    let settings = RwSignal::new(Settings::Loading);
    // The framing console's origin, once an allowed parent frames the panel.
    let host_origin = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        let loaded = load_settings().await;
        if let Settings::Ready(c) = &loaded {
            on_settled(c, form, host_origin);
        }
        settings.try_set(loaded);
    });
    // Nothing is sent anywhere until the configuration is settled.
    let api_base = move || {
        settings.with(|s| {
            s.config()
                .map(|c| c.api_base.clone().unwrap_or_else(page_origin))
        })
    };
    let remember_allowed = move || settings.with(|s| s.config().is_some_and(|c| c.remember_tab));
    let stopper = Stopper::new(host_origin);
    let sign_in = SignInState::default();

    listen_to_host(form, lang, host_origin);
    Effect::new(move || {
        // Until the configuration allows it, nothing is stored or cleared.
        if remember_allowed() {
            let keep = form.remember.get();
            let session = form.session.with(|s| normalize_uuid(s).ok());
            remembered::write(session.as_deref().filter(|_| keep));
        }
    });

    let start = move || {
        if stopper.pending() {
            return;
        }
        form.attempted.set(true);
        let lang = lang.get_untracked();
        let errors: Vec<String> = [form.session_error(lang), form.uuid_error(lang)]
            .into_iter()
            .flatten()
            .collect();
        if !errors.is_empty() {
            return stopper.show(Phase::Invalid(errors));
        }
        if form.example.get_untracked() {
            let uuid = form
                .uuid
                .with_untracked(|u| normalize_uuid(u))
                .unwrap_or_else(|_| EXAMPLE_UUID.to_string());
            // Never posted to a host console: it is not a real stop.
            let outcome = form.example_choice.get_untracked().outcome(&uuid);
            return stopper.show(Phase::Example(outcome));
        }
        let (Some(base), Settings::Ready(c)) = (untrack(api_base), settings.get_untracked()) else {
            return;
        };
        let deadline = c
            .request_timeout_ms
            .unwrap_or(protocol::DEFAULT_DEADLINE_MS);
        stopper.start(form.request(base), deadline);
    };
    // Example mode sends nothing, so only it works without a configuration.
    let blocked = move || api_base().is_none() && !form.example.get();
    let request = move || form.request(api_base().unwrap_or_else(page_origin));

    main()
        .class("panel")
        .child(
            header()
                .class("panel-head")
                .child(h1().tr(|t| t.title))
                .child(p().class("subtitle").child(code().tr(|t| t.subtitle))),
        )
        .view(ConfigNotice(ConfigNoticeProps { settings }))
        .view(SignIn(SignInProps {
            state: sign_in,
            session: form.session,
            api_base,
            stopper,
        }))
        .view(StopForm(StopFormProps {
            form,
            on_stop: start,
            stopper,
            blocked,
            remember_allowed,
        }))
        .view(ResultView(ResultViewProps {
            phase: move || stopper.phase(),
            now_ms: stopper.now,
        }))
        .view(RequestPreview(RequestPreviewProps {
            request,
            reveal: form.reveal,
        }))
        .into_any()
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
