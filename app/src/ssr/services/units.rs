//! The organisation tree as administrators change it: create a unit, rename it, move it
//! under another parent, close it from a date and reopen it, name and remove its heads. Each
//! change is one transaction with its audit event; a refusal is a 4xx with its reason.
//!
//! Invariants: a code never changes; an agency sits under the province, a department under
//! an agency or a department; the province is neither moved nor closed; no unit is its own
//! ancestor; nothing new (a person, a head, a sub-unit) goes into a closed unit; a unit closes
//! only once nobody works in it and its sub-units are closed.
//!
//! Concurrency: units have no lock column. Every change that depends on the tree's shape
//! first takes [`lock_tree`], then reads and checks the tree inside its transaction, so two
//! racing moves (or a move and a close) run one after the other and the second is checked
//! against the first's result: the tree stays a tree. The organisation import
//! (`onboarding::apply`) takes the same lock.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set, SqlErr, TransactionSession, TransactionTrait,
};
use serde_json::json;
use std::collections::{HashMap, HashSet};

use crate::authz::Role;
use crate::error::AppError;
use crate::i18n::{vietnam_date, Msg, Notice};
use crate::models::{Choice, OrgCode, UnitHead, UnitInput, UnitKind, UnitNode};
use crate::ssr::entities::{unit, user, user_role};
use crate::ssr::services::accounts;
use crate::ssr::services::audit::{self, Actor, Change};

/// Serializes the changes of the tree: a write that changes nothing on the root unit(s).
/// On PostgreSQL it holds their row lock until the transaction ends, so a second change
/// waits and then reads the first's result (each statement of a READ COMMITTED transaction
/// sees what committed before it); on SQLite it takes the single write lock before anything
/// is read, so no read can be overtaken by another writer's commit.
pub async fn lock_tree<C: ConnectionTrait>(txn: &C) -> Result<(), AppError> {
    unit::Entity::update_many()
        .col_expr(unit::Column::Name, Expr::col(unit::Column::Name))
        .filter(unit::Column::ParentId.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

/// Today in Vietnam: a unit closed on or before it takes no one new.
fn today() -> NaiveDate {
    vietnam_date(Utc::now())
}

/// Refuses to put anything new (a person, a head, a sub-unit) into `u` once it is closed.
pub fn refuse_if_closed(u: &unit::Model, field: &str) -> Result<(), AppError> {
    match u.closed_on {
        Some(day) if day <= today() => Err(AppError::notice(
            field,
            Notice::UnitClosed {
                code: u.code.clone(),
                closed_on: day,
            },
        )),
        _ => Ok(()),
    }
}

fn kind_of(u: &unit::Model) -> Result<UnitKind, AppError> {
    UnitKind::parse(&u.kind)
        .ok_or_else(|| AppError::internal("units", format!("unit {} has kind {:?}", u.id, u.kind)))
}

fn check_name(text: &str) -> Result<String, AppError> {
    let name = text.trim();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(AppError::refused("name", Msg::UnitsNameRequired));
    }
    Ok(name.to_string())
}

fn parse_id(field: &str, text: &str) -> Result<i32, AppError> {
    text.trim()
        .parse()
        .map_err(|_| AppError::refused(field, Msg::UnitsUnknownParent))
}

async fn load<C: ConnectionTrait>(db: &C, id: i32) -> Result<unit::Model, AppError> {
    unit::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

fn snapshot(u: &unit::Model) -> serde_json::Value {
    json!({
        "code": u.code, "name": u.name, "kind": u.kind,
        "parent_id": u.parent_id, "closed_on": u.closed_on,
    })
}

/// The whole tree, depth first (children by code), with each unit's heads and the number
/// of active people whose unit it is.
pub async fn tree<C: ConnectionTrait>(db: &C) -> Result<Vec<UnitNode>, AppError> {
    let units = unit::Entity::find().all(db).await?;
    let members: HashMap<i32, u64> = user::Entity::find()
        .select_only()
        .column(user::Column::UnitId)
        .column_as(user::Column::Id.count(), "n")
        .filter(user::Column::UnitId.is_not_null())
        .filter(user::Column::IsActive.eq(true))
        .group_by(user::Column::UnitId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(u, n)| (u, n.max(0) as u64))
        .collect();
    let head_roles = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(Role::Reviewer.code()))
        .filter(user_role::Column::UnitId.is_not_null())
        .all(db)
        .await?;
    let people: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(head_roles.iter().map(|r| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut heads: HashMap<i32, Vec<UnitHead>> = HashMap::new();
    for r in head_roles {
        if let (Some(unit_id), Some(u)) = (r.unit_id, people.get(&r.user_id)) {
            let list = heads.entry(unit_id).or_default();
            if !list.iter().any(|h| h.user_id == u.id) {
                list.push(UnitHead {
                    user_id: u.id,
                    username: u.username.clone(),
                    full_name: u.full_name.clone(),
                    is_active: u.is_active,
                });
            }
        }
    }
    let ids: HashSet<i32> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<i32>, Vec<&unit::Model>> = HashMap::new();
    for u in &units {
        // A parent that does not exist would hide its subtree: show it as a root instead.
        let parent = u.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.code.cmp(&b.code));
    }
    let mut out = Vec::with_capacity(units.len());
    let mut stack: Vec<(&unit::Model, u32)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|u| (*u, 0)).collect())
        .unwrap_or_default();
    while let Some((u, depth)) = stack.pop() {
        if let Some(kids) = children.get(&Some(u.id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
        let mut unit_heads = heads.remove(&u.id).unwrap_or_default();
        unit_heads.sort_by(|a, b| a.username.cmp(&b.username));
        out.push(UnitNode {
            id: u.id,
            code: u.code.clone(),
            name: u.name.clone(),
            kind: kind_of(u)?,
            parent_id: u.parent_id,
            depth,
            heads: unit_heads,
            members: members.get(&u.id).copied().unwrap_or(0),
            closed_on: u.closed_on,
        });
    }
    Ok(out)
}

/// The people offered as heads of unit `id`: the active users of its agency (the province's
/// own people for the province).
pub async fn head_candidates<C: ConnectionTrait>(db: &C, id: i32) -> Result<Vec<Choice>, AppError> {
    let tree = super::org::UnitTree::load(db).await?;
    let u = tree.get(id).ok_or(AppError::NotFound)?;
    let within = tree.agency_of(u.id).map_or(u.id, |a| a.id);
    let units: Vec<i32> = tree
        .all()
        .filter(|x| tree.is_within(x.id, within))
        .map(|x| x.id)
        .collect();
    accounts::active_users_in(db, &units).await
}

/// Creates an agency or a department under an open parent of the right kind.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &UnitInput,
) -> Result<i32, AppError> {
    use sea_orm::sea_query::ExprTrait;
    let code = OrgCode::parse(&input.code)
        .ok_or_else(|| AppError::refused("code", Msg::UnitsCodeInvalid))?;
    let name = check_name(&input.name)?;
    let kind = UnitKind::parse(&input.kind)
        .filter(|k| *k != UnitKind::Province)
        .ok_or_else(|| AppError::refused("kind", Msg::UnitsKindInvalid))?;
    let parent_id = parse_id("parent_id", &input.parent_id)?;
    let txn = db.begin().await?;
    lock_tree(&txn).await?;
    let parent = unit::Entity::find_by_id(parent_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::refused("parent_id", Msg::UnitsUnknownParent))?;
    if !kind.fits_under(kind_of(&parent)?) {
        return Err(AppError::refused("parent_id", Msg::UnitsParentKindWrong));
    }
    refuse_if_closed(&parent, "parent_id")?;
    // Codes are compared without case: "SNV" and "snv" would be read as one unit.
    let taken = unit::Entity::find()
        .filter(
            Expr::expr(Func::lower(Expr::col(unit::Column::Code))).eq(code.as_str().to_lowercase()),
        )
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(code_taken(&code));
    }
    let saved = unit::ActiveModel {
        code: Set(code.as_str().to_string()),
        name: Set(name),
        kind: Set(kind.as_str().to_string()),
        parent_id: Set(Some(parent.id)),
        created_at: Set(Utc::now()),
        closed_on: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => code_taken(&code),
        _ => e.into(),
    })?;
    audit::record(
        &txn,
        actor,
        Change::new("unit.create", "unit", saved.id).after(&snapshot(&saved)),
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

fn code_taken(code: &OrgCode) -> AppError {
    AppError::notice(
        "code",
        Notice::UnitCodeTaken {
            code: code.as_str().to_string(),
        },
    )
}

/// Renames a unit (its code stays).
pub async fn rename<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    name: &str,
) -> Result<(), AppError> {
    let name = check_name(name)?;
    let txn = db.begin().await?;
    let before = load(&txn, id).await?;
    if before.name == name {
        return Ok(());
    }
    let changed = unit::Entity::update_many()
        .col_expr(unit::Column::Name, Expr::value(name.clone()))
        .filter(unit::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        actor,
        Change::new("unit.rename", "unit", id)
            .before(&json!({ "code": before.code, "name": before.name }))
            .after(&json!({ "code": before.code, "name": name })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a unit (with its sub-units) under another parent of the right kind. Refused for
/// the province, and when the new parent is the unit itself or below it.
pub async fn move_to<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    parent_id: &str,
) -> Result<(), AppError> {
    let parent_id = parse_id("parent_id", parent_id)?;
    let txn = db.begin().await?;
    lock_tree(&txn).await?;
    // Read after the lock: the shape every check below sees is the committed one.
    let tree = super::org::UnitTree::load(&txn).await?;
    let u = tree.get(id).cloned().ok_or(AppError::NotFound)?;
    let kind = kind_of(&u)?;
    if kind == UnitKind::Province {
        return Err(AppError::refused("parent_id", Msg::UnitsProvinceFixed));
    }
    let parent = tree
        .get(parent_id)
        .cloned()
        .ok_or_else(|| AppError::refused("parent_id", Msg::UnitsUnknownParent))?;
    if tree.is_within(parent.id, u.id) {
        return Err(AppError::refused("parent_id", Msg::UnitsMoveCycle));
    }
    if u.parent_id == Some(parent.id) {
        return Ok(());
    }
    if !kind.fits_under(kind_of(&parent)?) {
        return Err(AppError::refused("parent_id", Msg::UnitsParentKindWrong));
    }
    if u.closed_on.is_none_or(|d| d > today()) {
        refuse_if_closed(&parent, "parent_id")?;
    }
    // Conditional on the parent read above, as a second guard besides the lock.
    let moved = unit::Entity::update_many()
        .col_expr(unit::Column::ParentId, Expr::value(parent.id))
        .filter(unit::Column::Id.eq(id))
        .filter(match u.parent_id {
            Some(p) => unit::Column::ParentId.eq(p),
            None => unit::Column::ParentId.is_null(),
        })
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    audit::record(
        &txn,
        actor,
        Change::new("unit.move", "unit", id)
            .before(&json!({ "code": u.code, "parent_id": u.parent_id }))
            .after(&json!({ "code": u.code, "parent_id": parent.id })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Closes a unit from `on`: refused while active people work in it or sub-units stay open
/// (the message counts both), for the province, and for a unit already closed.
pub async fn close<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    on: NaiveDate,
) -> Result<(), AppError> {
    use sea_orm::sea_query::ExprTrait;
    let txn = db.begin().await?;
    lock_tree(&txn).await?;
    let u = load(&txn, id).await?;
    if kind_of(&u)? == UnitKind::Province {
        return Err(AppError::refused("closed_on", Msg::UnitsProvinceFixed));
    }
    if u.closed_on.is_some() {
        return Err(AppError::refused("closed_on", Msg::UnitsAlreadyClosed));
    }
    let members = user::Entity::find()
        .filter(user::Column::UnitId.eq(id))
        .filter(user::Column::IsActive.eq(true))
        .count(&txn)
        .await?;
    // A sub-unit closing later than this one is still open on `on`.
    let open_units = unit::Entity::find()
        .filter(unit::Column::ParentId.eq(id))
        .filter(
            unit::Column::ClosedOn
                .is_null()
                .or(unit::Column::ClosedOn.gt(on)),
        )
        .count(&txn)
        .await?;
    if members > 0 || open_units > 0 {
        return Err(AppError::notice(
            "closed_on",
            Notice::UnitStillInUse {
                members: u32::try_from(members).unwrap_or(u32::MAX),
                open_units: u32::try_from(open_units).unwrap_or(u32::MAX),
            },
        ));
    }
    let closed = unit::Entity::update_many()
        .col_expr(unit::Column::ClosedOn, Expr::value(on))
        .filter(unit::Column::Id.eq(id))
        .filter(unit::Column::ClosedOn.is_null())
        .exec(&txn)
        .await?;
    if closed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    audit::record(
        &txn,
        actor,
        Change::new("unit.close", "unit", id)
            .before(&json!({ "code": u.code, "closed_on": null }))
            .after(&json!({ "code": u.code, "closed_on": on })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Opens a closed unit again; refused while its parent is closed.
pub async fn reopen<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock_tree(&txn).await?;
    let u = load(&txn, id).await?;
    let Some(was) = u.closed_on else {
        return Err(AppError::refused("closed_on", Msg::UnitsNotClosed));
    };
    if let Some(p) = u.parent_id {
        if load(&txn, p).await?.closed_on.is_some() {
            return Err(AppError::refused("closed_on", Msg::UnitsParentClosed));
        }
    }
    unit::Entity::update_many()
        .col_expr(
            unit::Column::ClosedOn,
            Expr::value(Option::<NaiveDate>::None),
        )
        .filter(unit::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        Change::new("unit.reopen", "unit", id)
            .before(&json!({ "code": u.code, "closed_on": was }))
            .after(&json!({ "code": u.code, "closed_on": null })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Makes the active user `username` a head of an open unit (a reviewer role naming it).
pub async fn add_head<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    username: &str,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock_tree(&txn).await?;
    let u = load(&txn, unit_id).await?;
    refuse_if_closed(&u, "username")?;
    let person = accounts::active_user_by_username(&txn, username)
        .await?
        .ok_or_else(|| AppError::refused("username", Msg::UnitsHeadUnknownUser))?;
    let already = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(person.id))
        .filter(user_role::Column::Role.eq(Role::Reviewer.code()))
        .filter(user_role::Column::UnitId.eq(unit_id))
        .count(&txn)
        .await?;
    if already > 0 {
        return Err(AppError::refused("username", Msg::UnitsHeadAlready));
    }
    user_role::ActiveModel {
        user_id: Set(person.id),
        role: Set(Role::Reviewer.code().to_string()),
        unit_id: Set(Some(unit_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("unit.add_head", "unit", unit_id).after(&json!({
            "code": u.code, "user_id": person.id, "username": person.username,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes the head role of `unit_id` from `user_id` (their other roles stay).
pub async fn remove_head<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    user_id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let u = load(&txn, unit_id).await?;
    let removed = user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(Role::Reviewer.code()))
        .filter(user_role::Column::UnitId.eq(unit_id))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        actor,
        Change::new("unit.remove_head", "unit", unit_id)
            .before(&json!({ "code": u.code, "user_id": user_id })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
