//! Reusable views.

pub mod header;
pub mod overview;
