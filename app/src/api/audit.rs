//! The audit trail, for auditors (and administrators).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{AuditCheck, AuditPage};

/// The audit trail, newest first, 50 events a page: `entity` (a kind of object), `actor`
/// (part of a name) and `from`/`to` (yyyy-mm-dd) filter when not empty.
#[server(prefix = "/api", endpoint = "audit_events", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn audit_events(
    page: u64,
    #[server(default)] entity: String,
    #[server(default)] actor: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<AuditPage, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadAudit)?;
    let state = crate::ssr::state::app_state()?;
    let date = |field: &str, t: &str| -> Result<Option<chrono::NaiveDate>, AppError> {
        match t.trim() {
            "" => Ok(None),
            t => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| AppError::refused(field, crate::i18n::Msg::DiaryBadDate)),
        }
    };
    let query = crate::models::AuditQuery {
        entity: Some(entity.trim().to_string()).filter(|e| !e.is_empty()),
        actor: Some(actor.trim().to_string()).filter(|a| !a.is_empty()),
        from: date("from", &from)?,
        to: date("to", &to)?,
    };
    Ok(crate::ssr::services::audit::recent(&state.db, &query, page, 50).await?)
}

/// Walks the whole hash chain and names the first broken event, if any.
#[server(prefix = "/api", endpoint = "verify_audit", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn verify_audit() -> Result<AuditCheck, AppError> {
    use crate::ssr::services::audit::{verify, Verification};
    crate::ssr::auth::require(crate::authz::Action::ReadAudit)?;
    let state = crate::ssr::state::app_state()?;
    Ok(match verify(&state.db).await? {
        Verification::Intact { events } => AuditCheck::Intact { events },
        Verification::Broken { seq, problem, .. } => AuditCheck::Broken { seq, problem },
    })
}
