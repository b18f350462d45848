//! Job description versions and their task catalogs:
//! draft → submitted → approved (or returned with a reason) → superseded by the next approval.
//! An approved version is never edited; a change is a new draft. Approval takes a second
//! person: the author of a version cannot approve it.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use serde_json::json;
use std::collections::HashSet;

use crate::error::AppError;
use crate::i18n::Msg;
use crate::i18n::{Act, Notice, Record};
use crate::models::{CatalogItemInput, JdStatus};
use crate::ssr::entities::{catalog_item, job_description_version as jdv, position};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::versioned::{compare_and_set, VersionedColumns};

/// Validates a whole catalog; every problem names its row (1-based) and field.
pub fn validate_catalog(items: &[CatalogItemInput]) -> Result<(), AppError> {
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let refuse = |field: &str, notice: Notice| {
            Err(AppError::notice(format!("items[{row}].{field}"), notice))
        };
        let n = row as u32;
        let code = item.code.trim();
        if code.is_empty() || code.len() > 32 {
            return refuse("code", Notice::CatalogCodeBad { row: n });
        }
        if !seen.insert(code.to_uppercase()) {
            return refuse(
                "code",
                Notice::CatalogCodeDuplicate {
                    row: n,
                    code: code.to_string(),
                },
            );
        }
        if !matches!(item.group_code.trim(), "A" | "B" | "C" | "D") {
            return refuse("group_code", Notice::CatalogGroupBad { row: n });
        }
        if item.name.trim().is_empty() {
            return refuse("name", Notice::CatalogNameEmpty { row: n });
        }
        if item.unit_of_measure.trim().is_empty() {
            return refuse("unit_of_measure", Notice::CatalogUnitEmpty { row: n });
        }
        if !(item.norm_minutes.is_finite()
            && item.norm_minutes > 0.0
            && item.norm_minutes <= 60.0 * 24.0 * 31.0)
        {
            return refuse("norm_minutes", Notice::CatalogNormBad { row: n });
        }
        if !(1..=3).contains(&item.complexity_level) {
            return refuse("complexity_level", Notice::CatalogLevelBad { row: n });
        }
        if let Some(c) = item.coefficient {
            if !(c.is_finite() && c > 0.0 && c <= 5.0) {
                return refuse("coefficient", Notice::CatalogCoefficientBad { row: n });
            }
        }
    }
    Ok(())
}

pub fn default_coefficient(level: i32) -> f64 {
    match level {
        3 => 1.5,
        2 => 1.2,
        _ => 1.0,
    }
}

fn snapshot(v: &jdv::Model) -> serde_json::Value {
    json!({
        "position_id": v.position_id, "version_no": v.version_no, "status": v.status,
        "decision_no": v.decision_no, "effective_from": v.effective_from,
        "return_reason": v.return_reason, "lock_version": v.lock_version,
    })
}

async fn load<C: ConnectionTrait>(db: &C, id: i32) -> Result<jdv::Model, AppError> {
    jdv::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The version of a position's job description in force on `day`: approved (and perhaps
/// superseded since), effective on or before `day`, the latest such.
pub async fn version_in_force<C: ConnectionTrait>(
    db: &C,
    position_id: i32,
    day: NaiveDate,
) -> Result<Option<jdv::Model>, AppError> {
    Ok(in_force(position_id, day).one(db).await?)
}

/// The versions of a position's job description in force on `day`, the one in force first.
fn in_force(position_id: i32, day: NaiveDate) -> sea_orm::Select<jdv::Entity> {
    jdv::Entity::find()
        .filter(jdv::Column::PositionId.eq(position_id))
        .filter(jdv::Column::Status.is_in([JdStatus::Approved, JdStatus::Superseded]))
        .filter(jdv::Column::EffectiveFrom.lte(day))
        .order_by_desc(jdv::Column::EffectiveFrom)
        .order_by_desc(jdv::Column::VersionNo)
}

/// The catalog of the job description version of a position in force on `day` (empty when
/// none is), in one query.
pub async fn catalog_in_force<C: ConnectionTrait>(
    db: &C,
    position_id: i32,
    day: NaiveDate,
) -> Result<Vec<catalog_item::Model>, AppError> {
    use sea_orm::{QuerySelect, QueryTrait};
    let version = in_force(position_id, day)
        .select_only()
        .column(jdv::Column::Id)
        .limit(1)
        .into_query();
    Ok(catalog_item::Entity::find()
        .filter(catalog_item::Column::JobDescriptionVersionId.in_subquery(version))
        .order_by_asc(catalog_item::Column::GroupCode)
        .order_by_asc(catalog_item::Column::Code)
        .all(db)
        .await?)
}

/// Whether `item` belongs to the catalog of `officer_id`'s own position in force on `day`:
/// the only tasks an entry of that day may name (scoring counts the item's norm).
pub async fn check_officer_item<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    day: NaiveDate,
    item: i32,
) -> Result<catalog_item::Model, AppError> {
    let refused = || AppError::refused("catalog_item_id", Msg::DiaryTaskNotInCatalog);
    let position_id = crate::ssr::entities::user::Entity::find_by_id(officer_id)
        .one(db)
        .await?
        .and_then(|u| u.position_id)
        .ok_or_else(refused)?;
    let version = version_in_force(db, position_id, day)
        .await?
        .ok_or_else(refused)?;
    catalog_item::Entity::find_by_id(item)
        .filter(catalog_item::Column::JobDescriptionVersionId.eq(version.id))
        .one(db)
        .await?
        .ok_or_else(refused)
}

pub async fn catalog_of<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
) -> Result<Vec<catalog_item::Model>, AppError> {
    Ok(catalog_item::Entity::find()
        .filter(catalog_item::Column::JobDescriptionVersionId.eq(version_id))
        .order_by_asc(catalog_item::Column::GroupCode)
        .order_by_asc(catalog_item::Column::Code)
        .all(db)
        .await?)
}

pub(crate) async fn write_catalog<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
    items: &[CatalogItemInput],
) -> Result<(), AppError> {
    catalog_item::Entity::delete_many()
        .filter(catalog_item::Column::JobDescriptionVersionId.eq(version_id))
        .exec(db)
        .await?;
    let rows: Vec<catalog_item::ActiveModel> = items
        .iter()
        .map(|i| catalog_item::ActiveModel {
            job_description_version_id: Set(version_id),
            code: Set(i.code.trim().to_string()),
            group_code: Set(i.group_code.trim().to_string()),
            name: Set(i.name.trim().to_string()),
            unit_of_measure: Set(i.unit_of_measure.trim().to_string()),
            norm_minutes: Set(i.norm_minutes),
            complexity_level: Set(i.complexity_level),
            coefficient: Set(i
                .coefficient
                .unwrap_or_else(|| default_coefficient(i.complexity_level))),
            evidence_required: Set(i.evidence_required),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        catalog_item::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// A position's latest job-description version, whatever its state.
pub(crate) async fn latest_version<C: ConnectionTrait>(
    db: &C,
    position_id: i32,
) -> Result<Option<jdv::Model>, AppError> {
    Ok(jdv::Entity::find()
        .filter(jdv::Column::PositionId.eq(position_id))
        .order_by_desc(jdv::Column::VersionNo)
        .one(db)
        .await?)
}

/// Inserts a position's next version as a draft with `latest`'s text (no catalog yet).
pub(crate) async fn insert_draft<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    position_id: i32,
    latest: Option<&jdv::Model>,
) -> Result<jdv::Model, AppError> {
    let now = Utc::now();
    Ok(jdv::ActiveModel {
        position_id: Set(position_id),
        version_no: Set(latest.map_or(1, |l| l.version_no + 1)),
        status: Set(JdStatus::Draft),
        description: Set(latest.map(|l| l.description.clone()).unwrap_or_default()),
        author_id: Set(actor.id),
        lock_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// A new draft for a position, starting from its latest version's text and catalog.
pub async fn new_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    position_id: i32,
) -> Result<jdv::Model, AppError> {
    let txn = db.begin().await?;
    position::Entity::find_by_id(position_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let latest = latest_version(&txn, position_id).await?;
    if let Some(open) = &latest {
        if open.status.is_open() {
            return Err(AppError::notice(
                "status",
                Notice::OpenVersionExists {
                    version_no: open.version_no,
                },
            ));
        }
    }
    let draft = insert_draft(&txn, actor, position_id, latest.as_ref()).await?;
    if let Some(l) = &latest {
        let items: Vec<CatalogItemInput> = catalog_of(&txn, l.id)
            .await?
            .into_iter()
            .map(CatalogItemInput::from)
            .collect();
        write_catalog(&txn, draft.id, &items).await?;
    }
    audit::record(
        &txn,
        actor,
        Change::new(
            "job_description.create",
            "job_description_version",
            draft.id,
        )
        .after(&snapshot(&draft)),
    )
    .await?;
    txn.commit().await?;
    Ok(draft)
}

/// Replaces a draft's catalog and keeps its text (the catalog import). The lock version
/// guards the read: a text edited meanwhile makes this a conflict, never a lost edit.
/// The position a job description version belongs to.
pub async fn position_of_version<C: ConnectionTrait>(db: &C, id: i32) -> Result<i32, AppError> {
    Ok(load(db, id).await?.position_id)
}

pub async fn replace_catalog<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    items: &[CatalogItemInput],
) -> Result<jdv::Model, AppError> {
    let description = load(db, id).await?.description;
    update_draft(db, actor, id, expected_lock, &description, items).await
}

/// Replaces a draft's (or returned version's) text and catalog, all or nothing.
pub async fn update_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    description: &str,
    items: &[CatalogItemInput],
) -> Result<jdv::Model, AppError> {
    validate_catalog(items)?;
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    if !matches!(v.status, JdStatus::Draft | JdStatus::Returned) {
        return Err(AppError::notice(
            "status",
            Notice::StateRefused {
                act: Act::Edit,
                record: Record::JobDescription(v.version_no),
                state: v.status.into(),
            },
        ));
    }
    let res = jdv::Entity::update_many()
        .col_expr(jdv::Column::Description, Expr::value(description.trim()))
        .col_expr(jdv::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(
            jdv::Column::LockVersion,
            Expr::col(jdv::Column::LockVersion).add(1),
        )
        .filter(jdv::Column::Id.eq(id))
        .filter(jdv::Column::LockVersion.eq(expected_lock))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    let before = catalog_of(&txn, id).await?.len();
    write_catalog(&txn, id, items).await?;
    let after = load(&txn, id).await?;
    audit::record(
        &txn,
        actor,
        Change::new("job_description.edit", "job_description_version", id)
            .before(&json!({"catalog_items": before, "lock_version": v.lock_version}))
            .after(&json!({"catalog_items": items, "description": description.trim(), "lock_version": after.lock_version})),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

const JDV_COLUMNS: VersionedColumns<jdv::Entity> = VersionedColumns {
    id: jdv::Column::Id,
    status: jdv::Column::Status,
    lock_version: jdv::Column::LockVersion,
    updated_at: Some(jdv::Column::UpdatedAt),
};

async fn transition<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    v: &jdv::Model,
    to: JdStatus,
    action: &str,
    extra: Vec<(jdv::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<jdv::Model, AppError> {
    compare_and_set(db, &JDV_COLUMNS, v.id, v.status, v.lock_version, to, extra).await?;
    let after = load(db, v.id).await?;
    audit::record(
        db,
        actor,
        Change::new(action, "job_description_version", v.id)
            .before(&snapshot(v))
            .after(&snapshot(&after)),
    )
    .await?;
    Ok(after)
}

fn expect_state(
    v: &jdv::Model,
    expected_lock: i32,
    allowed: &[JdStatus],
    act: Act,
) -> Result<(), AppError> {
    if v.lock_version != expected_lock {
        return Err(AppError::Conflict);
    }
    if !allowed.contains(&v.status) {
        return Err(AppError::notice(
            "status",
            Notice::StateRefused {
                act,
                record: Record::JobDescription(v.version_no),
                state: v.status.into(),
            },
        ));
    }
    Ok(())
}

/// Submits a draft (or a corrected returned version) for approval.
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
) -> Result<jdv::Model, AppError> {
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    expect_state(
        &v,
        expected_lock,
        &[JdStatus::Draft, JdStatus::Returned],
        Act::Submit,
    )?;
    if v.description.trim().is_empty() {
        return Err(AppError::refused("description", Msg::JdDescriptionEmpty));
    }
    if catalog_of(&txn, id).await?.is_empty() {
        return Err(AppError::refused("items", Msg::JdCatalogEmpty));
    }
    let after = transition(
        &txn,
        actor,
        &v,
        JdStatus::Submitted,
        "job_description.submit",
        vec![(jdv::Column::SubmittedAt, Expr::value(Utc::now()))],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Returns a submitted version to its author with a reason.
pub async fn return_version<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    reason: &str,
) -> Result<jdv::Model, AppError> {
    if reason.trim().is_empty() {
        return Err(AppError::refused("reason", Msg::ReasonForReturnRequired));
    }
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    expect_state(&v, expected_lock, &[JdStatus::Submitted], Act::Return)?;
    let after = transition(
        &txn,
        actor,
        &v,
        JdStatus::Returned,
        "job_description.return",
        vec![(jdv::Column::ReturnReason, Expr::value(reason.trim()))],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Approves a submitted version with its decision number and effective date; the
/// position's previously approved version is superseded in the same transaction.
pub async fn approve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    decision_no: &str,
    effective_from: NaiveDate,
) -> Result<jdv::Model, AppError> {
    if decision_no.trim().is_empty() {
        return Err(AppError::refused("decision_no", Msg::JdDecisionNoRequired));
    }
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    expect_state(&v, expected_lock, &[JdStatus::Submitted], Act::Approve)?;
    // Two persons: nobody who wrote or edited the draft approves it, whatever their roles.
    if let Some(me) = actor.id {
        let edited = audit::has_acted_on(
            &txn,
            me,
            "job_description_version",
            v.id,
            &["job_description.create", "job_description.edit"],
        )
        .await?;
        if v.author_id == Some(me) || edited {
            return Err(AppError::refused("approver", Msg::SodJobDescriptionEditor));
        }
    }
    let previous = jdv::Entity::find()
        .filter(jdv::Column::PositionId.eq(v.position_id))
        .filter(jdv::Column::Status.eq(JdStatus::Approved))
        .all(&txn)
        .await?;
    for p in &previous {
        transition(
            &txn,
            actor,
            p,
            JdStatus::Superseded,
            "job_description.supersede",
            vec![],
        )
        .await?;
    }
    let after = transition(
        &txn,
        actor,
        &v,
        JdStatus::Approved,
        "job_description.approve",
        vec![
            (jdv::Column::ApprovedBy, Expr::value(actor.id)),
            (jdv::Column::ApprovedAt, Expr::value(Utc::now())),
            (jdv::Column::DecisionNo, Expr::value(decision_no.trim())),
            (jdv::Column::EffectiveFrom, Expr::value(effective_from)),
            (
                jdv::Column::ReturnReason,
                Expr::value(Option::<String>::None),
            ),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
