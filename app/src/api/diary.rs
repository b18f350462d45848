//! Work-log entries and scores, guarded object by object: an officer reaches only their
//! own, a reviewer only those of the units they head, an auditor reads them all.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ScoreView, WorkEntryView};

#[cfg(feature = "ssr")]
mod server {
    use crate::authz::Target;
    use crate::error::AppError;
    use crate::models::WorkEntryView;
    use crate::ssr::entities::work_log_entry as wle;
    use sea_orm::ConnectionTrait;

    /// Whose record it is and the units above them, for `authz::decide`.
    pub async fn target_of<C: ConnectionTrait>(
        db: &C,
        officer_id: i32,
    ) -> Result<Target, AppError> {
        // Anonymous callers learn nothing, not even whether the record exists.
        crate::ssr::auth::require(crate::authz::Action::OwnAccount)?;
        crate::ssr::auth::officer_target(db, officer_id).await
    }

    pub async fn entry<C: ConnectionTrait>(
        db: &C,
        id: i64,
    ) -> Result<(wle::Model, Target), AppError> {
        crate::ssr::auth::require(crate::authz::Action::OwnAccount)?;
        let e = crate::ssr::services::work_log::find(db, id).await?;
        let t = target_of(db, e.officer_id).await?;
        Ok((e, t))
    }

    pub fn view(e: wle::Model) -> WorkEntryView {
        WorkEntryView {
            id: e.id,
            officer_id: e.officer_id,
            work_date: e.work_date,
            catalog_item_id: e.catalog_item_id,
            off_catalog_description: e.off_catalog_description,
            assigned_qty: e.assigned_qty,
            completed_qty: e.completed_qty,
            deadline: e.deadline,
            completed_on: e.completed_on,
            source_document: e.source_document,
            note: e.note,
            status: e.status,
            return_reason: e.return_reason,
            lock_version: e.lock_version,
        }
    }
}

#[server(prefix = "/api", endpoint = "work_entry")]
pub async fn work_entry(id: i64) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let (e, target) = server::entry(&state.db, id).await?;
    crate::ssr::auth::require(crate::authz::Action::ReadEntry(&target))?;
    Ok(server::view(e))
}

#[server(prefix = "/api", endpoint = "submit_work_entry")]
pub async fn submit_work_entry(id: i64, lock_version: i32) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let (_, target) = server::entry(&state.db, id).await?;
    let me = crate::ssr::auth::require(crate::authz::Action::WriteOwnEntry(&target))?;
    let mut done =
        crate::ssr::services::work_log::submit(&state.db, &me.actor(), &[(id, lock_version)])
            .await?;
    done.pop().map(server::view).ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "delete_work_entry")]
pub async fn delete_work_entry(id: i64, lock_version: i32) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let (_, target) = server::entry(&state.db, id).await?;
    let me = crate::ssr::auth::require(crate::authz::Action::WriteOwnEntry(&target))?;
    crate::ssr::services::work_log::delete_draft(&state.db, &me.actor(), id, lock_version).await
}

#[server(prefix = "/api", endpoint = "approve_work_entry")]
pub async fn approve_work_entry(id: i64, lock_version: i32) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let (me, _) = crate::ssr::auth::reviewer_of_entry(&state.db, id).await?;
    let mut done =
        crate::ssr::services::work_log::approve(&state.db, &me.actor(), &[(id, lock_version)])
            .await?;
    done.pop().map(server::view).ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "return_work_entry")]
pub async fn return_work_entry(
    id: i64,
    lock_version: i32,
    reason: String,
) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let (me, _) = crate::ssr::auth::reviewer_of_entry(&state.db, id).await?;
    crate::ssr::services::work_log::return_entry(&state.db, &me.actor(), id, lock_version, &reason)
        .await
        .map(server::view)
}

/// An officer's current score for a period (e.g. `2026-09`).
#[server(prefix = "/api", endpoint = "officer_score")]
pub async fn officer_score(officer_id: i32, period: String) -> Result<ScoreView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let target = server::target_of(&state.db, officer_id).await?;
    crate::ssr::auth::require(crate::authz::Action::ReadScore(&target))?;
    crate::ssr::services::scores::current(&state.db, officer_id, &period).await
}

/// The signed-in officer's diary for a period (`2026-10`, `2026-Q4`, `2026`; empty: this
/// month), with the catalog of their position.
#[server(prefix = "/api", endpoint = "my_diary")]
pub async fn my_diary(period: String) -> Result<crate::models::Diary, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(crate::authz::Action::OwnDiary)?;
    crate::ssr::services::diary::diary(&state.db, me.id(), &period).await
}

/// Adds a draft entry to the signed-in officer's diary.
#[server(prefix = "/api", endpoint = "add_work_entry")]
pub async fn add_work_entry(form: crate::models::WorkLogForm) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(crate::authz::Action::OwnAccount)?;
    let target = server::target_of(&state.db, me.id()).await?;
    crate::ssr::auth::require(crate::authz::Action::WriteOwnEntry(&target))?;
    let input = crate::ssr::services::diary::parse_form(&form)?;
    crate::ssr::services::work_log::create(&state.db, &me.actor(), me.id(), &input)
        .await
        .map(server::view)
}

/// Corrects one of the officer's draft or returned entries.
#[server(prefix = "/api", endpoint = "update_work_entry")]
pub async fn update_work_entry(
    id: i64,
    lock_version: i32,
    form: crate::models::WorkLogForm,
) -> Result<WorkEntryView, AppError> {
    let state = crate::ssr::state::app_state()?;
    let (_, target) = server::entry(&state.db, id).await?;
    let me = crate::ssr::auth::require(crate::authz::Action::WriteOwnEntry(&target))?;
    let input = crate::ssr::services::diary::parse_form(&form)?;
    crate::ssr::services::work_log::update(&state.db, &me.actor(), id, lock_version, &input)
        .await
        .map(server::view)
}

/// Submits every draft and corrected entry of the signed-in officer from `from` to `to`
/// (yyyy-mm-dd): a day, a week or the whole period. Returns how many were submitted.
#[server(prefix = "/api", endpoint = "submit_diary")]
pub async fn submit_diary(from: String, to: String) -> Result<usize, AppError> {
    use crate::error::AppError as E;
    let state = crate::ssr::state::app_state()?;
    let me = crate::ssr::auth::require(crate::authz::Action::OwnAccount)?;
    let target = server::target_of(&state.db, me.id()).await?;
    crate::ssr::auth::require(crate::authz::Action::WriteOwnEntry(&target))?;
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
