//! Reusable views.

pub mod auth;
pub mod header;
pub mod overview;
pub mod pager;
