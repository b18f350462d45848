//! sea-orm entities, one per table. Hand-written model logic lives in `services`.

pub mod unit;
pub mod user;
pub mod user_role;
