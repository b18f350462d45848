//! Administration pages.

pub mod api_clients;
pub mod formulas;
pub mod home;
pub mod org;
pub mod position_form;
pub mod positions;
pub mod rules;
pub mod units;
pub mod users;
