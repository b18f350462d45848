//! Reusable views.

pub mod auth;
pub mod entry;
pub mod header;
pub mod overview;
pub mod pager;
