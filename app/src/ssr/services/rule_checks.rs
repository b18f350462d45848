//! The test results of formula texts: compiled and run once per content hash on the rule
//! pool and stored (`rule_checks`), when a draft is saved, submitted or approved, or when
//! someone asks for them. The editor's page only reads them: a page view never runs a script.

use chrono::Utc;
use rubric_rules::{RuleEngine, RuleError, RuleSetSource};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::error::AppError;
use crate::i18n::Notice;
use crate::models::{CaseFailureView, CaseResultView, CaseRunView, ScriptProblem};
use crate::ssr::entities::rule_check;
use crate::ssr::rule_pool::RulePool;

/// Where an engine error points in the script, with its Vietnamese message.
pub fn problem_of(e: &RuleError) -> ScriptProblem {
    let (line, column) = match e {
        RuleError::Compile(s) | RuleError::Contract(s) | RuleError::Runtime(s) => {
            (s.line, s.column)
        }
        RuleError::Limit(l) => (l.line, l.column),
        _ => (None, None),
    };
    ScriptProblem {
        line,
        column,
        message: e.to_string(),
    }
}

/// Compiles a version's texts and runs its test cases (on the calling thread: give it to
/// the pool).
pub fn run(engine: &RuleEngine, source: &RuleSetSource) -> CaseRunView {
    let compiled = match engine.compile(source) {
        Ok(c) => c,
        Err(e) => {
            return CaseRunView {
                problem: Some(problem_of(&e)),
                cases: Vec::new(),
                passed: 0,
                failed: 0,
            }
        }
    };
    let report = engine.run_cases(&compiled);
    CaseRunView {
        problem: None,
        passed: report.passed,
        failed: report.failed,
        cases: report
            .cases
            .into_iter()
            .map(|c| CaseResultView {
                name: c.name,
                passed: c.passed,
                failures: c
                    .failures
                    .into_iter()
                    .map(|f| CaseFailureView {
                        officer: f.officer,
                        field: f.field,
                        expected: f.expected,
                        actual: f.actual,
                    })
                    .collect(),
                error: c.error.map(|e| e.to_string()),
            })
            .collect(),
    }
}

/// The stored results of the texts with `content_hash`, if they were run.
pub async fn stored<C: ConnectionTrait>(
    db: &C,
    content_hash: &str,
) -> Result<Option<CaseRunView>, AppError> {
    let Some(row) = rule_check::Entity::find_by_id(content_hash.to_string())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    match serde_json::from_str(&row.result_json) {
        Ok(run) => Ok(Some(run)),
        // Written by an older shape of the view: as if never run.
        Err(e) => {
            tracing::warn!(content_hash, error = %e, "unreadable stored test results");
            Ok(None)
        }
    }
}

/// Runs the texts' tests on the pool for `who` and stores the results (replacing any).
pub async fn refresh<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    who: Option<i32>,
    source: &RuleSetSource,
) -> Result<CaseRunView, AppError> {
    let hash = source.content_hash();
    let job = source.clone();
    let checks = pool.run(who, move |engine| run(engine, &job)).await?;
    let json = serde_json::to_string(&checks).map_err(|e| AppError::internal("checks", e))?;
    rule_check::Entity::insert(rule_check::ActiveModel {
        content_hash: Set(hash),
        result_json: Set(json),
        checked_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(rule_check::Column::ContentHash)
            .update_columns([
                rule_check::Column::ResultJson,
                rule_check::Column::CheckedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(checks)
}

/// The stored results of the texts, run and stored first when there are none.
pub async fn ensure<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    who: Option<i32>,
    source: &RuleSetSource,
) -> Result<CaseRunView, AppError> {
    match stored(db, &source.content_hash()).await? {
        Some(checks) => Ok(checks),
        None => refresh(db, pool, who, source).await,
    }
}

/// Refuses texts that do not compile or fail a test, naming the failing cases.
pub fn require_passing(checks: &CaseRunView) -> Result<(), AppError> {
    if let Some(p) = &checks.problem {
        return Err(AppError::notice(
            "script",
            Notice::ScriptDoesNotCompile {
                error: p.message.clone(),
            },
        ));
    }
    let failed: Vec<String> = checks
        .cases
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name.clone())
        .collect();
    if !failed.is_empty() {
        return Err(AppError::notice(
            "cases",
            Notice::TestCasesFailed { cases: failed },
        ));
    }
    Ok(())
}
