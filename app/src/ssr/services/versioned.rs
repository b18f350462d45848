//! The compare-and-swap every state transition makes: move a row from one status to
//! another only if nobody changed it since it was read (same `lock_version`, same status),
//! bumping its `lock_version`. Zero rows updated means someone else won: a conflict.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Value};

use crate::error::AppError;

/// The columns of a versioned, stateful table.
pub struct VersionedColumns<E: EntityTrait> {
    pub id: E::Column,
    pub status: E::Column,
    pub lock_version: E::Column,
    pub updated_at: Option<E::Column>,
}

/// One transition of the row `id` from (`from_status`, `expected_lock`) to `to`, with
/// `extra` column changes in the same statement.
pub async fn compare_and_set<E, C, S>(
    db: &C,
    cols: &VersionedColumns<E>,
    id: impl Into<Value>,
    from_status: S,
    expected_lock: i32,
    to: S,
    extra: Vec<(E::Column, SimpleExpr)>,
) -> Result<(), AppError>
where
    E: EntityTrait,
    C: ConnectionTrait,
    S: Into<Value>,
{
    let mut update = E::update_many()
        .col_expr(cols.status, Expr::value(to))
        .col_expr(cols.lock_version, Expr::col(cols.lock_version).add(1));
    if let Some(updated_at) = cols.updated_at {
        update = update.col_expr(updated_at, Expr::value(Utc::now()));
    }
    for (col, expr) in extra {
        update = update.col_expr(col, expr);
    }
    let res = update
        .filter(cols.id.eq(id))
        .filter(cols.lock_version.eq(expected_lock))
        .filter(cols.status.eq(from_status))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    Ok(())
}
