//! Server functions, one file per feature area: authorize → call a service → return a DTO.
//!
//! Every server function asks `crate::authz` first, through `ssr::auth::require` or
//! `ssr::auth::allow_public`; `server/tests/permissions.rs` lists them all with the roles
//! that may call them and fails when one is missing.

pub mod api_clients;
pub mod appeals;
pub mod audit;
pub mod auth;
pub mod closing;
pub mod delegations;
pub mod diary;
pub mod home;
pub mod jobs;
pub mod onboarding;
pub mod org;
pub mod positions;
pub mod review;
pub mod rules;
pub mod scores;
pub mod unit;
pub mod users;
