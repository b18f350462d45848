//! Administration pages.

pub mod formulas;
pub mod positions;
pub mod rules;
pub mod users;
