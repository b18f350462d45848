//! Job positions as administrators, the committee and auditors read them: the list with the
//! approved version in force, and every job-description version with its catalog.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::error::AppError;
use crate::models::{CatalogItemView, JdStatus, JdVersionView, PositionDetail, PositionSummary};
use crate::ssr::entities::{catalog_item, job_description_version as jdv, position, user};

/// Positions whose code or name matches `query` (accents optional), by code.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    query: &str,
) -> Result<Vec<PositionSummary>, AppError> {
    let officers: HashMap<i32, u64> = user::Entity::find()
        .select_only()
        .column(user::Column::PositionId)
        .column_as(user::Column::Id.count(), "n")
        .filter(user::Column::PositionId.is_not_null())
        .filter(user::Column::IsActive.eq(true))
        .group_by(user::Column::PositionId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(p, n)| (p, n.max(0) as u64))
        .collect();
    let mut versions: HashMap<i32, Vec<jdv::Model>> = HashMap::new();
    for v in jdv::Entity::find()
        .order_by_desc(jdv::Column::VersionNo)
        .all(db)
        .await?
    {
        versions.entry(v.position_id).or_default().push(v);
    }
    Ok(position::Entity::find()
        .order_by_asc(position::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| {
            query.trim().is_empty()
                || crate::text::matches(&format!("{} {}", p.code, p.name), query)
        })
        .map(|p| {
            let mine = versions.remove(&p.id).unwrap_or_default();
            let approved = mine.iter().find(|v| v.status == JdStatus::Approved);
            let pending = mine
                .iter()
                .take_while(|v| v.status != JdStatus::Approved)
                .find(|v| v.status.is_open())
                .map(|v| v.status);
            PositionSummary {
                officers: officers.get(&p.id).copied().unwrap_or(0),
                approved_version: approved.map(|v| v.version_no),
                pending,
                id: p.id,
                code: p.code,
                name: p.name,
                kind: p.kind,
            }
        })
        .collect())
}

/// A position with all its job-description versions (newest first) and their catalogs.
pub async fn detail<C: ConnectionTrait>(db: &C, id: i32) -> Result<PositionDetail, AppError> {
    let p = position::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = jdv::Entity::find()
        .filter(jdv::Column::PositionId.eq(id))
        .order_by_desc(jdv::Column::VersionNo)
        .all(db)
        .await?;
    let mut items: HashMap<i32, Vec<CatalogItemView>> = HashMap::new();
    for i in catalog_item::Entity::find()
        .filter(catalog_item::Column::JobDescriptionVersionId.is_in(rows.iter().map(|v| v.id)))
        .order_by_asc(catalog_item::Column::GroupCode)
        .order_by_asc(catalog_item::Column::Code)
        .all(db)
        .await?
    {
        items
            .entry(i.job_description_version_id)
            .or_default()
            .push(i.into());
    }
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(
            user::Column::Id.is_in(
                rows.iter()
                    .flat_map(|v| [v.author_id, v.approved_by])
                    .flatten(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    Ok(PositionDetail {
        id: p.id,
        code: p.code,
        name: p.name,
        kind: p.kind,
        versions: rows
            .into_iter()
            .map(|v| JdVersionView {
                items: items.remove(&v.id).unwrap_or_default(),
                author: v.author_id.and_then(|u| names.get(&u).cloned()),
                approved_by: v.approved_by.and_then(|u| names.get(&u).cloned()),
                id: v.id,
                version_no: v.version_no,
                status: v.status,
                description: v.description,
                approved_at: v.approved_at,
                decision_no: v.decision_no,
                effective_from: v.effective_from,
                return_reason: v.return_reason,
                lock_version: v.lock_version,
            })
            .collect(),
    })
}
