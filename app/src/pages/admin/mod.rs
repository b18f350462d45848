//! Administration pages.

pub mod formulas;
pub mod positions;
pub mod users;
