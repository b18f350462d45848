//! Throttling of failed sign-ins, per account name and per client address, counted in the
//! database so that every server process sees the same counts.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, Statement, TransactionSession, TransactionTrait,
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

/// An attempt counted before its password is checked (see [`reserve`]).
#[derive(Debug)]
pub struct Attempt {
    id: i64,
}

/// Counts an attempt on `username_key` from `client` *before* its password is checked, and
/// says whether it may go on. Checking and counting are one step, on every process: inside one
/// transaction that holds the account's lock (PostgreSQL: an advisory lock on the name;
/// SQLite: the write lock its first insert takes) the attempt is written and the window
/// counted, so of any number of concurrent attempts exactly the limit go on. A held attempt is
/// taken back (it was never evaluated); one that goes on stays counted as a failure until
/// [`succeeded`] clears it.
pub async fn reserve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    username_key: &str,
    client: &str,
) -> Result<Option<Attempt>, sea_orm::DbErr> {
    let now = Utc::now();
    let client: String = client.chars().take(64).collect();
    let txn = db.begin().await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [format!("sign-in:{username_key}").into()],
        ))
        .await?;
    }
    let row = sif::ActiveModel {
        username_key: Set(username_key.to_string()),
        client_addr: Set(client.clone()),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let since = now - Duration::minutes(WINDOW_MINUTES);
    let by_account = sif::Entity::find()
        .filter(sif::Column::UsernameKey.eq(username_key))
        .filter(sif::Column::At.gt(since))
        .count(&txn)
        .await?;
    let by_address = sif::Entity::find()
        .filter(sif::Column::ClientAddr.eq(client.as_str()))
        .filter(sif::Column::At.gt(since))
        .count(&txn)
        .await?;
    if by_account > ACCOUNT_LIMIT || by_address > ADDRESS_LIMIT {
        txn.rollback().await?;
        return Ok(None);
    }
    txn.commit().await?;
    Ok(Some(Attempt { id: row.id }))
}

/// The attempt failed: it stays counted; failures older than a day are forgotten.
pub async fn failed<C: ConnectionTrait>(db: &C, _attempt: Attempt) -> Result<(), sea_orm::DbErr> {
    metrics::counter!("rubric_sign_in_failures_total").increment(1);
    sif::Entity::delete_many()
        .filter(sif::Column::At.lt(Utc::now() - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}

/// The attempt succeeded: it is taken back, and the account's failures are cleared.
pub async fn succeeded<C: ConnectionTrait>(
    db: &C,
    attempt: Attempt,
    username_key: &str,
) -> Result<(), sea_orm::DbErr> {
    sif::Entity::delete_by_id(attempt.id).exec(db).await?;
    clear_account(db, username_key).await
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
