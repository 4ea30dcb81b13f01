//! Components mounted in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use cbt_panel::app::{Panel, Prefill};
use cbt_panel::components::{ErrorTree, InventoryCard, Phase, ResultView};
use cbt_panel::i18n::Lang;
use cbt_panel::protocol::{classify_poll, classify_read_back, Outcome, Step};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

fn inventory(status: &str) -> cbt_panel::protocol::Inventory {
    let body = format!(
        r#"{{"inventories":[{{"uuid":"5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71","name":"My <b>Task</b>","description":"desc","status":"{status}","createDate":"Nov 14, 2017 10:20:57 PM","lastOpDate":"not a date"}}]}}"#
    );
    match classify_read_back(200, &body) {
        Outcome::Stopped(inv) => inv,
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
async fn inventory_card_shows_every_field_as_text() {
    let el = container();
    let _dispose = mount_to(
        el.clone(),
        || view! { <InventoryCard inventory=inventory("Stopped") lang=Lang::En /> },
    );
    tick().await;
    let card = el.query_selector("[data-status]").unwrap().unwrap();
    assert_eq!(
        card.get_attribute("data-status").as_deref(),
        Some("Stopped")
    );
    let heading = el.query_selector("h3").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "My <b>Task</b>");
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
    assert!(created.text_content().unwrap().contains("2017"));
    let last: web_sys::Element = times.get(1).unwrap().unchecked_into();
    assert_eq!(
        last.text_content().unwrap(),
        "not a date",
        "unparsable dates are shown as sent"
    );
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
        let _dispose = mount_to(
            el.clone(),
            move || view! { <InventoryCard inventory=inventory(status) lang=lang /> },
        );
        tick().await;
        let badge = el.query_selector(".badge").unwrap().unwrap();
        assert!(
            badge.text_content().unwrap().contains(label),
            "{status} in {lang:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn error_tree_nesting_mirrors_the_cause_chain() {
    let body = r#"{"error":{"code":"A","cause":{"code":"B","cause":{"code":"C"}},"causes":[{"code":"D"}],"opaque":{"k":1},"newField":"<i>x</i>"}}"#;
    let Step::Done(Outcome::ApiError(tree)) = classify_poll(503, body, "j") else {
        panic!()
    };
    let el = container();
    let _dispose = mount_to(
        el.clone(),
        move || view! { <ErrorTree tree=tree.clone() lang=Lang::En /> },
    );
    tick().await;
    let nested = el
        .query_selector(r#"[data-error-code="A"] [data-error-code="B"] [data-error-code="C"]"#)
        .unwrap();
    assert!(nested.is_some());
    let all = el.query_selector_all("[data-error-code]").unwrap();
    let order: Vec<String> = (0..all.length())
        .map(|i| {
            all.get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-error-code")
                .unwrap()
        })
        .collect();
    assert_eq!(order, ["A", "B", "C", "D"]);
    let text = el.text_content().unwrap();
    assert!(text.contains("newField") && text.contains("<i>x</i>"));
    assert!(el.query_selector("i").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn result_region_carries_the_outcome_kind() {
    let el = container();
    let phase = RwSignal::new(Phase::Idle);
    let now = RwSignal::new(0.0);
    let _dispose = mount_to(
        el.clone(),
        move || view! { <ResultView phase=phase now_ms=now lang=Lang::En /> },
    );
    tick().await;
    let region = el.query_selector("[role=region]").unwrap().unwrap();
    assert_eq!(
        region.get_attribute("aria-label").as_deref(),
        Some("Result")
    );
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(region.get_attribute("data-outcome"), None);
    phase.set(Phase::Waiting {
        job_id: Some("job-1".into()),
        started_ms: 0.0,
    });
    now.set(2500.0);
    tick().await;
    assert_eq!(
        region.get_attribute("data-outcome").as_deref(),
        Some("waiting")
    );
    assert!(region.text_content().unwrap().contains("job-1"));
    assert!(region.text_content().unwrap().contains("2.5"));
    phase.set(Phase::Done(Outcome::Cancelled));
    tick().await;
    assert_eq!(
        region.get_attribute("data-outcome").as_deref(),
        Some("cancelled")
    );
}

#[wasm_bindgen_test]
async fn the_form_refuses_a_bad_uuid_and_keeps_it() {
    let el = container();
    let prefill = Prefill {
        uuid: Some("xyz".into()),
        force: true,
        lang: Some("en".into()),
        ..Prefill::default()
    };
    let _dispose = mount_to(
        el.clone(),
        move || view! { <Panel prefill=prefill.clone() /> },
    );
    tick().await;
    let input: web_sys::HtmlInputElement = el
        .query_selector("#task-uuid")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.value(), "xyz");
    let force: web_sys::HtmlInputElement = el
        .query_selector("#force")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(force.checked());
    let button: web_sys::HtmlElement = el
        .query_selector("form.form button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    tick().await;
    let region = el.query_selector("[role=region]").unwrap().unwrap();
    assert_eq!(
        region.get_attribute("data-outcome").as_deref(),
        Some("invalid-input")
    );
    let msg = el
        .query_selector("#uuid-error")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(msg.contains("'x' is not allowed"), "{msg}");
    assert!(region
        .text_content()
        .unwrap()
        .contains("Enter a session UUID"));
    assert_eq!(input.value(), "xyz");
}

#[wasm_bindgen_test]
async fn the_form_speaks_chinese() {
    let el = container();
    let prefill = Prefill {
        uuid: None,
        force: false,
        lang: Some("zh".into()),
        ..Prefill::default()
    };
    let _dispose = mount_to(
        el.clone(),
        move || view! { <Panel prefill=prefill.clone() /> },
    );
    tick().await;
    let label = el.query_selector("label[for=session]").unwrap().unwrap();
    assert_eq!(label.text_content().unwrap(), "会话 UUID");
    let button = el
        .query_selector("form.form button[type=submit]")
        .unwrap()
        .unwrap();
    assert_eq!(button.text_content().unwrap(), "停止 CBT 任务");
}

#[wasm_bindgen_test]
async fn example_mode_answers_without_the_network_and_says_so() {
    let el = container();
    let prefill = Prefill {
        lang: Some("en".into()),
        example: true,
        ..Prefill::default()
    };
    let _dispose = mount_to(
        el.clone(),
        move || view! { <Panel prefill=prefill.clone() /> },
    );
    tick().await;
    let submit: web_sys::HtmlElement = el
        .query_selector("form.form button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    submit.click();
    tick().await;
    let region = el.query_selector("[role=region]").unwrap().unwrap();
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
    assert!(text.contains(cbt_panel::protocol::EXAMPLE_UUID), "{text}");
}

#[wasm_bindgen_test]
async fn el_keeps_text_as_text_and_follows_live_parts() {
    use cbt_panel::components::el::el;
    let root = container();
    let on = RwSignal::new(false);
    let _dispose = mount_to(root.clone(), move || {
        el("p")
            .class("probe")
            .live_attr("data-on", move || on.get().then(|| "yes".into()))
            .text("<b>bold</b>")
            .live_text(move || if on.get() { "on" } else { "off" }.into())
            .into_any()
    });
    tick().await;
    let p = root.query_selector("p.probe").unwrap().unwrap();
    assert_eq!(p.get_attribute("data-on"), None);
    assert!(p.query_selector("b").unwrap().is_none());
    assert_eq!(p.text_content().unwrap(), "<b>bold</b>off");
    on.set(true);
    tick().await;
    assert_eq!(p.get_attribute("data-on").as_deref(), Some("yes"));
    assert_eq!(p.text_content().unwrap(), "<b>bold</b>on");
    on.set(false);
    tick().await;
    assert_eq!(p.get_attribute("data-on"), None);
}
