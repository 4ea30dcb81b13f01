//! The panel's components, one a file, named for what the person sees.
//! Each renders the state it is given or finds in context ([`crate::state::Form`],
//! the settings, the [`crate::stopper::Stopper`], the readers of
//! [`crate::lookup`], the language and the [`Targets`]); none holds the stop
//! flow's logic.

mod batch_results;
mod check_box;
mod config_notice;
mod copy_button;
mod error_tree;
mod example_choice;
mod field_error;
mod finder;
mod inventory_card;
mod long_text;
mod next_steps;
pub mod outcome_view;
mod request_details;
mod request_preview;
mod result_view;
mod session_field;
mod several_tasks;
mod sign_in;
mod status_badge;
mod stop_actions;
mod stop_form;
mod stop_history;
mod tags_field;
mod task_field;
mod task_summary;
mod task_tabs;

pub use batch_results::BatchResults;
pub use check_box::CheckBox;
pub use config_notice::ConfigNotice;
pub use copy_button::CopyButton;
pub use error_tree::ErrorTree;
pub use example_choice::ExampleChoice;
pub use field_error::FieldError;
pub use finder::FinderField;
pub use inventory_card::{DateTime, InventoryCard};
pub use long_text::LongText;
pub use next_steps::NextSteps;
pub use outcome_view::OutcomeView;
pub use request_details::RequestDetails;
pub use request_preview::RequestPreview;
pub use result_view::ResultView;
pub use session_field::SessionField;
pub use several_tasks::SeveralTasks;
pub use sign_in::SignIn;
pub use status_badge::StatusBadge;
pub use stop_actions::StopActions;
pub use stop_form::StopForm;
pub use stop_history::StopHistory;
pub use tags_field::TagsField;
pub use task_field::TaskField;
pub use task_summary::TaskSummary;
pub use task_tabs::{TaskTab, TaskTabs};

use leptos::html;
use leptos::prelude::*;

/// The elements a next step, or the end of a stop, moves the keyboard to.
/// Provided by the panel; each is attached by the component that draws it.
#[derive(Clone, Copy, Default)]
pub struct Targets {
    pub result: NodeRef<html::Section>,
    pub summary: NodeRef<html::P>,
    pub finder: NodeRef<html::Input>,
    pub sign_in: NodeRef<html::Details>,
    pub account: NodeRef<html::Input>,
}

impl Targets {
    /// Moves the focus to `target`'s element, when it is in the document.
    pub fn focus(target: Option<impl AsRef<web_sys::HtmlElement>>) {
        if let Some(el) = target {
            let _ = el.as_ref().focus();
        }
    }
}
