//! First-use guides: whether a person still sees a guide, and dismissing it (one row per
//! person and guide; dismissing twice, or twice at once, leaves one row).

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::error::AppError;
use crate::models::Guide;
use crate::ssr::entities::user_guide;

/// Whether `user` dismissed `guide`.
pub async fn dismissed<C: ConnectionTrait>(
    db: &C,
    user: i32,
    guide: Guide,
) -> Result<bool, AppError> {
    Ok(
        user_guide::Entity::find_by_id((user, guide.code().to_string()))
            .one(db)
            .await?
            .is_some(),
    )
}

/// Remembers that `user` dismissed `guide`; the first dismissal's time is kept.
pub async fn dismiss<C: ConnectionTrait>(db: &C, user: i32, guide: Guide) -> Result<(), AppError> {
    let row = user_guide::ActiveModel {
        user_id: Set(user),
        guide: Set(guide.code().to_string()),
        dismissed_at: Set(Utc::now()),
    };
    user_guide::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([user_guide::Column::UserId, user_guide::Column::Guide])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
