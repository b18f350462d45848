//! Job positions as administrators, the committee and auditors read them: the list with the
//! approved version in force, and every job-description version with its catalog. And the
//! position itself as administrators set it up: created with a code that never changes, then
//! its name, group, cohort group and the agencies that use it (each change audited).

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, SqlErr, TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::error::AppError;
use crate::i18n::{Msg, Notice};
use crate::models::{
    CatalogItemView, Choice, JdStatus, JdVersionView, OrgCode, PositionDetail, PositionInput,
    PositionKind, PositionSettings, PositionSetup, PositionSummary, UnitKind,
};
use crate::ssr::entities::{
    catalog_item, job_description_version as jdv, position, position_agency, unit, user,
};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::units;

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

/// The position form: the position as it is (`None`: a new one), the open agencies (and
/// the closed ones it already has), and the cohort groups in use.
pub async fn setup<C: ConnectionTrait>(db: &C, id: Option<i32>) -> Result<PositionSetup, AppError> {
    let settings = match id {
        Some(id) => Some(settings(db, id).await?),
        None => None,
    };
    let chosen: Vec<i32> = settings
        .as_ref()
        .map(|p| p.agency_ids.clone())
        .unwrap_or_default();
    let today = crate::i18n::vietnam_date(Utc::now());
    let agencies = unit::Entity::find()
        .filter(unit::Column::Kind.eq(UnitKind::Agency.as_str()))
        .order_by_asc(unit::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| u.closed_on.is_none_or(|d| d > today) || chosen.contains(&u.id))
        .map(|u| Choice {
            id: u.id,
            code: u.code,
            name: u.name,
        })
        .collect();
    let cohort_groups: BTreeSet<String> = position::Entity::find()
        .select_only()
        .column(position::Column::CohortGroup)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(PositionSetup {
        position: settings,
        agencies,
        cohort_groups: cohort_groups.into_iter().collect(),
    })
}

async fn settings<C: ConnectionTrait>(db: &C, id: i32) -> Result<PositionSettings, AppError> {
    let p = position::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut agency_ids: Vec<i32> = position_agency::Entity::find()
        .filter(position_agency::Column::PositionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.unit_id)
        .collect();
    agency_ids.sort_unstable();
    Ok(PositionSettings {
        id: p.id,
        code: p.code,
        name: p.name,
        kind: p.kind,
        cohort_group: p.cohort_group,
        agency_ids,
    })
}

/// The form's name, group, cohort group and agencies, checked (the code is the caller's).
struct Checked {
    name: String,
    kind: PositionKind,
    cohort_group: Option<String>,
    agencies: Vec<unit::Model>,
}

async fn check<C: ConnectionTrait>(
    db: &C,
    input: &PositionInput,
    current_agencies: &[i32],
) -> Result<Checked, AppError> {
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(AppError::refused("name", Msg::PosFormNameRequired));
    }
    let kind = PositionKind::parse(&input.kind)
        .ok_or_else(|| AppError::refused("kind", Msg::PosFormKindInvalid))?;
    let cohort_group = match input.cohort_group.trim() {
        "" => None,
        t => Some(
            OrgCode::parse(t)
                .ok_or_else(|| AppError::refused("cohort_group", Msg::PosFormCohortInvalid))?
                .as_str()
                .to_string(),
        ),
    };
    let mut ids = BTreeSet::new();
    for text in &input.agencies {
        if text.trim().is_empty() {
            continue;
        }
        let id: i32 = text
            .trim()
            .parse()
            .map_err(|_| AppError::refused("agencies", Msg::PosFormUnknownAgency))?;
        ids.insert(id);
    }
    let agencies = unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids.iter().copied()))
        .filter(unit::Column::Kind.eq(UnitKind::Agency.as_str()))
        .all(db)
        .await?;
    if agencies.len() != ids.len() {
        return Err(AppError::refused("agencies", Msg::PosFormUnknownAgency));
    }
    for a in &agencies {
        if !current_agencies.contains(&a.id) {
            units::refuse_if_closed(a, "agencies")?;
        }
    }
    Ok(Checked {
        name,
        kind,
        cohort_group,
        agencies,
    })
}

fn snapshot(p: &position::Model, agencies: &[String]) -> serde_json::Value {
    json!({
        "code": p.code, "name": p.name, "kind": p.kind,
        "cohort_group": p.cohort_group, "agencies": agencies,
    })
}

fn code_taken(code: &str) -> AppError {
    AppError::notice(
        "code",
        Notice::PositionCodeTaken {
            code: code.to_string(),
        },
    )
}

/// Sets the agencies that use position `id` to `agencies`.
async fn write_agencies<C: ConnectionTrait>(
    txn: &C,
    id: i32,
    agencies: &[unit::Model],
) -> Result<Vec<String>, AppError> {
    position_agency::Entity::delete_many()
        .filter(position_agency::Column::PositionId.eq(id))
        .exec(txn)
        .await?;
    if !agencies.is_empty() {
        position_agency::Entity::insert_many(agencies.iter().map(|a| {
            position_agency::ActiveModel {
                position_id: Set(id),
                unit_id: Set(a.id),
            }
        }))
        .exec(txn)
        .await?;
    }
    let mut codes: Vec<String> = agencies.iter().map(|a| a.code.clone()).collect();
    codes.sort();
    Ok(codes)
}

/// Creates a position; its code is unique (whatever its case) and never changes. Without a
/// cohort group the position forms a cohort of its own (its code in lower case).
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &PositionInput,
) -> Result<i32, AppError> {
    let code = OrgCode::parse(&input.code)
        .ok_or_else(|| AppError::refused("code", Msg::PosFormCodeInvalid))?;
    use sea_orm::sea_query::ExprTrait;
    let code = code.as_str().to_string();
    let checked = check(db, input, &[]).await?;
    let txn = db.begin().await?;
    let taken = position::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(position::Column::Code))).eq(code.to_lowercase()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(code_taken(&code));
    }
    let saved = position::ActiveModel {
        cohort_group: Set(checked.cohort_group.unwrap_or_else(|| code.to_lowercase())),
        code: Set(code.clone()),
        name: Set(checked.name),
        kind: Set(checked.kind.as_str().to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => code_taken(&code),
        _ => e.into(),
    })?;
    let agencies = write_agencies(&txn, saved.id, &checked.agencies).await?;
    audit::record(
        &txn,
        actor,
        Change::new("position.create", "position", saved.id).after(&snapshot(&saved, &agencies)),
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// Changes a position's name, group, cohort group and agencies (its code stays).
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    input: &PositionInput,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    // Written first, so that a concurrent change of this position waits for this one and
    // then replaces its agencies after it (never beside it).
    let locked = position::Entity::update_many()
        .col_expr(position::Column::Name, Expr::col(position::Column::Name))
        .filter(position::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    if locked.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    let before = settings(&txn, id).await?;
    let checked = check(&txn, input, &before.agency_ids).await?;
    let before_codes: Vec<String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(before.agency_ids.iter().copied()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|u| u.code)
        .collect();
    let old = position::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut am: position::ActiveModel = old.clone().into();
    am.name = Set(checked.name);
    am.kind = Set(checked.kind.as_str().to_string());
    am.cohort_group = Set(checked
        .cohort_group
        .unwrap_or_else(|| old.code.to_lowercase()));
    let after = am.update(&txn).await?;
    let mut before_sorted = before_codes;
    before_sorted.sort();
    let agencies = write_agencies(&txn, id, &checked.agencies).await?;
    if after == old && agencies == before_sorted {
        return Ok(());
    }
    audit::record(
        &txn,
        actor,
        Change::new("position.update", "position", id)
            .before(&snapshot(&old, &before_sorted))
            .after(&snapshot(&after, &agencies)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
