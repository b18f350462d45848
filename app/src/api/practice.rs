//! Practice mode (thực hành): the signed-in officer's practice entries, logged and
//! "submitted" like real ones but kept apart, and the preview of the month's score. An
//! officer reaches only their own practice entries.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{Practice, WorkLogForm};

#[cfg(feature = "ssr")]
use crate::authz::Action;

/// The officer's practice month (`period`, e.g. `2026-12`; empty: this month), with the
/// preview scored with `general` points for the general criteria (empty: none given).
#[server(prefix = "/api", endpoint = "my_practice", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_practice(
    period: String,
    #[server(default)] general: String,
) -> Result<Practice, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(Action::OwnDiary)?;
    crate::ssr::services::practice::page(&state.db, &state.rules, me.id(), &period, &general).await
}

/// Adds a practice draft (the diary's form and checks).
#[server(prefix = "/api", endpoint = "add_practice_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_practice_entry(form: WorkLogForm) -> Result<i64, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(Action::OwnDiary)?;
    let input = crate::ssr::services::diary::parse_form(&form)?;
    crate::ssr::services::practice::add(&state.db, me.id(), &input).await
}

/// "Submits" the practice drafts of a month: nobody reviews them; the preview counts them.
#[server(prefix = "/api", endpoint = "submit_practice", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_practice(period: String) -> Result<u64, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(Action::OwnDiary)?;
    crate::ssr::services::practice::submit(&state.db, me.id(), &period).await
}

/// Deletes one of the officer's practice entries.
#[server(prefix = "/api", endpoint = "delete_practice_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delete_practice_entry(id: String) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(Action::OwnDiary)?;
    let id = id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::refused("id", crate::i18n::Msg::UserUnknownChoice))?;
    crate::ssr::services::practice::delete(&state.db, me.id(), id).await
}

/// Deletes all of the officer's practice entries, to start again.
#[server(prefix = "/api", endpoint = "clear_practice", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn clear_practice() -> Result<u64, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(Action::OwnDiary)?;
    crate::ssr::services::practice::clear(&state.db, me.id()).await
}
