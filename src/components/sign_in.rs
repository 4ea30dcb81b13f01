use leptos::prelude::*;

use crate::account::{self, Problem, SignedIn, SIGN_IN_DEADLINE_MS};
use crate::client::Flight;
use crate::components::Targets;
use crate::i18n::{tr, use_lang};
use crate::phase::Phase;
use crate::state::Form;
use crate::stopper::Stopper;

/// What a sign-in is sent with: the API base, the account and the password.
type Credentials = (String, String, String);

/// Optional sign-in for standalone use: puts a new session into the form,
/// and "Sign out" ends it on the server. A refusal shows in the result
/// region; the password is cleared once it has been used.
#[component]
pub fn SignIn(
    /// Where the API is, once the configuration is settled (nothing is
    /// sent before).
    #[prop(into)]
    api_base: Signal<Option<String>>,
    /// How long a sign-in may take.
    #[prop(optional)]
    deadline_ms: Option<u64>,
) -> impl IntoView {
    let form = expect_context::<Form>();
    let stopper = expect_context::<Stopper>();
    let target = expect_context::<Targets>().sign_in;
    let finder = use_context::<crate::lookup::Finder>();
    // The session this sign-in created, so "Sign out" ends only that one.
    let signed_in = RwSignal::new(None::<String>);
    let flight = Flight::new();
    let deadline = deadline_ms.unwrap_or(SIGN_IN_DEADLINE_MS);
    let action = Action::new_local(move |(base, name, password): &Credentials| {
        let (base, name, password) = (base.clone(), name.clone(), password.clone());
        let browser = flight.begin(Some(deadline));
        async move {
            let ended = account::sign_in(&browser, &base, &name, &password).await;
            flight.land();
            match &ended {
                SignedIn::Session(id) => {
                    form.session.try_set(id.clone());
                    form.host_session.try_set(false);
                    signed_in.try_set(Some(id.clone()));
                }
                SignedIn::Refused(outcome) => stopper.show(Phase::Done(outcome.clone())),
                SignedIn::Problem(_) => {}
            }
            ended
        }
    });
    let sign_out = move || {
        let Some(id) = signed_in.get_untracked() else {
            return;
        };
        if let Some(base) = api_base.get_untracked() {
            let id = id.clone();
            leptos::task::spawn_local(async move { account::sign_out(&base, &id).await });
        }
        signed_in.set(None);
        if form.session.get_untracked() == id {
            form.session.set(String::new());
        }
        // What the old session did and found goes with it.
        stopper.sign_out();
        if let Some(finder) = finder {
            finder.reset();
        }
    };
    let blocked = Signal::derive(move || action.pending().get() || api_base.with(Option::is_none));
    view! {
        <details id="sign-in" class="sign-in" node_ref=target>
            <summary>{tr(|t| t.sign_in_title)}</summary>
            <Show
                when=move || signed_in.with(Option::is_some)
                fallback=move || view! { <SignInForm action=action api_base=api_base blocked=blocked /> }
            >
                <p class="signed-in">
                    {tr(|t| t.signed_in)}
                    " "
                    <button type="button" class="secondary" on:click=move |_| sign_out()>
                        {tr(|t| t.sign_out)}
                    </button>
                </p>
            </Show>
        </details>
    }
}

/// Account name, password and "Sign in" (disabled while `blocked`), and why
/// the last sign-in could not be tried or finished.
#[component]
fn SignInForm(
    /// Signs in with the credentials given.
    action: Action<Credentials, SignedIn>,
    /// Where the API is.
    api_base: Signal<Option<String>>,
    /// Nothing may be sent now.
    blocked: Signal<bool>,
) -> impl IntoView {
    let target = expect_context::<Targets>().account;
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(base), false) = (api_base.get_untracked(), blocked.get_untracked()) else {
            return;
        };
        let account = name.get_untracked().trim().to_string();
        let secret = password.get_untracked();
        missing.set(account.is_empty() || secret.is_empty());
        if !missing.get_untracked() {
            // Used once: the next person at this machine finds it empty.
            password.set(String::new());
            action.dispatch_local((base, account, secret));
        }
    };
    let lang = use_lang();
    let problem = move || {
        let t = lang.get().t();
        if missing.get() {
            return t.sign_in_required;
        }
        action.value().with(|v| match v {
            Some(SignedIn::Problem(Problem::TimedOut)) => t.sign_in_timeout,
            Some(SignedIn::Problem(Problem::NoDigest)) => t.sign_in_no_digest,
            _ => "",
        })
    };
    view! {
        <form class="sign-in-form" on:submit=submit>
            <div class="field">
                <label for="account-name">{tr(|t| t.account_name)}</label>
                <input id="account-name" type="text" autocomplete="username" node_ref=target bind:value=name />
            </div>
            <div class="field">
                <label for="password">{tr(|t| t.password)}</label>
                <input id="password" type="password" autocomplete="current-password" bind:value=password />
            </div>
            <button type="submit" class="secondary" disabled=move || blocked.get()>{tr(|t| t.sign_in)}</button>
            <p class="field-error" aria-live="polite">{problem}</p>
        </form>
    }
}
