//! The foundation, black-box: health, readiness, the server-rendered shell, the server
//! function behind the home page, the demo seed and graceful shutdown — on every backend.

use crate::common;

use common::{backends, TestApp};

#[tokio::test]
async fn health_readiness_and_the_vietnamese_shell() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();

        let health = app
            .client
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("healthz");
        assert_eq!(health.status(), 200, "{name}");
        let ready = app
            .client
            .get(app.url("/readyz"))
            .send()
            .await
            .expect("readyz");
        assert_eq!(ready.status(), 200, "{name}");
        assert_eq!(ready.text().await.expect("body"), "ready", "{name}");

        let home = app.client.get(app.url("/")).send().await.expect("home");
        assert_eq!(home.status(), 200, "{name}");
        let html = home.text().await.expect("html");
        assert!(
            html.contains("<title>Rubric — Đánh giá theo KPI</title>"),
            "{name}: {html}"
        );
        assert!(html.contains("lang=\"vi\""), "{name}");
        assert!(
            html.contains("/pkg/rubric.js"),
            "{name}: hydration script missing"
        );

        let english = app
            .client
            .get(app.url("/"))
            .header("cookie", "rubric_lang=en")
            .send()
            .await
            .expect("home en")
            .text()
            .await
            .expect("html");
        assert!(
            english.contains("KPI-based evaluation of civil servants"),
            "{name}"
        );
        assert!(english.contains("lang=\"en\""), "{name}");

        let missing = app
            .client
            .get(app.url("/khong-co"))
            .send()
            .await
            .expect("404");
        assert_eq!(missing.status(), 404, "{name}");
        app.stop().await;
    }
}

#[tokio::test]
async fn home_counts_come_from_the_database() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let empty: serde_json::Value = app
            .client
            .post(app.url("/api/home_stats"))
            .send()
            .await
            .expect("server fn")
            .json()
            .await
            .expect("json");
        assert_eq!(empty, serde_json::json!({"units": 0, "users": 0}), "{name}");

        let engine = app::ssr::rule_pool::RulePool::default();
        let outcome = app::ssr::services::seed::seed_demo_if_empty(&app.db.db, &engine)
            .await
            .expect("seed");
        let summary = match outcome {
            app::ssr::services::seed::SeedOutcome::Seeded(s) => s,
            other => panic!("{name}: not seeded: {other:?}"),
        };
        // Seeding twice writes nothing.
        let again = app::ssr::services::seed::seed_demo_if_empty(&app.db.db, &engine)
            .await
            .expect("seed again");
        assert_eq!(
            again,
            app::ssr::services::seed::SeedOutcome::AlreadyPopulated
        );

        let seeded: serde_json::Value = app
            .client
            .post(app.url("/api/home_stats"))
            .send()
            .await
            .expect("server fn")
            .json()
            .await
            .expect("json");
        assert_eq!(seeded["units"], summary.units, "{name}: {seeded}");
        let overview: serde_json::Value = app
            .client
            .post(app.url("/api/province_overview"))
            .send()
            .await
            .expect("server fn")
            .json()
            .await
            .expect("json");
        assert_eq!(overview["province"], "Tỉnh Khánh Hòa", "{name}");
        assert_eq!(
            overview["agencies"].as_array().map(Vec::len),
            Some(3),
            "{name}"
        );
        let officers: u64 = overview["agencies"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["officers"].as_u64())
            .sum();
        assert_eq!(officers as usize, summary.officers, "{name}");
        assert_eq!(
            overview["periods"][1]["status"], "scored",
            "{name}: {overview}"
        );
        assert_eq!(overview["formula"]["version_no"], 1, "{name}");
        assert_eq!(seeded["users"], summary.users, "{name}: {seeded}");
        app.stop().await;
    }
}

/// The sign-in page's hint on creating the first administrator: shown while none exists,
/// gone once one does (the server then stops asking).
#[tokio::test]
async fn the_sign_in_page_knows_whether_an_administrator_exists() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let has_admin = || async {
            app.client
                .post(app.url("/api/has_admin"))
                .send()
                .await
                .expect("server fn")
                .json::<bool>()
                .await
                .expect("json")
        };
        assert!(!has_admin().await, "{name}: an empty install has none");
        assert!(!has_admin().await, "{name}: asked again, still none");
        let engine = app::ssr::rule_pool::RulePool::default();
        app::ssr::services::seed::seed_demo_if_empty(&app.db.db, &engine)
            .await
            .expect("seed");
        assert!(has_admin().await, "{name}: the demo province has one");
        app.stop().await;
    }
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        app.db.db.clone().close().await.expect("close");
        let ready = app
            .client
            .get(app.url("/readyz"))
            .send()
            .await
            .expect("readyz");
        assert_eq!(ready.status(), 503, "{}", backend.name());
        app.stop().await;
    }
}

#[tokio::test]
async fn a_bad_database_url_is_a_clear_error() {
    let err = app::ssr::db::connect("mysql://localhost/x", None)
        .await
        .expect_err("mysql is not supported");
    assert!(
        err.to_string().contains("unsupported database URL"),
        "{err}"
    );
}
