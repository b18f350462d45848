//! Reading stored scores (the computing is in `scoring`).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::models::ScoreView;
use crate::ssr::entities::{period, period_score};

/// An officer's current (not superseded) score for the period with this code.
pub async fn current<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    period_code: &str,
) -> Result<ScoreView, AppError> {
    let p = period::Entity::find()
        .filter(period::Column::Code.eq(period_code.trim()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::OfficerId.eq(officer_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ScoreView {
        officer_id,
        period: p.code,
        status: s.status,
        total: s.total,
        grade: s.grade,
        reason: s.reason,
        components: serde_json::from_str(&s.components_json)
            .map_err(|e| AppError::internal("components_json", e))?,
        rule_version_hash: s.rule_version_hash,
        score_version: s.score_version,
    })
}
