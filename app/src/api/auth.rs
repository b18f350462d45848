//! Signing in and out, the current user, changing one's password.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::CurrentUser;

#[cfg(feature = "ssr")]
mod server {
    use crate::error::AppError;
    use tower_sessions::Session;

    pub async fn session() -> Result<Session, AppError> {
        leptos_axum::extract::<Session>()
            .await
            .map_err(|e| AppError::internal("session", e))
    }

    pub fn session_error(e: tower_sessions::session::Error) -> AppError {
        AppError::internal("session", e)
    }
}

/// Signs in, renews the session id, and goes to `next` (or to the change-password page
/// after an administrator's reset). Wrong names, wrong passwords and deactivated accounts
/// all get the same message.
#[server(prefix = "/api", endpoint = "sign_in", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_in(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::authz::{Action, CHANGE_PASSWORD_PATH};
    use crate::ssr::auth::{allow_public, client_addr, store::AUTH_KEY, SignedIn};
    allow_public(Action::SignInOrOut)?;
    let state = crate::ssr::state::app_state()?;
    let user =
        crate::ssr::services::accounts::sign_in(&state.db, &username, &password, &client_addr())
            .await?;
    let session = server::session().await?;
    session.clear().await;
    session.cycle_id().await.map_err(server::session_error)?;
    session
        .insert(
            AUTH_KEY,
            SignedIn {
                user_id: user.id,
                signed_in_at: chrono::Utc::now().timestamp(),
            },
        )
        .await
        .map_err(server::session_error)?;
    let target = if user.must_change_password {
        CHANGE_PASSWORD_PATH.to_string()
    } else {
        crate::ssr::auth::next::same_site_path(next.as_deref())
    };
    leptos_axum::redirect(&target);
    Ok(())
}

/// A new person activates their account with the one-time code an import gave them, and
/// chooses their password; then they sign in.
#[server(prefix = "/api", endpoint = "activate_account", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn activate_account(
    username: String,
    code: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::authz::Action;
    use crate::ssr::auth::{allow_public, client_addr};
    allow_public(Action::SignInOrOut)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::activation::activate(
        &state.db,
        &username,
        &code,
        &password,
        &confirm,
        &client_addr(),
    )
    .await
}

/// Ends the session (its record is deleted) and goes home.
#[server(prefix = "/api", endpoint = "sign_out", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::authz::Action;
    let who = crate::ssr::auth::allow_public(Action::SignInOrOut)?;
    let state = crate::ssr::state::app_state()?;
    if let Some(p) = who {
        crate::ssr::services::accounts::sign_out(&state.db, &p.actor()).await?;
    }
    server::session()
        .await?
        .flush()
        .await
        .map_err(server::session_error)?;
    leptos_axum::redirect("/");
    Ok(())
}

/// The signed-in user, or `None`.
#[server(prefix = "/api", endpoint = "current_user", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::authz::Action;
    Ok(crate::ssr::auth::allow_public(Action::ReadPublic)?.map(|p| p.0))
}

/// Whether any active administrator exists (if not, the sign-in page says how to create one).
#[server(prefix = "/api", endpoint = "has_admin", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn has_admin() -> Result<bool, AppError> {
    use crate::authz::Action;
    crate::ssr::auth::allow_public(Action::ReadPublic)?;
    let state = crate::ssr::state::app_state()?;
    state.admin_seen.exists(&state.db).await
}

/// Changes the signed-in user's password; their other sessions end.
#[server(prefix = "/api", endpoint = "change_password", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_password(
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::authz::Action;
    use crate::ssr::auth::{require, store::AUTH_KEY, SignedIn};
    let me = require(Action::OwnAccount)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::accounts::change_password(
        &state.db,
        me.id(),
        &crate::ssr::auth::client_addr(),
        &current,
        &new,
        &confirm,
    )
    .await?;
    // The service ended every session of the user, this one included: start a fresh one.
    let session = server::session().await?;
    let signed: Option<SignedIn> = session.get(AUTH_KEY).await.map_err(server::session_error)?;
    session.cycle_id().await.map_err(server::session_error)?;
    if let Some(signed) = signed {
        session
            .insert(AUTH_KEY, signed)
            .await
            .map_err(server::session_error)?;
    }
    Ok(())
}
