//! The audit trail, for auditors (and administrators).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{AuditCheck, AuditPage};

#[server(prefix = "/api", endpoint = "audit_events")]
pub async fn audit_events(page: u64) -> Result<AuditPage, AppError> {
    crate::ssr::auth::require(crate::authz::Action::ReadAudit)?;
    let state = crate::ssr::state::app_state()?;
    Ok(crate::ssr::services::audit::recent(&state.db, page, 50).await?)
}

/// Walks the whole hash chain and names the first broken event, if any.
#[server(prefix = "/api", endpoint = "verify_audit")]
pub async fn verify_audit() -> Result<AuditCheck, AppError> {
    use crate::ssr::services::audit::{verify, Verification};
    crate::ssr::auth::require(crate::authz::Action::ReadAudit)?;
    let state = crate::ssr::state::app_state()?;
    Ok(match verify(&state.db).await? {
        Verification::Intact { events } => AuditCheck::Intact { events },
        Verification::Broken { seq, problem, .. } => AuditCheck::Broken { seq, problem },
    })
}
