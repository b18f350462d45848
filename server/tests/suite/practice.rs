//! Practice mode (#20 item 4), black-box on the demo province and on every backend: a new
//! officer logs and "submits" practice entries against their own catalog; nothing reaches
//! the reviewer's queue, the work log or a score; the preview equals the score the same
//! work gets once logged for real, confirmed by the head and scored.

use crate::common;

use std::collections::BTreeSet;

use app::models::{Diary, Practice, ReviewQueue, ScoreView};
use app::ssr::entities::{practice_entry, user, work_log_entry};
use app::ssr::services::seed::DEMO_PASSWORD;
use common::{add_user, backends, call, user_named, TestApp, PASSWORD};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

async fn practice(app: &TestApp, who: &reqwest::Client, period: &str, general: &str) -> Practice {
    call(
        who,
        app.addr,
        "my_practice",
        &[("period", period), ("general", general)],
    )
    .await
    .json()
}

async fn queue_ids(app: &TestApp, head: &reqwest::Client) -> BTreeSet<i64> {
    call(
        head,
        app.addr,
        "review_queue",
        &[("officer", ""), ("from", ""), ("to", "")],
    )
    .await
    .json::<ReviewQueue>()
    .entries
    .iter()
    .map(|q| q.id)
    .collect()
}

async fn score_of(app: &TestApp, head: &reqwest::Client, officer: i32, period: &str) -> ScoreView {
    let s = call(
        head,
        app.addr,
        "officer_score",
        &[("officer_id", &officer.to_string()), ("period", period)],
    )
    .await;
    assert!(s.status.is_success(), "{s:?}");
    s.json()
}

async fn score_unit(app: &TestApp, head: &reqwest::Client, unit: i32, period: &str) {
    let run = call(
        head,
        app.addr,
        "score_unit",
        &[("unit", &unit.to_string()), ("period", period)],
    )
    .await;
    assert!(run.status.is_success(), "{run:?}");
}

fn component(s: &ScoreView, key: &str) -> f64 {
    s.components[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} in {:?}", s.components))
}

#[tokio::test]
async fn practice_never_reaches_a_reviewer_or_a_score_and_previews_the_real_result() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let db = &app.db.db;
        // A new officer in the department, in the position of one already there.
        let colleague = user_named(db, "cb.snv.tccb.05").await;
        let unit = colleague.unit_id.expect("unit");
        let id = add_user(db, "cb.snv.tccb.moi", Some(unit), &[("officer", None)]).await;
        let mut new = user::Entity::find_by_id(id)
            .one(db)
            .await
            .expect("read")
            .expect("user")
            .into_active_model();
        new.position_id = Set(colleague.position_id);
        new.update(db).await.expect("position");
        let officer = app.signed_in("cb.snv.tccb.moi", PASSWORD).await;
        let head = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;
        let today = app::i18n::vietnam_date(chrono::Utc::now());
        let month = today.format("%Y-%m").to_string();
        let day = today.format("%Y-%m-%d").to_string();

        let empty = practice(&app, &officer, &month, "").await;
        assert!(empty.diary.entries.is_empty(), "{name}");
        assert!(empty.preview.is_none(), "{name}");
        let catalog = empty.diary.catalog.clone();
        assert!(catalog.len() >= 2, "{name}: the position's catalog");
        let (t1, t2) = (catalog[0].id.to_string(), catalog[1].id.to_string());

        // What the reviewer, the work log and scoring hold before any practice.
        let queue_before = queue_ids(&app, &head).await;
        let log_before = work_log_entry::Entity::find()
            .count(db)
            .await
            .expect("count");
        score_unit(&app, &head, unit, &month).await;
        let score_before = score_of(&app, &head, id, &month).await;

        // Bad input: a 4xx naming the field, nothing written.
        let add = |fields: Vec<(&'static str, String)>| {
            let officer = officer.clone();
            let addr = app.addr;
            async move {
                let form: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                call(&officer, addr, "add_practice_entry", &form).await
            }
        };
        let bad = add(vec![
            ("form[work_date]", day.clone()),
            ("form[catalog_item_id]", t1.clone()),
            ("form[quantity]", "mười".into()),
        ])
        .await;
        assert_eq!(bad.status, 422, "{name}: {bad:?}");
        assert!(
            bad.body.contains("\"field\":\"quantity\""),
            "{name}: {bad:?}"
        );
        let foreign = add(vec![
            ("form[work_date]", day.clone()),
            ("form[catalog_item_id]", "987654".into()),
            ("form[quantity]", "1".into()),
        ])
        .await;
        assert!(
            foreign.body.contains("catalog_item_id"),
            "{name}: {foreign:?}"
        );
        let year = call(
            &officer,
            app.addr,
            "my_practice",
            &[("period", "2026"), ("general", "")],
        )
        .await;
        assert!(year.body.contains("PracticeMonthOnly"), "{name}: {year:?}");
        let general = call(
            &officer,
            app.addr,
            "my_practice",
            &[("period", &month), ("general", "150")],
        )
        .await;
        assert!(
            general.body.contains("PracticeBadGeneral"),
            "{name}: {general:?}"
        );

        // Two entries logged and "submitted" (the same work is logged for real below), a
        // third left as a draft.
        let work: Vec<Vec<(&'static str, String)>> = vec![
            vec![
                ("form[work_date]", day.clone()),
                ("form[catalog_item_id]", t1.clone()),
                ("form[quantity]", "3".into()),
                ("form[completed_qty]", "2".into()),
            ],
            vec![
                ("form[work_date]", day.clone()),
                ("form[catalog_item_id]", t2.clone()),
                ("form[quantity]", "2".into()),
            ],
        ];
        for fields in work.clone() {
            let ok = add(fields).await;
            assert!(ok.status.is_success(), "{name}: {ok:?}");
        }
        let submitted = call(&officer, app.addr, "submit_practice", &[("period", &month)]).await;
        assert_eq!(submitted.json::<u64>(), 2, "{name}");
        let draft = add(vec![
            ("form[work_date]", day.clone()),
            ("form[catalog_item_id]", t1.clone()),
            ("form[quantity]", "5".into()),
        ])
        .await;
        assert!(draft.status.is_success(), "{name}: {draft:?}");
        let p = practice(&app, &officer, &month, "25").await;
        assert_eq!(p.diary.entries.len(), 3, "{name}");
        assert_eq!(p.general, Some(25.0), "{name}");
        let preview = p
            .preview
            .clone()
            .expect("a preview once entries are submitted");
        assert_eq!(preview.entries, 2, "{name}: the draft does not count");
        assert!(preview.total.is_some(), "{name}: {preview:?}");
        // Several views at once (tabs, reloads) wait their turn on the engine: none refused.
        let mut views = tokio::task::JoinSet::new();
        for _ in 0..6 {
            let (officer, addr, month) = (officer.clone(), app.addr, month.clone());
            views.spawn(async move {
                call(
                    &officer,
                    addr,
                    "my_practice",
                    &[("period", &month), ("general", "25")],
                )
                .await
            });
        }
        while let Some(view) = views.join_next().await {
            let view = view.expect("task");
            assert!(view.status.is_success(), "{name}: {view:?}");
            assert_eq!(
                view.json::<Practice>().preview,
                Some(preview.clone()),
                "{name}"
            );
        }

        // Nothing reached the reviewer, the work log, the diary or a score.
        assert_eq!(
            queue_ids(&app, &head).await,
            queue_before,
            "{name}: the queue"
        );
        let log_after = work_log_entry::Entity::find()
            .count(db)
            .await
            .expect("count");
        assert_eq!(log_after, log_before, "{name}: the work log");
        let diary: Diary = call(&officer, app.addr, "my_diary", &[("period", &month)])
            .await
            .json();
        assert!(diary.entries.is_empty(), "{name}: the real diary");
        score_unit(&app, &head, unit, &month).await;
        let score_after = score_of(&app, &head, id, &month).await;
        assert_eq!(
            (
                score_after.score_version,
                score_after.total,
                &score_after.components
            ),
            (
                score_before.score_version,
                score_before.total,
                &score_before.components
            ),
            "{name}: scoring the month again leaves the officer's score as it was"
        );

        // Another officer cannot touch them.
        let other = app.signed_in("cb.snv.tccb.05", DEMO_PASSWORD).await;
        let mine = p.diary.entries[0].id.to_string();
        let stolen = call(&other, app.addr, "delete_practice_entry", &[("id", &mine)]).await;
        assert_eq!(stolen.status, 404, "{name}: {stolen:?}");
        assert!(
            practice(&app, &other, &month, "")
                .await
                .diary
                .entries
                .is_empty(),
            "{name}"
        );
        assert_eq!(
            practice(&app, &officer, &month, "")
                .await
                .diary
                .entries
                .len(),
            3,
            "{name}"
        );

        // The same work logged for real, confirmed as logged, 25 general points, scored:
        // the stored score is what the preview said.
        for fields in &work {
            let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let real = call(&officer, app.addr, "add_work_entry", &form).await;
            assert!(real.status.is_success(), "{name}: {real:?}");
        }
        let sent = call(
            &officer,
            app.addr,
            "submit_diary",
            &[("from", &day), ("to", &day)],
        )
        .await;
        assert_eq!(sent.json::<usize>(), 2, "{name}");
        let queue: ReviewQueue = call(
            &head,
            app.addr,
            "review_queue",
            &[("officer", &id.to_string()), ("from", ""), ("to", "")],
        )
        .await
        .json();
        let picks: Vec<String> = queue
            .entries
            .iter()
            .map(|q| format!("{}:{}", q.id, q.lock_version))
            .collect();
        assert_eq!(picks.len(), 2, "{name}: {queue:?}");
        let picks: Vec<(&str, &str)> = picks
            .iter()
            .map(|v| ("bulk[entries][]", v.as_str()))
            .collect();
        let approved = call(&head, app.addr, "approve_work_entries", &picks).await;
        assert!(approved.status.is_success(), "{name}: {approved:?}");
        let id_s = id.to_string();
        let points = call(
            &head,
            app.addr,
            "save_general_points",
            &[
                ("form[officer_id]", id_s.as_str()),
                ("form[period]", month.as_str()),
                ("form[general]", "25"),
                ("form[lock_version]", ""),
            ],
        )
        .await;
        assert!(points.status.is_success(), "{name}: {points:?}");
        score_unit(&app, &head, unit, &month).await;
        let real = score_of(&app, &head, id, &month).await;
        assert_eq!(real.total, preview.total, "{name}: {real:?} vs {preview:?}");
        for (key, value) in &preview.components {
            assert!(
                (component(&real, key) - value).abs() < 0.005,
                "{name}: {key}: {real:?} vs {preview:?}"
            );
        }
        assert!(!preview.components.is_empty(), "{name}");
        if real.grade != preview.grade {
            // Only the 20 % cap, applied with the agency's other officers, may differ.
            assert_eq!(preview.grade.as_deref(), Some("HTXSNV"), "{name}: {real:?}");
        }

        // Starting over deletes them all.
        let cleared = call(&officer, app.addr, "clear_practice", &[]).await;
        assert_eq!(cleared.json::<u64>(), 3, "{name}");
        assert!(
            practice(&app, &officer, &month, "")
                .await
                .diary
                .entries
                .is_empty(),
            "{name}"
        );

        // Adds racing at the limit: exactly the limit is kept, the rest refused with a 4xx.
        let limit = app::ssr::services::practice::LIMIT;
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let officer = officer.clone();
            let (addr, day, t1) = (app.addr, day.clone(), t1.clone());
            tasks.push(tokio::spawn(async move {
                let mut refused = 0;
                for _ in 0..(limit / 8 + 5) {
                    let r = call(
                        &officer,
                        addr,
                        "add_practice_entry",
                        &[
                            ("form[work_date]", day.as_str()),
                            ("form[catalog_item_id]", t1.as_str()),
                            ("form[quantity]", "1"),
                        ],
                    )
                    .await;
                    if !r.status.is_success() {
                        assert_eq!(r.status, 422, "{r:?}");
                        assert!(r.body.contains("PracticeFull"), "{r:?}");
                        refused += 1;
                    }
                }
                refused
            }));
        }
        let mut refused = 0;
        for t in tasks {
            refused += t.await.expect("task");
        }
        let held = practice_entry::Entity::find()
            .filter(practice_entry::Column::OfficerId.eq(id))
            .count(db)
            .await
            .expect("count");
        assert_eq!(held as usize, limit, "{name}");
        assert_eq!(refused, 8 * (limit / 8 + 5) - limit, "{name}");
        app.stop().await;
    }
}
