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
use crate::ssr::entities::user_role;
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

/// One row of [`load_user`]'s query: the user's columns with their unit's name, and one of
/// their grants (a role, or a reviewer's grant held by delegation; none: one row with `role`
/// null). `unread` is the user's unread notifications (on the first row).
#[derive(Debug, sea_orm::FromQueryResult)]
struct UserRow {
    id: i32,
    username: String,
    full_name: String,
    must_change_password: bool,
    unit_name: Option<String>,
    role: Option<String>,
    role_unit_id: Option<i32>,
    unread: Option<i64>,
}

/// The signed-in user of a request, and what the header shows on every page.
#[derive(Clone, Debug)]
pub struct LoadedUser {
    pub user: CurrentUser,
    /// Their unread notifications when the request began.
    pub unread: u64,
}

/// The number of unread notifications of the request's signed-in user, read with the user
/// (see [`load_user`]); put into the request's extensions by [`layers::resolve_principal`].
#[derive(Clone, Copy, Debug)]
pub struct UnreadAtRequest(pub u64);

/// The statement of [`load_user`]: `$1` the user, `$2` today, `$3` the reviewer's role code.
/// The first part is the user with their unit and roles (and the unread count); the second,
/// the reviews delegated to them that run today and whose delegator still heads the unit
/// (by role). The roles come first, in the order they were granted, then the delegations.
const LOAD_USER_SQL: &str = "\
SELECT u.id, u.username, u.full_name, u.must_change_password, un.name AS unit_name, \
       r.role AS role, r.unit_id AS role_unit_id, \
       (SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread, \
       0 AS part, r.id AS ord \
FROM users u \
LEFT JOIN units un ON un.id = u.unit_id \
LEFT JOIN user_roles r ON r.user_id = u.id \
WHERE u.id = $1 AND u.is_active = TRUE \
UNION ALL \
SELECT u.id, u.username, u.full_name, u.must_change_password, NULL, \
       $3, d.unit_id, NULL, 1, d.id \
FROM users u \
JOIN delegations d ON d.delegate_id = u.id \
WHERE u.id = $1 AND u.is_active = TRUE AND d.revoked_at IS NULL \
  AND d.starts_on <= $2 AND d.ends_on >= $2 \
  AND EXISTS (SELECT 1 FROM user_roles h \
              WHERE h.user_id = d.delegator_id AND h.unit_id = d.unit_id AND h.role = $3) \
ORDER BY part, ord";

/// Loads an active user with their roles, the reviews delegated to them that run today
/// (an acting head reviews the delegated units while the delegation runs) and their unread
/// notifications; `None` if the account is gone or deactivated. One query: it runs on every
/// signed-in request.
pub async fn load_user<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<Option<LoadedUser>, sea_orm::DbErr> {
    use sea_orm::{FromQueryResult, Statement};
    let today = crate::i18n::vietnam_date(chrono::Utc::now());
    // `$1` is "the first value" on SQLite too.
    let rows = UserRow::find_by_statement(Statement::from_sql_and_values(
        db.get_database_backend(),
        LOAD_USER_SQL,
        [user_id.into(), today.into(), Role::Reviewer.code().into()],
    ))
    .all(db)
    .await?;
    let mut grants: Vec<Grant> = Vec::with_capacity(rows.len());
    for g in rows
        .iter()
        .filter_map(|r| grant(r.role.as_deref()?, r.role_unit_id))
    {
        if !grants.contains(&g) {
            grants.push(g);
        }
    }
    let Some(user) = rows.into_iter().next() else {
        return Ok(None);
    };
    Ok(Some(LoadedUser {
        unread: user.unread.unwrap_or(0).max(0) as u64,
        user: CurrentUser {
            id: user.id,
            username: user.username,
            full_name: user.full_name,
            unit_name: user.unit_name,
            subject: Subject {
                user_id: user.id,
                grants,
                must_change_password: user.must_change_password,
            },
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

/// The unread notifications of the current request's signed-in user, as read with them.
pub fn unread_at_request() -> Option<u64> {
    use_context::<Parts>().and_then(|p| p.extensions.get::<UnreadAtRequest>().map(|u| u.0))
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
