//! What the home page reads.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::HomeCounts;

/// How many units and users the database holds (public: no personal data).
#[server(prefix = "/api", endpoint = "home_stats", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn home_stats() -> Result<HomeCounts, AppError> {
    crate::ssr::auth::allow_public(crate::authz::Action::ReadPublic)?;
    let state = crate::ssr::state::app_state()?;
    state.public_figures.stats(&state.db).await
}

/// The province's agencies, periods and the formula in force (public: no personal data).
#[server(prefix = "/api", endpoint = "province_overview", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn province_overview() -> Result<crate::models::ProvinceOverview, AppError> {
    crate::ssr::auth::allow_public(crate::authz::Action::ReadPublic)?;
    let state = crate::ssr::state::app_state()?;
    state.public_figures.overview(&state.db).await
}
