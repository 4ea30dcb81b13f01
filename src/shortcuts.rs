//! The panel's keyboard shortcuts.

use leptos::prelude::*;

use crate::components::TaskTab;
use crate::several::Several;
use crate::stopper::Stopper;

/// Ctrl/⌘+Enter acts on the shown tab only: on "One task" it stops from
/// anywhere in the panel (a tags box too, where Enter is a new line); on
/// "Several tasks" it opens "Stop N tasks?" (never the hidden form's stop).
/// While that dialog is open no shortcut sends anything (its own Escape
/// closes it). Escape cancels a stop in flight.
pub fn shortcuts(
    ev: leptos::ev::KeyboardEvent,
    stopper: Stopper,
    several: Several,
    tab: TaskTab,
    start: impl Fn(),
) {
    if ev.default_prevented() {
        return;
    }
    let key = ev.key();
    if key == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
        // Also keeps a focused button from taking it as a click.
        ev.prevent_default();
        if several.confirming.with_untracked(Option::is_some) || stopper.pending() {
            return;
        }
        match tab {
            TaskTab::One => start(),
            TaskTab::Several => several.ask_to_stop(),
        }
    } else if key == "Escape" && stopper.pending() {
        ev.prevent_default();
        stopper.cancel();
    }
}
