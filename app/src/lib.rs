//! Rubric's web application: the Leptos components every user sees and the server
//! functions they call.
//!
//! Boundaries: pages call server functions in [`api`]; server functions authorize, call a
//! service under [`ssr`] and return plain DTOs from [`models`]. Nothing outside `ssr` touches
//! the database, and `ssr` is compiled only with the `ssr` feature (the server binary), never
//! into the browser's wasm. User-facing text goes through [`i18n`] (Vietnamese first).

// The score page's view type nests deeply; the wasm-release build needs more than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod authz;
pub mod components;
pub mod error;
pub mod i18n;
pub mod models;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod text;

pub use app::{shell, App};

/// Browser entry point: hydrates the server-rendered page, once the code of its route is
/// loaded (a lazy route's chunk: see `app::lazy_pages`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(App);
}
