//! Sessions in the application database (the `sessions` table), through sea-orm, so that
//! SQLite and PostgreSQL behave alike and several server processes share one session.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::ssr::entities::session;

/// The session key holding [`super::SignedIn`].
pub const AUTH_KEY: &str = "auth";
/// Unix seconds of the last write, so that an active session's idle expiry moves forward.
pub const LAST_SEEN_KEY: &str = "seen";

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        DbSessionStore { db }
    }

    /// Removes expired sessions; the server runs it periodically.
    pub async fn delete_expired(&self) -> Result<u64, sea_orm::DbErr> {
        let res = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(Utc::now()))
            .exec(&self.db)
            .await?;
        Ok(res.rows_affected)
    }

    /// The stored columns of a record: its data as JSON, its expiry and its user.
    fn columns(record: &Record) -> session_store::Result<(String, DateTime<Utc>, Option<i32>)> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let user_id = record
            .data
            .get(AUTH_KEY)
            .and_then(|v| v.get("user_id"))
            .and_then(|v| v.as_i64())
            .and_then(|v| i32::try_from(v).ok());
        Ok((data, to_chrono(record.expiry_date), user_id))
    }

    fn row(record: &Record) -> session_store::Result<session::ActiveModel> {
        let (data, expires_at, user_id) = Self::columns(record)?;
        Ok(session::ActiveModel {
            id: Set(record.id.to_string()),
            data: Set(data),
            expires_at: Set(expires_at),
            user_id: Set(user_id),
        })
    }
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_default()
}

fn from_chrono(t: DateTime<Utc>) -> session_store::Result<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp(t.timestamp())
        .map_err(|e| session_store::Error::Decode(e.to_string()))
}

fn backend(e: sea_orm::DbErr) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A colliding random 128-bit id is next to impossible; draw again if it happens.
        loop {
            let row = Self::row(record)?;
            let inserted = session::Entity::insert(row)
                .on_conflict(
                    OnConflict::column(session::Column::Id)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&self.db)
                .await
                .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates a session that still exists, and nothing else. A session deleted meanwhile
    /// (sign-out, password change or reset, deactivation, expiry) stays deleted: a request
    /// that was in flight when it ended must not bring it back by saving.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (data, expires_at, user_id) = Self::columns(record)?;
        session::Entity::update_many()
            .col_expr(session::Column::Data, Expr::value(data))
            .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
            .col_expr(session::Column::UserId, Expr::value(user_id))
            .filter(session::Column::Id.eq(record.id.to_string()))
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, DateTime<Utc>)> = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .select_only()
            .columns([session::Column::Data, session::Column::ExpiresAt])
            .into_tuple()
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
            expiry_date: from_chrono(expires_at)?,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of a user (deactivation, password reset).
pub async fn end_sessions_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<u64, sea_orm::DbErr> {
    let res = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
