use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::state::Settings;

/// What is wrong with `panel.config.json`, or that it is still on its way;
/// nothing is sent meanwhile.
#[component]
pub fn ConfigNotice() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    move || match settings.get() {
        Settings::Ready(_) => EitherOf3::A(()),
        Settings::Loading => EitherOf3::B(view! {
            <p class="muted config-loading" role="status">{tr(|t| t.config_loading)}</p>
        }),
        Settings::TimedOut => EitherOf3::C(
            view! {
                <Problem><p>{tr(|t| t.config_timeout)}</p></Problem>
            }
            .into_any(),
        ),
        Settings::Broken(why) => EitherOf3::C(
            view! {
                <Problem><p>{why}</p></Problem>
            }
            .into_any(),
        ),
    }
}

/// The configuration cannot be used: a titled alert saying why.
#[component]
fn Problem(children: Children) -> impl IntoView {
    let form = expect_context::<crate::state::Form>();
    let lang = use_lang();
    view! {
        <div class="message error config-error" role="alert">
            <h2>{move || form.config_error(lang.get())}</h2>
            {children()}
        </div>
    }
}
