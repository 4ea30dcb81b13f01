//! The panel's components, one a file, named for what the person sees.
//! Each renders state it is given; none holds the stop flow's logic.

mod check_box;
mod config_notice;
mod copy_button;
mod error_tree;
mod example_choice;
mod field_error;
mod inventory_card;
mod long_text;
mod outcome_view;
mod request_preview;
mod result_view;
mod session_field;
mod sign_in;
mod status_badge;
mod stop_actions;
mod stop_form;
mod tags_field;
mod task_field;

pub use check_box::CheckBox;
pub use config_notice::ConfigNotice;
pub use copy_button::CopyButton;
pub use error_tree::ErrorTree;
pub use example_choice::ExampleChoice;
pub use field_error::FieldError;
pub use inventory_card::InventoryCard;
pub use long_text::LongText;
pub use outcome_view::OutcomeView;
pub use request_preview::RequestPreview;
pub use result_view::ResultView;
pub use session_field::SessionField;
pub use sign_in::{SignIn, SignInState};
pub use status_badge::StatusBadge;
pub use stop_actions::StopActions;
pub use stop_form::StopForm;
pub use tags_field::TagsField;
pub use task_field::TaskField;
