//! The closing chain of a period: read how far each unit and agency is, close an agency
//! (its director), publish the period (the committee), and reopen any step with a reason.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ClosingBoard, DeadlinesForm};

#[cfg(feature = "ssr")]
use super::parse_id;

/// The closing page for `period` (empty: this month).
#[server(prefix = "/api", endpoint = "closing_board", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_closing_board(period: String) -> Result<ClosingBoard, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ReadClosing)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::closing::board(&state.db, me.subject(), &period).await
}

/// The director closes agency `agency` (an id) for `period`.
#[server(prefix = "/api", endpoint = "close_agency", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn close_agency(agency: String, period: String) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let id = parse_id("agency", &agency)?;
    let me = crate::ssr::auth::guard::agency(&state.db, id, false).await?;
    crate::ssr::services::closing::close_agency(&state.db, &me.actor(), id, &period)
        .await
        .map(|_| ())
}

/// Reopens agency `agency` for `period`, with a reason.
#[server(prefix = "/api", endpoint = "reopen_agency", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reopen_agency(agency: String, period: String, reason: String) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let id = parse_id("agency", &agency)?;
    let me = crate::ssr::auth::guard::agency(&state.db, id, true).await?;
    crate::ssr::services::closing::reopen_agency(&state.db, &me.actor(), id, &period, &reason).await
}

/// Reopens a unit's approved period (its head or above), with a reason; returns how many
/// officers' results were reopened.
#[server(prefix = "/api", endpoint = "reopen_unit_period", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reopen_unit_period(
    unit: String,
    period: String,
    reason: String,
) -> Result<usize, AppError> {
    let state = crate::ssr::state::app_state()?;
    let id = parse_id("unit", &unit)?;
    let me = crate::ssr::auth::guard::unit(&state.db, id).await?;
    crate::ssr::services::closing::reopen_unit(
        &state.db,
        &me.actor(),
        me.subject(),
        id,
        &period,
        &reason,
    )
    .await
}

/// The committee publishes `period` (its `lock_version` as the page showed it).
#[server(prefix = "/api", endpoint = "publish_period", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn publish_period(period: String, lock_version: i32) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::PublishPeriod)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::closing::publish(&state.db, &me.actor(), &period, lock_version)
        .await
        .map(|_| ())
}

/// The committee reopens a published `period`, with a reason.
#[server(prefix = "/api", endpoint = "reopen_period", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reopen_period(
    period: String,
    lock_version: i32,
    reason: String,
) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::PublishPeriod)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::closing::reopen_period(
        &state.db,
        &me.actor(),
        &period,
        lock_version,
        &reason,
    )
    .await
    .map(|_| ())
}

/// An administrator sets `form.period`'s calendar.
#[server(prefix = "/api", endpoint = "set_period_deadlines", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_period_deadlines(form: DeadlinesForm) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::SetDeadlines)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::closing::set_deadlines(&state.db, &me.actor(), &form)
        .await
        .map(|_| ())
}
