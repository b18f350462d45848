//! The data layer, black-box through its services, on SQLite and PostgreSQL alike:
//! rule version transitions and refusals, concurrent activation, all-or-nothing writes,
//! the audit chain catching tampering, and re-scoring that keeps history.

use crate::common;

use app::error::AppError;
use app::models::{PeriodCode, RuleStatus};
use app::ssr::entities::{audit_event, period, period_score, rule_set_version};
use app::ssr::rule_pool::RulePool;
use app::ssr::services::audit::{self, Actor, Change, Verification};
use app::ssr::services::{rule_versions as rv, scores, scoring, seed};
use chrono::NaiveDate;
use common::{backends, TestDb};
use rubric_rules::RuleSetSource;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn admin() -> Actor {
    Actor::system("test-admin")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The Decree 335 profile with one case's expectation made wrong.
fn with_failing_case() -> RuleSetSource {
    let mut src = seed::decree_335();
    let mut cases: serde_json::Value = serde_json::from_str(&src.cases_json).expect("cases");
    let first = &mut cases[0]["expect"][0];
    first["grade"] = serde_json::json!("KHONG-CO");
    src.cases_json = cases.to_string();
    src
}

#[tokio::test]
async fn rule_version_life_cycle_and_refusals() {
    let engine = RulePool::default();
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let set = rv::create_rule_set(db, &admin(), "tinh", "Mặc định", None, None)
            .await
            .expect("rule set");

        // A draft whose test cases fail cannot be submitted.
        let bad = rv::create_draft(db, &admin(), set.id, &with_failing_case())
            .await
            .expect("draft");
        let refused = rv::submit(db, &engine, &admin(), bad.id, bad.lock_version).await;
        assert!(
            matches!(&refused, Err(AppError::Notice { field, .. }) if field == "cases"),
            "{name}: {refused:?}"
        );
        // Neither can a script that does not compile.
        let mut broken = seed::decree_335();
        broken.script.push_str("\nfn (");
        let fixed = rv::update_draft(db, &admin(), bad.id, bad.lock_version, &broken)
            .await
            .expect("edit");
        let refused = rv::submit(db, &engine, &admin(), fixed.id, fixed.lock_version).await;
        assert!(
            matches!(&refused, Err(AppError::Notice { field, .. }) if field == "script"),
            "{name}: {refused:?}"
        );

        // A stale edit is a conflict and changes nothing.
        let stale =
            rv::update_draft(db, &admin(), bad.id, bad.lock_version, &seed::decree_335()).await;
        assert_eq!(stale.err(), Some(AppError::Conflict), "{name}");
        let still = rule_set_version::Entity::find_by_id(bad.id)
            .one(db)
            .await
            .expect("load")
            .expect("row");
        assert_eq!(still.script, broken.script, "{name}: stale edit overwrote");

        // Fix it, then the whole way: submit → approve → activate → retire.
        let v = rv::update_draft(
            db,
            &admin(),
            still.id,
            still.lock_version,
            &seed::decree_335(),
        )
        .await
        .expect("fix");
        // Approving a draft is refused.
        let early = rv::approve(db, &engine, &admin(), v.id, v.lock_version, "ok", None).await;
        assert!(matches!(early, Err(AppError::Notice { .. })), "{name}");
        let v = rv::submit(db, &engine, &admin(), v.id, v.lock_version)
            .await
            .expect("submit");
        assert_eq!(v.status, RuleStatus::Submitted);
        // A submitted version can no longer be edited.
        let edit = rv::update_draft(db, &admin(), v.id, v.lock_version, &seed::decree_335()).await;
        assert!(matches!(edit, Err(AppError::Notice { .. })), "{name}");
        let v = rv::approve(db, &engine, &admin(), v.id, v.lock_version, "Đồng ý", None)
            .await
            .expect("approve");
        assert_eq!(v.approval_note.as_deref(), Some("Đồng ý"));
        // Activation decided on a stale view of the rule set is a conflict.
        let stale = rv::activate(
            db,
            &admin(),
            v.id,
            v.lock_version,
            set.lock_version + 1,
            date(2025, 1, 1),
        )
        .await;
        assert_eq!(stale.err(), Some(AppError::Conflict), "{name}");
        let v = rv::activate(
            db,
            &admin(),
            v.id,
            v.lock_version,
            set.lock_version,
            date(2025, 1, 1),
        )
        .await
        .expect("activate");
        assert_eq!(v.status, RuleStatus::Active);
        let found = rv::effective_for(db, None, None, date(2025, 5, 1))
            .await
            .expect("lookup")
            .expect("effective");
        assert_eq!(found.0.id, v.id, "{name}");
        assert!(rv::effective_for(db, None, None, date(2024, 12, 31))
            .await
            .expect("lookup")
            .is_none());
        let v = rv::retire(db, &admin(), v.id, v.lock_version)
            .await
            .expect("retire");
        assert_eq!(v.status, RuleStatus::Retired);
        assert!(rv::effective_for(db, None, None, date(2025, 5, 1))
            .await
            .expect("lookup")
            .is_none());
        // Roll back: activating the retired version again is a new recorded event.
        let v = rv::activate(
            db,
            &admin(),
            v.id,
            v.lock_version,
            set.lock_version + 1,
            date(2025, 1, 1),
        )
        .await
        .expect("reactivate");
        assert_eq!(v.status, RuleStatus::Active);
        assert_eq!(
            audit::verify(db).await.expect("verify"),
            Verification::Intact { events: 9 },
            "{name}"
        );
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_activations_exactly_one_wins() {
    let engine = RulePool::default();
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let set = rv::create_rule_set(db, &admin(), "tinh", "Mặc định", None, None)
            .await
            .expect("rule set");
        let mut approved = Vec::new();
        for src in [seed::decree_335(), seed::khanh_hoa_2025()] {
            let v = rv::create_draft(db, &admin(), set.id, &src)
                .await
                .expect("draft");
            let v = rv::submit(db, &engine, &admin(), v.id, v.lock_version)
                .await
                .expect("submit");
            let v = rv::approve(db, &engine, &admin(), v.id, v.lock_version, "ok", None)
                .await
                .expect("approve");
            approved.push(v);
        }
        // Two committee members activate different versions, both having seen the rule set
        // at the same state; they run at the same time on two threads.
        let seen = set.lock_version;
        let spawn = |v: rule_set_version::Model| {
            let db = db.clone();
            tokio::spawn(async move {
                rv::activate(&db, &admin(), v.id, v.lock_version, seen, date(2025, 1, 1)).await
            })
        };
        let (h1, h2) = (spawn(approved[0].clone()), spawn(approved[1].clone()));
        let (r1, r2) = (h1.await.expect("join"), h2.await.expect("join"));
        let brief = |r: &Result<rule_set_version::Model, AppError>| match r {
            Ok(v) => format!("won ({})", v.status),
            Err(e) => format!("lost ({e:?})"),
        };
        let (r1, r2) = (brief(&r1), brief(&r2));
        let wins = [&r1, &r2].iter().filter(|r| r.starts_with("won")).count();
        assert_eq!(wins, 1, "{name}: {r1:?} / {r2:?}");
        let active = rule_set_version::Entity::find()
            .filter(rule_set_version::Column::Status.eq(RuleStatus::Active))
            .count(db)
            .await
            .expect("count");
        assert_eq!(active, 1, "{name}");
        assert!(matches!(
            audit::verify(db).await.expect("verify"),
            Verification::Intact { .. }
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_failure_half_way_leaves_nothing_behind() {
    let engine = RulePool::default();
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        // Scoring creates the period, then finds no formula for it and fails: the period
        // row it created must be gone with the rest of the transaction.
        seed::seed_demo_if_empty(db, &engine).await.expect("seed");
        let before = audit_event::Entity::find().count(db).await.expect("count");
        let code = PeriodCode::parse("2019-03").expect("code");
        let err = scoring::score_period(db, &engine, &admin(), code, None).await;
        assert!(
            matches!(err, Err(AppError::Notice { .. })),
            "{name}: {err:?}"
        );
        let created = period::Entity::find()
            .filter(period::Column::Code.eq("2019-03"))
            .count(db)
            .await
            .expect("count");
        assert_eq!(created, 0, "{name}: half-written period");
        assert_eq!(
            audit_event::Entity::find().count(db).await.expect("count"),
            before
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn demo_province_rescoring_keeps_history_and_audit_catches_tampering() {
    let engine = RulePool::default();
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let summary = match seed::seed_demo_if_empty(db, &engine).await.expect("seed") {
            seed::SeedOutcome::Seeded(s) => s,
            other => panic!("{name}: {other:?}"),
        };
        assert!(
            summary.units >= 14 && summary.officers >= 200,
            "{summary:?}"
        );
        assert!(summary.entries > 10_000, "{summary:?}");
        assert_eq!(summary.scored_officers, summary.officers);
        assert!(matches!(
            audit::verify(db).await.expect("verify"),
            Verification::Intact { .. }
        ));

        // Every grade appears and the cap kept HTXSNV within 20 % of HTTNV per cohort.
        let first: Vec<period_score::Model> =
            period_score::Entity::find().all(db).await.expect("scores");
        assert_eq!(first.len(), summary.officers);
        for s in &first {
            let trace: serde_json::Value = serde_json::from_str(&s.trace_json).expect("trace");
            let cents: i64 = trace
                .as_array()
                .expect("array")
                .iter()
                .map(|i| (i["points"].as_f64().unwrap_or(0.0) * 100.0).round() as i64)
                .sum();
            if let Some(total) = s.total {
                assert_eq!(
                    cents,
                    (total * 100.0).round() as i64,
                    "{name}: trace of {}",
                    s.officer_id
                );
            }
        }

        // A stored score's explanation, built once and then taken from the cache, is the
        // one read afresh; a new version of the score is a new entry, not a stale one.
        let month = &summary.months[0];
        let officer = first[first.len() / 2].officer_id;
        let cache = scores::ExplanationCache::new();
        let fresh = scores::explanation(db, officer, month)
            .await
            .expect("explain");
        for _ in 0..2 {
            let cached = scores::explanation_cached(db, &cache, officer, month)
                .await
                .expect("explain (cached)");
            assert_eq!(cached, fresh, "{name}: cached explanation");
        }
        assert_eq!(cache.len(), 1, "{name}: one score, one entry");
        let weight = cache.weight();
        assert!(
            weight > 1_000 && weight < scores::ExplanationCache::BUDGET,
            "{name}: an explanation weighs its size ({weight} bytes)"
        );
        assert!(
            !fresh.trace.is_empty() && fresh.walkthrough.is_some(),
            "{name}"
        );

        // Re-scoring adds a version and keeps the first, linked to it.
        let code = PeriodCode::parse(month).expect("code");
        let run = scoring::score_period(db, &engine, &admin(), code, None)
            .await
            .expect("rescore");
        let cached = scores::explanation_cached(db, &cache, officer, month)
            .await
            .expect("explain (cached) after re-scoring");
        assert_eq!(
            cached.score_version, 2,
            "{name}: the new version is explained"
        );
        assert_eq!(
            cached,
            scores::explanation(db, officer, month)
                .await
                .expect("explain"),
            "{name}: cached explanation of the new version"
        );
        assert_eq!(cache.len(), 2, "{name}: the new version has its own entry");
        assert_eq!(run.officers, summary.officers);
        let all = period_score::Entity::find().all(db).await.expect("scores");
        assert_eq!(all.len(), 2 * summary.officers, "{name}");
        for old in &first {
            let reloaded = all.iter().find(|s| s.id == old.id).expect("old kept");
            let newer = all
                .iter()
                .find(|s| Some(s.id) == reloaded.superseded_by)
                .expect("linked to the new version");
            assert_eq!(newer.score_version, 2);
            assert_eq!(newer.total, old.total, "{name}: same inputs, same total");
            assert_eq!(newer.inputs_hash, old.inputs_hash);
            assert_eq!(newer.rule_version_hash, old.rule_version_hash);
        }

        // Editing an audit row by hand is detected, and named.
        assert!(matches!(
            audit::verify(db).await.expect("verify"),
            Verification::Intact { .. }
        ));
        db.execute_unprepared("UPDATE audit_events SET actor_name = 'ke-gian' WHERE seq = 3")
            .await
            .expect("tamper");
        match audit::verify(db).await.expect("verify") {
            Verification::Broken { seq, .. } => assert_eq!(seq, 3, "{name}"),
            ok => panic!("{name}: tampering not detected: {ok:?}"),
        }
        t.cleanup().await;
    }
}

/// A quarter is formed from its months by the formulas' `aggregate`: each officer's total is
/// the average of their scored months, month by month in the trace, and an officer without
/// any scored month gets no quarter score (never a zero).
#[tokio::test]
async fn a_quarter_is_the_average_of_its_scored_months() {
    let engine = RulePool::default();
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let summary = match seed::seed_demo_if_empty(db, &engine).await.expect("seed") {
            seed::SeedOutcome::Seeded(s) => s,
            other => panic!("{name}: {other:?}"),
        };
        let last = PeriodCode::parse(&summary.months[1]).expect("code");
        let quarter = PeriodCode::quarter_of(last.starts_on());
        let (q_start, q_end) = (quarter.starts_on(), quarter.ends_on());
        let run = scoring::score_period(db, &engine, &admin(), quarter, None)
            .await
            .expect("quarter");
        assert_eq!(run.officers, summary.officers, "{name}");

        let months: Vec<period::Model> = period::Entity::find()
            .filter(period::Column::Kind.eq("month"))
            .filter(period::Column::StartsOn.gte(q_start))
            .filter(period::Column::EndsOn.lte(q_end))
            .all(db)
            .await
            .expect("months");
        assert!(!months.is_empty());
        let q = period::Entity::find()
            .filter(period::Column::Code.eq(quarter.to_string()))
            .one(db)
            .await
            .expect("read")
            .expect("quarter period");
        let current = |period_id: i32| async move {
            period_score::Entity::find()
                .filter(period_score::Column::PeriodId.eq(period_id))
                .filter(period_score::Column::SupersededBy.is_null())
                .all(db)
                .await
                .expect("scores")
        };
        let mut monthly: std::collections::HashMap<i32, Vec<f64>> = Default::default();
        for m in &months {
            for s in current(m.id).await {
                if let Some(total) = s.total {
                    monthly.entry(s.officer_id).or_default().push(total);
                }
            }
        }
        let quarter_scores = current(q.id).await;
        assert_eq!(quarter_scores.len(), summary.officers, "{name}");
        let mut checked = 0;
        for s in &quarter_scores {
            match monthly.get(&s.officer_id) {
                Some(totals) => {
                    let average = totals.iter().sum::<f64>() / totals.len() as f64;
                    let total = s.total.expect("a scored month gives a quarter score");
                    assert!(
                        (total - (average * 100.0).round() / 100.0).abs() < 0.011,
                        "{name}: officer {} quarter {total} months {totals:?}",
                        s.officer_id
                    );
                    let trace: serde_json::Value =
                        serde_json::from_str(&s.trace_json).expect("trace");
                    let month_items = trace
                        .as_array()
                        .expect("array")
                        .iter()
                        .filter(|i| i["rule"].as_str().is_some_and(|r| r.starts_with("month.")))
                        .count();
                    assert_eq!(month_items, totals.len(), "{name}: {}", s.officer_id);
                    checked += 1;
                }
                None => assert!(s.total.is_none(), "{name}: {} has no month", s.officer_id),
            }
        }
        assert!(checked > 100, "{name}: {checked}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn audit_chain_detects_deleted_and_reordered_events() {
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        for i in 0..5 {
            audit::record(db, &admin(), Change::new("test.event", "thing", i))
                .await
                .expect("record");
        }
        assert_eq!(
            audit::verify(db).await.expect("verify"),
            Verification::Intact { events: 5 }
        );
        // Deleting the last event: the head no longer matches.
        db.execute_unprepared("DELETE FROM audit_events WHERE seq = 5")
            .await
            .expect("delete");
        assert!(
            matches!(
                audit::verify(db).await.expect("verify"),
                Verification::Broken { .. }
            ),
            "{name}"
        );
        // Swapping two events' sequence numbers: the links break at the first of them.
        db.execute_unprepared("UPDATE audit_events SET seq = 100 WHERE seq = 2")
            .await
            .expect("swap");
        db.execute_unprepared("UPDATE audit_events SET seq = 2 WHERE seq = 3")
            .await
            .expect("swap");
        db.execute_unprepared("UPDATE audit_events SET seq = 3 WHERE seq = 100")
            .await
            .expect("swap");
        match audit::verify(db).await.expect("verify") {
            Verification::Broken { seq, .. } => assert_eq!(seq, 2, "{name}"),
            ok => panic!("{name}: reorder not detected: {ok:?}"),
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_units_chain_is_read_in_one_query_nearest_first_and_a_cycle_stops_it() {
    use app::ssr::auth::guard::{unit_chain, unit_chain_named};
    use app::ssr::entities::unit;
    use sea_orm::sea_query::Expr;
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let province = common::add_unit(db, "T", None).await;
        let agency = common::add_unit(db, "T.SNV", Some(province)).await;
        let department = common::add_unit(db, "T.SNV.TCCB", Some(agency)).await;
        unit::Entity::update_many()
            .col_expr(unit::Column::Kind, Expr::value("agency"))
            .filter(unit::Column::Id.eq(agency))
            .exec(db)
            .await
            .expect("agency");
        let chain = unit_chain_named(db, Some(department)).await.expect("chain");
        let ids: Vec<i32> = chain.iter().map(|u| u.id).collect();
        assert_eq!(ids, [department, agency, province], "{name}");
        assert_eq!(chain[1].kind, "agency", "{name}");
        assert_eq!(chain[0].name, "Đơn vị T.SNV.TCCB", "{name}");
        assert_eq!(
            unit_chain(db, Some(agency)).await.expect("chain"),
            [agency, province],
            "{name}"
        );
        assert!(unit_chain(db, None).await.expect("none").is_empty());
        assert!(unit_chain(db, Some(999_999))
            .await
            .expect("gone")
            .is_empty());
        // A cycle (the province put under the department) ends where a unit repeats.
        unit::Entity::update_many()
            .col_expr(unit::Column::ParentId, Expr::value(department))
            .filter(unit::Column::Id.eq(province))
            .exec(db)
            .await
            .expect("cycle");
        assert_eq!(
            unit_chain(db, Some(department)).await.expect("cycle"),
            [department, agency, province],
            "{name}"
        );
        t.cleanup().await;
    }
}
