//! Evaluation periods: found or created by their [`PeriodCode`], and moved through their
//! life cycle open → scored → approved → published. Scoring makes a period `scored`
//! ([`mark_scored`]); the committee approves it (its scores approved, its entries locked)
//! and publishes it to the officers.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::error::AppError;
use crate::i18n::{Act, Msg, Notice, Record};
use crate::models::{PeriodCode, PeriodStatus};
use crate::ssr::entities::{period, period_score};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::versioned::{compare_and_set, VersionedColumns};
use crate::ssr::services::work_log;

/// Parses a period code typed by a user, refused with the expected forms.
pub fn parse(text: &str) -> Result<PeriodCode, AppError> {
    PeriodCode::parse(text).map_err(|_| {
        AppError::notice(
            "period",
            Notice::BadPeriodCode {
                text: text.trim().to_string(),
            },
        )
    })
}

/// A stored period's code (stored canonical, so it always parses).
pub fn code_of(p: &period::Model) -> Result<PeriodCode, AppError> {
    PeriodCode::parse(&p.code).map_err(|e| AppError::internal("stored period code", e))
}

/// The period with this code, if it exists.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    code: PeriodCode,
) -> Result<Option<period::Model>, AppError> {
    Ok(period::Entity::find()
        .filter(period::Column::Code.eq(code.to_string()))
        .one(db)
        .await?)
}

/// A period that must already exist (a simulation, a trial, a re-score); refused by its
/// code otherwise.
pub async fn existing<C: ConnectionTrait>(
    db: &C,
    code: PeriodCode,
) -> Result<period::Model, AppError> {
    find(db, code).await?.ok_or_else(|| {
        AppError::notice(
            "period",
            Notice::NoSuchPeriod {
                code: code.to_string(),
            },
        )
    })
}

/// The period with this code, created (open) if it does not exist yet.
pub async fn ensure<C: ConnectionTrait>(
    db: &C,
    code: PeriodCode,
) -> Result<period::Model, AppError> {
    // Periods come into being as work is scored, never ahead of time: a period that has not
    // begun (in Vietnam) has nothing to score or to give points for.
    if code.starts_on() > crate::i18n::vietnam_date(Utc::now()) {
        return Err(AppError::refused("period", Msg::PeriodNotStarted));
    }
    if let Some(p) = find(db, code).await? {
        return Ok(p);
    }
    Ok(period::ActiveModel {
        code: Set(code.to_string()),
        kind: Set(code.kind().as_str().to_string()),
        starts_on: Set(code.starts_on()),
        ends_on: Set(code.ends_on()),
        status: Set(PeriodStatus::Open),
        lock_version: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// An open period becomes `scored` once the province's scores are stored (a scored,
/// approved or published period keeps its state).
pub async fn mark_scored<C: ConnectionTrait>(db: &C, p: &period::Model) -> Result<(), AppError> {
    if p.status == PeriodStatus::Open {
        period::Entity::update_many()
            .col_expr(period::Column::Status, Expr::value(PeriodStatus::Scored))
            .filter(period::Column::Id.eq(p.id))
            .filter(period::Column::Status.eq(PeriodStatus::Open))
            .exec(db)
            .await?;
    }
    Ok(())
}

const PERIOD_COLUMNS: VersionedColumns<period::Entity> = VersionedColumns {
    id: period::Column::Id,
    status: period::Column::Status,
    lock_version: period::Column::LockVersion,
    updated_at: None,
};

fn snapshot(p: &period::Model) -> serde_json::Value {
    json!({"code": p.code, "status": p.status, "lock_version": p.lock_version})
}

/// Moves period `p` from `from` to `to` (compare-and-set on its lock version) and audits it
/// as `period.<to>`, with the `reason` given for it if any.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn move_period<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    p: &period::Model,
    expected_lock: i32,
    act: Act,
    from: PeriodStatus,
    to: PeriodStatus,
    reason: Option<&str>,
) -> Result<period::Model, AppError> {
    if p.lock_version != expected_lock {
        return Err(AppError::Conflict);
    }
    if p.status != from {
        return Err(AppError::notice(
            "status",
            Notice::StateRefused {
                act,
                record: Record::Period(p.code.clone()),
                state: p.status.into(),
            },
        ));
    }
    compare_and_set(db, &PERIOD_COLUMNS, p.id, from, expected_lock, to, vec![]).await?;
    let after = period::Entity::find_by_id(p.id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut after_snapshot = snapshot(&after);
    if let Some(reason) = reason {
        after_snapshot["reason"] = json!(reason);
    }
    audit::record(
        db,
        actor,
        Change::new(&format!("period.{to}"), "period", p.id)
            .before(&snapshot(p))
            .after(&after_snapshot),
    )
    .await?;
    Ok(after)
}

/// Moves period `period_id` one step (`from` → `to`) and stamps its current scores’
/// `stamp` column, inside `txn`; the period before the move and after it.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn advance<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    period_id: i32,
    expected_lock: i32,
    act: Act,
    from: PeriodStatus,
    to: PeriodStatus,
    stamp: period_score::Column,
) -> Result<(period::Model, period::Model), AppError> {
    let p = period::Entity::find_by_id(period_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let after = move_period(txn, actor, &p, expected_lock, act, from, to, None).await?;
    period_score::Entity::update_many()
        .col_expr(stamp, Expr::value(Utc::now()))
        .filter(period_score::Column::PeriodId.eq(period_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .exec(txn)
        .await?;
    Ok((p, after))
}

/// Approves a scored period: its current scores are approved and its entries locked.
#[tracing::instrument(skip_all, fields(period_id = period_id, actor = %actor.name), err)]
pub async fn approve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    period_id: i32,
    expected_lock: i32,
) -> Result<period::Model, AppError> {
    let txn = db.begin().await?;
    let (p, after) = advance(
        &txn,
        actor,
        period_id,
        expected_lock,
        Act::Approve,
        PeriodStatus::Scored,
        PeriodStatus::Approved,
        period_score::Column::ApprovedAt,
    )
    .await?;
    work_log::lock_period(&txn, actor, &p).await?;
    txn.commit().await?;
    Ok(after)
}

/// Publishes an approved period's scores to the officers.
#[tracing::instrument(skip_all, fields(period_id = period_id, actor = %actor.name), err)]
pub async fn publish<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    period_id: i32,
    expected_lock: i32,
) -> Result<period::Model, AppError> {
    let txn = db.begin().await?;
    let (_, after) = advance(
        &txn,
        actor,
        period_id,
        expected_lock,
        Act::Publish,
        PeriodStatus::Approved,
        PeriodStatus::Published,
        period_score::Column::PublishedAt,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
