//! The officer's diary, black-box on the demo province: the catalog of their position with
//! recent tasks first, adding, correcting and submitting entries, standard hours, missing
//! evidence and heavy days — on every backend.

mod common;

use app::models::Diary;
use app::ssr::services::seed::{self, DEMO_PASSWORD};
use common::{backends, call, TestApp};

#[tokio::test]
async fn an_officer_logs_corrects_and_submits_a_day() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        seed::seed_demo_if_empty(&app.db.db, &Default::default())
            .await
            .expect("seed");
        let officer = app.signed_in("cb.snv.tccb.05", DEMO_PASSWORD).await;
        let today = chrono::Utc::now().date_naive();
        let period = today.format("%Y-%m").to_string();
        let day = today.format("%Y-%m-%d").to_string();

        let diary: Diary = call(&officer, app.addr, "my_diary", &[("period", &period)])
            .await
            .json();
        assert!(
            !diary.catalog.is_empty(),
            "{name}: the position has a catalog"
        );
        // Tasks logged lately come first.
        let used: Vec<bool> = diary
            .catalog
            .iter()
            .map(|c| c.last_used.is_some())
            .collect();
        assert!(used.windows(2).all(|w| w[0] >= w[1]), "{name}: {used:?}");
        let before = diary.entries.len();
        let with_evidence = diary
            .catalog
            .iter()
            .find(|c| c.evidence_required)
            .expect("a task that needs a document number");

        // Bad input names its field and writes nothing.
        let id_s = with_evidence.id.to_string();
        let bad = call(
            &officer,
            app.addr,
            "add_work_entry",
            &[
                ("form[work_date]", &day),
                ("form[catalog_item_id]", &id_s),
                ("form[quantity]", "mười"),
            ],
        )
        .await;
        assert!(
            bad.body.contains("\"field\":\"quantity\""),
            "{name}: {bad:?}"
        );
        assert!(bad.body.contains("DiaryBadNumber"), "{name}: {bad:?}");

        // A catalog task without its document number, in a Vietnamese decimal.
        let qty = (9.0 * 60.0 / with_evidence.norm_minutes / with_evidence.coefficient).ceil();
        let added = call(
            &officer,
            app.addr,
            "add_work_entry",
            &[
                ("form[work_date]", &day),
                ("form[catalog_item_id]", &id_s),
                ("form[quantity]", &qty.to_string().replace('.', ",")),
            ],
        )
        .await;
        assert!(added.status.is_success(), "{name}: {added:?}");
        let added: serde_json::Value = added.json();
        // Off-catalog work needs a description and proposed minutes.
        let off = call(
            &officer,
            app.addr,
            "add_work_entry",
            &[
                ("form[work_date]", &day),
                ("form[quantity]", "1"),
                ("form[off_catalog_description]", "Hỗ trợ đoàn kiểm tra"),
            ],
        )
        .await;
        assert!(off.body.contains("proposed_minutes"), "{name}: {off:?}");
        let off = call(
            &officer,
            app.addr,
            "add_work_entry",
            &[
                ("form[work_date]", &day),
                ("form[quantity]", "1"),
                ("form[off_catalog_description]", "Hỗ trợ đoàn kiểm tra"),
                ("form[proposed_minutes]", "90"),
            ],
        )
        .await;
        assert!(off.status.is_success(), "{name}: {off:?}");

        let diary: Diary = call(&officer, app.addr, "my_diary", &[("period", &period)])
            .await
            .json();
        assert_eq!(diary.entries.len(), before + 2, "{name}");
        let mine = diary
            .entries
            .iter()
            .find(|e| Some(e.id) == added["id"].as_i64())
            .expect("entry");
        assert!(mine.evidence_missing, "{name}");
        assert!(
            mine.standard_hours >= 9.0,
            "{name}: {}",
            mine.standard_hours
        );
        assert!(
            diary.heavy_days().iter().any(|(d, _)| *d == today),
            "{name}: a day above 8 standard hours is flagged"
        );

        // The officer adds the document number; a stale copy of the form is refused.
        let (eid, lock) = (mine.id.to_string(), mine.lock_version.to_string());
        let fixed = call(
            &officer,
            app.addr,
            "update_work_entry",
            &[
                ("id", &eid),
                ("lock_version", &lock),
                ("form[work_date]", &day),
                ("form[catalog_item_id]", &id_s),
                ("form[quantity]", "1"),
                ("form[source_document]", "125/SNV-TCCB"),
            ],
        )
        .await;
        assert!(fixed.status.is_success(), "{name}: {fixed:?}");
        let stale = call(
            &officer,
            app.addr,
            "update_work_entry",
            &[
                ("id", &eid),
                ("lock_version", &lock),
                ("form[work_date]", &day),
                ("form[catalog_item_id]", &id_s),
                ("form[quantity]", "2"),
            ],
        )
        .await;
        assert!(stale.body.contains("Conflict"), "{name}: {stale:?}");

        // Submitting the day submits both drafts; a submitted entry cannot be edited.
        let n = call(
            &officer,
            app.addr,
            "submit_diary",
            &[("from", &day), ("to", &day)],
        )
        .await;
        assert!(n.status.is_success(), "{name}: {n:?}");
        assert!(n.json::<usize>() >= 2, "{name}");
        let diary: Diary = call(&officer, app.addr, "my_diary", &[("period", &period)])
            .await
            .json();
        let mine = diary
            .entries
            .iter()
            .find(|e| e.id.to_string() == eid)
            .expect("entry");
        assert_eq!(mine.status, "submitted", "{name}");
        assert!(!mine.evidence_missing, "{name}");
        let late = call(
            &officer,
            app.addr,
            "update_work_entry",
            &[
                ("id", &eid),
                ("lock_version", &mine.lock_version.to_string()),
                ("form[work_date]", &day),
                ("form[catalog_item_id]", &id_s),
                ("form[quantity]", "3"),
            ],
        )
        .await;
        assert!(late.body.contains("status"), "{name}: {late:?}");
        app.stop().await;
    }
}
