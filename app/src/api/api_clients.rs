//! The integration API's clients and tokens, for administrators: register an agency's
//! e-office system, issue a token (shown once), revoke one.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ApiClientView, IssuedToken};

#[cfg(feature = "ssr")]
use crate::{
    authz::Action,
    ssr::{auth::require, services::api_clients, state::app_state},
};

/// Every client with its tokens (never a token's text).
#[server(prefix = "/api", endpoint = "list_api_clients", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_api_clients() -> Result<Vec<ApiClientView>, AppError> {
    require(Action::ManageUsers)?;
    api_clients::list(&app_state()?.db).await
}

/// Registers a client for the agency with code `agency`; its entries land submitted when
/// `entries_submitted` is ticked, else as drafts.
#[server(prefix = "/api", endpoint = "create_api_client", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_api_client(
    name: String,
    agency: String,
    #[server(default)] entries_submitted: Option<String>,
) -> Result<i32, AppError> {
    let me = require(Action::ManageUsers)?;
    let submitted = entries_submitted.is_some_and(|v| !v.is_empty());
    api_clients::create_client(&app_state()?.db, &me.actor(), &name, &agency, submitted)
        .await
        .map(|c| c.id)
}

/// Issues a token of client `client_id`: its text is in the answer and nowhere else.
#[server(prefix = "/api", endpoint = "issue_api_token", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn issue_api_token(
    client_id: i32,
    name: String,
    #[server(default)] scopes: Vec<String>,
    days: String,
) -> Result<IssuedToken, AppError> {
    let me = require(Action::ManageUsers)?;
    let days: i64 = days
        .trim()
        .parse()
        .map_err(|_| AppError::refused("days", crate::i18n::Msg::ApiTokenDays))?;
    api_clients::issue_token(
        &app_state()?.db,
        &me.actor(),
        client_id,
        &name,
        &scopes.join(","),
        days,
    )
    .await
}

/// Revokes token `id`.
#[server(prefix = "/api", endpoint = "revoke_api_token", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn revoke_api_token(id: i32) -> Result<(), AppError> {
    let me = require(Action::ManageUsers)?;
    api_clients::revoke_token(&app_state()?.db, &me.actor(), id).await
}
