//! Durable background jobs: scoring a period (province, agency or unit) and simulations,
//! stored in the database so that any `rubric serve` or `rubric worker` process runs them,
//! and another takes a job over when its process dies.
//!
//! - A job is split into **parts** (groups of whole cohorts, [`PART_OFFICERS`] officers or
//!   so each), so several processes score one province-month together.
//! - A part is **claimed** with a lease: on PostgreSQL with `FOR UPDATE SKIP LOCKED`, on
//!   SQLite by one atomic `UPDATE … RETURNING` (SQLite has one writer at a time). A claim
//!   takes a queued part, or a running one whose lease ran out (its process died).
//! - A part's scores are written in **the same transaction** that marks it done, and only
//!   if the part is still this worker's claim (same worker, same attempt) and the job is
//!   still running. A part taken over therefore never writes twice, and a cancelled job
//!   writes nothing more.
//! - The last part to finish closes the job (period state, audit event) in one
//!   conditional update, so exactly one process does it.
//! - One live job per kind, period and scope (`live_key`, unique): a second request for the
//!   same work joins the running job.
//!
//! Why not a job library: `apalis` 1.x (evaluated) keeps its queue in its own sqlx pool and
//! schema and acknowledges a task on its own connection, so a task's completion cannot
//! commit in the transaction that stores its scores; that atomicity is what makes a
//! takeover safe here. The queue is two tables and a claim statement per backend.

use std::collections::HashSet;
use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, EntityTrait, QueryFilter, QueryOrder, Set, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionSession, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::authz::{decide, Action, Subject};
use crate::error::AppError;
use crate::i18n::{Act, Notice, Record};
use crate::models::{JobCounts, JobStatus, JobView, JobWork, PeriodCode};
use crate::ssr::entities::{job, job_part, unit, user};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::scoring::{self, Policy, ScoreRun};
use crate::ssr::services::{periods, simulations};

/// Officers per part (whole cohorts; a cohort larger than this is a part of its own);
/// `RUBRIC_JOB_PART_OFFICERS` overrides it.
pub const PART_OFFICERS: usize = 2_500;
/// How long a claim holds without a heartbeat; `RUBRIC_JOB_LEASE_SECS` overrides it. A
/// dead process's part is taken over this long after its last heartbeat.
const LEASE: Duration = Duration::from_secs(30);

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
}

fn part_officers() -> usize {
    env_number("RUBRIC_JOB_PART_OFFICERS").map_or(PART_OFFICERS, |n| n as usize)
}
/// How many times a part is tried before its job fails.
const MAX_ATTEMPTS: i32 = 3;
/// How often an idle worker looks for work.
const POLL: Duration = Duration::from_millis(300);

const KIND_SCORE: &str = "score";
const KIND_SIMULATION: &str = "simulation";

/// What a job does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payload {
    Score {
        period: PeriodCode,
        /// The unit whose subtree is scored (`None`: the province).
        scope: Option<i32>,
        policy: Policy,
        actor_id: Option<i32>,
        actor_name: String,
    },
    Simulation {
        simulation_id: i32,
    },
}

impl Payload {
    fn kind(&self) -> &'static str {
        match self {
            Payload::Score { .. } => KIND_SCORE,
            Payload::Simulation { .. } => KIND_SIMULATION,
        }
    }

    /// The work this job does: a second job with the same key joins this one.
    fn live_key(&self) -> String {
        match self {
            Payload::Score {
                period,
                scope,
                policy,
                ..
            } => {
                let scope = scope.map_or("province".to_string(), |u| format!("unit:{u}"));
                // Runs that write differently are different work.
                let policy = match policy {
                    Policy::Full => "full".to_string(),
                    Policy::Rescore => "rescore".to_string(),
                    Policy::Unit(u) => format!("unit{u}"),
                    Policy::Appeal(o) => format!("appeal{o}"),
                };
                format!("score:{period}:{scope}:{policy}")
            }
            Payload::Simulation { simulation_id } => format!("simulation:{simulation_id}"),
        }
    }
}

fn payload(j: &job::Model) -> Result<Payload, AppError> {
    serde_json::from_str(&j.payload_json).map_err(|e| AppError::internal("job payload", e))
}

/// Queues a scoring run of `code` for `scope` under `policy`, split into parts by cohort;
/// returns the job's id (the running job's, when the same work is already queued).
pub async fn enqueue_score<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    code: PeriodCode,
    scope: Option<i32>,
    policy: Policy,
) -> Result<i32, AppError> {
    // The period exists before its parts run (and a period not yet begun is refused here).
    periods::ensure(db, code).await?;
    let sizes = scoring::cohort_sizes(db, scope).await?;
    let parts = split(&sizes, part_officers());
    let p = Payload::Score {
        period: code,
        scope,
        policy,
        actor_id: actor.id,
        actor_name: actor.name.clone(),
    };
    enqueue(db, actor.id, p, parts).await
}

/// Queues a recorded simulation (one part).
pub async fn enqueue_simulation<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    simulation_id: i32,
) -> Result<i32, AppError> {
    enqueue(
        db,
        actor.id,
        Payload::Simulation { simulation_id },
        vec![Vec::new()],
    )
    .await
}

/// Groups whole cohorts, in order, into parts of about `limit` officers.
pub fn split(sizes: &[(String, usize)], limit: usize) -> Vec<Vec<String>> {
    let mut parts: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut n = 0;
    for (key, size) in sizes {
        if !current.is_empty() && n + size > limit {
            parts.push(std::mem::take(&mut current));
            n = 0;
        }
        current.push(key.clone());
        n += size;
    }
    if !current.is_empty() || parts.is_empty() {
        parts.push(current);
    }
    parts
}

#[tracing::instrument(skip_all, fields(key = %p.live_key(), parts = parts.len()), err)]
async fn enqueue<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    created_by: Option<i32>,
    p: Payload,
    parts: Vec<Vec<String>>,
) -> Result<i32, AppError> {
    let key = p.live_key();
    if let Some(live) = live_job(db, &key).await? {
        return Ok(live.id);
    }
    let txn = db.begin().await?;
    let inserted = job::ActiveModel {
        kind: Set(p.kind().to_string()),
        live_key: Set(Some(key.clone())),
        payload_json: Set(serde_json::to_string(&p).map_err(|e| AppError::internal("job", e))?),
        status: Set(JobStatus::Queued),
        parts_total: Set(parts.len() as i32),
        parts_done: Set(0),
        created_by: Set(created_by),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let saved = match inserted {
        Ok(saved) => saved,
        // Someone queued the same work between our look and our insert: join theirs.
        Err(e) => {
            drop(txn);
            return match live_job(db, &key).await? {
                Some(live) => Ok(live.id),
                None => Err(AppError::from(e)),
            };
        }
    };
    let rows: Vec<job_part::ActiveModel> = parts
        .into_iter()
        .enumerate()
        .map(|(i, cohorts)| job_part::ActiveModel {
            job_id: Set(saved.id),
            seq: Set(i as i32),
            cohorts_json: Set(json!(cohorts).to_string()),
            status: Set(JobStatus::Queued),
            attempts: Set(0),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(500) {
        job_part::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    tracing::info!(job = saved.id, key = %key, "job queued");
    Ok(saved.id)
}

async fn live_job<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<job::Model>, AppError> {
    Ok(job::Entity::find()
        .filter(job::Column::LiveKey.eq(key))
        .one(db)
        .await?)
}

/// Job `id`.
pub async fn get<C: ConnectionTrait>(db: &C, id: i32) -> Result<job::Model, AppError> {
    job::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A finished scoring job's counts.
pub fn score_result(j: &job::Model) -> Option<ScoreRun> {
    j.result_json
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
}

/// A failed job's error.
pub fn error_of(j: &job::Model) -> Option<AppError> {
    j.error_json
        .as_deref()
        .and_then(|e| serde_json::from_str(e).ok())
}

/// Waits until job `id` has ended (or `limit` has passed) and returns it.
pub async fn wait<C: ConnectionTrait>(
    db: &C,
    id: i32,
    limit: Duration,
) -> Result<job::Model, AppError> {
    let until = tokio::time::Instant::now() + limit;
    loop {
        let j = get(db, id).await?;
        if !j.status.is_live() || tokio::time::Instant::now() >= until {
            return Ok(j);
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Cancels a queued or running job: no part starts any more, and a part in progress writes
/// nothing (its transaction sees the job cancelled and rolls back).
#[tracing::instrument(skip(db, actor), fields(actor = %actor.name), err)]
pub async fn cancel<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let res = job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value(JobStatus::Cancelled))
        .col_expr(job::Column::LiveKey, Expr::value(Option::<String>::None))
        .col_expr(job::Column::FinishedAt, Expr::value(Utc::now()))
        .filter(job::Column::Id.eq(id))
        .filter(job::Column::Status.is_in([JobStatus::Queued, JobStatus::Running]))
        .exec(&txn)
        .await?;
    if res.rows_affected == 1 {
        job_part::Entity::update_many()
            .col_expr(job_part::Column::Status, Expr::value(JobStatus::Cancelled))
            .filter(job_part::Column::JobId.eq(id))
            .filter(job_part::Column::Status.is_in([JobStatus::Queued, JobStatus::Running]))
            .exec(&txn)
            .await?;
        let j = get(&txn, id).await?;
        if let Ok(Payload::Simulation { simulation_id }) = payload(&j) {
            simulations::mark_cancelled(&txn, simulation_id).await?;
        }
        audit::record(
            &txn,
            actor,
            Change::new("job.cancel", "job", id).after(&json!({
                "kind": j.kind, "parts_done": j.parts_done, "parts_total": j.parts_total,
            })),
        )
        .await?;
    } else {
        let j = get(&txn, id).await?;
        return Err(AppError::notice(
            "job",
            Notice::StateRefused {
                act: Act::Cancel,
                record: Record::Job(id),
                state: j.status.into(),
            },
        ));
    }
    txn.commit().await?;
    Ok(())
}

/// The job that runs simulation `simulation_id` (the latest, should there be several).
pub async fn of_simulation<C: ConnectionTrait>(
    db: &C,
    simulation_id: i32,
) -> Result<Option<i32>, AppError> {
    let p = serde_json::to_string(&Payload::Simulation { simulation_id })
        .map_err(|e| AppError::internal("job payload", e))?;
    Ok(job::Entity::find()
        .filter(job::Column::Kind.eq(KIND_SIMULATION))
        .filter(job::Column::PayloadJson.eq(p))
        .order_by_desc(job::Column::Id)
        .one(db)
        .await?
        .map(|j| j.id))
}

/// Job `id` as `reader` sees it on its page.
pub async fn view<C: ConnectionTrait>(
    db: &C,
    id: i32,
    reader: &Subject,
) -> Result<JobView, AppError> {
    let j = get(db, id).await?;
    let work = match payload(&j)? {
        Payload::Score { period, scope, .. } => JobWork::Score {
            period: period.to_string(),
            unit: match scope {
                Some(u) => unit::Entity::find_by_id(u).one(db).await?.map(|u| u.name),
                None => None,
            },
        },
        Payload::Simulation { simulation_id } => JobWork::Simulation { simulation_id },
    };
    let started_by = match j.created_by {
        Some(u) => user::Entity::find_by_id(u)
            .one(db)
            .await?
            .map(|u| u.full_name),
        None => None,
    };
    let own = j.created_by == Some(reader.user_id);
    Ok(JobView {
        id: j.id,
        work,
        status: j.status,
        parts_done: j.parts_done,
        parts_total: j.parts_total,
        counts: score_result(&j).map(|r| JobCounts {
            officers: r.officers,
            kept: r.kept,
            not_scored: r.not_scored,
        }),
        error: error_of(&j),
        started_by,
        created_at: j.created_at,
        finished_at: j.finished_at,
        may_cancel: j.status.is_live()
            && decide(Some(reader), &Action::CancelJob { own }).allowed(),
    })
}

/// A worker's claim on a part.
#[derive(Clone, Debug)]
struct Claim {
    part_id: i32,
    attempts: i32,
}

/// One process's worker: claims parts and runs them until told to stop.
#[derive(Clone)]
pub struct Worker {
    pub id: String,
    db: DatabaseConnection,
    pool: RulePool,
    lease: Duration,
}

impl Worker {
    pub fn new(db: DatabaseConnection, pool: RulePool) -> Worker {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "local".into());
        let nonce: u32 = rand_u32();
        Worker {
            id: format!("{host}:{}:{nonce:08x}", std::process::id()),
            db,
            pool,
            lease: env_number("RUBRIC_JOB_LEASE_SECS").map_or(LEASE, Duration::from_secs),
        }
    }

    /// Runs parts until `stop` turns true; the part in progress finishes first.
    pub async fn run(&self, mut stop: tokio::sync::watch::Receiver<bool>) {
        tracing::info!(worker = %self.id, "job worker started");
        loop {
            if *stop.borrow() {
                break;
            }
            match self.step().await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::warn!(worker = %self.id, error = %e, "job worker step failed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(POLL) => {}
                _ = stop.changed() => {}
            }
        }
        tracing::info!(worker = %self.id, "job worker stopped");
    }

    /// Runs until job `id` has ended (the command line's `rubric score`).
    pub async fn run_until_done(&self, id: i32) -> Result<job::Model, AppError> {
        loop {
            let j = get(&self.db, id).await?;
            if !j.status.is_live() {
                return Ok(j);
            }
            if !self.step().await? {
                tokio::time::sleep(POLL).await;
            }
        }
    }

    /// Closes any job whose parts are all done, then claims and runs one part. Whether a
    /// part was run.
    pub async fn step(&self) -> Result<bool, AppError> {
        self.close_finished().await?;
        let Some(claim) = self.claim().await? else {
            return Ok(false);
        };
        self.execute(claim).await?;
        Ok(true)
    }

    async fn claim(&self) -> Result<Option<Claim>, AppError> {
        let now = Utc::now();
        let lease = now + chrono::Duration::from_std(self.lease).unwrap_or_default();
        let backend = self.db.get_database_backend();
        // The states are the enums' stored forms; `FOR UPDATE … SKIP LOCKED` lets workers on
        // PostgreSQL pass each other's claims by; SQLite runs one writer at a time.
        let (queued, running) = (JobStatus::Queued.as_str(), JobStatus::Running.as_str());
        let (p1, p2, p3, lock) = match backend {
            DbBackend::Postgres => ("$1", "$2", "$3", "FOR UPDATE OF p SKIP LOCKED"),
            _ => ("?", "?", "?", ""),
        };
        let sql = format!(
            "UPDATE job_parts SET status = '{running}', claimed_by = {p1}, lease_until = {p2}, \
               attempts = attempts + 1 \
             WHERE id = (SELECT p.id FROM job_parts p JOIN jobs j ON j.id = p.job_id \
               WHERE j.status IN ('{queued}', '{running}') \
                 AND (p.status = '{queued}' OR (p.status = '{running}' AND p.lease_until < {p3})) \
               ORDER BY p.id LIMIT 1 {lock}) \
             RETURNING id, attempts"
        );
        let values: Vec<sea_orm::Value> = vec![self.id.clone().into(), lease.into(), now.into()];
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let claim = Claim {
            part_id: row.try_get("", "id")?,
            attempts: row.try_get("", "attempts")?,
        };
        let part = job_part::Entity::find_by_id(claim.part_id)
            .one(&self.db)
            .await?
            .ok_or(AppError::NotFound)?;
        job::Entity::update_many()
            .col_expr(job::Column::Status, Expr::value(JobStatus::Running))
            .filter(job::Column::Id.eq(part.job_id))
            .filter(job::Column::Status.eq(JobStatus::Queued))
            .exec(&self.db)
            .await?;
        if claim.attempts > 1 {
            tracing::warn!(worker = %self.id, part = claim.part_id, attempt = claim.attempts, "job part taken over");
        }
        Ok(Some(claim))
    }

    #[tracing::instrument(skip(self), fields(worker = %self.id), err)]
    async fn execute(&self, claim: Claim) -> Result<(), AppError> {
        let part = job_part::Entity::find_by_id(claim.part_id)
            .one(&self.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let j = get(&self.db, part.job_id).await?;
        // The lease is renewed while the part runs, and stops being renewed the moment the
        // part ends (or this process dies).
        let beat = {
            let db = self.db.clone();
            let me = self.id.clone();
            let claim = claim.clone();
            let lease = self.lease;
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(lease / 4).await;
                    let lease = Utc::now() + chrono::Duration::from_std(lease).unwrap_or_default();
                    let _ = job_part::Entity::update_many()
                        .col_expr(job_part::Column::LeaseUntil, Expr::value(lease))
                        .filter(job_part::Column::Id.eq(claim.part_id))
                        .filter(job_part::Column::ClaimedBy.eq(me.clone()))
                        .filter(job_part::Column::Attempts.eq(claim.attempts))
                        .exec(&db)
                        .await;
                }
            })
        };
        let started = std::time::Instant::now();
        let outcome = match payload(&j) {
            Ok(p) => self.run_part(&j, &part, &claim, p).await,
            Err(e) => Err(e),
        };
        beat.abort();
        metrics::histogram!(
            "rubric_job_part_duration_seconds",
            "kind" => j.kind.clone(),
            "outcome" => if outcome.is_ok() { "done" } else { "failed" },
        )
        .record(started.elapsed().as_secs_f64());
        match outcome {
            Ok(()) => self.close_finished().await,
            Err(e) => {
                tracing::warn!(job = j.id, part = part.id, error = %e, "job part failed");
                self.fail(&j, &claim, &e).await
            }
        }
    }

    #[tracing::instrument(skip_all, fields(worker = %self.id, job = j.id, kind = %j.kind, part = part.id, attempt = claim.attempts), err)]
    async fn run_part(
        &self,
        j: &job::Model,
        part: &job_part::Model,
        claim: &Claim,
        p: Payload,
    ) -> Result<(), AppError> {
        match p {
            Payload::Score {
                period,
                scope,
                policy,
                actor_id,
                actor_name,
            } => {
                let actor = Actor {
                    id: actor_id,
                    name: actor_name,
                };
                let cohorts: Vec<String> = serde_json::from_str(&part.cohorts_json)
                    .map_err(|e| AppError::internal("job part cohorts", e))?;
                let pr = periods::existing(&self.db, period).await?;
                let mut run = ScoreRun {
                    period: pr.code.clone(),
                    ..Default::default()
                };
                // Read and score outside the write transaction: on SQLite the write lock is
                // held only while the part's scores are written.
                let pool = self.pool.background();
                let computed =
                    scoring::compute(&self.db, &pool, &actor, &pr, scope, &cohorts, &mut run)
                        .await?;
                let txn = begin_write(&self.db).await?;
                scoring::store_computed(&txn, &actor, &pr, policy, computed, &mut run).await?;
                self.complete(&txn, j, claim, &run).await?;
                txn.commit().await?;
                metrics::counter!("rubric_officers_scored_total").increment(run.scored as u64);
                Ok(())
            }
            Payload::Simulation { simulation_id } => {
                simulations::run_recorded(&self.db, &self.pool.background(), simulation_id).await?;
                let txn = self.db.begin().await?;
                self.complete(&txn, j, claim, &ScoreRun::default()).await?;
                txn.commit().await?;
                Ok(())
            }
        }
    }

    /// Marks the part done inside the transaction that wrote its results: refused (and the
    /// transaction rolled back by the caller's error) when the part is no longer this
    /// worker's claim or the job no longer runs.
    async fn complete<C: ConnectionTrait>(
        &self,
        txn: &C,
        j: &job::Model,
        claim: &Claim,
        run: &ScoreRun,
    ) -> Result<(), AppError> {
        let live = job::Entity::update_many()
            .col_expr(
                job::Column::PartsDone,
                Expr::col(job::Column::PartsDone).add(1),
            )
            .filter(job::Column::Id.eq(j.id))
            .filter(job::Column::Status.eq(JobStatus::Running))
            .exec(txn)
            .await?;
        let mine = job_part::Entity::update_many()
            .col_expr(job_part::Column::Status, Expr::value(JobStatus::Done))
            .col_expr(
                job_part::Column::ResultJson,
                Expr::value(serde_json::to_string(run).map_err(|e| AppError::internal("run", e))?),
            )
            .col_expr(job_part::Column::FinishedAt, Expr::value(Utc::now()))
            .filter(job_part::Column::Id.eq(claim.part_id))
            .filter(job_part::Column::ClaimedBy.eq(self.id.clone()))
            .filter(job_part::Column::Attempts.eq(claim.attempts))
            .filter(job_part::Column::Status.eq(JobStatus::Running))
            .exec(txn)
            .await?;
        if live.rows_affected != 1 || mine.rows_affected != 1 {
            tracing::warn!(worker = %self.id, part = claim.part_id, "job part lost (taken over or cancelled); its writes are rolled back");
            return Err(AppError::Conflict);
        }
        Ok(())
    }

    async fn fail(&self, j: &job::Model, claim: &Claim, e: &AppError) -> Result<(), AppError> {
        if matches!(e, AppError::Conflict) {
            // Lost the claim: whoever holds it now finishes the part.
            return Ok(());
        }
        if claim.attempts < MAX_ATTEMPTS {
            // A part can fail for a passing reason (the engine's per-run time limit on a
            // machine under load, a lost connection): it goes back to the queue, and the job
            // fails only when the part has failed MAX_ATTEMPTS times.
            job_part::Entity::update_many()
                .col_expr(job_part::Column::Status, Expr::value(JobStatus::Queued))
                .col_expr(
                    job_part::Column::ClaimedBy,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    job_part::Column::LeaseUntil,
                    Expr::value(Option::<chrono::DateTime<Utc>>::None),
                )
                .filter(job_part::Column::Id.eq(claim.part_id))
                .filter(job_part::Column::ClaimedBy.eq(self.id.clone()))
                .filter(job_part::Column::Attempts.eq(claim.attempts))
                .exec(&self.db)
                .await?;
            tracing::warn!(
                job = j.id,
                part = claim.part_id,
                attempt = claim.attempts,
                "job part failed; queued again"
            );
            return Ok(());
        }
        let txn = self.db.begin().await?;
        let res = job::Entity::update_many()
            .col_expr(job::Column::Status, Expr::value(JobStatus::Failed))
            .col_expr(job::Column::LiveKey, Expr::value(Option::<String>::None))
            .col_expr(
                job::Column::ErrorJson,
                Expr::value(serde_json::to_string(e).unwrap_or_default()),
            )
            .col_expr(job::Column::FinishedAt, Expr::value(Utc::now()))
            .filter(job::Column::Id.eq(j.id))
            .filter(job::Column::Status.eq(JobStatus::Running))
            .exec(&txn)
            .await?;
        job_part::Entity::update_many()
            .col_expr(job_part::Column::Status, Expr::value(JobStatus::Failed))
            .filter(job_part::Column::Id.eq(claim.part_id))
            .exec(&txn)
            .await?;
        if res.rows_affected == 1 {
            job_part::Entity::update_many()
                .col_expr(job_part::Column::Status, Expr::value(JobStatus::Cancelled))
                .filter(job_part::Column::JobId.eq(j.id))
                .filter(job_part::Column::Status.eq(JobStatus::Queued))
                .exec(&txn)
                .await?;
            if let Ok(Payload::Simulation { simulation_id }) = payload(j) {
                simulations::mark_failed(&txn, simulation_id, e).await?;
            }
        }
        txn.commit().await?;
        Ok(())
    }

    /// Closes every running job whose parts are all done: exactly one process wins the
    /// conditional update and records the period's state and the audit event with it.
    #[tracing::instrument(skip_all, fields(worker = %self.id), err)]
    async fn close_finished(&self) -> Result<(), AppError> {
        let ready = job::Entity::find()
            .filter(job::Column::Status.eq(JobStatus::Running))
            .filter(Expr::col(job::Column::PartsDone).eq(Expr::col(job::Column::PartsTotal)))
            .order_by_asc(job::Column::Id)
            .all(&self.db)
            .await?;
        for j in ready {
            let txn = begin_write(&self.db).await?;
            let parts = job_part::Entity::find()
                .filter(job_part::Column::JobId.eq(j.id))
                .all(&txn)
                .await?;
            let mut total = ScoreRun::default();
            for p in &parts {
                if let Some(r) = p
                    .result_json
                    .as_deref()
                    .and_then(|r| serde_json::from_str::<ScoreRun>(r).ok())
                {
                    total.add(&r);
                }
            }
            let won = job::Entity::update_many()
                .col_expr(job::Column::Status, Expr::value(JobStatus::Done))
                .col_expr(job::Column::LiveKey, Expr::value(Option::<String>::None))
                .col_expr(job::Column::FinishedAt, Expr::value(Utc::now()))
                .col_expr(
                    job::Column::ResultJson,
                    Expr::value(serde_json::to_string(&total).unwrap_or_default()),
                )
                .filter(job::Column::Id.eq(j.id))
                .filter(job::Column::Status.eq(JobStatus::Running))
                .filter(Expr::col(job::Column::PartsDone).eq(Expr::col(job::Column::PartsTotal)))
                .exec(&txn)
                .await?;
            if won.rows_affected != 1 {
                continue;
            }
            if let Payload::Score {
                period,
                scope,
                policy,
                actor_id,
                actor_name,
            } = payload(&j)?
            {
                let pr = periods::existing(&txn, period).await?;
                total.period = pr.code.clone();
                let actor = Actor {
                    id: actor_id,
                    name: actor_name,
                };
                scoring::finish(&txn, &actor, &pr, policy, scope, &total).await?;
                job::Entity::update_many()
                    .col_expr(
                        job::Column::ResultJson,
                        Expr::value(serde_json::to_string(&total).unwrap_or_default()),
                    )
                    .filter(job::Column::Id.eq(j.id))
                    .exec(&txn)
                    .await?;
            }
            txn.commit().await?;
            tracing::info!(job = j.id, worker = %self.id, "job done");
        }
        Ok(())
    }
}

/// Parts of jobs that ran on more than one attempt (for tests and the operator).
pub async fn taken_over<C: ConnectionTrait>(db: &C, job_id: i32) -> Result<usize, AppError> {
    Ok(job_part::Entity::find()
        .filter(job_part::Column::JobId.eq(job_id))
        .filter(job_part::Column::Attempts.gt(1))
        .all(db)
        .await?
        .len())
}

/// The distinct workers that finished parts of a job.
pub async fn workers_of<C: ConnectionTrait>(
    db: &C,
    job_id: i32,
) -> Result<HashSet<String>, AppError> {
    Ok(job_part::Entity::find()
        .filter(job_part::Column::JobId.eq(job_id))
        .filter(job_part::Column::Status.eq(JobStatus::Done))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| p.claimed_by)
        .collect())
}

/// A transaction that writes after it reads: on SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`, waiting its turn) instead of failing when it upgrades a read; on
/// PostgreSQL a plain transaction.
async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, AppError> {
    Ok(db
        .begin_with_options(TransactionOptions {
            isolation_level: None,
            access_mode: None,
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        })
        .await?)
}

fn rand_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(Utc::now().timestamp_nanos_opt().unwrap_or_default() as u128);
    h.finish() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_hold_whole_cohorts() {
        let sizes: Vec<(String, usize)> = [
            ("a", 1000),
            ("b", 1000),
            ("c", 3000),
            ("d", 10),
            ("e", 2400),
        ]
        .iter()
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
        let parts = split(&sizes, 2500);
        assert_eq!(parts, vec![vec!["a", "b"], vec!["c"], vec!["d", "e"]]);
        let all: Vec<String> = parts.concat();
        assert_eq!(all, vec!["a", "b", "c", "d", "e"]);
        assert_eq!(split(&[], 10), vec![Vec::<String>::new()]);
    }

    #[test]
    fn one_live_key_per_work() {
        let score = |scope, policy| Payload::Score {
            period: PeriodCode::parse("2026-10").expect("code"),
            scope,
            policy,
            actor_id: Some(1),
            actor_name: "a".into(),
        };
        assert_eq!(
            score(None, Policy::Full).live_key(),
            "score:2026-10:province:full"
        );
        assert_ne!(
            score(Some(3), Policy::Full).live_key(),
            score(None, Policy::Full).live_key()
        );
        assert_ne!(
            score(None, Policy::Rescore).live_key(),
            score(None, Policy::Full).live_key()
        );
        let other_actor = Payload::Score {
            period: PeriodCode::parse("2026-10").expect("code"),
            scope: None,
            policy: Policy::Full,
            actor_id: Some(2),
            actor_name: "b".into(),
        };
        assert_eq!(other_actor.live_key(), score(None, Policy::Full).live_key());
    }
}
