//! Every state transition of job descriptions, work-log entries and periods, with their
//! refusals (bad state, stale version, invalid input), on SQLite and PostgreSQL.

use crate::common;

use app::error::AppError;
use app::models::{
    CatalogItemInput, EntryStatus, JdStatus, PeriodCode, PeriodStatus, ReviewFindings, WorkLogInput,
};
use app::ssr::entities::{audit_event, catalog_item, period_score, position, work_log_entry};
use app::ssr::rule_pool::RulePool;
use app::ssr::services::audit::{self, Actor, Verification};
use app::ssr::services::{job_descriptions as jd, periods, scoring, seed, work_log};
use chrono::NaiveDate;
use common::{backends, TestDb};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

fn item(code: &str, norm: f64) -> CatalogItemInput {
    CatalogItemInput {
        code: code.into(),
        group_code: "C".into(),
        name: format!("Công việc {code}"),
        unit_of_measure: "hồ sơ".into(),
        norm_minutes: norm,
        complexity_level: 2,
        coefficient: None,
        evidence_required: false,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, d).expect("date")
}

#[tokio::test]
async fn job_description_versions() {
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let author = Actor::user(1, "admin");
        let approver = Actor::user(2, "admin2");
        let pos = position::ActiveModel {
            code: Set("CV-TCCB".into()),
            name: Set("Chuyên viên tổ chức cán bộ".into()),
            kind: Set("professional".into()),
            cohort_group: Set("chuyen-vien".into()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("position");

        let v1 = jd::new_draft(db, &author, pos.id).await.expect("draft");
        // Only one open version per position.
        assert!(matches!(
            jd::new_draft(db, &author, pos.id).await,
            Err(AppError::Notice { .. })
        ));
        // Bad catalogs are refused whole, naming the row.
        let dup = jd::update_draft(
            db,
            &author,
            v1.id,
            0,
            "Mô tả",
            &[item("C08", 30.0), item("c08", 10.0)],
        )
        .await;
        match dup {
            Err(err @ AppError::Notice { .. }) => {
                assert_eq!(err.field(), Some("items[2].code"));
                let message = err.user_message(app::i18n::Locale::Vi);
                assert!(message.contains("Dòng 2"), "{message}");
            }
            other => panic!("{name}: {other:?}"),
        }
        let zero = jd::update_draft(db, &author, v1.id, 0, "Mô tả", &[item("C08", 0.0)]).await;
        assert!(
            matches!(zero, Err(AppError::Notice { field, .. }) if field == "items[1].norm_minutes")
        );
        // An empty catalog cannot be submitted.
        assert!(matches!(
            jd::submit(db, &author, v1.id, 0).await,
            Err(AppError::Refused { .. })
        ));
        let v1 = jd::update_draft(
            db,
            &author,
            v1.id,
            0,
            "Thẩm định hồ sơ",
            &[item("C08", 30.0), item("C09", 480.0)],
        )
        .await
        .expect("edit");
        let stale = jd::update_draft(db, &author, v1.id, 0, "x", &[item("C08", 30.0)]).await;
        assert_eq!(stale.err(), Some(AppError::Conflict), "{name}");
        let v1 = jd::submit(db, &author, v1.id, v1.lock_version)
            .await
            .expect("submit");
        // Returned with a reason, corrected, resubmitted.
        assert!(matches!(
            jd::return_version(db, &approver, v1.id, v1.lock_version, " ").await,
            Err(AppError::Refused { .. })
        ));
        let v1 = jd::return_version(
            db,
            &approver,
            v1.id,
            v1.lock_version,
            "Định mức C09 quá cao",
        )
        .await
        .expect("return");
        assert_eq!(v1.return_reason.as_deref(), Some("Định mức C09 quá cao"));
        let v1 = jd::update_draft(
            db,
            &author,
            v1.id,
            v1.lock_version,
            "Thẩm định hồ sơ",
            &[item("C08", 30.0), item("C09", 360.0)],
        )
        .await
        .expect("fix");
        let v1 = jd::submit(db, &author, v1.id, v1.lock_version)
            .await
            .expect("resubmit");
        // The author cannot approve their own version.
        assert!(matches!(
            jd::approve(db, &author, v1.id, v1.lock_version, "12/QĐ", day(1)).await,
            Err(AppError::Refused { .. })
        ));
        let v1 = jd::approve(db, &approver, v1.id, v1.lock_version, "12/QĐ-SNV", day(1))
            .await
            .expect("approve");
        assert_eq!(v1.status, JdStatus::Approved);
        // An approved version cannot be edited.
        assert!(matches!(
            jd::update_draft(
                db,
                &author,
                v1.id,
                v1.lock_version,
                "x",
                &[item("C08", 1.0)]
            )
            .await,
            Err(AppError::Notice { .. })
        ));
        // The next version starts from it and supersedes it on approval.
        let v2 = jd::new_draft(db, &author, pos.id).await.expect("v2");
        assert_eq!(v2.version_no, 2);
        assert_eq!(jd::catalog_of(db, v2.id).await.expect("catalog").len(), 2);
        let v2 = jd::update_draft(
            db,
            &author,
            v2.id,
            v2.lock_version,
            "Thẩm định hồ sơ",
            &[item("C08", 25.0), item("C09", 360.0)],
        )
        .await
        .expect("edit v2");
        let v2 = jd::submit(db, &author, v2.id, v2.lock_version)
            .await
            .expect("submit v2");
        jd::approve(db, &approver, v2.id, v2.lock_version, "30/QĐ-SNV", day(15))
            .await
            .expect("approve v2");
        let old = app::ssr::entities::job_description_version::Entity::find_by_id(v1.id)
            .one(db)
            .await
            .expect("load")
            .expect("row");
        assert_eq!(old.status, JdStatus::Superseded, "{name}");
        let norms: Vec<f64> = catalog_item::Entity::find()
            .filter(catalog_item::Column::JobDescriptionVersionId.eq(v1.id))
            .all(db)
            .await
            .expect("items")
            .iter()
            .map(|i| i.norm_minutes)
            .collect();
        assert!(
            norms.contains(&30.0),
            "{name}: the approved catalog changed"
        );
        assert!(matches!(
            audit::verify(db).await.expect("verify"),
            Verification::Intact { .. }
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn work_log_entries_and_period_transitions() {
    let engine = RulePool::default();
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let summary = match seed::seed_demo_if_empty(db, &engine).await.expect("seed") {
            seed::SeedOutcome::Seeded(s) => s,
            other => panic!("{other:?}"),
        };
        let officer = app::ssr::entities::user::Entity::find()
            .filter(app::ssr::entities::user::Column::Username.eq("cb.snv.tccb.02"))
            .one(db)
            .await
            .expect("load")
            .expect("officer");
        let me = Actor::user(officer.id, "cb.snv.tccb.02");
        let boss = Actor::user(officer.id - 1, "tp.snv.tccb");
        let c08 = catalog_item::Entity::find()
            .filter(catalog_item::Column::Code.eq("C08"))
            .one(db)
            .await
            .expect("load")
            .expect("C08");
        let today = chrono::Utc::now().date_naive();
        let input = WorkLogInput {
            work_date: today,
            catalog_item_id: Some(c08.id),
            off_catalog_description: None,
            proposed_minutes: None,
            quantity: 4.0,
            completed_qty: None,
            assigned_on: Some(today),
            deadline: Some(today),
            completed_on: Some(today),
            source_document: Some("15/SNV-TCCB".into()),
            note: None,
        };
        // Invalid input is refused, naming the field.
        let bad = WorkLogInput {
            quantity: 0.0,
            ..input.clone()
        };
        assert!(
            matches!(work_log::create(db, &me, officer.id, &bad).await, Err(AppError::Refused { field, .. }) if field == "quantity")
        );
        let off = WorkLogInput {
            catalog_item_id: None,
            ..input.clone()
        };
        assert!(
            matches!(work_log::create(db, &me, officer.id, &off).await, Err(AppError::Refused { field, .. }) if field == "off_catalog_description")
        );

        let e1 = work_log::create(db, &me, officer.id, &input)
            .await
            .expect("e1");
        let e2 = work_log::create(db, &me, officer.id, &input)
            .await
            .expect("e2");
        let e3 = work_log::create(
            db,
            &me,
            officer.id,
            &WorkLogInput {
                catalog_item_id: None,
                off_catalog_description: Some("Hỗ trợ đoàn kiểm tra".into()),
                proposed_minutes: Some(90.0),
                quantity: 1.0,
                ..input.clone()
            },
        )
        .await
        .expect("e3");
        // Approving a draft is refused; submitting moves all three at once.
        assert!(matches!(
            work_log::approve(db, &boss, &[(e1.id, 0)]).await,
            Err(AppError::Notice { .. })
        ));
        let sent = work_log::submit(db, &me, &[(e1.id, 0), (e2.id, 0), (e3.id, 0)])
            .await
            .expect("submit");
        assert!(sent.iter().all(|e| e.status == EntryStatus::Submitted));
        // Off-catalog work must be mapped before approval; a failed bulk approval writes nothing.
        let bulk = work_log::approve(db, &boss, &[(e1.id, 1), (e3.id, 1)]).await;
        assert!(
            matches!(bulk, Err(AppError::Notice { .. })),
            "{name}: {bulk:?}"
        );
        let e1_now = work_log_entry::Entity::find_by_id(e1.id)
            .one(db)
            .await
            .expect("load")
            .expect("row");
        assert_eq!(
            e1_now.status,
            EntryStatus::Submitted,
            "{name}: half-applied bulk approval"
        );
        let d01 = catalog_item::Entity::find()
            .filter(catalog_item::Column::Code.eq("D01"))
            .filter(
                catalog_item::Column::JobDescriptionVersionId.eq(c08.job_description_version_id),
            )
            .one(db)
            .await
            .expect("load")
            .expect("D01");
        let e3 = work_log::map_off_catalog(db, &boss, e3.id, 1, d01.id, 1.5)
            .await
            .expect("map");
        assert_eq!(e3.catalog_item_id, Some(d01.id));
        let e2 = work_log::return_entry(db, &boss, e2.id, 1, "Thiếu số văn bản")
            .await
            .expect("return");
        assert_eq!(e2.status, EntryStatus::Returned);
        let e2 = work_log::submit(db, &me, &[(e2.id, e2.lock_version)])
            .await
            .expect("resubmit")
            .remove(0);
        let e2 = work_log::record_findings(
            db,
            &boss,
            e2.id,
            e2.lock_version,
            ReviewFindings {
                quality_failures: 0,
                delays: 1,
                objective_cause: false,
            },
        )
        .await
        .expect("findings");
        assert_eq!(e2.delays, 1);
        let stale = work_log::record_findings(
            db,
            &boss,
            e2.id,
            0,
            ReviewFindings {
                quality_failures: 1,
                delays: 0,
                objective_cause: false,
            },
        )
        .await;
        assert_eq!(stale.err(), Some(AppError::Conflict));
        work_log::approve(
            db,
            &boss,
            &[
                (e1.id, 1),
                (e2.id, e2.lock_version),
                (e3.id, e3.lock_version),
            ],
        )
        .await
        .expect("approve");

        // Period: scored → approved (entries locked) → published; wrong order refused.
        let p1 = app::ssr::entities::period::Entity::find()
            .filter(app::ssr::entities::period::Column::Code.eq(summary.months[0].clone()))
            .one(db)
            .await
            .expect("load")
            .expect("period");
        assert_eq!(p1.status, PeriodStatus::Scored);
        assert!(matches!(
            periods::publish(db, &boss, p1.id, p1.lock_version).await,
            Err(AppError::Notice { .. })
        ));
        let p1 = periods::approve(db, &boss, p1.id, p1.lock_version)
            .await
            .expect("approve period");
        let locked = work_log_entry::Entity::find()
            .filter(work_log_entry::Column::Status.eq("locked"))
            .count(db)
            .await
            .expect("count");
        assert!(locked > 1000, "{name}: {locked}");
        let p1 = periods::publish(db, &boss, p1.id, p1.lock_version)
            .await
            .expect("publish");
        assert_eq!(p1.status, PeriodStatus::Published);
        let published = period_score::Entity::find()
            .filter(period_score::Column::PublishedAt.is_not_null())
            .count(db)
            .await
            .expect("count");
        assert_eq!(published as usize, summary.officers);
        // Locked entries take no more findings.
        let any_locked = work_log_entry::Entity::find()
            .filter(work_log_entry::Column::Status.eq("locked"))
            .one(db)
            .await
            .expect("load")
            .expect("locked");
        let refused = work_log::record_findings(
            db,
            &boss,
            any_locked.id,
            any_locked.lock_version,
            ReviewFindings {
                quality_failures: 1,
                delays: 0,
                objective_cause: false,
            },
        )
        .await;
        assert!(matches!(refused, Err(AppError::Notice { .. })), "{name}");
        // Re-scoring a published period changes no approved score: it must be reopened
        // first (the closing chain), or answered on appeal.
        let run = scoring::score_period(
            db,
            &engine,
            &boss,
            PeriodCode::parse(&p1.code).expect("code"),
            Some("snv/tccb"),
        )
        .await
        .expect("rescore unit");
        let versions = period_score::Entity::find()
            .filter(period_score::Column::ScoreVersion.eq(2))
            .count(db)
            .await
            .expect("count");
        assert_eq!(versions, 0, "{name}: approved scores kept ({run:?})");
        assert!(audit_event::Entity::find().count(db).await.expect("count") > 10);
        assert!(matches!(
            audit::verify(db).await.expect("verify"),
            Verification::Intact { .. }
        ));
        t.cleanup().await;
    }
}
