//! Writing a plan: one transaction, units parents first, then positions, catalogs and
//! people; new people get a one-time activation code; one audit event names the file and
//! every record touched.

use std::collections::HashMap;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::check::PersonRow;
use super::plan::{grants_of, Plan};
use crate::error::AppError;
use crate::models::{Activation, JdStatus, PlanAct};
use crate::ssr::entities::{
    activation_code, job_description_version as jdv, position, position_agency, unit, user,
    user_role,
};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::job_descriptions;

/// How long an activation code stays valid.
pub const ACTIVATION_DAYS: i64 = 30;
/// The code's alphabet: no 0/O, 1/I/L to misread on paper.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A new activation code, `XXXX-XXXX-XXXX` (about 59 bits).
pub fn new_code() -> String {
    let mut out = String::with_capacity(14);
    for i in 0..12 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let n = (OsRng.next_u32() as usize) % ALPHABET.len();
        out.push(ALPHABET[n] as char);
    }
    out
}

/// The stored form of a code: SHA-256 of its letters, upper case, without dashes.
pub fn code_hash(code: &str) -> String {
    let clean: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hex::encode(Sha256::digest(clean.as_bytes()))
}

/// Writes `plan` inside `txn` (the caller commits); the activation codes of the people it
/// created.
pub async fn apply<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    plan: &Plan,
    file_hash: &str,
) -> Result<Vec<Activation>, AppError> {
    let now = Utc::now();
    let today = now.date_naive();

    // Units, parents first.
    let mut unit_id: HashMap<String, i32> = unit::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|u| (u.code, u.id))
        .collect();
    for (act, u) in &plan.units {
        let parent = u.parent.as_ref().and_then(|c| unit_id.get(c).copied());
        match act {
            PlanAct::Create => {
                let saved = unit::ActiveModel {
                    code: Set(u.code.clone()),
                    name: Set(u.name.clone()),
                    kind: Set(u.kind.to_string()),
                    parent_id: Set(parent),
                    closed_on: Set(u.closed_on),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                unit_id.insert(u.code.clone(), saved.id);
            }
            _ => {
                unit::Entity::update_many()
                    .col_expr(unit::Column::Name, Expr::value(u.name.clone()))
                    .col_expr(unit::Column::Kind, Expr::value(u.kind))
                    .col_expr(unit::Column::ParentId, Expr::value(parent))
                    .col_expr(unit::Column::ClosedOn, Expr::value(u.closed_on))
                    .filter(unit::Column::Code.eq(u.code.clone()))
                    .exec(txn)
                    .await?;
            }
        }
    }

    // Positions and the agencies that use them.
    let mut position_id: HashMap<String, i32> = position::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect();
    for (act, x) in &plan.positions {
        let id = match act {
            PlanAct::Create => {
                let saved = position::ActiveModel {
                    code: Set(x.code.clone()),
                    name: Set(x.name.clone()),
                    kind: Set(x.kind.to_string()),
                    cohort_group: Set(x.cohort_group.clone()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                position_id.insert(x.code.clone(), saved.id);
                saved.id
            }
            _ => {
                let id = position_id[&x.code];
                position::Entity::update_many()
                    .col_expr(position::Column::Name, Expr::value(x.name.clone()))
                    .col_expr(position::Column::Kind, Expr::value(x.kind))
                    .col_expr(
                        position::Column::CohortGroup,
                        Expr::value(x.cohort_group.clone()),
                    )
                    .filter(position::Column::Id.eq(id))
                    .exec(txn)
                    .await?;
                id
            }
        };
        position_agency::Entity::delete_many()
            .filter(position_agency::Column::PositionId.eq(id))
            .exec(txn)
            .await?;
        let rows: Vec<position_agency::ActiveModel> = x
            .agencies
            .iter()
            .filter_map(|a| unit_id.get(a))
            .map(|u| position_agency::ActiveModel {
                position_id: Set(id),
                unit_id: Set(*u),
            })
            .collect();
        if !rows.is_empty() {
            position_agency::Entity::insert_many(rows).exec(txn).await?;
        }
    }

    // Catalogs: a position's first catalog is in force from the first of this month (the
    // province's approved list, loaded); a changed catalog becomes a draft that goes
    // through the usual approval.
    let month_start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    for (act, code, rows) in &plan.catalogs {
        let pid = position_id[code];
        let items: Vec<_> = rows.iter().map(|r| r.item.clone()).collect();
        let latest = job_descriptions::latest_version(txn, pid).await?;
        let version_id = match (act, &latest) {
            (_, Some(open)) if open.status.is_open() => open.id,
            (PlanAct::Create, None) => {
                jdv::ActiveModel {
                    position_id: Set(pid),
                    version_no: Set(1),
                    status: Set(JdStatus::Approved),
                    description: Set(String::new()),
                    author_id: Set(actor.id),
                    approved_by: Set(actor.id),
                    approved_at: Set(Some(now)),
                    decision_no: Set(Some(format!("Nhập từ bảng tính {}", &file_hash[..12]))),
                    effective_from: Set(Some(month_start)),
                    lock_version: Set(0),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?
                .id
            }
            (_, latest) => {
                job_descriptions::insert_draft(txn, actor, pid, latest.as_ref())
                    .await?
                    .id
            }
        };
        job_descriptions::write_catalog(txn, version_id, &items).await?;
    }

    // People.
    let mut activations = Vec::new();
    let mut codes = Vec::new();
    for (act, x) in &plan.people {
        let unit = x.unit.as_ref().and_then(|c| unit_id.get(c).copied());
        let pos = x
            .position
            .as_ref()
            .and_then(|c| position_id.get(c).copied());
        let id = match act {
            PlanAct::Create => {
                let saved = user::ActiveModel {
                    username: Set(x.username.clone()),
                    full_name: Set(x.full_name.clone()),
                    password_hash: Set(None),
                    unit_id: Set(unit),
                    position_id: Set(pos),
                    external_id: Set(x.external_id.clone()),
                    is_active: Set(x.active),
                    must_change_password: Set(false),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                if x.active {
                    let code = new_code();
                    codes.push(activation_code::ActiveModel {
                        user_id: Set(saved.id),
                        code_hash: Set(code_hash(&code)),
                        created_by: Set(actor.id),
                        created_at: Set(now),
                        expires_at: Set(now + Duration::days(ACTIVATION_DAYS)),
                        ..Default::default()
                    });
                    activations.push(Activation {
                        username: x.username.clone(),
                        full_name: x.full_name.clone(),
                        code,
                    });
                }
                saved.id
            }
            _ => {
                let u = user::Entity::find()
                    .filter(user::Column::Username.eq(x.username.clone()))
                    .one(txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                user::Entity::update_many()
                    .col_expr(user::Column::FullName, Expr::value(x.full_name.clone()))
                    .col_expr(user::Column::ExternalId, Expr::value(x.external_id.clone()))
                    .col_expr(user::Column::UnitId, Expr::value(unit))
                    .col_expr(user::Column::PositionId, Expr::value(pos))
                    .col_expr(user::Column::IsActive, Expr::value(x.active))
                    .filter(user::Column::Id.eq(u.id))
                    .exec(txn)
                    .await?;
                if !x.active {
                    crate::ssr::auth::store::end_sessions_of(txn, u.id).await?;
                }
                u.id
            }
        };
        write_grants(txn, id, x, &unit_id).await?;
    }
    for chunk in codes.chunks(500) {
        activation_code::Entity::insert_many(chunk.to_vec())
            .exec(txn)
            .await?;
    }
    for name in &plan.leavers {
        let Some(u) = user::Entity::find()
            .filter(user::Column::Username.eq(name.clone()))
            .one(txn)
            .await?
        else {
            continue;
        };
        user::Entity::update_many()
            .col_expr(user::Column::IsActive, Expr::value(false))
            .filter(user::Column::Id.eq(u.id))
            .exec(txn)
            .await?;
        crate::ssr::auth::store::end_sessions_of(txn, u.id).await?;
    }

    let keys = |act: PlanAct| -> Vec<String> {
        plan.lines
            .iter()
            .filter(|l| l.act == act)
            .map(|l| format!("{:?}:{}", l.sheet, l.key))
            .collect()
    };
    audit::record(
        txn,
        actor,
        Change::new("org.import", "organisation", file_hash).after(&json!({
            "file_sha256": file_hash,
            "create": keys(PlanAct::Create),
            "change": keys(PlanAct::Change),
            "deactivate": keys(PlanAct::Deactivate),
            "activation_codes": activations.len(),
        })),
    )
    .await?;
    Ok(activations)
}

async fn write_grants<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
    x: &PersonRow,
    unit_id: &HashMap<String, i32>,
) -> Result<(), AppError> {
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    let rows: Vec<user_role::ActiveModel> = grants_of(x)
        .into_iter()
        .map(|(role, unit)| user_role::ActiveModel {
            user_id: Set(user_id),
            role: Set(role.code().to_string()),
            unit_id: Set(unit.and_then(|c| unit_id.get(&c).copied())),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        user_role::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_however_it_is_typed() {
        let code = new_code();
        assert_eq!(code.len(), 14);
        assert!(code
            .chars()
            .all(|c| c == '-' || ALPHABET.contains(&(c as u8))));
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(code_hash(&typed), code_hash(&code));
        assert_ne!(code_hash(&new_code()), code_hash(&code));
    }
}
