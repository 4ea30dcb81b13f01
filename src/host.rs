//! The browser side of embedding: finds an allowed framing parent, posts to
//! it (never to `"*"`) and reads its `configure` messages; or, for the
//! custom element, dispatches the same messages as DOM events on it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::embed::origin_allowed;
use crate::wire::Raw;

/// The parent's origin when the panel is framed by an allowed origin.
pub fn allowed_parent(allowed: &[String]) -> Option<String> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    if js_sys::Object::is(&w, &parent) {
        return None;
    }
    // `location.ancestorOrigins` (Chromium, WebKit) names the real parent;
    // the referrer is the fallback elsewhere.
    let from_ancestors = js_sys::Reflect::get(&w.location(), &JsValue::from_str("ancestorOrigins"))
        .ok()
        .and_then(|list| list.dyn_into::<web_sys::DomStringList>().ok())
        .and_then(|list| list.item(0));
    let origin = from_ancestors.or_else(|| {
        let referrer = w.document()?.referrer();
        web_sys::Url::new(&referrer).ok().map(|u| u.origin())
    })?;
    origin_allowed(allowed, &origin).then_some(origin)
}

/// Posts a message (a JS object built by serde) to the parent at exactly
/// `origin`.
pub fn post(origin: &str, message: &Raw) {
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return;
    };
    let _ = parent.post_message(message.js(), origin);
}

/// The message's data as it came, when it came from an allowed origin.
pub fn message_data(ev: &web_sys::MessageEvent, allowed: &[String]) -> Option<Raw> {
    origin_allowed(allowed, &ev.origin()).then(|| Raw::from_js(ev.data()))
}

/// Posts the page's height to the parent whenever it changes.
pub fn watch_height(origin: String) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), Some(root)) = (doc.body(), doc.document_element()) else {
        return;
    };
    let last = std::cell::Cell::new(0);
    let cb = Closure::<dyn Fn()>::new(move || {
        let h = root.scroll_height().max(0) as u32;
        if h != last.get() {
            last.set(h);
            post(&origin, &crate::embed::resize_message(h));
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // The observer lives as long as the page: only the page's own panel,
    // framed by a console, watches its height (an element's host sizes it
    // itself), and a page is never unmounted. So it is handed to the page
    // for good: leptos-use's `use_resize_observer` ties an observer to an
    // owner, which this one has no need of.
    cb.forget();
}

/// Sets the colour theme: `light`, `dark`, or `system` (follow the system).
pub fn set_theme(theme: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match theme {
            "light" | "dark" => root.set_attribute("data-theme", theme),
            _ => root.remove_attribute("data-theme"),
        };
    }
}

/// Where the panel tells its embedder what happened: a framing console
/// (`postMessage` to its exact origin) or the `<cbt-stop-panel>` element
/// (events on it, `bubbles` and `composed`, the message as `detail`).
#[derive(Clone, Debug)]
pub enum Outlet {
    Frame(String),
    Element(send_wrapper::SendWrapper<web_sys::HtmlElement>),
}

impl Outlet {
    /// Tells the embedder `message` (a `cbt-panel:*` object).
    pub fn tell(&self, message: &Raw) {
        match self {
            Outlet::Frame(origin) => post(origin, message),
            Outlet::Element(el) => dispatch(el, message),
        }
    }
}

/// `cbt-panel:outcome` becomes the event `cbt-panel-outcome`.
fn dispatch(el: &web_sys::HtmlElement, message: &Raw) {
    let kind = js_sys::Reflect::get(message.js(), &JsValue::from_str("type"))
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default()
        .replace(':', "-");
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(message.js());
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(&kind, &init) {
        let _ = el.dispatch_event(&ev);
    }
}
