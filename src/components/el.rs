//! One element type for everything the panel draws.
//!
//! Why not `view!`: measured with `make dist` (2026-11-28), the same
//! components written in `view!` with `--cfg erase_components` shipped
//! 155,926 B gzip of wasm (163 KB in all, over the 125,000 B budget); this
//! builder ships them in the figure the README's size section gives. Every
//! distinct `view!` shape gets its own copy of tachys' build, rebuild,
//! mount and drop code, and every attribute key its own `AnyAttribute`
//! vtable; here every element is the same
//! `HtmlElement<Custom<&str>, Vec<AnyAttribute>, Vec<AnyView>>`, with each
//! kind of reactive part boxed behind one closure type and one listener
//! type for every event.
//!
//! It stays Leptos rendering: text goes into text nodes, reactive parts are
//! render effects, and nothing is ever parsed as HTML. Tags are typed
//! constructors (`div()`, a misspelt tag does not compile); handlers get
//! typed values (`on_input(|value: String| ..)`), never a bare event.

use leptos::ev;
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos::tachys::html::element::custom;
use leptos::tachys::html::event::on;
use leptos::tachys::html::property::prop;
use wasm_bindgen::JsValue;

use crate::i18n::{use_lang, Pick};

/// A value read on demand (such as the request the form describes), shared
/// by the closures that need it; reading it inside a reactive closure
/// tracks the signals it reads.
pub type Source<T> = std::sync::Arc<dyn Fn() -> T + Send + Sync>;

/// A value the DOM follows; boxed so each kind shares one type.
type Live<T> = Box<dyn FnMut() -> T + Send>;

/// An element being built: tag, attributes, listeners and children.
///
/// It is one pointer wide and its methods are not inlined, so each step of
/// a chain like `el("P").class("hint").text(..)` costs a call, not a copy.
pub struct El(Box<Parts>);

struct Parts {
    tag: &'static str,
    attrs: Vec<AnyAttribute>,
    kids: Vec<AnyView>,
}

/// Starts an element with the given tag, in capitals: the DOM creates
/// the same lowercase HTML element from it, and tachys, which compares a
/// custom element's tag with `tagName` (capitals in an HTML document) before
/// it reuses an element, then updates a rebuilt view's elements in place
/// instead of replacing every one of them.
#[inline(never)]
fn el(tag: &'static str) -> El {
    El(Box::new(Parts {
        tag,
        attrs: Vec::new(),
        kids: Vec::new(),
    }))
}

/// A `<article>` element.
pub fn article() -> El {
    el("ARTICLE")
}

/// A `<button>` element.
pub fn button() -> El {
    el("BUTTON")
}

/// A `<code>` element.
pub fn code() -> El {
    el("CODE")
}

/// A `<dd>` element.
pub fn dd() -> El {
    el("DD")
}

/// A `<details>` element.
pub fn details() -> El {
    el("DETAILS")
}

/// A `<div>` element.
pub fn div() -> El {
    el("DIV")
}

/// A `<dl>` element.
pub fn dl() -> El {
    el("DL")
}

/// A `<dt>` element.
pub fn dt() -> El {
    el("DT")
}

/// A `<figcaption>` element.
pub fn figcaption() -> El {
    el("FIGCAPTION")
}

/// A `<figure>` element.
pub fn figure() -> El {
    el("FIGURE")
}

/// A `<form>` element.
pub fn form() -> El {
    el("FORM")
}

/// A `<h1>` element.
pub fn h1() -> El {
    el("H1")
}

/// A `<h2>` element.
pub fn h2() -> El {
    el("H2")
}

/// A `<h3>` element.
pub fn h3() -> El {
    el("H3")
}

/// A `<header>` element.
pub fn header() -> El {
    el("HEADER")
}

/// A `<input>` element.
pub fn input() -> El {
    el("INPUT")
}

/// A `<label>` element.
pub fn label() -> El {
    el("LABEL")
}

/// A `<li>` element.
pub fn li() -> El {
    el("LI")
}

/// A `<main>` element.
pub fn main() -> El {
    el("MAIN")
}

/// An `<ol>` element.
pub fn ol() -> El {
    el("OL")
}

/// A `<option>` element.
pub fn option() -> El {
    el("OPTION")
}

/// A `<p>` element.
pub fn p() -> El {
    el("P")
}

/// A `<pre>` element.
pub fn pre() -> El {
    el("PRE")
}

/// A `<section>` element.
pub fn section() -> El {
    el("SECTION")
}

/// A `<select>` element.
pub fn select() -> El {
    el("SELECT")
}

/// A `<span>` element.
pub fn span() -> El {
    el("SPAN")
}

/// A `<strong>` element.
pub fn strong() -> El {
    el("STRONG")
}

/// A `<summary>` element.
pub fn summary() -> El {
    el("SUMMARY")
}

/// A `<textarea>` element.
pub fn textarea() -> El {
    el("TEXTAREA")
}

/// A `<time>` element.
pub fn time() -> El {
    el("TIME")
}

/// A `<ul>` element.
pub fn ul() -> El {
    el("UL")
}

/// A part of the view that is rebuilt whenever a signal it reads changes.
pub fn live(f: impl FnMut() -> AnyView + Send + 'static) -> AnyView {
    live_boxed(Box::new(f))
}

#[inline(never)]
fn live_boxed(f: Live<AnyView>) -> AnyView {
    f.into_any()
}

/// Nothing at all (an empty list, so it shares the list's view code).
#[inline(never)]
pub fn nothing() -> AnyView {
    Vec::<AnyView>::new().into_any()
}

/// Plain text, as a text node.
#[inline(never)]
pub fn text(s: String) -> AnyView {
    s.into_any()
}

impl El {
    #[inline(never)]
    fn push(mut self, attr: AnyAttribute) -> El {
        self.0.attrs.push(attr);
        self
    }

    #[inline(never)]
    fn add(mut self, view: AnyView) -> El {
        self.0.kids.push(view);
        self
    }

    /// A fixed attribute.
    #[inline(never)]
    pub fn attr(self, name: &'static str, value: impl Into<String>) -> El {
        self.push(custom_attribute(name, value.into()).into_any_attr())
    }

    /// The `class` attribute.
    #[inline(never)]
    pub fn class(self, class: &'static str) -> El {
        self.attr("class", class)
    }

    /// An attribute that follows `f`; `None` removes it.
    pub fn live_attr(
        self,
        name: &'static str,
        f: impl FnMut() -> Option<String> + Send + 'static,
    ) -> El {
        self.live_attr_boxed(name, Box::new(f))
    }

    #[inline(never)]
    fn live_attr_boxed(self, name: &'static str, f: Live<Option<String>>) -> El {
        self.push(custom_attribute(name, f).into_any_attr())
    }

    /// Runs `f` on every `event` (one listener type for every event, so
    /// the wasm holds one copy of the listener code).
    #[inline(never)]
    fn listen(self, event: &'static str, f: Box<dyn FnMut(web_sys::Event)>) -> El {
        self.push(on(ev::Custom::new(event), f).into_any_attr())
    }

    /// A DOM property that follows `f` (one type for every property).
    #[inline(never)]
    fn property(self, name: &'static str, f: Live<JsValue>) -> El {
        self.push(prop(name, f).into_any_attr())
    }

    /// Binds an input's or textarea's text to `value`, both ways.
    #[inline(never)]
    pub fn bind(self, value: RwSignal<String>) -> El {
        self.property(
            "value",
            Box::new(move || value.with(|v| JsValue::from_str(v))),
        )
        .listen(
            "input",
            Box::new(move |e| value.set(event_target_value(&e))),
        )
    }

    /// Binds a checkbox to `value`, both ways.
    #[inline(never)]
    pub fn bind_checked(self, value: RwSignal<bool>) -> El {
        self.property("checked", Box::new(move || JsValue::from_bool(value.get())))
            .listen(
                "change",
                Box::new(move |e| value.set(event_target_checked(&e))),
            )
    }

    /// Runs `f` with the control's value on every change (for a `select`,
    /// whose options are children, so its value cannot be set up front).
    pub fn on_input(self, f: impl Fn(String) + 'static) -> El {
        self.listen("input", Box::new(move |e| f(event_target_value(&e))))
    }

    /// Runs `f` with the key of every keydown not already handled below
    /// (`"Enter"`, `"Escape"`; `"Mod+Enter"` with Ctrl or ⌘ held); when it
    /// returns `true`, the key's default action (such as submitting the
    /// form) is prevented.
    pub fn on_key(self, f: impl Fn(&str) -> bool + 'static) -> El {
        self.listen(
            "keydown",
            Box::new(move |e| {
                if e.default_prevented() {
                    return;
                }
                let get = |name| js_sys::Reflect::get(&e, &JsValue::from_str(name)).ok();
                let mut key = get("key").and_then(|k| k.as_string()).unwrap_or_default();
                if get("ctrlKey").is_some_and(|v| v.is_truthy())
                    || get("metaKey").is_some_and(|v| v.is_truthy())
                {
                    key.insert_str(0, "Mod+");
                }
                if f(&key) {
                    e.prevent_default();
                }
            }),
        )
    }

    /// Keeps the focus where it is when this is pressed (a list's options
    /// and buttons that belong to a text field).
    pub fn keep_focus(self) -> El {
        self.listen("mousedown", Box::new(|e| e.prevent_default()))
    }

    /// Runs `f` when the element loses the focus.
    pub fn on_blur(self, mut f: impl FnMut() + 'static) -> El {
        self.listen("blur", Box::new(move |_| f()))
    }

    /// Runs `f` on a click.
    pub fn on_click(self, mut f: impl FnMut() + 'static) -> El {
        self.listen("click", Box::new(move |_| f()))
    }

    /// Runs `f` when the form is submitted (the browser's own submit is
    /// prevented).
    pub fn on_submit(self, f: impl Fn() + 'static) -> El {
        self.listen(
            "submit",
            Box::new(move |e| {
                e.prevent_default();
                f()
            }),
        )
    }

    /// Appends text.
    #[inline(never)]
    pub fn text(self, s: impl Into<String>) -> El {
        self.add(text(s.into()))
    }

    /// Appends text that follows `f`.
    pub fn live_text(self, f: impl FnMut() -> String + Send + 'static) -> El {
        self.live_text_boxed(Box::new(f))
    }

    #[inline(never)]
    fn live_text_boxed(self, mut f: Live<String>) -> El {
        self.add(live(move || text(f())))
    }

    /// Appends a fixed text that follows the panel's language in place.
    pub fn tr(self, pick: Pick) -> El {
        let lang = use_lang();
        self.live_text(move || pick(lang.get().t()).to_string())
    }

    /// An attribute that follows the panel's language in place.
    pub fn tr_attr(self, name: &'static str, pick: Pick) -> El {
        let lang = use_lang();
        self.live_attr(name, move || Some(pick(lang.get().t()).to_string()))
    }

    /// Appends an element.
    #[inline(never)]
    pub fn child(self, child: El) -> El {
        self.add(child.into_any())
    }

    /// Appends a view built elsewhere.
    pub fn view(self, view: AnyView) -> El {
        self.add(view)
    }

    /// Appends every element of `children`.
    pub fn children(mut self, children: impl IntoIterator<Item = El>) -> El {
        for c in children {
            self = self.child(c);
        }
        self
    }

    /// The finished element as a view.
    #[inline(never)]
    pub fn into_any(self) -> AnyView {
        let Parts { tag, attrs, kids } = *self.0;
        custom(tag).add_any_attr(attrs).child(kids).into_any()
    }
}
