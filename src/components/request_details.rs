use leptos::prelude::*;

use crate::components::el::{
    code, dd, details, div, dl, dt, li, live, nothing, ol, p, pre, span, summary, El,
};
use crate::components::{CopyButton, CopyButtonProps, LongText, LongTextProps};
use crate::flow::{Exchange, Method, Tab};
use crate::i18n::{own_lang, use_lang};
use crate::protocol::reason;

/// "Request details": every HTTP step of the stop whose result shows, in
/// order (the POST, each job poll, the read-back), with its status, time,
/// size, the headers that matter and the body as text. The session shows
/// masked; the body is copied whole.
#[component]
pub fn RequestDetails(
    /// The tab's stops and the one shown.
    tab: RwSignal<Tab>,
) -> AnyView {
    let steps = move || {
        let Some((example, steps)) = tab.with(|t| t.shown().map(|r| (r.example, r.steps.clone())))
        else {
            return nothing();
        };
        own_lang(move || {
            let mut list = ol().class("steps");
            for s in steps {
                list = list.child(step(s));
            }
            let tag = match example {
                true => p().class("example-banner").tr(|t| t.example_tag),
                false => span(),
            };
            details()
                .attr("id", "request-details")
                .class("request-details")
                .child(summary().tr(|t| t.request_details))
                .child(tag)
                .child(list)
                .into_any()
        })
    };
    live(steps)
}

/// One step: `POST /zstack/v1/… → 202 Accepted · 12 ms · 345 B`, then its
/// headers and body.
fn step(s: Exchange) -> El {
    let lang = use_lang();
    let size = s.size();
    let (ms, method) = (s.ms, s.method);
    let head = move || {
        let t = lang.get().t();
        let size = size
            .map(|n| format!(" · {n} {}", t.bytes))
            .unwrap_or_default();
        format!("{ms} ms{size}")
    };
    let (status, code_sent) = match &s.reply {
        Ok(r) => (
            format!("{} {}", u64::from(r.status), reason(r.status)),
            r.status.to_string(),
        ),
        Err(_) => (String::new(), "none".into()),
    };
    let mut line = p()
        .class("step-line")
        .child(code().text(format!("{} {}", method_name(method), path(&s.url))))
        .child(span().class("step-status").text(status));
    if s.reply.is_err() {
        line = line.child(span().class("step-status").tr(|t| t.no_reply));
    }
    let mut fields = dl().class("fields");
    if let Some(a) = s.auth {
        fields = header(fields, "Authorization", a);
    }
    let body = match s.reply {
        Ok(r) => {
            if let Some(c) = r.content_type {
                fields = header(fields, "Content-Type", c);
            }
            if let Some(l) = r.location {
                fields = header(fields, "Location", l);
            }
            let text = r.text;
            let copy = text.clone();
            div()
                .class("step-body")
                .view(CopyButton(CopyButtonProps {
                    text: move || copy.clone(),
                    label: |t| t.copy,
                }))
                .child(pre().view(LongText(LongTextProps { text, code: false })))
        }
        Err(e) => p().class("muted").child(code().text(e)),
    };
    li().class("step")
        .attr("data-http-status", code_sent)
        .child(line.child(span().class("step-time").live_text(head)))
        .child(fields)
        .child(body)
}

/// A header that matters, as a name and value in the step's fields.
fn header(fields: El, name: &'static str, value: String) -> El {
    fields
        .child(dt().text(name))
        .child(dd().child(code().text(value)))
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
    }
}

/// The URL from its path on (the API base is the configured one).
fn path(url: &str) -> &str {
    let after_scheme = crate::protocol::find(url, "://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url, |i| &url[after_scheme + i..])
}
