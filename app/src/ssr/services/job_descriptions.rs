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
use crate::models::CatalogItemInput;
use crate::ssr::entities::{catalog_item, job_description_version as jdv, position};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::versioned::{compare_and_set, VersionedColumns};

/// Validates a whole catalog; every problem names its row (1-based) and field.
pub fn validate_catalog(items: &[CatalogItemInput]) -> Result<(), AppError> {
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let code = item.code.trim();
        if code.is_empty() || code.len() > 32 {
            return Err(AppError::invalid(
                format!("items[{row}].code"),
                format!("Dòng {row}: mã công việc trống hoặc dài quá 32 ký tự."),
            ));
        }
        if !seen.insert(code.to_uppercase()) {
            return Err(AppError::invalid(
                format!("items[{row}].code"),
                format!("Dòng {row}: mã công việc \"{code}\" bị trùng."),
            ));
        }
        if !matches!(item.group_code.trim(), "A" | "B" | "C" | "D") {
            return Err(AppError::invalid(
                format!("items[{row}].group_code"),
                format!("Dòng {row}: nhóm phải là A, B, C hoặc D."),
            ));
        }
        if item.name.trim().is_empty() {
            return Err(AppError::invalid(
                format!("items[{row}].name"),
                format!("Dòng {row}: tên công việc không được để trống."),
            ));
        }
        if item.unit_of_measure.trim().is_empty() {
            return Err(AppError::invalid(
                format!("items[{row}].unit_of_measure"),
                format!("Dòng {row}: đơn vị tính không được để trống."),
            ));
        }
        if !(item.norm_minutes.is_finite()
            && item.norm_minutes > 0.0
            && item.norm_minutes <= 60.0 * 24.0 * 31.0)
        {
            return Err(AppError::invalid(
                format!("items[{row}].norm_minutes"),
                format!("Dòng {row}: định mức thời gian phải là số phút lớn hơn 0."),
            ));
        }
        if !(1..=3).contains(&item.complexity_level) {
            return Err(AppError::invalid(
                format!("items[{row}].complexity_level"),
                format!("Dòng {row}: mức độ phức tạp phải là 1, 2 hoặc 3."),
            ));
        }
        if let Some(c) = item.coefficient {
            if !(c.is_finite() && c > 0.0 && c <= 5.0) {
                return Err(AppError::invalid(
                    format!("items[{row}].coefficient"),
                    format!("Dòng {row}: hệ số phức tạp phải lớn hơn 0 và không quá 5."),
                ));
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
    Ok(jdv::Entity::find()
        .filter(jdv::Column::PositionId.eq(position_id))
        .filter(jdv::Column::Status.is_in(["approved", "superseded"]))
        .filter(jdv::Column::EffectiveFrom.lte(day))
        .order_by_desc(jdv::Column::EffectiveFrom)
        .order_by_desc(jdv::Column::VersionNo)
        .one(db)
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

async fn write_catalog<C: ConnectionTrait>(
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
    let latest = jdv::Entity::find()
        .filter(jdv::Column::PositionId.eq(position_id))
        .order_by_desc(jdv::Column::VersionNo)
        .one(&txn)
        .await?;
    if let Some(open) = &latest {
        if matches!(open.status.as_str(), "draft" | "submitted" | "returned") {
            return Err(AppError::invalid(
                "status",
                format!(
                    "Vị trí này đã có phiên bản {} đang soạn hoặc chờ duyệt.",
                    open.version_no
                ),
            ));
        }
    }
    let now = Utc::now();
    let draft = jdv::ActiveModel {
        position_id: Set(position_id),
        version_no: Set(latest.as_ref().map(|l| l.version_no + 1).unwrap_or(1)),
        status: Set("draft".into()),
        description: Set(latest
            .as_ref()
            .map(|l| l.description.clone())
            .unwrap_or_default()),
        author_id: Set(actor.id),
        lock_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(l) = &latest {
        let items: Vec<CatalogItemInput> = catalog_of(&txn, l.id)
            .await?
            .into_iter()
            .map(|i| CatalogItemInput {
                code: i.code,
                group_code: i.group_code,
                name: i.name,
                unit_of_measure: i.unit_of_measure,
                norm_minutes: i.norm_minutes,
                complexity_level: i.complexity_level,
                coefficient: Some(i.coefficient),
                evidence_required: i.evidence_required,
            })
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
    if !matches!(v.status.as_str(), "draft" | "returned") {
        return Err(AppError::invalid(
            "status",
            "Chỉ sửa được bản mô tả công việc đang soạn hoặc bị trả lại.",
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
    to: &str,
    action: &str,
    extra: Vec<(jdv::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<jdv::Model, AppError> {
    compare_and_set(db, &JDV_COLUMNS, v.id, &v.status, v.lock_version, to, extra).await?;
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
    allowed: &[&str],
    what: &str,
) -> Result<(), AppError> {
    if v.lock_version != expected_lock {
        return Err(AppError::Conflict);
    }
    if !allowed.contains(&v.status.as_str()) {
        return Err(AppError::invalid(
            "status",
            format!(
                "Không thể {what} bản mô tả công việc đang ở trạng thái \"{}\".",
                v.status
            ),
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
    expect_state(&v, expected_lock, &["draft", "returned"], "gửi duyệt")?;
    if v.description.trim().is_empty() {
        return Err(AppError::invalid(
            "description",
            "Bản mô tả công việc chưa có nội dung.",
        ));
    }
    if catalog_of(&txn, id).await?.is_empty() {
        return Err(AppError::invalid("items", "Danh mục công việc đang trống."));
    }
    let after = transition(
        &txn,
        actor,
        &v,
        "submitted",
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
        return Err(AppError::invalid("reason", "Vui lòng nêu lý do trả lại."));
    }
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    expect_state(&v, expected_lock, &["submitted"], "trả lại")?;
    let after = transition(
        &txn,
        actor,
        &v,
        "returned",
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
        return Err(AppError::invalid(
            "decision_no",
            "Vui lòng nhập số quyết định phê duyệt.",
        ));
    }
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    expect_state(&v, expected_lock, &["submitted"], "phê duyệt")?;
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
        .filter(jdv::Column::Status.eq("approved"))
        .all(&txn)
        .await?;
    for p in &previous {
        transition(
            &txn,
            actor,
            p,
            "superseded",
            "job_description.supersede",
            vec![],
        )
        .await?;
    }
    let after = transition(
        &txn,
        actor,
        &v,
        "approved",
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
