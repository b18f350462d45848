//! Reading stored scores (the computing is in `scoring`).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::models::ScoreView;
use crate::ssr::entities::{period, period_score};

/// The period with this code and the officer's current (not superseded) score in it, in one
/// query.
pub(crate) async fn current_row<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    period_code: &str,
) -> Result<(period::Model, period_score::Model), AppError> {
    use sea_orm::{JoinType, QuerySelect};
    // The join is declared here: the entities declare no relations.
    let found = period_score::Entity::find()
        .select_also(period::Entity)
        .join(
            JoinType::InnerJoin,
            period_score::Entity::belongs_to(period::Entity)
                .from(period_score::Column::PeriodId)
                .to(period::Column::Id)
                .into(),
        )
        .filter(period::Column::Code.eq(period_code.trim()))
        .filter(period_score::Column::OfficerId.eq(officer_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .one(db)
        .await?;
    match found {
        Some((s, Some(p))) => Ok((p, s)),
        _ => Err(AppError::NotFound),
    }
}

/// An officer's current (not superseded) score for the period with this code.
pub async fn current<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    period_code: &str,
) -> Result<ScoreView, AppError> {
    let (p, s) = current_row(db, officer_id, period_code).await?;
    Ok(ScoreView {
        officer_id,
        period: p.code,
        status: s.status,
        total: s.total,
        grade: s.grade,
        reason: s.reason,
        components: serde_json::from_str(&s.components_json)
            .map_err(|e| AppError::internal("components_json", e))?,
        rule_version_hash: s.rule_version_hash,
        score_version: s.score_version,
    })
}

/// The officer's current score per period, newest first: one query, and only the columns
/// shown (a score row carries its whole trace).
pub async fn history<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
) -> Result<Vec<crate::models::ScoreSummary>, AppError> {
    use sea_orm::{JoinType, QueryOrder, QuerySelect};
    #[derive(sea_orm::FromQueryResult)]
    struct Row {
        period: String,
        starts_on: chrono::NaiveDate,
        status: crate::models::ScoreStatus,
        total: Option<f64>,
        grade: Option<String>,
    }
    let rows: Vec<Row> = period_score::Entity::find()
        .select_only()
        .column_as(period::Column::Code, "period")
        .column(period::Column::StartsOn)
        .column(period_score::Column::Status)
        .column(period_score::Column::Total)
        .column(period_score::Column::Grade)
        .join(
            JoinType::InnerJoin,
            period_score::Entity::belongs_to(period::Entity)
                .from(period_score::Column::PeriodId)
                .to(period::Column::Id)
                .into(),
        )
        .filter(period_score::Column::OfficerId.eq(officer_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .order_by_desc(period::Column::StartsOn)
        .order_by_asc(period::Column::Code)
        .into_model()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::models::ScoreSummary {
            period: r.period,
            starts_on: r.starts_on,
            status: r.status,
            total: r.total,
            grade: r.grade,
        })
        .collect())
}

/// A score explained: the trace rule by rule with the entries behind each rule, and the
/// formula version that produced it. `period` empty: the latest scored period.
pub async fn explanation<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    period_code: &str,
) -> Result<crate::models::ScoreExplanation, AppError> {
    explain(db, None, officer_id, period_code).await
}

/// [`explanation`], with the parts that never change for a stored score taken from `cache`
/// (and put there on first reading).
pub async fn explanation_cached<C: ConnectionTrait>(
    db: &C,
    cache: &ExplanationCache,
    officer_id: i32,
    period_code: &str,
) -> Result<crate::models::ScoreExplanation, AppError> {
    explain(db, Some(cache), officer_id, period_code).await
}

/// The parts of a score's explanation that are fixed when the score is stored: a score row
/// is never rewritten (a new computation supersedes it with a new row; only its approval,
/// publication and unit stamps are set later, and those are read each time), so its
/// components, trace lines, walk-through and formula are read and built once per score id.
#[derive(Debug)]
pub struct FixedExplanation {
    components: Vec<(String, f64)>,
    trace: Vec<crate::models::TraceLine>,
    walkthrough: Option<crate::models::Walkthrough>,
    rule_version_id: i32,
    rule_set_name: String,
    formula_scope: crate::models::FormulaScope,
    rule_version_no: i32,
    /// Its serialised size, what it weighs in the cache.
    bytes: u64,
}

/// Stored scores' fixed explanations by score id, the most used kept, bounded by their size
/// (`BUDGET` bytes of their serialised form: a month's explanation with its entries is
/// 10–80 KB, so a few hundred to a few thousand scores).
#[derive(Clone)]
pub struct ExplanationCache(
    std::sync::Arc<quick_cache::sync::Cache<i64, std::sync::Arc<FixedExplanation>, BySize>>,
);

/// An explanation weighs its serialised size, measured once when it is built.
#[derive(Clone, Default)]
pub struct BySize;

impl quick_cache::Weighter<i64, std::sync::Arc<FixedExplanation>> for BySize {
    fn weight(&self, _: &i64, v: &std::sync::Arc<FixedExplanation>) -> u64 {
        v.bytes.max(1)
    }
}

impl ExplanationCache {
    /// At most this many bytes of explanations are kept.
    pub const BUDGET: u64 = 24 * 1024 * 1024;

    pub fn new() -> Self {
        ExplanationCache(std::sync::Arc::new(
            quick_cache::sync::Cache::with_weighter(1024, Self::BUDGET, BySize),
        ))
    }

    /// How many scores' explanations are kept.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The bytes they weigh.
    pub fn weight(&self) -> u64 {
        self.0.weight()
    }
}

impl Default for ExplanationCache {
    fn default() -> Self {
        Self::new()
    }
}

async fn explain<C: ConnectionTrait>(
    db: &C,
    cache: Option<&ExplanationCache>,
    officer_id: i32,
    period_code: &str,
) -> Result<crate::models::ScoreExplanation, AppError> {
    use crate::models::ScoreExplanation;
    let history = history(db, officer_id).await?;
    let code = match period_code.trim() {
        "" => history
            .first()
            .map(|h| h.period.clone())
            .ok_or(AppError::NotFound)?,
        c => c.to_string(),
    };
    let (p, s) = current_row(db, officer_id, &code).await?;
    let (officer, position) = officer_with_position(db, officer_id).await?;
    let fixed = match cache.and_then(|c| c.0.get(&s.id)) {
        Some(fixed) => fixed,
        None => {
            let fixed = std::sync::Arc::new(fixed_explanation(db, &p, &s).await?);
            if let Some(c) = cache {
                c.0.insert(s.id, fixed.clone());
            }
            fixed
        }
    };
    let (officer_unit, officer_agency) = unit_and_agency(db, s.unit_id.or(officer.unit_id)).await?;
    let officer_position = position.map(|p| p.name).unwrap_or_default();
    let appeals = crate::ssr::services::appeals::views(db, Some(&[officer_id]), p.id).await?;
    let versions =
        crate::ssr::services::appeals::score_versions(db, officer_id, p.id, &appeals).await?;
    Ok(ScoreExplanation {
        officer_id,
        officer_name: officer.full_name,
        officer_position,
        officer_unit,
        officer_agency,
        period: p.code.clone(),
        published: p.status == crate::models::PeriodStatus::Published,
        status: s.status,
        total: s.total,
        grade: s.grade,
        reason: s.reason,
        components: fixed.components.clone(),
        trace: fixed.trace.clone(),
        walkthrough: fixed.walkthrough.clone(),
        rule_version_id: fixed.rule_version_id,
        rule_set_name: fixed.rule_set_name.clone(),
        formula_scope: fixed.formula_scope.clone(),
        rule_version_no: fixed.rule_version_no,
        rule_version_hash: s.rule_version_hash,
        score_version: s.score_version,
        history,
        versions,
        appeals,
        appeal_entries: Vec::new(),
        folded: false,
    })
}

/// The officer and their position, in one query.
async fn officer_with_position<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
) -> Result<
    (
        crate::ssr::entities::user::Model,
        Option<crate::ssr::entities::position::Model>,
    ),
    AppError,
> {
    use crate::ssr::entities::{position, user};
    use sea_orm::{JoinType, QuerySelect};
    user::Entity::find_by_id(officer_id)
        .select_also(position::Entity)
        .join(
            JoinType::LeftJoin,
            user::Entity::belongs_to(position::Entity)
                .from(user::Column::PositionId)
                .to(position::Column::Id)
                .into(),
        )
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Reads and builds the fixed parts of a stored score's explanation.
async fn fixed_explanation<C: ConnectionTrait>(
    db: &C,
    p: &period::Model,
    s: &period_score::Model,
) -> Result<FixedExplanation, AppError> {
    let (version, set) =
        crate::ssr::services::rule_versions::with_set(db, s.rule_set_version_id).await?;
    let formula_scope = formula_scope(db, &set).await?;
    let trace: rubric_rules::Trace =
        serde_json::from_str(&s.trace_json).map_err(|e| AppError::internal("trace_json", e))?;
    let trace_lines = trace_lines(db, s.officer_id, &trace).await?;
    let components: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&s.components_json).unwrap_or_default();
    let order = [
        "months_average",
        "months_scored",
        "year_assessment",
        "general",
        "a",
        "b",
        "c",
        "task",
    ];
    let mut components: Vec<(String, f64)> = components
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_f64()?)))
        .collect();
    components.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
    let walkthrough = match (s.total, s.grade.as_deref()) {
        (Some(total), Some(grade)) => {
            let stored = StoredScore {
                components: components.iter().cloned().collect(),
                total,
                grade,
                trace: &trace,
            };
            walkthrough_of(db, p, s.officer_id, &version, &stored).await?
        }
        _ => None,
    };
    let bytes = serde_json::to_vec(&(&components, &trace_lines, &walkthrough))
        .map_or(0, |v| v.len() as u64)
        + set.name.len() as u64;
    Ok(FixedExplanation {
        components,
        trace: trace_lines,
        walkthrough,
        rule_version_id: version.id,
        rule_set_name: set.name,
        formula_scope,
        rule_version_no: version.version_no,
        bytes,
    })
}

/// What a stored score holds, for its walk-through.
struct StoredScore<'a> {
    components: std::collections::BTreeMap<String, f64>,
    total: f64,
    grade: &'a str,
    trace: &'a rubric_rules::Trace,
}

/// "How my score is computed" for a stored score: the version's parameters and, for a
/// month, the entries and criteria points it was computed from. `None` when the version's
/// parameters no longer parse (the trace still explains the score).
async fn walkthrough_of<C: ConnectionTrait>(
    db: &C,
    p: &crate::ssr::entities::period::Model,
    officer_id: i32,
    version: &crate::ssr::entities::rule_set_version::Model,
    stored: &StoredScore<'_>,
) -> Result<Option<crate::models::Walkthrough>, AppError> {
    use crate::ssr::services::{scoring::load, walkthrough};
    let Ok(params) = rubric_rules::ParamDecls::parse(&version.params_json) else {
        tracing::warn!(
            version = version.id,
            "a scored version's parameters do not parse"
        );
        return Ok(None);
    };
    let Some(kind) = crate::models::PeriodKind::parse(&p.kind) else {
        return Ok(None);
    };
    let (entries, criteria) = if kind == crate::models::PeriodKind::Month {
        load::officer_input(db, p, officer_id).await?
    } else {
        (Vec::new(), None)
    };
    let mut given = std::collections::BTreeMap::new();
    if let Some(c) = criteria {
        given.insert("general".to_string(), c.general);
        if let Some(r) = c.reform_it {
            given.insert("reform_it".to_string(), r);
        }
    }
    Ok(Some(walkthrough::build(&walkthrough::ScoreFacts {
        kind,
        params: &params,
        components: &stored.components,
        total: stored.total,
        grade: stored.grade,
        trace: stored.trace,
        entries: &entries,
        criteria: &given,
    })))
}

/// The names of a unit and of the agency it belongs to (empty when none).
async fn unit_and_agency<C: ConnectionTrait>(
    db: &C,
    unit_id: Option<i32>,
) -> Result<(String, String), AppError> {
    let chain = crate::ssr::auth::guard::unit_chain_named(db, unit_id).await?;
    let Some(first) = chain.first() else {
        return Ok(Default::default());
    };
    let agency = chain
        .iter()
        .find(|u| u.kind == "agency")
        .map(|u| u.name.clone())
        .unwrap_or_default();
    Ok((first.name.clone(), agency))
}

/// Which level of formula `set` is, named for the score page.
async fn formula_scope<C: ConnectionTrait>(
    db: &C,
    set: &crate::ssr::entities::rule_set::Model,
) -> Result<crate::models::FormulaScope, AppError> {
    use crate::models::FormulaScope;
    use crate::ssr::entities::{position, unit};
    if let Some(id) = set.position_id {
        let code = position::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| p.code)
            .unwrap_or_default();
        return Ok(FormulaScope::Position(code));
    }
    if let Some(id) = set.agency_id {
        let name = unit::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        return Ok(FormulaScope::Agency(name));
    }
    Ok(FormulaScope::Province)
}

/// A stored trace's items with the work-log entries behind each (date and task).
pub async fn trace_lines<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    trace: &rubric_rules::Trace,
) -> Result<Vec<crate::models::TraceLine>, AppError> {
    use crate::models::{TraceEntry, TraceLine};
    use crate::ssr::entities::{catalog_item, work_log_entry};
    let entry_ids: Vec<i64> = trace
        .items()
        .iter()
        .flat_map(|i| i.entries.iter().filter_map(|e| e.id.parse::<i64>().ok()))
        .collect();
    let mut entries = std::collections::HashMap::new();
    for chunk in entry_ids.chunks(500) {
        for e in work_log_entry::Entity::find()
            .filter(work_log_entry::Column::Id.is_in(chunk.to_vec()))
            .filter(work_log_entry::Column::OfficerId.eq(officer_id))
            .all(db)
            .await?
        {
            entries.insert(e.id, e);
        }
    }
    let item_ids: Vec<i32> = entries.values().filter_map(|e| e.catalog_item_id).collect();
    let items: std::collections::HashMap<i32, catalog_item::Model> = catalog_item::Entity::find()
        .filter(catalog_item::Column::Id.is_in(item_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    Ok(trace
        .items()
        .iter()
        .map(|i| {
            let listed: Vec<TraceEntry> = i
                .entries
                .iter()
                .filter_map(|c| {
                    let id = c.id.parse::<i64>().ok()?;
                    let e = entries.get(&id);
                    Some(TraceEntry {
                        entry_id: id,
                        contribution: c.contribution,
                        work_date: e.map(|e| e.work_date),
                        task: e
                            .and_then(|e| e.catalog_item_id)
                            .and_then(|i| items.get(&i))
                            .map(|i| format!("{} — {}", i.code, i.name))
                            .or_else(|| e.and_then(|e| e.off_catalog_description.clone())),
                    })
                })
                .collect();
            TraceLine {
                rule: i.rule.clone(),
                label: i.label.clone(),
                explanation: i.explanation.clone(),
                points: i.points,
                line: i.line,
                entry_count: listed.len(),
                entries: listed,
            }
        })
        .collect())
}

/// A formula version's script and header.
pub async fn formula_source<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
) -> Result<crate::models::FormulaSource, AppError> {
    let (v, set) = crate::ssr::services::rule_versions::with_set(db, version_id).await?;
    Ok(crate::models::FormulaSource {
        id: v.id,
        rule_set_name: set.name,
        version_no: v.version_no,
        status: v.status,
        content_hash: v.content_hash,
        effective_from: v.effective_from,
        script: v.script,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(bytes: u64) -> std::sync::Arc<FixedExplanation> {
        std::sync::Arc::new(FixedExplanation {
            components: Vec::new(),
            trace: Vec::new(),
            walkthrough: None,
            rule_version_id: 1,
            rule_set_name: String::new(),
            formula_scope: crate::models::FormulaScope::Province,
            rule_version_no: 1,
            bytes,
        })
    }

    #[test]
    fn the_cache_keeps_explanations_within_its_byte_budget() {
        let cache = ExplanationCache::new();
        let mb = 1024 * 1024;
        for id in 0..100 {
            cache.0.insert(id, fixed(mb));
            assert!(cache.weight() <= ExplanationCache::BUDGET, "after {id}");
        }
        assert!(cache.len() <= 24 && cache.len() >= 12, "{}", cache.len());
        // An explanation larger than the whole budget is not kept at all.
        cache.0.insert(1000, fixed(ExplanationCache::BUDGET + 1));
        assert!(cache.0.get(&1000).is_none());
        assert!(cache.weight() <= ExplanationCache::BUDGET);
    }
}
