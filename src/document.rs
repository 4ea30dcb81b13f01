//! The page around the panel: its language, which the document's `lang`
//! and title follow.

use leptos::prelude::*;

use crate::i18n::{provide_lang, Lang};
use crate::state::Prefill;

fn browser_lang() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// The language, provided to every component; a host console may change
/// it with `configure`. Texts follow it in place: nothing is rebuilt, focus
/// stays where it is. The document's `lang` and title follow it too.
pub fn follow_language(prefill: &Prefill) -> RwSignal<Lang> {
    let lang = RwSignal::new(Lang::from_tag(
        &prefill.lang.clone().unwrap_or_else(browser_lang),
    ));
    provide_lang(lang);
    Effect::new(move || {
        let lang = lang.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", lang.tag());
            }
            doc.set_title(lang.t().title);
        }
    });
    lang
}
