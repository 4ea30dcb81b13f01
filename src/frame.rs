//! The console that frames the panel (an iframe's parent): greeted once
//! the configuration names it as allowed, and the only source of
//! `cbt-panel:configure` messages. The messages themselves are
//! [`crate::embed`]; posting and reading them is [`crate::host`].

use leptos::prelude::*;

use crate::components::TaskTab;
use crate::i18n::Lang;
use crate::protocol::normalize_uuid;
use crate::several::Several;
use crate::state::Form;
use crate::wire::Raw;
use crate::{embed, host};

/// Once the configuration is known: greets an allowed framing console.
pub fn greet(
    c: &crate::config::PanelConfig,
    (host_origin, outlet): (RwSignal<Option<String>>, RwSignal<Option<host::Outlet>>),
) {
    if let Some(origin) = host::allowed_parent(&c.allowed_origins) {
        host_origin.try_set(Some(origin.clone()));
        outlet.try_set(Some(host::Outlet::Frame(origin.clone())));
        host::post(&origin, &embed::ready_message());
        host::watch_height(origin);
    }
}

/// Takes `cbt-panel:configure` from the framing console only, once known.
pub fn listen(
    form: Form,
    lang: RwSignal<Lang>,
    host_origin: RwSignal<Option<String>>,
    several: Several,
    tab: RwSignal<TaskTab>,
) {
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let Some(origin) = host_origin.get_untracked() else {
            return;
        };
        let Some(cfg) =
            host::message_data(&ev, &[origin]).and_then(|d: Raw| embed::parse_configure(&d))
        else {
            return;
        };
        if let Some(s) = cfg.session {
            // Refused inline like a typed one when it is not a UUID.
            form.session.set(normalize_uuid(&s).unwrap_or(s));
        }
        if let Some(u) = cfg.uuid {
            form.uuid.set(u);
        }
        if let Some(f) = cfg.force {
            form.force.set(f);
        }
        if let Some(l) = cfg.lang {
            lang.set(Lang::from_tag(&l));
        }
        if let Some(theme) = cfg.theme {
            host::set_theme(&theme);
        }
        if let Some(uuids) = cfg.uuids {
            tab.set(TaskTab::Several);
            several.pick_uuids(&uuids);
        }
    });
    on_cleanup(move || listener.remove());
}
