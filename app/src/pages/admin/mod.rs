//! Administration pages.

pub mod formulas;
pub mod org;
pub mod positions;
pub mod rules;
pub mod users;
