//! Period scoring: every officer of a period (or of a unit's subtree) scored with the rule
//! version effective for that period, cohort by cohort, and stored with the hashes of the
//! rule version and of the inputs so that any score can be recomputed and explained.
//!
//! A run is three steps, composed here one cohort at a time (a cohort rule needs all of a
//! cohort's officers together, so memory follows the largest cohort, not the province):
//! - [`load`] reads the roster, the formulas and each cohort's entries (read-only);
//! - [`score`] runs the formulas on the engine pool (pure, off the async runtime);
//! - [`store`] writes new score versions under a [`Policy`] (full, re-score, unit, appeal).
//!
//! [`run`] does all three in one transaction; [`evaluate`] (simulations, "try it") does the
//! first two only and opens no write transaction.

pub mod load;
pub mod score;
pub mod stats;
pub mod store;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use rubric_rules::{Officer, OfficerResult, Period};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::models::PeriodCode;
use crate::ssr::entities::{period, rule_set, rule_set_version};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::audit::Actor;
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::periods;
use crate::ssr::services::rule_versions::Level;

pub use store::Policy;

/// What a scoring run did, with its timings split into read, score and write.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct ScoreRun {
    pub period: String,
    /// Officers given a new score version.
    pub officers: usize,
    pub scored: usize,
    pub not_scored: usize,
    pub entries: usize,
    pub cohorts: usize,
    /// Officers scored for their cohort but whose stored score was left as it was: outside
    /// the policy's reach, already approved, or unchanged.
    pub kept: usize,
    pub read: Duration,
    pub score: Duration,
    pub write: Duration,
}

/// One officer's result from [`evaluate`] (nothing stored).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub officer_id: i32,
    pub unit_id: Option<i32>,
    pub position_id: Option<i32>,
    pub rule_version_id: i32,
    pub result: OfficerResult,
}

/// A version scored in place of the active one for the officers it would cover: a
/// simulation's draft, or a draft tried on an officer's period.
#[derive(Debug, Clone, Copy)]
pub struct DraftRules<'a> {
    pub version: &'a rule_set_version::Model,
    /// The draft's rule set's position (`None`: an agency's formula or the default).
    pub position_id: Option<i32>,
    /// The draft's rule set's agency (`None`: a position's formula or the default).
    pub agency_id: Option<i32>,
}

impl<'a> DraftRules<'a> {
    /// The draft of `version`, a version of `set`.
    pub fn of(version: &'a rule_set_version::Model, set: &rule_set::Model) -> Self {
        DraftRules {
            version,
            position_id: set.position_id,
            agency_id: set.agency_id,
        }
    }

    /// Whether the draft scores an officer of `position_id` in `agency_id` whose formula in
    /// force is `active` (found at its level).
    pub fn covers(
        &self,
        position_id: Option<i32>,
        agency_id: Option<i32>,
        active: Option<&(rule_set_version::Model, Level)>,
    ) -> bool {
        match (self.position_id, self.agency_id) {
            (Some(p), _) => position_id == Some(p),
            (None, Some(a)) => {
                agency_id == Some(a) && active.is_none_or(|(_, level)| *level != Level::Position)
            }
            (None, None) => active.is_none_or(|(v, _)| v.rule_set_id == self.version.rule_set_id),
        }
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

pub fn rules_period(p: &period::Model) -> Period {
    Period {
        kind: p.kind.clone(),
        start: p.starts_on,
        end: p.ends_on,
    }
}

/// A cohort's officers scored, group by group (one group per formula version).
pub struct CohortScored {
    officers: Vec<load::OfficerRow>,
    groups: Vec<(Arc<rule_set_version::Model>, Vec<score::Scored>)>,
}

/// How many cohorts are read ahead while the engine scores the current one (two reads at
/// once measured no faster on 2 cores: the engine and the decoding share them).
const READ_AHEAD: usize = 1;

/// Steps one and two, cohort after cohort, with the formulas and catalog read once.
struct Scorer<'a> {
    pool: &'a RulePool,
    actor: &'a Actor,
    p: &'a period::Model,
    period: Period,
    formulas: load::Formulas<'a>,
    catalog: Option<load::Catalog>,
}

impl<'a> Scorer<'a> {
    fn new(
        pool: &'a RulePool,
        actor: &'a Actor,
        p: &'a period::Model,
        draft: Option<DraftRules<'a>>,
    ) -> Self {
        Scorer {
            pool,
            actor,
            p,
            period: rules_period(p),
            formulas: load::Formulas::new(p, draft),
            catalog: None,
        }
    }

    /// Loads and scores one cohort.
    async fn cohort<C: ConnectionTrait>(
        &mut self,
        db: &C,
        cohort: load::Cohort,
        run: &mut ScoreRun,
    ) -> Result<CohortScored, AppError> {
        let mut scored = None;
        self.pipeline(db, [cohort], run, |c| {
            scored = Some(c);
            Ok(())
        })
        .await?;
        scored.ok_or(AppError::Internal)
    }

    /// Groups a cohort's officers by the formula version that scores them.
    async fn group<C: ConnectionTrait>(
        &mut self,
        db: &C,
        cohort: load::Cohort,
        input: load::CohortInput,
    ) -> Result<Loaded, AppError> {
        let mut groups: BTreeMap<i32, score::Group> = BTreeMap::new();
        for (i, (row, officer)) in cohort.officers.iter().zip(input.officers).enumerate() {
            let version = self
                .formulas
                .version_for(db, row.position.as_deref(), row.agency_id)
                .await?;
            let g = match groups.entry(version.id) {
                std::collections::btree_map::Entry::Occupied(g) => g.into_mut(),
                std::collections::btree_map::Entry::Vacant(slot) => {
                    let rules = self
                        .formulas
                        .compiled(self.pool, self.actor.id, &version)
                        .await?;
                    slot.insert(score::Group {
                        version,
                        rules,
                        members: Vec::new(),
                        officers: Vec::new(),
                    })
                }
            };
            g.members.push(i);
            g.officers.push(officer);
        }
        Ok(Loaded {
            officers: cohort.officers,
            groups: groups.into_values().collect(),
        })
    }

    /// Loads and scores cohorts in order: up to [`READ_AHEAD`] cohorts are read while the
    /// engine scores the current one (reading is the larger share of a run). Each scored
    /// cohort goes to `each` at once, so a caller that keeps only part of it (a simulation
    /// keeps totals, not traces) holds a few cohorts at a time, not the province.
    async fn pipeline<C: ConnectionTrait>(
        &mut self,
        db: &C,
        cohorts: impl IntoIterator<Item = load::Cohort>,
        run: &mut ScoreRun,
        mut each: impl FnMut(CohortScored) -> Result<(), AppError>,
    ) -> Result<(), AppError> {
        use futures::StreamExt;
        let t = Instant::now();
        let catalog = match self.catalog.take() {
            Some(c) => c,
            None => load::Catalog::read(db).await?,
        };
        run.read += t.elapsed();
        let (pool, who, period, p) = (self.pool, self.actor.id, self.period.clone(), self.p);
        let catalog_ref = &catalog;
        let mut reads = futures::stream::iter(cohorts.into_iter().map(|c| async move {
            let t = Instant::now();
            let input = load::cohort_input(db, p, &c, catalog_ref).await?;
            Ok::<_, AppError>((c, input, t.elapsed()))
        }))
        .buffered(READ_AHEAD);
        let mut pending: Option<Loaded> = None;
        loop {
            let next = match pending.take() {
                Some(current) => {
                    let t = Instant::now();
                    let (scored, next) = tokio::join!(
                        async {
                            let r = score_loaded(pool, who, &period, current).await;
                            (r, t.elapsed())
                        },
                        reads.next()
                    );
                    let (scored, took) = scored;
                    run.score += took;
                    each(scored?)?;
                    next
                }
                None => reads.next().await,
            };
            let Some(read) = next else { break };
            let (cohort, input, took) = read?;
            run.read += took;
            run.cohorts += 1;
            run.entries += input.entries;
            pending = Some(self.group(db, cohort, input).await?);
        }
        drop(reads);
        self.catalog = Some(catalog);
        Ok(())
    }
}

/// A cohort read, its officers grouped by formula version, ready to score.
struct Loaded {
    officers: Vec<load::OfficerRow>,
    groups: Vec<score::Group>,
}

/// Scores a loaded cohort on the engine pool, group after group.
async fn score_loaded(
    pool: &RulePool,
    who: Option<i32>,
    period: &Period,
    loaded: Loaded,
) -> Result<CohortScored, AppError> {
    let mut scored = Vec::with_capacity(loaded.groups.len());
    for g in loaded.groups {
        scored.push(score::group(pool, who, period, g).await?);
    }
    Ok(CohortScored {
        officers: loaded.officers,
        groups: scored,
    })
}

/// Scores `code` for the officers of `scope`'s subtree (the province when `None`) and
/// stores the results as `policy` allows, in one transaction.
#[tracing::instrument(skip_all, fields(period = %code, ?scope, ?policy), err)]
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    code: PeriodCode,
    scope: Option<i32>,
    policy: Policy,
) -> Result<ScoreRun, AppError> {
    let mut run = ScoreRun::default();
    let t = Instant::now();
    let txn = db.begin().await?;
    let p = periods::ensure(&txn, code).await?;
    run.period = p.code.clone();
    let tree = UnitTree::load(&txn).await?;
    let scope_code = scope.and_then(|s| tree.get(s)).map(|u| u.code.clone());
    let cohorts = load::roster(&txn, &tree, scope).await?;
    run.read += t.elapsed();
    let period = rules_period(&p);
    let target = store::Target {
        period: &p,
        rules_period: &period,
        actor,
        now: Utc::now(),
        policy,
        tree: &tree,
    };
    let mut scorer = Scorer::new(pool, actor, &p, None);
    for cohort in cohorts {
        let c = scorer.cohort(&txn, cohort, &mut run).await?;
        let t = Instant::now();
        let ids = c.officers.iter().map(|o| o.id).collect();
        let latest = store::current(&txn, p.id, ids).await?;
        for (version, scored) in c.groups {
            store::group(
                &txn,
                &target,
                &c.officers,
                &latest,
                &version,
                scored,
                &mut run,
            )
            .await?;
        }
        run.write += t.elapsed();
    }
    let t = Instant::now();
    store::finish(&txn, &target, scope_code.as_deref(), &run).await?;
    txn.commit().await?;
    run.write += t.elapsed();
    Ok(run)
}

/// Scores an existing period without storing anything: with the formulas in force, or with
/// `draft` where it applies. `scope` limits the officers (cohorts are formed from those in
/// scope, so scope an officer's agency to score them with their whole cohort). Results keep
/// their trace only for the officer `explain` names.
#[tracing::instrument(skip_all, fields(period = %p.code, ?scope), err)]
pub async fn evaluate<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    p: &period::Model,
    scope: Option<i32>,
    draft: Option<DraftRules<'_>>,
    explain: Option<i32>,
) -> Result<(Vec<Outcome>, ScoreRun), AppError> {
    let mut run = ScoreRun {
        period: p.code.clone(),
        ..Default::default()
    };
    let t = Instant::now();
    let tree = UnitTree::load(db).await?;
    let cohorts = load::roster(db, &tree, scope).await?;
    run.read += t.elapsed();
    let mut scorer = Scorer::new(pool, actor, p, draft);
    let mut out = Vec::new();
    let each = |c: CohortScored| {
        for (version, scored) in c.groups {
            for s in scored {
                let o = c.officers.get(s.member).ok_or(AppError::Internal)?;
                let mut result = s.result;
                // A province's traces are most of a run's memory: kept only where asked.
                if explain != Some(o.id) {
                    result.trace = Default::default();
                }
                out.push(Outcome {
                    officer_id: o.id,
                    unit_id: o.unit_id,
                    position_id: o.position_id(),
                    rule_version_id: version.id,
                    result,
                });
            }
        }
        Ok(())
    };
    scorer.pipeline(db, cohorts, &mut run, each).await?;
    run.officers = out.len();
    Ok((out, run))
}

/// One officer's result of a period, with its trace: with the formulas in force, or with
/// `draft` where it applies. The officer's cohort lies within their agency, so the agency is
/// scored (the same result as scoring the province). `None`: the officer is not scored.
pub async fn evaluate_officer<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    p: &period::Model,
    officer: &crate::ssr::entities::user::Model,
    draft: Option<DraftRules<'_>>,
) -> Result<Option<Outcome>, AppError> {
    let agency = match officer.unit_id {
        Some(unit) => UnitTree::load(db).await?.agency_of(unit).map(|a| a.id),
        None => None,
    };
    let (outcomes, _) = evaluate(db, pool, actor, p, agency, draft, Some(officer.id)).await?;
    Ok(outcomes.into_iter().find(|r| r.officer_id == officer.id))
}

impl ScoreRun {
    /// Adds another part's counts and timings.
    pub fn add(&mut self, other: &ScoreRun) {
        self.officers += other.officers;
        self.scored += other.scored;
        self.not_scored += other.not_scored;
        self.entries += other.entries;
        self.cohorts += other.cohorts;
        self.kept += other.kept;
        self.read += other.read;
        self.score += other.score;
        self.write += other.write;
    }
}

/// The cohorts of a scope, by key, with their number of officers: what a job splits into
/// parts.
pub async fn cohort_sizes<C: ConnectionTrait>(
    db: &C,
    scope: Option<i32>,
) -> Result<Vec<(String, usize)>, AppError> {
    let tree = UnitTree::load(db).await?;
    Ok(load::roster(db, &tree, scope)
        .await?
        .into_iter()
        .map(|c| (c.key, c.officers.len()))
        .collect())
}

/// Steps one and two for some cohorts of a scope (a job's part), outside any transaction.
#[tracing::instrument(skip_all, fields(period = %p.code, cohorts = cohorts.len()), err)]
pub async fn compute<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    p: &period::Model,
    scope: Option<i32>,
    cohorts: &[String],
    run: &mut ScoreRun,
) -> Result<Vec<CohortScored>, AppError> {
    let t = Instant::now();
    let tree = UnitTree::load(db).await?;
    let wanted: std::collections::HashSet<&str> = cohorts.iter().map(String::as_str).collect();
    let roster = load::roster(db, &tree, scope).await?;
    run.read += t.elapsed();
    let mut scorer = Scorer::new(pool, actor, p, None);
    let chosen = roster
        .into_iter()
        .filter(|c| wanted.contains(c.key.as_str()));
    let mut out = Vec::new();
    scorer
        .pipeline(db, chosen, run, |c| {
            out.push(c);
            Ok(())
        })
        .await?;
    Ok(out)
}

/// Step three for what [`compute`] gave, inside the caller's transaction.
#[tracing::instrument(skip_all, fields(period = %p.code, ?policy), err)]
pub async fn store_computed<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    p: &period::Model,
    policy: Policy,
    computed: Vec<CohortScored>,
    run: &mut ScoreRun,
) -> Result<(), AppError> {
    let t = Instant::now();
    let tree = UnitTree::load(txn).await?;
    let period = rules_period(p);
    let target = store::Target {
        period: p,
        rules_period: &period,
        actor,
        now: Utc::now(),
        policy,
        tree: &tree,
    };
    for c in computed {
        let ids = c.officers.iter().map(|o| o.id).collect();
        let latest = store::current(txn, p.id, ids).await?;
        for (version, scored) in c.groups {
            store::group(txn, &target, &c.officers, &latest, &version, scored, run).await?;
        }
    }
    run.write += t.elapsed();
    Ok(())
}

/// Closes a run made of parts: the period's state and the audit event.
#[tracing::instrument(skip_all, fields(period = %p.code, ?policy), err)]
pub async fn finish<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    p: &period::Model,
    policy: Policy,
    scope: Option<i32>,
    run: &ScoreRun,
) -> Result<(), AppError> {
    let tree = UnitTree::load(txn).await?;
    let scope_code = scope.and_then(|s| tree.get(s)).map(|u| u.code.clone());
    let period = rules_period(p);
    let target = store::Target {
        period: p,
        rules_period: &period,
        actor,
        now: Utc::now(),
        policy,
        tree: &tree,
    };
    store::finish(txn, &target, scope_code.as_deref(), run).await
}

/// The explicit re-score of the command line and of the administrators: every officer of
/// the period (or of the unit with this code and below) gets a new score version.
pub async fn score_period<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    code: PeriodCode,
    unit_code: Option<&str>,
) -> Result<ScoreRun, AppError> {
    let scope = match unit_code {
        Some(unit) => Some(crate::ssr::services::org::by_code(db, unit).await?.id),
        None => None,
    };
    run(db, pool, actor, code, scope, Policy::Full).await
}
