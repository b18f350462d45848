//! Delegation of a unit's review to an acting head: list, delegate, revoke. Every call names
//! a unit the caller reviews; delegating also needs the caller to head it by role.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{DelegationForm, DelegationView};

#[cfg(feature = "ssr")]
use super::parse_id;

/// The unit's delegations (running, to come, recently ended).
#[server(prefix = "/api", endpoint = "unit_delegations", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn unit_delegations(unit: String) -> Result<Vec<DelegationView>, AppError> {
    let state = crate::ssr::state::app_state()?;
    let id = parse_id("unit", &unit)?;
    let me = crate::ssr::auth::guard::unit(&state.db, id).await?;
    crate::ssr::services::delegations::of_unit(&state.db, me.subject(), id).await
}

/// The head delegates the unit's review to `form.username` for a date range.
#[server(prefix = "/api", endpoint = "delegate_unit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delegate_unit(form: DelegationForm) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let id = parse_id("unit", &form.unit)?;
    let me = crate::ssr::auth::guard::unit(&state.db, id).await?;
    crate::ssr::services::delegations::create(&state.db, &me.actor(), me.id(), id, &form)
        .await
        .map(|_| ())
}

/// Revokes delegation `id` of `unit`.
#[server(prefix = "/api", endpoint = "revoke_delegation", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn revoke_delegation(unit: String, id: i32) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let unit_id = parse_id("unit", &unit)?;
    let me = crate::ssr::auth::guard::unit(&state.db, unit_id).await?;
    crate::ssr::services::delegations::revoke(&state.db, &me.actor(), unit_id, id).await
}
