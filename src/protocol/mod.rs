//! The `DisableCbtTask` wire protocol, free of DOM code and tested natively:
//! [`request`] builds the call, [`classify`] turns every reply into a typed
//! [`Outcome`], [`error_tree`] decodes `ErrorCode` chains of any depth,
//! [`inventory`] reads a task, [`query`] builds the finder's query, and
//! [`hints`] says what to do next. The serde types of the wire are in
//! [`crate::wire`], dates in [`crate::date`].

pub mod classify;
pub mod error_tree;
pub mod hints;
pub mod inventory;
pub mod query;
pub mod request;

pub use classify::*;
pub use error_tree::*;
pub use hints::*;
pub use inventory::*;
pub use query::*;
pub use request::*;
