//! Delegation of review: a head of unit names an acting head (an active user of the same
//! agency) for a date range of at most [`DELEGATION_MAX_DAYS`]. While it runs, the acting
//! head holds a reviewer's grant on the unit (added to the signed-in user's grants on every
//! request by `ssr::auth::load_user`, in the same query as the user), so every permission check
//! honours it and it ends by itself after its last day. Only a head by role (not an acting
//! one) delegates; the delegator or any head of the unit or above revokes. Both are audited.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::authz::{Role, Subject};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::models::{DelegationForm, DelegationView, DELEGATION_MAX_DAYS};
use crate::ssr::entities::{delegation, user};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::org::UnitTree;

/// The longest note, in characters.
const NOTE_MAX: usize = 500;

fn today() -> NaiveDate {
    crate::i18n::vietnam_date(Utc::now())
}

/// A date typed in a form, refused in `field` when it is none.
fn parse_day(field: &str, text: &str) -> Result<NaiveDate, AppError> {
    crate::i18n::parse_date(text).ok_or_else(|| AppError::refused(field, Msg::DeadlineBadDate))
}

/// A head (by role: `delegator`'s own reviewer grant on the unit) delegates the unit's
/// review. Refused: an unknown, inactive or other agency's user, oneself, dates out of order,
/// ending in the past or longer than [`DELEGATION_MAX_DAYS`], a note too long.
#[tracing::instrument(skip_all, fields(unit = %form.unit, actor = %actor.name), err)]
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    delegator: i32,
    unit_id: i32,
    form: &DelegationForm,
) -> Result<delegation::Model, AppError> {
    // No start given: from today.
    let starts_on = match form.starts_on.trim() {
        "" => today(),
        t => parse_day("starts_on", t)?,
    };
    let ends_on = parse_day("ends_on", &form.ends_on)?;
    if ends_on < starts_on
        || ends_on < today()
        || (ends_on - starts_on).num_days() >= DELEGATION_MAX_DAYS
    {
        return Err(AppError::refused("ends_on", Msg::DelegationDates));
    }
    let note = form.note.trim();
    if note.chars().count() > NOTE_MAX {
        return Err(AppError::notice(
            "note",
            crate::i18n::Notice::TextTooLong {
                limit: NOTE_MAX as u32,
            },
        ));
    }
    let txn = db.begin().await?;
    let heads = crate::ssr::auth::grants_of(&txn, delegator)
        .await?
        .into_iter()
        .any(|g| g.role == Role::Reviewer && g.unit_id == Some(unit_id));
    if !heads {
        return Err(AppError::refused("unit", Msg::DelegationOnlyHead));
    }
    let tree = UnitTree::load(&txn).await?;
    let agency = tree.agency_of(unit_id).ok_or(AppError::NotFound)?.id;
    let delegate = user::Entity::find()
        .filter(user::Column::Username.eq(form.username.trim()))
        .filter(user::Column::IsActive.eq(true))
        .one(&txn)
        .await?
        .filter(|u| u.unit_id.is_some_and(|x| tree.is_within(x, agency)))
        .ok_or(AppError::refused("username", Msg::DelegationUnknownUser))?;
    if delegate.id == delegator {
        return Err(AppError::refused("username", Msg::DelegationSelf));
    }
    let saved = delegation::ActiveModel {
        unit_id: Set(unit_id),
        delegator_id: Set(delegator),
        delegate_id: Set(delegate.id),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        note: Set((!note.is_empty()).then(|| note.to_string())),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
        revoked_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("delegation.create", "unit", unit_id).after(&json!({
            "delegation": saved.id, "delegate": delegate.username,
            "starts_on": starts_on, "ends_on": ends_on, "note": saved.note,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Revokes delegation `id` of unit `unit_id` (the caller was checked to review the unit).
/// Revoking twice is refused.
#[tracing::instrument(skip_all, fields(id, actor = %actor.name), err)]
pub async fn revoke<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let d = delegation::Entity::find_by_id(id)
        .filter(delegation::Column::UnitId.eq(unit_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let res = delegation::Entity::update_many()
        .col_expr(delegation::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(delegation::Column::RevokedBy, Expr::value(actor.id))
        .filter(delegation::Column::Id.eq(id))
        .filter(delegation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::refused("id", Msg::DelegationRevoked));
    }
    audit::record(
        &txn,
        actor,
        Change::new("delegation.revoke", "unit", unit_id)
            .before(&json!({"delegation": d.id, "delegate_id": d.delegate_id,
                            "starts_on": d.starts_on, "ends_on": d.ends_on})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The delegations of the unit that are running, to come, or ended in the last 90 days,
/// newest first, as `viewer` sees them.
pub async fn of_unit<C: ConnectionTrait>(
    db: &C,
    viewer: &Subject,
    unit_id: i32,
) -> Result<Vec<DelegationView>, AppError> {
    let day = today();
    let rows = delegation::Entity::find()
        .filter(delegation::Column::UnitId.eq(unit_id))
        .filter(delegation::Column::EndsOn.gte(day - chrono::Duration::days(90)))
        .order_by_desc(delegation::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows
        .iter()
        .flat_map(|d| [d.delegator_id, d.delegate_id])
        .collect();
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let name = |id: i32| {
        users
            .get(&id)
            .map(|u| u.full_name.clone())
            .unwrap_or_default()
    };
    Ok(rows
        .into_iter()
        .map(|d| DelegationView {
            id: d.id,
            delegator: name(d.delegator_id),
            delegate: name(d.delegate_id),
            delegate_username: users
                .get(&d.delegate_id)
                .map(|u| u.username.clone())
                .unwrap_or_default(),
            starts_on: d.starts_on,
            ends_on: d.ends_on,
            note: d.note.clone(),
            running: d.revoked_at.is_none() && d.starts_on <= day && day <= d.ends_on,
            revoked: d.revoked_at.is_some(),
            // The acting head never revokes their own delegation.
            can_revoke: d.revoked_at.is_none() && viewer.user_id != d.delegate_id,
        })
        .collect())
}
