//! Who is asking: sessions, the signed-in principal, and the gates every request passes.
//!
//! The permission rules themselves live in [`crate::authz`]; this module finds the subject
//! of a request and enforces the decisions: [`require`] in server functions, the
//! middlewares in [`layers`] for pages and for cross-site requests.

pub mod guard;
pub mod layers;
pub mod next;
pub mod password;
pub mod store;
pub mod throttle;

use axum::http::{request::Parts, StatusCode};
use leptos::prelude::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use std::time::Duration;

use crate::authz::{decide, Action, Decision, Grant, Role, Subject};
use crate::error::AppError;
use crate::models::CurrentUser;
use crate::ssr::entities::{unit, user, user_role};
use crate::ssr::services::audit::Actor;

/// What the session remembers about the signed-in user.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct SignedIn {
    pub user_id: i32,
    /// Unix seconds: the absolute expiry counts from here.
    pub signed_in_at: i64,
}

/// How sessions and cross-site checks behave (from the command line).
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// A session unused this long ends.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, however active.
    pub absolute_timeout: Duration,
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// Origins besides the request's own host that may post (a load balancer's public name).
    pub trusted_origins: Vec<String>,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            idle_timeout: Duration::from_secs(30 * 60),
            absolute_timeout: Duration::from_secs(12 * 3600),
            secure_cookies: false,
            trusted_origins: Vec::new(),
            trust_forwarded_for: false,
        }
    }
}

/// The signed-in user of a request, put into the request's extensions by
/// [`layers::resolve_principal`].
#[derive(Clone, Debug)]
pub struct Principal(pub CurrentUser);

impl Principal {
    pub fn subject(&self) -> &Subject {
        &self.0.subject
    }

    pub fn id(&self) -> i32 {
        self.0.id
    }

    /// The actor recorded in the audit trail.
    pub fn actor(&self) -> Actor {
        Actor::user(self.0.id, self.0.username.clone())
    }
}

/// The address of the client, for throttling and the audit trail.
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

/// The columns of a signed-in user read on every request, with their unit's name and one
/// of their roles (one row per role; no role: one row with `role` null).
#[derive(Debug, sea_orm::FromQueryResult)]
struct UserRow {
    id: i32,
    username: String,
    full_name: String,
    must_change_password: bool,
    unit_name: Option<String>,
    role: Option<String>,
    role_unit_id: Option<i32>,
}

/// Loads an active user with their roles; `None` if the account is gone or deactivated.
/// Two queries (it runs on every signed-in request): the user with their unit's name and
/// their roles, and the reviews delegated to them that run today.
pub async fn load_user<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<Option<CurrentUser>, sea_orm::DbErr> {
    use sea_orm::{JoinType, QuerySelect};
    // The joins are declared here: the entities declare no relations.
    let rows = user::Entity::find_by_id(user_id)
        .filter(user::Column::IsActive.eq(true))
        .select_only()
        .columns([
            user::Column::Id,
            user::Column::Username,
            user::Column::FullName,
            user::Column::MustChangePassword,
        ])
        .column_as(unit::Column::Name, "unit_name")
        .column_as(user_role::Column::Role, "role")
        .column_as(user_role::Column::UnitId, "role_unit_id")
        .join(
            JoinType::LeftJoin,
            user::Entity::belongs_to(unit::Entity)
                .from(user::Column::UnitId)
                .to(unit::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            user::Entity::belongs_to(user_role::Entity)
                .from(user::Column::Id)
                .to(user_role::Column::UserId)
                .into(),
        )
        .order_by_asc(user_role::Column::Id)
        .into_model::<UserRow>()
        .all(db)
        .await?;
    let mut grants: Vec<Grant> = rows
        .iter()
        .filter_map(|r| grant(r.role.as_deref()?, r.role_unit_id))
        .collect();
    let Some(user) = rows.into_iter().next() else {
        return Ok(None);
    };
    // An acting head reviews the delegated units while the delegation runs.
    for g in crate::ssr::services::delegations::running_grants(db, user_id).await? {
        if !grants.contains(&g) {
            grants.push(g);
        }
    }
    Ok(Some(CurrentUser {
        id: user.id,
        username: user.username,
        full_name: user.full_name,
        unit_name: user.unit_name,
        subject: Subject {
            user_id: user.id,
            grants,
            must_change_password: user.must_change_password,
        },
    }))
}

/// The roles a user holds (unknown role codes are ignored).
pub async fn grants_of<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<Vec<Grant>, sea_orm::DbErr> {
    Ok(user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .order_by_asc(user_role::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| grant(&r.role, r.unit_id))
        .collect())
}

/// A stored role as a grant; `None` for a role code this version does not know (ignored).
fn grant(role: &str, unit_id: Option<i32>) -> Option<Grant> {
    Some(Grant {
        role: Role::parse(role)?,
        unit_id,
    })
}

pub use guard::{officer_target, unit_chain};

/// The signed-in user of the current request (server functions and SSR).
pub fn principal() -> Option<Principal> {
    use_context::<Parts>().and_then(|p| p.extensions.get::<Principal>().cloned())
}

/// The client address of the current request.
pub fn client_addr() -> String {
    use_context::<Parts>()
        .and_then(|p| p.extensions.get::<ClientAddr>().map(|c| c.0.clone()))
        .unwrap_or_else(|| "unknown".into())
}

/// Turns a refusal into the error (and HTTP status) the caller sees.
pub fn refusal(decision: Decision) -> AppError {
    let (status, err) = match decision {
        Decision::SignIn => (StatusCode::UNAUTHORIZED, AppError::Unauthenticated),
        Decision::ChangePassword => (StatusCode::FORBIDDEN, AppError::PasswordChangeRequired),
        Decision::Forbidden | Decision::Allow => (StatusCode::FORBIDDEN, AppError::Forbidden),
    };
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(status);
    }
    err
}

/// Asks [`decide`] about `action` for the current request; every server function calls this
/// (or [`allow_public`]) before anything else.
pub fn require(action: Action<'_>) -> Result<Principal, AppError> {
    let who = principal();
    match decide(who.as_ref().map(Principal::subject), &action) {
        Decision::Allow => who.ok_or_else(|| refusal(Decision::SignIn)),
        denied => Err(refusal(denied)),
    }
}

/// For server functions open to everyone: states it through the same decision point.
pub fn allow_public(action: Action<'_>) -> Result<Option<Principal>, AppError> {
    let who = principal();
    match decide(who.as_ref().map(Principal::subject), &action) {
        Decision::Allow => Ok(who),
        denied => Err(refusal(denied)),
    }
}
