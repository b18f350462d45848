//! Server functions, one file per feature area: authorize → call a service → return a DTO.
//!
//! Every server function asks `crate::authz` first, through `ssr::auth::require` or
//! `ssr::auth::allow_public`; `server/tests/suite/permissions.rs` lists them all with the roles
//! that may call them and fails when one is missing. Every one names its output encoding,
//! `output = codec::Json` (see [`codec`]; a unit test fails when one does not).

/// An id sent as text by a form, refused in `field` when it is not a number.
#[cfg(feature = "ssr")]
fn parse_id(field: &str, text: &str) -> Result<i32, crate::error::AppError> {
    text.trim()
        .parse::<i32>()
        .map_err(|_| crate::error::AppError::refused(field, crate::i18n::Msg::UserUnknownChoice))
}

pub mod admin_home;
pub mod api_clients;
pub mod appeals;
pub mod audit;
pub mod auth;
pub mod closing;
pub mod codec;
pub mod dashboard;
pub mod delegations;
pub mod diary;
pub mod guides;
pub mod home;
pub mod jobs;
pub mod notifications;
pub mod onboarding;
pub mod org;
pub mod positions;
pub mod practice;
pub mod review;
pub mod rules;
pub mod scores;
pub mod unit;
pub mod users;
