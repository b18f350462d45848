//! The signed-in person's notification centre: their notifications, the header's unread
//! count, marking read, the address of their daily digest. Every call acts on the caller's
//! own notifications only.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::NotificationCentre;

/// Page `page` (1-based) of the caller's notifications, newest first.
#[server(prefix = "/api", endpoint = "my_notifications", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_notifications(page: u64) -> Result<NotificationCentre, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::OwnNotifications)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::notifications::centre(&state.db, me.id(), page, state.mail_enabled).await
}

/// How many of the caller's notifications are unread (the header's count).
#[server(prefix = "/api", endpoint = "unread_notifications", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn unread_notifications() -> Result<u64, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::OwnNotifications)?;
    // Read with the signed-in user when the request began (every page's header shows it).
    if let Some(unread) = crate::ssr::auth::unread_at_request() {
        return Ok(unread);
    }
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::notifications::unread_count(&state.db, me.id()).await
}

/// Marks the caller's notification `id` read, or all of them when `id` is empty.
#[server(prefix = "/api", endpoint = "mark_notifications_read", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn mark_notifications_read(#[server(default)] id: String) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::OwnNotifications)?;
    let state = crate::ssr::state::app_state()?;
    let id = match id.trim() {
        "" => None,
        t => Some(super::parse_id("id", t)?),
    };
    crate::ssr::services::notifications::mark_read(&state.db, me.id(), id).await
}

/// Sets the address of the caller's daily digest; an empty one turns the digest off.
#[server(prefix = "/api", endpoint = "set_digest_email", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_digest_email(#[server(default)] email: String) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::OwnNotifications)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::notifications::set_digest_email(&state.db, me.id(), &email)
        .await
        .map(|_| ())
}
