//! The state every request handler and server function shares.

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::error::AppError;
use crate::ssr::auth::AuthConfig;
use crate::ssr::rule_pool::RulePool;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// The one sandboxed scoring engine (its compiled-script cache is shared), reached only
    /// through its bounded pool of blocking threads.
    pub rules: RulePool,
    /// Sessions, cookies and cross-site checks.
    pub auth: AuthConfig,
    /// An SMTP server is configured: people may ask for the daily e-mail digest.
    pub mail_enabled: bool,
    /// Stored scores' explanations, built once per score (see `services::scores`).
    pub explanations: crate::ssr::services::scores::ExplanationCache,
    /// The home page's public figures, kept a few seconds.
    pub public_figures: crate::ssr::services::home::PublicFigures,
    /// Whether an administrator exists, once one does (the sign-in page's hint).
    pub admin_seen: crate::ssr::services::accounts::AdminSeen,
    /// The chunks of the split wasm each lazy route needs (none without a built site).
    pub split: Option<std::sync::Arc<crate::ssr::split::SplitManifest>>,
}

/// The state, from inside a server function.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("context", "AppState missing"))
}
