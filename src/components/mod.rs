//! The panel's components, one a file, named for what the person sees.

mod copy_button;
mod error_tree;
mod inventory_card;
mod request_preview;
mod result_view;
mod sign_in;
mod status_badge;
mod tags_field;

pub use copy_button::CopyButton;
pub use error_tree::ErrorTree;
pub use inventory_card::InventoryCard;
pub use request_preview::RequestPreview;
pub use result_view::{Phase, ResultView};
pub use sign_in::SignIn;
pub use status_badge::StatusBadge;
pub use tags_field::TagsField;
