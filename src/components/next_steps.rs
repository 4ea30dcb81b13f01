use leptos::prelude::*;

use crate::components::Targets;
use crate::i18n::{tr, Pick};
use crate::lookup::TaskReader;
use crate::protocol::{hints, Hint, Outcome};
use crate::state::Settings;

/// One plain sentence and an action for each known way an outcome can
/// end; the full outcome stays below, unchanged.
#[component]
pub fn NextSteps(
    /// How the stop ended.
    outcome: Outcome,
) -> impl IntoView {
    // Outside a panel (a component mounted on its own) there is no step to
    // take.
    let (Some(settings), Some(targets), Some(reader)) = (
        use_context::<RwSignal<Settings>>(),
        use_context::<Targets>(),
        use_context::<TaskReader>(),
    ) else {
        return None;
    };
    let cross = settings.with_untracked(|s| {
        let page = Settings::page_origin();
        s.api_base()
            .is_some_and(|b| b != page && !b.starts_with(&(page + "/")))
    });
    let list = hints(&outcome, cross);
    (!list.is_empty()).then(|| {
        view! {
            <div class="next-steps">
                {list
                    .into_iter()
                    .map(|hint| view! { <NextStep hint=hint targets=targets reader=reader /> })
                    .collect_view()}
            </div>
        }
    })
}

/// What a step's button does.
#[derive(Clone, Copy)]
enum Act {
    SignIn,
    FindTask,
    CheckTask,
}

/// One hint: its sentence, and its button when it has one.
#[component]
fn NextStep(
    /// The hint.
    hint: Hint,
    /// Where its button moves the focus.
    targets: Targets,
    /// Reads the task again ("Check the task").
    reader: TaskReader,
) -> impl IntoView {
    let (said, action): (Pick, Option<(Pick, Act)>) = match hint {
        Hint::SessionExpired => (|t| t.hint_session, Some((|t| t.sign_in, Act::SignIn))),
        Hint::NoSuchTask => (|t| t.hint_no_task, Some((|t| t.find_task, Act::FindTask))),
        Hint::Cors => (|t| t.hint_cors, None),
        Hint::RateLimited => (|t| t.hint_rate, None),
        Hint::ServerTimeout => (|t| t.hint_timeout, Some((|t| t.check_task, Act::CheckTask))),
        Hint::Unsure => (|t| t.hint_unsure, Some((|t| t.check_task, Act::CheckTask))),
    };
    let button = action.map(|(label, act)| {
        let run = move |_| match act {
            Act::SignIn => {
                if let Some(d) = targets.sign_in.get() {
                    d.set_open(true);
                }
                Targets::focus(targets.account.get_untracked());
            }
            Act::FindTask => Targets::focus(targets.finder.get_untracked()),
            Act::CheckTask => {
                reader.refresh();
                Targets::focus(targets.summary.get_untracked());
            }
        };
        view! {
            " "
            <button type="button" class="secondary" on:click=run>{tr(label)}</button>
        }
    });
    view! { <p class="next-step">{tr(said)}{button}</p> }
}
