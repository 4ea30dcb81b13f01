//! One element type for everything the panel draws.
//!
//! Every distinct `view!` shape gets its own copy of tachys' build, rebuild,
//! mount and drop code in the wasm. Building every element as the same
//! `HtmlElement<Custom<&str>, Vec<AnyAttribute>, Vec<AnyView>>`, with each
//! kind of reactive part boxed behind one closure type, keeps the shipped
//! panel well inside its size budget. It is still Leptos rendering: text
//! goes into text nodes, reactive parts are render effects, and nothing is
//! ever parsed as HTML.

use leptos::ev;
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos::tachys::html::element::custom;
use leptos::tachys::html::event::on;
use leptos::tachys::html::property::prop;

/// A value the DOM follows; boxed so each kind shares one type.
type Live<T> = Box<dyn FnMut() -> T + Send>;

/// An element being built: tag, attributes, listeners and children.
pub struct El {
    tag: &'static str,
    attrs: Vec<AnyAttribute>,
    kids: Vec<AnyView>,
}

/// Starts an element with the given tag.
#[inline(never)]
pub fn el(tag: &'static str) -> El {
    El {
        tag,
        attrs: Vec::new(),
        kids: Vec::new(),
    }
}

/// A part of the view that is rebuilt whenever a signal it reads changes.
#[inline(never)]
pub fn live(f: impl FnMut() -> AnyView + Send + 'static) -> AnyView {
    let f: Live<AnyView> = Box::new(f);
    f.into_any()
}

/// Plain text, as a text node.
#[inline(never)]
pub fn text(s: impl Into<String>) -> AnyView {
    s.into().into_any()
}

impl El {
    /// A fixed attribute.
    #[inline(never)]
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> El {
        self.attrs
            .push(custom_attribute(name, value.into()).into_any_attr());
        self
    }

    /// The `class` attribute.
    #[inline(never)]
    pub fn class(self, class: &'static str) -> El {
        self.attr("class", class)
    }

    /// An attribute that follows `f`; `None` removes it.
    #[inline(never)]
    pub fn live_attr(
        mut self,
        name: &'static str,
        f: impl FnMut() -> Option<String> + Send + 'static,
    ) -> El {
        let f: Live<Option<String>> = Box::new(f);
        self.attrs.push(custom_attribute(name, f).into_any_attr());
        self
    }

    /// The `value` property of an input or textarea, following `f`.
    #[inline(never)]
    pub fn value(mut self, f: impl FnMut() -> String + Send + 'static) -> El {
        let f: Live<String> = Box::new(f);
        self.attrs.push(prop("value", f).into_any_attr());
        self
    }

    /// The `checked` property of a checkbox, following `f`.
    #[inline(never)]
    pub fn checked(mut self, f: impl FnMut() -> bool + Send + 'static) -> El {
        let f: Live<bool> = Box::new(f);
        self.attrs.push(prop("checked", f).into_any_attr());
        self
    }

    /// Binds an input's or textarea's text to `value`, both ways.
    #[inline(never)]
    pub fn bind(self, value: RwSignal<String>) -> El {
        self.value(move || value.get())
            .on_input(move |v| value.set(v))
    }

    /// Binds a checkbox to `value`, both ways.
    #[inline(never)]
    pub fn bind_checked(self, value: RwSignal<bool>) -> El {
        self.checked(move || value.get())
            .on_toggle(move |v| value.set(v))
    }

    /// Runs `f` on a click.
    #[inline(never)]
    pub fn on_click(mut self, f: impl FnMut() + 'static) -> El {
        let mut f: Box<dyn FnMut()> = Box::new(f);
        self.attrs.push(on(ev::click, move |_| f()).into_any_attr());
        self
    }

    /// Runs `f` with the input's or textarea's text on every edit.
    #[inline(never)]
    pub fn on_input(mut self, f: impl Fn(String) + 'static) -> El {
        let f: Box<dyn Fn(String)> = Box::new(f);
        self.attrs
            .push(on(ev::input, move |e| f(event_target_value(&e))).into_any_attr());
        self
    }

    /// Runs `f` with a checkbox's new state.
    #[inline(never)]
    pub fn on_toggle(mut self, f: impl Fn(bool) + 'static) -> El {
        let f: Box<dyn Fn(bool)> = Box::new(f);
        self.attrs
            .push(on(ev::change, move |e| f(event_target_checked(&e))).into_any_attr());
        self
    }

    /// Runs `f` when the form is submitted (the browser's own submit is
    /// prevented).
    #[inline(never)]
    pub fn on_submit(mut self, f: impl Fn() + 'static) -> El {
        let f: Box<dyn Fn()> = Box::new(f);
        self.attrs.push(
            on(ev::submit, move |e: web_sys::SubmitEvent| {
                e.prevent_default();
                f()
            })
            .into_any_attr(),
        );
        self
    }

    /// Appends text.
    #[inline(never)]
    pub fn text(mut self, s: impl Into<String>) -> El {
        self.kids.push(text(s));
        self
    }

    /// Appends text that follows `f`.
    #[inline(never)]
    pub fn live_text(mut self, f: impl FnMut() -> String + Send + 'static) -> El {
        let f: Live<String> = Box::new(f);
        self.kids.push(f.into_any());
        self
    }

    /// Appends an element.
    #[inline(never)]
    pub fn child(mut self, child: El) -> El {
        self.kids.push(child.into_any());
        self
    }

    /// Appends a view built elsewhere.
    #[inline(never)]
    pub fn view(mut self, view: AnyView) -> El {
        self.kids.push(view);
        self
    }

    /// Appends every element of `children`.
    #[inline(never)]
    pub fn children(mut self, children: impl IntoIterator<Item = El>) -> El {
        self.kids.extend(children.into_iter().map(El::into_any));
        self
    }

    /// The finished element as a view.
    #[inline(never)]
    pub fn into_any(self) -> AnyView {
        custom(self.tag)
            .add_any_attr(self.attrs)
            .child(self.kids)
            .into_any()
    }
}
