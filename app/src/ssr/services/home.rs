use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use crate::authz::Role;
use crate::error::AppError;
use crate::models::{AgencySummary, FormulaSummary, HomeCounts, PeriodSummary, ProvinceOverview};
use crate::ssr::entities::{period, unit, user};
use crate::ssr::services::accounts::active_holding;
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

/// The home page's public figures (the counts and the province's overview), kept for
/// [`PublicFigures::TTL`]: every anonymous visit of the home page shows them, and building
/// them reads the whole unit tree and counts every active officer. They hold no personal
/// data and change when the organisation, the periods or the formula in force change, which
/// the page may show up to `TTL` late. An empty province (no unit yet, a fresh install being
/// set up) is read every time: its queries cost nothing, and the administrator importing the
/// organisation sees it at once.
#[derive(Clone, Default)]
pub struct PublicFigures(std::sync::Arc<FiguresInner>);

#[derive(Default)]
struct FiguresInner {
    stats: Slot<HomeCounts>,
    overview: Slot<ProvinceOverview>,
}

/// A value and when it was read.
type Slot<T> = std::sync::Mutex<Option<(std::time::Instant, T)>>;

/// The value kept in `slot` if it was read less than `ttl` ago; else `read`'s, kept when it
/// is `worth_keeping`.
async fn kept_or_read<T: Clone>(
    slot: &Slot<T>,
    ttl: std::time::Duration,
    worth_keeping: impl Fn(&T) -> bool,
    read: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    {
        let kept = slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, value)) = kept.as_ref().filter(|(at, _)| at.elapsed() < ttl) {
            return Ok(value.clone());
        }
    }
    let value = read.await?;
    if worth_keeping(&value) {
        *slot.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((std::time::Instant::now(), value.clone()));
    }
    Ok(value)
}

impl PublicFigures {
    /// How long the figures are shown before they are read again.
    pub const TTL: std::time::Duration = std::time::Duration::from_secs(10);

    /// [`stats`], read again at most every [`Self::TTL`].
    pub async fn stats(&self, db: &DatabaseConnection) -> Result<HomeCounts, AppError> {
        self.stats_within(db, Self::TTL).await
    }

    async fn stats_within(
        &self,
        db: &DatabaseConnection,
        ttl: std::time::Duration,
    ) -> Result<HomeCounts, AppError> {
        kept_or_read(&self.0.stats, ttl, |c| c.units > 0, stats(db)).await
    }

    /// [`overview`], read again at most every [`Self::TTL`].
    pub async fn overview(&self, db: &DatabaseConnection) -> Result<ProvinceOverview, AppError> {
        let provided = |o: &ProvinceOverview| o.province.is_some() || !o.agencies.is_empty();
        kept_or_read(&self.0.overview, Self::TTL, provided, overview(db)).await
    }
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
        .filter(active_holding(Role::Officer))
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

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ConnectionTrait;

    async fn db() -> DatabaseConnection {
        // One connection: each connection to `:memory:` is a database of its own.
        let mut options = sea_orm::ConnectOptions::new("sqlite::memory:");
        options.max_connections(1).min_connections(1);
        let db = sea_orm::Database::connect(options).await.expect("db");
        db.execute_unprepared(
            "CREATE TABLE units (id INTEGER PRIMARY KEY); CREATE TABLE users (id INTEGER PRIMARY KEY);",
        )
        .await
        .expect("tables");
        db
    }

    #[tokio::test]
    async fn the_figures_are_kept_for_their_lifetime_and_an_empty_province_is_never_kept() {
        let db = db().await;
        let figures = PublicFigures::default();
        let long = std::time::Duration::from_secs(3600);
        // Empty: read every time, so the first units show at once.
        assert_eq!(
            figures.stats_within(&db, long).await.expect("stats").units,
            0
        );
        db.execute_unprepared(
            "INSERT INTO units (id) VALUES (1); INSERT INTO users (id) VALUES (1);",
        )
        .await
        .expect("insert");
        assert_eq!(
            figures.stats_within(&db, long).await.expect("stats").units,
            1
        );
        // Kept: a change shows only once the lifetime has run out.
        db.execute_unprepared("INSERT INTO units (id) VALUES (2);")
            .await
            .expect("insert");
        assert_eq!(
            figures.stats_within(&db, long).await.expect("stats").units,
            1
        );
        let expired = std::time::Duration::ZERO;
        assert_eq!(
            figures
                .stats_within(&db, expired)
                .await
                .expect("stats")
                .units,
            2
        );
    }
}
