//! The reviewer's unit page, black-box on the demo province and on every backend: general
//! points, scoring a department with its agency's cohorts, approving the department's
//! period (refused while entries wait or scores are out of date), and off-catalog work
//! mapped or rejected.

use crate::common;

use app::models::{
    AppealDecision, ApprovalBlocker, Diary, EntryStatus, ReviewQueue, ScoreExplanation, UnitBoard,
};
use app::ssr::entities::{period, period_score, unit, user, work_log_entry as wle};
use app::ssr::services::seed::{self, DEMO_PASSWORD};
use common::{backends, call, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn id_of_unit(app: &TestApp, code: &str) -> i32 {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(&app.db.db)
        .await
        .expect("unit")
        .expect("unit exists")
        .id
}

async fn board(client: &reqwest::Client, app: &TestApp, unit: &str, period: &str) -> UnitBoard {
    call(
        client,
        app.addr,
        "unit_board",
        &[("unit", unit), ("period", period)],
    )
    .await
    .json()
}

#[tokio::test]
async fn a_head_enters_points_scores_and_approves_the_department_period() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let (_, month2) = seed::demo_months(chrono::Utc::now().date_naive());
        let period = month2.format("%Y-%m").to_string();
        let tccb = id_of_unit(&app, "snv/tccb").await;
        let tccb_s = tccb.to_string();
        let head = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;

        // The department's officers, the head excluded; the second month is not scored yet.
        let b = board(&head, &app, &tccb_s, &period).await;
        assert_eq!(b.unit_id, tccb, "{name}");
        assert!(!b.officers.is_empty(), "{name}");
        assert!(
            b.officers
                .iter()
                .all(|o| o.username.starts_with("cb.snv.tccb.")),
            "{name}: {:?}",
            b.officers.iter().map(|o| &o.username).collect::<Vec<_>>()
        );
        assert!(
            b.approval_blockers()
                .iter()
                .any(|x| matches!(x, ApprovalBlocker::NotComputed(_))),
            "{name}"
        );
        assert_eq!(b.last_month_with_data, None, "{name}: the month has work");
        // A month nobody has logged in yet points to the last month with work.
        let after = (month2 + chrono::Months::new(2))
            .format("%Y-%m")
            .to_string();
        let empty = board(&head, &app, &tccb_s, &after).await;
        assert_eq!(empty.last_month_with_data, Some(period.clone()), "{name}");
        let officer = b.officers[0].clone();
        let officer_s = officer.id.to_string();

        // General points: a Vietnamese decimal; out of range refused; stale copy refused.
        let points = |general: &'static str, lock: String| {
            let (head, officer_s, period) = (head.clone(), officer_s.clone(), period.clone());
            let addr = app.addr;
            async move {
                call(
                    &head,
                    addr,
                    "save_general_points",
                    &[
                        ("form[officer_id]", officer_s.as_str()),
                        ("form[period]", &period),
                        ("form[general]", general),
                        ("form[lock_version]", &lock),
                    ],
                )
                .await
            }
        };
        let too_high = points("31", officer.points_lock.to_string()).await;
        assert!(
            too_high
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("tiêu chí chung phải từ 0 đến 30"),
            "{name}: {too_high:?}"
        );
        let saved = points("27,5", officer.points_lock.to_string()).await;
        assert!(saved.status.is_success(), "{name}: {saved:?}");
        let stale = points("20", officer.points_lock.to_string()).await;
        assert!(stale.body.contains("Conflict"), "{name}: {stale:?}");

        // Scoring the department: its officers get scores, the rest of the agency does not.
        let run = call(
            &head,
            app.addr,
            "score_unit",
            &[("unit", &tccb_s), ("period", &period)],
        )
        .await;
        assert!(run.status.is_success(), "{name}: {run:?}");
        let written: usize = run.json();
        // The head is an officer of the department too: scored with it, approved by the
        // director, so not on the head's own page.
        assert_eq!(written, b.officers.len() + 1, "{name}");
        let p = period::Entity::find()
            .filter(period::Column::Code.eq(period.clone()))
            .one(&app.db.db)
            .await
            .expect("period")
            .expect("created");
        let cchc_officer = user::Entity::find()
            .filter(user::Column::Username.eq("cb.snv.cchc.03"))
            .one(&app.db.db)
            .await
            .expect("user")
            .expect("exists");
        let elsewhere = period_score::Entity::find()
            .filter(period_score::Column::PeriodId.eq(p.id))
            .filter(period_score::Column::OfficerId.eq(cchc_officer.id))
            .count(&app.db.db)
            .await
            .expect("count");
        assert_eq!(
            elsewhere, 0,
            "{name}: another department's scores untouched"
        );
        // Nothing changed: scoring again writes nothing.
        let again: usize = call(
            &head,
            app.addr,
            "score_unit",
            &[("unit", &tccb_s), ("period", &period)],
        )
        .await
        .json();
        assert_eq!(again, 0, "{name}");
        let b = board(&head, &app, &tccb_s, &period).await;
        let mine = b.officers.iter().find(|o| o.id == officer.id).expect("row");
        assert_eq!(mine.general, Some(27.5), "{name}");
        assert!(mine.total.is_some_and(|t| t >= 27.5), "{name}: {mine:?}");
        assert!(!mine.stale, "{name}");
        let counted: u32 = b.grades.iter().map(|(_, n)| n).sum();
        assert_eq!(counted as usize, b.officers.len(), "{name}: {:?}", b.grades);

        // Approval waits for the queue; approving the entries makes the scores stale.
        let seen: Vec<String> = b
            .officers
            .iter()
            .filter_map(|o| o.score_id)
            .map(|id| id.to_string())
            .collect();
        let approve = |seen: Vec<String>| {
            let (head, tccb_s, period) = (head.clone(), tccb_s.clone(), period.clone());
            let addr = app.addr;
            async move {
                let mut form: Vec<(&str, &str)> = vec![("unit", &tccb_s), ("period", &period)];
                form.extend(seen.iter().map(|s| ("scores[]", s.as_str())));
                call(&head, addr, "approve_unit", &form).await
            }
        };
        let waiting: u32 = b.officers.iter().map(|o| o.waiting).sum();
        if waiting > 0 {
            let refused = approve(seen.clone()).await;
            assert!(
                refused
                    .json::<app::error::AppError>()
                    .user_message(app::i18n::Locale::Vi)
                    .contains("chờ duyệt"),
                "{name}: {refused:?}"
            );
            // Clear the queue of the period (100 entries at a time).
            for _ in 0..50 {
                let queue: ReviewQueue = call(
                    &head,
                    app.addr,
                    "review_queue",
                    &[
                        ("officer", ""),
                        ("from", &p.starts_on.to_string()),
                        ("to", &p.ends_on.to_string()),
                    ],
                )
                .await
                .json();
                if queue.entries.is_empty() {
                    break;
                }
                let picks: Vec<String> = queue
                    .entries
                    .iter()
                    .filter(|q| !q.off_catalog)
                    .map(|q| format!("{}:{}", q.id, q.lock_version))
                    .collect();
                if !picks.is_empty() {
                    let form: Vec<(&str, &str)> = picks
                        .iter()
                        .map(|p| ("bulk[entries][]", p.as_str()))
                        .collect();
                    let ok = call(&head, app.addr, "approve_work_entries", &form).await;
                    assert!(ok.status.is_success(), "{name}: {ok:?}");
                }
                for q in queue.entries.iter().filter(|q| q.off_catalog) {
                    let ok = call(
                        &head,
                        app.addr,
                        "reject_work_entry",
                        &[
                            ("id", &q.id.to_string()),
                            ("lock_version", &q.lock_version.to_string()),
                            ("reason", "Không thuộc nhiệm vụ của vị trí"),
                        ],
                    )
                    .await;
                    assert!(ok.status.is_success(), "{name}: {ok:?}");
                }
            }
            let b = board(&head, &app, &tccb_s, &period).await;
            assert!(
                b.officers.iter().any(|o| o.stale),
                "{name}: newly approved entries make scores stale"
            );
            let refused = approve(seen.clone()).await;
            assert!(
                refused
                    .json::<app::error::AppError>()
                    .user_message(app::i18n::Locale::Vi)
                    .contains("tính điểm lại"),
                "{name}: {refused:?}"
            );
            let rescored: usize = call(
                &head,
                app.addr,
                "score_unit",
                &[("unit", &tccb_s), ("period", &period)],
            )
            .await
            .json();
            assert!(rescored > 0, "{name}");
            // The ids seen before the re-score are no longer current.
            let conflict = approve(seen.clone()).await;
            assert!(conflict.body.contains("Conflict"), "{name}: {conflict:?}");
        }
        let b = board(&head, &app, &tccb_s, &period).await;
        assert!(
            b.approval_blockers().is_empty(),
            "{name}: {:?}",
            b.approval_blockers()
        );
        let seen: Vec<String> = b
            .officers
            .iter()
            .filter_map(|o| o.score_id)
            .map(|id| id.to_string())
            .collect();
        let approved = approve(seen).await;
        assert!(approved.status.is_success(), "{name}: {approved:?}");
        let n: usize = approved.json();
        assert_eq!(n, b.officers.len(), "{name}");

        // Approved: the entries are locked, the points closed, re-scoring leaves them be.
        let officer_ids: Vec<i32> = b.officers.iter().map(|o| o.id).collect();
        let still_approved = wle::Entity::find()
            .filter(wle::Column::OfficerId.is_in(officer_ids))
            .filter(wle::Column::WorkDate.between(p.starts_on, p.ends_on))
            .filter(wle::Column::Status.eq("approved"))
            .count(&app.db.db)
            .await
            .expect("count");
        assert_eq!(still_approved, 0, "{name}: approved entries are locked");
        let mine = b.officers.iter().find(|o| o.id == officer.id).expect("row");
        let closed = points("10", mine.points_lock.to_string()).await;
        assert!(
            closed
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("đã được phê duyệt"),
            "{name}: {closed:?}"
        );
        let kept: usize = call(
            &head,
            app.addr,
            "score_unit",
            &[("unit", &tccb_s), ("period", &period)],
        )
        .await
        .json();
        assert_eq!(kept, 0, "{name}");
        let b = board(&head, &app, &tccb_s, &period).await;
        assert!(b.officers.iter().all(|o| o.score_approved), "{name}");
        assert!(
            b.approval_blockers()
                .contains(&ApprovalBlocker::AlreadyApproved),
            "{name}"
        );

        // The officer reads the approved score, general points included.
        let me = app.signed_in(&officer.username, DEMO_PASSWORD).await;
        let score: ScoreExplanation = call(&me, app.addr, "my_score", &[("period", &period)])
            .await
            .json();
        assert_eq!(score.period, period, "{name}");
        assert!(
            score
                .trace
                .iter()
                .any(|l| l.rule == "general" && l.points == 27.5),
            "{name}: {:?}",
            score.trace
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn off_catalog_work_is_mapped_to_the_officers_catalog_or_rejected() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let officer = app.signed_in("cb.snv.tccb.06", DEMO_PASSWORD).await;
        let officer_id = user::Entity::find()
            .filter(user::Column::Username.eq("cb.snv.tccb.06"))
            .one(&app.db.db)
            .await
            .expect("user")
            .expect("exists")
            .id;
        let today = chrono::Utc::now().date_naive();
        let day = today.format("%Y-%m-%d").to_string();
        for what in ["Hỗ trợ đoàn kiểm tra", "Trực cơ quan ngày lễ"] {
            let off = call(
                &officer,
                app.addr,
                "add_work_entry",
                &[
                    ("form[work_date]", &day),
                    ("form[quantity]", "1"),
                    ("form[off_catalog_description]", what),
                    ("form[proposed_minutes]", "120"),
                ],
            )
            .await;
            assert!(off.status.is_success(), "{name}: {off:?}");
        }
        let sent = call(
            &officer,
            app.addr,
            "submit_diary",
            &[("from", &day), ("to", &day)],
        )
        .await;
        assert!(sent.status.is_success(), "{name}: {sent:?}");

        let head = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;
        let queue: ReviewQueue = call(
            &head,
            app.addr,
            "review_queue",
            &[("officer", ""), ("from", &day), ("to", &day)],
        )
        .await
        .json();
        let off: Vec<_> = queue
            .entries
            .iter()
            .filter(|q| q.off_catalog)
            .filter(|q| q.officer_id == officer_id)
            .collect();
        assert_eq!(off.len(), 2, "{name}: {}", queue.entries.len());
        assert!(
            !queue.catalog_of(off[0].officer_id).is_empty(),
            "{name}: the officer's catalog comes along"
        );
        assert_eq!(
            queue
                .catalogs
                .iter()
                .filter(|(id, _)| *id == officer_id)
                .count(),
            1,
            "{name}: once for both entries"
        );
        // Unmapped off-catalog work cannot be approved as such.
        let pick = format!("{}:{}", off[0].id, off[0].lock_version);
        let refused = call(
            &head,
            app.addr,
            "approve_work_entries",
            &[("bulk[entries][]", &pick)],
        )
        .await;
        assert!(!refused.status.is_success(), "{name}: {refused:?}");

        // Mapped to a task of a catalog that is not the officer's: refused.
        let foreign = app::ssr::entities::catalog_item::Entity::find()
            .all(&app.db.db)
            .await
            .expect("items")
            .into_iter()
            .find(|i| {
                queue
                    .catalog_of(off[0].officer_id)
                    .iter()
                    .all(|c| c.id != i.id)
            })
            .expect("an item of another position");
        let (id0, lock0) = (off[0].id.to_string(), off[0].lock_version.to_string());
        let wrong = call(
            &head,
            app.addr,
            "map_off_catalog",
            &[
                ("id", &id0),
                ("lock_version", &lock0),
                ("catalog_item_id", &foreign.id.to_string()),
                ("quantity", "2"),
            ],
        )
        .await;
        assert!(
            wrong.body.contains("DiaryTaskNotInCatalog"),
            "{name}: {wrong:?}"
        );
        let task = queue.catalog_of(off[0].officer_id)[0].clone();
        let mapped = call(
            &head,
            app.addr,
            "map_off_catalog",
            &[
                ("id", &id0),
                ("lock_version", &lock0),
                ("catalog_item_id", &task.id.to_string()),
                ("quantity", "1,5"),
            ],
        )
        .await;
        assert!(mapped.status.is_success(), "{name}: {mapped:?}");
        let e = wle::Entity::find_by_id(off[0].id)
            .one(&app.db.db)
            .await
            .expect("entry")
            .expect("exists");
        assert_eq!(
            (e.catalog_item_id, e.assigned_qty, e.status.as_str()),
            (Some(task.id), 1.5, "submitted"),
            "{name}"
        );
        let pick = format!("{}:{}", e.id, e.lock_version);
        let ok = call(
            &head,
            app.addr,
            "approve_work_entries",
            &[("bulk[entries][]", &pick)],
        )
        .await;
        assert!(ok.status.is_success(), "{name}: {ok:?}");

        // The other one is rejected with a reason the officer reads.
        let (id1, lock1) = (off[1].id.to_string(), off[1].lock_version.to_string());
        let no_reason = call(
            &head,
            app.addr,
            "reject_work_entry",
            &[("id", &id1), ("lock_version", &lock1), ("reason", " ")],
        )
        .await;
        assert!(!no_reason.status.is_success(), "{name}: {no_reason:?}");
        let rejected = call(
            &head,
            app.addr,
            "reject_work_entry",
            &[
                ("id", &id1),
                ("lock_version", &lock1),
                ("reason", "Không thuộc nhiệm vụ của vị trí"),
            ],
        )
        .await;
        assert!(rejected.status.is_success(), "{name}: {rejected:?}");
        let diary: Diary = call(
            &officer,
            app.addr,
            "my_diary",
            &[("period", &today.format("%Y-%m").to_string())],
        )
        .await
        .json();
        let seen = diary
            .entries
            .iter()
            .find(|x| x.id == off[1].id)
            .expect("entry");
        assert_eq!(seen.status, EntryStatus::Rejected, "{name}");
        assert_eq!(
            seen.return_reason.as_deref(),
            Some("Không thuộc nhiệm vụ của vị trí"),
            "{name}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn an_officer_appeals_and_the_head_answers_and_rescores() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let (month1, month2) = seed::demo_months(chrono::Utc::now().date_naive());
        let period = month1.format("%Y-%m").to_string();
        let end = month2.pred_opt().expect("day");

        // An officer of snv/tccb with a penalised entry in the scored month.
        let tccb = id_of_unit(&app, "snv/tccb").await;
        let officers: Vec<user::Model> = user::Entity::find()
            .filter(user::Column::UnitId.eq(tccb))
            .filter(user::Column::Username.starts_with("cb."))
            .all(&app.db.db)
            .await
            .expect("officers");
        let penalised = wle::Entity::find()
            .filter(wle::Column::OfficerId.is_in(officers.iter().map(|o| o.id)))
            .filter(wle::Column::WorkDate.between(month1, end))
            .filter(
                sea_orm::Condition::any()
                    .add(wle::Column::Delays.gt(0))
                    .add(sea_orm::sea_query::Expr::cust("completed_on > deadline")),
            )
            .filter(wle::Column::ObjectiveCause.eq(false))
            .filter(wle::Column::Status.is_in(["approved", "locked"]))
            .one(&app.db.db)
            .await
            .expect("entry")
            .expect("the demo records delays");
        let who = officers
            .iter()
            .find(|o| o.id == penalised.officer_id)
            .expect("officer")
            .clone();
        let me = app.signed_in(&who.username, DEMO_PASSWORD).await;
        let before: ScoreExplanation = call(&me, app.addr, "my_score", &[("period", &period)])
            .await
            .json();
        assert_eq!(before.versions.len(), 1, "{name}");

        let file = |entry: String, comment: &'static str| {
            let (me, period) = (me.clone(), period.clone());
            let addr = app.addr;
            async move {
                call(
                    &me,
                    addr,
                    "file_appeal",
                    &[
                        ("period", &period),
                        ("entry_id", &entry),
                        ("comment", comment),
                    ],
                )
                .await
            }
        };
        let empty = file(String::new(), "  ").await;
        assert!(
            empty
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("nội dung khiếu nại"),
            "{name}: {empty:?}"
        );
        let whole = file(String::new(), "Tôi đã hoàn thành đủ khối lượng được giao").await;
        assert!(whole.status.is_success(), "{name}: {whole:?}");
        let twice = file(String::new(), "Nhắc lại").await;
        assert!(
            twice
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("đang chờ trả lời"),
            "{name}: {twice:?}"
        );
        let someone_else = wle::Entity::find()
            .filter(wle::Column::OfficerId.ne(who.id))
            .one(&app.db.db)
            .await
            .expect("entry")
            .expect("exists");
        let foreign = file(someone_else.id.to_string(), "Không phải của tôi").await;
        assert!(
            foreign
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("không thuộc"),
            "{name}: {foreign:?}"
        );
        let on_entry = file(
            penalised.id.to_string(),
            "Trễ hạn do hệ thống quản lý văn bản ngừng hoạt động",
        )
        .await;
        assert!(on_entry.status.is_success(), "{name}: {on_entry:?}");

        // The head sees both on the unit page; approval waits for the answers.
        let head = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;
        let b = board(&head, &app, &tccb.to_string(), &period).await;
        assert_eq!(b.appeals.len(), 2, "{name}");
        assert!(
            b.approval_blockers()
                .contains(&ApprovalBlocker::OpenAppeals(2)),
            "{name}: {:?}",
            b.approval_blockers()
        );
        // Another officer, or the head of a sibling department, cannot answer.
        let entry_appeal = b
            .appeals
            .iter()
            .find(|a| a.entry.is_some())
            .expect("on entry");
        let whole_appeal = b.appeals.iter().find(|a| a.entry.is_none()).expect("whole");
        assert_eq!(
            entry_appeal.findings.map(|f| (f.delays, f.objective_cause)),
            Some((penalised.delays, false)),
            "{name}"
        );
        let answer = |client: reqwest::Client,
                      id: i32,
                      lock: i32,
                      decision: &'static str,
                      extra: Vec<(&'static str, &'static str)>| {
            let addr = app.addr;
            async move {
                let (id, lock) = (id.to_string(), lock.to_string());
                let mut form = vec![
                    ("form[appeal_id]", id.as_str()),
                    ("form[lock_version]", lock.as_str()),
                    ("form[decision]", decision),
                    ("form[answer]", "Đã xem xét hồ sơ"),
                ];
                form.extend(extra);
                call(&client, addr, "answer_appeal", &form).await
            }
        };
        let other = app.signed_in("cb.snv.tccb.03", DEMO_PASSWORD).await;
        let refused = answer(
            other,
            whole_appeal.id,
            whole_appeal.lock_version,
            "rejected",
            vec![],
        )
        .await;
        assert_eq!(refused.status, 403, "{name}: {refused:?}");
        let sibling = app.signed_in("tp.snv.cchc", DEMO_PASSWORD).await;
        let refused = answer(
            sibling,
            whole_appeal.id,
            whole_appeal.lock_version,
            "rejected",
            vec![],
        )
        .await;
        assert_eq!(refused.status, 403, "{name}: {refused:?}");
        let undecided = answer(
            head.clone(),
            whole_appeal.id,
            whole_appeal.lock_version,
            "",
            vec![],
        )
        .await;
        assert!(
            undecided.body.contains("AppealPickDecision"),
            "{name}: {undecided:?}"
        );

        // Rejected: no new score. Accepted with the objective cause: re-scored.
        let rejected = answer(
            head.clone(),
            whole_appeal.id,
            whole_appeal.lock_version,
            "rejected",
            vec![],
        )
        .await;
        assert!(rejected.status.is_success(), "{name}: {rejected:?}");
        let again = answer(
            head.clone(),
            whole_appeal.id,
            whole_appeal.lock_version + 1,
            "rejected",
            vec![],
        )
        .await;
        assert!(
            again
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("đã được trả lời"),
            "{name}: {again:?}"
        );
        let accepted = answer(
            head.clone(),
            entry_appeal.id,
            entry_appeal.lock_version,
            "accepted",
            vec![
                ("form[quality_failures]", "0"),
                ("form[delays]", "0"),
                ("form[objective_cause]", "true"),
            ],
        )
        .await;
        assert!(accepted.status.is_success(), "{name}: {accepted:?}");
        let fixed = wle::Entity::find_by_id(penalised.id)
            .one(&app.db.db)
            .await
            .expect("entry")
            .expect("exists");
        assert_eq!((fixed.delays, fixed.objective_cause), (0, true), "{name}");

        // The officer's history keeps both versions; the appeal shows the change.
        let after: ScoreExplanation = call(&me, app.addr, "my_score", &[("period", &period)])
            .await
            .json();
        assert_eq!(after.versions.len(), 2, "{name}: {:?}", after.versions);
        assert_eq!(after.score_version, 2, "{name}");
        assert!(
            after.versions[1].current && !after.versions[0].current,
            "{name}"
        );
        assert_eq!(after.versions[1].appeal_id, Some(entry_appeal.id), "{name}");
        assert!(
            after.total.unwrap_or(0.0) > before.total.unwrap_or(0.0),
            "{name}: {:?} → {:?}",
            before.total,
            after.total
        );
        assert!(
            !after.trace.iter().any(|l| l.rule == "penalty.delay"
                && l.entries.iter().any(|e| e.entry_id == penalised.id)),
            "{name}: the exempted entry is no longer penalised"
        );
        let mine = after
            .appeals
            .iter()
            .find(|a| a.id == entry_appeal.id)
            .expect("appeal");
        assert_eq!(mine.decision, Some(AppealDecision::Accepted), "{name}");
        assert_eq!(mine.new_score_version, Some(2), "{name}");
        assert_eq!(mine.score_total, before.total, "{name}");
        assert_eq!(mine.new_score_total, after.total, "{name}");
        let whole = after
            .appeals
            .iter()
            .find(|a| a.id == whole_appeal.id)
            .expect("appeal");
        assert_eq!(
            (whole.decision, whole.new_score_version),
            (Some(AppealDecision::Rejected), None),
            "{name}"
        );
        app.stop().await;
    }
}

/// My score sends the entries behind it only where they are shown: the trace line the
/// officer opened, and every entry once for the appeal form only when the form is open.
#[tokio::test]
async fn my_score_lists_the_entries_of_the_opened_line_and_of_the_open_appeal_form_only() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let me = app.signed_in("cb.snv.tccb.01", DEMO_PASSWORD).await;
        let read = |params: Vec<(&'static str, String)>| {
            let me = me.clone();
            async move {
                let params: Vec<(&str, &str)> =
                    params.iter().map(|(k, v)| (*k, v.as_str())).collect();
                call(&me, app.addr, "my_score", &params)
                    .await
                    .json::<ScoreExplanation>()
            }
        };
        let full = read(vec![("period", String::new())]).await;
        let mut behind: Vec<i64> = full
            .trace
            .iter()
            .flat_map(|l| l.entries.iter().map(|e| e.entry_id))
            .collect();
        behind.sort_unstable();
        behind.dedup();
        assert!(
            !behind.is_empty(),
            "{name}: the demo officer's score has entries"
        );
        let line = full
            .trace
            .iter()
            .position(|l| !l.entries.is_empty())
            .expect("a line with entries");

        // Folded, nothing open: counts only.
        let folded = read(vec![("period", String::new()), ("folded", "true".into())]).await;
        assert!(folded.folded, "{name}");
        assert!(folded.trace.iter().all(|l| l.entries.is_empty()), "{name}");
        assert!(folded.appeal_entries.is_empty(), "{name}");
        assert_eq!(
            folded.trace[line].entries_behind(),
            full.trace[line].entries.len(),
            "{name}: the folded line keeps its count"
        );

        // One line opened: its entries, no others, no appeal list.
        let opened = read(vec![
            ("period", String::new()),
            ("folded", "true".into()),
            ("open", line.to_string()),
        ])
        .await;
        assert_eq!(
            opened.trace[line].entries, full.trace[line].entries,
            "{name}"
        );
        assert!(
            opened
                .trace
                .iter()
                .enumerate()
                .all(|(i, l)| i == line || l.entries.is_empty()),
            "{name}"
        );
        assert!(opened.appeal_entries.is_empty(), "{name}");

        // The appeal form open: every entry behind the score, once.
        let appeal = read(vec![
            ("period", String::new()),
            ("folded", "true".into()),
            ("appeal", "true".into()),
        ])
        .await;
        let mut listed: Vec<i64> = appeal.appealable().iter().map(|e| e.entry_id).collect();
        listed.sort_unstable();
        assert_eq!(listed, behind, "{name}");
        app.stop().await;
    }
}
