//! The reviewer's unit page: read it, enter general-criteria points, score and approve the
//! unit's period. Every call names a unit the caller heads (or one below it).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{PointsForm, UnitBoard};

#[cfg(feature = "ssr")]
use super::parse_id;

/// The unit page: `unit` (an id; empty: the first unit the caller heads) and `period`
/// (empty: this month).
#[server(prefix = "/api", endpoint = "unit_board", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_unit_board(unit: String, period: String) -> Result<UnitBoard, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ReviewQueue)?;
    let state = crate::ssr::state::app_state()?;
    let unit = match unit.trim() {
        "" => None,
        t => {
            let id = parse_id("unit", t)?;
            crate::ssr::auth::guard::unit(&state.db, id).await?;
            Some(id)
        }
    };
    crate::ssr::services::unit_board::board(&state.db, me.subject(), unit, &period).await
}

/// Enters or corrects an officer's general-criteria points (0 to the formula's maximum).
#[server(prefix = "/api", endpoint = "save_general_points", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_general_points(form: PointsForm) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    crate::ssr::auth::require(crate::authz::Action::ReviewQueue)?;
    let officer_id = parse_id("officer_id", &form.officer_id)?;
    let me = crate::ssr::auth::guard::officer(
        &state.db,
        officer_id,
        crate::ssr::auth::guard::On::ReviewEntry,
    )
    .await?;
    let general = crate::i18n::parse_number(&form.general)
        .ok_or_else(|| AppError::refused("general", crate::i18n::Msg::DiaryBadNumber))?;
    let lock = match form.lock_version.trim() {
        "" => 0,
        t => parse_id("lock_version", t)?,
    };
    crate::ssr::services::unit_board::save_points(
        &state.db,
        &me.actor(),
        officer_id,
        &form.period,
        general,
        form.disqualified
            .is_some_and(|v| !v.is_empty() && v != "false"),
        lock,
    )
    .await
    .map(|_| ())
}

/// Scores the unit's period (its agency's cohorts taken in whole); returns how many
/// officers got a new score.
#[server(prefix = "/api", endpoint = "score_unit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn score_unit_period(unit: String, period: String) -> Result<usize, AppError> {
    let state = crate::ssr::state::app_state()?;
    let unit_id = parse_id("unit", &unit)?;
    let me = crate::ssr::auth::guard::unit(&state.db, unit_id).await?;
    let run =
        crate::ssr::services::unit_board::score_unit(&state.db, &me.actor(), unit_id, &period)
            .await?;
    Ok(run.officers)
}

/// Approves the unit's period: the scores the reviewer saw (`scores[]`, their ids) are
/// approved and the entries locked.
#[server(prefix = "/api", endpoint = "approve_unit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn approve_unit_period(
    unit: String,
    period: String,
    #[server(default)] scores: Vec<String>,
) -> Result<usize, AppError> {
    let state = crate::ssr::state::app_state()?;
    let unit_id = parse_id("unit", &unit)?;
    let me = crate::ssr::auth::guard::unit(&state.db, unit_id).await?;
    let seen = scores
        .iter()
        .map(|s| {
            s.trim()
                .parse::<i64>()
                .map_err(|_| AppError::refused("scores", crate::i18n::Msg::UserUnknownChoice))
        })
        .collect::<Result<Vec<_>, _>>()?;
    crate::ssr::services::unit_board::approve_unit(
        &state.db,
        &me.actor(),
        me.subject(),
        unit_id,
        &period,
        &seen,
    )
    .await
}
