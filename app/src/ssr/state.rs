//! The state every request handler and server function shares.

use axum::extract::FromRef;
use leptos::prelude::*;
use rubric_rules::RuleEngine;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

use crate::error::AppError;
use crate::ssr::auth::AuthConfig;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// The one sandboxed scoring engine (its compiled-script cache is shared).
    pub rules: Arc<RuleEngine>,
    /// Sessions, cookies and cross-site checks.
    pub auth: AuthConfig,
}

/// The state, from inside a server function.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("context", "AppState missing"))
}
