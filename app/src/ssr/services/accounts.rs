//! Accounts: signing in (throttled, audited), changing a password, and the administration
//! of users, their roles, units and positions.
//!
//! Authorization happens before these are called (in the server functions, through
//! `authz::decide`); what is checked here are the invariants of the data: a user name is
//! unique and well-formed, a reviewer's role names the unit they head, at least one active
//! administrator always remains, nobody is put into a closed unit.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

use crate::authz::{Grant, Role};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::models::{
    Choice, PasswordResetOutcome, PendingReset, UserDetail, UserFormOptions, UserInput, UserPage,
    UserSummary,
};
use crate::ssr::auth::{password, store::end_sessions_of, throttle};
use crate::ssr::entities::{
    password_reset_request as reset_request, position, unit, user, user_role,
};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::units;

/// Signs in: checks the throttle, the password (against a decoy hash when the account does
/// not exist, so both cost the same) and that the account is active. Every outcome goes to
/// the audit trail; the caller sees one generic message whatever went wrong.
pub async fn sign_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    username: &str,
    secret: &str,
    client: &str,
) -> Result<user::Model, AppError> {
    let key = throttle::username_key(username);
    if key.is_empty() || secret.is_empty() {
        return Err(AppError::refused("password", Msg::SignInFailed));
    }
    let Some(attempt) = throttle::reserve(db, &key, client).await? else {
        let txn = db.begin().await?;
        audit_sign_in(&txn, None, &key, client, "auth.sign_in_throttled").await?;
        txn.commit().await?;
        return Err(AppError::refused("password", Msg::SignInThrottled));
    };
    let found = user::Entity::find()
        .filter(user::Column::Username.eq(key.as_str()))
        .one(db)
        .await?;
    let hash = match found.as_ref().and_then(|u| u.password_hash.as_deref()) {
        Some(h) => h.to_string(),
        None => password::decoy_hash().await.to_string(),
    };
    let matches = password::verify(secret, &hash).await?;
    match found {
        Some(u) if matches && u.is_active && u.password_hash.is_some() => {
            let txn = db.begin().await?;
            throttle::succeeded(&txn, attempt, &key).await?;
            audit_sign_in(&txn, Some(&u), &key, client, "auth.sign_in").await?;
            txn.commit().await?;
            Ok(u)
        }
        found => {
            let reason = match &found {
                None => "unknown_account",
                Some(u) if !u.is_active => "inactive_account",
                Some(_) => "wrong_password",
            };
            let txn = db.begin().await?;
            throttle::failed(&txn, attempt).await?;
            audit::record(
                &txn,
                &Actor::system("sign-in"),
                Change::new(
                    "auth.sign_in_failed",
                    "user",
                    found
                        .as_ref()
                        .map_or_else(String::new, |u| u.id.to_string()),
                )
                .after(&json!({ "username": key, "client": client, "reason": reason })),
            )
            .await?;
            txn.commit().await?;
            Err(AppError::refused("password", Msg::SignInFailed))
        }
    }
}

async fn audit_sign_in<C: ConnectionTrait>(
    db: &C,
    user: Option<&user::Model>,
    key: &str,
    client: &str,
    action: &str,
) -> Result<(), AppError> {
    let actor = match user {
        Some(u) => Actor::user(u.id, u.username.clone()),
        None => Actor::system("sign-in"),
    };
    audit::record(
        db,
        &actor,
        Change::new(
            action,
            "user",
            user.map_or_else(String::new, |u| u.id.to_string()),
        )
        .after(&json!({ "username": key, "client": client })),
    )
    .await?;
    Ok(())
}

/// Records a sign-out.
pub async fn sign_out<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    audit::record(
        &txn,
        actor,
        Change::new(
            "auth.sign_out",
            "user",
            actor.id.map_or_else(String::new, |i| i.to_string()),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The user changes their own password: the current one must match, the new one must pass
/// the policy and differ. Ends the user's other sessions.
pub async fn change_password<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: i32,
    client: &str,
    current: &str,
    new: &str,
    confirm: &str,
) -> Result<(), AppError> {
    let u = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Guesses of the current password count against the account like sign-in failures.
    let key = throttle::username_key(&u.username);
    let Some(attempt) = throttle::reserve(db, &key, client).await? else {
        return Err(AppError::refused("current", Msg::SignInThrottled));
    };
    let stored = u.password_hash.clone().unwrap_or_default();
    if !password::verify(current, &stored).await? {
        throttle::failed(db, attempt).await?;
        audit::record(
            db,
            &Actor::user(u.id, u.username.clone()),
            Change::new("auth.change_password_failed", "user", u.id)
                .after(&json!({ "client": client })),
        )
        .await?;
        return Err(AppError::refused("current", Msg::PasswordCurrentWrong));
    }
    throttle::succeeded(db, attempt, &key).await?;
    if new != confirm {
        return Err(AppError::refused("confirm", Msg::PasswordMismatch));
    }
    if new == current {
        return Err(AppError::refused("new", Msg::PasswordUnchanged));
    }
    password::check_policy(&u.username, new, "new")?;
    let hash = password::hash(new).await?;
    let txn = db.begin().await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::MustChangePassword, Expr::value(false))
        .col_expr(user::Column::PasswordChangedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    end_sessions_of(&txn, user_id).await?;
    audit::record(
        &txn,
        &Actor::user(u.id, u.username.clone()),
        Change::new("auth.change_password", "user", u.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// How many active users hold the admin role.
pub async fn active_admins<C: ConnectionTrait>(db: &C) -> Result<u64, AppError> {
    Ok(user::Entity::find()
        .filter(active_holding(Role::Admin))
        .count(db)
        .await?)
}

/// Whether an active administrator exists, remembered once it is so: the application never
/// removes the last one (every change of roles or deactivation checks it), so the sign-in
/// page's hint on creating the first administrator, which asks this on every visit, asks the
/// database only until one exists.
#[derive(Clone, Debug, Default)]
pub struct AdminSeen(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl AdminSeen {
    pub async fn exists<C: ConnectionTrait>(&self, db: &C) -> Result<bool, AppError> {
        use std::sync::atomic::Ordering;
        if self.0.load(Ordering::Relaxed) {
            return Ok(true);
        }
        let found = any_active_admin(db).await?;
        if found {
            self.0.store(true, Ordering::Relaxed);
        }
        Ok(found)
    }
}

/// Whether an active administrator exists, in one query.
pub async fn any_active_admin<C: ConnectionTrait>(db: &C) -> Result<bool, AppError> {
    let one: Option<i32> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(active_holding(Role::Admin))
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(one.is_some())
}

/// The active users who hold `role` (on any unit): a filter on `users`.
pub fn active_holding(role: Role) -> sea_orm::Condition {
    use sea_orm::sea_query::Query;
    sea_orm::Condition::all()
        .add(user::Column::IsActive.eq(true))
        .add(
            user::Column::Id.in_subquery(
                Query::select()
                    .column(user_role::Column::UserId)
                    .from(user_role::Entity)
                    .and_where(user_role::Column::Role.eq(role.code()))
                    .to_owned(),
            ),
        )
}

pub const PER_PAGE: u64 = 25;

/// One page of users whose user name or full name contains `query` (case-insensitive).
pub async fn list_users<C: ConnectionTrait>(
    db: &C,
    query: &str,
    page: u64,
) -> Result<UserPage, AppError> {
    let q = query.trim().to_lowercase();
    let mut select = user::Entity::find().order_by_asc(user::Column::Username);
    if !q.is_empty() {
        let pattern = format!("%{}%", q.replace(['%', '_'], ""));
        select = select.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(user::Column::Username))).like(&pattern))
                .add(Expr::expr(Func::lower(Expr::col(user::Column::FullName))).like(&pattern)),
        );
    }
    let paginator = select.paginate(db, PER_PAGE);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page).await?;
    let ids: Vec<i32> = rows.iter().map(|u| u.id).collect();
    let mut roles: HashMap<i32, Vec<String>> = HashMap::new();
    for r in user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids))
        .order_by_asc(user_role::Column::Id)
        .all(db)
        .await?
    {
        let list = roles.entry(r.user_id).or_default();
        if !list.contains(&r.role) {
            list.push(r.role);
        }
    }
    let units = names(unit::Entity::find().all(db).await?, |u| (u.id, u.name));
    let positions = names(position::Entity::find().all(db).await?, |p| (p.id, p.code));
    Ok(UserPage {
        users: rows
            .into_iter()
            .map(|u| UserSummary {
                id: u.id,
                unit_name: u.unit_id.and_then(|i| units.get(&i).cloned()),
                position_code: u.position_id.and_then(|i| positions.get(&i).cloned()),
                roles: roles.remove(&u.id).unwrap_or_default(),
                username: u.username,
                full_name: u.full_name,
                is_active: u.is_active,
                must_change_password: u.must_change_password,
            })
            .collect(),
        total,
        page,
        per_page: PER_PAGE,
    })
}

fn names<T>(rows: Vec<T>, f: impl Fn(T) -> (i32, String)) -> HashMap<i32, String> {
    rows.into_iter().map(f).collect()
}

pub async fn user_detail<C: ConnectionTrait>(db: &C, id: i32) -> Result<UserDetail, AppError> {
    let u = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(UserDetail {
        grants: grants_of(db, id).await?,
        id: u.id,
        username: u.username,
        full_name: u.full_name,
        unit_id: u.unit_id,
        position_id: u.position_id,
        is_active: u.is_active,
        must_change_password: u.must_change_password,
        pending_reset: pending_reset(db, id).await?,
    })
}

async fn grants_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Vec<Grant>, AppError> {
    Ok(crate::ssr::auth::grants_of(db, user_id).await?)
}

/// The units and positions the user form offers.
pub async fn form_options<C: ConnectionTrait>(db: &C) -> Result<UserFormOptions, AppError> {
    Ok(UserFormOptions {
        units: unit::Entity::find()
            .order_by_asc(unit::Column::Code)
            .all(db)
            .await?
            .into_iter()
            .map(|u| Choice {
                id: u.id,
                code: u.code,
                name: u.name,
            })
            .collect(),
        positions: position::Entity::find()
            .order_by_asc(position::Column::Code)
            .all(db)
            .await?
            .into_iter()
            .map(|p| Choice {
                id: p.id,
                code: p.code,
                name: p.name,
            })
            .collect(),
    })
}

/// The user form, checked: ids exist, roles are known, a reviewer heads at least one unit.
struct Checked {
    full_name: String,
    unit_id: Option<i32>,
    position_id: Option<i32>,
    grants: Vec<Grant>,
}

fn parse_id(field: &str, text: &str) -> Result<Option<i32>, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| AppError::refused(field, Msg::UserUnknownChoice))
}

async fn check_input<C: ConnectionTrait>(db: &C, input: &UserInput) -> Result<Checked, AppError> {
    let full_name = input.full_name.trim().to_string();
    if full_name.is_empty() || full_name.chars().count() > 255 {
        return Err(AppError::refused("full_name", Msg::UserFullNameRequired));
    }
    let unit_id = parse_id("unit_id", &input.unit_id)?;
    if let Some(id) = unit_id {
        unit::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or_else(|| AppError::refused("unit_id", Msg::UserUnknownChoice))?;
    }
    let position_id = parse_id("position_id", &input.position_id)?;
    if let Some(id) = position_id {
        position::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or_else(|| AppError::refused("position_id", Msg::UserUnknownChoice))?;
    }
    let mut grants = Vec::new();
    for code in &input.roles {
        let role = Role::parse(code.trim())
            .ok_or_else(|| AppError::refused("roles", Msg::UserUnknownChoice))?;
        if role.takes_unit_scope() || grants.iter().any(|g: &Grant| g.role == role) {
            continue;
        }
        grants.push(Grant {
            role,
            unit_id: None,
        });
    }
    if input
        .roles
        .iter()
        .any(|r| r.trim() == Role::Reviewer.code())
    {
        let mut units = Vec::new();
        for text in &input.reviewer_units {
            if let Some(id) = parse_id("reviewer_units", text)? {
                unit::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or_else(|| AppError::refused("reviewer_units", Msg::UserUnknownChoice))?;
                if !units.contains(&id) {
                    units.push(id);
                }
            }
        }
        if units.is_empty() {
            return Err(AppError::refused(
                "reviewer_units",
                Msg::UserReviewerNeedsUnit,
            ));
        }
        grants.extend(units.into_iter().map(|u| Grant {
            role: Role::Reviewer,
            unit_id: Some(u),
        }));
    }
    if grants.is_empty() {
        return Err(AppError::refused("roles", Msg::UserRoleRequired));
    }
    if grants.iter().any(|g| g.role == Role::Officer)
        && (unit_id.is_none() || position_id.is_none())
    {
        return Err(AppError::refused(
            "position_id",
            Msg::UserOfficerNeedsPosition,
        ));
    }
    Ok(Checked {
        full_name,
        unit_id,
        position_id,
        grants,
    })
}

/// The full names of users `ids` (the unknown ones left out).
pub async fn full_names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    let ids: std::collections::BTreeSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::FullName)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The active users whose unit is one of `units`, by user name (the user name as the
/// choice's code, the full name as its name): the people offered as heads of a unit.
pub async fn active_users_in<C: ConnectionTrait>(
    db: &C,
    units: &[i32],
) -> Result<Vec<Choice>, AppError> {
    if units.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::UnitId.is_in(units.iter().copied()))
        .filter(user::Column::IsActive.eq(true))
        .order_by_asc(user::Column::Username)
        .all(db)
        .await?
        .into_iter()
        .map(|u| Choice {
            id: u.id,
            code: u.username,
            name: u.full_name,
        })
        .collect())
}

/// The active user with this user name (case and surrounding spaces ignored), if any.
pub async fn active_user_by_username<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<user::Model>, AppError> {
    let key = username.trim().to_lowercase();
    if key.is_empty() {
        return Ok(None);
    }
    Ok(user::Entity::find()
        .filter(user::Column::Username.eq(key))
        .filter(user::Column::IsActive.eq(true))
        .one(db)
        .await?)
}

/// Refuses to put a user into a unit closed on or before today (a user who already sits
/// there, `current`, may stay). Takes the tree's lock first, so a unit cannot close between
/// this check and the commit.
async fn refuse_closed_unit<C: ConnectionTrait>(
    txn: &C,
    unit_id: Option<i32>,
    current: Option<i32>,
) -> Result<(), AppError> {
    let Some(id) = unit_id.filter(|id| Some(*id) != current) else {
        return Ok(());
    };
    units::lock_tree(txn).await?;
    let u = unit::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::refused("unit_id", Msg::UserUnknownChoice))?;
    units::refuse_if_closed(&u, "unit_id")
}

/// A user name: 3 to 64 characters of a-z, 0-9, dot, dash or underscore.
pub fn check_username(username: &str) -> Result<String, AppError> {
    let u = username.trim().to_lowercase();
    let ok = (3..=64).contains(&u.len())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(u)
    } else {
        Err(AppError::refused("username", Msg::UserUsernameInvalid))
    }
}

async fn write_grants<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    grants: &[Grant],
) -> Result<(), AppError> {
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    for g in grants {
        user_role::ActiveModel {
            user_id: Set(user_id),
            role: Set(g.role.code().to_string()),
            unit_id: Set(g.unit_id),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

fn snapshot(u: &user::Model, grants: &[Grant]) -> serde_json::Value {
    json!({
        "username": u.username, "full_name": u.full_name, "unit_id": u.unit_id,
        "position_id": u.position_id, "is_active": u.is_active,
        "must_change_password": u.must_change_password,
        "roles": grants.iter().map(|g| json!({"role": g.role.code(), "unit_id": g.unit_id})).collect::<Vec<_>>(),
    })
}

/// Creates a user with an initial password they must change at first sign-in.
pub async fn create_user<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &UserInput,
) -> Result<UserDetail, AppError> {
    let username = check_username(&input.username)?;
    let checked = check_input(db, input).await?;
    password::check_policy(&username, &input.password, "password")?;
    create_checked(db, actor, &username, checked, &input.password, true).await
}

async fn create_checked<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    username: &str,
    checked: Checked,
    secret: &str,
    must_change_password: bool,
) -> Result<UserDetail, AppError> {
    let hash = password::hash(secret).await?;
    let txn = db.begin().await?;
    refuse_closed_unit(&txn, checked.unit_id, None).await?;
    let taken = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::refused("username", Msg::UserUsernameTaken));
    }
    let u = user::ActiveModel {
        username: Set(username.to_string()),
        full_name: Set(checked.full_name),
        password_hash: Set(Some(hash)),
        unit_id: Set(checked.unit_id),
        position_id: Set(checked.position_id),
        is_active: Set(true),
        must_change_password: Set(must_change_password),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_grants(&txn, u.id, &checked.grants).await?;
    audit::record(
        &txn,
        actor,
        Change::new("user.create", "user", u.id).after(&snapshot(&u, &checked.grants)),
    )
    .await?;
    txn.commit().await?;
    user_detail(db, u.id).await
}

/// The first administrator, from the command line (`rubric create-admin`).
pub async fn create_admin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    username: &str,
    full_name: &str,
    secret: &str,
) -> Result<UserDetail, AppError> {
    let username = check_username(username)?;
    password::check_policy(&username, secret, "password")?;
    let input = UserInput {
        full_name: full_name.to_string(),
        roles: vec![Role::Admin.code().to_string()],
        ..Default::default()
    };
    let checked = check_input(db, &input).await?;
    create_checked(db, &Actor::system("cli"), &username, checked, secret, false).await
}

/// Changes a user's name, unit, position and roles (not their user name or password).
pub async fn update_user<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    input: &UserInput,
) -> Result<UserDetail, AppError> {
    let checked = check_input(db, input).await?;
    let txn = db.begin().await?;
    let before = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    refuse_closed_unit(&txn, checked.unit_id, before.unit_id).await?;
    let before_grants = grants_of(&txn, id).await?;
    // The committee approves what administrators configure: nobody joins it on their own.
    let committee = |g: &[Grant]| g.iter().any(|g| g.role == Role::Committee);
    if actor.id == Some(id) && committee(&checked.grants) && !committee(&before_grants) {
        return Err(AppError::refused("roles", Msg::SodNoSelfGrant));
    }
    let mut am: user::ActiveModel = before.clone().into();
    am.full_name = Set(checked.full_name);
    am.unit_id = Set(checked.unit_id);
    am.position_id = Set(checked.position_id);
    let after = am.update(&txn).await?;
    write_grants(&txn, id, &checked.grants).await?;
    keep_an_admin(&txn).await?;
    audit::record(
        &txn,
        actor,
        Change::new("user.update", "user", id)
            .before(&snapshot(&before, &before_grants))
            .after(&snapshot(&after, &checked.grants)),
    )
    .await?;
    txn.commit().await?;
    user_detail(db, id).await
}

async fn keep_an_admin<C: ConnectionTrait>(db: &C) -> Result<(), AppError> {
    if !any_active_admin(db).await? {
        return Err(AppError::refused("roles", Msg::UserLastAdmin));
    }
    Ok(())
}

/// How long a reset waits for the second administrator.
const RESET_WAIT_HOURS: i64 = 24;

/// Whether resetting this user's password takes two administrators: the accounts that
/// configure, approve or oversee (administrators, the committee, auditors).
fn needs_two_admins(grants: &[Grant]) -> bool {
    grants
        .iter()
        .any(|g| matches!(g.role, Role::Admin | Role::Committee | Role::Auditor))
}

/// Sets a temporary password the user must change at next sign-in and ends their sessions;
/// for an administrator, a committee member or an auditor the reset only waits for a second
/// administrator's [`confirm_password_reset`].
pub async fn reset_password<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    temporary: &str,
) -> Result<PasswordResetOutcome, AppError> {
    let u = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    password::check_policy(&u.username, temporary, "password")?;
    let hash = password::hash(temporary).await?;
    let txn = db.begin().await?;
    if needs_two_admins(&grants_of(&txn, id).await?) {
        let requested_by = actor
            .id
            .ok_or_else(|| AppError::refused("password", Msg::SodResetNeedsSecondAdmin))?;
        reset_request::Entity::delete_many()
            .filter(reset_request::Column::UserId.eq(id))
            .exec(&txn)
            .await?;
        reset_request::ActiveModel {
            user_id: Set(id),
            password_hash: Set(hash),
            requested_by: Set(requested_by),
            requested_by_name: Set(actor.name.clone()),
            requested_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            actor,
            Change::new("user.reset_password_requested", "user", id),
        )
        .await?;
        txn.commit().await?;
        return Ok(PasswordResetOutcome::AwaitingSecondAdmin);
    }
    apply_reset(&txn, actor, id, hash, None).await?;
    txn.commit().await?;
    Ok(PasswordResetOutcome::Done)
}

/// A second administrator confirms the reset another one requested.
pub async fn confirm_password_reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let pending = waiting_request(&txn, id)
        .await?
        .ok_or_else(|| AppError::refused("password", Msg::SodNoPendingReset))?;
    if actor.id == Some(pending.requested_by) || actor.id == Some(id) {
        return Err(AppError::refused("password", Msg::SodResetNeedsSecondAdmin));
    }
    // Of two confirmations racing, only the one that removes the request applies it.
    let taken = reset_request::Entity::delete_by_id(pending.id)
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    apply_reset(
        &txn,
        actor,
        id,
        pending.password_hash.clone(),
        Some(&pending),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The reset itself, inside the caller's transaction.
async fn apply_reset<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    id: i32,
    hash: String,
    requested: Option<&reset_request::Model>,
) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::MustChangePassword, Expr::value(true))
        .filter(user::Column::Id.eq(id))
        .exec(txn)
        .await?;
    let ended = end_sessions_of(txn, id).await?;
    audit::record(
        txn,
        actor,
        Change::new("user.reset_password", "user", id).after(&json!({
            "must_change_password": true,
            "sessions_ended": ended,
            "requested_by": requested.map(|r| r.requested_by),
        })),
    )
    .await?;
    Ok(())
}

/// The request of a reset of `id`'s password still waiting (not older than
/// [`RESET_WAIT_HOURS`]), if any.
async fn waiting_request<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<reset_request::Model>, AppError> {
    let since = Utc::now() - chrono::Duration::hours(RESET_WAIT_HOURS);
    Ok(reset_request::Entity::find()
        .filter(reset_request::Column::UserId.eq(id))
        .filter(reset_request::Column::RequestedAt.gt(since))
        .one(db)
        .await?)
}

/// The reset waiting for a second administrator, if any.
pub async fn pending_reset<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<PendingReset>, AppError> {
    Ok(waiting_request(db, id).await?.map(|r| PendingReset {
        requested_by: r.requested_by,
        requested_by_name: r.requested_by_name,
        requested_at: r.requested_at,
    }))
}

/// Deactivates (ending their sessions at once) or reactivates a user. Nobody deactivates
/// themselves, and the last active administrator stays.
pub async fn set_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    active: bool,
) -> Result<(), AppError> {
    if !active && actor.id == Some(id) {
        return Err(AppError::refused(
            "is_active",
            Msg::UserCannotDeactivateSelf,
        ));
    }
    let txn = db.begin().await?;
    let before = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    user::Entity::update_many()
        .col_expr(user::Column::IsActive, Expr::value(active))
        .filter(user::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let ended = if active {
        0
    } else {
        end_sessions_of(&txn, id).await?
    };
    keep_an_admin(&txn).await?;
    audit::record(
        &txn,
        actor,
        Change::new(
            if active {
                "user.activate"
            } else {
                "user.deactivate"
            },
            "user",
            id,
        )
        .before(&json!({ "is_active": before.is_active }))
        .after(&json!({ "is_active": active, "sessions_ended": ended })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
