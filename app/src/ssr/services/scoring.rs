//! Period scoring: every officer of a period (or of a unit's subtree) scored with the rule
//! version effective for that period, cohort by cohort, and stored with the hashes of the
//! rule version and of the inputs so that any score can be recomputed and explained.
//!
//! Re-scoring never overwrites: it adds a new score version and links the previous one to
//! it (`superseded_by`). Work proceeds one cohort at a time (the cohort step needs all of a
//! cohort's officers together), so memory follows the largest cohort, not the province.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, Utc};
use rubric_rules::{CompiledRuleSet, Entry, Officer, ParamValues, Period, ScoringInput};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::i18n::Msg;
use crate::ssr::entities::{
    catalog_item, criteria_points, period, period_score, position, rule_set_version, unit, user,
    user_role, work_log_entry,
};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::rule_versions;
use crate::ssr::services::versioned::{compare_and_set, VersionedColumns};

/// Scores written per INSERT statement (18 columns: well inside SQLite's and PostgreSQL's
/// bound-parameter limits).
const WRITE_BATCH: usize = 500;

fn chunks<T>(mut items: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    while items.len() > size {
        let rest = items.split_off(size);
        out.push(std::mem::replace(&mut items, rest));
    }
    if !items.is_empty() {
        out.push(items);
    }
    out
}

/// Entry states that count for scoring.
pub const SCORABLE_STATES: [&str; 2] = ["approved", "locked"];

/// What a scoring run did, with its timings split into read, score and write.
#[derive(Debug, Default, Clone)]
pub struct ScoreRun {
    pub period: String,
    pub officers: usize,
    pub scored: usize,
    pub not_scored: usize,
    pub entries: usize,
    pub cohorts: usize,
    /// Officers scored for their cohort but whose stored score was left as it was: outside
    /// [`ScoreOptions::write_within`], already approved, or unchanged.
    pub kept: usize,
    pub read: Duration,
    pub score: Duration,
    pub write: Duration,
    /// A dry run's results (nothing was stored).
    pub dry: Vec<DryResult>,
}

/// One officer's result in a dry run ([`ScoreOptions::dry_run`]).
#[derive(Debug, Clone)]
pub struct DryResult {
    pub officer_id: i32,
    pub unit_id: Option<i32>,
    pub position_id: Option<i32>,
    pub rule_version_id: i32,
    pub result: rubric_rules::OfficerResult,
}

/// A version scored in place of the active one for the officers it would cover: a
/// simulation's draft, or a draft tried on an officer's period.
#[derive(Debug, Clone, Copy)]
pub struct DraftRules<'a> {
    pub version: &'a rule_set_version::Model,
    /// The draft's rule set's position (`None`: the province default).
    pub position_id: Option<i32>,
}

impl DraftRules<'_> {
    /// Whether the draft scores an officer of `position_id` whose active version is `active`.
    pub fn covers(
        &self,
        position_id: Option<i32>,
        active: Option<&rule_set_version::Model>,
    ) -> bool {
        match self.position_id {
            Some(p) => position_id == Some(p),
            None => active.is_none_or(|a| a.rule_set_id == self.version.rule_set_id),
        }
    }
}

/// Parses `2025-05` (month), `2025-Q2` (quarter) or `2025` (year) into its kind and dates.
pub fn parse_period_code(code: &str) -> Result<(String, NaiveDate, NaiveDate), AppError> {
    let bad = || AppError::Invalid {
        field: "period".into(),
        message: format!(
            "Kỳ \"{code}\" không hợp lệ: dùng dạng 2025-05 (tháng), 2025-Q2 (quý) hoặc 2025 (năm)."
        ),
    };
    let code = code.trim();
    let month_end = |y: i32, m: u32| -> Option<NaiveDate> {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
    };
    if let Some((y, rest)) = code.split_once('-') {
        let y: i32 = y.parse().map_err(|_| bad())?;
        if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
            let q: u32 = q.parse().map_err(|_| bad())?;
            if !(1..=4).contains(&q) {
                return Err(bad());
            }
            let start = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1).ok_or_else(bad)?;
            let end = month_end(y, q * 3).ok_or_else(bad)?;
            return Ok(("quarter".into(), start, end));
        }
        let m: u32 = rest.parse().map_err(|_| bad())?;
        let start = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
        let end = month_end(y, m).ok_or_else(bad)?;
        return Ok(("month".into(), start, end));
    }
    let y: i32 = code.parse().map_err(|_| bad())?;
    let start = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?;
    let end = NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)?;
    Ok(("year".into(), start, end))
}

/// The period's code as stored: `2025-05`, `2025-Q2` or `2025`.
pub fn canonical_code(kind: &str, start: NaiveDate) -> String {
    match kind {
        "month" => format!("{}-{:02}", start.year(), start.month()),
        "quarter" => format!("{}-Q{}", start.year(), (start.month() - 1) / 3 + 1),
        _ => format!("{}", start.year()),
    }
}

/// The period with this code, if it exists.
pub async fn find_period<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<period::Model>, AppError> {
    let (kind, start, _) = parse_period_code(code)?;
    Ok(period::Entity::find()
        .filter(period::Column::Code.eq(canonical_code(&kind, start)))
        .one(db)
        .await?)
}

/// A period that must already exist (a simulation, a trial, a re-score); refused by its
/// code otherwise.
pub async fn existing_period<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<period::Model, AppError> {
    find_period(db, code).await?.ok_or_else(|| {
        AppError::invalid(
            "period",
            format!("Không có kỳ đánh giá \"{}\".", code.trim()),
        )
    })
}

/// The period with this code, created (open) if it does not exist yet.
pub async fn ensure_period<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<period::Model, AppError> {
    let (kind, start, end) = parse_period_code(code)?;
    // Periods come into being as work is scored, never ahead of time: a period that has not
    // begun (in Vietnam) has nothing to score or to give points for.
    if start > crate::i18n::vietnam_date(Utc::now()) {
        return Err(AppError::refused("period", Msg::PeriodNotStarted));
    }
    let canonical = canonical_code(&kind, start);
    if let Some(p) = period::Entity::find()
        .filter(period::Column::Code.eq(canonical.clone()))
        .one(db)
        .await?
    {
        return Ok(p);
    }
    Ok(period::ActiveModel {
        code: Set(canonical),
        kind: Set(kind),
        starts_on: Set(start),
        ends_on: Set(end),
        status: Set("open".into()),
        lock_version: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The organisation tree, for subtree filters and each unit's agency.
pub struct UnitTree {
    units: HashMap<i32, unit::Model>,
}

impl UnitTree {
    pub async fn load<C: ConnectionTrait>(db: &C) -> Result<UnitTree, AppError> {
        let units = unit::Entity::find().all(db).await?;
        Ok(UnitTree {
            units: units.into_iter().map(|u| (u.id, u)).collect(),
        })
    }

    pub fn by_code(&self, code: &str) -> Option<&unit::Model> {
        self.units.values().find(|u| u.code == code)
    }

    pub fn get(&self, id: i32) -> Option<&unit::Model> {
        self.units.get(&id)
    }

    /// Every unit, in no particular order.
    pub fn all(&self) -> impl Iterator<Item = &unit::Model> {
        self.units.values()
    }

    /// Whether `id` is `ancestor` or below it.
    pub fn is_within(&self, id: i32, ancestor: i32) -> bool {
        let mut cur = Some(id);
        let mut steps = 0;
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.units.get(&c).and_then(|u| u.parent_id);
            steps += 1;
            if steps > 64 {
                return false;
            }
        }
        false
    }

    /// The agency a unit belongs to (itself when it is one); the province if none.
    pub fn agency_of(&self, id: i32) -> Option<&unit::Model> {
        let mut cur = self.units.get(&id);
        let mut last = None;
        let mut steps = 0;
        while let Some(u) = cur {
            if u.kind == "agency" {
                return Some(u);
            }
            last = Some(u);
            cur = u.parent_id.and_then(|p| self.units.get(&p));
            steps += 1;
            if steps > 64 {
                break;
            }
        }
        last
    }
}

/// The columns of a work-log entry that scoring reads (the rest is not fetched).
#[derive(Debug, FromQueryResult)]
struct ScoringRow {
    id: i64,
    officer_id: i32,
    work_date: NaiveDate,
    catalog_item_id: Option<i32>,
    proposed_minutes: Option<f64>,
    assigned_qty: f64,
    completed_qty: f64,
    deadline: Option<NaiveDate>,
    completed_on: Option<NaiveDate>,
    quality_failures: i32,
    delays: i32,
    objective_cause: bool,
}

struct OfficerRow {
    user: user::Model,
    position: Option<position::Model>,
    unit_code: Option<String>,
    cohort: String,
}

/// Which officers a run scores and which of their stored scores it may replace.
#[derive(Debug, Default, Clone)]
pub struct ScoreOptions<'a> {
    /// Score only this unit's subtree (cohorts are formed from the officers in scope).
    pub unit_code: Option<&'a str>,
    /// Store new scores only for officers in this unit's subtree; the others of the scope
    /// are scored only so that their cohort (the 20 % cap) is complete.
    pub write_within: Option<i32>,
    /// Leave a score alone when the rule version, the inputs and the result are the same.
    pub skip_unchanged: bool,
    /// Leave approved scores alone (they change only through an appeal or an explicit
    /// re-score of the period).
    pub keep_approved: bool,
    /// Store a new score only for this officer (an appeal's re-score).
    pub only_officer: Option<i32>,
    /// A new version of an approved score is approved too (the reviewer's answer to an
    /// appeal approves it).
    pub carry_approval: bool,
    /// Leave the period's state as it is: a unit's run or an appeal's re-score does not
    /// make the province's period "scored".
    pub keep_period_status: bool,
    /// Score without storing anything: the results come back in [`ScoreRun::dry`] (only
    /// [`Self::only_officer`]'s when set) and the transaction is rolled back.
    pub dry_run: bool,
    /// Score with this version where it applies instead of the active one (dry runs only).
    pub draft: Option<DraftRules<'a>>,
}

/// Scores a period, recording a new score version for every officer in scope. `unit_code`
/// limits the run to that unit's subtree (cohorts are still formed from the officers in
/// scope). This is the explicit re-score of the command line and of the administrators.
pub async fn score_period<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    period_code: &str,
    unit_code: Option<&str>,
) -> Result<ScoreRun, AppError> {
    let options = ScoreOptions {
        unit_code,
        ..Default::default()
    };
    score_period_with(db, pool, actor, period_code, &options).await
}

/// Scores a period as `options` say.
pub async fn score_period_with<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    period_code: &str,
    options: &ScoreOptions<'_>,
) -> Result<ScoreRun, AppError> {
    let unit_code = options.unit_code;
    let t_read = Instant::now();
    let mut run = ScoreRun::default();
    let txn = db.begin().await?;
    let period = ensure_period(&txn, period_code).await?;
    run.period = period.code.clone();
    let tree = UnitTree::load(&txn).await?;
    let scope = match unit_code {
        Some(code) => Some(
            tree.by_code(code)
                .ok_or_else(|| AppError::Invalid {
                    field: "unit".into(),
                    message: format!("Không có đơn vị mã \"{code}\"."),
                })?
                .id,
        ),
        None => None,
    };
    let positions: HashMap<i32, position::Model> = position::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let officer_ids: HashSet<i32> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq("officer"))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    let mut cohorts: BTreeMap<String, Vec<OfficerRow>> = BTreeMap::new();
    for u in user::Entity::find()
        .filter(user::Column::IsActive.eq(true))
        .order_by_asc(user::Column::Id)
        .all(&txn)
        .await?
    {
        if !officer_ids.contains(&u.id) {
            continue;
        }
        if let (Some(scope), Some(unit_id)) = (scope, u.unit_id) {
            if !tree.is_within(unit_id, scope) {
                continue;
            }
        } else if scope.is_some() {
            continue;
        }
        let position = u.position_id.and_then(|p| positions.get(&p)).cloned();
        let agency = u
            .unit_id
            .and_then(|id| tree.agency_of(id))
            .map(|a| a.code.clone())
            .unwrap_or_default();
        let cohort = format!(
            "{agency}:{}",
            position
                .as_ref()
                .map(|p| p.cohort_group.as_str())
                .unwrap_or("khac")
        );
        let unit_code = u
            .unit_id
            .and_then(|id| tree.get(id))
            .map(|x| x.code.clone());
        cohorts.entry(cohort.clone()).or_default().push(OfficerRow {
            user: u,
            position,
            unit_code,
            cohort,
        });
    }
    run.read += t_read.elapsed();

    let rules_period = Period {
        kind: period.kind.clone(),
        start: period.starts_on,
        end: period.ends_on,
    };
    let mut versions: HashMap<Option<i32>, Option<rule_set_version::Model>> = HashMap::new();
    let mut compiled: HashMap<i32, CompiledRuleSet> = HashMap::new();
    let mut catalog: HashMap<i32, catalog_item::Model> = HashMap::new();
    let now = Utc::now();

    for (_cohort, officers) in cohorts {
        run.cohorts += 1;
        let t = Instant::now();
        // Which version scores whom.
        let mut by_version: BTreeMap<i32, Vec<&OfficerRow>> = BTreeMap::new();
        for o in &officers {
            let pid = o.position.as_ref().map(|p| p.id);
            if let std::collections::hash_map::Entry::Vacant(slot) = versions.entry(pid) {
                let active = rule_versions::effective_for(&txn, pid, period.starts_on).await?;
                let chosen = match options.draft {
                    Some(d) if options.dry_run && d.covers(pid, active.as_ref()) => {
                        Some(d.version.clone())
                    }
                    _ => active,
                };
                slot.insert(chosen);
            }
            match versions.get(&pid).and_then(|v| v.as_ref()) {
                Some(v) => by_version.entry(v.id).or_default().push(o),
                None => {
                    return Err(AppError::Invalid {
                        field: "rules".into(),
                        message: format!(
                            "Không có công thức nào đang áp dụng cho kỳ {} (vị trí {}).",
                            period.code,
                            o.position.as_ref().map(|p| p.code.as_str()).unwrap_or("—")
                        ),
                    })
                }
            }
        }
        let ids: Vec<i32> = officers.iter().map(|o| o.user.id).collect();
        let entries = work_log_entry::Entity::find()
            .select_only()
            .columns([
                work_log_entry::Column::Id,
                work_log_entry::Column::OfficerId,
                work_log_entry::Column::WorkDate,
                work_log_entry::Column::CatalogItemId,
                work_log_entry::Column::ProposedMinutes,
                work_log_entry::Column::AssignedQty,
                work_log_entry::Column::CompletedQty,
                work_log_entry::Column::Deadline,
                work_log_entry::Column::CompletedOn,
                work_log_entry::Column::QualityFailures,
                work_log_entry::Column::Delays,
                work_log_entry::Column::ObjectiveCause,
            ])
            .filter(work_log_entry::Column::OfficerId.is_in(ids.clone()))
            .filter(work_log_entry::Column::WorkDate.gte(period.starts_on))
            .filter(work_log_entry::Column::WorkDate.lte(period.ends_on))
            .filter(work_log_entry::Column::Status.is_in(SCORABLE_STATES))
            .order_by_asc(work_log_entry::Column::OfficerId)
            .order_by_asc(work_log_entry::Column::WorkDate)
            .order_by_asc(work_log_entry::Column::Id)
            .into_model::<ScoringRow>()
            .all(&txn)
            .await?;
        let missing: Vec<i32> = entries
            .iter()
            .filter_map(|e| e.catalog_item_id)
            .filter(|id| !catalog.contains_key(id))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if !missing.is_empty() {
            for item in catalog_item::Entity::find()
                .filter(catalog_item::Column::Id.is_in(missing))
                .all(&txn)
                .await?
            {
                catalog.insert(item.id, item);
            }
        }
        let criteria: HashMap<i32, criteria_points::Model> = criteria_points::Entity::find()
            .filter(criteria_points::Column::PeriodId.eq(period.id))
            .filter(criteria_points::Column::OfficerId.is_in(ids.clone()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|c| (c.officer_id, c))
            .collect();
        let mut entries_of: HashMap<i32, Vec<Entry>> = HashMap::new();
        for e in &entries {
            entries_of
                .entry(e.officer_id)
                .or_default()
                .push(to_rules_entry(e, &catalog));
        }
        let latest: HashMap<i32, period_score::Model> = period_score::Entity::find()
            .filter(period_score::Column::PeriodId.eq(period.id))
            .filter(period_score::Column::OfficerId.is_in(ids))
            .filter(period_score::Column::SupersededBy.is_null())
            .all(&txn)
            .await?
            .into_iter()
            .map(|s| (s.officer_id, s))
            .collect();
        run.read += t.elapsed();
        run.entries += entries.len();

        for (version_id, group) in by_version {
            let t = Instant::now();
            let version = versions
                .values()
                .flatten()
                .find(|v| v.id == version_id)
                .cloned()
                .ok_or(AppError::Internal)?;
            let rules = match compiled.get(&version_id) {
                Some(rules) => rules.clone(),
                None => {
                    let source = rule_versions::source_of(&version);
                    let rules = pool
                        .run(actor.id, move |engine| engine.compile(&source))
                        .await?
                        .map_err(|e| AppError::internal("compile active rule version", e))?;
                    compiled.insert(version_id, rules.clone());
                    rules
                }
            };
            let input = ScoringInput {
                period: rules_period.clone(),
                officers: group
                    .iter()
                    .map(|o| to_rules_officer(o, &criteria, &mut entries_of))
                    .collect(),
            };
            // The input travels to the pool's thread and back: the results are matched to it.
            let (input, results) = pool
                .run(actor.id, move |engine| {
                    let results = engine.score(&rules, &input, &ParamValues::default());
                    (input, results)
                })
                .await?;
            let results = results.map_err(|e| AppError::Invalid {
                field: "rules".into(),
                message: format!("Công thức phiên bản {} báo lỗi: {e}", version.version_no),
            })?;
            run.score += t.elapsed();

            let t = Instant::now();
            let mut rows = Vec::with_capacity(results.len());
            let mut replaced = Vec::new();
            for ((officer, result), row) in input.officers.iter().zip(results).zip(&group) {
                let officer_id: i32 = officer.id.parse().map_err(|_| AppError::Internal)?;
                if options.dry_run {
                    if options.only_officer.is_none_or(|o| o == officer_id) {
                        run.dry.push(DryResult {
                            officer_id,
                            unit_id: row.user.unit_id,
                            position_id: row.position.as_ref().map(|p| p.id),
                            rule_version_id: version.id,
                            result,
                        });
                    }
                    continue;
                }
                let previous = latest.get(&officer_id);
                let status = match result.status {
                    rubric_rules::Status::Scored => "scored",
                    rubric_rules::Status::NotScored => "not_scored",
                };
                let hash = inputs_hash(&rules_period, officer);
                let outside = options
                    .write_within
                    .is_some_and(|w| !row.user.unit_id.is_some_and(|u| tree.is_within(u, w)));
                let keep = outside
                    || options.only_officer.is_some_and(|only| only != officer_id)
                    || previous.is_some_and(|p| {
                        (options.keep_approved && p.approved_at.is_some())
                            || (options.skip_unchanged
                                && p.rule_version_hash == version.content_hash
                                && p.inputs_hash == hash
                                && p.status == status
                                && p.total == result.total
                                && p.grade == result.grade)
                    });
                if keep {
                    run.kept += 1;
                    continue;
                }
                if status == "scored" {
                    run.scored += 1;
                } else {
                    run.not_scored += 1;
                }
                if let Some(prev) = previous {
                    replaced.push(prev.id);
                }
                rows.push(period_score::ActiveModel {
                    period_id: Set(period.id),
                    officer_id: Set(officer_id),
                    score_version: Set(previous.map(|p| p.score_version + 1).unwrap_or(1)),
                    status: Set(status.into()),
                    total: Set(result.total),
                    grade: Set(result.grade.clone()),
                    components_json: Set(json!(result.components).to_string()),
                    trace_json: Set(serde_json::to_string(&result.trace)
                        .map_err(|e| AppError::internal("trace json", e))?),
                    reason: Set(result.reason.clone()),
                    rule_set_version_id: Set(version.id),
                    rule_version_hash: Set(version.content_hash.clone()),
                    inputs_hash: Set(hash),
                    computed_at: Set(now),
                    computed_by: Set(actor.id),
                    approved_at: Set(previous
                        .filter(|p| options.carry_approval && p.approved_at.is_some())
                        .map(|_| now)),
                    ..Default::default()
                });
                run.officers += 1;
            }
            for chunk in chunks(rows, WRITE_BATCH) {
                period_score::Entity::insert_many(chunk).exec(&txn).await?;
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
                    .exec(&txn)
                    .await?;
            }
            run.write += t.elapsed();
        }
    }
    if options.dry_run {
        // Nothing of a dry run is kept: dropping the transaction rolls it back.
        return Ok(run);
    }
    let t = Instant::now();
    if period.status == "open" && !options.keep_period_status {
        period::Entity::update_many()
            .col_expr(period::Column::Status, Expr::value("scored"))
            .filter(period::Column::Id.eq(period.id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        actor,
        Change::new("period.score", "period", period.id).after(&json!({
            "period": period.code, "unit": unit_code, "officers": run.officers, "kept": run.kept,
            "scored": run.scored, "not_scored": run.not_scored, "entries": run.entries,
        })),
    )
    .await?;
    txn.commit().await?;
    run.write += t.elapsed();
    Ok(run)
}

fn to_rules_entry(e: &ScoringRow, catalog: &HashMap<i32, catalog_item::Model>) -> Entry {
    let item = e.catalog_item_id.and_then(|id| catalog.get(&id));
    Entry {
        id: Arc::from(e.id.to_string()),
        date: Some(e.work_date),
        task: item.map(|i| i.code.clone()),
        // Off-catalog work the reviewer approved without mapping counts at its proposed minutes.
        norm_minutes: item
            .map(|i| i.norm_minutes)
            .or(e.proposed_minutes.map(|m| m / e.assigned_qty.max(1.0)))
            .unwrap_or(0.0),
        coefficient: item.map(|i| i.coefficient).unwrap_or(1.0),
        assigned_qty: e.assigned_qty,
        completed_qty: e.completed_qty,
        deadline: e.deadline,
        completed_on: e.completed_on,
        quality_failures: e.quality_failures.max(0) as u32,
        delays: e.delays.max(0) as u32,
        objective_cause: e.objective_cause,
    }
}

fn to_rules_officer(
    o: &OfficerRow,
    criteria: &HashMap<i32, criteria_points::Model>,
    entries_of: &mut HashMap<i32, Vec<Entry>>,
) -> Officer {
    let c = criteria.get(&o.user.id);
    let mut points = BTreeMap::new();
    if let Some(c) = c {
        points.insert("general".to_string(), c.general);
        if let Some(r) = c.reform_it {
            points.insert("reform_it".to_string(), r);
        }
    }
    Officer {
        id: o.user.id.to_string(),
        name: Some(o.user.full_name.clone()),
        unit: o.unit_code.clone(),
        position: o.position.as_ref().map(|p| p.code.clone()),
        cohort: o.cohort.clone(),
        disqualified: c.map(|c| c.disqualified).unwrap_or(false),
        criteria: points,
        entries: entries_of.remove(&o.user.id).unwrap_or_default().into(),
    }
}

/// SHA-256 over the period and the officer's scoring input, as JSON.
pub fn inputs_hash(period: &Period, officer: &Officer) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(period).unwrap_or_default());
    h.update(b"\n");
    h.update(serde_json::to_vec(officer).unwrap_or_default());
    hex::encode(h.finalize())
}

const PERIOD_COLUMNS: VersionedColumns<period::Entity> = VersionedColumns {
    id: period::Column::Id,
    status: period::Column::Status,
    lock_version: period::Column::LockVersion,
    updated_at: None,
};

fn period_snapshot(p: &period::Model) -> serde_json::Value {
    json!({"code": p.code, "status": p.status, "lock_version": p.lock_version})
}

async fn move_period<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    p: &period::Model,
    expected_lock: i32,
    from: &str,
    to: &str,
) -> Result<period::Model, AppError> {
    if p.lock_version != expected_lock {
        return Err(AppError::Conflict);
    }
    if p.status != from {
        return Err(AppError::Invalid {
            field: "status".into(),
            message: format!(
                "Kỳ {} đang ở trạng thái \"{}\", không thể chuyển sang \"{to}\".",
                p.code, p.status
            ),
        });
    }
    compare_and_set(db, &PERIOD_COLUMNS, p.id, from, expected_lock, to, vec![]).await?;
    let after = period::Entity::find_by_id(p.id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        db,
        actor,
        Change::new(&format!("period.{to}"), "period", p.id)
            .before(&period_snapshot(p))
            .after(&period_snapshot(&after)),
    )
    .await?;
    Ok(after)
}

/// Approves a scored period: its current scores are approved and its entries locked.
pub async fn approve_period<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    period_id: i32,
    expected_lock: i32,
) -> Result<period::Model, AppError> {
    let txn = db.begin().await?;
    let p = period::Entity::find_by_id(period_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let after = move_period(&txn, actor, &p, expected_lock, "scored", "approved").await?;
    period_score::Entity::update_many()
        .col_expr(period_score::Column::ApprovedAt, Expr::value(Utc::now()))
        .filter(period_score::Column::PeriodId.eq(period_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .exec(&txn)
        .await?;
    crate::ssr::services::work_log::lock_period(&txn, actor, &p).await?;
    txn.commit().await?;
    Ok(after)
}

/// Publishes an approved period's scores to the officers.
pub async fn publish_period<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    period_id: i32,
    expected_lock: i32,
) -> Result<period::Model, AppError> {
    let txn = db.begin().await?;
    let p = period::Entity::find_by_id(period_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let after = move_period(&txn, actor, &p, expected_lock, "approved", "published").await?;
    period_score::Entity::update_many()
        .col_expr(period_score::Column::PublishedAt, Expr::value(Utc::now()))
        .filter(period_score::Column::PeriodId.eq(period_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_codes() {
        let (k, s, e) = parse_period_code("2025-05").expect("month");
        assert_eq!(
            (k.as_str(), s.to_string(), e.to_string()),
            ("month", "2025-05-01".into(), "2025-05-31".into())
        );
        let (k, s, e) = parse_period_code("2025-Q1").expect("quarter");
        assert_eq!(
            (k.as_str(), s.to_string(), e.to_string()),
            ("quarter", "2025-01-01".into(), "2025-03-31".into())
        );
        let (k, _, e) = parse_period_code("2024").expect("year");
        assert_eq!((k.as_str(), e.to_string()), ("year", "2024-12-31".into()));
        let (_, _, e) = parse_period_code("2024-02").expect("leap");
        assert_eq!(e.to_string(), "2024-02-29");
        for bad in ["2025-13", "2025-Q5", "abc", "2025-", ""] {
            assert!(parse_period_code(bad).is_err(), "{bad}");
        }
    }
}
