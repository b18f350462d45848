//! Appeals: the officer contests a score or an entry; a reviewer of the officer's unit
//! answers, and may correct the entry's findings and re-score.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::AppealAnswerForm;

/// The signed-in officer contests their score for `period`, or one entry of it
/// (`entry_id`, empty for the score as a whole).
#[server(prefix = "/api", endpoint = "file_appeal", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn file_appeal(
    period: String,
    #[server(default)] entry_id: String,
    comment: String,
) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::OwnDiary)?;
    let state = crate::ssr::state::app_state()?;
    let entry = match entry_id.trim() {
        "" => None,
        t => Some(
            t.parse::<i64>()
                .map_err(|_| AppError::refused("entry_id", crate::i18n::Msg::UserUnknownChoice))?,
        ),
    };
    crate::ssr::services::appeals::file(&state.db, &me.actor(), me.id(), &period, entry, &comment)
        .await
        .map(|_| ())
}

/// A reviewer of the officer's unit answers an appeal: accepted (with corrected findings
/// for an entry, then a re-score) or rejected, with the reason.
#[server(prefix = "/api", endpoint = "answer_appeal", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn answer_appeal(form: AppealAnswerForm) -> Result<(), AppError> {
    let state = crate::ssr::state::app_state()?;
    crate::ssr::auth::require(crate::authz::Action::ReviewQueue)?;
    let number = |field: &str, t: &str| -> Result<i32, AppError> {
        t.trim()
            .parse::<i32>()
            .map_err(|_| AppError::refused(field, crate::i18n::Msg::DiaryBadNumber))
    };
    let id = number("appeal_id", &form.appeal_id)?;
    let me =
        crate::ssr::auth::guard::appeal(&state.db, id, crate::ssr::auth::guard::On::ReviewEntry)
            .await?;
    use crate::models::AppealDecision;
    let accept = match AppealDecision::parse(form.decision.trim()) {
        Some(AppealDecision::Accepted) => true,
        Some(AppealDecision::Rejected) => false,
        None => {
            return Err(AppError::refused(
                "decision",
                crate::i18n::Msg::AppealPickDecision,
            ))
        }
    };
    let count = |field: &str, t: &str| -> Result<i32, AppError> {
        match t.trim() {
            "" => Ok(0),
            t => number(field, t),
        }
    };
    // Findings correct the appealed entry; the service ignores them for a whole-period appeal.
    let findings = accept
        .then(|| -> Result<_, AppError> {
            Ok(crate::models::ReviewFindings {
                quality_failures: count("quality_failures", &form.quality_failures)?,
                delays: count("delays", &form.delays)?,
                objective_cause: form
                    .objective_cause
                    .as_deref()
                    .is_some_and(|v| !v.is_empty() && v != "false"),
            })
        })
        .transpose()?;
    crate::ssr::services::appeals::answer(
        &state.db,
        &state.rules,
        &me.actor(),
        id,
        number("lock_version", &form.lock_version)?,
        accept,
        &form.answer,
        findings,
    )
    .await
    .map(|_| ())
}
