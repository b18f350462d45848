//! The reviewer's queue: submitted entries of the officers in the units they head (and
//! their sub-units), never their own.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::authz::Subject;
use crate::error::AppError;
use crate::models::{Choice, EntryStatus, QueueEntry, ReviewQueue};
use crate::ssr::entities::{user, work_log_entry as wle};
use crate::ssr::services::org::UnitTree;

/// The officers a reviewer reviews: users in the units they head or below, except themselves.
pub async fn reviewed_officers<C: ConnectionTrait>(
    db: &C,
    reviewer: &Subject,
) -> Result<Vec<user::Model>, AppError> {
    let tree = UnitTree::load(db).await?;
    reviewed_officers_in(db, reviewer, &tree).await
}

/// [`reviewed_officers`] with the unit tree already read: only the users of those units are
/// read (not every user of the province).
async fn reviewed_officers_in<C: ConnectionTrait>(
    db: &C,
    reviewer: &Subject,
    tree: &UnitTree,
) -> Result<Vec<user::Model>, AppError> {
    let heads = reviewer.headed_units();
    let units: Vec<i32> = tree
        .all()
        .map(|u| u.id)
        .filter(|u| heads.iter().any(|h| tree.is_within(*u, *h)))
        .collect();
    if units.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::UnitId.is_in(units))
        .filter(user::Column::Id.ne(reviewer.user_id))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?)
}

/// Entries shown on one page of the queue (each carries its forms: a page of 100 was half a
/// megabyte of HTML); the pager and the filters reach the rest.
pub const QUEUE_PAGE: u64 = 25;

/// One page (1-based; past the last page: the last) of the submitted entries waiting for
/// `reviewer`, optionally of one officer and between dates.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    reviewer: &Subject,
    officer: Option<i32>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    page: u64,
) -> Result<ReviewQueue, AppError> {
    let officers = reviewed_officers(db, reviewer).await?;
    let ids: Vec<i32> = officers
        .iter()
        .map(|o| o.id)
        .filter(|id| officer.is_none_or(|o| o == *id))
        .collect();
    let mut select = wle::Entity::find()
        .filter(wle::Column::OfficerId.is_in(ids))
        .filter(wle::Column::Status.eq(EntryStatus::Submitted))
        .order_by_asc(wle::Column::OfficerId)
        .order_by_asc(wle::Column::WorkDate)
        .order_by_asc(wle::Column::Id);
    if let Some(f) = from {
        select = select.filter(wle::Column::WorkDate.gte(f));
    }
    if let Some(t) = to {
        select = select.filter(wle::Column::WorkDate.lte(t));
    }
    let total = select.clone().count(db).await?;
    let page = page.clamp(1, total.div_ceil(QUEUE_PAGE).max(1));
    let rows = select
        .offset((page - 1) * QUEUE_PAGE)
        .limit(QUEUE_PAGE)
        .all(db)
        .await?;
    let findings: Vec<(i32, i32, i32, bool)> = rows
        .iter()
        .map(|e| {
            (
                e.officer_id,
                e.quality_failures,
                e.delays,
                e.objective_cause,
            )
        })
        .collect();
    // Off-catalog entries are mapped to the officer's own catalog: sent once per officer.
    let mapping: Vec<&user::Model> = officers
        .iter()
        .filter(|o| {
            rows.iter()
                .any(|e| e.officer_id == o.id && e.catalog_item_id.is_none())
        })
        .collect();
    let mut catalogs: Vec<_> = crate::ssr::services::diary::catalogs_for(db, &mapping)
        .await?
        .into_iter()
        .collect();
    catalogs.sort_by_key(|(officer, _)| *officer);
    let views = crate::ssr::services::diary::views(db, rows).await?;
    let entries = views
        .into_iter()
        .zip(findings)
        .map(
            |(entry, (officer_id, quality_failures, delays, objective_cause))| QueueEntry {
                id: entry.id,
                lock_version: entry.lock_version,
                officer_id,
                work_date: entry.work_date,
                late: matches!((entry.deadline, entry.completed_on), (Some(d), Some(c)) if c > d),
                line: entry.line(),
                quality_failures,
                delays,
                objective_cause,
                off_catalog: entry.catalog_item_id.is_none(),
            },
        )
        .collect();
    Ok(ReviewQueue {
        total,
        page,
        per_page: QUEUE_PAGE,
        entries,
        catalogs,
        officers: officers
            .into_iter()
            .map(|o| Choice {
                id: o.id,
                code: o.username,
                name: o.full_name,
            })
            .collect(),
    })
}
