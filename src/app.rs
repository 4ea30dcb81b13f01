//! The panel's layout: the page's [`App`] and [`Panel`], and the
//! [`PanelView`] the custom element shares. The state is made and provided
//! by [`crate::context`]; the language, the configuration and the framing
//! console reach the view through signals and context; nothing here decides
//! how a stop goes.

use leptos::prelude::*;

use crate::components::{
    ConfigNotice, RequestDetails, RequestPreview, ResultView, SessionField, SignIn, StopHistory,
    TaskTab, TaskTabs,
};
use crate::context::{provide_state, State};
use crate::document::follow_language;
use crate::frame;
use crate::i18n::{tr, Lang};
use crate::shortcuts::shortcuts;
use crate::state::{keep_session_for_tab, load_configuration, Prefill, Settings};

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
    load_configuration(
        settings,
        move |c| frame::greet(c, (host_origin, outlet)),
        move || stopper.resume(form, settings, lang.get_untracked()),
    );
    frame::listen(form, lang, host_origin, several, tab);
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
