//! The committee's dashboard and the monthly report, on every backend, on the demo province
//! and on a generated one: every figure equals what the stored scores and the work logs
//! hold, counted here independently; an inflated log is flagged down to its officer and
//! task; the report downloads as a workbook that reads back with the same figures and with
//! formula-like text neutralised; only the committee, administrators and auditors get it.

use crate::common;

use std::collections::HashMap;

use app::authz::{Grant, Role, Subject};
use app::error::AppError;
use app::models::{
    working_days, Dashboard, EntryStatus, PeriodCode, ScoreStatus, DAY_HOURS_LIMIT, GRADES,
};
use app::ssr::entities::{catalog_item, period, period_score, unit, work_log_entry as wle};
use app::ssr::services::audit::Actor;
use app::ssr::services::org::UnitTree;
use app::ssr::services::{dashboard, reports, scores, scoring, seed, unit_board};
use calamine::{Data, Reader, Xlsx};
use common::{backends, user_named, TestApp, TestDb};
use reqwest::StatusCode;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

fn committee(user_id: i32) -> Subject {
    Subject {
        user_id,
        grants: vec![Grant {
            role: Role::Committee,
            unit_id: None,
        }],
        must_change_password: false,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

/// Standard hours per officer of the period, from the approved entries and the catalog.
async fn hours_from_entries(db: &DatabaseConnection, p: &period::Model) -> HashMap<i32, f64> {
    let items: HashMap<i32, catalog_item::Model> = catalog_item::Entity::find()
        .all(db)
        .await
        .expect("items")
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut out = HashMap::new();
    for e in wle::Entity::find()
        .filter(wle::Column::WorkDate.between(p.starts_on, p.ends_on))
        .filter(wle::Column::Status.is_in(EntryStatus::SCORABLE))
        .all(db)
        .await
        .expect("entries")
    {
        let (norm, coefficient) = match e.catalog_item_id.and_then(|i| items.get(&i)) {
            Some(i) => (i.norm_minutes, i.coefficient),
            None => (
                e.proposed_minutes.unwrap_or(0.0) / e.assigned_qty.max(1.0),
                1.0,
            ),
        };
        *out.entry(e.officer_id).or_insert(0.0) += e.completed_qty * norm / 60.0 * coefficient;
    }
    out
}

/// Every figure of the province's dashboard against the stored scores and the entries.
async fn check_sums(db: &DatabaseConnection, d: &Dashboard, what: &str) {
    let code = PeriodCode::parse(&d.period).expect("code");
    let p = period::Entity::find()
        .filter(period::Column::Code.eq(code.to_string()))
        .one(db)
        .await
        .expect("period")
        .expect("period exists");
    let scores = period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::SupersededBy.is_null())
        .all(db)
        .await
        .expect("scores");
    assert!(!scores.is_empty(), "{what}: nothing scored");
    let scored: Vec<_> = scores
        .iter()
        .filter(|s| s.status == ScoreStatus::Scored)
        .collect();
    let t = &d.totals;
    assert_eq!(t.scored as usize, scored.len(), "{what}: scored");
    assert_eq!(
        t.not_scored as usize,
        scores.len() - scored.len(),
        "{what}: not scored"
    );
    for (i, g) in d.grades.iter().enumerate() {
        let n = scored
            .iter()
            .filter(|s| s.grade.as_deref() == Some(g))
            .count();
        assert_eq!(t.grades[i] as usize, n, "{what}: grade {g}");
    }
    let sum: f64 = scored.iter().filter_map(|s| s.total).sum();
    assert!(close(t.total_sum, sum), "{what}: {} vs {sum}", t.total_sum);
    let headcount = unit_board::active_officers(db)
        .await
        .expect("officers")
        .len();
    assert_eq!(t.headcount as usize, headcount, "{what}: headcount");

    // Standard hours and officers above the norm, from the entries themselves.
    let hours = hours_from_entries(db, &p).await;
    let days = working_days(p.starts_on, p.ends_on) as f64;
    let logged: f64 = scores
        .iter()
        .map(|s| hours.get(&s.officer_id).copied().unwrap_or(0.0))
        .sum();
    assert!(
        close(t.standard_hours, logged),
        "{what}: {} vs {logged}",
        t.standard_hours
    );
    let over = scores
        .iter()
        .filter(|s| hours.get(&s.officer_id).copied().unwrap_or(0.0) / days > DAY_HOURS_LIMIT)
        .count();
    assert_eq!(t.officers_over_norm as usize, over, "{what}: over the norm");
    assert_eq!(t.with_hours as usize, scores.len(), "{what}: with hours");

    // Each agency's row: the scores of the officers in it.
    let tree = UnitTree::load(db).await.expect("tree");
    for row in &d.rows {
        let Some(id) = row.id else { continue };
        let mine = scored
            .iter()
            .filter(|s| s.unit_id.is_some_and(|u| tree.is_within(u, id)))
            .count();
        assert_eq!(row.scored as usize, mine, "{what}: agency {}", row.code);
    }
    let by_rows: u32 = d.rows.iter().map(|r| r.scored).sum();
    assert_eq!(by_rows, t.scored, "{what}: rows add up to the totals");
}

/// An agency's dashboard adds up to its row in the province's.
async fn check_agency(db: &DatabaseConnection, who: &Subject, province: &Dashboard, what: &str) {
    for row in province.rows.iter().filter(|r| r.scored > 0) {
        let id = row.id.expect("agency id");
        let d = dashboard::dashboard(db, who, &province.period, Some(id))
            .await
            .expect("agency dashboard");
        assert_eq!(d.totals.scored, row.scored, "{what}: {}", row.code);
        assert_eq!(d.totals.grades, row.grades, "{what}: {}", row.code);
        assert_eq!(d.totals.headcount, row.headcount, "{what}: {}", row.code);
        assert!(close(d.totals.standard_hours, row.standard_hours), "{what}");
        assert!(
            !d.officers.is_empty(),
            "{what}: the committee sees the officers"
        );
    }
}

#[tokio::test]
async fn the_dashboard_adds_up_the_stored_scores_of_the_demo_and_a_generated_province() {
    for backend in backends() {
        let name = backend.name();

        // The demo province (its first month is scored by the seed).
        let app = TestApp::spawn(&backend).await;
        let db = &app.db.db;
        seed::seed_demo_if_empty(db, &common::seed_pool())
            .await
            .expect("seed");
        let bcd = committee(user_named(db, "bcd").await.id);
        let d = dashboard::dashboard(db, &bcd, "", None)
            .await
            .expect("dashboard");
        assert_eq!(d.grades[..4], GRADES.map(String::from), "{name}");
        check_sums(db, &d, &format!("{name} demo")).await;
        check_agency(db, &bcd, &d, &format!("{name} demo")).await;
        assert!(!d.formulas.is_empty(), "{name}: the formulas that scored");
        let used: u32 = d.formulas.iter().map(|f| f.officers).sum();
        assert_eq!(
            used,
            d.totals.with_score(),
            "{name}: every score has its formula"
        );
        assert_eq!(
            d.trend.last().map(|t| t.grades.clone()),
            Some(d.totals.grades.clone())
        );

        // Refusals: a unit that is not an agency, an unknown one, a bad period.
        let tree = UnitTree::load(db).await.expect("tree");
        let department = tree
            .all()
            .find(|u| u.kind != "agency" && u.parent_id.is_some())
            .expect("a department")
            .id;
        for agency in [Some(department), Some(999_999)] {
            let r = dashboard::dashboard(db, &bcd, &d.period, agency).await;
            assert!(matches!(r, Err(AppError::NotFound)), "{name}: {r:?}");
        }
        let r = dashboard::dashboard(db, &bcd, "2026-13", None).await;
        assert!(
            matches!(&r, Err(e) if e.status_code() == 422),
            "{name}: {r:?}"
        );
        app.stop().await;

        // A generated province of 300 officers, scored.
        let t = TestDb::new(&backend).await;
        seed::generate_province(&t.db, &Default::default(), 300, 3, "2025-05")
            .await
            .expect("generate");
        scoring::score_period(
            &t.db,
            &Default::default(),
            &Actor::system("test"),
            PeriodCode::parse("2025-05").expect("code"),
            None,
        )
        .await
        .expect("score");
        let d = dashboard::dashboard(&t.db, &committee(-1), "2025-05", None)
            .await
            .expect("dashboard");
        check_sums(&t.db, &d, &format!("{name} generated")).await;
        check_agency(&t.db, &committee(-1), &d, &format!("{name} generated")).await;
        t.cleanup().await;
    }
}

/// An officer who logs far more than anyone: their agency is flagged, they top its list with
/// the days above 8 hours, and the task is listed against its median.
#[tokio::test]
async fn an_inflated_log_is_flagged_down_to_the_officer_and_the_task() {
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::spawn(&backend).await;
        let db = &app.db.db;
        seed::seed_demo_if_empty(db, &common::seed_pool())
            .await
            .expect("seed");
        let bcd = committee(user_named(db, "bcd").await.id);
        let before = dashboard::dashboard(db, &bcd, "", None)
            .await
            .expect("dashboard");
        let p = period::Entity::find()
            .filter(period::Column::Code.eq(before.period.clone()))
            .one(db)
            .await
            .expect("period")
            .expect("period");
        let officer = user_named(db, "cb.snv.tccb.02").await;
        let tree = UnitTree::load(db).await.expect("tree");
        let agency = tree
            .agency_of(officer.unit_id.expect("unit"))
            .expect("agency")
            .clone();
        let row = |d: &Dashboard| {
            d.rows
                .iter()
                .find(|r| r.id == Some(agency.id))
                .cloned()
                .expect("row")
        };
        assert!(
            !row(&before).inflated(before.working_days),
            "{name}: not flagged before"
        );

        // Every approved entry of the officer that month: 40 times the quantity.
        let entries = wle::Entity::find()
            .filter(wle::Column::OfficerId.eq(officer.id))
            .filter(wle::Column::WorkDate.between(p.starts_on, p.ends_on))
            .filter(wle::Column::Status.is_in(EntryStatus::SCORABLE))
            .all(db)
            .await
            .expect("entries");
        assert!(!entries.is_empty(), "{name}: the officer has entries");
        wle::Entity::update_many()
            .col_expr(
                wle::Column::CompletedQty,
                Expr::col(wle::Column::CompletedQty).mul(40),
            )
            .col_expr(
                wle::Column::AssignedQty,
                Expr::col(wle::Column::AssignedQty).mul(40),
            )
            .filter(wle::Column::Id.is_in(entries.iter().map(|e| e.id)))
            .exec(db)
            .await
            .expect("inflate");
        // Approved scores are kept by a re-score: withdraw the approval first.
        period_score::Entity::update_many()
            .col_expr(
                period_score::Column::ApprovedAt,
                Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
            )
            .filter(period_score::Column::PeriodId.eq(p.id))
            .exec(db)
            .await
            .expect("unapprove");
        scoring::score_period(
            db,
            &Default::default(),
            &Actor::system("test"),
            PeriodCode::parse(&before.period).expect("code"),
            None,
        )
        .await
        .expect("rescore");

        let after = dashboard::dashboard(db, &bcd, &before.period, None)
            .await
            .expect("dashboard");
        check_sums(db, &after, &format!("{name} inflated")).await;
        let r = row(&after);
        assert!(r.inflated(after.working_days), "{name}: flagged: {r:?}");
        assert!(r.officers_over_norm >= 1, "{name}");
        let drill = dashboard::dashboard(db, &bcd, &before.period, Some(agency.id))
            .await
            .expect("agency");
        let top = &drill.officers[0];
        assert_eq!(top.id, officer.id, "{name}: the officer tops the list");
        assert!(top.days_over_norm > 0, "{name}");
        assert!(
            drill
                .outliers
                .iter()
                .any(|o| o.officer_id == officer.id && o.outlier.quantity > 2.0 * o.outlier.median),
            "{name}: a task far above its median: {:?}",
            drill.outliers
        );

        // An administrator sees the figures but no officer by name.
        let admin = user_named(db, "admin").await;
        let as_admin = Subject {
            user_id: admin.id,
            grants: vec![Grant {
                role: Role::Admin,
                unit_id: None,
            }],
            must_change_password: false,
        };
        let d = dashboard::dashboard(db, &as_admin, &before.period, Some(agency.id))
            .await
            .expect("admin");
        assert!(
            !d.reads_scores && d.officers.is_empty() && d.outliers.is_empty(),
            "{name}"
        );
        assert_eq!(d.totals.scored, drill.totals.scored, "{name}");
        app.stop().await;
    }
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// The monthly report over HTTP: a workbook whose agency rows and total equal the
/// dashboard's, with a formula-like agency name neutralised; refused to officers and
/// visitors, and a bad period is a 4xx.
#[tokio::test]
async fn the_monthly_report_reads_back_with_the_dashboard_s_figures() {
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::spawn(&backend).await;
        let db = &app.db.db;
        seed::seed_demo_if_empty(db, &common::seed_pool())
            .await
            .expect("seed");
        // An agency whose name a spreadsheet would run as a formula.
        let tree = UnitTree::load(db).await.expect("tree");
        let agency = tree
            .all()
            .find(|u| u.kind == "agency")
            .expect("agency")
            .clone();
        let evil = "=HYPERLINK(\"http://x.invalid\",\"Sở\")";
        unit::Entity::update_many()
            .col_expr(unit::Column::Name, Expr::value(evil))
            .filter(unit::Column::Id.eq(agency.id))
            .exec(db)
            .await
            .expect("rename");
        let bcd = committee(user_named(db, "bcd").await.id);
        let d = dashboard::dashboard(db, &bcd, "", None)
            .await
            .expect("dashboard");

        let client = app.signed_in("bcd", seed::DEMO_PASSWORD).await;
        let res = client
            .get(app.url(&format!("/api/bao-cao/thang?ky={}", d.period)))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{name}");
        let disposition = res
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(
            disposition.contains(&format!("bao-cao-kpi-{}.xlsx", d.period)),
            "{disposition}"
        );
        let bytes = res.bytes().await.expect("body").to_vec();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
        let sheets = book.sheet_names();
        assert_eq!(sheets.len(), 3, "{name}: {sheets:?}");
        let range = book.worksheet_range(&sheets[0]).expect("sheet");
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let header = rows
            .iter()
            .position(|r| r.iter().any(|c| c == "HTXSNV"))
            .expect("header");
        let col = |title: &str| {
            rows[header]
                .iter()
                .position(|c| c == title)
                .unwrap_or_else(|| panic!("{title} column"))
        };
        let (scored_col, first_grade) = (col("Đã chấm điểm"), col("HTXSNV"));
        for (i, r) in d.rows.iter().enumerate() {
            let line = &rows[header + 1 + i];
            assert_eq!(line[1], r.code, "{name}");
            assert_eq!(line[scored_col], r.scored.to_string(), "{name}: {}", r.code);
            for (g, n) in r.grades.iter().enumerate() {
                assert_eq!(line[first_grade + g], n.to_string(), "{name}: {}", r.code);
            }
        }
        let total = &rows[header + 1 + d.rows.len()];
        assert_eq!(
            total[scored_col],
            d.totals.scored.to_string(),
            "{name}: total"
        );
        let names: Vec<&String> = rows.iter().map(|r| &r[2]).collect();
        assert!(
            names.contains(&&format!("'{evil}")),
            "{name}: neutralised: {names:?}"
        );
        assert!(!names.iter().any(|n| n.starts_with('=')), "{name}");

        // The results by position add up to the province's.
        let range = book.worksheet_range(&sheets[2]).expect("positions sheet");
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let scored: f64 = rows[1..]
            .iter()
            .map(|r| r[2].parse::<f64>().expect("scored"))
            .sum();
        assert_eq!(scored as u32, d.totals.scored, "{name}: by position");

        // Refused: an officer (403), a visitor (401); a bad period is refused, not a 500.
        let officer = app.signed_in("cb.snv.tccb.02", seed::DEMO_PASSWORD).await;
        let url = app.url("/api/bao-cao/thang");
        let status = officer.get(&url).send().await.expect("get").status();
        assert_eq!(status, StatusCode::FORBIDDEN, "{name}");
        let status = app.browser().get(&url).send().await.expect("get").status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
        let status = client
            .get(app.url("/api/bao-cao/thang?ky=2026-13"))
            .send()
            .await
            .expect("get")
            .status();
        assert!(status.is_client_error(), "{name}: {status}");
        app.stop().await;
    }
}

/// Every agency's classification list against the stored scores: the officers listed are
/// those scored in the agency, the counts by grade and by position add up.
async fn check_lists(db: &DatabaseConnection, who: &Subject, period: &str, what: &str) {
    let first = reports::classification(db, who, period, None)
        .await
        .expect("list");
    let p = period::Entity::find()
        .filter(period::Column::Code.eq(first.period.clone()))
        .one(db)
        .await
        .expect("period")
        .expect("period exists");
    let scores = period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::SupersededBy.is_null())
        .all(db)
        .await
        .expect("scores");
    let tree = UnitTree::load(db).await.expect("tree");
    let mut listed = 0;
    for (id, code, _) in &first.agencies {
        let l = reports::classification(db, who, period, Some(*id))
            .await
            .expect("list");
        let mine: Vec<_> = scores
            .iter()
            .filter(|s| s.unit_id.is_some_and(|u| tree.is_within(u, *id)))
            .collect();
        assert_eq!(l.officers.len(), mine.len(), "{what}: {code}");
        listed += l.officers.len();
        for (i, g) in l.grades.iter().enumerate() {
            let n = mine
                .iter()
                .filter(|s| s.status == ScoreStatus::Scored && s.grade.as_deref() == Some(g))
                .count();
            assert_eq!(l.counts[i] as usize, n, "{what}: {code} {g}");
        }
        let not_scored = mine
            .iter()
            .filter(|s| s.status == ScoreStatus::NotScored)
            .count();
        assert_eq!(l.not_scored as usize, not_scored, "{what}: {code}");
        let by_position: u32 = l.positions.iter().map(|p| p.scored + p.not_scored).sum();
        assert_eq!(
            by_position as usize,
            mine.len(),
            "{what}: {code} by position"
        );
        for (i, _) in l.grades.iter().enumerate() {
            let n: u32 = l.positions.iter().map(|p| p.grades[i]).sum();
            assert_eq!(n, l.counts[i], "{what}: {code} by position and grade");
        }
        let sum: f64 = mine.iter().filter_map(|s| s.total).sum();
        let listed_sum: f64 = l.officers.iter().filter_map(|o| o.total).sum();
        assert!(close(sum, listed_sum), "{what}: {code} totals");
    }
    let in_agencies = scores
        .iter()
        .filter(|s| s.unit_id.is_some_and(|u| tree.agency_of(u).is_some()))
        .count();
    assert_eq!(listed, in_agencies, "{what}: every agency listed");
}

/// The classification list and the evaluation sheet: the figures add up on the demo and a
/// generated province; the workbook reads back and neutralises formula-like names; a head
/// lists only the agency they head; bad input is a 4xx.
#[tokio::test]
async fn the_classification_list_adds_up_and_stays_in_its_agency() {
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::spawn(&backend).await;
        let db = &app.db.db;
        seed::seed_demo_if_empty(db, &common::seed_pool())
            .await
            .expect("seed");
        let bcd = committee(user_named(db, "bcd").await.id);
        let d = dashboard::dashboard(db, &bcd, "", None)
            .await
            .expect("dashboard");
        check_lists(db, &bcd, &d.period, &format!("{name} demo")).await;

        // The sheet names where the officer works.
        let officer = user_named(db, "cb.snv.tccb.02").await;
        let s = scores::explanation(db, officer.id, &d.period)
            .await
            .expect("explanation");
        assert!(
            !s.officer_unit.is_empty()
                && !s.officer_agency.is_empty()
                && !s.officer_position.is_empty(),
            "{name}: {} / {} / {}",
            s.officer_position,
            s.officer_unit,
            s.officer_agency
        );

        // A formula-like name is neutralised in the workbook.
        let evil = "=cmd|' /C calc'!A0";
        app::ssr::entities::user::Entity::update_many()
            .col_expr(
                app::ssr::entities::user::Column::FullName,
                Expr::value(evil),
            )
            .filter(app::ssr::entities::user::Column::Id.eq(officer.id))
            .exec(db)
            .await
            .expect("rename");
        let tree = UnitTree::load(db).await.expect("tree");
        let snv = tree
            .agency_of(officer.unit_id.expect("unit"))
            .expect("agency")
            .clone();
        let head = app.signed_in("gd.snv", seed::DEMO_PASSWORD).await;
        let url = |q: &str| app.url(&format!("/api/bao-cao/xep-loai?{q}"));
        let res = head
            .get(url(&format!("ky={}", d.period)))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{name}");
        let bytes = res.bytes().await.expect("body").to_vec();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
        let sheets = book.sheet_names();
        assert_eq!(sheets.len(), 2, "{name}: {sheets:?}");
        let range = book.worksheet_range(&sheets[0]).expect("sheet");
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        assert!(
            rows.iter()
                .any(|r| r.iter().any(|c| c.ends_with(&format!("— {}", snv.name)))),
            "{name}: the head's own agency"
        );
        let names: Vec<&String> = rows.iter().filter_map(|r| r.get(1)).collect();
        assert!(names.contains(&&format!("'{evil}")), "{name}: {names:?}");
        assert!(!names.iter().any(|n| n.starts_with('=')), "{name}");
        let l = reports::classification(db, &bcd, &d.period, Some(snv.id))
            .await
            .expect("list");
        let listed = rows
            .iter()
            .filter(|r| r.first().is_some_and(|c| c.parse::<f64>().is_ok()) && r.len() > 2)
            .filter(|r| !r[1].is_empty() && !r[2].is_empty())
            .count();
        assert_eq!(listed, l.officers.len(), "{name}: one row per officer");

        // Another agency is not the head's: 404; refusals and bad input.
        let other = tree
            .all()
            .find(|u| u.kind == "agency" && u.id != snv.id)
            .expect("another agency")
            .id;
        let status = |c: &reqwest::Client, q: String| {
            let u = url(&q);
            let c = c.clone();
            async move { c.get(u).send().await.expect("get").status() }
        };
        assert_eq!(
            status(&head, format!("co-quan={other}")).await,
            StatusCode::NOT_FOUND,
            "{name}"
        );
        assert!(
            status(&head, "co-quan=abc".into()).await.is_client_error(),
            "{name}"
        );
        assert!(
            status(&head, "ky=2026-13".into()).await.is_client_error(),
            "{name}"
        );
        let officer_client = app.signed_in("cb.snv.tccb.02", seed::DEMO_PASSWORD).await;
        assert_eq!(
            status(&officer_client, String::new()).await,
            StatusCode::FORBIDDEN,
            "{name}"
        );
        let admin = app.signed_in("admin", seed::DEMO_PASSWORD).await;
        assert_eq!(
            status(&admin, String::new()).await,
            StatusCode::FORBIDDEN,
            "{name}"
        );
        assert_eq!(
            status(&app.browser(), String::new()).await,
            StatusCode::UNAUTHORIZED,
            "{name}"
        );
        let committee_client = app.signed_in("bcd", seed::DEMO_PASSWORD).await;
        assert_eq!(
            status(&committee_client, format!("co-quan={other}")).await,
            StatusCode::OK,
            "{name}"
        );
        app.stop().await;

        // A generated province, scored.
        let t = TestDb::new(&backend).await;
        seed::generate_province(&t.db, &Default::default(), 300, 3, "2025-05")
            .await
            .expect("generate");
        scoring::score_period(
            &t.db,
            &Default::default(),
            &Actor::system("test"),
            PeriodCode::parse("2025-05").expect("code"),
            None,
        )
        .await
        .expect("score");
        check_lists(
            &t.db,
            &committee(-1),
            "2025-05",
            &format!("{name} generated"),
        )
        .await;
        t.cleanup().await;
    }
}
