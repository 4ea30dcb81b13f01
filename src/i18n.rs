//! English and Simplified Chinese texts.

use crate::protocol::{BadKind, Status, UuidError};

/// A language the panel speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `zh`, `zh-CN`, `zh-Hans`… are Chinese; everything else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// Milliseconds as seconds with one decimal: `"2.5"`.
pub fn seconds(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 1000.0)
}

/// Picks one text of a language (`|t| t.stop`).
pub type Pick = fn(&'static Texts) -> &'static str;

// `Texts`, `EN` and `ZH`, made by build.rs from `locales/en.json` and
// `locales/zh.json`, the files a translator edits.
include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// A text with its `{{ name }}` placeholders filled from `values`; a
/// placeholder with no value is left as written.
pub fn fill(text: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("{{") {
        let Some((name, tail)) = after.split_once("}}") else {
            break;
        };
        out.push_str(before);
        match values.iter().find(|(n, _)| *n == name.trim()) {
            Some((_, v)) => {
                let _ = write!(out, "{v}");
            }
            None => {
                let _ = write!(out, "{{{{{name}}}}}");
            }
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

impl Texts {
    /// A stop's time and polls: "Took 1.2 s · 2 polls".
    pub fn timing(&self, ms: u64, polls: usize) -> String {
        let after = if polls == 1 {
            self.poll_after
        } else {
            self.polls_after
        };
        format!(
            "{} {} {} · {}{polls}{after}",
            self.took,
            seconds(ms),
            self.seconds,
            self.polls_before
        )
    }

    /// The label of a status; unknown values are shown as sent.
    pub fn status_label<'a>(&self, sent: &'a str) -> std::borrow::Cow<'a, str> {
        match Status::from_sent(sent) {
            Some(Status::Created) => self.status_created.into(),
            Some(Status::Starting) => self.status_starting.into(),
            Some(Status::Running) => self.status_running.into(),
            Some(Status::Stopped) => self.status_stopped.into(),
            Some(Status::Failed) => self.status_failed.into(),
            None => sent.into(),
        }
    }

    /// "Select <task>", the name of a row's checkbox.
    pub fn select_task(&self, task: &str) -> String {
        fill(self.select_task, &[("task", &task)])
    }

    /// How many tasks are selected.
    pub fn n_selected(&self, n: usize) -> String {
        if n == 1 {
            self.n_selected_one.into()
        } else {
            fill(self.n_selected, &[("n", &n)])
        }
    }

    /// The confirmation's title ("Stop 3 tasks?") or its button ("Stop 3 tasks").
    pub fn stop_n(&self, n: usize, question: bool) -> String {
        let text = if question {
            self.stop_n_question
        } else {
            self.stop_n
        };
        fill(text, &[("n", &n)])
    }

    /// A batch's sentence: "3 stopped, 1 failed, 1 not sent" (the stopped
    /// always, the others when there are some).
    pub fn tally(&self, t: &crate::batch::Tally) -> String {
        let parts: Vec<String> = [
            (t.stopped, self.tally_stopped),
            (t.failed, self.tally_failed),
            (t.not_sent, self.tally_not_sent),
            (t.pending, self.tally_pending),
        ]
        .into_iter()
        .enumerate()
        .filter(|&(i, (n, _))| i == 0 || n > 0)
        .map(|(_, (n, text))| fill(text, &[("n", &n)]))
        .collect();
        parts.join(self.tally_separator)
    }

    /// Why the finder did not send text holding a query operator.
    pub fn finder_operator(&self, op: &str) -> String {
        fill(self.finder_operator, &[("op", &op)])
    }

    /// A specific message for a bad UUID.
    pub fn uuid_error(&self, field: &str, e: &UuidError) -> String {
        match e {
            UuidError::Empty => self.uuid_required.to_string(),
            UuidError::Length(n) => fill(self.uuid_length, &[("field", &field), ("n", n)]),
            UuidError::NotHex(c) => fill(self.uuid_not_hex, &[("field", &field), ("c", c)]),
        }
    }

    /// Why a query or a read failed, in a few words.
    pub fn brief(&'static self, o: &crate::protocol::Outcome) -> String {
        use crate::protocol::Outcome;
        match o {
            Outcome::ApiError(t) if t.root().code == "ID.1001" => self.hint_session.into(),
            Outcome::ApiError(t) => {
                let r = t.root();
                let said = r.description.as_deref().or(r.details.as_deref());
                format!("{}: {}", r.code, said.unwrap_or(self.api_error_title))
            }
            Outcome::HttpError { status, reason, .. } => {
                format!("HTTP {} {reason}", u64::from(*status))
            }
            Outcome::NetworkError(_) => self.network_title.into(),
            Outcome::TimedOut(_) => self.timed_out_title.into(),
            _ => self.bad_response_title.into(),
        }
    }

    /// What was wrong with a 2xx reply.
    pub fn bad_kind(&self, k: &BadKind) -> String {
        match k {
            BadKind::NotJson(e) => fill(self.not_json, &[("error", e)]),
            BadKind::UnknownShape => self.unknown_shape.into(),
            BadKind::NoJobLocation => self.no_job_location.into(),
            BadKind::TooLarge(n) => fill(
                self.too_large,
                &[
                    ("size", &n.div_ceil(1 << 20)),
                    ("max", &(crate::protocol::BODY_READ_MAX >> 20)),
                ],
            ),
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use context::{own_lang, provide_lang, tr, use_lang};

/// The language as context: every text in the view follows it in place,
/// so a switch rebuilds no DOM and keeps focus and open disclosures.
#[cfg(target_arch = "wasm32")]
mod context {
    use super::{Lang, Texts};
    use leptos::prelude::*;

    /// The language a view reads, and the languages of the rebuilt views
    /// that follow the panel's (see [`own_lang`]).
    #[derive(Clone, Copy)]
    struct LangContext {
        lang: RwSignal<Lang>,
        followers: StoredValue<Vec<RwSignal<Lang>>>,
    }

    /// Provides `lang` to the view below; one effect carries a change of it
    /// to every rebuilt view's own language.
    pub fn provide_lang(lang: RwSignal<Lang>) {
        let followers = StoredValue::new(Vec::<RwSignal<Lang>>::new());
        Effect::new(move || {
            let now = lang.get();
            for own in followers.try_get_value().unwrap_or_default() {
                if own.try_get_untracked().is_some_and(|l| l != now) {
                    own.set(now);
                }
            }
        });
        provide_context(LangContext { lang, followers });
    }

    fn context() -> Option<LangContext> {
        use_context::<LangContext>()
    }

    /// The panel's language (English where none was provided).
    pub fn use_lang() -> RwSignal<Lang> {
        context()
            .map(|c| c.lang)
            .unwrap_or_else(|| RwSignal::new(Lang::En))
    }

    /// Builds a view that is rebuilt often (the result, the summary line,
    /// the finder's list, the request details) with a language signal of
    /// its own, which follows the panel's and goes with the view.
    ///
    /// Why: a Leptos signal keeps its record of an ended subscription until
    /// it next changes (reactive_graph 0.2.16; the effect itself is freed),
    /// and the panel's language seldom changes, so every text of every view
    /// ever shown stayed there: about 86 B a text, some 2 KB a stop.
    /// `tests/reactive.rs` reproduces it (8.5 MB over 100,000 texts, none
    /// with this) and fails once Leptos no longer does it. Here the view's texts subscribe to its own
    /// signal, which the panel's one effect updates while the view lives
    /// (the view joins a list on build and leaves it on cleanup): nothing
    /// long-lived subscribes to anything of a rebuilt view.
    pub fn own_lang(build: impl FnOnce() -> AnyView + 'static) -> AnyView {
        own_lang_boxed(Box::new(build))
    }

    #[inline(never)]
    fn own_lang_boxed(build: Box<dyn FnOnce() -> AnyView>) -> AnyView {
        let Some(panel) = context() else {
            return build();
        };
        let owner = Owner::new();
        let own = owner.with(|| RwSignal::new(panel.lang.get_untracked()));
        panel.followers.update_value(|f| f.push(own));
        let view = owner.with(|| {
            provide_context(LangContext { lang: own, ..panel });
            build()
        });
        // The view's language lives until the view is rebuilt or goes.
        on_cleanup(move || {
            panel
                .followers
                .try_update_value(|f| f.retain(|s| *s != own));
            drop(owner)
        });
        view
    }

    /// A fixed text that follows the language.
    pub fn tr(
        pick: fn(&'static Texts) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let lang = use_lang();
        move || pick(lang.get().t())
    }
}
