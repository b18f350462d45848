//! Administration pages.

pub mod positions;
pub mod users;
