//! The reviewer's queue: submitted entries of the officers in the units they head (and
//! their sub-units), never their own.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::authz::Subject;
use crate::error::AppError;
use crate::models::{Choice, EntryLine, EntryStatus, QueueEntry, ReviewQueue};
use crate::ssr::entities::{catalog_item, user, work_log_entry as wle};
use crate::ssr::services::diary;
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

/// What the queue reads of a waiting entry, with its task's columns (joined): one query for
/// the page, not the entries and then their tasks. (The total is counted apart: a window
/// `COUNT(*) OVER ()` here would read and join every waiting entry, not the page's: three
/// times the time on the demo's 225.)
#[derive(Debug, FromQueryResult)]
struct QueueRow {
    id: i64,
    lock_version: i32,
    officer_id: i32,
    work_date: NaiveDate,
    catalog_item_id: Option<i32>,
    off_catalog_description: Option<String>,
    proposed_minutes: Option<f64>,
    completed_qty: f64,
    deadline: Option<NaiveDate>,
    completed_on: Option<NaiveDate>,
    source_document: Option<String>,
    quality_failures: i32,
    delays: i32,
    objective_cause: bool,
    task_code: Option<String>,
    task_name: Option<String>,
    unit_of_measure: Option<String>,
    norm_minutes: Option<f64>,
    coefficient: Option<f64>,
    evidence_required: Option<bool>,
}

impl From<QueueRow> for QueueEntry {
    fn from(r: QueueRow) -> QueueEntry {
        let item = r.norm_minutes.zip(r.coefficient);
        QueueEntry {
            id: r.id,
            lock_version: r.lock_version,
            officer_id: r.officer_id,
            work_date: r.work_date,
            late: matches!((r.deadline, r.completed_on), (Some(d), Some(c)) if c > d),
            line: EntryLine {
                title: EntryLine::title(
                    r.task_code.as_deref(),
                    r.task_name.as_deref(),
                    r.off_catalog_description.as_deref(),
                ),
                completed_qty: r.completed_qty,
                unit_of_measure: r.unit_of_measure,
                standard_hours: diary::standard_hours(r.completed_qty, r.proposed_minutes, item),
                evidence_missing: diary::evidence_missing(
                    r.evidence_required.unwrap_or(false),
                    r.source_document.as_deref(),
                ),
                source_document: r.source_document,
            },
            quality_failures: r.quality_failures,
            delays: r.delays,
            objective_cause: r.objective_cause,
            off_catalog: r.catalog_item_id.is_none(),
        }
    }
}

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
        .filter(wle::Column::Status.eq(EntryStatus::Submitted));
    if let Some(f) = from {
        select = select.filter(wle::Column::WorkDate.gte(f));
    }
    if let Some(t) = to {
        select = select.filter(wle::Column::WorkDate.lte(t));
    }
    let total = select.clone().count(db).await?;
    let page = page.clamp(1, total.div_ceil(QUEUE_PAGE).max(1));
    let rows = select
        .select_only()
        .columns([
            wle::Column::Id,
            wle::Column::LockVersion,
            wle::Column::OfficerId,
            wle::Column::WorkDate,
            wle::Column::CatalogItemId,
            wle::Column::OffCatalogDescription,
            wle::Column::ProposedMinutes,
            wle::Column::CompletedQty,
            wle::Column::Deadline,
            wle::Column::CompletedOn,
            wle::Column::SourceDocument,
            wle::Column::QualityFailures,
            wle::Column::Delays,
            wle::Column::ObjectiveCause,
        ])
        .column_as(catalog_item::Column::Code, "task_code")
        .column_as(catalog_item::Column::Name, "task_name")
        .column_as(catalog_item::Column::UnitOfMeasure, "unit_of_measure")
        .column_as(catalog_item::Column::NormMinutes, "norm_minutes")
        .column_as(catalog_item::Column::Coefficient, "coefficient")
        .column_as(catalog_item::Column::EvidenceRequired, "evidence_required")
        .join(
            JoinType::LeftJoin,
            wle::Entity::belongs_to(catalog_item::Entity)
                .from(wle::Column::CatalogItemId)
                .to(catalog_item::Column::Id)
                .into(),
        )
        .order_by_asc(wle::Column::OfficerId)
        .order_by_asc(wle::Column::WorkDate)
        .order_by_asc(wle::Column::Id)
        .offset((page - 1) * QUEUE_PAGE)
        .limit(QUEUE_PAGE)
        .into_model::<QueueRow>()
        .all(db)
        .await?;
    // Off-catalog entries are mapped to the officer's own catalog: sent once per officer.
    let mapping: Vec<&user::Model> = officers
        .iter()
        .filter(|o| {
            rows.iter()
                .any(|e| e.officer_id == o.id && e.catalog_item_id.is_none())
        })
        .collect();
    let mut catalogs: Vec<_> = diary::catalogs_for(db, &mapping)
        .await?
        .into_iter()
        .collect();
    catalogs.sort_by_key(|(officer, _)| *officer);
    Ok(ReviewQueue {
        total,
        page,
        per_page: QUEUE_PAGE,
        entries: rows.into_iter().map(QueueEntry::from).collect(),
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
