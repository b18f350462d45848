//! Per-record permission checks, in one place: whose record it is (an officer, a work-log
//! entry, an appeal, a unit) and whether [`crate::authz::decide`] lets the caller act on it.
//!
//! Every check asks for a signed-in caller first, so an anonymous caller learns nothing, not
//! even whether the record exists. This module reads the few columns it needs itself and
//! never calls a service: services trust that the server function asked here first.

use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};

use super::{require, Principal};
use crate::authz::{Action, Target};
use crate::error::AppError;
use crate::ssr::entities::{appeal, job, unit, user, work_log_entry};

/// What the caller wants to do with an officer's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    ReadEntry,
    WriteOwnEntry,
    ReviewEntry,
    ReadScore,
}

impl On {
    fn action(self, t: &Target) -> Action<'_> {
        match self {
            On::ReadEntry => Action::ReadEntry(t),
            On::WriteOwnEntry => Action::WriteOwnEntry(t),
            On::ReviewEntry => Action::ReviewEntry(t),
            On::ReadScore => Action::ReadScore(t),
        }
    }
}

/// The unit and its ancestors up to the province, nearest first.
pub async fn unit_chain<C: ConnectionTrait>(
    db: &C,
    unit_id: Option<i32>,
) -> Result<Vec<i32>, sea_orm::DbErr> {
    Ok(unit_chain_named(db, unit_id)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect())
}

/// A unit of a [`unit_chain_named`].
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct ChainUnit {
    pub id: i32,
    pub name: String,
    pub kind: String,
}

/// [`unit_chain`] with each unit's name and kind, in one query (a recursive one: it runs on
/// many requests, and walking up a query per level cost three or four).
pub async fn unit_chain_named<C: ConnectionTrait>(
    db: &C,
    unit_id: Option<i32>,
) -> Result<Vec<ChainUnit>, sea_orm::DbErr> {
    use sea_orm::{DbBackend, FromQueryResult, Statement};
    let Some(id) = unit_id else {
        return Ok(Vec::new());
    };
    let backend = db.get_database_backend();
    let param = match backend {
        DbBackend::Postgres => "$1",
        _ => "?",
    };
    // At most 33 levels: a cycle (or an absurd depth) stops rather than loops.
    let sql = format!(
        "WITH RECURSIVE chain(id, parent_id, name, kind, depth) AS ( \
           SELECT id, parent_id, name, kind, 0 FROM units WHERE id = {param} \
           UNION ALL \
           SELECT u.id, u.parent_id, u.name, u.kind, c.depth + 1 \
             FROM units u JOIN chain c ON u.id = c.parent_id WHERE c.depth < 32 \
         ) SELECT id, name, kind FROM chain ORDER BY depth"
    );
    let rows =
        ChainUnit::find_by_statement(Statement::from_sql_and_values(backend, sql, [id.into()]))
            .all(db)
            .await?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows.into_iter().take_while(|u| seen.insert(u.id)).collect())
}

/// Whose record it is and the units above them, for `authz::decide`.
pub async fn officer_target<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
) -> Result<Target, AppError> {
    let unit_id = user::Entity::find_by_id(officer_id)
        .select_only()
        .column(user::Column::UnitId)
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Target {
        officer_id,
        unit_chain: unit_chain(db, unit_id).await?,
    })
}

/// The caller, once they may do `on` with officer `officer_id`'s records.
pub async fn officer<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    on: On,
) -> Result<Principal, AppError> {
    require(Action::OwnAccount)?;
    decide_on(db, officer_id, on).await
}

/// The decision on officer `officer_id`'s record, once the caller is known to be signed in.
async fn decide_on<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    on: On,
) -> Result<Principal, AppError> {
    let target = officer_target(db, officer_id).await?;
    require(on.action(&target))
}

/// The caller, once they may do `on` with work-log entry `id` (whoever's it is).
pub async fn entry<C: ConnectionTrait>(db: &C, id: i64, on: On) -> Result<Principal, AppError> {
    require(Action::OwnAccount)?;
    let officer_id = work_log_entry::Entity::find_by_id(id)
        .select_only()
        .column(work_log_entry::Column::OfficerId)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    decide_on(db, officer_id, on).await
}

/// The caller, once they may do `on` with the officer behind appeal `id`.
pub async fn appeal<C: ConnectionTrait>(db: &C, id: i32, on: On) -> Result<Principal, AppError> {
    require(Action::OwnAccount)?;
    let officer_id = appeal::Entity::find_by_id(id)
        .select_only()
        .column(appeal::Column::OfficerId)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    decide_on(db, officer_id, on).await
}

/// The caller, once they review unit `unit_id` (they head it or a unit above it).
pub async fn unit<C: ConnectionTrait>(db: &C, unit_id: i32) -> Result<Principal, AppError> {
    require(Action::ReviewQueue)?;
    let chain = unit_chain(db, Some(unit_id)).await?;
    require(Action::ReviewUnit(&chain))
}

/// The caller, once they may close (`reopen`: reopen) agency `agency_id`'s period. The unit
/// must be an agency; any other id is not found.
pub async fn agency<C: ConnectionTrait>(
    db: &C,
    agency_id: i32,
    reopen: bool,
) -> Result<Principal, AppError> {
    require(Action::ReadClosing)?;
    let kind = unit::Entity::find_by_id(agency_id)
        .select_only()
        .column(unit::Column::Kind)
        .into_tuple::<String>()
        .one(db)
        .await?;
    if kind.as_deref() != Some("agency") {
        return Err(AppError::NotFound);
    }
    let chain = unit_chain(db, Some(agency_id)).await?;
    require(if reopen {
        Action::ReopenAgency(&chain)
    } else {
        Action::CloseAgency(&chain)
    })
}

/// The caller, once they may cancel background job `id` (the committee any, whoever
/// started it their own).
pub async fn cancel_job<C: ConnectionTrait>(db: &C, id: i32) -> Result<Principal, AppError> {
    // Only those who may cancel some job learn whether job `id` exists.
    let me = require(Action::CancelJob { own: true })?;
    let created_by = job::Entity::find_by_id(id)
        .select_only()
        .column(job::Column::CreatedBy)
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    require(Action::CancelJob {
        own: created_by == Some(me.id()),
    })
}
