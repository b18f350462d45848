//! Loading a province from its workbook, on SQLite and PostgreSQL: the template applied to
//! an empty database, applied again (no change), exported and imported back (no change);
//! every kind of bad cell named with nothing written; formula cells neutralised on export;
//! the `rubric import org` / `rubric export org` commands.

use crate::common;

use app::i18n::Locale;
use app::models::{CellProblem, ImportReport, OrgSheet, PlanAct};
use app::ssr::entities::{activation_code, audit_event, unit, user, user_role};
use app::ssr::services::audit::Actor;
use app::ssr::services::onboarding;
use common::{backends, TestDb};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn admin() -> Actor {
    Actor::system("test import")
}

async fn counts(db: &sea_orm::DatabaseConnection) -> (u64, u64, u64, u64) {
    (
        unit::Entity::find().count(db).await.expect("units"),
        user::Entity::find().count(db).await.expect("users"),
        user_role::Entity::find().count(db).await.expect("roles"),
        app::ssr::entities::catalog_item::Entity::find()
            .count(db)
            .await
            .expect("items"),
    )
}

/// Asserts that every `(row, column, problem)` is among the report's errors.
fn assert_named(name: &str, report: &ImportReport, expected: Vec<(u32, &str, CellProblem)>) {
    let problems: Vec<(u32, Option<String>, CellProblem)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.column.clone(), e.problem.clone()))
        .collect();
    for (row, column, problem) in expected {
        let expected = (row, Some(column.to_string()), problem);
        assert!(
            problems.contains(&expected),
            "{name}: {expected:?} not in {problems:?}"
        );
    }
}

/// A fresh database with the template loaded.
async fn loaded_template(backend: &common::Backend) -> TestDb {
    let t = TestDb::new(backend).await;
    let template = onboarding::template().await.expect("template");
    onboarding::apply(&t.db, &admin(), template, Default::default())
        .await
        .expect("load the template");
    t
}

/// A CSV sheet: the header of `sheet` and the rows, `;`-separated.
fn csv(sheet: OrgSheet, rows: &[&str]) -> Vec<u8> {
    let mut s = sheet.columns().join(";");
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.into_bytes()
}

#[tokio::test]
async fn the_template_loads_and_loading_it_again_or_its_export_changes_nothing() {
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let template = onboarding::template().await.expect("template");

        let dry = onboarding::dry_run(&t.db, &admin(), template.clone(), Default::default())
            .await
            .expect("dry run");
        assert!(dry.errors.is_empty(), "{name}: {:?}", dry.errors);
        // 3 units, 2 positions, 2 catalogs, 2 people.
        assert_eq!(
            (dry.create, dry.change, dry.deactivate),
            (9, 0, 0),
            "{name}"
        );
        assert_eq!(
            counts(&t.db).await,
            (0, 0, 0, 0),
            "{name}: a dry run writes nothing"
        );

        let applied = onboarding::apply(&t.db, &admin(), template.clone(), Default::default())
            .await
            .expect("apply");
        assert!(applied.applied, "{name}: {:?}", applied.errors);
        assert_eq!(
            applied.counts_line(),
            "create 9, change 0, deactivate 0, errors 0"
        );
        assert_eq!(
            applied.activations.len(),
            2,
            "{name}: one code per new person"
        );
        let codes = activation_code::Entity::find()
            .all(&t.db)
            .await
            .expect("codes");
        assert_eq!(codes.len(), 2, "{name}");
        assert!(
            codes
                .iter()
                .all(|c| !applied.activations.iter().any(|a| a.code == c.code_hash)),
            "{name}: codes are stored hashed"
        );
        let new_people = user::Entity::find().all(&t.db).await.expect("users");
        assert!(
            new_people.iter().all(|u| u.password_hash.is_none()),
            "{name}: nobody gets a shared password"
        );
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("org.import"))
            .count(&t.db)
            .await
            .expect("audit");
        assert_eq!(audited, 1, "{name}");
        let loaded = counts(&t.db).await;

        let again = onboarding::apply(&t.db, &admin(), template, Default::default())
            .await
            .expect("again");
        assert_eq!(
            again.counts_line(),
            "create 0, change 0, deactivate 0, errors 0",
            "{name}: {:?}",
            again.lines
        );
        assert_eq!(counts(&t.db).await, loaded, "{name}");

        let exported = onboarding::export(&t.db).await.expect("export");
        let back = onboarding::apply(&t.db, &admin(), exported, Default::default())
            .await
            .expect("round trip");
        assert_eq!(
            back.counts_line(),
            "create 0, change 0, deactivate 0, errors 0",
            "{name}: {:?} {:?}",
            back.lines,
            back.errors
        );
        assert_eq!(counts(&t.db).await, loaded, "{name}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn every_kind_of_bad_cell_is_named_and_nothing_is_written() {
    for backend in backends() {
        let name = backend.name();
        let t = loaded_template(&backend).await;
        let before = counts(&t.db).await;

        let units = csv(
            OrgSheet::Units,
            &[
                "x1;Đơn vị một;Cơ quan;x2;",
                "x2;Đơn vị hai;Cơ quan;x1;",
                "x3;Đơn vị ba;Xã;tinh;",
                "x4;Đơn vị bốn;Phòng;khong-co;31/02/2026",
                "x1;Trùng mã;Phòng;tinh;",
            ],
        );
        let report = onboarding::apply(&t.db, &admin(), units, Default::default())
            .await
            .expect("units");
        assert!(!report.applied, "{name}");
        assert_named(
            name,
            &report,
            vec![
                (4, "Loại", CellProblem::BadUnitKind("Xã".into())),
                (
                    5,
                    "Ngày giải thể",
                    CellProblem::BadDate("31/02/2026".into()),
                ),
                (6, "Mã", CellProblem::Duplicate("x1".into())),
            ],
        );

        // Cells well formed, but against the records: a cycle, an unknown parent.
        let tree = csv(
            OrgSheet::Units,
            &[
                "x1;Đơn vị một;Cơ quan;x2;",
                "x2;Đơn vị hai;Cơ quan;x1;",
                "x4;Bốn;Phòng;khong-co;",
            ],
        );
        let report = onboarding::dry_run(&t.db, &admin(), tree, Default::default())
            .await
            .expect("tree");
        let problems: Vec<&CellProblem> = report.errors.iter().map(|e| &e.problem).collect();
        assert!(
            problems.contains(&&CellProblem::Cycle("x1".into())),
            "{name}: {problems:?}"
        );
        assert!(
            problems.contains(&&CellProblem::UnknownUnit("khong-co".into())),
            "{name}: {problems:?}"
        );

        let people = csv(
            OrgSheet::People,
            &[
                "cv.moi;Người Mới;NS-9;khong-co;CV-TCCB;Cán bộ;;có",
                "cv.moi;Trùng Tên;NS-10;snv/tccb;CV-TCCB;Cán bộ;;có",
                "tp.moi;Trưởng Mới;;snv/tccb;TP-TCCB;Trưởng đơn vị;;có",
                "x.moi;Vai Lạ;;snv/tccb;CV-TCCB;Giám đốc;;có",
                "y.moi;Không Vị Trí;;snv/tccb;VT-KHONG-CO;Cán bộ;;có",
                "z.moi;Người Khác;NS-0001;snv/tccb;CV-TCCB;Cán bộ;;có",
                "tp.tccb;Nguyễn Văn An;NS-0001;snv/tccb;TP-TCCB;Cán bộ, Trưởng đơn vị;snv/tccb;có",
                "cv.tccb.01;Trần Thị Bình;NS-0002;snv/tccb;CV-TCCB;Cán bộ;;có",
            ],
        );
        let report = onboarding::apply(&t.db, &admin(), people, Default::default())
            .await
            .expect("people");
        assert!(!report.applied, "{name}");
        assert_named(
            name,
            &report,
            vec![
                (2, "Đơn vị", CellProblem::UnknownUnit("khong-co".into())),
                (3, "Tên đăng nhập", CellProblem::Duplicate("cv.moi".into())),
                (4, "Đơn vị phụ trách", CellProblem::ReviewerNeedsUnits),
                (5, "Vai trò", CellProblem::UnknownRole("Giám đốc".into())),
                (
                    6,
                    "Vị trí việc làm",
                    CellProblem::UnknownPosition("VT-KHONG-CO".into()),
                ),
                (8, "Mã nhân sự", CellProblem::Duplicate("NS-0001".into())),
            ],
        );
        // Every error reads in both languages, naming the sheet, the row and the column.
        let first = &report.errors[0];
        assert!(
            first.text(Locale::Vi).starts_with("Nhân sự, dòng "),
            "{name}"
        );
        assert!(first.text(Locale::En).starts_with("People, row "), "{name}");

        // A position with officers and no catalog.
        let positions = csv(
            OrgSheet::Positions,
            &["VT-MOI;Vị trí mới;Hỗ trợ phục vụ;;snv"],
        );
        onboarding::apply(&t.db, &admin(), positions, Default::default())
            .await
            .expect("position")
            .applied
            .then_some(())
            .expect("the position alone is fine");
        let before = (before.0, before.1, before.2, before.3);
        let people = csv(
            OrgSheet::People,
            &[
                "tp.tccb;Nguyễn Văn An;NS-0001;snv/tccb;TP-TCCB;Cán bộ, Trưởng đơn vị;snv/tccb;có",
                "cv.tccb.01;Trần Thị Bình;;snv/tccb;CV-TCCB;Cán bộ;;có",
                "vt.moi;Người Mới;NS-3;snv/tccb;VT-MOI;Cán bộ;;có",
                "z.moi;Người Khác;NS-0002;snv/tccb;CV-TCCB;Cán bộ;;có",
            ],
        );
        let report = onboarding::apply(&t.db, &admin(), people, Default::default())
            .await
            .expect("people");
        assert_eq!(
            report
                .errors
                .iter()
                .map(|e| (e.row, e.problem.clone()))
                .collect::<Vec<_>>(),
            vec![
                (4, CellProblem::PositionWithoutCatalog("VT-MOI".into())),
                (5, CellProblem::PersonIdTaken("NS-0002".into())),
            ],
            "{name}"
        );
        assert_eq!(counts(&t.db).await, before, "{name}: nothing written");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn people_left_out_are_deactivated_and_a_formula_cell_comes_back_as_text() {
    for backend in backends() {
        let name = backend.name();
        let t = loaded_template(&backend).await;
        let hostile = "=HYPERLINK(\"http://x\",\"bấm\")";
        // The cell is quoted: its quotes are doubled, its comma stays inside.
        let row = format!(
            "tp.tccb;\"{}\";NS-0001;snv/tccb;TP-TCCB;Cán bộ, Trưởng đơn vị;snv/tccb;có",
            hostile.replace('"', "\"\"")
        );
        let people = csv(OrgSheet::People, &[&row]);
        // Left out alone, a person stays as they are …
        let partial = onboarding::dry_run(&t.db, &admin(), people.clone(), Default::default())
            .await
            .expect("dry run");
        assert_eq!(partial.deactivate, 0, "{name}: {:?}", partial.lines);
        // … unless the sheet is declared the whole staff list.
        let whole = onboarding::Options {
            deactivate_missing: true,
        };
        let report = onboarding::apply(&t.db, &admin(), people, whole)
            .await
            .expect("apply");
        assert!(report.applied, "{name}: {:?}", report.errors);
        assert_eq!(report.change, 1, "{name}: {:?}", report.lines);
        assert_eq!(report.deactivate, 1, "{name}: cv.tccb.01 is left out");
        let left = user::Entity::find()
            .filter(user::Column::Username.eq("cv.tccb.01"))
            .one(&t.db)
            .await
            .expect("user")
            .expect("kept, deactivated");
        assert!(!left.is_active, "{name}");
        let renamed = user::Entity::find()
            .filter(user::Column::Username.eq("tp.tccb"))
            .one(&t.db)
            .await
            .expect("user")
            .expect("user");
        assert_eq!(renamed.full_name, hostile, "{name}");

        let exported = onboarding::export(&t.db).await.expect("export");
        let again = onboarding::dry_run(&t.db, &admin(), exported, Default::default())
            .await
            .expect("round trip");
        assert_eq!(
            again.counts_line(),
            "create 0, change 0, deactivate 0, errors 0",
            "{name}: {:?}",
            again.lines
        );
        assert!(
            again.lines.iter().all(|l| l.act != PlanAct::Change),
            "{name}: the formula-looking name reads back as written"
        );
        t.cleanup().await;
    }
}

#[test]
fn the_command_line_names_bad_cells_and_exits_1() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}/r.db?mode=rwc", dir.path().display());
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_rubric"))
            .env("RUBRIC_DATABASE_URL", &url)
            .env("RUST_LOG", "warn")
            .args(args)
            .output()
            .expect("run")
    };
    assert!(run(&["migrate"]).status.success());
    let bad = dir.path().join("units.csv");
    std::fs::write(&bad, csv(OrgSheet::Units, &["a;A;Tỉnh;;", "b;B;Xã;a;"])).expect("write");
    let out = run(&["import", "org", bad.to_str().expect("path"), "--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("Đơn vị, dòng 3, cột Loại"), "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("create 1, change 0, deactivate 0, errors 1")
    );

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        csv(OrgSheet::Units, &["a;A;Tỉnh;;", "b;B;Cơ quan;a;"]),
    )
    .expect("write");
    let out = run(&["import", "org", good.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let book = dir.path().join("org.xlsx");
    let out = run(&["export", "org", book.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["import", "org", book.to_str().expect("path"), "--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("create 0, change 0, deactivate 0, errors 0")
    );
}

/// A person the import created activates their account with the code, once; a wrong or
/// used code is refused with one message; then they sign in with their own password.
#[tokio::test]
async fn a_new_person_activates_with_the_code_once_and_signs_in() {
    for backend in backends() {
        let name = backend.name();
        let app = common::TestApp::spawn(&backend).await;
        let report = onboarding::apply(
            &app.db.db,
            &admin(),
            onboarding::template().await.expect("t"),
            Default::default(),
        )
        .await
        .expect("import");
        let code = report
            .activations
            .iter()
            .find(|a| a.username == "cv.tccb.01")
            .expect("a code for cv.tccb.01")
            .code
            .clone();
        let browser = app.browser();
        let attempt = |code: String| {
            let browser = browser.clone();
            let addr = app.addr;
            async move {
                common::call(
                    &browser,
                    addr,
                    "activate_account",
                    &[
                        ("username", "cv.tccb.01"),
                        ("code", &code),
                        ("password", "Mot cau de nho 2026"),
                        ("confirm", "Mot cau de nho 2026"),
                    ],
                )
                .await
            }
        };
        let wrong = attempt("AAAA-BBBB-CCCC".into()).await;
        assert_eq!(wrong.status.as_u16(), 422, "{name}: {wrong:?}");
        let err: app::error::AppError = wrong.json();
        assert!(
            err.user_message(Locale::En).contains("activation code"),
            "{name}"
        );
        // Typed in lower case with spaces, as people do.
        let ok = attempt(code.to_lowercase().replace('-', " ")).await;
        assert!(ok.status.is_success(), "{name}: {ok:?}");
        let again = attempt(code.clone()).await;
        assert_eq!(again.status.as_u16(), 422, "{name}: a code works once");
        assert_eq!(
            activation_code::Entity::find()
                .count(&app.db.db)
                .await
                .expect("codes"),
            1,
            "{name}: the other person's code stays"
        );
        let _signed_in = app.signed_in("cv.tccb.01", "Mot cau de nho 2026").await;
        app.stop().await;
    }
}

/// The upload over HTTP: refused to visitors and officers before anything is read; an
/// administrator's upload is checked and kept, its page reports it, applying it returns the
/// codes once, and a second apply is refused.
#[tokio::test]
async fn an_upload_is_checked_kept_and_applied_once() {
    for backend in backends() {
        let name = backend.name();
        let app = common::TestApp::demo(&backend).await;
        let sheet = String::from_utf8(csv(
            OrgSheet::People,
            &["cb.tai.len;Người Tải Lên;NS-UP-1;snv/tccb;CV-TCCB;Cán bộ;;có"],
        ))
        .expect("utf8");
        let form = || {
            reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(sheet.clone().into_bytes())
                    .file_name("nhan-su.csv"),
            )
        };
        let post = |client: reqwest::Client| {
            let url = app.url("/api/to-chuc/nhap");
            let form = form();
            async move { client.post(url).multipart(form).send().await.expect("post") }
        };
        assert_eq!(post(app.browser()).await.status().as_u16(), 401, "{name}");
        let officer = app
            .signed_in("cb.snv.tccb.02", app::ssr::services::seed::DEMO_PASSWORD)
            .await;
        assert_eq!(post(officer).await.status().as_u16(), 403, "{name}");

        let admin = app
            .signed_in("admin", app::ssr::services::seed::DEMO_PASSWORD)
            .await;
        let res = post(admin.clone()).await;
        assert_eq!(res.status().as_u16(), 303, "{name}");
        let page = res
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .expect("location")
            .to_string();
        let id = page.rsplit('/').next().expect("id").to_string();
        assert!(
            page.starts_with("/quan-tri/to-chuc/nhap/"),
            "{name}: {page}"
        );
        let view: app::models::ImportView =
            common::call(&admin, app.addr, "get_import", &[("id", &id)])
                .await
                .json();
        assert_eq!(
            view.report.counts_line(),
            "create 1, change 0, deactivate 0, errors 0",
            "{name}"
        );
        assert!(
            view.report.activations.is_empty(),
            "{name}: a dry run hands out no code"
        );

        let applied: app::models::ImportReport =
            common::call(&admin, app.addr, "apply_import", &[("id", &id)])
                .await
                .json();
        assert!(applied.applied, "{name}");
        assert_eq!(applied.activations.len(), 1, "{name}");
        let again = common::call(&admin, app.addr, "apply_import", &[("id", &id)]).await;
        assert_eq!(again.status.as_u16(), 422, "{name}: applied once");
        let view: app::models::ImportView =
            common::call(&admin, app.addr, "get_import", &[("id", &id)])
                .await
                .json();
        assert!(view.brief.applied_at.is_some(), "{name}");
        assert!(
            view.report.activations.is_empty(),
            "{name}: codes are never kept"
        );
        app.stop().await;
    }
}

/// A catalog file on a position's page: an .xlsx replaces the draft's catalog; a CSV with
/// bad lines changes nothing and the page's link names the lines (and nothing the file
/// holds); a stale form is a conflict; visitors and officers are refused.
#[tokio::test]
async fn a_catalog_file_replaces_a_drafts_catalog_all_or_nothing() {
    use app::models::{JdStatus, PositionDetail, PositionSummary};
    for backend in backends() {
        let name = backend.name();
        let app = common::TestApp::demo(&backend).await;
        let admin = app
            .signed_in("admin", app::ssr::services::seed::DEMO_PASSWORD)
            .await;
        let all: Vec<PositionSummary> =
            common::call(&admin, app.addr, "list_positions", &[("query", "CV-TCCB")])
                .await
                .json();
        let id = all[0].id.to_string();
        let detail = || async {
            common::call(&admin, app.addr, "get_position", &[("id", &id)])
                .await
                .json::<PositionDetail>()
        };
        let draft = detail().await.versions[0].clone();
        assert_eq!(draft.status, JdStatus::Draft, "{name}");

        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        for (c, h) in app::models::CATALOG_COLUMNS.iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("header");
        }
        for (r, (code, task, norm, level)) in [
            ("B01", "Tham mưu văn bản", 120.0, 2.0),
            ("C08", "Thẩm định hồ sơ nâng lương", 30.0, 1.0),
            ("C09", "=HYPERLINK(\"http://x\")", 45.0, 3.0),
        ]
        .into_iter()
        .enumerate()
        {
            let r = r as u32 + 1;
            ws.write_string(r, 0, code).expect("cell");
            ws.write_string(r, 1, "C").expect("cell");
            ws.write_string(r, 2, task).expect("cell");
            ws.write_string(r, 3, "việc").expect("cell");
            ws.write_number(r, 4, norm).expect("cell");
            ws.write_number(r, 5, level).expect("cell");
        }
        let xlsx = book.save_to_buffer().expect("xlsx");
        let post = |client: reqwest::Client, bytes: Vec<u8>, file: &'static str, lock: i32| {
            let url = app.url("/api/vi-tri/danh-muc");
            let form = reqwest::multipart::Form::new()
                .text("version", draft.id.to_string())
                .text("lock_version", lock.to_string())
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes).file_name(file),
                );
            async move { client.post(url).multipart(form).send().await.expect("post") }
        };
        let location = |res: &reqwest::Response| {
            res.headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };

        assert_eq!(
            post(
                app.browser(),
                xlsx.clone(),
                "danh-muc.xlsx",
                draft.lock_version
            )
            .await
            .status()
            .as_u16(),
            401,
            "{name}"
        );
        let officer = app
            .signed_in("cb.snv.tccb.02", app::ssr::services::seed::DEMO_PASSWORD)
            .await;
        assert_eq!(
            post(officer, xlsx.clone(), "danh-muc.xlsx", draft.lock_version)
                .await
                .status()
                .as_u16(),
            403,
            "{name}"
        );

        let res = post(
            admin.clone(),
            xlsx.clone(),
            "danh-muc.xlsx",
            draft.lock_version,
        )
        .await;
        assert_eq!(res.status().as_u16(), 303, "{name}");
        assert_eq!(
            location(&res),
            format!("/quan-tri/vi-tri/{id}?tep=ok&so=3"),
            "{name}"
        );
        let now = detail().await.versions[0].clone();
        let codes: Vec<&str> = now.items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["B01", "C08", "C09"], "{name}");
        assert_eq!(
            now.items[2].name, "=HYPERLINK(\"http://x\")",
            "{name}: kept as text"
        );

        // Bad lines: nothing changes, the link names line and kind only.
        let csv = "Mã;Nhóm;Công việc;Đơn vị tính;Định mức (phút);Mức độ phức tạp\nB01;B;Góp ý;văn bản;<script>;2\nB02;B;Dự họp\nB03;B;Báo cáo;báo cáo;60;1\n";
        let res = post(
            admin.clone(),
            csv.as_bytes().to_vec(),
            "danh-muc.csv",
            now.lock_version,
        )
        .await;
        assert_eq!(res.status().as_u16(), 303, "{name}");
        assert_eq!(
            location(&res),
            format!("/quan-tri/vi-tri/{id}?tep=loi&dong=2-dinh-muc.3-cot"),
            "{name}"
        );
        assert_eq!(
            detail().await.versions[0].items.len(),
            3,
            "{name}: nothing changed"
        );
        // A stale form (the lock read before the last change) is a conflict.
        let res = post(
            admin.clone(),
            xlsx.clone(),
            "danh-muc.xlsx",
            draft.lock_version,
        )
        .await;
        assert!(
            location(&res).ends_with("?tep=xung-dot"),
            "{name}: {}",
            location(&res)
        );
        // Not a spreadsheet.
        let res = post(
            admin.clone(),
            b"PK\x03\x04broken".to_vec(),
            "x.xlsx",
            now.lock_version,
        )
        .await;
        assert!(
            location(&res).ends_with("?tep=hong"),
            "{name}: {}",
            location(&res)
        );
        // The page reads the link back in Vietnamese.
        let html = admin
            .get(app.url(&format!(
                "/quan-tri/vi-tri/{id}?tep=loi&dong=2-dinh-muc.3-cot"
            )))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(
            html.contains("Dòng 2: định mức (phút) không phải là số."),
            "{name}"
        );
        app.stop().await;
    }
}
