//! Stop CBT Task: a Leptos panel for ZStack's `DisableCbtTask` API.
//!
//! The layers, each using only the ones above it:
//!
//! 1. The wire and its decisions, free of DOM code and tested natively:
//!    [`wire`] (serde types of every reply, request, config file and host
//!    message), [`date`], [`protocol`] (request, classification, error
//!    trees, inventories, queries, hints), [`examples`] (the published
//!    replies of example mode), [`config`] (`panel.config.json`),
//!    [`embed`] (the host messages), [`snippets`] (the stop as code for
//!    ZStack's clients), [`i18n`] (texts), [`transport`] (calls, replies
//!    and the [`transport::Transport`] the flows run over), [`flow`] (the
//!    stop), [`phase`] (where it stands), [`history`] (the tab's stops),
//!    [`selection`] and [`batch`] (several tasks: what is picked, and the
//!    stops at once).
//! 2. The browser adapter: [`client`] (fetch through gloo-net, abort,
//!    timers, the one-in-flight [`client::Flight`]), [`host`] (the framing
//!    console), [`account`] (sign-in and sign-out).
//! 3. State: [`state`] (the form, the settings, the session kept for the
//!    tab), [`lookup`] (the summary line and the finder), [`several`] (the
//!    task list and selection of "Several tasks"), [`stopper`] (the stops
//!    in flight and the tab's history).
//! 4. The view: [`components`], given their state by [`context`] and laid
//!    out by [`app`] (the page) or [`element`] (`<cbt-stop-panel>`), with
//!    [`shortcuts`], [`document`] (the page's `lang` and title) and
//!    [`frame`] (the framing console).

pub mod batch;
pub mod config;
pub mod date;
pub mod embed;
pub mod examples;
pub mod flow;
pub mod history;
pub mod i18n;
pub mod phase;
pub mod protocol;
pub mod selection;
pub mod snippets;
pub mod transport;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod account;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod context;
#[cfg(target_arch = "wasm32")]
pub mod document;
#[cfg(target_arch = "wasm32")]
pub mod element;
#[cfg(target_arch = "wasm32")]
pub mod frame;
#[cfg(target_arch = "wasm32")]
pub mod host;
#[cfg(target_arch = "wasm32")]
pub mod lookup;
#[cfg(target_arch = "wasm32")]
pub mod several;
#[cfg(target_arch = "wasm32")]
pub mod shortcuts;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod stopper;
