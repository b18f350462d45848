//! Job positions and their job-description versions as administrators, the committee and
//! auditors read them, with the comparison of two versions — on every backend.

use crate::common;

use app::models::{
    catalog_diff, text_diff, CatalogChange, JdStatus, LineChange, PositionDetail, PositionSummary,
};
use app::ssr::services::seed::DEMO_PASSWORD;
use common::{backends, call, TestApp};

#[tokio::test]
async fn positions_list_and_versions_compare() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
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
            tccb.pending,
            Some(JdStatus::Draft),
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

#[tokio::test]
async fn an_admin_edits_the_catalog_and_another_admin_approves_it() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let all: Vec<PositionSummary> =
            call(&admin, app.addr, "list_positions", &[("query", "CV-TCCB")])
                .await
                .json();
        let id = all[0].id.to_string();
        let detail: PositionDetail = call(&admin, app.addr, "get_position", &[("id", &id)])
            .await
            .json();
        let draft = &detail.versions[0];
        assert_eq!(draft.status, JdStatus::Draft, "{name}");
        // Only one open version at a time.
        let twice = call(
            &admin,
            app.addr,
            "new_job_description_draft",
            &[("position_id", &id)],
        )
        .await;
        assert!(!twice.status.is_success(), "{name}: {twice:?}");

        // The form as the page posts it: every row, one removed, a blank row skipped.
        let mut form: Vec<(String, String)> = vec![
            ("form[version_id]".into(), draft.id.to_string()),
            ("form[lock_version]".into(), draft.lock_version.to_string()),
            ("form[description]".into(), draft.description.clone()),
        ];
        let n = draft.items.len();
        for (i, item) in draft.items.iter().enumerate() {
            let norm = if item.code == "C08" {
                "20".to_string()
            } else {
                item.norm_minutes.to_string()
            };
            for (k, v) in [
                ("code", item.code.clone()),
                ("group_code", item.group_code.clone()),
                ("name", item.name.clone()),
                ("unit_of_measure", item.unit_of_measure.clone()),
                ("norm_minutes", norm),
                ("complexity_level", item.complexity_level.to_string()),
            ] {
                form.push((format!("form[items][{i}][{k}]"), v));
            }
            if item.evidence_required {
                form.push((
                    format!("form[items][{i}][evidence_required]"),
                    "true".into(),
                ));
            }
            if item.code == "C14" {
                form.push((format!("form[items][{i}][remove]"), "true".into()));
            }
        }
        form.push((format!("form[items][{n}][code]"), String::new()));
        form.push((format!("form[items][{n}][norm_minutes]"), String::new()));
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let saved = call(&admin, app.addr, "save_job_description", &pairs).await;
        assert!(saved.status.is_success(), "{name}: {saved:?}");
        // A stale copy of the form is refused.
        let stale = call(&admin, app.addr, "save_job_description", &pairs).await;
        assert!(stale.body.contains("Conflict"), "{name}: {stale:?}");

        let detail: PositionDetail = call(&admin, app.addr, "get_position", &[("id", &id)])
            .await
            .json();
        let draft = &detail.versions[0];
        let c08 = draft.items.iter().find(|i| i.code == "C08").expect("C08");
        assert_eq!(c08.norm_minutes, 20.0, "{name}");
        assert!(
            !draft.items.iter().any(|i| i.code == "C14"),
            "{name}: removed"
        );
        assert_eq!(draft.items.len(), n - 1, "{name}: the blank row is skipped");

        let (vid, lock) = (draft.id.to_string(), draft.lock_version.to_string());
        let sent = call(
            &admin,
            app.addr,
            "submit_job_description",
            &[("id", &vid), ("lock_version", &lock)],
        )
        .await;
        assert!(sent.status.is_success(), "{name}: {sent:?}");
        let lock = (draft.lock_version + 1).to_string();
        let approve = [
            ("id", vid.as_str()),
            ("lock_version", lock.as_str()),
            ("decision_no", "215/QĐ-SNV"),
            ("effective_from", "2026-12-01"),
        ];
        // The author cannot approve their own version; another administrator can.
        let own = call(&admin, app.addr, "approve_job_description", &approve).await;
        assert!(
            own.body.contains("SodJobDescriptionEditor"),
            "{name}: {own:?}"
        );
        let second = app.signed_in("admin2", DEMO_PASSWORD).await;
        let ok = call(&second, app.addr, "approve_job_description", &approve).await;
        assert!(ok.status.is_success(), "{name}: {ok:?}");
        let detail: PositionDetail = call(&admin, app.addr, "get_position", &[("id", &id)])
            .await
            .json();
        let states: Vec<&str> = detail.versions.iter().map(|v| v.status.as_str()).collect();
        assert_eq!(states, vec!["approved", "superseded"], "{name}");
        assert_eq!(
            detail.versions[0].decision_no.as_deref(),
            Some("215/QĐ-SNV"),
            "{name}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn catalogs_export_as_csv_and_import_from_a_pasted_table() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let all: Vec<PositionSummary> =
            call(&admin, app.addr, "list_positions", &[("query", "CV-TCCB")])
                .await
                .json();
        let detail: PositionDetail = call(
            &admin,
            app.addr,
            "get_position",
            &[("id", &all[0].id.to_string())],
        )
        .await
        .json();
        let (draft, v1) = (&detail.versions[0], &detail.versions[1]);

        // Export: auditors read it; officers and anonymous visitors do not.
        let url = app.url(&format!("/api/xuat-danh-muc/{}", v1.id));
        let auditor = app.signed_in("thanhtra", DEMO_PASSWORD).await;
        let res = auditor.get(&url).send().await.expect("export");
        assert_eq!(res.status(), 200, "{name}");
        assert!(
            res.headers()[reqwest::header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap_or_default()
                .contains("danh-muc-CV-TCCB-v1.csv"),
            "{name}"
        );
        let csv = res.text().await.expect("body");
        assert!(
            csv.starts_with("\u{feff}Mã,Nhóm,Công việc"),
            "{name}: {csv}"
        );
        assert!(
            csv.contains("C08,C,Thẩm định hồ sơ nâng lương,hồ sơ,30,2,có"),
            "{name}: {csv}"
        );
        let officer = app.signed_in("cb.snv.tccb.02", DEMO_PASSWORD).await;
        assert_eq!(
            officer.get(&url).send().await.expect("get").status(),
            403,
            "{name}"
        );
        assert_eq!(
            app.browser().get(&url).send().await.expect("get").status(),
            401,
            "{name}"
        );

        // Import: a bad table is refused whole, naming its lines; the exported one is taken.
        let (id, lock) = (draft.id.to_string(), draft.lock_version.to_string());
        let bad = call(
            &admin,
            app.addr,
            "import_catalog",
            &[
                ("id", &id),
                ("lock_version", &lock),
                ("text", "B01\tB\tGóp ý\tvăn bản\thai giờ\t1\nB02\tB\tDự họp"),
            ],
        )
        .await;
        let refusal = bad
            .json::<app::error::AppError>()
            .user_message(app::i18n::Locale::Vi);
        assert!(
            refusal.contains("Dòng 1") && refusal.contains("Dòng 2"),
            "{name}: {bad:?}"
        );
        let ok = call(
            &admin,
            app.addr,
            "import_catalog",
            &[("id", &id), ("lock_version", &lock), ("text", &csv)],
        )
        .await;
        assert!(ok.status.is_success(), "{name}: {ok:?}");
        let n: usize = ok.json();
        assert_eq!(n, v1.items.len(), "{name}");
        let after: PositionDetail = call(
            &admin,
            app.addr,
            "get_position",
            &[("id", &all[0].id.to_string())],
        )
        .await
        .json();
        assert_eq!(
            after.versions[0].items, v1.items,
            "{name}: the draft's catalog is v1's again"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn formulas_list_their_versions_with_scripts_and_parameters() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let committee = app.signed_in("bcd", DEMO_PASSWORD).await;
        let sets: Vec<app::models::RuleSetView> = call(&committee, app.addr, "list_rule_sets", &[])
            .await
            .json();
        assert_eq!(sets.len(), 1, "{name}");
        let default = &sets[0];
        assert_eq!(default.position, None, "{name}: the province default");
        let states: Vec<(i32, &str)> = default
            .versions
            .iter()
            .map(|v| (v.version_no, v.status.as_str()))
            .collect();
        assert_eq!(states, vec![(2, "draft"), (1, "active")], "{name}");
        // Khánh Hòa's draft caps the general criteria at 20 and adds reform/IT points.
        let params = text_diff(&default.versions[1].params, &default.versions[0].params);
        assert!(
            params
                .iter()
                .any(|l| matches!(l, LineChange::Added(t) if t.contains("reform_it"))),
            "{name}: {params:?}"
        );
        assert!(
            default.versions[1].params.contains("\n  \""),
            "{name}: indented"
        );
        app.stop().await;
    }
}
