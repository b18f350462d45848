//! Reusable views.

pub mod auth;
pub mod chart;
pub mod diff;
pub mod entry;
pub mod form;
pub mod guide;
pub mod header;
pub mod help;
pub mod job;
pub mod overview;
pub mod pager;

/// The page's `:id` route parameter as a number (0 when absent or not a number, which the
/// server answers as "not found").
pub fn route_id() -> impl Fn() -> i32 + Copy {
    use leptos::prelude::*;
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    }
}
