//! The administrators' home on the demo province, on every backend: each check counts what
//! the database holds, and follows a change (a new position without a job description, an
//! officer losing their position, a unit nobody heads, a failed job).

use crate::common;

use app::error::AppError;
use app::i18n::Msg;
use app::models::{AdminHome, CheckItem, CheckKind, JdStatus, JobStatus};
use app::ssr::entities::{job, job_description_version as jdv, position, user};
use app::ssr::services::seed;
use common::{add_unit, backends, call, user_named, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set,
};

fn check(home: &AdminHome, kind: CheckKind) -> &CheckItem {
    home.checks
        .iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("{kind:?} missing"))
}

async fn home(app: &TestApp, admin: &reqwest::Client) -> AdminHome {
    let answer = call(admin, app.addr, "admin_home", &[]).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

#[tokio::test]
async fn the_checklist_counts_what_the_database_holds_and_follows_changes() {
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::spawn(&backend).await;
        let db = &app.db.db;
        seed::seed_demo_if_empty(db, &common::seed_pool())
            .await
            .expect("seed");
        let admin = app.signed_in("admin", seed::DEMO_PASSWORD).await;
        let before = home(&app, &admin).await;
        let kinds: Vec<CheckKind> = before.checks.iter().map(|c| c.kind).collect();
        assert_eq!(kinds.len(), 7, "{name}: {kinds:?}");

        // Positions without an approved job description, counted independently.
        let positions = position::Entity::find().count(db).await.expect("count");
        let mut with_jd: Vec<i32> = jdv::Entity::find()
            .filter(jdv::Column::Status.eq(JdStatus::Approved))
            .select_only()
            .column(jdv::Column::PositionId)
            .into_tuple()
            .all(db)
            .await
            .expect("jd");
        with_jd.sort_unstable();
        with_jd.dedup();
        let without = check(&before, CheckKind::PositionsWithoutJobDescription);
        assert_eq!(without.count, positions - with_jd.len() as u64, "{name}");

        // 1. A new position without a job description.
        let p = position::ActiveModel {
            code: Set("VT-MOI".into()),
            name: Set("Vị trí mới".into()),
            kind: Set("professional".into()),
            cohort_group: Set("chuyen-mon".into()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("position");
        // 2. An officer loses their position and moves to a unit nobody heads.
        let officer = user_named(db, "cb.snv.tccb.05").await;
        let lonely = add_unit(db, "khong-lanh-dao", None).await;
        user::Entity::update_many()
            .col_expr(user::Column::PositionId, Expr::value(Option::<i32>::None))
            .col_expr(user::Column::UnitId, Expr::value(lonely))
            .filter(user::Column::Id.eq(officer.id))
            .exec(db)
            .await
            .expect("move");
        // 3. A job failed.
        let error = AppError::refused("period", Msg::UserUnknownChoice);
        job::ActiveModel {
            kind: Set("score".into()),
            live_key: Set(None),
            payload_json: Set("{}".into()),
            status: Set(JobStatus::Failed),
            parts_total: Set(1),
            parts_done: Set(0),
            result_json: Set(None),
            error_json: Set(Some(serde_json::to_string(&error).expect("json"))),
            created_by: Set(None),
            created_at: Set(chrono::Utc::now()),
            finished_at: Set(Some(chrono::Utc::now())),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("job");

        let after = home(&app, &admin).await;
        let count = |h: &AdminHome, k| check(h, k).count;
        assert_eq!(
            count(&after, CheckKind::PositionsWithoutJobDescription),
            count(&before, CheckKind::PositionsWithoutJobDescription) + 1,
            "{name}"
        );
        let new_position = check(&after, CheckKind::PositionsWithoutJobDescription)
            .examples
            .iter()
            .find(|e| e.label.starts_with("VT-MOI"))
            .unwrap_or_else(|| panic!("{name}: the new position is named"));
        assert_eq!(
            new_position.href.as_deref(),
            Some(format!("/quan-tri/vi-tri/{}", p.id).as_str()),
            "{name}"
        );
        assert_eq!(
            count(&after, CheckKind::OfficersWithoutPosition),
            count(&before, CheckKind::OfficersWithoutPosition) + 1,
            "{name}"
        );
        assert!(
            check(&after, CheckKind::OfficersWithoutPosition)
                .examples
                .iter()
                .any(|e| e.label.contains("cb.snv.tccb.05")),
            "{name}"
        );
        let unheaded = check(&after, CheckKind::UnitsWithoutHead);
        assert_eq!(
            unheaded.count,
            count(&before, CheckKind::UnitsWithoutHead) + 1,
            "{name}"
        );
        assert!(!unheaded.done(), "{name}");
        let failed = check(&after, CheckKind::JobsFailed);
        assert_eq!(failed.count, 1, "{name}");
        assert_eq!(failed.examples[0].error, Some(error), "{name}");
        assert!(check(&after, CheckKind::JobsRunning).done(), "{name}");

        // Administrators only.
        let officer_browser = app.signed_in("cb.snv.tccb.02", seed::DEMO_PASSWORD).await;
        let refused = call(&officer_browser, app.addr, "admin_home", &[]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{name}");
        app.stop().await;
    }
}
