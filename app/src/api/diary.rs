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
    use crate::ssr::entities::{user, work_log_entry as wle};
    use sea_orm::{ConnectionTrait, EntityTrait};

    /// Whose record it is and the units above them, for `authz::decide`.
    pub async fn target_of<C: ConnectionTrait>(
        db: &C,
        officer_id: i32,
    ) -> Result<Target, AppError> {
        // Anonymous callers learn nothing, not even whether the record exists.
        crate::ssr::auth::require(crate::authz::Action::OwnAccount)?;
        let officer = user::Entity::find_by_id(officer_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Target {
            officer_id,
            unit_chain: crate::ssr::auth::unit_chain(db, officer.unit_id).await?,
        })
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
    let (_, target) = server::entry(&state.db, id).await?;
    let me = crate::ssr::auth::require(crate::authz::Action::ReviewEntry(&target))?;
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
    let (_, target) = server::entry(&state.db, id).await?;
    let me = crate::ssr::auth::require(crate::authz::Action::ReviewEntry(&target))?;
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
