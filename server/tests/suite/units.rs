//! The organisation tree and the positions as administrators change them by hand, through
//! the real server on SQLite and PostgreSQL: units created, renamed, moved, closed and
//! reopened, heads named and removed, each audited; cycles, duplicate codes, wrong levels,
//! closing a unit people still work in, and putting anyone into a closed unit refused with
//! a 4xx and its reason; two racing moves that would make a cycle; HTML in a name escaped;
//! positions created and edited; only administrators.

use crate::common;

use app::error::AppError;
use app::i18n::Locale;
use app::models::{Choice, PositionSetup, PositionSummary, UnitKind, UnitNode, UserDetail};
use app::ssr::entities::{audit_event, unit, user, user_role};
use app::ssr::services::audit::{self, Verification};
use app::ssr::services::seed::DEMO_PASSWORD;
use common::{backends, call, Answer, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn tree(app: &TestApp, client: &reqwest::Client) -> Vec<UnitNode> {
    let answer = call(client, app.addr, "list_units", &[]).await;
    assert!(answer.status.is_success(), "{answer:?}");
    answer.json()
}

fn find<'a>(tree: &'a [UnitNode], code: &str) -> &'a UnitNode {
    tree.iter()
        .find(|u| u.code == code)
        .unwrap_or_else(|| panic!("no unit {code}"))
}

/// A success: 2xx, or a redirect to the page that shows the result.
fn ok(what: &str, a: &Answer) {
    assert!(
        a.status.is_success() || a.status.is_redirection(),
        "{what}: {a:?}"
    );
}

/// A refusal of the input (4xx, never 500) and its message in Vietnamese.
fn refused(what: &str, a: &Answer) -> String {
    assert!(
        a.status.is_client_error(),
        "{what}: expected a 4xx, got {a:?}"
    );
    let e: AppError = a.json();
    e.user_message(Locale::Vi)
}

async fn user_id(app: &TestApp, username: &str) -> i32 {
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(&app.db.db)
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("no user {username}"))
        .id
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .count(&app.db.db)
        .await
        .expect("audit")
}

async fn set_unit_of(app: &TestApp, username: &str, unit: i32) {
    user::Entity::update_many()
        .col_expr(user::Column::UnitId, Expr::value(unit))
        .filter(user::Column::Username.eq(username))
        .exec(&app.db.db)
        .await
        .expect("move the person");
}

async fn create_unit(
    app: &TestApp,
    c: &reqwest::Client,
    code: &str,
    name: &str,
    kind: &str,
    parent: i32,
) -> Answer {
    let parent = parent.to_string();
    call(
        c,
        app.addr,
        "create_unit",
        &[
            ("input[code]", code),
            ("input[name]", name),
            ("input[kind]", kind),
            ("input[parent_id]", &parent),
        ],
    )
    .await
}

async fn move_unit(app: &TestApp, c: &reqwest::Client, id: i32, parent: i32) -> Answer {
    call(
        c,
        app.addr,
        "move_unit",
        &[("id", &id.to_string()), ("parent_id", &parent.to_string())],
    )
    .await
}

async fn close_unit(app: &TestApp, c: &reqwest::Client, id: i32, on: &str) -> Answer {
    call(
        c,
        app.addr,
        "close_unit",
        &[("id", &id.to_string()), ("closed_on", on)],
    )
    .await
}

async fn unit_call(app: &TestApp, c: &reqwest::Client, f: &str, args: &[(&str, &str)]) -> Answer {
    call(c, app.addr, f, args).await
}

fn today() -> String {
    app::i18n::vietnam_date(chrono::Utc::now())
        .format("%Y-%m-%d")
        .to_string()
}

#[tokio::test]
async fn an_admin_builds_and_changes_the_tree_and_every_bad_change_is_refused() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let t = tree(&app, &admin).await;
        let province = find(&t, "khh").clone();
        let (stc, xcr) = (find(&t, "stc").clone(), find(&t, "xcr").clone());
        assert_eq!(
            (province.depth, stc.depth, find(&t, "stc/dt").depth),
            (0, 1, 2),
            "{name}"
        );
        assert_eq!(t[0].code, "khh", "{name}: the province first");
        assert!(
            find(&t, "snv/tccb")
                .heads
                .iter()
                .any(|h| h.username == "tp.snv.tccb"),
            "{name}: the demo's heads show"
        );
        assert!(find(&t, "snv/tccb").members > 0, "{name}");

        // Create: a department under an agency, then one under it.
        let a = create_unit(
            &app,
            &admin,
            "stc/kh",
            "Phòng Kế hoạch",
            "department",
            stc.id,
        )
        .await;
        ok(name, &a);
        let t = tree(&app, &admin).await;
        let kh = find(&t, "stc/kh").clone();
        assert_eq!(
            (kh.kind, kh.parent_id, kh.depth, kh.members),
            (UnitKind::Department, Some(stc.id), 2, 0),
            "{name}"
        );
        ok(
            name,
            &create_unit(
                &app,
                &admin,
                "stc/kh/1",
                "Tổ Kế hoạch 1",
                "department",
                kh.id,
            )
            .await,
        );
        let sub = find(&tree(&app, &admin).await, "stc/kh/1").clone();
        assert_eq!(sub.depth, 3, "{name}");

        // Codes are unique whatever their case, and well-formed; levels nest.
        for code in ["stc/kh", "STC/KH"] {
            let m = refused(
                code,
                &create_unit(&app, &admin, code, "Trùng", "department", stc.id).await,
            );
            assert!(m.contains("đã được dùng"), "{name}: {m}");
        }
        let m = refused(
            "bad code",
            &create_unit(&app, &admin, "phòng kh", "Phòng", "department", stc.id).await,
        );
        assert!(m.contains("Mã đơn vị gồm"), "{name}: {m}");
        for (kind, parent) in [("agency", stc.id), ("department", province.id)] {
            let m = refused(
                kind,
                &create_unit(&app, &admin, "x1", "Sai cấp", kind, parent).await,
            );
            assert!(m.contains("phải trực thuộc"), "{name}: {m}");
        }
        let m = refused(
            "province kind",
            &create_unit(&app, &admin, "x2", "Tỉnh 2", "province", province.id).await,
        );
        assert!(m.contains("Loại đơn vị"), "{name}: {m}");
        let m = refused(
            "empty name",
            &create_unit(&app, &admin, "x3", "  ", "department", stc.id).await,
        );
        assert!(m.contains("Tên đơn vị"), "{name}: {m}");
        let m = refused(
            "unknown parent",
            &create_unit(&app, &admin, "x4", "Mồ côi", "department", 999_999).await,
        );
        assert!(m.contains("cấp trên"), "{name}: {m}");

        // Rename: the name changes, the code stays.
        ok(
            name,
            &unit_call(
                &app,
                &admin,
                "rename_unit",
                &[
                    ("id", &kh.id.to_string()),
                    ("name", "Phòng Kế hoạch – Đầu tư"),
                ],
            )
            .await,
        );
        let renamed = find(&tree(&app, &admin).await, "stc/kh").clone();
        assert_eq!(renamed.name, "Phòng Kế hoạch – Đầu tư", "{name}");
        assert_eq!(renamed.id, kh.id, "{name}");

        // Move: with its sub-unit; never under itself or below itself, never the province.
        ok(name, &move_unit(&app, &admin, kh.id, xcr.id).await);
        let t = tree(&app, &admin).await;
        assert_eq!(find(&t, "stc/kh").parent_id, Some(xcr.id), "{name}");
        assert_eq!(find(&t, "stc/kh/1").parent_id, Some(kh.id), "{name}");
        for target in [kh.id, sub.id] {
            let m = refused("cycle", &move_unit(&app, &admin, kh.id, target).await);
            assert!(m.contains("chính nó"), "{name}: {m}");
        }
        let m = refused(
            "province",
            &move_unit(&app, &admin, province.id, xcr.id).await,
        );
        assert!(m.contains("cấp tỉnh"), "{name}: {m}");
        let m = refused(
            "agency under agency",
            &move_unit(&app, &admin, xcr.id, stc.id).await,
        );
        assert!(m.contains("phải trực thuộc"), "{name}: {m}");
        assert_eq!(
            find(&tree(&app, &admin).await, "stc/kh").parent_id,
            Some(xcr.id),
            "{name}: nothing moved"
        );

        // Heads: active users only, once each; the candidates are the agency's people.
        let candidates: Vec<Choice> = unit_call(
            &app,
            &admin,
            "unit_head_candidates",
            &[("id", &kh.id.to_string())],
        )
        .await
        .json();
        assert!(
            candidates.iter().any(|c| c.code == "cb.xcr.kt.03"),
            "{name}: the agency's people are offered"
        );
        assert!(
            !candidates.iter().any(|c| c.code.starts_with("cb.snv.")),
            "{name}: not other agencies'"
        );
        let head = |username: &'static str| {
            let admin = admin.clone();
            let id = kh.id.to_string();
            let app = &app;
            async move {
                unit_call(
                    app,
                    &admin,
                    "add_unit_head",
                    &[("id", &id), ("username", username)],
                )
                .await
            }
        };
        ok(name, &head("cb.xcr.kt.03").await);
        let m = refused("again", &head("cb.xcr.kt.03").await);
        assert!(m.contains("đã là trưởng"), "{name}: {m}");
        let m = refused("nobody", &head("khong.co.ai").await);
        assert!(m.contains("đang hoạt động"), "{name}: {m}");
        user::Entity::update_many()
            .col_expr(user::Column::IsActive, Expr::value(false))
            .filter(user::Column::Username.eq("cb.xcr.kt.04"))
            .exec(&app.db.db)
            .await
            .expect("deactivate");
        let m = refused("inactive", &head("cb.xcr.kt.04").await);
        assert!(m.contains("đang hoạt động"), "{name}: {m}");
        let head_id = user_id(&app, "cb.xcr.kt.03").await;
        let t = tree(&app, &admin).await;
        assert_eq!(
            find(&t, "stc/kh")
                .heads
                .iter()
                .map(|h| h.username.as_str())
                .collect::<Vec<_>>(),
            ["cb.xcr.kt.03"],
            "{name}"
        );
        let role = user_role::Entity::find()
            .filter(user_role::Column::UserId.eq(head_id))
            .filter(user_role::Column::Role.eq("reviewer"))
            .filter(user_role::Column::UnitId.eq(kh.id))
            .count(&app.db.db)
            .await
            .expect("roles");
        assert_eq!(role, 1, "{name}: a head is a reviewer of the unit");

        // Close: refused while a sub-unit is open or someone works there, with the counts.
        let m = refused(
            "open sub-unit",
            &close_unit(&app, &admin, kh.id, &today()).await,
        );
        assert!(
            m.contains("0 người") && m.contains("1 đơn vị trực thuộc"),
            "{name}: {m}"
        );
        set_unit_of(&app, "cb.xcr.kt.05", sub.id).await;
        let m = refused("members", &close_unit(&app, &admin, sub.id, &today()).await);
        assert!(
            m.contains("còn 1 người") && m.contains("chuyển người"),
            "{name}: {m}"
        );
        let m = refused(
            "bad date",
            &close_unit(&app, &admin, sub.id, "31/02/2026").await,
        );
        assert!(m.contains("Ngày"), "{name}: {m}");
        let m = refused(
            "province",
            &close_unit(&app, &admin, province.id, &today()).await,
        );
        assert!(m.contains("cấp tỉnh"), "{name}: {m}");
        set_unit_of(&app, "cb.xcr.kt.05", xcr.id).await;
        ok(name, &close_unit(&app, &admin, sub.id, &today()).await);
        ok(name, &close_unit(&app, &admin, kh.id, &today()).await);
        let t = tree(&app, &admin).await;
        let today_date = app::i18n::vietnam_date(chrono::Utc::now());
        assert_eq!(
            (find(&t, "stc/kh").closed_on, find(&t, "stc/kh/1").closed_on),
            (Some(today_date), Some(today_date)),
            "{name}: closed units stay in the tree"
        );
        let m = refused("twice", &close_unit(&app, &admin, kh.id, &today()).await);
        assert!(m.contains("đã giải thể"), "{name}: {m}");

        // Nothing new goes into a closed unit: a head, a sub-unit, a person (the users
        // service refuses too), a move.
        let m = refused("head", &head("cb.xcr.kt.06").await);
        assert!(m.contains("đã giải thể từ ngày"), "{name}: {m}");
        let m = refused(
            "sub-unit",
            &create_unit(&app, &admin, "stc/kh/2", "Tổ 2", "department", kh.id).await,
        );
        assert!(m.contains("đã giải thể từ ngày"), "{name}: {m}");
        let dt = find(&t, "stc/dt").clone();
        let m = refused("move under", &move_unit(&app, &admin, dt.id, kh.id).await);
        assert!(m.contains("đã giải thể từ ngày"), "{name}: {m}");
        let officer = user_id(&app, "cb.xcr.kt.07").await;
        let u: UserDetail = unit_call(&app, &admin, "get_user", &[("id", &officer.to_string())])
            .await
            .json();
        let (kh_s, position_s) = (
            kh.id.to_string(),
            u.position_id.map(|p| p.to_string()).unwrap_or_default(),
        );
        let m = refused(
            "update_user",
            &unit_call(
                &app,
                &admin,
                "update_user",
                &[
                    ("id", &officer.to_string()),
                    ("input[full_name]", &u.full_name),
                    ("input[unit_id]", &kh_s),
                    ("input[position_id]", &position_s),
                    ("input[roles][]", "officer"),
                ],
            )
            .await,
        );
        assert!(m.contains("đã giải thể từ ngày"), "{name}: {m}");
        let m = refused(
            "create_user",
            &unit_call(
                &app,
                &admin,
                "create_user",
                &[
                    ("input[username]", "cb.moi.kh"),
                    ("input[full_name]", "Người Mới"),
                    ("input[unit_id]", &kh_s),
                    ("input[position_id]", &position_s),
                    ("input[roles][]", "officer"),
                    ("input[password]", "Song-Cai-2-dong"),
                ],
            )
            .await,
        );
        assert!(m.contains("đã giải thể từ ngày"), "{name}: {m}");
        let after: UserDetail =
            unit_call(&app, &admin, "get_user", &[("id", &officer.to_string())])
                .await
                .json();
        assert_eq!(after.unit_id, u.unit_id, "{name}: the officer stays");

        // Reopen: the parent first; once.
        let m = refused(
            "parent closed",
            &unit_call(&app, &admin, "reopen_unit", &[("id", &sub.id.to_string())]).await,
        );
        assert!(m.contains("cấp trên đã giải thể"), "{name}: {m}");
        for id in [kh.id, sub.id] {
            ok(
                name,
                &unit_call(&app, &admin, "reopen_unit", &[("id", &id.to_string())]).await,
            );
        }
        let m = refused(
            "open",
            &unit_call(&app, &admin, "reopen_unit", &[("id", &kh.id.to_string())]).await,
        );
        assert!(m.contains("đang hoạt động"), "{name}: {m}");
        assert_eq!(
            find(&tree(&app, &admin).await, "stc/kh").closed_on,
            None,
            "{name}"
        );

        // Remove the head: the role goes, the person stays.
        let remove = [("id", kh.id.to_string()), ("user_id", head_id.to_string())];
        let remove: Vec<(&str, &str)> = remove.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ok(
            name,
            &unit_call(&app, &admin, "remove_unit_head", &remove).await,
        );
        assert!(
            find(&tree(&app, &admin).await, "stc/kh").heads.is_empty(),
            "{name}"
        );
        let again = unit_call(&app, &admin, "remove_unit_head", &remove).await;
        assert_eq!(again.status.as_u16(), 404, "{name}: {again:?}");

        // Every change is in the audit trail, and the chain holds.
        for (action, n) in [
            ("unit.create", 2),
            ("unit.rename", 1),
            ("unit.move", 1),
            ("unit.close", 2),
            ("unit.reopen", 2),
            ("unit.add_head", 1),
            ("unit.remove_head", 1),
        ] {
            assert_eq!(audited(&app, action).await, n, "{name}: {action}");
        }
        assert!(
            matches!(
                audit::verify(&app.db.db).await.expect("verify"),
                Verification::Intact { .. }
            ),
            "{name}"
        );
        app.stop().await;
    }
}

/// Two moves that together would make a cycle (A under B, B under A), sent at once, again
/// and again: at most one wins, nobody gets a 500, and every unit still reaches the root.
#[tokio::test]
async fn racing_moves_keep_the_tree_a_tree() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let second = app.signed_in("admin2", DEMO_PASSWORD).await;
        let stc = find(&tree(&app, &admin).await, "stc").id;
        for round in 0..6 {
            let (a_code, b_code) = (format!("dua/a{round}"), format!("dua/b{round}"));
            ok(
                name,
                &create_unit(&app, &admin, &a_code, "Phòng A", "department", stc).await,
            );
            ok(
                name,
                &create_unit(&app, &admin, &b_code, "Phòng B", "department", stc).await,
            );
            let t = tree(&app, &admin).await;
            let (a, b) = (find(&t, &a_code).id, find(&t, &b_code).id);
            let (one, two) = tokio::join!(
                move_unit(&app, &admin, a, b),
                move_unit(&app, &second, b, a)
            );
            for answer in [&one, &two] {
                let s = answer.status.as_u16();
                assert!(
                    s < 300 || s == 409 || s == 422,
                    "{name} round {round}: {answer:?}"
                );
            }
            let won = [&one, &two]
                .iter()
                .filter(|x| x.status.is_success())
                .count();
            assert!(won <= 1, "{name} round {round}: both moves won");
            let units = unit::Entity::find().all(&app.db.db).await.expect("units");
            for u in &units {
                let mut at = Some(u.id);
                let mut steps = 0;
                while let Some(id) = at {
                    at = units.iter().find(|x| x.id == id).and_then(|x| x.parent_id);
                    steps += 1;
                    assert!(steps <= units.len(), "{name}: {} is in a cycle", u.code);
                }
            }
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn a_name_shows_escaped_and_only_administrators_change_units() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let stc = find(&tree(&app, &admin).await, "stc").id;
        let evil = "<img src=x onerror=alert(1)>Phòng";
        ok(
            name,
            &create_unit(&app, &admin, "stc/xss", evil, "department", stc).await,
        );
        let id = find(&tree(&app, &admin).await, "stc/xss").id;
        for path in [
            "/quan-tri/don-vi".to_string(),
            format!("/quan-tri/don-vi?chon={id}"),
        ] {
            let res = admin.get(app.url(&path)).send().await.expect("page");
            assert_eq!(res.status().as_u16(), 200, "{name} {path}");
            let html = res.text().await.expect("html");
            assert!(
                html.contains("data-testid=\"unit-tree\""),
                "{name} {path}: no tree"
            );
            assert!(!html.contains("<img src=x"), "{name} {path}: XSS");
            assert!(
                html.contains("&lt;img src=x onerror=alert(1)&gt;Phòng"),
                "{name} {path}: the name is shown escaped"
            );
        }

        for who in ["cb.snv.tccb.02", "gd.snv", "bcd", "thanhtra"] {
            let c = app.signed_in(who, DEMO_PASSWORD).await;
            for (f, args) in [
                ("list_units", vec![]),
                (
                    "create_unit",
                    vec![
                        ("input[code]", "stc/cam"),
                        ("input[name]", "Cấm"),
                        ("input[kind]", "department"),
                        ("input[parent_id]", "1"),
                    ],
                ),
                ("rename_unit", vec![("id", "1"), ("name", "Đổi")]),
                ("create_position", vec![("input[code]", "CAM")]),
            ] {
                let a = unit_call(&app, &c, f, &args).await;
                assert_eq!(a.status.as_u16(), 403, "{name}: {who} {f}: {a:?}");
            }
            let page = c
                .get(app.url("/quan-tri/don-vi"))
                .send()
                .await
                .expect("page");
            assert_eq!(page.status().as_u16(), 403, "{name}: {who}");
        }
        let anonymous = app.browser();
        let a = unit_call(&app, &anonymous, "list_units", &[]).await;
        assert_eq!(a.status.as_u16(), 401, "{name}: {a:?}");
        assert_eq!(audited(&app, "unit.create").await, 1, "{name}");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_admin_creates_a_position_and_changes_its_group_cohort_and_agencies() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let t = tree(&app, &admin).await;
        let (stc, xcr) = (find(&t, "stc").id, find(&t, "xcr").id);
        let (stc_s, xcr_s) = (stc.to_string(), xcr.to_string());

        let setup: PositionSetup = unit_call(&app, &admin, "get_position_setup", &[("id", "0")])
            .await
            .json();
        assert!(setup.position.is_none(), "{name}");
        let mut agencies: Vec<&str> = setup.agencies.iter().map(|a| a.code.as_str()).collect();
        agencies.sort();
        assert_eq!(agencies, ["snv", "stc", "xcr"], "{name}: agencies only");
        assert!(
            setup.cohort_groups.contains(&"chuyen-vien".to_string()),
            "{name}"
        );

        let create = |code: &'static str, kind: &'static str, agencies: Vec<String>| {
            let admin = admin.clone();
            let app = &app;
            async move {
                let mut form: Vec<(&str, String)> = vec![
                    ("input[code]", code.into()),
                    ("input[name]", "Chuyên viên kế hoạch".into()),
                    ("input[kind]", kind.into()),
                    ("input[cohort_group]", String::new()),
                ];
                form.extend(agencies.into_iter().map(|a| ("input[agencies][]", a)));
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                call(&admin, app.addr, "create_position", &form).await
            }
        };
        ok(
            name,
            &create("CV-KH", "professional", vec![stc_s.clone()]).await,
        );
        let list: Vec<PositionSummary> =
            unit_call(&app, &admin, "list_positions", &[("query", "")])
                .await
                .json();
        let created = list.iter().find(|p| p.code == "CV-KH").expect("CV-KH");
        let id = created.id.to_string();
        let setup: PositionSetup = unit_call(&app, &admin, "get_position_setup", &[("id", &id)])
            .await
            .json();
        let p = setup.position.expect("settings");
        assert_eq!(
            (
                p.kind.as_str(),
                p.cohort_group.as_str(),
                p.agency_ids.clone()
            ),
            ("professional", "cv-kh", vec![stc]),
            "{name}: without a cohort group the position is its own"
        );

        for code in ["CV-KH", "cv-kh", "CV-TH"] {
            let m = refused(code, &create(code, "professional", vec![]).await);
            assert!(m.contains("đã được dùng"), "{name}: {m}");
        }
        let m = refused("kind", &create("CV-X", "boss", vec![]).await);
        assert!(m.contains("nhóm vị trí"), "{name}: {m}");
        let dept = find(&t, "stc/dt").id.to_string();
        let m = refused("department", &create("CV-Y", "support", vec![dept]).await);
        assert!(m.contains("cơ quan"), "{name}: {m}");
        let m = refused("bad code", &create("CV Z", "support", vec![]).await);
        assert!(m.contains("Mã vị trí"), "{name}: {m}");

        // Edit: name, group, cohort group, agencies; the code sent along is ignored.
        let edit = unit_call(
            &app,
            &admin,
            "update_position",
            &[
                ("id", &id),
                ("input[code]", "KHAC"),
                ("input[name]", "Chuyên viên kế hoạch – đầu tư"),
                ("input[kind]", "leader"),
                ("input[cohort_group]", "lanh-dao"),
                ("input[agencies][]", &stc_s),
                ("input[agencies][]", &xcr_s),
            ],
        )
        .await;
        ok(name, &edit);
        let setup: PositionSetup = unit_call(&app, &admin, "get_position_setup", &[("id", &id)])
            .await
            .json();
        let p = setup.position.expect("settings");
        let mut want = vec![stc, xcr];
        want.sort();
        assert_eq!(
            (
                p.code.as_str(),
                p.name.as_str(),
                p.kind.as_str(),
                p.cohort_group.as_str(),
                p.agency_ids.clone()
            ),
            (
                "CV-KH",
                "Chuyên viên kế hoạch – đầu tư",
                "leader",
                "lanh-dao",
                want
            ),
            "{name}"
        );
        let m = refused(
            "empty name",
            &unit_call(
                &app,
                &admin,
                "update_position",
                &[("id", &id), ("input[name]", " "), ("input[kind]", "leader")],
            )
            .await,
        );
        assert!(m.contains("Tên vị trí"), "{name}: {m}");
        let missing = unit_call(
            &app,
            &admin,
            "update_position",
            &[
                ("id", "999999"),
                ("input[name]", "X"),
                ("input[kind]", "leader"),
            ],
        )
        .await;
        assert_eq!(missing.status.as_u16(), 404, "{name}: {missing:?}");

        // The page shows the new settings, the name escaped.
        let evil = unit_call(
            &app,
            &admin,
            "update_position",
            &[
                ("id", &id),
                ("input[name]", "<script>window.pwned=3</script>"),
                ("input[kind]", "leader"),
            ],
        )
        .await;
        ok(name, &evil);
        let html = admin
            .get(app.url(&format!("/quan-tri/vi-tri/{id}")))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(
            html.contains("data-testid=\"position-settings-form\""),
            "{name}"
        );
        assert!(!html.contains("<script>window.pwned"), "{name}: XSS");
        assert!(
            html.contains("&lt;script&gt;window.pwned=3&lt;/script&gt;"),
            "{name}"
        );

        assert_eq!(audited(&app, "position.create").await, 1, "{name}");
        assert_eq!(audited(&app, "position.update").await, 2, "{name}");
        let auditor = app.signed_in("thanhtra", DEMO_PASSWORD).await;
        let a = unit_call(
            &app,
            &auditor,
            "update_position",
            &[("id", &id), ("input[name]", "X"), ("input[kind]", "leader")],
        )
        .await;
        assert_eq!(a.status.as_u16(), 403, "{name}: {a:?}");
        app.stop().await;
    }
}
