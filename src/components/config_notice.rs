use leptos::prelude::*;

use crate::components::el::{div, h2, nothing, p};
use crate::i18n::Pick;
use crate::state::Settings;

/// What is wrong with `panel.config.json`, or that it is still on its way;
/// nothing is sent meanwhile.
#[component]
pub fn ConfigNotice(
    /// Where the configuration stands.
    settings: RwSignal<Settings>,
) -> AnyView {
    crate::components::el::live(move || match settings.get() {
        Settings::Ready(_) => nothing(),
        Settings::Loading => p()
            .class("muted config-loading")
            .attr("role", "status")
            .tr(|t| t.config_loading)
            .into_any(),
        Settings::TimedOut => problem(p().tr(|t| t.config_timeout)),
        Settings::Broken(why) => problem(p().text(why)),
    })
}

fn problem(why: crate::components::el::El) -> AnyView {
    const TITLE: Pick = |t| t.config_error;
    div()
        .class("message error config-error")
        .attr("role", "alert")
        .child(h2().tr(TITLE))
        .child(why)
        .into_any()
}
