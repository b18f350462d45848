//! Job positions and their job-description versions as administrators, the committee and
//! auditors read them, with the comparison of two versions — on every backend.

mod common;

use app::models::{
    catalog_diff, text_diff, CatalogChange, LineChange, PositionDetail, PositionSummary,
};
use app::ssr::services::seed::{self, DEMO_PASSWORD};
use common::{backends, call, TestApp};

#[tokio::test]
async fn positions_list_and_versions_compare() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        seed::seed_demo_if_empty(&app.db.db, &Default::default())
            .await
            .expect("seed");
        let auditor = app.signed_in("thanhtra", DEMO_PASSWORD).await;
        let all: Vec<PositionSummary> =
            call(&auditor, app.addr, "list_positions", &[("query", "")])
                .await
                .json();
        assert_eq!(all.len(), 7, "{name}");
        assert!(all.iter().all(|p| p.approved_version == Some(1)), "{name}");
        assert_eq!(all.iter().map(|p| p.officers).sum::<u64>(), 200, "{name}");
        // Searched without accents.
        let found: Vec<PositionSummary> = call(
            &auditor,
            app.addr,
            "list_positions",
            &[("query", "to chuc can bo")],
        )
        .await
        .json();
        let tccb = found.iter().find(|p| p.code == "CV-TCCB").expect("CV-TCCB");
        assert_eq!(
            tccb.pending.as_deref(),
            Some("draft"),
            "{name}: the pilot's draft"
        );

        let detail: PositionDetail = call(
            &auditor,
            app.addr,
            "get_position",
            &[("id", &tccb.id.to_string())],
        )
        .await
        .json();
        let versions: Vec<(i32, &str)> = detail
            .versions
            .iter()
            .map(|v| (v.version_no, v.status.as_str()))
            .collect();
        assert_eq!(versions, vec![(2, "draft"), (1, "approved")], "{name}");
        let (v2, v1) = (&detail.versions[0], &detail.versions[1]);
        assert!(
            v1.decision_no.is_some() && v1.approved_by.is_some(),
            "{name}"
        );
        let changes = catalog_diff(&v1.items, &v2.items);
        assert!(
            changes.iter().any(|c| matches!(c, CatalogChange::Changed { code, fields, .. }
                if code == "C08" && fields.contains(&("norm_minutes".into(), "30".into(), "25".into())))),
            "{name}: {changes:?}"
        );
        assert!(
            changes
                .iter()
                .any(|c| matches!(c, CatalogChange::Added(i) if i.code == "C14")),
            "{name}: {changes:?}"
        );
        assert!(
            text_diff(&v1.description, &v2.description)
                .iter()
                .any(|l| matches!(l, LineChange::Added(t) if t.contains("Sau thí điểm"))),
            "{name}"
        );
        let missing = call(&auditor, app.addr, "get_position", &[("id", "999999")]).await;
        assert!(missing.body.contains("NotFound"), "{name}: {missing:?}");
        app.stop().await;
    }
}
