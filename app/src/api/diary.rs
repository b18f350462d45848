//! Work-log entries and scores, guarded object by object: an officer reaches only their
//! own, a reviewer only those of the units they head, an auditor reads them all.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ScoreView, WorkEntryView};

#[cfg(feature = "ssr")]
use crate::{
    authz::Action,
    ssr::auth::guard::{self, On},
};

#[server(prefix = "/api", endpoint = "work_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn work_entry(id: i64) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    guard::entry(&state.db, id, On::ReadEntry).await?;
    crate::ssr::services::work_log::find(&state.db, id)
        .await
        .map(WorkEntryView::from)
}

#[server(prefix = "/api", endpoint = "submit_work_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_work_entry(id: i64, lock_version: i32) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = guard::entry(&state.db, id, On::WriteOwnEntry).await?;
    let mut done =
        crate::ssr::services::work_log::submit(&state.db, &me.actor(), &[(id, lock_version)])
            .await?;
    done.pop()
        .map(WorkEntryView::from)
        .ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "delete_work_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delete_work_entry(id: i64, lock_version: i32) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = guard::entry(&state.db, id, On::WriteOwnEntry).await?;
    crate::ssr::services::work_log::delete_draft(&state.db, &me.actor(), id, lock_version).await
}

#[server(prefix = "/api", endpoint = "approve_work_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn approve_work_entry(id: i64, lock_version: i32) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = guard::entry(&state.db, id, On::ReviewEntry).await?;
    let mut done =
        crate::ssr::services::work_log::approve(&state.db, &me.actor(), &[(id, lock_version)])
            .await?;
    done.pop()
        .map(WorkEntryView::from)
        .ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "return_work_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn return_work_entry(
    id: i64,
    lock_version: i32,
    reason: String,
) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = guard::entry(&state.db, id, On::ReviewEntry).await?;
    crate::ssr::services::work_log::return_entry(&state.db, &me.actor(), id, lock_version, &reason)
        .await
        .map(WorkEntryView::from)
}

/// An officer's current score for a period (e.g. `2026-09`).
#[server(prefix = "/api", endpoint = "officer_score", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn officer_score(officer_id: i32, period: String) -> Result<ScoreView, AppError> {
    let state = crate::ssr::state::app_state()?;
    guard::officer(&state.db, officer_id, On::ReadScore).await?;
    crate::ssr::services::scores::current(&state.db, officer_id, &period).await
}

/// The signed-in officer's diary for a period (`2026-10`, `2026-Q4`, `2026`; empty: this
/// month), with the catalog of their position.
#[server(prefix = "/api", endpoint = "my_diary", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_diary(period: String) -> Result<crate::models::Diary, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(crate::authz::Action::OwnDiary)?;
    crate::ssr::services::diary::diary(&state.db, me.id(), &period).await
}

/// Adds a draft entry to the signed-in officer's diary.
#[server(prefix = "/api", endpoint = "add_work_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_work_entry(form: crate::models::WorkLogForm) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(Action::OwnAccount)?;
    guard::officer(&state.db, me.id(), On::WriteOwnEntry).await?;
    let input = crate::ssr::services::diary::parse_form(&form)?;
    crate::ssr::services::work_log::create(&state.db, &me.actor(), me.id(), &input)
        .await
        .map(WorkEntryView::from)
}

/// Corrects one of the officer's draft or returned entries.
#[server(prefix = "/api", endpoint = "update_work_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_work_entry(
    id: i64,
    lock_version: i32,
    form: crate::models::WorkLogForm,
) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = guard::entry(&state.db, id, On::WriteOwnEntry).await?;
    let input = crate::ssr::services::diary::parse_form(&form)?;
    crate::ssr::services::work_log::update(&state.db, &me.actor(), id, lock_version, &input)
        .await
        .map(WorkEntryView::from)
}

/// Submits every draft and corrected entry of the signed-in officer from `from` to `to`
/// (yyyy-mm-dd): a day, a week or the whole period. Returns how many were submitted.
#[server(prefix = "/api", endpoint = "submit_diary", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_diary(from: String, to: String) -> Result<usize, AppError> {
    use crate::error::AppError as E;
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(Action::OwnAccount)?;
    guard::officer(&state.db, me.id(), On::WriteOwnEntry).await?;
    let parse = |field: &str, t: &str| {
        chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map_err(|_| E::refused(field, crate::i18n::Msg::DiaryBadDate))
    };
    let (from, to) = (parse("from", &from)?, parse("to", &to)?);
    if to < from {
        return Err(E::refused("to", crate::i18n::Msg::DiaryBadDate));
    }
    crate::ssr::services::work_log::submit_range(&state.db, &me.actor(), me.id(), from, to).await
}
