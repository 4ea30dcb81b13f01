//! The panel's components, one a file, named for what the person sees.

mod copy_button;
pub mod el;
mod error_tree;
mod inventory_card;
mod request_preview;
mod result_view;
mod sign_in;
mod status_badge;
mod tags_field;

pub use copy_button::{CopyButton, CopyButtonProps};
pub use error_tree::{ErrorTree, ErrorTreeProps};
pub use inventory_card::{InventoryCard, InventoryCardProps};
pub use request_preview::{RequestPreview, RequestPreviewProps};
pub use result_view::{Phase, ResultView, ResultViewProps};
pub use sign_in::{SignIn, SignInProps, SignInState};
pub use status_badge::{StatusBadge, StatusBadgeProps};
pub use tags_field::{TagsField, TagsFieldProps};
