//! The security suite: every hole found when Rubric was attacked from outside, attacked
//! again over HTTP against the real server (on every backend), so that none comes back.
//! Each test names the hole it guards; the engine's isolation has its own file
//! (`engine_pool.rs`).

use crate::common;

use app::ssr::entities::{
    audit_event, catalog_item, job_description_version as jdv, period, position,
    rule_set_version as rsv, user, user_role, work_log_entry as wle,
};
use app::ssr::services::seed::DEMO_PASSWORD;
use common::{
    active_formula, add_unit, add_user, backends, call, new_formula_draft, save_formula_script,
    Answer, TestApp, PASSWORD,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

async fn user_id(app: &TestApp, username: &str) -> i32 {
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(&app.db.db)
        .await
        .expect("query")
        .expect("user exists")
        .id
}

async fn lock_of(app: &TestApp, id: i32) -> String {
    rsv::Entity::find_by_id(id)
        .one(&app.db.db)
        .await
        .expect("query")
        .expect("version")
        .lock_version
        .to_string()
}

/// A new job-description draft of the first position, by `client`: (position, draft).
async fn new_jd_draft(app: &TestApp, client: &reqwest::Client) -> (i32, i32) {
    let pos = position::Entity::find()
        .order_by_asc(position::Column::Id)
        .one(&app.db.db)
        .await
        .expect("query")
        .expect("a position");
    let draft: i32 = call(
        client,
        app.addr,
        "new_job_description_draft",
        &[("position_id", &pos.id.to_string())],
    )
    .await
    .json();
    (pos.id, draft)
}

async fn jd_lock(app: &TestApp, id: i32) -> String {
    jdv::Entity::find_by_id(id)
        .one(&app.db.db)
        .await
        .expect("query")
        .expect("job description")
        .lock_version
        .to_string()
}

async fn get_page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.expect("get page");
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

// --- 1. Stored text reaches HTML escaped, textareas included ----------------------------

#[tokio::test]
async fn stored_text_is_escaped_in_every_textarea() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;

        // A job-description draft whose description closes its textarea.
        let (position_id, draft) = new_jd_draft(&app, &admin).await;
        jdv::Entity::update_many()
            .col_expr(
                jdv::Column::Description,
                Expr::value("Mô tả</textarea><script>window.pwned=1</script>"),
            )
            .filter(jdv::Column::Id.eq(draft))
            .exec(&app.db.db)
            .await
            .expect("plant the description");
        let (status, html) =
            get_page(&admin, &app, &format!("/quan-tri/vi-tri/{position_id}")).await;
        assert_eq!(status, 200, "{name}");
        assert!(
            html.contains("data-testid=\"jd-description\""),
            "{name}: no editor"
        );
        assert!(
            !html.contains("<script>window.pwned"),
            "{name}: XSS in the description"
        );
        assert!(
            html.contains("&lt;/textarea&gt;&lt;script&gt;window.pwned=1"),
            "{name}: the description is shown escaped"
        );

        // A formula draft whose script does the same.
        let rule_draft = new_formula_draft(&app, &admin).await;
        let v = rsv::Entity::find_by_id(rule_draft)
            .one(&app.db.db)
            .await
            .expect("query")
            .expect("draft");
        rsv::Entity::update_many()
            .col_expr(
                rsv::Column::Script,
                Expr::value(format!(
                    "// </textarea><script>window.pwned=2</script>\n{}",
                    v.script
                )),
            )
            .filter(rsv::Column::Id.eq(rule_draft))
            .exec(&app.db.db)
            .await
            .expect("plant the script");
        for path in [
            format!("/quan-tri/cong-thuc/{rule_draft}"),
            format!("/cong-thuc/{rule_draft}"),
        ] {
            let (status, html) = get_page(&admin, &app, &path).await;
            assert_eq!(status, 200, "{name} {path}");
            assert!(
                !html.contains("<script>window.pwned"),
                "{name} {path}: XSS in the script"
            );
        }
        let (_, html) = get_page(&admin, &app, &format!("/quan-tri/cong-thuc/{rule_draft}")).await;
        assert!(
            html.contains("&lt;/textarea&gt;&lt;script&gt;window.pwned=2"),
            "{name}: the script editor shows the script escaped"
        );
        app.stop().await;
    }
}

// --- 2. Sign-in `next`: same-site by construction, never a panic --------------------------

#[tokio::test]
async fn sign_in_next_stays_on_site_and_never_panics() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let unit = add_unit(&app.db.db, "khh", None).await;
        add_user(&app.db.db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        let here = reqwest::Url::parse(&app.url("/dang-nhap")).expect("url");
        for next in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\u{b}/evil.example",
            "/\r\nSet-Cookie: a=b",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/.//evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "/can-bo?ky=2026-10",
        ] {
            for json in [true, false] {
                let b = app.browser();
                let mut req = b.post(app.url("/api/sign_in")).form(&[
                    ("username", "an.nguyen"),
                    ("password", PASSWORD),
                    ("next", next),
                ]);
                if json {
                    req = req.header(reqwest::header::ACCEPT, "application/json");
                }
                let res = req
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{name}: {next:?} dropped the connection: {e}"));
                assert!(
                    res.status().is_success() || res.status().is_redirection(),
                    "{name}: {next:?} -> {}",
                    res.status()
                );
                if let Some(loc) = res.headers().get(reqwest::header::LOCATION) {
                    let loc = loc.to_str().expect("ascii location");
                    let went = here.join(loc).expect("a location browsers resolve");
                    assert_eq!(
                        went.host_str(),
                        here.host_str(),
                        "{name}: {next:?} -> {loc}"
                    );
                    assert_eq!(went.port(), here.port(), "{name}: {next:?} -> {loc}");
                    assert!(!loc.contains("evil.example/") || loc.starts_with('/'));
                }
                assert!(
                    res.headers()
                        .get_all(reqwest::header::SET_COOKIE)
                        .iter()
                        .all(|c| !c.to_str().unwrap_or_default().starts_with("a=")),
                    "{name}: header injection through {next:?}"
                );
            }
        }
        let ok = call(
            &app.browser(),
            app.addr,
            "sign_in",
            &[
                ("username", "an.nguyen"),
                ("password", PASSWORD),
                ("next", "/can-bo?ky=2026-10"),
            ],
        )
        .await;
        assert_eq!(
            ok.location.as_deref(),
            Some("/can-bo?ky=2026-10"),
            "{name}: {ok:?}"
        );
        app.stop().await;
    }
}

// --- 3. Entries name only tasks of the officer's own position ----------------------------

#[tokio::test]
async fn an_officer_cannot_log_another_positions_task() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let username = "cb.snv.tccb.05";
        let officer = app.signed_in(username, DEMO_PASSWORD).await;
        let me = user::Entity::find()
            .filter(user::Column::Username.eq(username))
            .one(&app.db.db)
            .await
            .expect("query")
            .expect("officer");
        let own_position = me.position_id.expect("the officer has a position");
        let foreign_versions: Vec<i32> = jdv::Entity::find()
            .filter(jdv::Column::PositionId.ne(own_position))
            .all(&app.db.db)
            .await
            .expect("query")
            .into_iter()
            .map(|v| v.id)
            .collect();
        let foreign = catalog_item::Entity::find()
            .filter(catalog_item::Column::JobDescriptionVersionId.is_in(foreign_versions))
            .one(&app.db.db)
            .await
            .expect("query")
            .expect("another position's task");
        let today = chrono::Utc::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string();
        let count = || async {
            wle::Entity::find()
                .filter(wle::Column::OfficerId.eq(me.id))
                .count(&app.db.db)
                .await
                .expect("count")
        };
        let before = count().await;
        let refused = call(
            &officer,
            app.addr,
            "add_work_entry",
            &[
                ("form[work_date]", &today),
                ("form[catalog_item_id]", &foreign.id.to_string()),
                ("form[quantity]", "1"),
            ],
        )
        .await;
        assert_eq!(refused.status, 422, "{name}: {refused:?}");
        assert!(
            refused.body.contains("DiaryTaskNotInCatalog"),
            "{name}: {refused:?}"
        );
        assert_eq!(count().await, before, "{name}: nothing stored");

        // An own task is fine; correcting it to the foreign task is refused.
        let diary: app::models::Diary =
            call(&officer, app.addr, "my_diary", &[("period", &today[..7])])
                .await
                .json();
        let own = diary.catalog.first().expect("own catalog");
        let added = call(
            &officer,
            app.addr,
            "add_work_entry",
            &[
                ("form[work_date]", &today),
                ("form[catalog_item_id]", &own.id.to_string()),
                ("form[quantity]", "1"),
                ("form[source_document]", "12/SNV"),
            ],
        )
        .await;
        assert!(added.status.is_success(), "{name}: {added:?}");
        let added: serde_json::Value = added.json();
        let id = added["id"].as_i64().expect("entry id").to_string();
        let lock = added["lock_version"].as_i64().unwrap_or(0).to_string();
        let corrected = call(
            &officer,
            app.addr,
            "update_work_entry",
            &[
                ("id", &id),
                ("lock_version", &lock),
                ("form[work_date]", &today),
                ("form[catalog_item_id]", &foreign.id.to_string()),
                ("form[quantity]", "1"),
            ],
        )
        .await;
        assert!(
            corrected.body.contains("DiaryTaskNotInCatalog"),
            "{name}: {corrected:?}"
        );
        let stored = wle::Entity::find_by_id(id.parse::<i64>().expect("id"))
            .one(&app.db.db)
            .await
            .expect("query")
            .expect("entry");
        assert_eq!(stored.catalog_item_id, Some(own.id), "{name}");
        app.stop().await;
    }
}

// --- 5. An ended session is never re-created by a save ----------------------------------

#[tokio::test]
async fn a_deleted_session_is_not_brought_back_by_a_save() {
    use app::ssr::auth::store::DbSessionStore;
    use tower_sessions::session::{Id, Record};
    use tower_sessions::SessionStore;
    for backend in backends() {
        let db = common::TestDb::new(&backend).await;
        let name = backend.name();
        let store = DbSessionStore::new(db.db.clone());
        let mut record = Record {
            id: Id::default(),
            data: [(
                "auth".to_string(),
                serde_json::json!({ "user_id": 1, "signed_in_at": 0 }),
            )]
            .into_iter()
            .collect(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        };
        store.create(&mut record).await.expect("create");
        assert!(
            store.load(&record.id).await.expect("load").is_some(),
            "{name}"
        );
        // Sign-out deletes the row while a request holding the record is still in flight…
        store.delete(&record.id).await.expect("delete");
        // …which then saves it on its way out.
        store.save(&record).await.expect("save");
        assert!(
            store.load(&record.id).await.expect("load").is_none(),
            "{name}: the signed-out session came back"
        );
        // A live session is still updated by a save.
        let mut live = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        };
        store.create(&mut live).await.expect("create");
        live.data.insert("seen".to_string(), serde_json::json!(42));
        store.save(&live).await.expect("save");
        let loaded = store.load(&live.id).await.expect("load").expect("live");
        assert_eq!(
            loaded.data.get("seen"),
            Some(&serde_json::json!(42)),
            "{name}"
        );
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_signed_out_cookie_stays_signed_out() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let unit = add_unit(&app.db.db, "khh", None).await;
        add_user(&app.db.db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        let b = app.browser();
        let res = b
            .post(app.url("/api/sign_in"))
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&[("username", "an.nguyen"), ("password", PASSWORD)])
            .send()
            .await
            .expect("sign in");
        let cookie = res
            .headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("rubric_session="))
            .and_then(|c| c.split(';').next())
            .expect("session cookie")
            .to_string();
        // Requests in flight with the old cookie race the sign-out.
        let mut racing = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (c, url, cookie) = (reqwest::Client::new(), app.url("/can-bo"), cookie.clone());
            racing.spawn(async move {
                let _ = c.get(url).header("cookie", cookie).send().await;
            });
        }
        let out = call(&b, app.addr, "sign_out", &[]).await;
        assert!(
            out.status.is_success() || out.status.is_redirection(),
            "{name}"
        );
        while racing.join_next().await.is_some() {}
        let me = reqwest::Client::new()
            .post(app.url("/api/current_user"))
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::ORIGIN, common::origin(app.addr))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("current user")
            .text()
            .await
            .unwrap_or_default();
        assert_eq!(
            me.trim(),
            "null",
            "{name}: the old cookie is signed in again"
        );
        app.stop().await;
    }
}

// --- 6. Separation of duties --------------------------------------------------------------

#[tokio::test]
async fn nobody_approves_what_they_wrote_or_edited() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        // The administrator also sits on the committee.
        let admin_id = user_id(&app, "admin").await;
        user_role::ActiveModel {
            user_id: Set(admin_id),
            role: Set("committee".into()),
            unit_id: Set(None),
            ..Default::default()
        }
        .insert(&app.db.db)
        .await
        .expect("committee role");
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let admin2 = app.signed_in("admin2", DEMO_PASSWORD).await;
        let committee = app.signed_in("bcd", DEMO_PASSWORD).await;

        // A formula draft written by admin2 and edited by admin.
        let draft = new_formula_draft(&app, &admin2).await;
        let script = common::rule_version_page(&admin, &app, draft).await.script;
        let saved =
            save_formula_script(&app, &admin, draft, &format!("// sửa bởi admin\n{script}")).await;
        assert!(saved.status.is_success(), "{name}: {saved:?}");
        let submitted = call(
            &admin2,
            app.addr,
            "submit_rule_version",
            &[
                ("id", &draft.to_string()),
                ("lock_version", &lock_of(&app, draft).await),
            ],
        )
        .await;
        assert!(submitted.status.is_success(), "{name}: {submitted:?}");
        let approve = |who: reqwest::Client| {
            let (addr, id) = (app.addr, draft.to_string());
            let app_ref = &app;
            async move {
                let lock = lock_of(app_ref, draft).await;
                call(
                    &who,
                    addr,
                    "approve_rule_version",
                    &[("id", &id), ("lock_version", &lock), ("note", "Đồng ý")],
                )
                .await
            }
        };
        let by_editor = approve(admin.clone()).await;
        assert_eq!(by_editor.status, 422, "{name}: {by_editor:?}");
        assert!(
            by_editor.body.contains("SodFormulaEditor"),
            "{name}: {by_editor:?}"
        );
        // The committee member who never touched it is refused for another reason only.
        let by_other = approve(committee.clone()).await;
        assert!(
            !by_other.body.contains("SodFormulaEditor"),
            "{name}: {by_other:?}"
        );

        // A job description: admin2 starts the draft, admin edits its catalog, admin2
        // submits; neither approves it, a third administrator may.
        let (_, jd) = new_jd_draft(&app, &admin2).await;
        let imported = call(
            &admin,
            app.addr,
            "import_catalog",
            &[
                ("id", &jd.to_string()),
                ("lock_version", &jd_lock(&app, jd).await),
                ("text", "A01,A,Soạn thảo văn bản,văn bản,60,1,có"),
            ],
        )
        .await;
        assert!(imported.status.is_success(), "{name}: {imported:?}");
        let submitted = call(
            &admin2,
            app.addr,
            "submit_job_description",
            &[
                ("id", &jd.to_string()),
                ("lock_version", &jd_lock(&app, jd).await),
            ],
        )
        .await;
        assert!(submitted.status.is_success(), "{name}: {submitted:?}");
        for who in [&admin, &admin2] {
            let refused = call(
                who,
                app.addr,
                "approve_job_description",
                &[
                    ("id", &jd.to_string()),
                    ("lock_version", &jd_lock(&app, jd).await),
                    ("decision_no", "12/QĐ-SNV"),
                    ("effective_from", "2026-01-01"),
                ],
            )
            .await;
            assert!(
                refused.body.contains("SodJobDescriptionEditor"),
                "{name}: {refused:?}"
            );
        }
        let unit = add_unit(&app.db.db, "sec-admin", None).await;
        add_user(&app.db.db, "admin3", Some(unit), &[("admin", None)]).await;
        let admin3 = app.signed_in("admin3", PASSWORD).await;
        let approved = call(
            &admin3,
            app.addr,
            "approve_job_description",
            &[
                ("id", &jd.to_string()),
                ("lock_version", &jd_lock(&app, jd).await),
                ("decision_no", "12/QĐ-SNV"),
                ("effective_from", "2026-01-01"),
            ],
        )
        .await;
        assert!(approved.status.is_success(), "{name}: {approved:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn administrators_cannot_make_themselves_committee_or_reset_their_peers_alone() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let admin_id = user_id(&app, "admin").await;
        let detail: serde_json::Value = call(
            &admin,
            app.addr,
            "get_user",
            &[("id", &admin_id.to_string())],
        )
        .await
        .json();
        let unit = detail["unit_id"]
            .as_i64()
            .map(|u| u.to_string())
            .unwrap_or_default();
        let grant = call(
            &admin,
            app.addr,
            "update_user",
            &[
                ("id", &admin_id.to_string()),
                (
                    "input[full_name]",
                    detail["full_name"].as_str().unwrap_or("Quản trị"),
                ),
                ("input[unit_id]", &unit),
                ("input[roles][]", "admin"),
                ("input[roles][]", "committee"),
            ],
        )
        .await;
        assert_eq!(grant.status, 422, "{name}: {grant:?}");
        assert!(grant.body.contains("SodNoSelfGrant"), "{name}: {grant:?}");
        let roles = user_role::Entity::find()
            .filter(user_role::Column::UserId.eq(admin_id))
            .filter(user_role::Column::Role.eq("committee"))
            .count(&app.db.db)
            .await
            .expect("count");
        assert_eq!(roles, 0, "{name}: nothing granted");

        // Resetting another administrator's password waits for a second administrator.
        let admin2_id = user_id(&app, "admin2").await.to_string();
        let temporary = "Tam-thoi-2026-y";
        let reset = call(
            &admin,
            app.addr,
            "reset_user_password",
            &[("id", &admin2_id), ("password", temporary)],
        )
        .await;
        assert!(reset.status.is_success(), "{name}: {reset:?}");
        assert_eq!(reset.json::<String>(), "AwaitingSecondAdmin", "{name}");
        // Nothing changed yet: admin2 still signs in with their own password.
        let still = app.browser();
        let ok = call(
            &still,
            app.addr,
            "sign_in",
            &[("username", "admin2"), ("password", DEMO_PASSWORD)],
        )
        .await;
        assert_eq!(ok.location.as_deref(), Some("/"), "{name}: {ok:?}");
        // The requester cannot confirm their own request.
        let own = call(
            &admin,
            app.addr,
            "confirm_password_reset",
            &[("id", &admin2_id)],
        )
        .await;
        assert_eq!(own.status, 422, "{name}: {own:?}");
        assert!(
            own.body.contains("SodResetNeedsSecondAdmin"),
            "{name}: {own:?}"
        );
        // A second administrator does.
        let unit = add_unit(&app.db.db, "sec-admin", None).await;
        add_user(&app.db.db, "admin3", Some(unit), &[("admin", None)]).await;
        let admin3 = app.signed_in("admin3", PASSWORD).await;
        let confirmed = call(
            &admin3,
            app.addr,
            "confirm_password_reset",
            &[("id", &admin2_id)],
        )
        .await;
        assert!(confirmed.status.is_success(), "{name}: {confirmed:?}");
        let signed = call(
            &app.browser(),
            app.addr,
            "sign_in",
            &[("username", "admin2"), ("password", temporary)],
        )
        .await;
        assert_eq!(
            signed.location.as_deref(),
            Some(app::authz::CHANGE_PASSWORD_PATH),
            "{name}: {signed:?}"
        );
        // Twice is nothing.
        let again = call(
            &admin3,
            app.addr,
            "confirm_password_reset",
            &[("id", &admin2_id)],
        )
        .await;
        assert!(
            again.body.contains("SodNoPendingReset"),
            "{name}: {again:?}"
        );

        // An officer's password is reset at once.
        let officer = user_id(&app, "cb.snv.tccb.05").await.to_string();
        let done = call(
            &admin,
            app.addr,
            "reset_user_password",
            &[("id", &officer), ("password", temporary)],
        )
        .await;
        assert_eq!(done.json::<String>(), "Done", "{name}");
        app.stop().await;
    }
}

// --- 7. Throttling: the check and the count are one step ---------------------------------

#[tokio::test]
async fn concurrent_wrong_passwords_are_evaluated_at_most_the_limit() {
    use app::ssr::auth::throttle::ACCOUNT_LIMIT;
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let unit = add_unit(&app.db.db, "khh", None).await;
        add_user(&app.db.db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        let mut attempts = tokio::task::JoinSet::new();
        for i in 0..10 {
            let (b, addr) = (app.browser(), app.addr);
            attempts.spawn(async move {
                call(
                    &b,
                    addr,
                    "sign_in",
                    &[
                        ("username", "an.nguyen"),
                        ("password", &format!("sai-mat-khau-{i}")),
                    ],
                )
                .await
            });
        }
        let mut answers: Vec<Answer> = Vec::new();
        while let Some(a) = attempts.join_next().await {
            answers.push(a.expect("attempt"));
        }
        let evaluated = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("auth.sign_in_failed"))
            .count(&app.db.db)
            .await
            .expect("count");
        assert_eq!(
            evaluated, ACCOUNT_LIMIT,
            "{name}: passwords checked: {answers:?}"
        );
        let throttled = answers.iter().filter(|a| a.status == 429).count();
        assert_eq!(throttled as u64, 10 - ACCOUNT_LIMIT, "{name}: {answers:?}");
        assert!(
            answers.iter().all(|a| a.status == 429 || a.status == 422),
            "{name}: {answers:?}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_too() {
    use app::ssr::auth::throttle::ACCOUNT_LIMIT;
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let unit = add_unit(&app.db.db, "khh", None).await;
        add_user(&app.db.db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        let me = app.signed_in("an.nguyen", PASSWORD).await;
        let change = |current: String| {
            let (me, addr) = (me.clone(), app.addr);
            async move {
                call(
                    &me,
                    addr,
                    "change_password",
                    &[
                        ("current", current.as_str()),
                        ("new", "Mat-khau-moi-2026-z"),
                        ("confirm", "Mat-khau-moi-2026-z"),
                    ],
                )
                .await
            }
        };
        for i in 0..ACCOUNT_LIMIT {
            let wrong = change(format!("doan-mo-{i}")).await;
            assert!(
                wrong.body.contains("PasswordCurrentWrong"),
                "{name}: {wrong:?}"
            );
        }
        // Held now, even with the right password.
        let held = change(PASSWORD.to_string()).await;
        assert_eq!(held.status, 429, "{name}: {held:?}");
        assert!(held.body.contains("SignInThrottled"), "{name}: {held:?}");
        app.stop().await;
    }
}

// --- 8. Reads beyond scope -----------------------------------------------------------------

#[tokio::test]
async fn formulas_and_traces_are_read_only_within_scope() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let committee = app.signed_in("bcd", DEMO_PASSWORD).await;
        let officer = app.signed_in("cb.snv.tccb.05", DEMO_PASSWORD).await;
        let active = active_formula(&app, &admin).await;
        let draft = new_formula_draft(&app, &admin).await;
        let scored = period::Entity::find()
            .filter(period::Column::Status.ne("open"))
            .one(&app.db.db)
            .await
            .expect("query")
            .expect("a scored period")
            .code;
        let someone = user_id(&app, "cb.snv.tccb.06").await.to_string();
        let try_it = |who: &reqwest::Client| {
            let (who, addr, d, p, s) = (
                who.clone(),
                app.addr,
                draft.to_string(),
                scored.clone(),
                someone.clone(),
            );
            async move {
                call(
                    &who,
                    addr,
                    "try_rule_version",
                    &[
                        ("id", d.as_str()),
                        ("officer_id", s.as_str()),
                        ("period", p.as_str()),
                    ],
                )
                .await
            }
        };
        // An administrator configures formulas but does not read officers' scores.
        let by_admin = try_it(&admin).await;
        assert_eq!(by_admin.status, 403, "{name}: {by_admin:?}");
        let by_committee = try_it(&committee).await;
        assert!(by_committee.status.is_success(), "{name}: {by_committee:?}");

        // A draft is read by those who configure, steer or audit, not by officers.
        let read = |who: &reqwest::Client, id: i32| {
            let (who, addr) = (who.clone(), app.addr);
            async move { call(&who, addr, "formula_source", &[("id", &id.to_string())]).await }
        };
        assert_eq!(read(&officer, draft).await.status, 403, "{name}");
        assert!(read(&officer, active).await.status.is_success(), "{name}");
        assert!(read(&admin, draft).await.status.is_success(), "{name}");
        assert!(read(&committee, draft).await.status.is_success(), "{name}");
        let (status, html) = get_page(&officer, &app, &format!("/cong-thuc/{draft}")).await;
        assert!(
            !html.contains("fn score") || status == 403,
            "{name}: the draft's script reached an officer's page"
        );
        app.stop().await;
    }
}

// --- 9. Exports neutralise formula cells --------------------------------------------------

#[tokio::test]
async fn exported_cells_never_start_a_formula() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let (_, jd) = new_jd_draft(&app, &admin).await;
        let lock = jd_lock(&app, jd).await;
        let text =
            "=1+1,A,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",@SUM(A1),60,1,có\n\
                    -2,A,+cmd|' /C calc'!A0,\tgiờ,30,2,không";
        let imported = call(
            &admin,
            app.addr,
            "import_catalog",
            &[
                ("id", &jd.to_string()),
                ("lock_version", &lock),
                ("text", text),
            ],
        )
        .await;
        assert!(imported.status.is_success(), "{name}: {imported:?}");
        let csv = admin
            .get(app.url(&format!("/api/xuat-danh-muc/{jd}")))
            .send()
            .await
            .expect("export")
            .text()
            .await
            .expect("csv");
        for line in csv.trim_start_matches('\u{feff}').lines().skip(1) {
            // Every cell, quoted or not, as a spreadsheet reads it.
            let mut cells = Vec::new();
            let (mut cell, mut quoted, mut chars) = (String::new(), false, line.chars().peekable());
            while let Some(c) = chars.next() {
                match c {
                    '"' if quoted && chars.peek() == Some(&'"') => {
                        cell.push('"');
                        chars.next();
                    }
                    '"' => quoted = !quoted,
                    ',' if !quoted => cells.push(std::mem::take(&mut cell)),
                    c => cell.push(c),
                }
            }
            cells.push(cell);
            for c in &cells {
                assert!(
                    !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: formula cell {c:?} in {line:?}"
                );
            }
        }
        assert!(csv.contains("'=HYPERLINK"), "{name}: {csv}");
        // What was exported reads back as it was written.
        let back = app::models::parse_catalog_table(&csv).expect("parse");
        assert!(
            back.iter().any(|i| i.name.starts_with("=HYPERLINK")),
            "{name}"
        );
        app.stop().await;
    }
}

// --- 10. Errors are 4xx with a message, and the headers of a careful site ---------------------

#[tokio::test]
async fn bad_requests_get_4xx_never_500() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let post = |body: Vec<u8>, endpoint: &'static str| {
            let (admin, url) = (admin.clone(), app.url(&format!("/api/{endpoint}")));
            async move {
                let res = admin
                    .post(url)
                    .header(reqwest::header::ACCEPT, "application/json")
                    .header(
                        reqwest::header::CONTENT_TYPE,
                        "application/x-www-form-urlencoded",
                    )
                    .body(body)
                    .send()
                    .await
                    .expect("post");
                let status = res.status().as_u16();
                (status, res.text().await.unwrap_or_default())
            }
        };
        // Too large.
        let (status, body) = post(vec![b'a'; 3 * 1024 * 1024], "get_rule_version").await;
        assert_eq!(status, 413, "{name}: {body}");
        assert!(body.contains("ErrBodyTooLarge"), "{name}: {body}");
        // Malformed, missing and out-of-range arguments, invalid UTF-8.
        for (body, what) in [
            (b"id=abc".to_vec(), "not a number"),
            (b"".to_vec(), "missing"),
            (b"id=99999999999999".to_vec(), "out of range"),
            (b"id=%FF%FE".to_vec(), "escaped invalid UTF-8"),
            (vec![b'i', b'd', b'=', 0xff, 0xfe], "raw invalid UTF-8"),
        ] {
            let (status, text) = post(body, "get_rule_version").await;
            assert!(
                (400..500).contains(&status),
                "{name}: {what}: {status} {text}"
            );
        }
        // An unknown id.
        let (status, text) = post(b"id=999999".to_vec(), "get_rule_version").await;
        assert_eq!(status, 404, "{name}: {text}");
        // A refused input is 422 with its message; a bad export id 400 or 404.
        let (status, text) = post(b"id=999999".to_vec(), "get_position").await;
        assert_eq!(status, 404, "{name}: {text}");
        for path in [
            "/api/xuat-danh-muc/abc",
            "/api/xuat-danh-muc/999999",
            "/api/xuat-mo-phong/-1",
        ] {
            let s = admin
                .get(app.url(path))
                .send()
                .await
                .expect("get")
                .status()
                .as_u16();
            assert!((400..500).contains(&s), "{name}: {path}: {s}");
        }

        // A reviewer cannot create future periods by saving points.
        let head = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;
        let officer = user_id(&app, "cb.snv.tccb.05").await.to_string();
        let points = call(
            &head,
            app.addr,
            "save_general_points",
            &[
                ("form[officer_id]", officer.as_str()),
                ("form[period]", "2999-12"),
                ("form[general]", "25"),
                ("form[lock_version]", ""),
            ],
        )
        .await;
        assert_eq!(points.status, 422, "{name}: {points:?}");
        assert!(
            points.body.contains("PeriodNotStarted"),
            "{name}: {points:?}"
        );
        let created = period::Entity::find()
            .filter(period::Column::Code.eq("2999-12"))
            .count(&app.db.db)
            .await
            .expect("count");
        assert_eq!(created, 0, "{name}: no period was created");
        app.stop().await;
    }
}

#[tokio::test]
async fn responses_carry_the_security_headers() {
    for backend in backends() {
        for secure in [false, true] {
            let app = TestApp::spawn_with(&backend, secure).await;
            let name = backend.name();
            let res = app
                .browser()
                .get(app.url("/dang-nhap"))
                .send()
                .await
                .expect("page");
            let h = res.headers().clone();
            let html = res.text().await.unwrap_or_default();
            let header = |n: &str| {
                h.get(n)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string()
            };
            let csp = header("content-security-policy");
            assert!(csp.contains("frame-ancestors 'none'"), "{name}: {csp}");
            assert!(
                !csp.contains("'unsafe-inline'")
                    || !csp.contains("script-src 'self' 'unsafe-inline'")
            );
            let nonce = csp
                .split("'nonce-")
                .nth(1)
                .and_then(|r| r.split('\'').next())
                .expect("a nonce in the page's policy");
            assert!(nonce.len() >= 16, "{name}: {nonce}");
            // Every inline script of the page carries it.
            let scripts = html.matches("<script").count();
            assert!(scripts > 0, "{name}: the page has its hydration script");
            assert_eq!(
                html.matches(&format!("<script nonce=\"{nonce}\"")).count()
                    + html
                        .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
                        .count(),
                scripts,
                "{name}: {html}"
            );
            assert_eq!(header("x-content-type-options"), "nosniff", "{name}");
            assert_eq!(header("referrer-policy"), "same-origin", "{name}");
            assert_eq!(header("x-frame-options"), "DENY", "{name}");
            assert_eq!(
                header("strict-transport-security").is_empty(),
                !secure,
                "{name}: HSTS only behind HTTPS"
            );
            // Two pages, two nonces.
            let again = app
                .browser()
                .get(app.url("/dang-nhap"))
                .send()
                .await
                .expect("page");
            let csp2 = again
                .headers()
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            assert_ne!(csp, csp2, "{name}: the nonce is per response");
            // What is not a page loads nothing.
            let health = app
                .browser()
                .get(app.url("/healthz"))
                .send()
                .await
                .expect("healthz");
            let csp = health
                .headers()
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            assert!(csp.starts_with("default-src 'none'"), "{name}: {csp}");
            app.stop().await;
        }
    }
}
