//! The committee's dashboard: a period's figures for the province or one agency.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ClassificationList, Dashboard};

/// The dashboard of `period` (the latest scored month when empty), for the province or,
/// with `agency` (an agency's id), for that agency.
#[server(prefix = "/api", endpoint = "dashboard", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_dashboard(period: String, agency: String) -> Result<Dashboard, AppError> {
    let who = crate::ssr::auth::require(crate::authz::Action::ReadProvinceFigures)?;
    let agency = match agency.trim() {
        "" => None,
        id => Some(super::parse_id("agency", id)?),
    };
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::dashboard::dashboard(&state.db, who.subject(), &period, agency).await
}

/// The classification list of an agency (empty: the first the caller may read) for
/// `period` (empty: the latest year with scores): the committee and auditors any agency,
/// a head the agencies they head.
#[server(prefix = "/api", endpoint = "classification_list", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_classification_list(
    period: String,
    agency: String,
) -> Result<ClassificationList, AppError> {
    let who = crate::ssr::auth::require(crate::authz::Action::ReadClassification)?;
    let agency = match agency.trim() {
        "" => None,
        id => Some(super::parse_id("agency", id)?),
    };
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::reports::classification(&state.db, who.subject(), &period, agency).await
}
