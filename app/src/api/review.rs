//! The reviewer's queue: approve in bulk, return with a reason, record findings.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{BulkApproval, ReviewQueue};

#[cfg(feature = "ssr")]
fn optional_date(field: &str, text: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
    match text.trim() {
        "" => Ok(None),
        t => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::refused(field, crate::i18n::Msg::DiaryBadDate)),
    }
}

/// A page (`page`, 1-based; 1 when absent) of the submitted entries of the reviewer's
/// units; `officer` (an id), `from` and `to` (yyyy-mm-dd) filter when not empty.
#[server(prefix = "/api", endpoint = "review_queue", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_review_queue(
    officer: String,
    from: String,
    to: String,
    #[server(default)] page: Option<u64>,
) -> Result<ReviewQueue, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ReviewQueue)?;
    let state = crate::ssr::state::app_state()?;
    let officer = match officer.trim() {
        "" => None,
        t => Some(
            t.parse::<i32>()
                .map_err(|_| AppError::refused("officer", crate::i18n::Msg::UserUnknownChoice))?,
        ),
    };
    crate::ssr::services::review::queue(
        &state.db,
        me.subject(),
        officer,
        optional_date("from", &from)?,
        optional_date("to", &to)?,
        page.unwrap_or(1),
    )
    .await
}

/// Approves the ticked entries, all or nothing; each must be reviewable by the caller.
#[server(prefix = "/api", endpoint = "approve_work_entries", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn approve_work_entries(bulk: BulkApproval) -> Result<usize, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ReviewQueue)?;
    let state = crate::ssr::state::app_state()?;
    let mut picked = Vec::with_capacity(bulk.entries.len());
    for item in &bulk.entries {
        let parsed = item.split_once(':').and_then(|(id, lock)| {
            Some((
                id.trim().parse::<i64>().ok()?,
                lock.trim().parse::<i32>().ok()?,
            ))
        });
        let (id, lock) = parsed
            .ok_or_else(|| AppError::refused("entries", crate::i18n::Msg::UserUnknownChoice))?;
        crate::ssr::auth::guard::entry(&state.db, id, crate::ssr::auth::guard::On::ReviewEntry)
            .await?;
        picked.push((id, lock));
    }
    if picked.is_empty() {
        return Err(AppError::refused(
            "entries",
            crate::i18n::Msg::ReviewNothingPicked,
        ));
    }
    Ok(
        crate::ssr::services::work_log::approve(&state.db, &me.actor(), &picked)
            .await?
            .len(),
    )
}

/// Records the findings the formula uses on one entry: major quality errors, delays, and
/// whether an objective cause exempts them.
#[server(prefix = "/api", endpoint = "record_findings", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn record_findings(
    id: i64,
    lock_version: i32,
    quality_failures: String,
    delays: String,
    objective_cause: Option<String>,
) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let me =
        crate::ssr::auth::guard::entry(&state.db, id, crate::ssr::auth::guard::On::ReviewEntry)
            .await?;
    let count = |field: &str, t: &str| -> Result<i32, AppError> {
        match t.trim() {
            "" => Ok(0),
            t => t
                .parse::<i32>()
                .map_err(|_| AppError::refused(field, crate::i18n::Msg::DiaryBadNumber)),
        }
    };
    let findings = crate::models::ReviewFindings {
        quality_failures: count("quality_failures", &quality_failures)?,
        delays: count("delays", &delays)?,
        objective_cause: objective_cause.is_some_and(|v| !v.is_empty() && v != "false"),
    };
    crate::ssr::services::work_log::record_findings(
        &state.db,
        &me.actor(),
        id,
        lock_version,
        findings,
    )
    .await
    .map(|_| ())
}

/// Maps a submitted off-catalog entry to an item of the officer's catalog, with the
/// quantity in that item's unit.
#[server(prefix = "/api", endpoint = "map_off_catalog", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn map_off_catalog_entry(
    id: i64,
    lock_version: i32,
    catalog_item_id: String,
    quantity: String,
) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let me =
        crate::ssr::auth::guard::entry(&state.db, id, crate::ssr::auth::guard::On::ReviewEntry)
            .await?;
    let item = catalog_item_id
        .trim()
        .parse::<i32>()
        .map_err(|_| AppError::refused("catalog_item_id", crate::i18n::Msg::DiaryPickTask))?;
    let quantity = crate::i18n::parse_number(&quantity)
        .ok_or_else(|| AppError::refused("quantity", crate::i18n::Msg::DiaryBadNumber))?;
    crate::ssr::services::work_log::map_off_catalog(
        &state.db,
        &me.actor(),
        id,
        lock_version,
        item,
        quantity,
    )
    .await
    .map(|_| ())
}

/// Rejects a submitted off-catalog entry with a reason: it will not count.
#[server(prefix = "/api", endpoint = "reject_work_entry", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reject_work_entry(id: i64, lock_version: i32, reason: String) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    let me =
        crate::ssr::auth::guard::entry(&state.db, id, crate::ssr::auth::guard::On::ReviewEntry)
            .await?;
    crate::ssr::services::work_log::reject_off_catalog(
        &state.db,
        &me.actor(),
        id,
        lock_version,
        &reason,
    )
    .await
    .map(|_| ())
}
