//! User administration: admins change, auditors read.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{PasswordResetOutcome, UserDetail, UserFormOptions, UserInput, UserPage};

#[server(prefix = "/api", endpoint = "list_users", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_users(query: String, page: u64) -> Result<UserPage, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::accounts::list_users(&state.db, &query, page).await
}

#[server(prefix = "/api", endpoint = "get_user", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_user(id: i32) -> Result<UserDetail, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::accounts::user_detail(&state.db, id).await
}

#[server(prefix = "/api", endpoint = "user_form_options", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_user_form_options() -> Result<UserFormOptions, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::accounts::form_options(&state.db).await
}

/// Creates a user and opens their page.
#[server(prefix = "/api", endpoint = "create_user", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_user(input: UserInput) -> Result<UserDetail, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ManageUsers)?;
    let state = crate::ssr::state::app_state()?;
    let created =
        crate::ssr::services::accounts::create_user(&state.db, &me.actor(), &input).await?;
    leptos_axum::redirect(&format!("/quan-tri/nguoi-dung/{}", created.id));
    Ok(created)
}

#[server(prefix = "/api", endpoint = "update_user", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_user(id: i32, input: UserInput) -> Result<UserDetail, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ManageUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::accounts::update_user(&state.db, &me.actor(), id, &input).await
}

/// Resets a password; for an administrator, a committee member or an auditor the reset
/// waits for a second administrator.
#[server(prefix = "/api", endpoint = "reset_user_password", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reset_user_password(
    id: i32,
    password: String,
) -> Result<PasswordResetOutcome, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ManageUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::accounts::reset_password(&state.db, &me.actor(), id, &password).await
}

/// A second administrator confirms a password reset another one requested.
#[server(prefix = "/api", endpoint = "confirm_password_reset", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn confirm_password_reset(id: i32) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ManageUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::accounts::confirm_password_reset(&state.db, &me.actor(), id).await
}

#[server(prefix = "/api", endpoint = "set_user_active", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_user_active(id: i32, active: bool) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ManageUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::accounts::set_active(&state.db, &me.actor(), id, active).await
}
