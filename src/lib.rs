//! Stop CBT Task: a panel for ZStack's `DisableCbtTask` API.
//!
//! [`wire`] holds the serde types of every reply, request, config file and
//! host message; [`protocol`] builds the request and classifies replies into
//! typed outcomes; [`flow`] runs a stop over a [`flow::Transport`]. None of
//! them touches the DOM, so they are tested natively. The browser adapter
//! ([`client`], [`host`]) and the components live behind `wasm32`.

pub mod config;
pub mod date;
pub mod embed;
pub mod examples;
pub mod flow;
pub mod i18n;
pub mod protocol;
pub mod snippets;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod host;
#[cfg(target_arch = "wasm32")]
pub mod lookup;
#[cfg(target_arch = "wasm32")]
pub mod state;
