//! The caller's first-use guides: whether a page's guide still shows for them, and
//! dismissing it. A guide shows only to a person holding its role.

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::models::Guide;

#[cfg(feature = "ssr")]
fn parse_guide(code: &str) -> Result<Guide, AppError> {
    Guide::parse(code.trim())
        .ok_or_else(|| AppError::refused("guide", crate::i18n::Msg::UserUnknownChoice))
}

/// Whether the caller should see `guide`: they hold its role and have not dismissed it.
#[server(prefix = "/api", endpoint = "guide_state", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn guide_state(guide: String) -> Result<bool, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::OwnAccount)?;
    let guide = parse_guide(&guide)?;
    if !me.subject().has(guide.role()) {
        return Ok(false);
    }
    let state = crate::ssr::state::app_state()?;
    Ok(!crate::ssr::services::guides::dismissed(&state.db, me.id(), guide).await?)
}

/// Hides `guide` for the caller from now on (the help page opens it again).
#[server(prefix = "/api", endpoint = "dismiss_guide", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn dismiss_guide(guide: String) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::OwnAccount)?;
    let guide = parse_guide(&guide)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::guides::dismiss(&state.db, me.id(), guide).await
}
