//! What the components find in context: the state of one panel, made and
//! provided once (by the page's [`crate::app::Panel`] or by
//! `<cbt-stop-panel>`).

use leptos::prelude::*;

use crate::components::Targets;
use crate::host;
use crate::lookup::{Finder, TaskReader};
use crate::several::Several;
use crate::state::{Form, Prefill, Settings};
use crate::stopper::Stopper;

/// What the components find in context, made for one panel.
#[derive(Clone, Copy)]
pub struct State {
    pub form: Form,
    pub settings: RwSignal<Settings>,
    /// The framing console's origin, once an allowed parent frames the panel.
    pub host_origin: RwSignal<Option<String>>,
    /// Where outcomes are told: the framing console, or the custom element.
    pub outlet: RwSignal<Option<host::Outlet>>,
    pub reader: TaskReader,
    pub finder: Finder,
    pub stopper: Stopper,
    pub several: Several,
}

/// Makes the panel's state and provides it (and the focus [`Targets`]) as
/// context; the configuration starts as loading.
pub fn provide_state(prefill: &Prefill) -> State {
    let form = Form::new(prefill);
    let settings = RwSignal::new(Settings::Loading);
    let host_origin = RwSignal::new(None::<String>);
    let outlet = RwSignal::new(None::<host::Outlet>);
    let reader = TaskReader::new(form, settings);
    let state = State {
        form,
        settings,
        host_origin,
        outlet,
        reader,
        finder: Finder::new(form, settings),
        stopper: Stopper::new(outlet, reader),
        several: Several::new(form, settings),
    };
    provide_context(form);
    provide_context(settings);
    provide_context(reader);
    provide_context(state.finder);
    provide_context(state.stopper);
    provide_context(state.several);
    provide_context(Targets::default());
    state
}
