//! The permission matrix: every server function and every page, for anonymous visitors and
//! for each role, allowed or refused — and object-level access between officers and units.
//! A server function or route that is not listed here fails the test: adding one means
//! deciding, here, who may use it.
//!
//! Runs on the demo province, on every backend.

use crate::common;

use app::ssr::entities::{period, period_score, unit, user, work_log_entry as wle};
use app::ssr::services::seed::{self, DEMO_PASSWORD};
use common::{backends, call, Answer, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeSet;

/// Columns of the matrix: anonymous, then one demo account per role.
const WHO: [(&str, Option<&str>); 6] = [
    ("anonymous", None),
    ("officer", Some("cb.snv.tccb.02")),
    ("reviewer", Some("gd.snv")),
    ("admin", Some("admin")),
    ("committee", Some("bcd")),
    ("auditor", Some("thanhtra")),
];

/// A server function, its arguments, and who may call it (in the order of [`WHO`]).
type Row<'a> = (&'a str, Vec<(&'a str, &'a str)>, [bool; 6]);

const ALL: [bool; 6] = [true; 6];
const SIGNED_IN: [bool; 6] = [false, true, true, true, true, true];
const ADMIN: [bool; 6] = [false, false, false, true, false, false];
const ADMIN_AUDITOR: [bool; 6] = [false, false, false, true, false, true];
const OFFICER: [bool; 6] = [false, true, false, false, false, false];
const REVIEWER: [bool; 6] = [false, false, true, false, false, false];
const OWNER_REVIEWER_AUDITOR: [bool; 6] = [false, true, true, false, false, true];
const SCORE_READERS: [bool; 6] = [false, true, true, false, true, true];
const CONFIG_READERS: [bool; 6] = [false, false, false, true, true, true];
const COMMITTEE: [bool; 6] = [false, false, false, false, true, false];
const ADMIN_COMMITTEE: [bool; 6] = [false, false, false, true, true, false];
/// Reading configuration and every officer's score.
const COMMITTEE_AUDITOR: [bool; 6] = [false, false, false, false, true, true];
/// The closing page: heads of units, administrators, the committee, auditors.
const CLOSING_READERS: [bool; 6] = [false, false, true, true, true, true];
const REVIEWER_COMMITTEE: [bool; 6] = [false, false, true, false, true, false];
/// Classification lists: heads (their agencies), the committee, auditors.
const REVIEWER_COMMITTEE_AUDITOR: [bool; 6] = [false, false, true, false, true, true];

/// Seeds the demo province and signs in one browser per column of [`WHO`].
async fn demo_with_everyone_signed_in(app: &TestApp) -> Vec<reqwest::Client> {
    seed::seed_demo_if_empty(&app.db.db, &common::seed_pool())
        .await
        .expect("seed");
    let mut clients = Vec::new();
    for (_, login) in WHO {
        clients.push(match login {
            Some(u) => app.signed_in(u, DEMO_PASSWORD).await,
            None => app.browser(),
        });
    }
    clients
}

async fn user_id(app: &TestApp, username: &str) -> i32 {
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(&app.db.db)
        .await
        .expect("user")
        .unwrap_or_else(|| panic!("{username} missing"))
        .id
}

async fn unit_id(app: &TestApp, code: &str) -> i32 {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(&app.db.db)
        .await
        .expect("unit")
        .unwrap_or_else(|| panic!("unit {code} missing"))
        .id
}

async fn entry_of(app: &TestApp, officer: i32, status: &str) -> wle::Model {
    wle::Entity::find()
        .filter(wle::Column::OfficerId.eq(officer))
        .filter(wle::Column::Status.eq(status))
        .order_by_asc(wle::Column::Id)
        .one(&app.db.db)
        .await
        .expect("entry")
        .unwrap_or_else(|| panic!("officer {officer} has no {status} entry"))
}

async fn scored_period(app: &TestApp) -> String {
    let scored = period_score::Entity::find()
        .one(&app.db.db)
        .await
        .expect("score")
        .expect("the demo scores a month");
    period::Entity::find_by_id(scored.period_id)
        .one(&app.db.db)
        .await
        .expect("period")
        .expect("period row")
        .code
}

#[tokio::test]
async fn every_server_function_and_page_has_its_rule_and_object_access_holds() {
    for backend in backends() {
        let app = TestApp::spawn(&backend).await;
        let name = backend.name();
        let clients = demo_with_everyone_signed_in(&app).await;

        let officer = user_id(&app, "cb.snv.tccb.02").await;
        let admin = user_id(&app, "admin").await;
        let entry = entry_of(&app, officer, "approved").await;
        let period = scored_period(&app).await;
        let stale_pick = format!("{}:9999", entry.id);
        let agency = unit_id(&app, "snv").await.to_string();
        let (officer_s, admin_s, entry_s) =
            (officer.to_string(), admin.to_string(), entry.id.to_string());

        // (server function, arguments, who may call it). Writes are sent with a stale
        // lock version or invalid input, so an allowed call is refused by the service
        // after the gate and changes nothing.
        let matrix: Vec<Row> = vec![
            ("home_stats", vec![], ALL),
            ("province_overview", vec![], ALL),
            ("current_user", vec![], ALL),
            ("has_admin", vec![], ALL),
            (
                "sign_in",
                vec![("username", "khong.co.ai"), ("password", "sai-mat-khau-1")],
                ALL,
            ),
            (
                "activate_account",
                vec![
                    ("username", "khong.co.ai"),
                    ("code", "AAAA-BBBB-CCCC"),
                    ("password", "Song-Cai-2-dong"),
                    ("confirm", "Song-Cai-2-dong"),
                ],
                ALL,
            ),
            (
                "change_password",
                vec![
                    ("current", "sai-hien-tai-1"),
                    ("new", "Song-Cai-2-dong"),
                    ("confirm", "Song-Cai-2-dong"),
                ],
                SIGNED_IN,
            ),
            (
                "list_users",
                vec![("query", ""), ("page", "0")],
                ADMIN_AUDITOR,
            ),
            ("get_user", vec![("id", &officer_s)], ADMIN_AUDITOR),
            ("user_form_options", vec![], ADMIN_AUDITOR),
            ("create_user", vec![("input[username]", "x")], ADMIN),
            (
                "update_user",
                vec![("id", &officer_s), ("input[full_name]", "")],
                ADMIN,
            ),
            (
                "reset_user_password",
                vec![("id", &officer_s), ("password", "123")],
                ADMIN,
            ),
            (
                "set_user_active",
                vec![("id", &admin_s), ("active", "false")],
                ADMIN,
            ),
            ("confirm_password_reset", vec![("id", &admin_s)], ADMIN),
            ("audit_events", vec![("page", "0")], ADMIN_AUDITOR),
            ("verify_audit", vec![], ADMIN_AUDITOR),
            ("work_entry", vec![("id", &entry_s)], OWNER_REVIEWER_AUDITOR),
            (
                "submit_work_entry",
                vec![("id", &entry_s), ("lock_version", "9999")],
                OFFICER,
            ),
            (
                "delete_work_entry",
                vec![("id", &entry_s), ("lock_version", "9999")],
                OFFICER,
            ),
            (
                "approve_work_entry",
                vec![("id", &entry_s), ("lock_version", "9999")],
                REVIEWER,
            ),
            (
                "return_work_entry",
                vec![
                    ("id", &entry_s),
                    ("lock_version", "9999"),
                    ("reason", "Thiếu số văn bản"),
                ],
                REVIEWER,
            ),
            (
                "officer_score",
                vec![("officer_id", &officer_s), ("period", &period)],
                SCORE_READERS,
            ),
            ("my_diary", vec![("period", &period)], OFFICER),
            ("add_work_entry", vec![("form[work_date]", "x")], OFFICER),
            (
                "update_work_entry",
                vec![
                    ("id", &entry_s),
                    ("lock_version", "9999"),
                    ("form[work_date]", "x"),
                ],
                OFFICER,
            ),
            ("submit_diary", vec![("from", "x"), ("to", "x")], OFFICER),
            (
                "my_practice",
                vec![("period", &period), ("general", "")],
                OFFICER,
            ),
            (
                "add_practice_entry",
                vec![("form[work_date]", "x")],
                OFFICER,
            ),
            ("submit_practice", vec![("period", "x")], OFFICER),
            ("delete_practice_entry", vec![("id", "x")], OFFICER),
            ("clear_practice", vec![], OFFICER),
            ("my_score", vec![("period", &period)], OFFICER),
            (
                "score_explanation",
                vec![("officer_id", &officer_s), ("period", &period)],
                SCORE_READERS,
            ),
            ("formula_source", vec![("id", "1")], SIGNED_IN),
            (
                "review_queue",
                vec![("officer", ""), ("from", ""), ("to", "")],
                REVIEWER,
            ),
            (
                "approve_work_entries",
                vec![("bulk[entries][]", &stale_pick)],
                REVIEWER,
            ),
            (
                "record_findings",
                vec![
                    ("id", &entry_s),
                    ("lock_version", "9999"),
                    ("quality_failures", "0"),
                    ("delays", "0"),
                ],
                REVIEWER,
            ),
            (
                "unit_board",
                vec![("unit", &agency), ("period", &period)],
                REVIEWER,
            ),
            (
                "save_general_points",
                vec![
                    ("form[officer_id]", &officer_s),
                    ("form[period]", &period),
                    ("form[general]", "25"),
                    ("form[lock_version]", "9999"),
                ],
                REVIEWER,
            ),
            (
                "score_unit",
                vec![("unit", &agency), ("period", "khong-phai-ky")],
                REVIEWER,
            ),
            (
                "approve_unit",
                vec![("unit", &agency), ("period", "khong-phai-ky")],
                REVIEWER,
            ),
            (
                "map_off_catalog",
                vec![
                    ("id", &entry_s),
                    ("lock_version", "9999"),
                    ("catalog_item_id", "x"),
                    ("quantity", "1"),
                ],
                REVIEWER,
            ),
            (
                "reject_work_entry",
                vec![
                    ("id", &entry_s),
                    ("lock_version", "9999"),
                    ("reason", "Không thuộc nhiệm vụ"),
                ],
                REVIEWER,
            ),
            (
                "file_appeal",
                vec![("period", &period), ("entry_id", ""), ("comment", " ")],
                OFFICER,
            ),
            (
                "answer_appeal",
                vec![
                    ("form[appeal_id]", "999999"),
                    ("form[lock_version]", "0"),
                    ("form[decision]", "rejected"),
                    ("form[answer]", "Không có căn cứ"),
                ],
                REVIEWER,
            ),
            ("list_positions", vec![("query", "")], CONFIG_READERS),
            ("get_position", vec![("id", "1")], CONFIG_READERS),
            (
                "new_job_description_draft",
                vec![("position_id", "999999")],
                ADMIN,
            ),
            (
                "save_job_description",
                vec![("form[version_id]", "x"), ("form[lock_version]", "0")],
                ADMIN,
            ),
            (
                "submit_job_description",
                vec![("id", "999999"), ("lock_version", "0")],
                ADMIN,
            ),
            (
                "approve_job_description",
                vec![
                    ("id", "999999"),
                    ("lock_version", "0"),
                    ("decision_no", "12/QĐ-SNV"),
                    ("effective_from", "2026-01-01"),
                ],
                ADMIN,
            ),
            (
                "return_job_description",
                vec![
                    ("id", "999999"),
                    ("lock_version", "0"),
                    ("reason", "Thiếu định mức"),
                ],
                ADMIN,
            ),
            (
                "import_catalog",
                vec![
                    ("id", "999999"),
                    ("lock_version", "0"),
                    ("text", "B01;B;Góp ý;văn bản;120;2;có"),
                ],
                ADMIN,
            ),
            ("list_rule_sets", vec![], CONFIG_READERS),
            ("get_rule_version", vec![("id", "999999")], CONFIG_READERS),
            (
                "check_rule_script",
                vec![("id", "999999"), ("script", "fn score(o, p, q) {")],
                ADMIN,
            ),
            ("run_rule_checks", vec![("id", "999999")], ADMIN_COMMITTEE),
            (
                "save_rule_draft",
                vec![
                    ("form[id]", "999999"),
                    ("form[lock_version]", "0"),
                    ("form[script]", "fn score(o, p, q) { 1 }"),
                ],
                ADMIN,
            ),
            ("new_rule_draft", vec![("id", "999999")], ADMIN),
            ("formula_choices", vec![], ADMIN),
            (
                "create_formula",
                vec![
                    ("target", "vi-tri"),
                    ("id", "999999"),
                    ("template", "mac-dinh"),
                ],
                ADMIN,
            ),
            ("propose_boundary_cases", vec![("id", "999999")], ADMIN),
            (
                "accept_boundary_cases",
                vec![("id", "999999"), ("lock_version", "0")],
                ADMIN,
            ),
            (
                "submit_rule_version",
                vec![("id", "999999"), ("lock_version", "0")],
                ADMIN,
            ),
            (
                "try_rule_version",
                vec![("id", "999999"), ("officer_id", "1"), ("period", "2099-01")],
                COMMITTEE_AUDITOR,
            ),
            (
                "explain_simulation_change",
                vec![("id", "999999"), ("officer_id", "1")],
                COMMITTEE_AUDITOR,
            ),
            (
                "start_simulation",
                vec![("id", "999999"), ("period", "2099-01")],
                ADMIN_COMMITTEE,
            ),
            ("get_simulation", vec![("id", "999999")], CONFIG_READERS),
            (
                "approve_rule_version",
                vec![("id", "999999"), ("lock_version", "0"), ("note", "Đồng ý")],
                COMMITTEE,
            ),
            (
                "return_rule_version",
                vec![
                    ("id", "999999"),
                    ("lock_version", "0"),
                    ("reason", "Chưa rõ"),
                ],
                COMMITTEE,
            ),
            (
                "activate_rule_version",
                vec![
                    ("id", "999999"),
                    ("lock_version", "0"),
                    ("set_lock_version", "0"),
                    ("effective_from", "2099-01-01"),
                ],
                COMMITTEE,
            ),
            (
                "retire_rule_version",
                vec![("id", "999999"), ("lock_version", "0")],
                COMMITTEE,
            ),
            ("rescore_period", vec![("period", "1999-01")], COMMITTEE),
            ("closing_board", vec![("period", "")], CLOSING_READERS),
            ("my_notifications", vec![("page", "1")], SIGNED_IN),
            ("admin_home", vec![], ADMIN),
            (
                "dashboard",
                vec![("period", ""), ("agency", "")],
                CONFIG_READERS,
            ),
            (
                "classification_list",
                vec![("period", ""), ("agency", "")],
                REVIEWER_COMMITTEE_AUDITOR,
            ),
            ("unread_notifications", vec![], SIGNED_IN),
            ("mark_notifications_read", vec![], SIGNED_IN),
            ("guide_state", vec![("guide", "officer")], SIGNED_IN),
            ("dismiss_guide", vec![("guide", "officer")], SIGNED_IN),
            ("set_digest_email", vec![("email", "")], SIGNED_IN),
            ("unit_delegations", vec![("unit", &agency)], REVIEWER),
            (
                "delegate_unit",
                vec![("form[unit]", &agency), ("form[starts_on]", "khong")],
                REVIEWER,
            ),
            (
                "revoke_delegation",
                vec![("unit", &agency), ("id", "999999")],
                REVIEWER,
            ),
            (
                "set_period_deadlines",
                vec![("form[period]", "khong-phai-ky")],
                ADMIN,
            ),
            (
                "close_agency",
                vec![("agency", &agency), ("period", "khong-phai-ky")],
                REVIEWER,
            ),
            (
                "reopen_agency",
                vec![
                    ("agency", &agency),
                    ("period", "khong-phai-ky"),
                    ("reason", "Sai sót"),
                ],
                REVIEWER_COMMITTEE,
            ),
            (
                "reopen_unit_period",
                vec![
                    ("unit", &agency),
                    ("period", "khong-phai-ky"),
                    ("reason", "Sai sót"),
                ],
                REVIEWER,
            ),
            (
                "publish_period",
                vec![("period", "khong-phai-ky"), ("lock_version", "0")],
                COMMITTEE,
            ),
            (
                "reopen_period",
                vec![
                    ("period", "khong-phai-ky"),
                    ("lock_version", "0"),
                    ("reason", "Sai sót"),
                ],
                COMMITTEE,
            ),
            ("get_job", vec![("id", "999999")], CONFIG_READERS),
            ("list_imports", vec![], ADMIN),
            ("get_import", vec![("id", "999999")], ADMIN),
            ("apply_import", vec![("id", "999999")], ADMIN),
            ("cancel_job", vec![("id", "999999")], ADMIN_COMMITTEE),
            ("list_units", vec![], ADMIN),
            ("list_api_clients", vec![], ADMIN),
            (
                "create_api_client",
                vec![("name", ""), ("agency", "khong-co")],
                ADMIN,
            ),
            (
                "issue_api_token",
                vec![
                    ("client_id", "999999"),
                    ("name", "x"),
                    ("scopes[]", "org:read"),
                    ("days", "30"),
                ],
                ADMIN,
            ),
            ("revoke_api_token", vec![("id", "999999")], ADMIN),
            ("unit_head_candidates", vec![("id", "999999")], ADMIN),
            ("create_unit", vec![("input[code]", "")], ADMIN),
            (
                "rename_unit",
                vec![("id", "999999"), ("name", "Phòng mới")],
                ADMIN,
            ),
            (
                "move_unit",
                vec![("id", "999999"), ("parent_id", &agency)],
                ADMIN,
            ),
            (
                "close_unit",
                vec![("id", "999999"), ("closed_on", "2026-01-01")],
                ADMIN,
            ),
            ("reopen_unit", vec![("id", "999999")], ADMIN),
            (
                "add_unit_head",
                vec![("id", "999999"), ("username", "khong.co.ai")],
                ADMIN,
            ),
            (
                "remove_unit_head",
                vec![("id", "999999"), ("user_id", &officer_s)],
                ADMIN,
            ),
            ("get_position_setup", vec![("id", "999999")], ADMIN),
            ("create_position", vec![("input[code]", "")], ADMIN),
            (
                "update_position",
                vec![("id", "999999"), ("input[name]", "")],
                ADMIN,
            ),
            // Last: it ends the sessions above.
            ("sign_out", vec![], ALL),
        ];

        // Every registered server function is in the matrix, and nothing else is.
        let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path.trim_start_matches("/api/").to_string())
            .collect();
        let listed: BTreeSet<String> = matrix.iter().map(|(f, ..)| f.to_string()).collect();
        assert_eq!(
            registered, listed,
            "server functions and the permission matrix differ: add the new function to the matrix"
        );

        let mut failures = Vec::new();
        for (function, args, allowed) in &matrix {
            for (i, (role, _)) in WHO.iter().enumerate() {
                let answer: Answer = call(&clients[i], app.addr, function, args).await;
                if answer.refused() == allowed[i] || answer.status.as_u16() == 400 {
                    failures.push(format!(
                        "{function} as {role}: expected {}, got {} {}",
                        if allowed[i] { "allow" } else { "deny" },
                        answer.status,
                        answer.body
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
        // Nothing the allowed writes were sent with changed the entry.
        let after = wle::Entity::find_by_id(entry.id)
            .one(&app.db.db)
            .await
            .expect("entry");
        assert_eq!(after.as_ref(), Some(&entry), "{name}");

        app.stop().await;
    }
}

#[tokio::test]
async fn every_page_has_its_rule() {
    for backend in backends().into_iter().take(1) {
        let app = TestApp::spawn(&backend).await;
        let clients = demo_with_everyone_signed_in(&app).await;
        let officer = user_id(&app, "cb.snv.tccb.02").await.to_string();

        // Expected status per column: 200 open, 303 to sign-in, 403 forbidden.
        let pages: Vec<(&str, [u16; 6])> = vec![
            ("/", [200; 6]),
            ("/dang-nhap", [200; 6]),
            ("/kich-hoat", [200; 6]),
            ("/doi-mat-khau", [303, 200, 200, 200, 200, 200]),
            ("/can-bo", [303, 200, 403, 403, 403, 403]),
            ("/can-bo/diem", [303, 200, 403, 403, 403, 403]),
            ("/can-bo/thuc-hanh", [303, 200, 403, 403, 403, 403]),
            ("/cong-thuc/{id}", [303, 200, 200, 200, 200, 200]),
            ("/duyet", [303, 403, 200, 403, 403, 403]),
            ("/don-vi", [303, 403, 200, 403, 403, 403]),
            ("/chot-ky", [303, 403, 200, 200, 200, 200]),
            ("/thong-bao", [303, 200, 200, 200, 200, 200]),
            ("/thuat-ngu", [200; 6]),
            ("/quyen-rieng-tu", [200; 6]),
            ("/tro-giup", [303, 200, 200, 200, 200, 200]),
            ("/don-vi/can-bo/{id}", [303, 403, 200, 403, 200, 200]),
            ("/quan-tri", [303, 403, 403, 200, 403, 403]),
            ("/quan-tri/nguoi-dung", [303, 403, 403, 200, 403, 200]),
            ("/quan-tri/nguoi-dung/moi", [303, 403, 403, 200, 403, 403]),
            ("/quan-tri/cong-thuc", [303, 403, 403, 200, 200, 200]),
            ("/quan-tri/cong-thuc/{id}", [303, 403, 403, 200, 200, 200]),
            (
                "/quan-tri/cong-thuc/mo-phong/{id}",
                [303, 403, 403, 200, 200, 200],
            ),
            ("/quan-tri/to-chuc", [303, 403, 403, 200, 403, 403]),
            ("/quan-tri/don-vi", [303, 403, 403, 200, 403, 403]),
            ("/quan-tri/ket-noi", [303, 403, 403, 200, 403, 403]),
            (
                "/quan-tri/to-chuc/nhap/{id}",
                [303, 403, 403, 200, 403, 403],
            ),
            ("/quan-tri/vi-tri", [303, 403, 403, 200, 200, 200]),
            ("/quan-tri/vi-tri/{id}", [303, 403, 403, 200, 200, 200]),
            ("/quan-tri/nguoi-dung/{id}", [303, 403, 403, 200, 403, 200]),
            ("/ban-chi-dao", [303, 403, 403, 200, 200, 200]),
            ("/bao-cao/xep-loai", [303, 403, 200, 403, 200, 200]),
            ("/phieu-danh-gia/{id}", [303, 200, 200, 403, 200, 200]),
            ("/thanh-tra", [303, 403, 403, 200, 403, 200]),
        ];
        let routes: BTreeSet<String> = leptos_axum::generate_route_list(app::App)
            .iter()
            .map(|r| r.path().to_string())
            .collect();
        let listed: BTreeSet<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(
            routes, listed,
            "routes and the page matrix differ: add the new page"
        );
        for (path, _) in &pages {
            assert!(
                app::authz::PAGES.iter().any(|p| path.starts_with(p.path)),
                "{path} has no rule in authz::PAGES"
            );
        }

        let mut failures = Vec::new();
        for (path, expected) in &pages {
            let url = app.url(&path.replace("{id}", &officer));
            for (i, (role, _)) in WHO.iter().enumerate() {
                let res = clients[i].get(&url).send().await.expect("get");
                let status = res.status().as_u16();
                let location = res
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                if status != expected[i]
                    || (status == 303 && !location.starts_with("/dang-nhap?next="))
                {
                    failures.push(format!(
                        "{path} as {role}: expected {}, got {status} {location}",
                        expected[i]
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // The navigation each role sees is rendered by the server.
        let html = clients[5]
            .get(app.url("/"))
            .send()
            .await
            .expect("home")
            .text()
            .await
            .expect("html");
        let nav = html
            .split("data-testid=\"main-nav\"")
            .nth(1)
            .and_then(|rest| rest.split("</nav>").next())
            .expect("the main navigation");
        assert!(nav.contains("href=\"/thanh-tra\""), "auditor navigation");
        assert!(
            !nav.contains("href=\"/quan-tri\""),
            "auditor must not see administration"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn officers_and_reviewers_reach_only_their_own_records() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let a = user_id(&app, "cb.snv.tccb.02").await;
        let b = user_id(&app, "cb.stc.ns.03").await;
        let head = user_id(&app, "tp.snv.tccb").await;
        let period = scored_period(&app).await;
        let officer_a = app.signed_in("cb.snv.tccb.02", DEMO_PASSWORD).await;
        let reviewer_tccb = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;

        // Officer A and officer B's entries and scores, by id.
        let b_entry = entry_of(&app, b, "approved").await;
        let (id, lock) = (b_entry.id.to_string(), b_entry.lock_version.to_string());
        for (function, args) in [
            ("work_entry", vec![("id", id.as_str())]),
            (
                "submit_work_entry",
                vec![("id", &id), ("lock_version", &lock)],
            ),
            (
                "delete_work_entry",
                vec![("id", &id), ("lock_version", &lock)],
            ),
            (
                "officer_score",
                vec![("officer_id", &b.to_string()), ("period", &period)],
            ),
        ] {
            let answer = call(&officer_a, app.addr, function, &args).await;
            assert_eq!(
                answer.status, 403,
                "{name}: officer A {function} on B: {answer:?}"
            );
            assert!(answer.body.contains("Forbidden"), "{name}: {answer:?}");
        }
        let untouched = wle::Entity::find_by_id(b_entry.id)
            .one(&app.db.db)
            .await
            .expect("entry");
        assert_eq!(
            untouched.as_ref(),
            Some(&b_entry),
            "{name}: B's entry must be unchanged"
        );
        let own = call(
            &officer_a,
            app.addr,
            "officer_score",
            &[("officer_id", &a.to_string()), ("period", &period)],
        )
        .await;
        assert_eq!(own.status, 200, "{name}: {own:?}");
        let own_entry = entry_of(&app, a, "approved").await;
        let own_read = call(
            &officer_a,
            app.addr,
            "work_entry",
            &[("id", &own_entry.id.to_string())],
        )
        .await;
        assert_eq!(own_read.status, 200, "{name}: {own_read:?}");

        // The head of snv/tccb cannot touch snv/cchc's or stc's entries, nor approve their own.
        let other_unit = entry_of(&app, b, "submitted").await;
        let other_unit_args = [
            ("id", other_unit.id.to_string()),
            ("lock_version", other_unit.lock_version.to_string()),
        ];
        let args: Vec<(&str, &str)> = other_unit_args
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect();
        for function in ["approve_work_entry", "work_entry"] {
            let answer = call(&reviewer_tccb, app.addr, function, &args).await;
            assert_eq!(
                answer.status, 403,
                "{name}: reviewer {function} in another unit: {answer:?}"
            );
        }
        let pick = format!("{}:{}", other_unit.id, other_unit.lock_version);
        let bulk = call(
            &reviewer_tccb,
            app.addr,
            "approve_work_entries",
            &[("bulk[entries][]", &pick)],
        )
        .await;
        assert_eq!(
            bulk.status, 403,
            "{name}: bulk approval in another unit: {bulk:?}"
        );
        let mut with_reason = args.clone();
        with_reason.push(("reason", "Không thuộc đơn vị"));
        let answer = call(&reviewer_tccb, app.addr, "return_work_entry", &with_reason).await;
        assert_eq!(answer.status, 403, "{name}: {answer:?}");
        let sibling_unit = user_id(&app, "cb.snv.cchc.03").await;
        let sibling = call(
            &reviewer_tccb,
            app.addr,
            "officer_score",
            &[
                ("officer_id", &sibling_unit.to_string()),
                ("period", &period),
            ],
        )
        .await;
        assert_eq!(
            sibling.status, 403,
            "{name}: a department head reads only their department"
        );

        // Nor reads, scores, approves or enters points for a sibling department.
        let cchc = unit_id(&app, "snv/cchc").await.to_string();
        let sibling_s = sibling_unit.to_string();
        for (function, args) in [
            (
                "unit_board",
                vec![("unit", cchc.as_str()), ("period", &period)],
            ),
            ("score_unit", vec![("unit", &cchc), ("period", &period)]),
            ("approve_unit", vec![("unit", &cchc), ("period", &period)]),
            (
                "save_general_points",
                vec![
                    ("form[officer_id]", sibling_s.as_str()),
                    ("form[period]", &period),
                    ("form[general]", "25"),
                    ("form[lock_version]", "0"),
                ],
            ),
        ] {
            let answer = call(&reviewer_tccb, app.addr, function, &args).await;
            assert_eq!(
                answer.status, 403,
                "{name}: department head {function} on a sibling: {answer:?}"
            );
        }

        let own_submitted = wle::Entity::find()
            .filter(wle::Column::OfficerId.eq(head))
            .filter(wle::Column::Status.eq("submitted"))
            .one(&app.db.db)
            .await
            .expect("entry");
        if let Some(e) = own_submitted {
            let answer = call(
                &reviewer_tccb,
                app.addr,
                "approve_work_entry",
                &[
                    ("id", &e.id.to_string()),
                    ("lock_version", &e.lock_version.to_string()),
                ],
            )
            .await;
            assert_eq!(
                answer.status, 403,
                "{name}: a reviewer approves their own entry: {answer:?}"
            );
        }

        // …but approves a submitted entry of their own department.
        let mine = entry_of(&app, a, "submitted").await;
        let answer = call(
            &reviewer_tccb,
            app.addr,
            "approve_work_entry",
            &[
                ("id", &mine.id.to_string()),
                ("lock_version", &mine.lock_version.to_string()),
            ],
        )
        .await;
        assert_eq!(answer.status, 200, "{name}: {answer:?}");
        let approved: serde_json::Value = answer.json();
        assert_eq!(approved["status"], "approved", "{name}");
        // The agency director reviews the department below.
        let director = app.signed_in("gd.snv", DEMO_PASSWORD).await;
        let read = call(
            &director,
            app.addr,
            "work_entry",
            &[("id", &mine.id.to_string())],
        )
        .await;
        assert_eq!(read.status, 200, "{name}: {read:?}");
        app.stop().await;
    }
}
