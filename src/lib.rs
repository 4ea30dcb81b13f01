//! Stop CBT Task: a panel for ZStack's `DisableCbtTask` API.
//!
//! [`protocol`] and [`json`] hold the wire protocol and its decoding, free of
//! any DOM so they are tested natively; the browser adapter and components
//! live behind `wasm32`.

pub mod config;
pub mod i18n;
pub mod json;
pub mod protocol;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod components;
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod host;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
