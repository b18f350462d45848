//! Throttling of failed sign-ins, per account name and per client address, counted in the
//! database so that every server process sees the same counts.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter,
};

use crate::ssr::entities::sign_in_failure as sif;

/// Failures are counted over this window.
pub const WINDOW_MINUTES: i64 = 15;
/// Failed attempts on one account name within the window before it is held.
pub const ACCOUNT_LIMIT: u64 = 5;
/// Failed attempts from one client address within the window before it is held.
pub const ADDRESS_LIMIT: u64 = 20;

/// The key an account name is counted under (whether or not the account exists).
pub fn username_key(username: &str) -> String {
    username.trim().to_lowercase().chars().take(64).collect()
}

/// Whether sign-ins for this account name or from this address are held for now.
pub async fn is_held<C: ConnectionTrait>(
    db: &C,
    username_key: &str,
    client: &str,
) -> Result<bool, sea_orm::DbErr> {
    let since = Utc::now() - Duration::minutes(WINDOW_MINUTES);
    let by_account = sif::Entity::find()
        .filter(sif::Column::UsernameKey.eq(username_key))
        .filter(sif::Column::At.gt(since))
        .count(db)
        .await?;
    if by_account >= ACCOUNT_LIMIT {
        return Ok(true);
    }
    let by_address = sif::Entity::find()
        .filter(sif::Column::ClientAddr.eq(client))
        .filter(sif::Column::At.gt(since))
        .count(db)
        .await?;
    Ok(by_address >= ADDRESS_LIMIT)
}

/// Counts one failure, and forgets failures older than a day.
pub async fn record_failure<C: ConnectionTrait>(
    db: &C,
    username_key: &str,
    client: &str,
) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    sif::ActiveModel {
        username_key: Set(username_key.to_string()),
        client_addr: Set(client.chars().take(64).collect()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    sif::Entity::delete_many()
        .filter(sif::Column::At.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}

/// A successful sign-in clears the account's failures (not the address's).
pub async fn clear_account<C: ConnectionTrait>(
    db: &C,
    username_key: &str,
) -> Result<(), sea_orm::DbErr> {
    sif::Entity::delete_many()
        .filter(sif::Column::UsernameKey.eq(username_key))
        .exec(db)
        .await?;
    Ok(())
}
