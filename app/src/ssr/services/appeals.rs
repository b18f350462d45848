//! Appeals: an officer contests their score for a period, or one entry behind it, with a
//! comment; a reviewer of the officer's unit answers. Accepting may correct the entry's
//! findings; the officer is then re-scored, and the new score version (approved if the
//! contested one was) is linked to the appeal. Nothing is overwritten: the score's history
//! keeps both versions.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::error::AppError;
use crate::i18n::{Msg, Notice};
use crate::models::{
    AppealDecision, AppealStatus, AppealView, NotificationEvent, ReviewFindings, ScoreVersionView,
};
use crate::ssr::entities::{
    appeal, catalog_item, period, period_score, user, work_log_entry as wle,
};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::scoring::{self, Policy};
use crate::ssr::services::{notifications, periods};

/// The longest comment or answer accepted.
pub const TEXT_LIMIT: usize = 2000;

fn text(field: &str, t: &str, empty: Msg) -> Result<String, AppError> {
    let t = t.trim();
    if t.is_empty() {
        return Err(AppError::refused(field, empty));
    }
    if t.chars().count() > TEXT_LIMIT {
        return Err(AppError::notice(
            field,
            Notice::TextTooLong {
                limit: TEXT_LIMIT as u32,
            },
        ));
    }
    Ok(t.to_string())
}

async fn current_score<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    period_id: i32,
) -> Result<Option<period_score::Model>, AppError> {
    Ok(period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(period_id))
        .filter(period_score::Column::OfficerId.eq(officer_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .one(db)
        .await?)
}

/// The officer contests their current score for the period, or `entry_id` behind it.
pub async fn file<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    officer_id: i32,
    period_code: &str,
    entry_id: Option<i64>,
    comment: &str,
) -> Result<appeal::Model, AppError> {
    let comment = text("comment", comment, Msg::AppealCommentRequired)?;
    let txn = db.begin().await?;
    let p = periods::find(&txn, periods::parse(period_code)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let score = current_score(&txn, officer_id, p.id)
        .await?
        .ok_or_else(|| AppError::refused("period", Msg::AppealNoResult))?;
    if let Some(id) = entry_id {
        let e = wle::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        if e.officer_id != officer_id || e.work_date < p.starts_on || e.work_date > p.ends_on {
            return Err(AppError::refused("entry_id", Msg::AppealEntryNotInResult));
        }
    }
    let open = appeal::Entity::find()
        .filter(appeal::Column::OfficerId.eq(officer_id))
        .filter(appeal::Column::PeriodId.eq(p.id))
        .filter(appeal::Column::Status.eq(AppealStatus::Open))
        .all(&txn)
        .await?;
    if open.iter().any(|a| a.entry_id == entry_id) {
        return Err(AppError::refused("comment", Msg::AppealAlreadyOpen));
    }
    let saved = appeal::ActiveModel {
        officer_id: Set(officer_id),
        period_id: Set(p.id),
        entry_id: Set(entry_id),
        score_id: Set(score.id),
        comment: Set(comment),
        status: Set(AppealStatus::Open),
        created_at: Set(Utc::now()),
        lock_version: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("appeal.file", "appeal", saved.id).after(&json!({
            "officer_id": officer_id, "period": p.code, "entry_id": entry_id,
            "score_version": score.score_version, "comment": saved.comment,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// The appeal, for authorization before answering.
pub async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<appeal::Model, AppError> {
    appeal::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The reviewer's answer. `findings` (accepted appeals on an entry) correct the entry; an
/// accepted appeal re-scores the officer with their agency's cohorts and stores a new score
/// version when the result changed.
#[allow(clippy::too_many_arguments)]
pub async fn answer<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    appeal_id: i32,
    expected_lock: i32,
    accept: bool,
    answer: &str,
    findings: Option<ReviewFindings>,
) -> Result<appeal::Model, AppError> {
    let answer = text("answer", answer, Msg::AppealAnswerRequired)?;
    let txn = db.begin().await?;
    let a = find(&txn, appeal_id).await?;
    if a.lock_version != expected_lock {
        return Err(AppError::Conflict);
    }
    if a.status != AppealStatus::Open {
        return Err(AppError::refused("answer", Msg::AppealAlreadyAnswered));
    }
    let p = period::Entity::find_by_id(a.period_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut new_score_id = None;
    if accept {
        if let (Some(entry), Some(f)) = (a.entry_id, findings) {
            crate::ssr::services::work_log::correct_findings_on_appeal(&txn, actor, entry, f, a.id)
                .await?;
        }
        let officer = user::Entity::find_by_id(a.officer_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let tree = UnitTree::load(&txn).await?;
        let agency = officer
            .unit_id
            .and_then(|u| tree.agency_of(u))
            .map(|u| u.id);
        let before = current_score(&txn, a.officer_id, p.id).await?;
        // The officer is scored with their whole cohort (their agency), only their score stored.
        let code = periods::code_of(&p)?;
        scoring::run(
            &txn,
            pool,
            actor,
            code,
            agency,
            Policy::Appeal(a.officer_id),
        )
        .await?;
        let after = current_score(&txn, a.officer_id, p.id).await?;
        if after.as_ref().map(|s| s.id) != before.as_ref().map(|s| s.id) {
            new_score_id = after.map(|s| s.id);
        }
    }
    let decision = if accept {
        AppealDecision::Accepted
    } else {
        AppealDecision::Rejected
    };
    let res = appeal::Entity::update_many()
        .col_expr(appeal::Column::Status, Expr::value(AppealStatus::Answered))
        .col_expr(appeal::Column::Decision, Expr::value(decision))
        .col_expr(appeal::Column::Answer, Expr::value(answer.clone()))
        .col_expr(appeal::Column::AnsweredBy, Expr::value(actor.id))
        .col_expr(appeal::Column::AnsweredAt, Expr::value(Utc::now()))
        .col_expr(appeal::Column::NewScoreId, Expr::value(new_score_id))
        .col_expr(appeal::Column::LockVersion, Expr::value(a.lock_version + 1))
        .filter(appeal::Column::Id.eq(a.id))
        .filter(appeal::Column::LockVersion.eq(a.lock_version))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    audit::record(
        &txn,
        actor,
        Change::new("appeal.answer", "appeal", a.id)
            .before(&json!({"status": a.status, "score_id": a.score_id}))
            .after(&json!({
                "status": AppealStatus::Answered, "decision": decision, "answer": answer,
                "findings": findings.filter(|_| accept && a.entry_id.is_some()),
                "new_score_id": new_score_id,
            })),
    )
    .await?;
    let event = NotificationEvent::AppealAnswered {
        period: p.code.clone(),
        accepted: accept,
    };
    notifications::notify(&txn, &[a.officer_id], &event).await?;
    let saved = find(&txn, a.id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Appeals as shown: of these officers (all when `None`) in the period, open first, then
/// newest first.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    officers: Option<&[i32]>,
    period_id: i32,
) -> Result<Vec<AppealView>, AppError> {
    let mut q = appeal::Entity::find().filter(appeal::Column::PeriodId.eq(period_id));
    if let Some(ids) = officers {
        q = q.filter(appeal::Column::OfficerId.is_in(ids.to_vec()));
    }
    let rows = q.order_by_desc(appeal::Column::Id).all(db).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let p = period::Entity::find_by_id(period_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let user_ids: HashSet<i32> = rows
        .iter()
        .flat_map(|a| [Some(a.officer_id), a.answered_by])
        .flatten()
        .collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let entries: HashMap<i64, wle::Model> = wle::Entity::find()
        .filter(wle::Column::Id.is_in(rows.iter().filter_map(|a| a.entry_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let items: HashMap<i32, String> = catalog_item::Entity::find()
        .filter(catalog_item::Column::Id.is_in(entries.values().filter_map(|e| e.catalog_item_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, format!("{} — {}", i.code, i.name)))
        .collect();
    let scores: HashMap<i64, period_score::Model> = period_score::Entity::find()
        .filter(
            period_score::Column::Id.is_in(
                rows.iter()
                    .flat_map(|a| [Some(a.score_id), a.new_score_id])
                    .flatten(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut out: Vec<AppealView> = rows
        .into_iter()
        .map(|a| {
            let e = a.entry_id.and_then(|id| entries.get(&id));
            let old = scores.get(&a.score_id);
            let new = a.new_score_id.and_then(|id| scores.get(&id));
            AppealView {
                id: a.id,
                officer_id: a.officer_id,
                officer_name: names.get(&a.officer_id).cloned().unwrap_or_default(),
                period: p.code.clone(),
                entry: e.map(|e| {
                    let task = e
                        .catalog_item_id
                        .and_then(|i| items.get(&i).cloned())
                        .or_else(|| e.off_catalog_description.clone())
                        .unwrap_or_default();
                    (e.id, e.work_date, task)
                }),
                findings: e.map(|e| ReviewFindings {
                    quality_failures: e.quality_failures,
                    delays: e.delays,
                    objective_cause: e.objective_cause,
                }),
                comment: a.comment,
                created_at: a.created_at,
                status: a.status,
                decision: a.decision,
                answer: a.answer,
                answered_by: a.answered_by.and_then(|u| names.get(&u).cloned()),
                answered_at: a.answered_at,
                score_version: old.map(|s| s.score_version).unwrap_or(0),
                score_total: old.and_then(|s| s.total),
                new_score_version: new.map(|s| s.score_version),
                new_score_total: new.and_then(|s| s.total),
                lock_version: a.lock_version,
            }
        })
        .collect();
    out.sort_by_key(|a| a.status != AppealStatus::Open);
    Ok(out)
}

/// The columns of a score row the list of versions shows.
#[derive(Debug, sea_orm::FromQueryResult)]
struct ScoreVersionRow {
    score_version: i32,
    status: crate::models::ScoreStatus,
    total: Option<f64>,
    grade: Option<String>,
    computed_at: chrono::DateTime<chrono::Utc>,
    rule_version_hash: String,
    approved_at: Option<chrono::DateTime<chrono::Utc>>,
    superseded_by: Option<i64>,
}

/// Every computed version of an officer's score for a period, oldest first, with the
/// appeal that produced each one, if any, found among `appeals` (the officer's appeals in the
/// period, as [`views`] reads them).
pub async fn score_versions<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    period_id: i32,
    appeals: &[AppealView],
) -> Result<Vec<ScoreVersionView>, AppError> {
    // A score's versions are numbered per officer and period: an appeal's new score is known
    // by its number.
    let by_version: HashMap<i32, i32> = appeals
        .iter()
        .filter(|a| a.officer_id == officer_id)
        .filter_map(|a| Some((a.new_score_version?, a.id)))
        .collect();
    // Only the columns shown: a score row carries its whole trace.
    let rows: Vec<ScoreVersionRow> = period_score::Entity::find()
        .select_only()
        .columns([
            period_score::Column::ScoreVersion,
            period_score::Column::Status,
            period_score::Column::Total,
            period_score::Column::Grade,
            period_score::Column::ComputedAt,
            period_score::Column::RuleVersionHash,
            period_score::Column::ApprovedAt,
            period_score::Column::SupersededBy,
        ])
        .filter(period_score::Column::OfficerId.eq(officer_id))
        .filter(period_score::Column::PeriodId.eq(period_id))
        .order_by_asc(period_score::Column::ScoreVersion)
        .into_model()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|s| ScoreVersionView {
            score_version: s.score_version,
            status: s.status,
            total: s.total,
            grade: s.grade,
            computed_at: s.computed_at,
            rule_version_hash: s.rule_version_hash,
            approved: s.approved_at.is_some(),
            current: s.superseded_by.is_none(),
            appeal_id: by_version.get(&s.score_version).copied(),
        })
        .collect())
}
