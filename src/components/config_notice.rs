use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::Settings;

/// What is wrong with `panel.config.json`, or that it is still on its way;
/// nothing is sent meanwhile.
#[component]
pub fn ConfigNotice(
    /// Where the configuration stands.
    #[prop(into)]
    settings: Signal<Settings>,
) -> impl IntoView {
    move || match settings.get() {
        Settings::Ready(_) => None,
        Settings::Loading => Some(
            view! { <p class="muted config-loading" role="status">{tr(|t| t.config_loading)}</p> }
                .into_any(),
        ),
        Settings::TimedOut => Some(problem(tr(|t| t.config_timeout))),
        Settings::Broken(why) => Some(problem(why)),
    }
}

fn problem(why: impl IntoView + 'static) -> AnyView {
    view! {
        <div class="message error config-error" role="alert">
            <h2>{tr(|t| t.config_error)}</h2>
            <p>{why}</p>
        </div>
    }
    .into_any()
}
