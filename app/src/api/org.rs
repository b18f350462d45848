//! The organisation as administrators change it by hand: the unit tree (create, rename,
//! move, close and reopen a unit, name its heads) and the positions' settings (create a
//! position, change its name, group, cohort group and agencies). Administrators only, as
//! for the organisation import (`ManageUsers` for units, whose heads are user roles;
//! `EditConfiguration` for positions).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{Choice, PositionInput, PositionSetup, UnitInput, UnitNode};

#[cfg(feature = "ssr")]
use crate::{
    authz::Action,
    ssr::{auth::require, services::positions, services::units, state::app_state},
};

/// The organisation tree, depth first, with heads and member counts.
#[server(prefix = "/api", endpoint = "list_units", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_units() -> Result<Vec<UnitNode>, AppError> {
    require(Action::ManageUsers)?;
    units::tree(&app_state()?.db).await
}

/// The people offered as heads of a unit: the active users of its agency.
#[server(prefix = "/api", endpoint = "unit_head_candidates", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn unit_head_candidates(id: i32) -> Result<Vec<Choice>, AppError> {
    require(Action::ManageUsers)?;
    units::head_candidates(&app_state()?.db, id).await
}

/// Creates a unit and opens it on the units page.
#[server(prefix = "/api", endpoint = "create_unit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_unit(input: UnitInput) -> Result<i32, AppError> {
    let me = require(Action::ManageUsers)?;
    let id = units::create(&app_state()?.db, &me.actor(), &input).await?;
    leptos_axum::redirect(&format!("/quan-tri/don-vi?chon={id}"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "rename_unit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn rename_unit(id: i32, name: String) -> Result<(), AppError> {
    let me = require(Action::ManageUsers)?;
    units::rename(&app_state()?.db, &me.actor(), id, &name).await
}

/// Moves a unit under another parent (`parent_id` as the form sends it).
#[server(prefix = "/api", endpoint = "move_unit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn move_unit(id: i32, parent_id: String) -> Result<(), AppError> {
    let me = require(Action::ManageUsers)?;
    units::move_to(&app_state()?.db, &me.actor(), id, &parent_id).await
}

/// Closes a unit from a date (`yyyy-mm-dd` or `dd/mm/yyyy`).
#[server(prefix = "/api", endpoint = "close_unit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn close_unit(id: i32, closed_on: String) -> Result<(), AppError> {
    let me = require(Action::ManageUsers)?;
    let on = crate::models::parse_day(&closed_on)
        .ok_or_else(|| AppError::refused("closed_on", crate::i18n::Msg::DiaryBadDate))?;
    units::close(&app_state()?.db, &me.actor(), id, on).await
}

#[server(prefix = "/api", endpoint = "reopen_unit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reopen_unit(id: i32) -> Result<(), AppError> {
    let me = require(Action::ManageUsers)?;
    units::reopen(&app_state()?.db, &me.actor(), id).await
}

/// Makes an active user (by user name) a head of the unit.
#[server(prefix = "/api", endpoint = "add_unit_head", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_unit_head(id: i32, username: String) -> Result<(), AppError> {
    let me = require(Action::ManageUsers)?;
    units::add_head(&app_state()?.db, &me.actor(), id, &username).await
}

#[server(prefix = "/api", endpoint = "remove_unit_head", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn remove_unit_head(id: i32, user_id: i32) -> Result<(), AppError> {
    let me = require(Action::ManageUsers)?;
    units::remove_head(&app_state()?.db, &me.actor(), id, user_id).await
}

/// The position form: position `id`'s settings (0: a new position), the agencies to
/// choose from and the cohort groups in use.
#[server(prefix = "/api", endpoint = "get_position_setup", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_position_setup(id: i32) -> Result<PositionSetup, AppError> {
    require(Action::EditConfiguration)?;
    positions::setup(&app_state()?.db, (id != 0).then_some(id)).await
}

/// Creates a position and opens its page.
#[server(prefix = "/api", endpoint = "create_position", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_position(input: PositionInput) -> Result<i32, AppError> {
    let me = require(Action::EditConfiguration)?;
    let id = positions::create(&app_state()?.db, &me.actor(), &input).await?;
    leptos_axum::redirect(&format!("/quan-tri/vi-tri/{id}"));
    Ok(id)
}

/// Changes a position's name, group, cohort group and agencies (never its code).
#[server(prefix = "/api", endpoint = "update_position", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_position(id: i32, input: PositionInput) -> Result<(), AppError> {
    let me = require(Action::EditConfiguration)?;
    positions::update(&app_state()?.db, &me.actor(), id, &input).await
}
