//! Components mounted in headless browsers (wasm-bindgen-test), and the
//! decode path that needs one: JSON.parse and serde-wasm-bindgen.
#![cfg(target_arch = "wasm32")]

use cbt_panel::app::Panel;
use cbt_panel::components::{ErrorTree, InventoryCard, ResultView, SessionField, SignIn, StopForm};
use cbt_panel::context::provide_state;
use cbt_panel::i18n::{provide_lang, Lang};
use cbt_panel::phase::Phase;
use cbt_panel::protocol::{classify_poll, decode_inventory, Outcome, Step};
use cbt_panel::state::Prefill;
use cbt_panel::stopper::Stopper;
use cbt_panel::wire::Raw;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> web_sys::HtmlElement {
    let el = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

async fn tick() {
    sleep(0).await;
}

/// A wait of a fixed length: only for checking that something does not
/// happen (what should happen is awaited with [`wait_until`]).
async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Waits until `ready` holds, checking every 20 ms; fails the test, naming
/// `what`, when it does not within five seconds.
async fn wait_until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..250 {
        if ready() {
            return;
        }
        sleep(20).await;
    }
    panic!("still waiting for {what} after 5 s");
}

/// Waits for the panel's form to be drawn.
async fn form_drawn(el: &web_sys::HtmlElement) {
    wait_until("the form", || {
        el.query_selector("#task-uuid").unwrap().is_some()
    })
    .await;
}

/// A property of `target` replaced for one test, put back when dropped,
/// whether the test passes or fails.
struct Stub {
    target: JsValue,
    name: &'static str,
    real: JsValue,
}

impl Stub {
    fn new(target: JsValue, name: &'static str, with: &JsValue) -> Stub {
        let real = js_sys::Reflect::get(&target, &name.into()).unwrap();
        js_sys::Reflect::set(&target, &name.into(), with).unwrap();
        Stub { target, name, real }
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::set(&self.target, &self.name.into(), &self.real);
    }
}

fn find(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// Types into an input as a person would: sets the value, fires `input`.
fn type_into(root: &web_sys::Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    let ev = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// Presses "Stop CBT Task" and returns the result region's outcome kind.
async fn press_stop(root: &web_sys::Element) -> Option<String> {
    find(root, "form.form button[type=submit]").click();
    tick().await;
    find(root, "[role=region]").get_attribute("data-outcome")
}

fn inventory(status: &str) -> cbt_panel::protocol::Inventory {
    let body = format!(
        r#"{{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","name":"My <b>Task</b>","description":"desc","status":"{status}","createDate":"Nov 14, 2017 10:20:57 PM","lastOpDate":"Feb 31, 2017 10:20:57 PM","resourceRefs":[{{"x":1}}]}}"#
    );
    decode_inventory(&Raw::parse(&body).unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn inventory_card_shows_every_field_as_text() {
    let el = container();
    let _dispose = mount_to(
        el.clone(),
        || view! { <InventoryCard inventory=inventory("Stopped") /> },
    );
    tick().await;
    let card = find(&el, "[data-status]");
    assert_eq!(
        card.get_attribute("data-status").as_deref(),
        Some("Stopped")
    );
    assert_eq!(text(&el, "h3"), "My <b>Task</b>");
    assert!(
        el.query_selector("b").unwrap().is_none(),
        "markup must stay text"
    );
    let times = el.query_selector_all("time").unwrap();
    let created: web_sys::Element = times.get(0).unwrap().unchecked_into();
    assert_eq!(
        created.get_attribute("title").as_deref(),
        Some("Nov 14, 2017 10:20:57 PM")
    );
    // Server local time, written as en-US writes it (no locale data loaded).
    assert_eq!(created.text_content().unwrap(), "11/14/2017, 10:20:57 PM");
    let last: web_sys::Element = times.get(1).unwrap().unchecked_into();
    assert_eq!(
        last.text_content().unwrap(),
        "Feb 31, 2017 10:20:57 PM",
        "a day the month does not have is shown as sent, not rolled over"
    );
    assert!(el.text_content().unwrap().contains(r#"[{"x":1}]"#));
}

#[wasm_bindgen_test]
async fn status_labels_in_both_languages_and_unknown_values_as_sent() {
    for (lang, status, label) in [
        (Lang::Zh, "Starting", "启动中"),
        (Lang::Zh, "Failed", "失败"),
        (Lang::En, "Running", "Running"),
        (Lang::En, "Paused", "Paused"),
    ] {
        let el = container();
        let _dispose = mount_to(el.clone(), move || {
            provide_lang(RwSignal::new(lang));
            view! { <InventoryCard inventory=inventory(status) /> }
        });
        tick().await;
        assert!(text(&el, ".badge").contains(label), "{status} in {lang:?}");
        let created = text(&el, "time");
        let written = match lang {
            Lang::Zh => "2017/11/14 22:20:57",
            Lang::En => "11/14/2017, 10:20:57 PM",
        };
        assert_eq!(created, written, "{lang:?}");
    }
}

fn api_error(body: &str) -> cbt_panel::protocol::ErrorTree {
    match classify_poll(503, body, "j") {
        Step::Done(Outcome::ApiError(tree)) => tree,
        other => panic!("{other:?}"),
    }
}

fn codes(el: &web_sys::Element) -> Vec<String> {
    let all = el.query_selector_all("[data-error-code]").unwrap();
    (0..all.length())
        .map(|i| {
            all.get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-error-code")
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn error_tree_nesting_mirrors_the_cause_chain() {
    let tree = api_error(
        r#"{"error":{"code":"A","cause":{"code":"B","cause":{"code":"C"}},"causes":[{"code":"D"}],"opaque":{"k":1},"newField":"<i>x</i>"}}"#,
    );
    let (el, _dispose) = mount_tree(tree);
    tick().await;
    let nested = el
        .query_selector(r#"[data-error-code="A"] [data-error-code="B"] [data-error-code="C"]"#)
        .unwrap();
    assert!(nested.is_some());
    assert_eq!(codes(&el), ["A", "B", "C", "D"]);
    let text = el.text_content().unwrap();
    assert!(text.contains("newField") && text.contains("<i>x</i>"));
    assert!(el.query_selector("i").unwrap().is_none());
}

/// Mounts an error tree; keep the handle alive while asserting.
fn mount_tree(tree: cbt_panel::protocol::ErrorTree) -> (web_sys::HtmlElement, impl Sized) {
    let el = container();
    let handle = mount_to(
        el.clone(),
        move || view! { <ErrorTree tree=tree.clone() /> },
    );
    (el, handle)
}

/// A `cause` chain `depth` deep, as the server would send it.
fn deep_chain(depth: usize) -> String {
    let mut s = String::from(r#"{"error":"#);
    for i in 0..depth {
        s.push_str(&format!(r#"{{"code":"SYS.{i}","cause":"#));
    }
    s.push_str(r#"{"code":"LAST"}"#);
    s.push_str(&"}".repeat(depth + 1));
    s
}

#[wasm_bindgen_test]
async fn a_chain_10000_deep_decodes_one_level_at_a_time_and_renders_24_levels() {
    // The whole chain decodes level by level, with no recursion...
    let body = deep_chain(10_000);
    let raw = Raw::parse(&body).unwrap();
    let error: cbt_panel::wire::ApiResult = raw.decode().unwrap();
    let whole = cbt_panel::protocol::decode_error(&error.error.unwrap()).unwrap();
    assert_eq!(whole.nodes.len(), 10_001);
    assert_eq!(whole.depth(), 10_001);
    // ...and a reply's tree holds the 24 levels shown first; each "Show
    // deeper causes" decodes and shows 24 more, in order.
    let tree = api_error(&body);
    assert_eq!(tree.depth(), 24);
    let (el, _dispose) = mount_tree(tree);
    tick().await;
    assert_eq!(codes(&el).len(), 24);
    for shown in [48, 72] {
        let buttons = el.query_selector_all("button.deeper").unwrap();
        assert_eq!(buttons.length(), 1);
        buttons
            .get(0)
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .click();
        tick().await;
        let codes = codes(&el);
        assert_eq!(codes.len(), shown);
        assert_eq!(codes[shown - 1], format!("SYS.{}", shown - 1));
    }
}

#[wasm_bindgen_test]
async fn ten_thousand_causes_render_fifty_at_a_time() {
    let causes: Vec<String> = (0..10_000)
        .map(|i| format!(r#"{{"code":"C.{i}"}}"#))
        .collect();
    let body = format!(
        r#"{{"error":{{"code":"ROOT","causes":[{}]}}}}"#,
        causes.join(",")
    );
    let tree = api_error(&body);
    assert_eq!(tree.nodes.len(), 10_001);
    let (el, _dispose) = mount_tree(tree);
    tick().await;
    assert_eq!(codes(&el).len(), 51);
    let more = find(&el, "button.more-causes");
    assert!(more.text_content().unwrap().contains("9950"));
    more.click();
    tick().await;
    assert_eq!(codes(&el).len(), 101);
    assert_eq!(codes(&el)[100], "C.99", "in order");
}

#[wasm_bindgen_test]
async fn long_values_are_clipped_with_a_way_to_see_all() {
    let long = "x".repeat(50_000);
    let tree = api_error(&format!(r#"{{"error":{{"code":"A","details":"{long}"}}}}"#));
    let (el, _dispose) = mount_tree(tree);
    tick().await;
    let shown = el.text_content().unwrap();
    assert!(shown.len() < 5_000, "{}", shown.len());
    assert!(shown.contains("48000"), "says how much is hidden");
    find(&el, "button.more").click();
    tick().await;
    assert!(el.text_content().unwrap().contains(&long));
}

/// Tricky JSON texts through the real decode path: the browser's
/// JSON.parse, then serde-wasm-bindgen into the wire types.
#[wasm_bindgen_test]
fn tricky_json_decodes_as_browsers_read_it() {
    let details = |body: &str| api_error(body).root().details.clone().unwrap_or_default();
    // A lone surrogate does not swallow the next character.
    assert_eq!(
        details(r#"{"error":{"code":"A","details":"\uD800\u0041"}}"#),
        "\u{FFFD}A"
    );
    // `\u+041` is not an escape: not JSON at all.
    assert!(matches!(
        cbt_panel::protocol::classify_stop(200, r#"{"x":"\u+041"}"#),
        Step::Done(Outcome::BadResponse { .. })
    ));
    // A duplicate key keeps the last value, so this 200 is the error it is.
    assert!(matches!(
        cbt_panel::protocol::classify_stop(200, r#"{"error":null,"error":{"code":"SYS.1006"}}"#),
        Step::Done(Outcome::ApiError(t)) if t.root().code == "SYS.1006"
    ));
    // apiTimeout in any number form.
    for t in ["60000", "6e4", "60000.0"] {
        let body = format!(r#"{{"location":"http://n/zstack/v1/api-jobs/j","apiTimeout":{t}}}"#);
        match cbt_panel::protocol::classify_stop(202, &body) {
            Step::Poll { api_timeout_ms, .. } => assert_eq!(api_timeout_ms, Some(60_000), "{t}"),
            other => panic!("{t}: {other:?}"),
        }
    }
    // Huge and negative numbers are ignored, never a panic.
    for t in ["1e400", "-5", "1e300"] {
        let body = format!(r#"{{"location":"http://n/zstack/v1/api-jobs/j","apiTimeout":{t}}}"#);
        assert!(matches!(
            cbt_panel::protocol::classify_stop(202, &body),
            Step::Poll { .. }
        ));
    }
    // A byte order mark before the JSON is not JSON.
    assert!(matches!(
        cbt_panel::protocol::classify_stop(200, "\u{feff}{}"),
        Step::Done(Outcome::BadResponse { .. })
    ));
    // Escapes and non-ASCII text come through whole.
    assert_eq!(
        details(r#"{"error":{"code":"A","details":"tab\tquote\" 中文 \ud83d\ude00"}}"#),
        "tab\tquote\" 中文 😀"
    );
    // Deep nesting in an unknown field stays raw, not recursed into.
    let deep = format!(
        r#"{{"error":{{"code":"A","extra":{}1{}}}}}"#,
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    assert_eq!(api_error(&deep).root().other[0].0, "extra");
    // The parser's own message reaches the person.
    match cbt_panel::protocol::classify_stop(200, "{\"a\":") {
        Step::Done(Outcome::BadResponse {
            kind: cbt_panel::protocol::BadKind::NotJson(m),
            ..
        }) => assert!(!m.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn host_messages_cross_as_objects() {
    let msg = cbt_panel::embed::ready_message();
    let kind = js_sys::Reflect::get(msg.js(), &"type".into()).unwrap();
    assert_eq!(kind.as_string().as_deref(), Some("cbt-panel:ready"));
    let version = js_sys::Reflect::get(msg.js(), &"version".into()).unwrap();
    assert_eq!(version.as_f64(), Some(1.0));
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"type".into(), &"cbt-panel:configure".into()).unwrap();
    js_sys::Reflect::set(&data, &"version".into(), &JsValue::from(1)).unwrap();
    js_sys::Reflect::set(&data, &"force".into(), &JsValue::TRUE).unwrap();
    let c = cbt_panel::embed::parse_configure(&Raw::from_js(data.into())).unwrap();
    assert_eq!(c.force, Some(true));
}

#[wasm_bindgen_test]
async fn result_region_carries_the_outcome_kind() {
    let el = container();
    let phase = RwSignal::new(Phase::Idle);
    let _dispose = mount_to(
        el.clone(),
        move || view! { <ResultView phase=move || phase.get() timing=|| None /> },
    );
    tick().await;
    let region = find(&el, "[role=region]");
    assert_eq!(
        region.get_attribute("aria-label").as_deref(),
        Some("Result")
    );
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(region.get_attribute("data-outcome"), None);
    // Started 2.5 s ago by the clock the view ticks with.
    phase.set(Phase::Waiting {
        job_id: Some("job-1".into()),
        started_ms: cbt_panel::client::now_ms() - 2_550.0,
    });
    tick().await;
    assert_eq!(
        region.get_attribute("data-outcome").as_deref(),
        Some("waiting")
    );
    assert!(region.text_content().unwrap().contains("job-1"));
    // 2.55 s, plus however long drawing took on a loaded machine (the
    // clock keeps running while the engine renders).
    let text = region.text_content().unwrap();
    assert!(
        ["2.5", "2.6", "2.7", "2.8", "2.9"]
            .iter()
            .any(|s| text.contains(s)),
        "an elapsed time from 2.5 s: {text}"
    );
    phase.set(Phase::Done(Outcome::Cancelled));
    tick().await;
    assert_eq!(
        region.get_attribute("data-outcome").as_deref(),
        Some("cancelled")
    );
}

/// The result region is rebuilt for every outcome with a language signal
/// of its own (so its texts do not stay subscribed to the panel's): its
/// texts still follow a switch in place, and a later outcome speaks the
/// language chosen since.
#[wasm_bindgen_test]
async fn a_rebuilt_result_follows_a_language_switch_in_place() {
    use cbt_panel::i18n::{EN, ZH};
    let el = container();
    let lang = RwSignal::new(Lang::En);
    let phase = RwSignal::new(Phase::Idle);
    let _dispose = mount_to(el.clone(), move || {
        provide_lang(lang);
        view! { <ResultView phase=move || phase.get() timing=|| None /> }
    });
    phase.set(Phase::Done(Outcome::Cancelled));
    tick().await;
    let head = find(&el, "[role=region] h2");
    assert_eq!(head.text_content().unwrap(), EN.cancelled_title);
    lang.set(Lang::Zh);
    tick().await;
    assert_eq!(head.text_content().unwrap(), ZH.cancelled_title);
    assert!(head.is_connected(), "the same element, not a rebuilt one");
    phase.set(Phase::Done(Outcome::TimedOut(1500)));
    tick().await;
    let head = find(&el, "[role=region] h2");
    assert_eq!(head.text_content().unwrap(), ZH.timed_out_title);
    lang.set(Lang::En);
    tick().await;
    assert_eq!(head.text_content().unwrap(), EN.timed_out_title);
}

fn panel(prefill: Prefill) -> (web_sys::HtmlElement, impl Sized) {
    let el = container();
    let handle = mount_to(el.clone(), move || {
        view! { <Panel prefill=prefill.clone() /> }.into_any()
    });
    (el, handle)
}

#[wasm_bindgen_test]
async fn the_form_refuses_a_bad_uuid_and_keeps_it() {
    let (el, _dispose) = panel(Prefill {
        uuid: Some("xyz".into()),
        force: true,
        lang: Some("en".into()),
        ..Prefill::default()
    });
    form_drawn(&el).await;
    let input: web_sys::HtmlInputElement = find(&el, "#task-uuid").unchecked_into();
    wait_until("the prefilled task", || input.value() == "xyz").await;
    let force: web_sys::HtmlInputElement = find(&el, "#force").unchecked_into();
    assert!(force.checked());
    find(&el, "form.form button[type=submit]").click();
    tick().await;
    let region = find(&el, "[role=region]");
    assert_eq!(
        region.get_attribute("data-outcome").as_deref(),
        Some("invalid-input")
    );
    let msg = text(&el, "#uuid-error");
    assert!(msg.contains("'x' is not allowed"), "{msg}");
    assert!(region
        .text_content()
        .unwrap()
        .contains("Enter a session UUID"));
    assert_eq!(input.value(), "xyz");
}

#[wasm_bindgen_test]
async fn a_session_that_is_not_a_uuid_is_refused_inline() {
    let (el, _dispose) = panel(Prefill {
        lang: Some("en".into()),
        ..Prefill::default()
    });
    form_drawn(&el).await;
    // (A line break cannot be typed into a one-line field: the browser
    // drops it. A host's `configure` or a login is checked the same way;
    // the native tests cover those texts.)
    for bad in [
        "x' -o /dev/null; touch pwned; echo '",
        "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71\u{200b}",
    ] {
        type_into(&el, "#session", bad);
        type_into(&el, "#task-uuid", "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71");
        assert_eq!(
            press_stop(&el).await.as_deref(),
            Some("invalid-input"),
            "{bad:?}"
        );
        assert!(
            text(&el, "#session-error").contains("Session UUID"),
            "{bad:?}"
        );
        let session: web_sys::HtmlInputElement = find(&el, "#session").unchecked_into();
        assert_eq!(session.value(), bad, "kept as typed");
        // The preview quotes the whole header, whatever it holds.
        assert!(!text(&el, "pre.curl").contains("touch pwned; echo '\n"));
    }
}

#[wasm_bindgen_test]
async fn the_form_speaks_chinese() {
    let (el, _dispose) = panel(Prefill {
        lang: Some("zh".into()),
        ..Prefill::default()
    });
    tick().await;
    assert_eq!(text(&el, "label[for=session]"), "会话 UUID");
    assert_eq!(text(&el, "form.form button[type=submit]"), "停止 CBT 任务");
}

#[wasm_bindgen_test]
async fn example_mode_answers_without_the_network_and_says_so() {
    let (el, _dispose) = panel(Prefill {
        lang: Some("en".into()),
        example: true,
        ..Prefill::default()
    });
    tick().await;
    find(&el, "form.form button[type=submit]").click();
    tick().await;
    let region = find(&el, "[role=region]");
    assert_eq!(
        region.get_attribute("data-outcome").as_deref(),
        Some("stopped")
    );
    assert_eq!(
        region.get_attribute("data-example").as_deref(),
        Some("true")
    );
    let text = region.text_content().unwrap();
    assert!(text.contains("nothing was sent"), "{text}");
    assert!(text.contains("My Task"), "{text}");
    assert!(text.contains(cbt_panel::examples::EXAMPLE_UUID), "{text}");
}

/// Unmounting the panel while a stop is in flight, and again within its
/// deadline, must neither panic nor leave anything running that touches
/// the disposed panel.
#[wasm_bindgen_test]
async fn unmounting_mid_stop_is_safe() {
    // The stop is accepted and its job keeps running: every poll counts.
    let _stub = stub_fetch(
        "if (url.includes('/cbt-task/disable/'))
           return Promise.resolve(new Response('{\"location\":\"http://10.0.0.5/zstack/v1/api-jobs/j1\",\"apiTimeout\":600000}', { status: 202 }));
         if (url.includes('/api-jobs/')) {
           window.__polls = (window.__polls || 0) + 1;
           return Promise.resolve(new Response('{}', { status: 202 }));
         }
         return real(input, init);",
    );
    let polls = || {
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__polls".into())
            .unwrap()
            .as_f64()
            .unwrap_or(0.0)
    };
    let (el, handle) = panel(Prefill {
        uuid: Some("5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71".into()),
        lang: Some("en".into()),
        ..Prefill::default()
    });
    // Wait for the configuration (a 404 here: the defaults).
    wait_until("the configuration", || {
        el.query_selector(".config-loading").unwrap().is_none()
    })
    .await;
    type_into(&el, "#session", "b86c9016b4f24953a9edefb53ca0678c");
    assert_eq!(press_stop(&el).await.as_deref(), Some("waiting"));
    wait_until("the job polled", || polls() >= 1.0).await;
    drop(handle);
    // Nothing of the stop outlives the panel: no poll after the unmount.
    // Polls come every 250 ms to 2 s while a job runs, so none in 2.5 s
    // means the stop was aborted (a wait for something that must not
    // happen is a wait of a fixed length).
    let after = polls();
    sleep(2500).await;
    assert_eq!(polls(), after, "no poll after the unmount");
}

/// The sign-in, talking to an address nothing listens on (tests stub
/// fetch), giving up after `deadline_ms`.
fn sign_in(deadline_ms: u64) -> impl IntoView {
    let base = Signal::stored(Some("http://127.0.0.1:9".to_string()));
    view! { <SignIn api_base=base deadline_ms=deadline_ms /> }
}

/// Mounts the form and sign-in with a language the test controls.
fn form_in(lang: RwSignal<Lang>) -> (web_sys::HtmlElement, impl Sized) {
    let el = container();
    let handle = mount_to(el.clone(), move || {
        provide_lang(lang);
        provide_state(&Prefill::default());
        view! {
            {sign_in(30_000)}
            <SessionField remember_allowed=false on_enter=|| {} />
            <StopForm on_stop=|| {} blocked=false />
        }
        .into_any()
    });
    (el, handle)
}

#[wasm_bindgen_test]
async fn a_language_switch_changes_text_in_place() {
    let lang = RwSignal::new(Lang::En);
    let (el, _dispose) = form_in(lang);
    tick().await;
    let details: web_sys::HtmlDetailsElement = find(&el, "details.sign-in").unchecked_into();
    details.set_open(true);
    let input = find(&el, "#task-uuid");
    input.focus().unwrap();
    let button = find(&el, "form.form button[type=submit]");
    assert_eq!(button.text_content().unwrap(), "Stop CBT Task");
    lang.set(Lang::Zh);
    tick().await;
    assert_eq!(button.text_content().unwrap(), "停止 CBT 任务");
    assert!(button.is_connected(), "the same element, not a rebuilt one");
    assert!(details.open(), "the disclosure stays open");
    let focused = doc().active_element().unwrap();
    assert!(focused.is_same_node(Some(&input)), "focus stays");
}

/// Replaces `navigator.clipboard.writeText` with one that settles as told.
fn stub_clipboard(ok: bool) -> Stub {
    let clipboard = web_sys::window().unwrap().navigator().clipboard();
    let f = if ok {
        js_sys::Function::new_no_args("return Promise.resolve()")
    } else {
        js_sys::Function::new_no_args("return Promise.reject(new Error('denied'))")
    };
    Stub::new(clipboard.into(), "writeText", &f)
}

#[wasm_bindgen_test]
async fn copy_says_copied_only_when_the_clipboard_took_it() {
    let (el, _dispose) = panel(Prefill {
        lang: Some("en".into()),
        ..Prefill::default()
    });
    tick().await;
    let copy = find(&el, ".preview button.copy");
    let label = || copy.text_content().unwrap();
    let before = label();
    let stub = stub_clipboard(false);
    copy.click();
    wait_until("the failure said", || label() == "Copy failed").await;
    wait_until("the label back", || label() == before).await;
    drop(stub);
    let _stub = stub_clipboard(true);
    copy.click();
    wait_until("the copy said", || label() == "Copied").await;
}

#[wasm_bindgen_test]
async fn a_sign_in_that_never_answers_ends_at_its_deadline() {
    // A fetch that never settles unless aborted.
    let w = web_sys::window().unwrap();
    let hang = js_sys::Function::new_with_args(
        "input, init",
        "return new Promise((_, reject) => { const s = init && init.signal || input.signal; \
         if (s) s.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))); })",
    );
    let _stub = Stub::new(w.into(), "fetch", &hang);
    let el = container();
    let _dispose = mount_to(el.clone(), move || {
        provide_state(&Prefill::default());
        sign_in(200)
    });
    tick().await;
    type_into(&el, "#account-name", "admin");
    type_into(&el, "#password", "password");
    find(&el, ".sign-in-form button[type=submit]").click();
    let button = find(&el, ".sign-in-form button[type=submit]");
    wait_until("busy while it waits", || button.has_attribute("disabled")).await;
    wait_until("usable again at the deadline", || {
        !button.has_attribute("disabled")
    })
    .await;
    assert!(el
        .text_content()
        .unwrap()
        .contains("did not answer the sign-in in time"));
}

/// Replaces `window.fetch` for one test: `script` is the body of a function
/// of `(input, init, real)` returning a Promise of a Response. The real
/// fetch is put back when the guard is dropped.
fn stub_fetch(script: &str) -> Stub {
    let w = web_sys::window().unwrap();
    let real = js_sys::Reflect::get(&w, &"fetch".into()).unwrap();
    let make = js_sys::Function::new_with_args("real", &format!(
        "return (input, init) => {{ const url = typeof input === 'string' ? input : input.url; {script} }}"
    ));
    let stub = make.call1(&JsValue::NULL, &real).unwrap();
    Stub::new(w.into(), "fetch", &stub)
}

/// Web Crypto in this engine: the login carries the password's SHA-512 as
/// lowercase hex, and a refusal lands in the result region.
#[wasm_bindgen_test]
async fn sign_in_sends_the_passwords_sha512() {
    let stub = stub_fetch(
        "if (!url.endsWith('/accounts/login')) return real(input, init);
         return input.clone().text().then((body) => {
           window.__login = body;
           return new Response('{\"error\":{\"code\":\"ID.1000\",\"description\":\"Unable to authenticate a user\"}}', { status: 503 });
         });",
    );
    let el = container();
    let _dispose = mount_to(el.clone(), move || {
        let stopper = provide_state(&Prefill::default()).stopper;
        view! {
            {sign_in(30_000)}
            <ResultView phase=move || stopper.phase() timing=|| None />
        }
    });
    tick().await;
    type_into(&el, "#account-name", "admin");
    type_into(&el, "#password", "password");
    find(&el, ".sign-in-form button[type=submit]").click();
    wait_until("the refusal's error tree", || {
        el.query_selector("[data-error-code]").unwrap().is_some()
    })
    .await;
    drop(stub);
    let sent = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__login".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(
        sent,
        r#"{"logInByAccount":{"accountName":"admin","password":"b109f3bbbc244eb82441917ed06d618b9008dd09b3befd1b5e07394c706a8bb980b1d7785e5976ec049b46df5f1326af5a2ea6d103fd07c95385ffab0cacbc86"}}"#
    );
    assert_eq!(
        find(&el, "[data-error-code]")
            .get_attribute("data-error-code")
            .as_deref(),
        Some("ID.1000")
    );
}

/// sessionStorage in this engine: only where the deployer allows it, only
/// when ticked, and read back by the next panel.
#[wasm_bindgen_test]
async fn remember_for_this_tab_keeps_the_session_in_session_storage() {
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage.clear().unwrap();
    // Not offered where the deployer has not allowed it (no file: the
    // defaults).
    let (el, handle) = panel(Prefill {
        lang: Some("en".into()),
        ..Prefill::default()
    });
    wait_until("the configuration", || {
        el.query_selector(".config-loading").unwrap().is_none()
    })
    .await;
    assert!(!el.text_content().unwrap().contains("Remember for this tab"));
    drop(handle);
    let stub = stub_fetch(
        "if (!url.endsWith('panel.config.json')) return real(input, init);
         return Promise.resolve(new Response('{\"rememberSession\":\"tab\"}',
           { status: 200, headers: { 'content-type': 'application/json' } }));",
    );
    let session = "b86c9016b4f24953a9edefb53ca0678c";
    let (el, handle) = panel(Prefill {
        lang: Some("en".into()),
        ..Prefill::default()
    });
    wait_until("Remember for this tab", || {
        el.text_content().unwrap().contains("Remember for this tab")
    })
    .await;
    type_into(&el, "#session", session);
    assert_eq!(
        storage.get_item("cbt-panel.session").unwrap(),
        None,
        "not before the tick"
    );
    let remember: web_sys::HtmlInputElement = el
        .query_selector_all("label.check")
        .unwrap()
        .get(1)
        .unwrap()
        .unchecked_into::<web_sys::Element>()
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    remember.click();
    tick().await;
    assert_eq!(
        storage.get_item("cbt-panel.session").unwrap().as_deref(),
        Some(session)
    );
    assert_eq!(
        web_sys::window()
            .unwrap()
            .local_storage()
            .unwrap()
            .unwrap()
            .length()
            .unwrap(),
        0
    );
    drop(handle);
    // A new panel in the same tab reads it back.
    let (el, _dispose) = panel(Prefill {
        lang: Some("en".into()),
        ..Prefill::default()
    });
    let value = || {
        el.query_selector("#session")
            .unwrap()
            .map(|i| i.unchecked_into::<web_sys::HtmlInputElement>().value())
            .unwrap_or_default()
    };
    wait_until("the kept session", || !value().is_empty()).await;
    drop(stub);
    storage.clear().unwrap();
    assert_eq!(value(), session);
}

/// A stop that went out: the POST answered 202, then fetch failed.
fn record_with_a_lost_poll() -> cbt_panel::history::Record {
    use cbt_panel::transport::{Exchange, Method, Reply};
    let mut r = cbt_panel::examples::Example::Stopped.record("", 1.0);
    r.example = false;
    r.steps = vec![
        Exchange {
            method: Method::Post,
            url: "https://z.example.com/zstack/v1/cbt-task/disable/5c1e".into(),
            auth: Some("OAuth ••••1a2b".into()),
            reply: Ok(Reply {
                status: 202,
                location: Some("https://z.example.com/zstack/v1/api-jobs/j".into()),
                text: "<b>not markup</b>".into(),
                ..Reply::default()
            }),
            ms: 12,
        },
        Exchange {
            method: Method::Get,
            url: "https://z.example.com/zstack/v1/api-jobs/j".into(),
            auth: None,
            reply: Err("TypeError: Failed to fetch".into()),
            ms: 3,
        },
    ];
    r
}

#[wasm_bindgen_test]
async fn request_details_list_each_step_as_text_and_follow_the_language() {
    use cbt_panel::components::RequestDetails;
    use cbt_panel::history::History;
    use cbt_panel::i18n::{EN, ZH};
    let el = container();
    let lang = RwSignal::new(Lang::En);
    let tab = RwSignal::new(History::default());
    let _dispose = mount_to(el.clone(), move || {
        provide_lang(lang);
        view! { <RequestDetails history=tab /> }
    });
    tick().await;
    assert!(
        el.query_selector("#request-details").unwrap().is_none(),
        "nothing shown, no details"
    );
    tab.update(|t| {
        t.add(record_with_a_lost_poll());
    });
    tick().await;
    let steps = el.query_selector_all("li.step").unwrap();
    assert_eq!(steps.length(), 2);
    let post = text(&el, "li.step:nth-child(1)");
    assert!(
        post.contains("POST /zstack/v1/cbt-task/disable/5c1e202 Accepted12 ms · 17 B"),
        "{post}"
    );
    assert!(post.contains("OAuth ••••1a2b"));
    assert!(post.contains("Locationhttps://z.example.com/zstack/v1/api-jobs/j"));
    assert!(
        el.query_selector("li.step b").unwrap().is_none(),
        "a body is text, never markup"
    );
    let lost = text(&el, "li.step:nth-child(2)");
    assert!(
        lost.contains("No reply") && lost.contains("TypeError: Failed to fetch"),
        "{lost}"
    );
    assert_eq!(
        el.query_selector_all("li.step button.copy")
            .unwrap()
            .length(),
        1
    );
    let summary = find(&el, "#request-details summary");
    assert_eq!(summary.text_content().unwrap(), EN.request_details);
    lang.set(Lang::Zh);
    tick().await;
    assert_eq!(summary.text_content().unwrap(), ZH.request_details);
    assert!(text(&el, "li.step:nth-child(1)").contains("17 字节"));
    // Nothing shown (a refused input, say): no details.
    tab.update(|t| t.shown = None);
    tick().await;
    assert!(el.query_selector("#request-details").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_history_shows_a_stop_again_in_place() {
    use cbt_panel::components::StopHistory;
    let el = container();
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let keep = made.clone();
    let lang = RwSignal::new(Lang::En);
    let _dispose = mount_to(el.clone(), move || {
        provide_lang(lang);
        let stopper = provide_state(&Prefill::default()).stopper;
        keep.set(Some(stopper));
        view! { <StopHistory /> }
    });
    let stopper: Stopper = made.get().unwrap();
    tick().await;
    assert!(
        el.query_selector("#history").unwrap().is_none(),
        "no stop yet, no list"
    );
    stopper.history.update(|t| {
        t.add(record_with_a_lost_poll());
    });
    let example = cbt_panel::examples::Example::TaskNotFound.record("", 2.0);
    stopper.history.update(|t| {
        t.add(example);
    });
    tick().await;
    let kinds: Vec<String> = (0..2)
        .map(|i| {
            find(&el, &format!("#history li:nth-child({})", i + 1))
                .get_attribute("data-kind")
                .unwrap()
        })
        .collect();
    assert_eq!(kinds, ["api-error", "stopped"], "newest first");
    assert!(text(&el, "#history li:nth-child(1)").contains("Example: nothing was sent"));
    assert!(text(&el, "#history li:nth-child(2)").contains("My Task"));
    find(&el, "#history li:nth-child(2) button").click();
    tick().await;
    assert_eq!(stopper.phase().kind(), Some("stopped"));
    assert!(
        matches!(stopper.phase(), Phase::Done(_)),
        "a real stop shows as one"
    );
    assert_eq!(stopper.history.with(|t| t.shown), Some(1));
    // The entries' texts follow a language switch in place: the same
    // button, still focused.
    let show = find(&el, "#history li:nth-child(2) button");
    show.focus().unwrap();
    lang.set(Lang::Zh);
    tick().await;
    assert_eq!(show.text_content().unwrap(), cbt_panel::i18n::ZH.show_again);
    assert!(show.is_connected(), "the same button, not a rebuilt one");
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(focused, Some(show.clone().into()));
    assert!(text(&el, "#history li:nth-child(1)").contains(cbt_panel::i18n::ZH.example_tag));
    // The list is named by the section's heading, for list navigation.
    assert_eq!(
        find(&el, "ol#history")
            .get_attribute("aria-labelledby")
            .as_deref(),
        Some("history-title")
    );
}

/// Signing out ends what the old session started and showed: the stop in
/// flight is abandoned (it never lands in the cleared history), the result
/// region and the finder's list are emptied; the password was cleared as
/// soon as the sign-in used it.
#[wasm_bindgen_test]
async fn signing_out_abandons_the_stop_in_flight_and_clears_what_it_showed() {
    let session = "0123456789abcdef0123456789ab1a2b";
    let task = r#"{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","name":"Old session task","status":"Running"}"#;
    let stub = stub_fetch(&format!(
        "if (url.endsWith('/accounts/login'))
           return Promise.resolve(new Response('{{\"inventory\":{{\"uuid\":\"{session}\"}}}}', {{ status: 200 }}));
         if (url.includes('/cbt-task/disable/'))
           return new Promise((_, reject) => (init && init.signal || input.signal).addEventListener('abort',
             () => reject(new DOMException('aborted', 'AbortError'))));
         if (url.includes('/zstack/v1/cbt-task'))
           return Promise.resolve(new Response('{{\"inventories\":[{task}],\"total\":1}}', {{ status: 200 }}));
         if (url.includes('/accounts/sessions/'))
           return Promise.resolve(new Response('{{}}', {{ status: 200 }}));
         return real(input, init);"
    ));
    let (el, _dispose) = panel(Prefill {
        lang: Some("en".into()),
        ..Prefill::default()
    });
    wait_until("the configuration", || {
        el.query_selector(".config-loading").unwrap().is_none()
    })
    .await;
    type_into(&el, "#account-name", "admin");
    type_into(&el, "#password", "password");
    find(&el, ".sign-in-form button[type=submit]").click();
    let field = |sel: &str| -> String {
        el.query_selector(sel)
            .unwrap()
            .map(|i| i.unchecked_into::<web_sys::HtmlInputElement>().value())
            .unwrap_or_default()
    };
    wait_until("the new session", || field("#session") == session).await;
    type_into(&el, "#finder", "task");
    wait_until("the finder's list", || {
        el.query_selector("#finder-list li").unwrap().is_some()
    })
    .await;
    type_into(&el, "#task-uuid", "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71");
    assert_eq!(press_stop(&el).await.as_deref(), Some("waiting"));
    find(&el, ".signed-in button").click();
    tick().await;
    assert_eq!(
        find(&el, "[role=region]").get_attribute("data-outcome"),
        None
    );
    assert!(el.query_selector("#finder-list li").unwrap().is_none());
    assert_eq!(field("#session"), "");
    // The abandoned stop ends (aborted) without landing anywhere.
    sleep(300).await;
    drop(stub);
    assert_eq!(
        find(&el, "[role=region]").get_attribute("data-outcome"),
        None
    );
    assert!(el.query_selector("#history").unwrap().is_none());
    // Signing in again finds the password field empty.
    assert_eq!(field("#password"), "");
}

/// "Several tasks" mounted with the state kept, the configuration settled
/// (defaults), a session, and fetch answering: a list of five tasks, a
/// task read by UUID, and a direct stop naming its task. Every POST's URL
/// goes into `window.__posts`.
fn several_tasks(
    prefill: Prefill,
) -> (
    web_sys::HtmlElement,
    cbt_panel::context::State,
    Stub,
    impl Sized,
) {
    use cbt_panel::app::PanelView;
    use cbt_panel::components::TaskTab;
    let stub = stub_fetch(
        "const task = (n) => ({ uuid: n.toString(16).padStart(32, '0'), name: 'task-' + n, status: 'Running' });
         const json = (v) => Promise.resolve(new Response(JSON.stringify(v), { status: 200 }));
         if (url.includes('/cbt-task/disable/')) {
           window.__posts.push(url);
           return json({ inventory: { uuid: url.split('/').pop(), status: 'Stopped' } });
         }
         const one = url.match(/cbt-task\\/([0-9a-f]{32})$/);
         if (one) return json({ inventories: [task(parseInt(one[1], 16))] });
         if (url.includes('/zstack/v1/cbt-task?')) return json({ inventories: [1, 2, 3, 4, 5].map(task), total: 5 });
         return real(input, init);",
    );
    js_sys::Reflect::set(
        &web_sys::window().unwrap(),
        &"__posts".into(),
        &js_sys::Array::new(),
    )
    .unwrap();
    let el = container();
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let keep = made.clone();
    let handle = mount_to(el.clone(), move || {
        let lang = RwSignal::new(Lang::En);
        provide_lang(lang);
        let state = provide_state(&prefill);
        state.settings.set(cbt_panel::state::Settings::Ready(
            cbt_panel::config::PanelConfig::default(),
        ));
        state
            .form
            .session
            .set("0123456789abcdef0123456789abcdef".into());
        keep.set(Some(state));
        view! { <PanelView state=state lang=lang tab=RwSignal::new(TaskTab::Several) /> }
    });
    (el, made.get().unwrap(), stub, handle)
}

fn posts() -> Vec<String> {
    let v = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__posts".into()).unwrap();
    js_sys::Array::from(&v)
        .iter()
        .map(|u| u.as_string().unwrap())
        .collect()
}

fn tick_task(el: &web_sys::Element, n: u32) {
    find(el, &format!("input[aria-label='Select task-{n}']")).click();
}

fn dialog_open(el: &web_sys::Element) -> bool {
    find(el, "dialog.confirm").has_attribute("open")
}

fn ctrl_enter(target: &web_sys::Element) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

fn uuid_of(n: u32) -> String {
    format!("{n:032x}")
}

/// behaviour §6.1: the dialog lists what it stops, taken when it opens; a
/// host that changes the selection meanwhile closes it and nothing is
/// sent; "Stop N tasks" then stops exactly the N it listed.
#[wasm_bindgen_test]
async fn the_dialog_stops_exactly_what_it_listed() {
    let (el, state, _stub, _dispose) = several_tasks(Prefill::default());
    wait_until("the task list", || {
        el.query_selector("input[aria-label='Select task-5']")
            .unwrap()
            .is_some()
    })
    .await;
    tick_task(&el, 1);
    tick_task(&el, 2);
    tick().await;
    find(&el, ".several .actions button.primary").click();
    tick().await;
    assert!(dialog_open(&el));
    assert_eq!(text(&el, "#confirm-title"), "Stop 2 tasks?");
    assert_eq!(text(&el, ".confirm-list"), "task-1task-2");
    let stop = find(&el, "dialog.confirm button.primary");
    // A host names other tasks while the dialog is open: it closes.
    state
        .several
        .pick_uuids(&[uuid_of(3), uuid_of(4), uuid_of(5)]);
    tick().await;
    assert!(!dialog_open(&el), "a changed selection closes the dialog");
    stop.click();
    sleep(100).await;
    assert_eq!(posts(), Vec::<String>::new(), "nothing was confirmed");
    wait_until("the host's tasks checked", || {
        state.several.sendable_count() == 3
    })
    .await;
    find(&el, ".several .actions button.primary").click();
    tick().await;
    assert_eq!(text(&el, "#confirm-title"), "Stop 3 tasks?");
    assert_eq!(text(&el, ".confirm-list"), "task-3task-4task-5");
    find(&el, "dialog.confirm button.primary").click();
    wait_until("three stops", || posts().len() == 3).await;
    sleep(100).await;
    let mut sent = posts();
    sent.sort();
    let want: Vec<String> = [3, 4, 5]
        .iter()
        .map(|n| format!("/zstack/v1/cbt-task/disable/{}", uuid_of(*n)))
        .collect();
    assert!(
        sent.iter().zip(&want).all(|(s, w)| s.ends_with(w.as_str())) && sent.len() == 3,
        "{sent:?}"
    );
}

/// behaviour §6.1: Ctrl+Enter acts on the shown tab: on "Several tasks" it
/// opens the dialog, never the hidden one-task form's stop; with the dialog
/// open it sends nothing.
#[wasm_bindgen_test]
async fn ctrl_enter_on_several_tasks_never_stops_the_hidden_task() {
    let (el, _state, _stub, _dispose) = several_tasks(Prefill {
        uuid: Some(uuid_of(9)),
        force: true,
        ..Prefill::default()
    });
    wait_until("the task list", || {
        el.query_selector("input[aria-label='Select task-5']")
            .unwrap()
            .is_some()
    })
    .await;
    let filter = find(&el, "#filter-tasks");
    ctrl_enter(&filter);
    sleep(50).await;
    assert_eq!(
        posts(),
        Vec::<String>::new(),
        "nothing selected, nothing sent"
    );
    assert!(!dialog_open(&el));
    tick_task(&el, 2);
    tick().await;
    ctrl_enter(&filter);
    tick().await;
    assert!(
        dialog_open(&el),
        "Ctrl+Enter opens the dialog, even for one task"
    );
    assert_eq!(text(&el, ".confirm-list"), "task-2");
    ctrl_enter(&find(&el, "dialog.confirm button.primary"));
    ctrl_enter(&find(&el, "dialog.confirm"));
    sleep(100).await;
    assert_eq!(
        posts(),
        Vec::<String>::new(),
        "no shortcut sends from the dialog"
    );
    assert!(dialog_open(&el));
}

/// A task a stop read back changes in its own row, in place (the row stays
/// the same element), without the tasks being listed again.
#[wasm_bindgen_test]
async fn a_stopped_tasks_row_says_so_in_place() {
    let (el, state, _stub, _dispose) = several_tasks(Prefill::default());
    let row = |n: u32| find(&el, &format!("tr[data-task-uuid='{}']", uuid_of(n)));
    wait_until("the task list", || {
        el.query_selector("input[aria-label='Select task-5']")
            .unwrap()
            .is_some()
    })
    .await;
    let before = row(2);
    assert_eq!(
        before.get_attribute("data-task-status").as_deref(),
        Some("Running")
    );
    tick_task(&el, 2);
    tick().await;
    find(&el, ".several .actions button.primary").click();
    wait_until("the row says Stopped", || {
        row(2).get_attribute("data-task-status").as_deref() == Some("Stopped")
    })
    .await;
    assert!(row(2).is_same_node(Some(&before)), "the same row, changed");
    assert_eq!(
        row(3).get_attribute("data-task-status").as_deref(),
        Some("Running")
    );
    assert_eq!(posts().len(), 1);
    // A batch's rows change once it has ended.
    state.several.clear();
    tick_task(&el, 3);
    tick_task(&el, 4);
    tick().await;
    find(&el, ".several .actions button.primary").click();
    tick().await;
    find(&el, "dialog.confirm button.primary").click();
    wait_until("the batch's rows say Stopped", || {
        [3, 4]
            .iter()
            .all(|n| row(*n).get_attribute("data-task-status").as_deref() == Some("Stopped"))
    })
    .await;
    assert_eq!(posts().len(), 3);
}
