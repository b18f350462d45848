//! Work-log entries (nhật ký công việc) and their review:
//! draft → submitted → approved / returned (with a reason) → locked once the period is
//! approved. Review findings (quality failures, delays, objective cause) are recorded on
//! submitted or approved entries, never on locked ones.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::error::AppError;
use crate::i18n::{Act, Msg, Notice, Record};
use crate::models::{EntryStatus, NotificationEvent, ReviewFindings, WorkLogInput};
use crate::ssr::entities::{period, work_log_entry as wle};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::versioned::{compare_and_set, VersionedColumns};
use crate::ssr::services::{closing, job_descriptions, notifications};

/// The quantity assigned (more than 0, at most 10,000) and the quantity done (0 to it), as
/// every entry must have them, typed or sent by an e-office system.
pub fn check_quantities(quantity: f64, completed_qty: Option<f64>) -> Result<(), AppError> {
    if !(quantity.is_finite() && quantity > 0.0 && quantity <= 10_000.0) {
        return Err(AppError::refused("quantity", Msg::EntryQuantityPositive));
    }
    if let Some(done) = completed_qty {
        if !(done.is_finite() && done >= 0.0 && done <= quantity) {
            return Err(AppError::refused(
                "completed_qty",
                Msg::EntryCompletedQtyRange,
            ));
        }
    }
    Ok(())
}

/// A deadline is not before the day the work was assigned.
pub fn check_deadline(
    assigned_on: Option<chrono::NaiveDate>,
    deadline: Option<chrono::NaiveDate>,
) -> Result<(), AppError> {
    match (assigned_on, deadline) {
        (Some(a), Some(d)) if d < a => Err(AppError::refused(
            "deadline",
            Msg::EntryDeadlineBeforeAssigned,
        )),
        _ => Ok(()),
    }
}

/// Checks what an officer typed; each refusal names the field.
pub fn validate(input: &WorkLogInput) -> Result<(), AppError> {
    check_quantities(input.quantity, input.completed_qty)?;
    match input.catalog_item_id {
        Some(_) => {}
        None => {
            if input
                .off_catalog_description
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .is_empty()
            {
                return Err(AppError::refused(
                    "off_catalog_description",
                    Msg::EntryOffCatalogNeedsDescription,
                ));
            }
            match input.proposed_minutes {
                Some(m) if m.is_finite() && m > 0.0 && m <= 24.0 * 60.0 => {}
                _ => {
                    return Err(AppError::refused(
                        "proposed_minutes",
                        Msg::EntryOffCatalogNeedsMinutes,
                    ))
                }
            }
        }
    }
    check_deadline(input.assigned_on, input.deadline)?;
    if let Some(c) = input.completed_on {
        if c > Utc::now().date_naive() {
            return Err(AppError::refused(
                "completed_on",
                Msg::EntryCompletedInFuture,
            ));
        }
    }
    Ok(())
}

fn snapshot(e: &wle::Model) -> serde_json::Value {
    json!({
        "officer_id": e.officer_id, "work_date": e.work_date, "catalog_item_id": e.catalog_item_id,
        "assigned_qty": e.assigned_qty, "completed_qty": e.completed_qty, "status": e.status,
        "return_reason": e.return_reason, "quality_failures": e.quality_failures,
        "delays": e.delays, "objective_cause": e.objective_cause, "lock_version": e.lock_version,
    })
}

async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<wle::Model, AppError> {
    wle::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The entry's catalog item, if it names one, must be a task of the officer's own position's
/// catalog in force on the entry's day.
async fn check_item<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    input: &WorkLogInput,
) -> Result<(), AppError> {
    if let Some(item) = input.catalog_item_id {
        job_descriptions::check_officer_item(db, officer_id, input.work_date, item).await?;
    }
    Ok(())
}

/// Creates a draft entry for `officer_id`.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    officer_id: i32,
    input: &WorkLogInput,
) -> Result<wle::Model, AppError> {
    validate(input)?;
    let txn = db.begin().await?;
    check_item(&txn, officer_id, input).await?;
    closing::check_entry_open(&txn, officer_id, input.work_date).await?;
    let now = Utc::now();
    let saved = wle::ActiveModel {
        officer_id: Set(officer_id),
        work_date: Set(input.work_date),
        catalog_item_id: Set(input.catalog_item_id),
        off_catalog_description: Set(input.off_catalog_description.clone()),
        proposed_minutes: Set(input.proposed_minutes),
        assigned_qty: Set(input.quantity),
        completed_qty: Set(input.completed_qty.unwrap_or(input.quantity)),
        assigned_on: Set(input.assigned_on),
        deadline: Set(input.deadline),
        completed_on: Set(input.completed_on),
        source_document: Set(input
            .source_document
            .clone()
            .filter(|s| !s.trim().is_empty())),
        note: Set(input.note.clone().filter(|s| !s.trim().is_empty())),
        status: Set(EntryStatus::Draft),
        quality_failures: Set(0),
        delays: Set(0),
        objective_cause: Set(false),
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
        Change::new("work_log.create", "work_log_entry", saved.id).after(&snapshot(&saved)),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

const WLE_COLUMNS: VersionedColumns<wle::Entity> = VersionedColumns {
    id: wle::Column::Id,
    status: wle::Column::Status,
    lock_version: wle::Column::LockVersion,
    updated_at: Some(wle::Column::UpdatedAt),
};

/// Moves one entry between states with compare-and-swap and an audit event.
async fn transition<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    e: &wle::Model,
    to: EntryStatus,
    action: &str,
    extra: Vec<(wle::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<wle::Model, AppError> {
    compare_and_set(db, &WLE_COLUMNS, e.id, e.status, e.lock_version, to, extra).await?;
    let after = load(db, e.id).await?;
    audit::record(
        db,
        actor,
        Change::new(action, "work_log_entry", e.id)
            .before(&snapshot(e))
            .after(&snapshot(&after)),
    )
    .await?;
    Ok(after)
}

fn expect(
    e: &wle::Model,
    expected_lock: i32,
    allowed: &[EntryStatus],
    act: Act,
) -> Result<(), AppError> {
    if e.lock_version != expected_lock {
        return Err(AppError::Conflict);
    }
    if !allowed.contains(&e.status) {
        return Err(AppError::notice(
            "status",
            Notice::StateRefused {
                act,
                record: Record::Entry,
                state: e.status.into(),
            },
        ));
    }
    Ok(())
}

/// The officer submits entries (drafts or corrected returned ones). All or nothing.
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    entries: &[(i64, i32)],
) -> Result<Vec<wle::Model>, AppError> {
    let txn = db.begin().await?;
    let mut out = Vec::with_capacity(entries.len());
    for (id, lock) in entries {
        let e = load(&txn, *id).await?;
        expect(
            &e,
            *lock,
            &[EntryStatus::Draft, EntryStatus::Returned],
            Act::Submit,
        )?;
        closing::check_entry_open(&txn, e.officer_id, e.work_date).await?;
        out.push(
            transition(
                &txn,
                actor,
                &e,
                EntryStatus::Submitted,
                "work_log.submit",
                vec![],
            )
            .await?,
        );
    }
    txn.commit().await?;
    Ok(out)
}

/// The officer corrects a draft or returned entry (a returned one stays returned until
/// it is submitted again).
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    expected_lock: i32,
    input: &WorkLogInput,
) -> Result<wle::Model, AppError> {
    validate(input)?;
    let txn = db.begin().await?;
    let e = load(&txn, id).await?;
    expect(
        &e,
        expected_lock,
        &[EntryStatus::Draft, EntryStatus::Returned],
        Act::Edit,
    )?;
    check_item(&txn, e.officer_id, input).await?;
    closing::check_entry_open(&txn, e.officer_id, input.work_date).await?;
    let changed = wle::Entity::update_many()
        .col_expr(wle::Column::WorkDate, Expr::value(input.work_date))
        .col_expr(
            wle::Column::CatalogItemId,
            Expr::value(input.catalog_item_id),
        )
        .col_expr(
            wle::Column::OffCatalogDescription,
            Expr::value(input.off_catalog_description.clone()),
        )
        .col_expr(
            wle::Column::ProposedMinutes,
            Expr::value(input.proposed_minutes),
        )
        .col_expr(wle::Column::AssignedQty, Expr::value(input.quantity))
        .col_expr(
            wle::Column::CompletedQty,
            Expr::value(input.completed_qty.unwrap_or(input.quantity)),
        )
        .col_expr(wle::Column::AssignedOn, Expr::value(input.assigned_on))
        .col_expr(wle::Column::Deadline, Expr::value(input.deadline))
        .col_expr(wle::Column::CompletedOn, Expr::value(input.completed_on))
        .col_expr(
            wle::Column::SourceDocument,
            Expr::value(
                input
                    .source_document
                    .clone()
                    .filter(|s| !s.trim().is_empty()),
            ),
        )
        .col_expr(
            wle::Column::Note,
            Expr::value(input.note.clone().filter(|s| !s.trim().is_empty())),
        )
        .col_expr(
            wle::Column::LockVersion,
            Expr::col(wle::Column::LockVersion).add(1),
        )
        .col_expr(wle::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(wle::Column::Id.eq(id))
        .filter(wle::Column::LockVersion.eq(expected_lock))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    let after = load(&txn, id).await?;
    audit::record(
        &txn,
        actor,
        Change::new("work_log.update", "work_log_entry", id)
            .before(&snapshot(&e))
            .after(&snapshot(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The officer submits every draft and corrected entry of theirs between two dates (a day,
/// a week or the whole period). All or nothing; returns how many were submitted.
pub async fn submit_range<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    officer_id: i32,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<usize, AppError> {
    let pending: Vec<(i64, i32)> = wle::Entity::find()
        .filter(wle::Column::OfficerId.eq(officer_id))
        .filter(wle::Column::WorkDate.between(from, to))
        .filter(wle::Column::Status.is_in([EntryStatus::Draft, EntryStatus::Returned]))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.lock_version))
        .collect();
    let n = pending.len();
    if n > 0 {
        submit(db, actor, &pending).await?;
    }
    Ok(n)
}

/// The officer deletes a draft entry (never one that was submitted).
pub async fn delete_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    expected_lock: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let e = load(&txn, id).await?;
    expect(&e, expected_lock, &[EntryStatus::Draft], Act::Delete)?;
    let gone = wle::Entity::delete_many()
        .filter(wle::Column::Id.eq(id))
        .filter(wle::Column::LockVersion.eq(expected_lock))
        .filter(wle::Column::Status.eq(EntryStatus::Draft))
        .exec(&txn)
        .await?;
    if gone.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    audit::record(
        &txn,
        actor,
        Change::new("work_log.delete", "work_log_entry", id).before(&snapshot(&e)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// One entry by id.
pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> Result<wle::Model, AppError> {
    load(db, id).await
}

/// The reviewer approves submitted entries. All or nothing.
pub async fn approve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    entries: &[(i64, i32)],
) -> Result<Vec<wle::Model>, AppError> {
    let txn = db.begin().await?;
    let mut out = Vec::with_capacity(entries.len());
    for (id, lock) in entries {
        let e = load(&txn, *id).await?;
        expect(&e, *lock, &[EntryStatus::Submitted], Act::Approve)?;
        if e.catalog_item_id.is_none() {
            return Err(AppError::notice(
                "catalog_item_id",
                Notice::OffCatalogNotMapped { entry: e.id },
            ));
        }
        out.push(
            transition(
                &txn,
                actor,
                &e,
                EntryStatus::Approved,
                "work_log.approve",
                vec![
                    (wle::Column::ReviewedBy, Expr::value(actor.id)),
                    (wle::Column::ReviewedAt, Expr::value(Utc::now())),
                ],
            )
            .await?,
        );
    }
    txn.commit().await?;
    Ok(out)
}

/// How a reviewer sends a submitted entry back with a reason.
struct WithReason {
    /// The message when the reason is empty.
    empty: Msg,
    /// What the reviewer does (return, reject), for the refusal message.
    act: Act,
    /// The state the entry moves to, and the audit action.
    to: EntryStatus,
    action: &'static str,
    /// A further check on the entry.
    check: fn(&wle::Model) -> Result<(), AppError>,
}

async fn send_back<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    expected_lock: i32,
    reason: &str,
    how: WithReason,
) -> Result<wle::Model, AppError> {
    if reason.trim().is_empty() {
        return Err(AppError::refused("reason", how.empty));
    }
    let txn = db.begin().await?;
    let e = load(&txn, id).await?;
    expect(&e, expected_lock, &[EntryStatus::Submitted], how.act)?;
    (how.check)(&e)?;
    let after = transition(
        &txn,
        actor,
        &e,
        how.to,
        how.action,
        vec![
            (wle::Column::ReturnReason, Expr::value(reason.trim())),
            (wle::Column::ReviewedBy, Expr::value(actor.id)),
            (wle::Column::ReviewedAt, Expr::value(Utc::now())),
        ],
    )
    .await?;
    if how.to == EntryStatus::Returned {
        let event = NotificationEvent::EntryReturned {
            work_date: e.work_date,
            reason: reason.trim().to_string(),
        };
        notifications::notify(&txn, &[e.officer_id], &event).await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// The reviewer returns a submitted entry with a reason; the officer corrects it.
pub async fn return_entry<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    expected_lock: i32,
    reason: &str,
) -> Result<wle::Model, AppError> {
    let how = WithReason {
        empty: Msg::ReasonForReturnRequired,
        act: Act::Return,
        to: EntryStatus::Returned,
        action: "work_log.return",
        check: |_| Ok(()),
    };
    send_back(db, actor, id, expected_lock, reason, how).await
}

/// The reviewer rejects submitted off-catalog work with a reason: it never counts.
pub async fn reject_off_catalog<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    expected_lock: i32,
    reason: &str,
) -> Result<wle::Model, AppError> {
    let how = WithReason {
        empty: Msg::ReasonForRejectRequired,
        act: Act::Reject,
        to: EntryStatus::Rejected,
        action: "work_log.reject",
        check: |e| match e.catalog_item_id {
            Some(_) => Err(AppError::refused(
                "catalog_item_id",
                Msg::ReviewRejectOnlyOffCatalog,
            )),
            None => Ok(()),
        },
    };
    send_back(db, actor, id, expected_lock, reason, how).await
}

/// The reviewer maps an off-catalog entry to a catalog item (quantity in that item's unit).
pub async fn map_off_catalog<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    expected_lock: i32,
    catalog_item_id: i32,
    quantity: f64,
) -> Result<wle::Model, AppError> {
    if !(quantity.is_finite() && quantity > 0.0) {
        return Err(AppError::refused("quantity", Msg::EntryQuantityPositive));
    }
    let txn = db.begin().await?;
    let e = load(&txn, id).await?;
    expect(
        &e,
        expected_lock,
        &[EntryStatus::Submitted],
        Act::MapToCatalog,
    )?;
    if e.catalog_item_id.is_some() {
        return Err(AppError::refused(
            "catalog_item_id",
            Msg::ReviewAlreadyInCatalog,
        ));
    }
    job_descriptions::check_officer_item(&txn, e.officer_id, e.work_date, catalog_item_id).await?;
    let after = transition(
        &txn,
        actor,
        &e,
        EntryStatus::Submitted,
        "work_log.map",
        vec![
            (wle::Column::CatalogItemId, Expr::value(catalog_item_id)),
            (wle::Column::AssignedQty, Expr::value(quantity)),
            (
                wle::Column::CompletedQty,
                Expr::value(quantity.min(e.completed_qty.max(quantity))),
            ),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

fn check_findings(f: &ReviewFindings) -> Result<(), AppError> {
    if !(0..=20).contains(&f.quality_failures) || !(0..=20).contains(&f.delays) {
        return Err(AppError::refused("findings", Msg::ReviewFindingsRange));
    }
    Ok(())
}

/// The columns a review finding sets, with who recorded it and when.
fn findings_columns(
    actor: &Actor,
    f: ReviewFindings,
) -> Vec<(wle::Column, sea_orm::sea_query::SimpleExpr)> {
    vec![
        (
            wle::Column::QualityFailures,
            Expr::value(f.quality_failures),
        ),
        (wle::Column::Delays, Expr::value(f.delays)),
        (wle::Column::ObjectiveCause, Expr::value(f.objective_cause)),
        (wle::Column::ReviewedBy, Expr::value(actor.id)),
        (wle::Column::ReviewedAt, Expr::value(Utc::now())),
    ]
}

/// The reviewer records the findings the formula uses.
pub async fn record_findings<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    expected_lock: i32,
    f: ReviewFindings,
) -> Result<wle::Model, AppError> {
    check_findings(&f)?;
    let txn = db.begin().await?;
    let e = load(&txn, id).await?;
    expect(
        &e,
        expected_lock,
        &[EntryStatus::Submitted, EntryStatus::Approved],
        Act::RecordFindings,
    )?;
    let status = e.status;
    let after = transition(
        &txn,
        actor,
        &e,
        status,
        "work_log.findings",
        findings_columns(actor, f),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Corrects the findings of an approved or locked entry in answer to an appeal (inside the
/// caller's transaction; the audit event names the appeal).
pub async fn correct_findings_on_appeal<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    f: ReviewFindings,
    appeal_id: i32,
) -> Result<wle::Model, AppError> {
    check_findings(&f)?;
    let e = load(db, id).await?;
    if !e.status.scorable() {
        return Err(AppError::notice(
            "status",
            Notice::FindingsNeedApprovedEntry {
                state: e.status.into(),
            },
        ));
    }
    let status = e.status;
    compare_and_set(
        db,
        &WLE_COLUMNS,
        e.id,
        status,
        e.lock_version,
        status,
        findings_columns(actor, f),
    )
    .await?;
    let after = load(db, e.id).await?;
    audit::record(
        db,
        actor,
        Change::new("work_log.findings_on_appeal", "work_log_entry", e.id)
            .before(&snapshot(&e))
            .after(&json!({"appeal": appeal_id, "entry": snapshot(&after)})),
    )
    .await?;
    Ok(after)
}

/// Moves the entries of `officers` dated in period `p` from state `from` to `to`, each to a
/// new lock version: approved → locked when a unit's results are approved, back when they
/// are reopened. How many moved.
pub async fn move_officers_entries<C: ConnectionTrait>(
    db: &C,
    officers: &[i32],
    p: &period::Model,
    from: EntryStatus,
    to: EntryStatus,
) -> Result<u64, AppError> {
    let mut moved = 0;
    for chunk in officers.chunks(500) {
        moved += wle::Entity::update_many()
            .col_expr(wle::Column::Status, Expr::value(to))
            .col_expr(
                wle::Column::LockVersion,
                Expr::col(wle::Column::LockVersion).add(1),
            )
            .filter(wle::Column::Status.eq(from))
            .filter(wle::Column::OfficerId.is_in(chunk.iter().copied()))
            .filter(wle::Column::WorkDate.between(p.starts_on, p.ends_on))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(moved)
}

/// Locks a period's approved entries (part of approving the period's scores).
pub async fn lock_period<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    p: &period::Model,
) -> Result<u64, AppError> {
    let res = wle::Entity::update_many()
        .col_expr(wle::Column::Status, Expr::value(EntryStatus::Locked))
        .col_expr(
            wle::Column::LockVersion,
            Expr::col(wle::Column::LockVersion).add(1),
        )
        .filter(wle::Column::Status.eq(EntryStatus::Approved))
        .filter(wle::Column::WorkDate.gte(p.starts_on))
        .filter(wle::Column::WorkDate.lte(p.ends_on))
        .exec(db)
        .await?;
    audit::record(
        db,
        actor,
        Change::new("work_log.lock", "period", p.id)
            .after(&json!({"period": p.code, "locked": res.rows_affected})),
    )
    .await?;
    Ok(res.rows_affected)
}
