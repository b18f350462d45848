use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::error::AppError;
use crate::models::{AgencySummary, FormulaSummary, HomeCounts, PeriodSummary, ProvinceOverview};
use crate::ssr::entities::{period, rule_set, unit, user, user_role};
use crate::ssr::services::rule_versions;
use crate::ssr::services::scoring::UnitTree;

pub async fn stats(db: &DatabaseConnection) -> Result<HomeCounts, AppError> {
    let units = unit::Entity::find().count(db).await?;
    let users = user::Entity::find().count(db).await?;
    Ok(HomeCounts { units, users })
}

/// Agencies with their department and officer counts, the periods, and the formula in force.
pub async fn overview(db: &DatabaseConnection) -> Result<ProvinceOverview, AppError> {
    let units = unit::Entity::find()
        .order_by_asc(unit::Column::Id)
        .all(db)
        .await?;
    let tree = UnitTree::load(db).await?;
    let officer_ids: std::collections::HashSet<i32> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq("officer"))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    let mut officers_by_agency: HashMap<i32, u64> = HashMap::new();
    for u in user::Entity::find()
        .filter(user::Column::IsActive.eq(true))
        .all(db)
        .await?
    {
        if !officer_ids.contains(&u.id) {
            continue;
        }
        if let Some(agency) = u.unit_id.and_then(|id| tree.agency_of(id)) {
            *officers_by_agency.entry(agency.id).or_default() += 1;
        }
    }
    let agencies = units
        .iter()
        .filter(|u| u.kind == "agency")
        .map(|a| AgencySummary {
            code: a.code.clone(),
            name: a.name.clone(),
            departments: units
                .iter()
                .filter(|d| d.kind == "department" && d.parent_id == Some(a.id))
                .count() as u64,
            officers: officers_by_agency.get(&a.id).copied().unwrap_or(0),
        })
        .collect();
    let periods = period::Entity::find()
        .order_by_desc(period::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PeriodSummary {
            code: p.code,
            starts_on: p.starts_on,
            ends_on: p.ends_on,
            status: p.status,
        })
        .collect();
    let formula = match rule_versions::effective_for(db, None, Utc::now().date_naive()).await? {
        Some(v) => {
            let set = rule_set::Entity::find_by_id(v.rule_set_id).one(db).await?;
            Some(FormulaSummary {
                rule_set: set.map(|s| s.name).unwrap_or_default(),
                version_no: v.version_no,
                hash: v.content_hash.chars().take(12).collect(),
                effective_from: v.effective_from,
            })
        }
        None => None,
    };
    Ok(ProvinceOverview {
        province: units
            .iter()
            .find(|u| u.kind == "province")
            .map(|u| u.name.clone()),
        agencies,
        periods,
        formula,
    })
}
