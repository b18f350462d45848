//! The administrators' home: the setup checklist and the health of the background work.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::AdminHome;

/// Every check of the administrators' home.
#[server(prefix = "/api", endpoint = "admin_home", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_admin_home() -> Result<AdminHome, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadAdminHome)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::admin_home::overview(&state.db).await
}
