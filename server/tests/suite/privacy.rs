//! An officer's personal data download and the privacy notice, black-box on SQLite and
//! PostgreSQL: the file holds the officer's entries and scores and nothing of anyone else's
//! (a head who reviewed 1 994 entries gets only their own), no password hash, who read their
//! score (a head's read of another's score is audited, one's own is not), and the download
//! is in the audit trail; visitors get 401 and the notice without the link. Retention.

use crate::common;

use app::ssr::services::seed::DEMO_PASSWORD;
use common::{backends, TestApp};
use sea_orm::{ConnectionTrait, Statement};

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let db = &app.db.db;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            sql.to_string(),
        ))
        .await
        .expect("query")
        .expect("row");
    // PostgreSQL's ids are INT4, its counts INT8.
    row.try_get_by_index::<i64>(0)
        .or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from))
        .expect("value")
}

async fn download(app: &TestApp, username: &str) -> serde_json::Value {
    let browser = app.signed_in(username, DEMO_PASSWORD).await;
    let res = browser
        .get(app.url("/api/du-lieu-ca-nhan"))
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), 200, "{username}");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"du-lieu-ca-nhan-")
            && disposition.ends_with(".json\""),
        "{disposition}"
    );
    assert_eq!(res.headers()["cache-control"], "no-store");
    res.json().await.expect("a JSON document")
}

async fn html(client: &reqwest::Client, url: String) -> String {
    let res = client.get(url).send().await.expect("page");
    assert_eq!(res.status(), 200);
    res.text().await.expect("html")
}

fn rows<'a>(doc: &'a serde_json::Value, table: &str) -> &'a Vec<serde_json::Value> {
    doc["tables"][table]
        .as_array()
        .unwrap_or_else(|| panic!("{table} missing"))
}

#[tokio::test]
async fn an_officer_downloads_their_data_and_nothing_of_anyone_else_s() {
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::demo(&backend).await;
        let officer = scalar(
            &app,
            "SELECT id FROM users WHERE username = 'cb.snv.tccb.01'",
        )
        .await;
        let head = scalar(&app, "SELECT id FROM users WHERE username = 'tp.snv.tccb'").await;

        // The head reads the officer's score and trace: recorded; the officer's own read is not.
        let head_browser = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;
        let officer_text = officer.to_string();
        let read = common::call(
            &head_browser,
            app.addr,
            "score_explanation",
            &[("officer_id", officer_text.as_str()), ("period", "")],
        )
        .await;
        assert!(read.status.is_success(), "{name}: {read:?}");
        let own = common::call(
            &app.signed_in("cb.snv.tccb.01", DEMO_PASSWORD).await,
            app.addr,
            "my_score",
            &[("period", "")],
        )
        .await;
        assert!(own.status.is_success(), "{name}: {own:?}");
        let accesses = scalar(
            &app,
            "SELECT COUNT(*) FROM audit_events WHERE entity = 'score_access'",
        )
        .await;
        assert_eq!(accesses, 1, "{name}: the head's read only");

        let doc = download(&app, "cb.snv.tccb.01").await;
        assert!(
            rows(&doc, "audit_events")
                .iter()
                .any(|e| e["entity"] == "score_access"
                    && e["actor_name"] == "tp.snv.tccb"
                    && e["entity_id"] == officer_text),
            "{name}: the officer sees who read their score"
        );
        let users = rows(&doc, "users");
        assert_eq!(users.len(), 1, "{name}");
        assert_eq!(users[0]["id"], officer, "{name}");
        assert!(
            users[0].get("password_hash").is_none(),
            "{name}: no password hash"
        );
        let entries = rows(&doc, "work_log_entries");
        let in_db = scalar(
            &app,
            &format!("SELECT COUNT(*) FROM work_log_entries WHERE officer_id = {officer}"),
        )
        .await;
        assert!(in_db > 0, "{name}");
        assert_eq!(entries.len() as i64, in_db, "{name}: every entry");
        for table in [
            "work_log_entries",
            "period_scores",
            "appeals",
            "criteria_points",
            "practice_entries",
            "simulation_results",
        ] {
            for row in rows(&doc, table) {
                assert_eq!(row["officer_id"], officer, "{name}: {table} {row}");
            }
        }
        for table in [
            "user_roles",
            "notifications",
            "activation_codes",
            "sessions",
        ] {
            for row in rows(&doc, table) {
                assert_eq!(row["user_id"], officer, "{name}: {table} {row}");
                assert!(row.get("code_hash").is_none() && row.get("data").is_none());
            }
        }
        let scores = rows(&doc, "period_scores");
        assert!(!scores.is_empty(), "{name}: the officer's scores");
        let text = doc.to_string();
        assert!(
            !text.contains("$argon2"),
            "{name}: no password hash anywhere"
        );

        // A head who reviewed others' entries gets only their own.
        let doc = download(&app, "tp.snv.tccb").await;
        let reviewed = scalar(
            &app,
            &format!("SELECT COUNT(*) FROM work_log_entries WHERE reviewed_by = {head} AND officer_id <> {head}"),
        )
        .await;
        assert!(reviewed > 0, "{name}: the head reviewed entries");
        for row in rows(&doc, "work_log_entries") {
            assert_eq!(
                row["officer_id"], head,
                "{name}: only the head's own entries"
            );
        }
        for action in doc["own_actions"].as_array().expect("own actions") {
            assert!(action.get("before_json").is_none() && action.get("after_json").is_none());
        }

        // Each download is audited; visitors get 401.
        let audited = scalar(
            &app,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'personal_data.download'",
        )
        .await;
        assert_eq!(audited, 2, "{name}");
        let res = app
            .browser()
            .get(app.url("/api/du-lieu-ca-nhan"))
            .send()
            .await
            .expect("anonymous");
        assert_eq!(res.status(), 401, "{name}");

        // The notice: for everyone; the link for the signed-in.
        let page = html(&app.browser(), app.url("/quyen-rieng-tu")).await;
        assert!(page.contains("Nghị định 13/2023"), "{name}");
        assert!(!page.contains("personal-data-download"), "{name}");
        let signed_in = app.signed_in("cb.snv.tccb.01", DEMO_PASSWORD).await;
        let page = html(&signed_in, app.url("/quyen-rieng-tu")).await;
        assert!(page.contains("personal-data-download"), "{name}");
        app.stop().await;
    }
}

/// Retention: returned entries never corrected are deleted after the set days (not those an
/// appeal names; never when unset), failed sign-ins after their hours, in one audited event;
/// the audit chain still verifies.
#[tokio::test]
async fn retention_purges_what_is_past_its_time_and_keeps_the_rest() {
    use app::ssr::entities::{appeal, work_log_entry as wle};
    use app::ssr::services::retention::{purge, Retention};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::demo(&backend).await;
        let db = &app.db.db;
        let returned = || wle::Entity::find().filter(wle::Column::Status.eq("returned"));
        let total = returned().count(db).await.expect("count");
        assert!(total >= 2, "{name}: the demo has returned entries");
        // All of them were returned long ago; one is named in an appeal.
        let long_ago = chrono::Utc::now() - chrono::Duration::days(100);
        wle::Entity::update_many()
            .col_expr(wle::Column::UpdatedAt, Expr::value(long_ago))
            .filter(wle::Column::Status.eq("returned"))
            .exec(db)
            .await
            .expect("age them");
        let kept = returned().one(db).await.expect("one").expect("entry");
        let period = scalar(&app, "SELECT MIN(id) FROM periods").await as i32;
        let score = scalar(&app, "SELECT MIN(id) FROM period_scores").await;
        appeal::ActiveModel {
            officer_id: Set(kept.officer_id),
            period_id: Set(period),
            entry_id: Set(Some(kept.id)),
            score_id: Set(score),
            comment: Set("Mục này đã được sửa".into()),
            status: Set(app::models::AppealStatus::Open),
            created_at: Set(chrono::Utc::now()),
            lock_version: Set(0),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("an appeal naming the entry");
        // A failed sign-in now.
        let wrong = common::call(
            &app.browser(),
            app.addr,
            "sign_in",
            &[("username", "cb.snv.tccb.01"), ("password", "sai mật khẩu")],
        )
        .await;
        assert!(!wrong.status.is_server_error(), "{name}");

        // Unset: nothing returned is deleted; the fresh failure stays.
        let p = purge(db, &Retention::default(), chrono::Utc::now())
            .await
            .expect("purge");
        assert_eq!(p.returned_drafts, 0, "{name}");
        assert_eq!(returned().count(db).await.expect("count"), total, "{name}");

        // 30 days: every returned entry but the appealed one; a day later the failure too.
        let later = chrono::Utc::now() + chrono::Duration::hours(25);
        let policy = Retention {
            sign_in_failures_hours: 24,
            returned_drafts_days: 30,
        };
        let p = purge(db, &policy, later).await.expect("purge");
        assert_eq!(p.returned_drafts, total - 1, "{name}");
        assert!(p.sign_in_failures >= 1, "{name}");
        let left = returned().all(db).await.expect("left");
        assert_eq!(left.len(), 1, "{name}");
        assert_eq!(left[0].id, kept.id, "{name}: the appealed entry is kept");
        let events = scalar(
            &app,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'retention.purge_returned'",
        )
        .await;
        assert_eq!(events, 1, "{name}");
        match app::ssr::services::audit::verify(db).await.expect("verify") {
            app::ssr::services::audit::Verification::Intact { .. } => {}
            broken => panic!("{name}: {broken:?}"),
        }
        app.stop().await;
    }
}
