//! Job positions and their job descriptions, for administrators, the committee and auditors.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{PositionDetail, PositionSummary};

/// Positions whose code or name matches `query` (accents optional; empty: all).
#[server(prefix = "/api", endpoint = "list_positions", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_positions(
    #[server(default)] query: String,
) -> Result<Vec<PositionSummary>, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::positions::list(&state.db, &query).await
}

/// A position with every version of its job description and their catalogs.
#[server(prefix = "/api", endpoint = "get_position", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_position(id: i32) -> Result<PositionDetail, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::positions::detail(&state.db, id).await
}

#[cfg(feature = "ssr")]
fn ticked(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.is_empty() && v != "false")
}

#[cfg(feature = "ssr")]
fn whole(field: &str, t: &str) -> Result<i32, AppError> {
    t.trim()
        .parse::<i32>()
        .map_err(|_| AppError::refused(field, crate::i18n::Msg::DiaryBadNumber))
}

/// Opens a new draft of a position's job description, copied from its latest version.
#[server(prefix = "/api", endpoint = "new_job_description_draft", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn new_job_description_draft(position_id: i32) -> Result<i32, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::job_descriptions::new_draft(&state.db, &me.actor(), position_id)
        .await
        .map(|v| v.id)
}

/// Saves a draft's description and catalog, all or nothing: blank rows are skipped, ticked
/// rows removed, and a bad row is named.
#[server(prefix = "/api", endpoint = "save_job_description", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_job_description(form: crate::models::JobDescriptionForm) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    let mut items = Vec::new();
    for (i, row) in form.items.iter().enumerate() {
        let blank = row.code.trim().is_empty() && row.name.trim().is_empty();
        if blank || ticked(&row.remove) {
            continue;
        }
        let field = |f: &str| format!("items[{i}].{f}");
        let norm = crate::i18n::parse_number(&row.norm_minutes).ok_or_else(|| {
            AppError::refused(field("norm_minutes"), crate::i18n::Msg::DiaryBadNumber)
        })?;
        items.push(crate::models::CatalogItemInput {
            code: row.code.clone(),
            group_code: row.group_code.clone(),
            name: row.name.clone(),
            unit_of_measure: row.unit_of_measure.clone(),
            norm_minutes: norm,
            complexity_level: whole(&field("complexity_level"), &row.complexity_level)?,
            coefficient: None,
            evidence_required: ticked(&row.evidence_required),
        });
    }
    crate::ssr::services::job_descriptions::update_draft(
        &state.db,
        &me.actor(),
        whole("version_id", &form.version_id)?,
        whole("lock_version", &form.lock_version)?,
        &form.description,
        &items,
    )
    .await
    .map(|_| ())
}

/// Submits a draft for approval.
#[server(prefix = "/api", endpoint = "submit_job_description", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_job_description(id: i32, lock_version: i32) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::job_descriptions::submit(&state.db, &me.actor(), id, lock_version)
        .await
        .map(|_| ())
}

/// Approves a submitted version with the decision number and the effective date (another
/// administrator than its author).
#[server(prefix = "/api", endpoint = "approve_job_description", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn approve_job_description(
    id: i32,
    lock_version: i32,
    decision_no: String,
    effective_from: String,
) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ApproveJobDescription)?;
    let state = crate::ssr::state::app_state()?;
    let effective = chrono::NaiveDate::parse_from_str(effective_from.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::refused("effective_from", crate::i18n::Msg::DiaryBadDate))?;
    crate::ssr::services::job_descriptions::approve(
        &state.db,
        &me.actor(),
        id,
        lock_version,
        &decision_no,
        effective,
    )
    .await
    .map(|_| ())
}

/// Returns a submitted version to its author with a reason.
#[server(prefix = "/api", endpoint = "return_job_description", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn return_job_description(
    id: i32,
    lock_version: i32,
    reason: String,
) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ApproveJobDescription)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::job_descriptions::return_version(
        &state.db,
        &me.actor(),
        id,
        lock_version,
        &reason,
    )
    .await
    .map(|_| ())
}

/// Replaces a draft's catalog with a table pasted from a spreadsheet or CSV text, all or
/// nothing; the refusal names every bad line.
#[server(prefix = "/api", endpoint = "import_catalog", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn import_catalog(id: i32, lock_version: i32, text: String) -> Result<usize, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    let items = crate::models::parse_catalog_table(&text).map_err(|errors| {
        AppError::notice(
            "text",
            crate::i18n::Notice::ImportLinesRefused {
                lines: errors
                    .into_iter()
                    .map(|(n, e)| (u32::try_from(n).unwrap_or(u32::MAX), e))
                    .collect(),
            },
        )
    })?;
    if items.is_empty() {
        return Err(AppError::refused(
            "text",
            crate::i18n::Msg::PosImportNothing,
        ));
    }
    crate::ssr::services::job_descriptions::replace_catalog(
        &state.db,
        &me.actor(),
        id,
        lock_version,
        &items,
    )
    .await?;
    Ok(items.len())
}

/// Every rule set with its versions (scripts and parameters), for comparing formulas.
#[server(prefix = "/api", endpoint = "list_rule_sets", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_rule_sets() -> Result<Vec<crate::models::RuleSetView>, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::formulas::rule_sets(&state.db).await
}
