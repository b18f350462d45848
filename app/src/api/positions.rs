//! Job positions and their job descriptions, for administrators, the committee and auditors.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{PositionDetail, PositionSummary};

/// Positions whose code or name matches `query` (accents optional; empty: all).
#[server(prefix = "/api", endpoint = "list_positions")]
pub async fn list_positions(
    #[server(default)] query: String,
) -> Result<Vec<PositionSummary>, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::positions::list(&state.db, &query).await
}

/// A position with every version of its job description and their catalogs.
#[server(prefix = "/api", endpoint = "get_position")]
pub async fn get_position(id: i32) -> Result<PositionDetail, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::positions::detail(&state.db, id).await
}
