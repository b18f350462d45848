//! Rule set versions and their life cycle:
//! draft → submitted → approved → active (from an effective date) → retired.
//!
//! Every transition is one function in one transaction, checks the state it starts from,
//! takes the caller's `lock_version` (a stale edit is a conflict, nothing is overwritten)
//! and appends an audit event. An approved or active version is never edited.

use chrono::{NaiveDate, Utc};
use rubric_rules::{CompiledRuleSet, RuleSetSource};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::error::AppError;
use crate::i18n::Msg;
use crate::i18n::{Act, Notice, Record};
use crate::models::RuleStatus;
use crate::ssr::entities::{rule_set, rule_set_version as rsv};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::rule_checks;
use crate::ssr::services::versioned::{compare_and_set, VersionedColumns};

fn snapshot(v: &rsv::Model) -> serde_json::Value {
    json!({
        "rule_set_id": v.rule_set_id, "version_no": v.version_no, "status": v.status,
        "content_hash": v.content_hash, "effective_from": v.effective_from,
        "approval_note": v.approval_note, "lock_version": v.lock_version,
        "evidence": v.evidence_json.as_deref().and_then(|e| serde_json::from_str::<serde_json::Value>(e).ok()),
    })
}

/// Version `id`, or not found.
pub async fn load<C: ConnectionTrait>(db: &C, id: i32) -> Result<rsv::Model, AppError> {
    rsv::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

fn check_lock(v: &rsv::Model, expected: i32) -> Result<(), AppError> {
    if v.lock_version != expected {
        return Err(AppError::Conflict);
    }
    Ok(())
}

fn check_status(v: &rsv::Model, allowed: &[RuleStatus], act: Act) -> Result<(), AppError> {
    if allowed.contains(&v.status) {
        Ok(())
    } else {
        Err(AppError::notice(
            "status",
            Notice::StateRefused {
                act,
                record: Record::RuleVersion(v.version_no),
                state: v.status.into(),
            },
        ))
    }
}

/// Creates a rule set: a position's own, an agency's, or the province default (neither).
pub async fn create_rule_set<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    code: &str,
    name: &str,
    position_id: Option<i32>,
    agency_id: Option<i32>,
) -> Result<rule_set::Model, AppError> {
    let code = code.trim();
    if code.is_empty() || name.trim().is_empty() {
        return Err(AppError::refused("code", Msg::RuleSetCodeNameRequired));
    }
    let txn = db.begin().await?;
    let saved = rule_set::ActiveModel {
        code: Set(code.to_string()),
        name: Set(name.trim().to_string()),
        position_id: Set(position_id),
        agency_id: Set(agency_id),
        lock_version: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("rule_set.create", "rule_set", saved.id)
            .after(&json!({"code": saved.code, "name": saved.name,
                "position_id": position_id, "agency_id": agency_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// A new draft version holding `source`.
pub async fn create_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    rule_set_id: i32,
    source: &RuleSetSource,
) -> Result<rsv::Model, AppError> {
    let txn = db.begin().await?;
    rule_set::Entity::find_by_id(rule_set_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let last = rsv::Entity::find()
        .filter(rsv::Column::RuleSetId.eq(rule_set_id))
        .order_by_desc(rsv::Column::VersionNo)
        .one(&txn)
        .await?;
    let now = Utc::now();
    let saved = rsv::ActiveModel {
        rule_set_id: Set(rule_set_id),
        version_no: Set(last.map(|v| v.version_no + 1).unwrap_or(1)),
        status: Set(RuleStatus::Draft),
        script: Set(source.script.clone()),
        params_json: Set(source.params_json.clone()),
        cases_json: Set(source.cases_json.clone()),
        content_hash: Set(source.content_hash()),
        author_id: Set(actor.id),
        lock_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("rule_version.create", "rule_set_version", saved.id).after(&snapshot(&saved)),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Replaces a draft's texts. Only drafts can be edited.
pub async fn update_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    source: &RuleSetSource,
) -> Result<rsv::Model, AppError> {
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    check_lock(&v, expected_lock)?;
    check_status(&v, &[RuleStatus::Draft], Act::Edit)?;
    let before = snapshot(&v);
    let updated = rsv::Entity::update_many()
        .col_expr(rsv::Column::Script, Expr::value(source.script.clone()))
        .col_expr(
            rsv::Column::ParamsJson,
            Expr::value(source.params_json.clone()),
        )
        .col_expr(
            rsv::Column::CasesJson,
            Expr::value(source.cases_json.clone()),
        )
        .col_expr(rsv::Column::ContentHash, Expr::value(source.content_hash()))
        .col_expr(rsv::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(
            rsv::Column::LockVersion,
            Expr::col(rsv::Column::LockVersion).add(1),
        )
        .filter(rsv::Column::Id.eq(id))
        .filter(rsv::Column::LockVersion.eq(expected_lock))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    let after = load(&txn, id).await?;
    audit::record(
        &txn,
        actor,
        Change::new("rule_version.edit", "rule_set_version", id)
            .before(&before)
            .after(&snapshot(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// A version and the rule set it belongs to.
pub async fn with_set<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<(rsv::Model, rule_set::Model), AppError> {
    let v = load(db, id).await?;
    let set = rule_set::Entity::find_by_id(v.rule_set_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((v, set))
}

/// Compiles a version's texts on the pool; the compiler's message, in Vietnamese, when it fails.
pub async fn compile(
    pool: &RulePool,
    who: Option<i32>,
    source: &RuleSetSource,
) -> Result<CompiledRuleSet, AppError> {
    let source = source.clone();
    pool.run(who, move |engine| engine.compile(&source))
        .await?
        .map_err(|e| {
            AppError::notice(
                "script",
                Notice::ScriptDoesNotCompile {
                    error: e.to_string(),
                },
            )
        })
}

const RSV_COLUMNS: VersionedColumns<rsv::Entity> = VersionedColumns {
    id: rsv::Column::Id,
    status: rsv::Column::Status,
    lock_version: rsv::Column::LockVersion,
    updated_at: Some(rsv::Column::UpdatedAt),
};

/// Moves `id` from `from` to `to`, compare-and-swap on `lock_version`, with an audit event.
async fn transition<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    v: &rsv::Model,
    to: RuleStatus,
    action: &str,
    extra: Vec<(rsv::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<rsv::Model, AppError> {
    compare_and_set(db, &RSV_COLUMNS, v.id, v.status, v.lock_version, to, extra).await?;
    let after = load(db, v.id).await?;
    audit::record(
        db,
        actor,
        Change::new(action, "rule_set_version", v.id)
            .before(&snapshot(v))
            .after(&snapshot(&after)),
    )
    .await?;
    Ok(after)
}

/// Submits a draft for approval; refused while the script does not compile or a test fails
/// (the stored results of its texts, run first when there are none).
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
) -> Result<rsv::Model, AppError> {
    // The tests run before the transaction: no write lock is held while a script runs.
    let v = load(db, id).await?;
    check_lock(&v, expected_lock)?;
    check_status(&v, &[RuleStatus::Draft], Act::Submit)?;
    rule_checks::require_passing(&rule_checks::ensure(db, pool, actor.id, &source_of(&v)).await?)?;
    let txn = db.begin().await?;
    // Whatever changed meanwhile moved the lock version: the transition is then a conflict.
    let v = load(&txn, id).await?;
    check_lock(&v, expected_lock)?;
    let after = transition(
        &txn,
        actor,
        &v,
        RuleStatus::Submitted,
        "rule_version.submit",
        vec![(rsv::Column::SubmittedAt, Expr::value(Utc::now()))],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Returns a submitted version to draft (with the reason in the audit trail).
pub async fn return_to_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    reason: &str,
) -> Result<rsv::Model, AppError> {
    if reason.trim().is_empty() {
        return Err(AppError::refused("reason", Msg::ReasonForReturnRequired));
    }
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    check_lock(&v, expected_lock)?;
    check_status(&v, &[RuleStatus::Submitted], Act::Return)?;
    let after = transition(
        &txn,
        actor,
        &v,
        RuleStatus::Draft,
        "rule_version.return",
        vec![(rsv::Column::ApprovalNote, Expr::value(reason.trim()))],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The committee approves a submitted version with a note.
pub async fn approve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    note: &str,
    evidence_json: Option<&str>,
) -> Result<rsv::Model, AppError> {
    let v = load(db, id).await?;
    check_lock(&v, expected_lock)?;
    check_status(&v, &[RuleStatus::Submitted], Act::Approve)?;
    // Before any script runs; a later edit moves the lock version, checked again below.
    refuse_editor(db, actor, &v).await?;
    // The texts cannot have changed since submission, but the engine may have: run again.
    rule_checks::require_passing(&rule_checks::refresh(db, pool, actor.id, &source_of(&v)).await?)?;
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    check_lock(&v, expected_lock)?;
    check_status(&v, &[RuleStatus::Submitted], Act::Approve)?;
    let after = transition(
        &txn,
        actor,
        &v,
        RuleStatus::Approved,
        "rule_version.approve",
        vec![
            (rsv::Column::ApproverId, Expr::value(actor.id)),
            (rsv::Column::ApprovalNote, Expr::value(note.trim())),
            (rsv::Column::ApprovedAt, Expr::value(Utc::now())),
            (
                rsv::Column::EvidenceJson,
                Expr::value(evidence_json.map(str::to_string)),
            ),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Two persons: nobody who wrote or edited a version approves it, whatever their roles.
pub async fn refuse_editor<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    v: &rsv::Model,
) -> Result<(), AppError> {
    let Some(me) = actor.id else {
        return Ok(());
    };
    let edited = audit::has_acted_on(
        db,
        me,
        "rule_set_version",
        v.id,
        &["rule_version.create", "rule_version.edit"],
    )
    .await?;
    if v.author_id == Some(me) || edited {
        return Err(AppError::refused("approver", Msg::SodFormulaEditor));
    }
    Ok(())
}

/// Activates an approved (or, to roll back, a retired) version from `effective_from`.
/// `expected_set_lock` is the rule set's `lock_version` the caller decided on: every
/// activation bumps it, so of two activations decided on the same view of the rule set
/// exactly one wins and the other gets a conflict. An active version of the same rule set
/// with the same effective date is retired by it.
pub async fn activate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    expected_set_lock: i32,
    effective_from: NaiveDate,
) -> Result<rsv::Model, AppError> {
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    check_lock(&v, expected_lock)?;
    check_status(
        &v,
        &[RuleStatus::Approved, RuleStatus::Retired],
        Act::Activate,
    )?;
    let set = rule_set::Entity::find_by_id(v.rule_set_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if set.lock_version != expected_set_lock {
        return Err(AppError::Conflict);
    }
    let bumped = rule_set::Entity::update_many()
        .col_expr(
            rule_set::Column::LockVersion,
            Expr::col(rule_set::Column::LockVersion).add(1),
        )
        .filter(rule_set::Column::Id.eq(set.id))
        .filter(rule_set::Column::LockVersion.eq(set.lock_version))
        .exec(&txn)
        .await?;
    if bumped.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    let same_day = rsv::Entity::find()
        .filter(rsv::Column::RuleSetId.eq(v.rule_set_id))
        .filter(rsv::Column::Status.eq(RuleStatus::Active))
        .filter(rsv::Column::EffectiveFrom.eq(effective_from))
        .all(&txn)
        .await?;
    for old in &same_day {
        transition(
            &txn,
            actor,
            old,
            RuleStatus::Retired,
            "rule_version.retire",
            vec![(rsv::Column::RetiredAt, Expr::value(Utc::now()))],
        )
        .await?;
    }
    let after = transition(
        &txn,
        actor,
        &v,
        RuleStatus::Active,
        "rule_version.activate",
        vec![
            (rsv::Column::EffectiveFrom, Expr::value(effective_from)),
            (rsv::Column::ActivatedAt, Expr::value(Utc::now())),
            (
                rsv::Column::RetiredAt,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            ),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Stops applying an active version.
pub async fn retire<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
) -> Result<rsv::Model, AppError> {
    let txn = db.begin().await?;
    let v = load(&txn, id).await?;
    check_lock(&v, expected_lock)?;
    check_status(&v, &[RuleStatus::Active], Act::Retire)?;
    let after = transition(
        &txn,
        actor,
        &v,
        RuleStatus::Retired,
        "rule_version.retire",
        vec![(rsv::Column::RetiredAt, Expr::value(Utc::now()))],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

pub fn source_of(v: &rsv::Model) -> RuleSetSource {
    RuleSetSource::new(
        v.script.clone(),
        v.params_json.clone(),
        v.cases_json.clone(),
    )
}

/// Which of the three formulas scored an officer: the position's own, the agency's
/// parameter values on the default's script, or the province default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Position,
    Agency,
    Default,
}

impl Level {
    /// The level a rule set scores at.
    pub fn of(set: &rule_set::Model) -> Level {
        match (set.position_id, set.agency_id) {
            (Some(_), _) => Level::Position,
            (None, Some(_)) => Level::Agency,
            (None, None) => Level::Default,
        }
    }
}

/// The version that scores a period starting on `date` for an officer of `position_id` in
/// `agency_id`: the position's own active version with the latest effective date on or
/// before `date`, else the agency's, else the province default's.
pub async fn effective_for<C: ConnectionTrait>(
    db: &C,
    position_id: Option<i32>,
    agency_id: Option<i32>,
    date: NaiveDate,
) -> Result<Option<(rsv::Model, Level)>, AppError> {
    Ok(in_force(db, position_id, agency_id, date)
        .await?
        .map(|found| (found.version, found.level)))
}

/// The version [`effective_for`] finds, with the level it was found at and its rule set.
#[derive(Debug)]
pub struct InForce {
    pub version: rsv::Model,
    pub level: Level,
    pub set: rule_set::Model,
}

/// [`effective_for`], with the version's rule set (read with the others of its level).
pub async fn in_force<C: ConnectionTrait>(
    db: &C,
    position_id: Option<i32>,
    agency_id: Option<i32>,
    date: NaiveDate,
) -> Result<Option<InForce>, AppError> {
    let mut levels: Vec<(Level, Vec<rule_set::Model>)> = Vec::with_capacity(3);
    if let Some(pid) = position_id {
        let sets = rule_set::Entity::find()
            .filter(rule_set::Column::PositionId.eq(pid))
            .all(db)
            .await?;
        levels.push((Level::Position, sets));
    }
    if let Some(aid) = agency_id {
        let sets = rule_set::Entity::find()
            .filter(rule_set::Column::PositionId.is_null())
            .filter(rule_set::Column::AgencyId.eq(aid))
            .all(db)
            .await?;
        levels.push((Level::Agency, sets));
    }
    let defaults = rule_set::Entity::find()
        .filter(rule_set::Column::PositionId.is_null())
        .filter(rule_set::Column::AgencyId.is_null())
        .all(db)
        .await?;
    levels.push((Level::Default, defaults));
    for (level, group) in levels {
        let ids: Vec<i32> = group.iter().map(|s| s.id).collect();
        if ids.is_empty() {
            continue;
        }
        let found = rsv::Entity::find()
            .filter(rsv::Column::RuleSetId.is_in(ids))
            .filter(rsv::Column::Status.eq(RuleStatus::Active))
            .filter(rsv::Column::EffectiveFrom.lte(date))
            .order_by_desc(rsv::Column::EffectiveFrom)
            .order_by_desc(rsv::Column::ActivatedAt)
            .one(db)
            .await?;
        if let Some(version) = found {
            let Some(set) = group.into_iter().find(|s| s.id == version.rule_set_id) else {
                continue; // cannot happen: the version was looked for among these sets
            };
            return Ok(Some(InForce {
                version,
                level,
                set,
            }));
        }
    }
    Ok(None)
}
