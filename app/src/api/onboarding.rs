//! The organisation page: the workbooks uploaded (checked on upload, see
//! `ssr::org_files`), one upload's report, and applying it.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ImportBrief, ImportReport, ImportView};

/// The latest uploads.
#[server(prefix = "/api", endpoint = "list_imports", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_imports() -> Result<Vec<ImportBrief>, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ManageUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::onboarding::uploads::recent(&state.db).await
}

/// One upload with what its dry run found.
#[server(prefix = "/api", endpoint = "get_import", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(id = id), err(level = "info")))]
pub async fn get_import(id: i32) -> Result<ImportView, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ManageUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::onboarding::uploads::view(&state.db, id).await
}

/// Applies an upload, all or nothing; the new people's activation codes come back this once.
#[server(prefix = "/api", endpoint = "apply_import", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(id = id), err(level = "info")))]
pub async fn apply_import(id: i32) -> Result<ImportReport, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ManageUsers)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::onboarding::uploads::apply_upload(&state.db, &me.actor(), id).await
}
