//! What the pinned Leptos (reactive_graph) does with a view that is
//! rebuilt while a long-lived signal it read lives on: its effects, and
//! what they hold, are freed at once; the signal's record of them is not
//! (the reason for [`cbt_panel::i18n::own_lang`]).
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cbt_panel::i18n::{own_lang, provide_lang, tr, Lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Counts its drops.
struct Probe(Arc<AtomicUsize>);

impl Drop for Probe {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

#[wasm_bindgen_test]
async fn a_rebuilt_views_effects_are_freed_while_the_signal_they_read_lives_on() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    let dropped = Arc::new(AtomicUsize::new(0));
    // `lang` never changes; `n` rebuilds the view that reads it.
    let lang = RwSignal::new(0u32);
    let n = RwSignal::new(0u32);
    let d = dropped.clone();
    let _mounted = mount_to(el.clone(), move || {
        let d = d.clone();
        view! {
            <div>
                {move || {
                    n.get();
                    let probe = Probe(d.clone());
                    view! { <span>{move || { let _ = &probe; lang.get() }}</span> }
                }}
            </div>
        }
    });
    for i in 1..=100 {
        n.set(i);
        tick().await;
    }
    assert_eq!(el.text_content().unwrap(), "0");
    assert_eq!(
        dropped.load(Ordering::Relaxed),
        100,
        "every view but the one shown is freed"
    );
}

/// The wasm heap's size, in bytes.
fn heap() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().unchecked_into();
    buffer.byte_length() as f64
}

/// How much the heap grows while a view of 50 texts, each reading a
/// language signal that never changes, is rebuilt 2,000 times (after 200
/// rebuilds to warm up): 100,000 subscriptions that ended.
async fn growth(own: bool) -> f64 {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    let n = RwSignal::new(0u32);
    let _mounted = mount_to(el.clone(), move || {
        provide_lang(RwSignal::new(Lang::En));
        let texts = || {
            (0..50)
                .map(|_| view! { <span>{tr(|t| t.title)}</span> })
                .collect_view()
                .into_any()
        };
        view! {
            <div>
                {move || {
                    n.get();
                    if own { own_lang(texts) } else { texts() }
                }}
            </div>
        }
    });
    let mut before = 0.0;
    for round in 1..=2200 {
        if round == 201 {
            before = heap();
        }
        n.set(round);
        leptos::task::tick().await;
    }
    let grown = heap() - before;
    web_sys::console::log_1(&format!("own_lang {own}: the heap grew {grown} B").into());
    grown
}

/// Why [`own_lang`] exists. In the pinned reactive_graph a signal drops an
/// ended subscription from its set only when it changes, and the panel's
/// language seldom does: every text of every rebuilt view stays there
/// (about 86 B each here). When this fails, Leptos no longer does so, and
/// `own_lang` can go.
#[wasm_bindgen_test]
async fn a_signal_that_never_changes_keeps_its_ended_subscriptions() {
    assert!(growth(false).await > 4.0 * 1024.0 * 1024.0);
}

#[wasm_bindgen_test]
async fn own_lang_frees_a_rebuilt_views_subscriptions() {
    let grown = growth(true).await;
    assert!(grown < 512.0 * 1024.0, "the heap grew {grown} B");
}
