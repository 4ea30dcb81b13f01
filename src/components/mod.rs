//! The panel's components, one a file, named for what the person sees.
//! Each renders state it is given; none holds the stop flow's logic.

mod check_box;
mod config_notice;
mod copy_button;
pub mod el;
mod error_tree;
mod example_choice;
mod field_error;
mod finder;
mod inventory_card;
mod long_text;
mod next_steps;
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
mod task_summary;

pub use check_box::{CheckBox, CheckBoxProps};
pub use config_notice::{ConfigNotice, ConfigNoticeProps};
pub use copy_button::{CopyButton, CopyButtonProps};
pub use error_tree::{ErrorTree, ErrorTreeProps};
pub use example_choice::{ExampleChoice, ExampleChoiceProps};
pub use field_error::{FieldError, FieldErrorProps};
pub use finder::{FinderField, FinderFieldProps};
pub use inventory_card::{warm_dates, InventoryCard, InventoryCardProps};
pub use long_text::{LongText, LongTextProps};
pub use next_steps::{focus, NextSteps, NextStepsProps, Steps};
pub use outcome_view::{OutcomeView, OutcomeViewProps};
pub use request_preview::{RequestPreview, RequestPreviewProps};
pub use result_view::{ResultView, ResultViewProps};
pub use session_field::{SessionField, SessionFieldProps};
pub use sign_in::{SignIn, SignInProps, SignInState};
pub use status_badge::{StatusBadge, StatusBadgeProps};
pub use stop_actions::{StopActions, StopActionsProps};
pub use stop_form::{StopForm, StopFormProps};
pub use tags_field::{TagsField, TagsFieldProps};
pub use task_field::{TaskField, TaskFieldProps};
pub use task_summary::{TaskSummary, TaskSummaryProps};
