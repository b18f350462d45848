//! Sign-in, sessions and their ends, throttling, CSRF, password changes and resets,
//! deactivation — black-box against the real server, on every backend.

use crate::common;

use app::ssr::entities::{audit_event, session};
use common::{add_unit, add_user, backends, call, TestApp, PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn whoami(app: &TestApp, client: &reqwest::Client) -> Option<String> {
    let answer = call(client, app.addr, "current_user", &[]).await;
    assert!(answer.status.is_success(), "{answer:?}");
    let user: Option<serde_json::Value> = answer.json();
    user.map(|u| u["username"].as_str().unwrap_or_default().to_string())
}

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("rubric_session="))
        .map(str::to_string)
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    audit_event::Entity::find()
        .all(&app.db.db)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test]
async fn sign_in_renews_the_session_and_sign_out_destroys_it() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let unit = add_unit(&app.db.db, "khh", None).await;
        add_user(&app.db.db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        add_user(&app.db.db, "binh.tran", Some(unit), &[("auditor", None)]).await;

        let b = app.browser();
        assert_eq!(whoami(&app, &b).await, None, "{name}");

        // The session cookie: HttpOnly, SameSite=Lax, for the whole site.
        let res = b
            .post(app.url("/api/sign_in"))
            .header("accept", "application/json")
            .form(&[
                ("username", "An.Nguyen"),
                ("password", PASSWORD),
                ("next", "/can-bo"),
            ])
            .send()
            .await
            .expect("sign in");
        assert!(res.status().is_success(), "{name}: {}", res.status());
        let cookie = session_cookie(&res).expect("session cookie");
        assert!(cookie.contains("HttpOnly"), "{name}: {cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{name}: {cookie}");
        assert!(cookie.contains("Path=/"), "{name}: {cookie}");
        assert!(
            !cookie.contains("Secure"),
            "{name}: not configured for HTTPS"
        );
        let first_id = cookie.split(';').next().unwrap_or_default().to_string();
        assert_eq!(
            whoami(&app, &b).await.as_deref(),
            Some("an.nguyen"),
            "{name}"
        );

        // Signing in again (as someone else) gives a new id and kills the old one.
        let res = b
            .post(app.url("/api/sign_in"))
            .header("accept", "application/json")
            .form(&[("username", "binh.tran"), ("password", PASSWORD)])
            .send()
            .await
            .expect("sign in again");
        let second_id = session_cookie(&res)
            .expect("renewed cookie")
            .split(';')
            .next()
            .unwrap_or_default()
            .to_string();
        assert_ne!(
            first_id, second_id,
            "{name}: the session id must change at sign-in"
        );
        let stale = app
            .browser()
            .post(app.url("/api/current_user"))
            .header("cookie", &first_id)
            .header("accept", "application/json")
            .send()
            .await
            .expect("stale")
            .text()
            .await
            .expect("body");
        assert_eq!(stale, "null", "{name}: the old session id must be dead");
        assert_eq!(
            whoami(&app, &b).await.as_deref(),
            Some("binh.tran"),
            "{name}"
        );

        // Sign-out deletes the record: replaying the cookie gets nowhere.
        let out = call(&b, app.addr, "sign_out", &[]).await;
        assert!(
            out.status.is_success() || out.status.is_redirection(),
            "{name}: {out:?}"
        );
        assert_eq!(whoami(&app, &b).await, None, "{name}");
        let replay = app
            .browser()
            .post(app.url("/api/current_user"))
            .header("cookie", &second_id)
            .header("accept", "application/json")
            .send()
            .await
            .expect("replay")
            .text()
            .await
            .expect("body");
        assert_eq!(replay, "null", "{name}");
        assert_eq!(
            session::Entity::find()
                .all(&app.db.db)
                .await
                .expect("sessions")
                .len(),
            0,
            "{name}: no session row may survive sign-out"
        );

        let actions = audit_actions(&app).await;
        assert_eq!(
            actions.iter().filter(|a| *a == "auth.sign_in").count(),
            2,
            "{name}: {actions:?}"
        );
        assert!(actions.contains(&"auth.sign_out".to_string()), "{name}");
        app.stop().await;
    }
}

#[tokio::test]
async fn wrong_passwords_are_throttled_with_one_generic_message_and_audited() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let unit = add_unit(&app.db.db, "khh", None).await;
        add_user(&app.db.db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        let b = app.browser();

        let wrong = call(
            &b,
            app.addr,
            "sign_in",
            &[("username", "an.nguyen"), ("password", "sai-mat-khau-1")],
        )
        .await;
        let unknown = call(
            &b,
            app.addr,
            "sign_in",
            &[
                ("username", "khong.ton.tai"),
                ("password", "sai-mat-khau-1"),
            ],
        )
        .await;
        assert!(wrong.body.contains("SignInFailed"), "{name}: {wrong:?}");
        assert_eq!(
            wrong.body, unknown.body,
            "{name}: a missing account must not show"
        );
        assert_eq!(wrong.status, unknown.status, "{name}");

        for _ in 0..4 {
            call(
                &b,
                app.addr,
                "sign_in",
                &[("username", "an.nguyen"), ("password", "sai-mat-khau-1")],
            )
            .await;
        }
        // Five failures: even the right password is held now, with the same message as
        // for an unknown account held the same way.
        let held = call(
            &b,
            app.addr,
            "sign_in",
            &[("username", "an.nguyen"), ("password", PASSWORD)],
        )
        .await;
        assert!(held.body.contains("SignInThrottled"), "{name}: {held:?}");
        assert_eq!(whoami(&app, &b).await, None, "{name}");
        for _ in 0..4 {
            call(
                &b,
                app.addr,
                "sign_in",
                &[
                    ("username", "khong.ton.tai"),
                    ("password", "x-sai-mat-khau"),
                ],
            )
            .await;
        }
        let unknown_held = call(
            &b,
            app.addr,
            "sign_in",
            &[("username", "khong.ton.tai"), ("password", "x")],
        )
        .await;
        assert_eq!(held.body, unknown_held.body, "{name}");

        // Another account from the same address is not held (the per-address limit is higher).
        add_user(&app.db.db, "chi.le", Some(unit), &[("officer", None)]).await;
        let other = call(
            &b,
            app.addr,
            "sign_in",
            &[("username", "chi.le"), ("password", PASSWORD)],
        )
        .await;
        assert!(other.status.is_success(), "{name}: {other:?}");

        // Past the per-address limit every account from that address is held.
        let c = app.browser();
        for i in 0..12 {
            call(
                &c,
                app.addr,
                "sign_in",
                &[
                    ("username", &format!("ai.do.{i}")),
                    ("password", "x-sai-mat-khau"),
                ],
            )
            .await;
        }
        let by_address = call(
            &c,
            app.addr,
            "sign_in",
            &[("username", "chi.le"), ("password", PASSWORD)],
        )
        .await;
        assert!(
            by_address.body.contains("SignInThrottled"),
            "{name}: {by_address:?}"
        );

        let actions = audit_actions(&app).await;
        assert!(
            actions
                .iter()
                .filter(|a| *a == "auth.sign_in_failed")
                .count()
                >= 12,
            "{name}"
        );
        assert!(
            actions.contains(&"auth.sign_in_throttled".to_string()),
            "{name}"
        );
        assert!(actions.contains(&"auth.sign_in".to_string()), "{name}");
        app.stop().await;
    }
}

#[tokio::test]
async fn state_changing_requests_from_another_origin_are_refused() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let unit = add_unit(&app.db.db, "khh", None).await;
        add_user(&app.db.db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        let form = [("username", "an.nguyen"), ("password", PASSWORD)];
        let plain = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");

        for (origin, referer) in [
            (Some("http://evil.example"), None),
            (Some("null"), None),
            (None, Some("http://evil.example/form")),
            (None, None),
        ] {
            let mut req = plain
                .post(app.url("/api/sign_in"))
                .header("accept", "application/json")
                .form(&form);
            if let Some(o) = origin {
                req = req.header("origin", o);
            }
            if let Some(r) = referer {
                req = req.header("referer", r);
            }
            let res = req.send().await.expect("post");
            assert_eq!(
                res.status(),
                403,
                "{name}: origin {origin:?} referer {referer:?}"
            );
            assert!(session_cookie(&res).is_none(), "{name}");
        }
        let same_referer = plain
            .post(app.url("/api/sign_in"))
            .header("accept", "application/json")
            .header("referer", app.url("/dang-nhap"))
            .form(&form)
            .send()
            .await
            .expect("post");
        assert!(
            same_referer.status().is_success(),
            "{name}: {}",
            same_referer.status()
        );
        // Reading pages needs no origin.
        let page = plain.get(app.url("/")).send().await.expect("get");
        assert_eq!(page.status(), 200, "{name}");
        app.stop().await;
    }
}

#[tokio::test]
async fn reset_deactivate_and_expiry_end_sessions() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let db = &app.db.db;
        let unit = add_unit(db, "khh", None).await;
        add_user(db, "quan.tri", Some(unit), &[("admin", None)]).await;
        let officer = add_user(db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        let admin = app.signed_in("quan.tri", PASSWORD).await;
        let an = app.signed_in("an.nguyen", PASSWORD).await;
        assert_eq!(
            whoami(&app, &an).await.as_deref(),
            Some("an.nguyen"),
            "{name}"
        );

        // Reset: the session ends; the temporary password signs in but allows nothing
        // except changing it.
        let id = officer.to_string();
        let weak = call(
            &admin,
            app.addr,
            "reset_user_password",
            &[("id", &id), ("password", "123456")],
        )
        .await;
        assert!(weak.body.contains("PasswordTooShort"), "{name}: {weak:?}");
        let reset = call(
            &admin,
            app.addr,
            "reset_user_password",
            &[("id", &id), ("password", "Tam-thoi-2026-x")],
        )
        .await;
        assert!(reset.status.is_success(), "{name}: {reset:?}");
        assert_eq!(
            whoami(&app, &an).await,
            None,
            "{name}: reset must end the session"
        );
        let an = app.browser();
        let signed = call(
            &an,
            app.addr,
            "sign_in",
            &[
                ("username", "an.nguyen"),
                ("password", "Tam-thoi-2026-x"),
                ("next", "/can-bo"),
            ],
        )
        .await;
        assert!(
            signed.status.is_success() || signed.status.is_redirection(),
            "{name}: {signed:?}"
        );
        let page = an.get(app.url("/can-bo")).send().await.expect("page");
        assert_eq!(page.status(), 303, "{name}");
        assert_eq!(
            page.headers().get("location").and_then(|v| v.to_str().ok()),
            Some("/doi-mat-khau"),
            "{name}"
        );
        let score = call(
            &an,
            app.addr,
            "officer_score",
            &[("officer_id", &id), ("period", "2026-09")],
        )
        .await;
        assert_eq!(score.status, 403, "{name}: {score:?}");
        assert!(
            score.body.contains("PasswordChangeRequired"),
            "{name}: {score:?}"
        );

        // The policy: length, user name, common passwords, confirmation, the current one.
        for (current, new, confirm, expected) in [
            ("Tam-thoi-2026-x", "ngan", "ngan", "PasswordTooShort"),
            (
                "Tam-thoi-2026-x",
                "an.nguyen-2026!",
                "an.nguyen-2026!",
                "PasswordContainsUsername",
            ),
            (
                "Tam-thoi-2026-x",
                "Matkhau@2025",
                "Matkhau@2025",
                "PasswordCommon",
            ),
            (
                "Tam-thoi-2026-x",
                "Song-Cai-2-dong",
                "Song-Cai-2-dongx",
                "PasswordMismatch",
            ),
            (
                "sai-hien-tai-123",
                "Song-Cai-2-dong",
                "Song-Cai-2-dong",
                "PasswordCurrentWrong",
            ),
            (
                "Tam-thoi-2026-x",
                "Tam-thoi-2026-x",
                "Tam-thoi-2026-x",
                "PasswordUnchanged",
            ),
        ] {
            let r = call(
                &an,
                app.addr,
                "change_password",
                &[("current", current), ("new", new), ("confirm", confirm)],
            )
            .await;
            assert!(r.body.contains(expected), "{name}: {new} → {r:?}");
        }
        let changed = call(
            &an,
            app.addr,
            "change_password",
            &[
                ("current", "Tam-thoi-2026-x"),
                ("new", "Song-Cai-2-dong"),
                ("confirm", "Song-Cai-2-dong"),
            ],
        )
        .await;
        assert!(changed.status.is_success(), "{name}: {changed:?}");
        assert_eq!(
            whoami(&app, &an).await.as_deref(),
            Some("an.nguyen"),
            "{name}: the changer stays signed in"
        );
        let page = an.get(app.url("/can-bo")).send().await.expect("page");
        assert_eq!(page.status(), 200, "{name}");

        // Deactivation ends the sessions at once, and the account cannot sign in again.
        let off = call(
            &admin,
            app.addr,
            "set_user_active",
            &[("id", &id), ("active", "false")],
        )
        .await;
        assert!(off.status.is_success(), "{name}: {off:?}");
        assert_eq!(whoami(&app, &an).await, None, "{name}");
        let again = call(
            &app.browser(),
            app.addr,
            "sign_in",
            &[("username", "an.nguyen"), ("password", "Song-Cai-2-dong")],
        )
        .await;
        assert!(again.body.contains("SignInFailed"), "{name}: {again:?}");
        let admin_id = call(&admin, app.addr, "current_user", &[])
            .await
            .json::<serde_json::Value>()["id"]
            .to_string();
        let myself = call(
            &admin,
            app.addr,
            "set_user_active",
            &[("id", &admin_id), ("active", "false")],
        )
        .await;
        assert!(
            myself.body.contains("UserCannotDeactivateSelf"),
            "{name}: {myself:?}"
        );

        // Idle expiry: a session whose expiry passed is gone, whatever the cookie says.
        let b = app.signed_in("quan.tri", PASSWORD).await;
        assert!(whoami(&app, &b).await.is_some(), "{name}");
        session::Entity::update_many()
            .col_expr(
                session::Column::ExpiresAt,
                sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
            )
            .exec(db)
            .await
            .expect("age sessions");
        assert_eq!(whoami(&app, &b).await, None, "{name}: idle expiry");

        // Absolute expiry: a session signed in 13 hours ago ends even if it is active.
        let c = app.signed_in("quan.tri", PASSWORD).await;
        let row = session::Entity::find()
            .filter(session::Column::ExpiresAt.gt(chrono::Utc::now()))
            .one(db)
            .await
            .expect("session")
            .expect("a live session");
        let mut data: serde_json::Value = serde_json::from_str(&row.data).expect("json");
        data["auth"]["signed_in_at"] =
            serde_json::json!(chrono::Utc::now().timestamp() - 13 * 3600);
        session::Entity::update_many()
            .col_expr(
                session::Column::Data,
                sea_orm::sea_query::Expr::value(data.to_string()),
            )
            .filter(session::Column::Id.eq(row.id))
            .exec(db)
            .await
            .expect("backdate");
        assert_eq!(whoami(&app, &c).await, None, "{name}: absolute expiry");

        let actions = audit_actions(&app).await;
        for a in [
            "user.reset_password",
            "auth.change_password",
            "user.deactivate",
        ] {
            assert!(
                actions.contains(&a.to_string()),
                "{name}: {a} missing from {actions:?}"
            );
        }
        app.stop().await;
    }
}

/// Two `rubric serve` processes on different ports, one database: a session started on
/// one is honoured by the other (as behind a load balancer).
#[tokio::test]
async fn two_server_processes_share_sessions_through_the_database() {
    for backend in backends() {
        let name = backend.name();
        let db = common::TestDb::new(&backend).await;
        let unit = add_unit(&db.db, "khh", None).await;
        add_user(&db.db, "an.nguyen", Some(unit), &[("officer", None)]).await;
        let a = common::RubricProcess::start(&db).await;
        let b = common::RubricProcess::start(&db).await;
        assert_ne!(a.addr, b.addr);

        let on_a = common::browser_for(a.addr);
        let signed = call(
            &on_a,
            a.addr,
            "sign_in",
            &[("username", "an.nguyen"), ("password", PASSWORD)],
        )
        .await;
        assert!(signed.status.is_success(), "{name}: {signed:?}");
        let res = on_a
            .post(format!("http://{}/api/current_user", a.addr))
            .header("accept", "application/json")
            .send()
            .await
            .expect("a");
        assert!(
            res.text().await.expect("body").contains("an.nguyen"),
            "{name}"
        );
        let cookie = {
            let row = session::Entity::find()
                .one(&db.db)
                .await
                .expect("row")
                .expect("session");
            format!("rubric_session={}", row.id)
        };
        let on_b = b.get_page_with_cookie("/can-bo", &cookie).await;
        assert_eq!(
            on_b.0, 200,
            "{name}: server B must accept server A's session"
        );
        assert!(
            on_b.1.contains("an.nguyen") || on_b.1.contains("Người dùng an.nguyen"),
            "{name}"
        );
        let anonymous_on_b = b
            .get_page_with_cookie("/can-bo", "rubric_session=forged")
            .await;
        assert_eq!(anonymous_on_b.0, 303, "{name}");
        drop(a);
        drop(b);
        db.cleanup().await;
    }
}

#[tokio::test]
async fn admins_assign_roles_and_units_and_the_last_admin_stays() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let db = &app.db.db;
        let province = add_unit(db, "khh", None).await;
        let dept = add_unit(db, "snv-tccb", Some(province)).await;
        let admin_id = add_user(db, "quan.tri", Some(province), &[("admin", None)]).await;
        let chi = add_user(db, "chi.le", Some(dept), &[("officer", None)]).await;
        let admin = app.signed_in("quan.tri", PASSWORD).await;
        let chi_browser = app.signed_in("chi.le", PASSWORD).await;
        let review_page = || async {
            chi_browser
                .get(app.url("/duyet"))
                .send()
                .await
                .expect("page")
                .status()
                .as_u16()
        };
        assert_eq!(review_page().await, 403, "{name}");

        // A reviewer without a unit is refused; with one, the role takes effect on the
        // user's very next request.
        let (chi_s, dept_s) = (chi.to_string(), dept.to_string());
        let base = [
            ("id", chi_s.as_str()),
            ("input[full_name]", "Lê Thị Chi"),
            ("input[unit_id]", dept_s.as_str()),
            ("input[roles][]", "reviewer"),
        ];
        let no_unit = call(&admin, app.addr, "update_user", &base).await;
        assert!(
            no_unit.body.contains("UserReviewerNeedsUnit"),
            "{name}: {no_unit:?}"
        );
        let mut with_unit = base.to_vec();
        with_unit.push(("input[reviewer_units][]", dept_s.as_str()));
        let saved = call(&admin, app.addr, "update_user", &with_unit).await;
        assert!(saved.status.is_success(), "{name}: {saved:?}");
        let detail: serde_json::Value = saved.json();
        assert_eq!(detail["full_name"], "Lê Thị Chi", "{name}");
        assert_eq!(detail["grants"][0]["role"], "Reviewer", "{name}");
        assert_eq!(detail["grants"][0]["unit_id"], dept, "{name}");
        assert_eq!(review_page().await, 200, "{name}");

        // The only administrator cannot drop their own admin role.
        let (admin_s, province_s) = (admin_id.to_string(), province.to_string());
        let demote = call(
            &admin,
            app.addr,
            "update_user",
            &[
                ("id", admin_s.as_str()),
                ("input[full_name]", "Quản trị"),
                ("input[unit_id]", province_s.as_str()),
                ("input[roles][]", "auditor"),
            ],
        )
        .await;
        assert!(demote.body.contains("UserLastAdmin"), "{name}: {demote:?}");
        let still: serde_json::Value = call(&admin, app.addr, "get_user", &[("id", &admin_s)])
            .await
            .json();
        assert_eq!(
            still["grants"][0]["role"], "Admin",
            "{name}: nothing half-written"
        );

        // A new user: unique name, policy-checked initial password, must change it.
        let create = |username: &'static str, password: &'static str| {
            let admin = admin.clone();
            let dept_s = dept_s.clone();
            async move {
                call(
                    &admin,
                    app.addr,
                    "create_user",
                    &[
                        ("input[username]", username),
                        ("input[full_name]", "Phạm Văn Dũng"),
                        ("input[unit_id]", dept_s.as_str()),
                        ("input[roles][]", "auditor"),
                        ("input[password]", password),
                    ],
                )
                .await
            }
        };
        let bad_name = create("Phạm Dũng", "Song-Cai-2-dong").await;
        assert!(
            bad_name.body.contains("UserUsernameInvalid"),
            "{name}: {bad_name:?}"
        );
        let taken = create("chi.le", "Song-Cai-2-dong").await;
        assert!(
            taken.body.contains("UserUsernameTaken"),
            "{name}: {taken:?}"
        );
        let created = create("dung.pham", "Song-Cai-2-dong").await;
        assert!(
            created.status.is_success() || created.status.is_redirection(),
            "{name}: {created:?}"
        );
        let list: serde_json::Value = call(
            &admin,
            app.addr,
            "list_users",
            &[("query", "DUNG"), ("page", "0")],
        )
        .await
        .json();
        assert_eq!(list["total"], 1, "{name}: {list}");
        assert_eq!(list["users"][0]["must_change_password"], true, "{name}");
        app.stop().await;
    }
}

/// First-use guides (#20): a guide shows to a holder of its role until they dismiss it;
/// dismissing twice at once keeps one row; another role's guide never shows; an unknown
/// guide is refused with a 4xx.
#[tokio::test]
async fn a_guide_shows_until_its_reader_dismisses_it() {
    use app::ssr::entities::user_guide;
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let officer = app
            .signed_in("cb.snv.tccb.04", app::ssr::services::seed::DEMO_PASSWORD)
            .await;
        let state = |guide: &'static str| {
            let officer = &officer;
            let addr = app.addr;
            async move {
                call(officer, addr, "guide_state", &[("guide", guide)])
                    .await
                    .json::<bool>()
            }
        };
        assert!(
            state("officer").await,
            "{name}: a new officer sees the guide"
        );
        assert!(
            !state("admin").await,
            "{name}: not an administrator's guide"
        );
        let bad = call(
            &officer,
            app.addr,
            "dismiss_guide",
            &[("guide", "<b>x</b>")],
        )
        .await;
        assert!(bad.status.is_client_error(), "{name}: {bad:?}");
        let (a, b) = tokio::join!(
            call(&officer, app.addr, "dismiss_guide", &[("guide", "officer")]),
            call(&officer, app.addr, "dismiss_guide", &[("guide", "officer")]),
        );
        assert!(
            a.status.is_success() && b.status.is_success(),
            "{name}: {a:?} {b:?}"
        );
        assert!(!state("officer").await, "{name}: dismissed");
        let rows = user_guide::Entity::find()
            .filter(user_guide::Column::Guide.eq("officer"))
            .all(&app.db.db)
            .await
            .expect("rows");
        assert_eq!(rows.len(), 1, "{name}: one row");
        // Another officer still sees theirs.
        let other = app
            .signed_in("cb.snv.tccb.05", app::ssr::services::seed::DEMO_PASSWORD)
            .await;
        let shown: bool = call(&other, app.addr, "guide_state", &[("guide", "officer")])
            .await
            .json();
        assert!(shown, "{name}");
        app.stop().await;
    }
}
