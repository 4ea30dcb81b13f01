//! The panel: the form, the stop flow's state, and the result region.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use crate::components::el::{el, live, nothing, El};
use crate::components::{
    Phase, RequestPreview, RequestPreviewProps, ResultView, ResultViewProps, SignIn, SignInProps,
    SignInState, TagsField, TagsFieldProps,
};
use crate::config::{parse_config, PanelConfig};
use crate::i18n::Lang;
use crate::protocol::{self, normalize_uuid, parse_tags, Example, Outcome, StopRequest};
use crate::{client, embed, host};

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

const REMEMBER_KEY: &str = "cbt-panel.session";

fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// A labelled checkbox bound to `value`.
fn check_box(label: &'static str, value: RwSignal<bool>) -> El {
    el("label")
        .class("check")
        .child(el("input").attr("type", "checkbox").bind_checked(value))
        .text(label)
}

/// A one-line input for a UUID, bound to `value` and marked invalid
/// while `error` holds a message.
fn uuid_input(
    id: &'static str,
    error_id: &'static str,
    value: RwSignal<String>,
    error: impl Fn() -> Option<String> + Send + 'static,
) -> El {
    el("input")
        .attr("id", id)
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .attr("aria-describedby", error_id)
        .live_attr("aria-invalid", move || Some(error().is_some().to_string()))
        .bind(value)
}

/// The inline message under a field, announced as it changes.
fn field_error(id: &'static str, error: impl Fn() -> Option<String> + Send + 'static) -> El {
    el("p")
        .attr("id", id)
        .class("field-error")
        .attr("aria-live", "polite")
        .live_text(move || error().unwrap_or_default())
}

/// Reads `panel.config.json`; a missing file means the defaults, and `Err`
/// says why the file cannot be used.
async fn load_config() -> Result<PanelConfig, String> {
    match client::send(
        gloo_net::http::Method::GET,
        "panel.config.json",
        None,
        None,
        None,
    )
    .await
    {
        Ok((200, body)) => parse_config(&body),
        Ok((404, _)) => Ok(PanelConfig::default()),
        Ok((status, _)) => Err(format!(
            "the file could not be read (HTTP {})",
            u64::from(status)
        )),
        Err(e) => Err(format!("the file could not be read ({e})")),
    }
}

/// The whole panel, reading its prefill from the page's URL.
#[component]
pub fn App() -> impl IntoView {
    let prefill = Prefill::from_location();
    view! { <Panel prefill=prefill /> }
}

/// The panel with an explicit prefill (tests mount it directly).
#[component]
pub fn Panel(
    /// Harmless fields from the URL.
    prefill: Prefill,
) -> AnyView {
    // The language; a host console may change it with `configure`.
    // Kept as the tag given (`zh`, `en-GB`…): a string signal costs less
    // wasm than one more signal type.
    let lang_tag = RwSignal::new(prefill.lang.clone().unwrap_or_else(browser_lang));
    let lang = move || lang_tag.with(|l| Lang::from_tag(l));

    // What panel.config.json says, once read; until then the defaults.
    let api_base = RwSignal::new(page_origin());
    let own_deadline = StoredValue::new(protocol::DEFAULT_DEADLINE_MS);
    // Why the configuration cannot be used; nothing is sent while it is set.
    let config_problem = RwSignal::new(None::<String>);
    // Keeping the session for the tab is an explicit opt-in the deployer
    // must allow; it never goes to localStorage.
    let remember_allowed = RwSignal::new(false);

    let session = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let uuid_text = RwSignal::new(prefill.uuid.clone().unwrap_or_default());
    let force = RwSignal::new(prefill.force);
    let system_tags = RwSignal::new(String::new());
    let user_tags = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    // Example mode answers with the published examples and sends nothing.
    let example = RwSignal::new(prefill.example);
    let example_choice = RwSignal::new(Example::Stopped.id().to_string());
    let phase = RwSignal::new(Phase::Idle);
    let now = RwSignal::new(client::now_ms());
    let generation = StoredValue::new(0u64);
    // The stop in flight: its fetch to abort and its elapsed-time ticker.
    let flight = StoredValue::new_local(None::<(AbortController, Option<IntervalHandle>)>);

    // Derived values are plain closures: each is cheap, and every distinct
    // memo type would cost its own copy of the memo machinery in the wasm.
    let in_flight = move || phase.with(Phase::is_waiting);
    let session_error = move || {
        let s = session.get();
        let t = lang().t();
        // Example mode sends nothing, so it needs no session.
        (attempted.get() && !example.get() && s.trim().is_empty())
            .then_some(t.session_required.to_string())
    };
    let uuid_error = move || {
        let u = uuid_text.get();
        // Empty is fine until a stop is tried, and in example mode, whose
        // answers then name the published task.
        if u.trim().is_empty() && (!attempted.get() || example.get()) {
            return None;
        }
        normalize_uuid(&u).err().map(|e| {
            let t = lang().t();
            t.uuid_error(t.task_uuid, &e)
        })
    };
    let request = move || StopRequest {
        api_base: api_base.get(),
        session: session.get().trim().to_string(),
        uuid: normalize_uuid(&uuid_text.get())
            .unwrap_or_else(|_| uuid_text.get().trim().to_string()),
        force: force.get(),
        system_tags: parse_tags(&system_tags.get()),
        user_tags: parse_tags(&user_tags.get()),
    };

    let remember = RwSignal::new(false);
    // The host console's origin, once an allowed parent frames the panel.
    let host_origin = RwSignal::new(None::<String>);

    // Once the configuration is known: read back a kept session, then greet
    // an allowed host console.
    spawn_local(async move {
        let c = match load_config().await {
            Ok(c) => c,
            Err(e) => return config_problem.set(Some(e)),
        };
        if let Some(base) = c.api_base {
            api_base.set(base);
        }
        if let Some(ms) = c.request_timeout_ms {
            own_deadline.set_value(ms);
        }
        if c.remember_tab {
            // Read back before the writer below may run, so it never clears
            // a kept session first.
            if let Some(s) = tab_storage().and_then(|st| st.get_item(REMEMBER_KEY).ok().flatten()) {
                remember.set(true);
                if session.get_untracked().is_empty() {
                    session.set(s);
                }
            }
            remember_allowed.set(true);
        }
        if let Some(origin) = host::allowed_parent(&c.allowed_origins) {
            host_origin.set(Some(origin.clone()));
            host::post(&origin, &embed::ready_message());
            host::watch_height(origin);
        }
    });
    // Only the framing console, once known, may configure the panel.
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let Some(origin) = host_origin.get_untracked() else {
            return;
        };
        let Some(cfg) = host::message_text(&ev, &[origin]).and_then(|t| embed::parse_configure(&t))
        else {
            return;
        };
        if let Some(s) = cfg.session {
            session.set(s);
        }
        if let Some(u) = cfg.uuid {
            uuid_text.set(u);
        }
        if let Some(f) = cfg.force {
            force.set(f);
        }
        if let Some(l) = cfg.lang {
            lang_tag.set(l);
        }
        if let Some(theme) = cfg.theme {
            host::set_theme(&theme);
        }
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        // Until the configuration allows it, nothing is stored or cleared.
        if !remember_allowed.get() {
            return;
        }
        let (keep, value) = (remember.get(), session.get());
        if let Some(st) = tab_storage() {
            let _ = if keep && !value.is_empty() {
                st.set_item(REMEMBER_KEY, &value)
            } else {
                st.remove_item(REMEMBER_KEY)
            };
        }
    });

    // Stops the ticker and, when asked, aborts the fetch.
    let end_flight = move |abort: bool| {
        if let Some((fetch, ticker)) = flight.try_update_value(Option::take).flatten() {
            if abort {
                fetch.abort();
            }
            if let Some(t) = ticker {
                t.clear();
            }
        }
    };
    let finish = move |gen: u64, outcome: Outcome| {
        if generation.get_value() != gen {
            return;
        }
        generation.update_value(|g| *g += 1);
        end_flight(false);
        if let Some(origin) = host_origin.get_untracked() {
            host::post(&origin, &embed::outcome_message(&outcome));
        }
        phase.set(Phase::Done(outcome));
    };

    let start = move || {
        if in_flight() {
            return;
        }
        attempted.set(true);
        let errors: Vec<String> = [session_error(), uuid_error()]
            .into_iter()
            .flatten()
            .collect();
        if !errors.is_empty() {
            phase.set(Phase::Invalid(errors));
            return;
        }
        if example.get_untracked() {
            let choice = example_choice.with_untracked(|c| Example::from_id(c));
            let uuid = normalize_uuid(&uuid_text.get_untracked())
                .unwrap_or_else(|_| protocol::EXAMPLE_UUID.to_string());
            let outcome = choice.unwrap_or(Example::Stopped).outcome(&uuid);
            // Never posted to a host console: it is not a real stop.
            phase.set(Phase::Example(outcome));
            return;
        }
        // A broken configuration sends nothing.
        if config_problem.with_untracked(Option::is_some) {
            return;
        }
        let own_deadline = own_deadline.get_value();
        let Ok(controller) = AbortController::new() else {
            phase.set(Phase::Done(Outcome::NetworkError(
                "AbortController is not available".into(),
            )));
            return;
        };
        let signal = controller.signal();
        generation.update_value(|g| *g += 1);
        let gen = generation.get_value();
        let started = client::now_ms();
        now.set(started);
        phase.set(Phase::Waiting {
            job_id: None,
            started_ms: started,
        });
        let ticker = set_interval_with_handle(
            move || now.set(client::now_ms()),
            std::time::Duration::from_millis(100),
        );
        flight.set_value(Some((controller, ticker.ok())));
        // Our own deadline also bounds a POST that never answers.
        set_timeout(
            move || {
                if generation.get_value() == gen {
                    end_flight(true);
                    finish(gen, Outcome::TimedOut(own_deadline));
                }
            },
            std::time::Duration::from_millis(own_deadline),
        );
        let req = request();
        spawn_local(async move {
            let outcome = client::run_stop(&req, &signal, own_deadline, move |job_id| {
                if generation.get_value() == gen {
                    phase.set(Phase::Waiting {
                        job_id: Some(job_id),
                        started_ms: started,
                    });
                }
            })
            .await;
            finish(gen, outcome);
        });
    };
    let cancel = move || {
        let gen = generation.get_value();
        end_flight(true);
        finish(gen, Outcome::Cancelled);
    };
    on_cleanup(move || end_flight(true));

    let sign_in = SignInState::default();

    // The view follows the language; every value lives in the signals above,
    // so switching language keeps what the person typed and the result.
    let panel_view = move |lang: Lang| {
        let t = lang.t();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", lang.tag());
            }
            doc.set_title(t.title);
        }
        let config_error = move || match config_problem.get() {
            Some(e) => el("div")
                .class("message error config-error")
                .attr("role", "alert")
                .child(el("h2").text(t.config_error))
                .child(el("p").text(e))
                .into_any(),
            None => nothing(),
        };
        let remember_box = move || {
            if remember_allowed.get() {
                check_box(t.remember, remember).into_any()
            } else {
                nothing()
            }
        };
        let cancel_button = move || {
            if in_flight() {
                el("button")
                    .attr("type", "button")
                    .class("secondary")
                    .on_click(cancel)
                    .text(t.cancel)
                    .into_any()
            } else {
                nothing()
            }
        };
        let session_field = el("div")
            .class("field")
            .child(el("label").attr("for", "session").text(t.session))
            .child(
                el("div")
                    .class("row")
                    .child(
                        uuid_input("session", "session-error", session, session_error)
                            .attr("name", "session")
                            .live_attr("type", move || {
                                Some(if reveal.get() { "text" } else { "password" }.into())
                            }),
                    )
                    .child(check_box(t.show_session, reveal))
                    .view(live(remember_box)),
            )
            .child(field_error("session-error", session_error));
        let task_field = el("div")
            .class("field")
            .child(el("label").attr("for", "task-uuid").text(t.task_uuid))
            .child(
                uuid_input("task-uuid", "uuid-error", uuid_text, uuid_error)
                    .attr("name", "uuid")
                    .attr("type", "text")
                    .attr("placeholder", "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71"),
            )
            .child(field_error("uuid-error", uuid_error));
        let force_field = el("div")
            .class("field")
            .child(
                el("label")
                    .class("check")
                    .child(
                        el("input")
                            .attr("id", "force")
                            .attr("type", "checkbox")
                            .attr("aria-describedby", "force-hint")
                            .bind_checked(force),
                    )
                    .text(t.force),
            )
            .child(
                el("p")
                    .attr("id", "force-hint")
                    .class("hint")
                    .text(t.force_hint),
            );
        let tags = el("div")
            .class("tags")
            .view(TagsField(TagsFieldProps {
                id: "system-tags",
                label: t.system_tags,
                value: system_tags,
            }))
            .view(TagsField(TagsFieldProps {
                id: "user-tags",
                label: t.user_tags,
                value: user_tags,
            }))
            .child(
                el("p")
                    .attr("id", "tags-hint")
                    .class("hint")
                    .text(t.tags_hint),
            );
        let example_choice_view = move || {
            if !example.get() {
                return nothing();
            }
            let chosen = example_choice.get_untracked();
            let options = Example::ALL.into_iter().zip(t.examples).map(|(e, label)| {
                let option = el("option").attr("value", e.id()).text(label);
                // The options are children, so the choice is marked on them.
                if e.id() == chosen {
                    option.attr("selected", "")
                } else {
                    option
                }
            });
            el("div")
                .class("example-choice")
                .child(el("p").class("example-note").text(t.example_note))
                .child(
                    el("label")
                        .attr("for", "example-answer")
                        .text(t.example_answer),
                )
                .child(
                    el("select")
                        .attr("id", "example-answer")
                        .on_input(move |v| example_choice.set(v))
                        .children(options),
                )
                .into_any()
        };
        let example_field = el("div")
            .class("field example")
            .child(check_box(t.use_examples, example))
            .view(live(example_choice_view));
        let actions = el("div")
            .class("actions")
            .child(
                el("button")
                    .attr("type", "submit")
                    .class("primary")
                    .attr("aria-label", t.stop)
                    .live_attr("disabled", move || {
                        let broken = config_problem.with(Option::is_some);
                        (in_flight() || broken).then(String::new)
                    })
                    .live_text(move || if in_flight() { t.stopping } else { t.stop }.into()),
            )
            .view(live(cancel_button));

        el("main")
            .class("panel")
            .child(
                el("header")
                    .class("panel-head")
                    .child(el("h1").text(t.title))
                    .child(el("p").class("subtitle").child(el("code").text(t.subtitle))),
            )
            .view(live(config_error))
            .view(SignIn(SignInProps {
                state: sign_in,
                session,
                api_base,
                result: phase,
                lang,
            }))
            .child(
                el("form")
                    .class("form")
                    .attr("novalidate", "")
                    .on_submit(start)
                    .child(session_field)
                    .child(task_field)
                    .child(force_field)
                    .child(tags)
                    .child(example_field)
                    .child(actions),
            )
            .view(ResultView(ResultViewProps {
                phase,
                now_ms: now,
                lang,
            }))
            .view(RequestPreview(RequestPreviewProps {
                request: Arc::new(request),
                reveal,
                lang,
            }))
            .into_any()
    };

    live(move || {
        let lang = lang();
        // Only the language rebuilds the view; reads while building it must
        // not subscribe it to anything else.
        untrack(move || panel_view(lang))
    })
}
