//! A new person sets their first password with the one-time code an import gave them: the
//! code is checked against its SHA-256 and its expiry, attempts are throttled like sign-ins,
//! and a used code is deleted with the password set, in one transaction.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::error::AppError;
use crate::i18n::Msg;
use crate::ssr::auth::{password, throttle};
use crate::ssr::entities::{activation_code, user};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::onboarding::apply::code_hash;

/// Activates `username`'s account with `code`: sets the password (checked against the
/// policy) and consumes the code. A wrong, used or expired code, an unknown or inactive
/// account: one message, whatever went wrong.
pub async fn activate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    username: &str,
    code: &str,
    secret: &str,
    confirm: &str,
    client: &str,
) -> Result<(), AppError> {
    let key = throttle::username_key(username);
    let refused = || AppError::refused("code", Msg::ActivationFailed);
    if key.is_empty() || code.trim().is_empty() {
        return Err(refused());
    }
    if secret != confirm {
        return Err(AppError::refused("confirm", Msg::PasswordMismatch));
    }
    password::check_policy(&key, secret, "password")?;
    let Some(attempt) = throttle::reserve(db, &key, client).await? else {
        return Err(AppError::refused("code", Msg::SignInThrottled));
    };
    // Hashing is slow: before the transaction, on the blocking pool.
    let hash = password::hash(secret).await?;
    let txn = db.begin().await?;
    let found = user::Entity::find()
        .filter(user::Column::Username.eq(key.as_str()))
        .filter(user::Column::IsActive.eq(true))
        .one(&txn)
        .await?;
    let live = match &found {
        Some(u) => activation_code::Entity::find()
            .filter(activation_code::Column::UserId.eq(u.id))
            .filter(activation_code::Column::ExpiresAt.gt(Utc::now()))
            .one(&txn)
            .await?
            // Comparing digests: timing reveals nothing about the code itself.
            .filter(|c| c.code_hash == code_hash(code)),
        None => None,
    };
    let (Some(u), Some(c)) = (found, live) else {
        throttle::failed(&txn, attempt).await?;
        audit::record(
            &txn,
            &Actor::system("activation"),
            Change::new("auth.activation_failed", "user", String::new())
                .after(&json!({ "username": key, "client": client })),
        )
        .await?;
        txn.commit().await?;
        return Err(refused());
    };
    let taken = activation_code::Entity::delete_by_id(c.id)
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(refused()); // a second request with the same code won the race
    }
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(Some(hash)))
        .col_expr(user::Column::MustChangePassword, Expr::value(false))
        .col_expr(
            user::Column::PasswordChangedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(user::Column::Id.eq(u.id))
        .exec(&txn)
        .await?;
    throttle::succeeded(&txn, attempt, &key).await?;
    audit::record(
        &txn,
        &Actor::user(u.id, u.username.clone()),
        Change::new("user.activate", "user", u.id).after(&json!({ "client": client })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
