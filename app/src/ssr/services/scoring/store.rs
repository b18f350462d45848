//! Step three of a run: the results written as new score versions, under a [`Policy`] that
//! says whose scores may change. Re-scoring never overwrites: it adds a version and links
//! the previous one to it (`superseded_by`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use crate::error::AppError;
use crate::models::ScoreStatus;
use crate::ssr::entities::{period, period_score, rule_set_version};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::org::UnitTree;

use super::load::OfficerRow;
use super::score::Scored;
use super::{inputs_hash, ScoreRun};

/// Scores written per INSERT statement (18 columns: well inside SQLite's and PostgreSQL's
/// bound-parameter limits).
const WRITE_BATCH: usize = 500;

/// Whose scores a run may replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Policy {
    /// The explicit re-score of a period (command line, administrators): every officer in
    /// scope whose score is not approved gets a new score version (an approved one changes
    /// only once its unit is reopened, or by an appeal); the period becomes `scored`.
    Full,
    /// The re-score after a formula's activation: only scores whose formula, inputs or
    /// result changed get a new version, approved scores stay; the period becomes `scored`.
    Rescore,
    /// A head of unit's run for one unit's subtree: changed scores of its officers, approved
    /// ones kept; the period's state is left alone.
    Unit(i32),
    /// The answer to an appeal: this officer's score only, if it changed; a new version of
    /// an approved score is approved too.
    Appeal(i32),
}

impl Policy {
    fn skips_unchanged(self) -> bool {
        !matches!(self, Policy::Full)
    }

    fn keeps_approved(self) -> bool {
        matches!(self, Policy::Full | Policy::Rescore | Policy::Unit(_))
    }

    fn carries_approval(self) -> bool {
        matches!(self, Policy::Appeal(_))
    }

    /// Whether the run speaks for the whole period (its state moves to `scored`).
    pub fn marks_period_scored(self) -> bool {
        matches!(self, Policy::Full | Policy::Rescore)
    }

    /// Whether the run may write this officer's score at all.
    fn writes(self, o: &OfficerRow, tree: &UnitTree) -> bool {
        match self {
            Policy::Full | Policy::Rescore => true,
            Policy::Unit(unit) => o.unit_id.is_some_and(|u| tree.is_within(u, unit)),
            Policy::Appeal(officer) => o.id == officer,
        }
    }

    /// Whether a new result leaves the stored score as it is.
    fn keeps(
        self,
        previous: &period_score::Model,
        version: &rule_set_version::Model,
        hash: &str,
        s: &Scored,
    ) -> bool {
        (self.keeps_approved() && previous.approved_at.is_some())
            || (self.skips_unchanged()
                && previous.rule_version_hash == version.content_hash
                && previous.inputs_hash == hash
                && previous.status == ScoreStatus::from(s.result.status)
                && previous.total == s.result.total
                && previous.grade == s.result.grade)
    }
}

/// The current scores of these officers in the period.
pub async fn current<C: ConnectionTrait>(
    db: &C,
    period_id: i32,
    officer_ids: Vec<i32>,
) -> Result<HashMap<i32, period_score::Model>, AppError> {
    Ok(period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(period_id))
        .filter(period_score::Column::OfficerId.is_in(officer_ids))
        .filter(period_score::Column::SupersededBy.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.officer_id, s))
        .collect())
}

/// What a store step needs besides the results.
pub struct Target<'a> {
    pub period: &'a period::Model,
    pub rules_period: &'a rubric_rules::Period,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
    pub policy: Policy,
    pub tree: &'a UnitTree,
}

/// Writes one group's results as the policy allows.
pub async fn group<C: ConnectionTrait>(
    db: &C,
    t: &Target<'_>,
    officers: &[OfficerRow],
    latest: &HashMap<i32, period_score::Model>,
    version: &rule_set_version::Model,
    scored: Vec<Scored>,
    run: &mut ScoreRun,
) -> Result<(), AppError> {
    let mut rows = Vec::with_capacity(scored.len());
    let mut replaced = Vec::new();
    for s in scored {
        let officer = officers.get(s.member).ok_or(AppError::Internal)?;
        let previous = latest.get(&officer.id);
        let hash = inputs_hash(t.rules_period, &s.input);
        if !t.policy.writes(officer, t.tree)
            || previous.is_some_and(|p| t.policy.keeps(p, version, &hash, &s))
        {
            run.kept += 1;
            continue;
        }
        let status = ScoreStatus::from(s.result.status);
        match status {
            ScoreStatus::Scored => run.scored += 1,
            ScoreStatus::NotScored => run.not_scored += 1,
        }
        if let Some(prev) = previous {
            replaced.push(prev.id);
        }
        let approved =
            previous.is_some_and(|p| t.policy.carries_approval() && p.approved_at.is_some());
        let work = super::stats::work_of(&t.period.kind, &s.input);
        rows.push(period_score::ActiveModel {
            period_id: Set(t.period.id),
            officer_id: Set(officer.id),
            score_version: Set(previous.map(|p| p.score_version + 1).unwrap_or(1)),
            status: Set(status),
            total: Set(s.result.total),
            grade: Set(s.result.grade.clone()),
            components_json: Set(json!(s.result.components).to_string()),
            trace_json: Set(serde_json::to_string(&s.result.trace)
                .map_err(|e| AppError::internal("trace json", e))?),
            reason: Set(s.result.reason.clone()),
            rule_set_version_id: Set(version.id),
            rule_version_hash: Set(version.content_hash.clone()),
            inputs_hash: Set(hash),
            computed_at: Set(t.now),
            computed_by: Set(t.actor.id),
            approved_at: Set(approved.then_some(t.now)),
            unit_id: Set(officer.unit_id),
            standard_hours: Set(work.standard_hours),
            entry_count: Set(work.entries),
            days_over_norm: Set(work.days_over_norm),
            ..Default::default()
        });
        run.officers += 1;
    }
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<_> = rows.by_ref().take(WRITE_BATCH).collect();
        period_score::Entity::insert_many(batch).exec(db).await?;
    }
    // Link each replaced score to the version that replaces it.
    for chunk in replaced.chunks(WRITE_BATCH) {
        period_score::Entity::update_many()
            .col_expr(
                period_score::Column::SupersededBy,
                Expr::cust(
                    "(SELECT n.id FROM period_scores n \
                      WHERE n.period_id = period_scores.period_id \
                        AND n.officer_id = period_scores.officer_id \
                        AND n.score_version = period_scores.score_version + 1)",
                ),
            )
            .filter(period_score::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Closes a run: the period's state, its figures and the audit event.
pub async fn finish<C: ConnectionTrait>(
    db: &C,
    t: &Target<'_>,
    scope: Option<&str>,
    run: &ScoreRun,
) -> Result<(), AppError> {
    super::stats::refresh(db, t.period).await?;
    if t.policy.marks_period_scored() {
        crate::ssr::services::periods::mark_scored(db, t.period).await?;
    }
    audit::record(
        db,
        t.actor,
        Change::new("period.score", "period", t.period.id).after(&json!({
            "period": t.period.code, "unit": scope, "officers": run.officers, "kept": run.kept,
            "scored": run.scored, "not_scored": run.not_scored, "entries": run.entries,
        })),
    )
    .await?;
    Ok(())
}
