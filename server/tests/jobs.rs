//! Durable jobs, black-box: real `rubric worker` and `rubric serve` processes on one
//! database, one of them killed with SIGKILL in the middle of a job.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use app::i18n::Locale;
use app::models::{JobStatus, PeriodCode, SimulationView};
use app::ssr::entities::{job_part, period_score};
use app::ssr::services::audit::Actor;
use app::ssr::services::jobs;
use app::ssr::services::scoring::{self, Policy};
use app::ssr::services::seed::{self, DEMO_PASSWORD};
use common::{backends, browser_for, call, RubricProcess, TestApp, TestDb, WorkerProcess};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// (total, grade, inputs hash, rule hash) of every officer's current score, and how many
/// score rows each officer has.
async fn scores(
    db: &sea_orm::DatabaseConnection,
) -> (
    BTreeMap<i32, (Option<f64>, Option<String>, String, String)>,
    BTreeMap<i32, usize>,
) {
    let all = period_score::Entity::find().all(db).await.expect("scores");
    let mut rows: BTreeMap<i32, usize> = BTreeMap::new();
    let mut current = BTreeMap::new();
    for s in all {
        *rows.entry(s.officer_id).or_default() += 1;
        if s.superseded_by.is_none() {
            let old = current.insert(
                s.officer_id,
                (s.total, s.grade, s.inputs_hash, s.rule_version_hash),
            );
            assert!(
                old.is_none(),
                "officer {} has two current scores",
                s.officer_id
            );
        }
    }
    (current, rows)
}

async fn generated(backend: &common::Backend, officers: usize) -> TestDb {
    let t = TestDb::new(backend).await;
    seed::generate_province(&t.db, &Default::default(), officers, 1, "2025-05")
        .await
        .expect("generate");
    t
}

/// A province-month job split into parts, two worker processes, one killed with SIGKILL
/// in the middle: the other finishes the job, every officer is scored exactly once, and
/// the scores equal a single-process run's.
#[tokio::test]
async fn a_killed_worker_s_job_is_finished_by_the_other() {
    // Small parts, so that the job has many of them and the kill lands in the middle.
    std::env::set_var("RUBRIC_JOB_PART_OFFICERS", "60");
    for backend in backends() {
        let name = backend.name();
        let officers = 600;
        let code = PeriodCode::parse("2025-05").expect("code");

        // The reference: the same province scored in this process, in one run.
        let reference = generated(&backend, officers).await;
        scoring::score_period(
            &reference.db,
            &Default::default(),
            &Actor::system("test"),
            code,
            None,
        )
        .await
        .expect("reference run");
        let (expected, _) = scores(&reference.db).await;
        reference.cleanup().await;

        let t = generated(&backend, officers).await;
        let id = jobs::enqueue_score(&t.db, &Actor::system("test"), code, None, Policy::Full)
            .await
            .expect("enqueue");
        // The same work asked again joins the queued job.
        let again = jobs::enqueue_score(&t.db, &Actor::system("other"), code, None, Policy::Full)
            .await
            .expect("enqueue again");
        assert_eq!(again, id, "{name}: a second request joins the live job");
        let parts = jobs::get(&t.db, id).await.expect("job").parts_total;
        assert!(parts >= 5, "{name}: {parts} parts");

        let a = WorkerProcess::start(&t);
        let b = WorkerProcess::start(&t);
        // Kill one once some parts are done and others are not.
        let started = Instant::now();
        loop {
            let j = jobs::get(&t.db, id).await.expect("job");
            if j.parts_done >= 1 && j.parts_done < j.parts_total {
                break;
            }
            assert!(
                j.status.is_live(),
                "{name}: the job ended before the kill: {j:?}"
            );
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{name}: no progress"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        a.kill();
        let j = jobs::wait(&t.db, id, Duration::from_secs(300))
            .await
            .expect("wait");
        drop(b);
        assert_eq!(
            j.status,
            JobStatus::Done,
            "{name}: {:?}",
            jobs::error_of(&j)
        );
        assert_eq!(j.parts_done, j.parts_total, "{name}");
        let result = jobs::score_result(&j).expect("result");
        assert_eq!(result.officers, officers, "{name}: {result:?}");

        let (actual, rows) = scores(&t.db).await;
        assert_eq!(actual.len(), officers, "{name}");
        assert!(
            rows.values().all(|n| *n == 1),
            "{name}: an officer was scored twice: {:?}",
            rows.iter().filter(|(_, n)| **n != 1).collect::<Vec<_>>()
        );
        assert_eq!(
            actual, expected,
            "{name}: the job's scores differ from one run's"
        );
        let retried = jobs::taken_over(&t.db, id).await.expect("taken over");
        let done_by = jobs::workers_of(&t.db, id).await.expect("workers");
        eprintln!(
            "{name}: {parts} parts, {retried} taken over after the kill, finished by {} workers",
            done_by.len()
        );
        let live = job_part::Entity::find()
            .filter(job_part::Column::JobId.eq(id))
            .filter(job_part::Column::Status.ne(JobStatus::Done))
            .all(&t.db)
            .await
            .expect("parts");
        assert!(live.is_empty(), "{name}: {live:?}");
        t.cleanup().await;
    }
}

/// A `rubric worker` killed while it runs a simulation: a `rubric serve` started afterwards
/// takes the part over once its lease has run out, and the simulation's page shows the
/// result.
#[tokio::test]
async fn a_simulation_is_taken_over_after_a_kill() {
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        seed::seed_demo_if_empty(&t.db, &common::seed_pool())
            .await
            .expect("seed");
        let sim = queued_demo_simulation(&t, &Actor::system("committee")).await;
        // A worker claims the simulation's part and dies with it.
        let a = WorkerProcess::start(&t);
        let started = Instant::now();
        loop {
            let running = job_part::Entity::find()
                .filter(job_part::Column::Status.eq(JobStatus::Running))
                .one(&t.db)
                .await
                .expect("parts");
            if running.is_some() {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{name}: never claimed"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        a.kill();
        // A server started afterwards runs it again.
        let server = RubricProcess::start(&t).await;
        let client = browser_for(server.addr);
        let res = call(
            &client,
            server.addr,
            "sign_in",
            &[("username", "bcd"), ("password", DEMO_PASSWORD)],
        )
        .await;
        assert!(
            res.status.is_success() || res.status.is_redirection(),
            "{res:?}"
        );
        let started = Instant::now();
        let view = loop {
            let view: SimulationView = call(
                &client,
                server.addr,
                "get_simulation",
                &[("id", &sim.to_string())],
            )
            .await
            .json();
            if view.brief.status != JobStatus::Running {
                break view;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{name}: not taken over"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(
            view.brief.status,
            JobStatus::Done,
            "{name}: {:?}",
            view.error
        );
        assert!(view.summary.is_some(), "{name}: the page shows the result");
        drop(server);
        t.cleanup().await;
    }
}

/// The demo's draft formula, simulated on the scored demo month (queued: no worker runs in
/// a bare test database); the simulation's id.
async fn queued_demo_simulation(t: &TestDb, by: &Actor) -> i32 {
    let (month1, _) = seed::demo_months(chrono::Utc::now().date_naive());
    let draft = app::ssr::entities::rule_set_version::Entity::find()
        .filter(
            app::ssr::entities::rule_set_version::Column::Status.eq(app::models::RuleStatus::Draft),
        )
        .one(&t.db)
        .await
        .expect("find")
        .expect("the demo's draft formula");
    app::ssr::services::simulations::start(
        &t.db,
        &Default::default(),
        by,
        draft.id,
        &PeriodCode::month_of(month1).to_string(),
        Default::default(),
    )
    .await
    .expect("start")
}

/// Cancelling a queued simulation: its job and parts end cancelled, a worker finds nothing
/// to run, no result is stored, the cancel is audited; cancelling it again is refused in
/// the reader's language.
#[tokio::test]
async fn a_cancelled_simulation_runs_and_stores_nothing() {
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        seed::seed_demo_if_empty(&t.db, &common::seed_pool())
            .await
            .expect("seed");
        let committee = Actor::system("committee");
        let sim = queued_demo_simulation(&t, &committee).await;
        let job = jobs::of_simulation(&t.db, sim)
            .await
            .expect("job")
            .expect("a simulation runs as a job");
        jobs::cancel(&t.db, &committee, job).await.expect("cancel");

        let worker = jobs::Worker::new(t.db.clone(), Default::default());
        assert!(
            !worker.step().await.expect("step"),
            "{name}: nothing to run"
        );
        let s = app::ssr::entities::simulation::Entity::find_by_id(sim)
            .one(&t.db)
            .await
            .expect("sim")
            .expect("sim");
        assert_eq!(s.status, JobStatus::Cancelled, "{name}");
        let results = app::ssr::entities::simulation_result::Entity::find()
            .filter(app::ssr::entities::simulation_result::Column::SimulationId.eq(sim))
            .all(&t.db)
            .await
            .expect("results");
        assert!(
            results.is_empty(),
            "{name}: a cancelled simulation stores nothing"
        );
        assert_eq!(
            jobs::get(&t.db, job).await.expect("job").status,
            JobStatus::Cancelled
        );
        let parts = job_part::Entity::find()
            .filter(job_part::Column::JobId.eq(job))
            .all(&t.db)
            .await
            .expect("parts");
        assert!(
            parts.iter().all(|p| p.status == JobStatus::Cancelled),
            "{name}: {parts:?}"
        );
        let audited = app::ssr::entities::audit_event::Entity::find()
            .filter(app::ssr::entities::audit_event::Column::Action.eq("job.cancel"))
            .count(&t.db)
            .await
            .expect("audit");
        assert_eq!(audited, 1, "{name}");

        let again = jobs::cancel(&t.db, &committee, job)
            .await
            .expect_err("an ended job cannot be cancelled");
        assert_eq!(again.status_code(), 422, "{name}");
        let en = again.user_message(Locale::En);
        assert!(
            en.starts_with("Cannot cancel background job #"),
            "{name}: {en}"
        );
        assert!(
            again.user_message(Locale::Vi).starts_with("Không thể hủy"),
            "{name}"
        );
        t.cleanup().await;
    }
}

/// Over HTTP: an administrator may cancel the simulation they started but not another
/// administrator's; an officer may neither read nor cancel a job; the committee may cancel
/// any (refused with 422 only because it ended).
#[tokio::test]
async fn only_the_committee_or_the_starter_cancels_a_job() {
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::demo(&backend).await;
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let other_admin = app.signed_in("admin2", DEMO_PASSWORD).await;
        let officer = app.signed_in("cb.snv.tccb.02", DEMO_PASSWORD).await;
        let draft = common::new_formula_draft(&app, &admin).await;
        let (month1, _) = seed::demo_months(chrono::Utc::now().date_naive());
        let period = PeriodCode::month_of(month1).to_string();
        let sim: i32 = call(
            &admin,
            app.addr,
            "start_simulation",
            &[("id", &draft.to_string()), ("period", &period)],
        )
        .await
        .json();
        let view: SimulationView = call(
            &admin,
            app.addr,
            "get_simulation",
            &[("id", &sim.to_string())],
        )
        .await
        .json();
        let job = view
            .job_id
            .expect("the page knows the simulation's job")
            .to_string();

        let answer = call(&other_admin, app.addr, "cancel_job", &[("id", &job)]).await;
        assert_eq!(answer.status.as_u16(), 403, "{name}: {answer:?}");
        let answer = call(&officer, app.addr, "cancel_job", &[("id", &job)]).await;
        assert_eq!(answer.status.as_u16(), 403, "{name}: {answer:?}");
        let answer = call(&officer, app.addr, "get_job", &[("id", &job)]).await;
        assert_eq!(answer.status.as_u16(), 403, "{name}: {answer:?}");
        // The starter may: it is cancelled, or (a fast worker) already over.
        let answer = call(&admin, app.addr, "cancel_job", &[("id", &job)]).await;
        assert!(
            answer.status.is_success() || answer.status.as_u16() == 422,
            "{name}: {answer:?}"
        );
        let seen = common::wait_job(&admin, app.addr, job.parse().expect("id")).await;
        assert!(
            matches!(seen.status, JobStatus::Cancelled | JobStatus::Done),
            "{name}: {seen:?}"
        );
        assert!(!seen.may_cancel, "{name}");
        app.stop().await;
    }
}

/// A refused transition reads in the reader's language: the same refusal, in English.
#[tokio::test]
async fn a_refused_transition_speaks_english_to_an_english_reader() {
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::demo(&backend).await;
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let draft = common::new_formula_draft(&app, &admin).await;
        let committee = app.signed_in("bcd", DEMO_PASSWORD).await;
        // Only a formula in force can be retired; a draft cannot.
        let page = common::rule_version_page(&committee, &app, draft).await;
        let refused = call(
            &committee,
            app.addr,
            "retire_rule_version",
            &[
                ("id", &draft.to_string()),
                ("lock_version", &page.lock_version.to_string()),
            ],
        )
        .await;
        assert_eq!(refused.status.as_u16(), 422, "{name}: {refused:?}");
        let err: app::error::AppError = refused.json();
        let en = err.user_message(Locale::En);
        let vi = err.user_message(Locale::Vi);
        assert!(
            en.starts_with("Cannot retire formula version") && en.contains("Draft"),
            "{name}: {en}"
        );
        assert!(en.is_ascii() || en.contains('\u{201c}'), "{name}: {en}");
        assert!(vi.starts_with("Không thể ngừng áp dụng"), "{name}: {vi}");
        app.stop().await;
    }
}
