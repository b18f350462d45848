use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use crate::authz::Role;
use crate::error::AppError;
use crate::models::{AgencySummary, FormulaSummary, HomeCounts, PeriodSummary, ProvinceOverview};
use crate::ssr::entities::{period, unit, user, user_role};
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::rule_versions;

#[derive(Debug, FromQueryResult)]
struct Counts {
    units: i64,
    users: i64,
}

/// How many units and users there are, in one query (the home page runs it on every visit).
pub async fn stats(db: &DatabaseConnection) -> Result<HomeCounts, AppError> {
    let sql = "SELECT (SELECT COUNT(*) FROM units) AS units, (SELECT COUNT(*) FROM users) AS users";
    let counts = Counts::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await?
        .unwrap_or(Counts { units: 0, users: 0 });
    Ok(HomeCounts {
        units: counts.units.max(0) as u64,
        users: counts.users.max(0) as u64,
    })
}

#[derive(Debug, FromQueryResult)]
struct UnitOfficers {
    unit_id: Option<i32>,
    officers: i64,
}

/// Agencies with their department and officer counts, the periods, and the formula in force.
pub async fn overview(db: &DatabaseConnection) -> Result<ProvinceOverview, AppError> {
    let units = unit::Entity::find()
        .order_by_asc(unit::Column::Id)
        .all(db)
        .await?;
    let tree = UnitTree::from_units(units.clone());
    // One grouped count per unit (a few hundred rows), not every officer of the province:
    // the home page stays fast for a province of 20,000.
    let per_unit = user::Entity::find()
        .select_only()
        .column(user::Column::UnitId)
        .column_as(user::Column::Id.count(), "officers")
        .filter(user::Column::IsActive.eq(true))
        .filter(
            user::Column::Id.in_subquery(
                Query::select()
                    .column(user_role::Column::UserId)
                    .from(user_role::Entity)
                    .and_where(user_role::Column::Role.eq(Role::Officer.code()))
                    .to_owned(),
            ),
        )
        .group_by(user::Column::UnitId)
        .into_model::<UnitOfficers>()
        .all(db)
        .await?;
    let mut officers_by_agency: HashMap<i32, u64> = HashMap::new();
    for row in per_unit {
        if let Some(agency) = row.unit_id.and_then(|id| tree.agency_of(id)) {
            *officers_by_agency.entry(agency.id).or_default() += row.officers.max(0) as u64;
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
    let formula = rule_versions::in_force(db, None, None, Utc::now().date_naive())
        .await?
        .map(|found| FormulaSummary {
            rule_set: found.set.name,
            version_no: found.version.version_no,
            hash: found.version.content_hash.chars().take(12).collect(),
            effective_from: found.version.effective_from,
        });
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
