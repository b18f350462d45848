//! The officer's diary, black-box on the demo province: the catalog of their position with
//! recent tasks first, adding, correcting and submitting entries, standard hours, missing
//! evidence and heavy days — on every backend.

use crate::common;

use app::models::{Diary, EntryStatus};
use app::ssr::services::seed::DEMO_PASSWORD;
use common::{backends, call, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test]
async fn an_officer_logs_corrects_and_submits_a_day() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
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
        assert_eq!(mine.status, EntryStatus::Submitted, "{name}");
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

#[tokio::test]
async fn a_reviewer_sees_only_their_units_queue_and_approves_returns_and_records() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let head = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;
        let page_of = |officer: String, page: &'static str| {
            let head = head.clone();
            async move {
                call(
                    &head,
                    app.addr,
                    "review_queue",
                    &[
                        ("officer", &officer),
                        ("from", ""),
                        ("to", ""),
                        ("page", page),
                    ],
                )
                .await
                .json::<app::models::ReviewQueue>()
            }
        };
        let all = |officer: String| page_of(officer, "1");
        let queue = all(String::new()).await;
        assert!(
            !queue.entries.is_empty(),
            "{name}: the demo's last week waits for review"
        );
        // Only the officers of the head's unit, and each entry's officer among them (the queue
        // names them once, in `officers`).
        assert!(
            queue
                .officers
                .iter()
                .all(|o| o.code.starts_with("cb.snv.tccb.")),
            "{name}: {:?}",
            queue.officers
        );
        assert!(
            queue
                .entries
                .iter()
                .all(|q| !queue.officer_name(q.officer_id).is_empty()),
            "{name}"
        );
        let waiting = app::ssr::entities::work_log_entry::Entity::find()
            .filter(
                app::ssr::entities::work_log_entry::Column::Id
                    .is_in(queue.entries.iter().map(|q| q.id)),
            )
            .all(&app.db.db)
            .await
            .expect("entries");
        assert_eq!(waiting.len(), queue.entries.len(), "{name}");
        assert!(
            waiting.iter().all(|e| e.status == EntryStatus::Submitted),
            "{name}"
        );
        // Each entry shows what the officer's diary shows of it (the queue reads its entries
        // and their tasks in a query of its own), and the total is every submitted entry of
        // the head's officers.
        let late: std::collections::HashMap<i64, bool> = waiting
            .iter()
            .map(|e| {
                (
                    e.id,
                    matches!((e.deadline, e.completed_on), (Some(d), Some(c)) if c > d),
                )
            })
            .collect();
        let lines: std::collections::HashMap<i64, app::models::EntryLine> =
            app::ssr::services::diary::views(&app.db.db, waiting)
                .await
                .expect("views")
                .into_iter()
                .map(|e| (e.id, e.line()))
                .collect();
        for q in &queue.entries {
            assert_eq!(Some(&q.line), lines.get(&q.id), "{name}: entry {}", q.id);
            assert_eq!(Some(&q.late), late.get(&q.id), "{name}: entry {}", q.id);
        }
        let submitted = app::ssr::entities::work_log_entry::Entity::find()
            .filter(
                app::ssr::entities::work_log_entry::Column::OfficerId
                    .is_in(queue.officers.iter().map(|o| o.id)),
            )
            .filter(app::ssr::entities::work_log_entry::Column::Status.eq(EntryStatus::Submitted))
            .count(&app.db.db)
            .await
            .expect("count");
        assert_eq!(queue.total, submitted, "{name}");
        assert!(
            queue.officers.iter().all(|o| o.code != "tp.snv.tccb"),
            "{name}: never their own"
        );
        // The queue comes a page at a time; a page past the last shows the last.
        assert_eq!((queue.page, queue.per_page), (1, 25), "{name}");
        assert_eq!(queue.entries.len(), 25, "{name}: {} waiting", queue.total);
        let page = |n: &'static str| page_of(String::new(), n);
        let second = page("2").await;
        assert_eq!((second.page, second.total), (2, queue.total), "{name}");
        assert!(
            second
                .entries
                .iter()
                .all(|q| queue.entries.iter().all(|p| p.id != q.id)),
            "{name}: page 2 repeats none of page 1"
        );
        let last = queue.total.div_ceil(25);
        let beyond = page("9999").await;
        assert_eq!(beyond.page, last, "{name}");
        assert_eq!(
            beyond.entries.len() as u64,
            queue.total - (last - 1) * 25,
            "{name}"
        );
        let first = queue.entries[0].officer_id;
        let one = all(first.to_string()).await;
        assert!(one.entries.iter().all(|q| q.officer_id == first), "{name}");

        // Return one with a reason; record a delay on another and approve it with a third.
        let (a, b, c) = (&one.entries[0], &queue.entries[1], &queue.entries[2]);
        let no_reason = call(
            &head,
            app.addr,
            "return_work_entry",
            &[
                ("id", &a.id.to_string()),
                ("lock_version", &a.lock_version.to_string()),
                ("reason", " "),
            ],
        )
        .await;
        assert!(no_reason.body.contains("reason"), "{name}: {no_reason:?}");
        let returned = call(
            &head,
            app.addr,
            "return_work_entry",
            &[
                ("id", &a.id.to_string()),
                ("lock_version", &a.lock_version.to_string()),
                ("reason", "Thiếu số văn bản"),
            ],
        )
        .await;
        assert!(returned.status.is_success(), "{name}: {returned:?}");
        let recorded = call(
            &head,
            app.addr,
            "record_findings",
            &[
                ("id", &b.id.to_string()),
                ("lock_version", &b.lock_version.to_string()),
                ("quality_failures", "0"),
                ("delays", "1"),
            ],
        )
        .await;
        assert!(recorded.status.is_success(), "{name}: {recorded:?}");
        let refreshed = all(String::new()).await;
        let b_now = refreshed
            .entries
            .iter()
            .find(|q| q.id == b.id)
            .expect("b still waits");
        assert_eq!(b_now.delays, 1, "{name}");
        let picks = [
            (
                "bulk[entries][]",
                format!("{}:{}", b.id, b_now.lock_version),
            ),
            ("bulk[entries][]", format!("{}:{}", c.id, c.lock_version)),
        ];
        let picks: Vec<(&str, &str)> = picks.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let approved = call(&head, app.addr, "approve_work_entries", &picks).await;
        assert!(approved.status.is_success(), "{name}: {approved:?}");
        assert_eq!(approved.json::<usize>(), 2, "{name}");
        let after = all(String::new()).await;
        for gone in [a.id, b.id, c.id] {
            assert!(
                after.entries.iter().all(|q| q.id != gone),
                "{name}: {gone} left the queue"
            );
        }
        // A stale pick approves nothing at all.
        let d = &after.entries[0];
        let e = &after.entries[1];
        let mixed = [
            ("bulk[entries][]", format!("{}:{}", d.id, d.lock_version)),
            (
                "bulk[entries][]",
                format!("{}:{}", e.id, e.lock_version + 7),
            ),
        ];
        let mixed: Vec<(&str, &str)> = mixed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = call(&head, app.addr, "approve_work_entries", &mixed).await;
        assert!(refused.body.contains("Conflict"), "{name}: {refused:?}");
        let still = all(String::new()).await;
        assert!(
            still.entries.iter().any(|q| q.id == d.id),
            "{name}: all or nothing"
        );
        app.stop().await;
    }
}

/// The data a server-rendered page hands the browser for hydration: the payload of each
/// `__RESOLVED_RESOURCES[id] = "…";` (a Rust-debug-quoted string), by id.
fn resolved_resources(html: &str) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    for part in html.split("__RESOLVED_RESOURCES[").skip(1) {
        let Some((id, rest)) = part.split_once("] = \"") else {
            continue;
        };
        let Ok(id) = id.parse() else { continue };
        let mut payload = String::new();
        let mut escaped = false;
        for c in rest.chars() {
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => break,
                _ => {
                    escaped = false;
                    payload.push(c);
                }
            }
        }
        found.push((id, payload));
    }
    found
}

#[tokio::test]
async fn a_guarded_page_reads_and_sends_its_data_once() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let officer = app.signed_in("cb.snv.tccb.02", DEMO_PASSWORD).await;
        let month = (chrono::Utc::now().date_naive() - chrono::Months::new(2)).format("%Y-%m");
        for path in [
            "/can-bo".to_string(),
            format!("/can-bo/diem?ky={month}"),
            "/thong-bao".to_string(),
        ] {
            let res = officer.get(app.url(&path)).send().await.expect("page");
            assert_eq!(res.status(), 200, "{name} {path}");
            let html = res.text().await.expect("html");
            let resources = resolved_resources(&html);
            // The page's own data is there (the user, the unread count and the page's data).
            let large: Vec<&(u32, String)> =
                resources.iter().filter(|(_, p)| p.len() > 40).collect();
            assert!(!large.is_empty(), "{name} {path}: {resources:?}");
            // …and each resource once: a page built more than once while rendering creates
            // its resources again, runs their server functions again and sends their data
            // again under new ids.
            for (i, (id, payload)) in large.iter().enumerate() {
                assert!(
                    large[i + 1..].iter().all(|(_, other)| other != payload),
                    "{name} {path}: resource {id} is sent more than once ({} bytes)",
                    payload.len()
                );
            }
        }
        app.stop().await;
    }
}
