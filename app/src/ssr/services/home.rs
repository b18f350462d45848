use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::error::AppError;
use crate::models::HomeCounts;
use crate::ssr::entities::{unit, user};

pub async fn stats(db: &DatabaseConnection) -> Result<HomeCounts, AppError> {
    let units = unit::Entity::find().count(db).await?;
    let users = user::Entity::find().count(db).await?;
    Ok(HomeCounts { units, users })
}
