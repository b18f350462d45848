//! The rule editor and the committee's journey, against the real server on the demo
//! province, on every backend: an administrator drafts a formula raising the quality weight,
//! its tests fail and are fixed, submission is refused until they pass; the committee
//! simulates it on the scored month, approves it with a note (the evidence packet is
//! attached), activates it from the next month and re-scores that month explicitly; the
//! month's scores name the new version.

use crate::common;

use app::models::{
    CaseRunView, JobStatus, RuleSetView, RuleStatus, RuleVersionPage, SimulationView, TryResult,
};
use app::ssr::entities::{period, period_score, rule_set_version as rsv};
use app::ssr::services::seed::{self, DEMO_PASSWORD};
use common::{backends, call, rule_version_page as page, wait_job, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// New expectations of one officer of one case: (case, index, total, components, grade).
type Fix = (usize, usize, Option<String>, Option<String>, Option<String>);

/// The editor's form for `p`, with `weight_quality` set and the expected results given.
fn draft_form(p: &RuleVersionPage, weight_quality: &str, fixes: &[Fix]) -> Vec<(String, String)> {
    let mut form = vec![
        ("form[id]".to_string(), p.id.to_string()),
        ("form[lock_version]".to_string(), p.lock_version.to_string()),
        ("form[script]".to_string(), p.script.clone()),
    ];
    for (i, f) in p.params.iter().enumerate() {
        let value = if f.name == "weight_quality" {
            weight_quality.to_string()
        } else {
            f.value.clone()
        };
        form.push((format!("form[params][{i}][name]"), f.name.clone()));
        form.push((format!("form[params][{i}][value]"), value));
    }
    let mut k = 0;
    for (c, case) in p.cases.iter().enumerate() {
        for (j, e) in case.expects.iter().enumerate() {
            let fix = fixes.iter().find(|(fc, fj, ..)| *fc == c && *fj == j);
            let total = fix
                .and_then(|f| f.2.clone())
                .or_else(|| e.total.map(|t| t.to_string()))
                .unwrap_or_default();
            let components = fix.and_then(|f| f.3.clone());
            form.push((format!("form[expects][{k}][case]"), c.to_string()));
            form.push((format!("form[expects][{k}][index]"), j.to_string()));
            form.push((format!("form[expects][{k}][total]"), total));
            form.push((
                format!("form[expects][{k}][grade]"),
                fix.and_then(|f| f.4.clone())
                    .or_else(|| e.grade.clone())
                    .unwrap_or_default(),
            ));
            if let Some(components) = components {
                form.push((format!("form[expects][{k}][components]"), components));
            }
            k += 1;
        }
    }
    form
}

async fn save(
    client: &reqwest::Client,
    app: &TestApp,
    form: &[(String, String)],
) -> common::Answer {
    let args: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    call(client, app.addr, "save_rule_draft", &args).await
}

#[tokio::test]
async fn a_formula_is_drafted_tested_simulated_approved_activated_and_used() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let (month1, month2) = seed::demo_months(chrono::Utc::now().date_naive());
        let code = |d: chrono::NaiveDate| d.format("%Y-%m").to_string();
        let (scored, next) = (code(month1), code(month2));
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        let committee = app.signed_in("bcd", DEMO_PASSWORD).await;

        let sets: Vec<RuleSetView> = call(&admin, app.addr, "list_rule_sets", &[]).await.json();
        let default = sets
            .iter()
            .find(|s| s.position.is_none())
            .expect("default set");
        let active = default
            .versions
            .iter()
            .find(|v| v.status == RuleStatus::Active)
            .expect("active version");

        // A new draft copied from the version in force.
        let draft_id: i32 = call(
            &admin,
            app.addr,
            "new_rule_draft",
            &[("id", &active.id.to_string())],
        )
        .await
        .json();
        let p = page(&admin, &app, draft_id).await;
        assert_eq!(p.status, RuleStatus::Draft, "{name}");
        assert!(
            p.can_edit && p.can_draft && p.can_simulate && !p.can_steer,
            "{name}"
        );
        assert!(
            p.case_run.as_ref().is_some_and(|r| r.all_passed()),
            "{name}: {:?}",
            p.case_run
        );
        assert!(p.periods.contains(&scored), "{name}: {:?}", p.periods);

        // A typing mistake is located while typing.
        let problem: Option<app::models::ScriptProblem> = call(
            &admin,
            app.addr,
            "check_rule_script",
            &[
                ("id", &draft_id.to_string()),
                (
                    "script",
                    "fn score(officer, params, period) {\n  let x = ;\n}",
                ),
            ],
        )
        .await
        .json();
        assert_eq!(
            problem.as_ref().and_then(|p| p.line),
            Some(2),
            "{name}: {problem:?}"
        );

        // A bad parameter value is refused and nothing is saved.
        let refused = save(&admin, &app, &draft_form(&p, "11", &[])).await;
        assert!(
            refused
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("phải từ 0 đến 10"),
            "{name}: {}",
            refused.body
        );
        assert_eq!(
            page(&admin, &app, draft_id).await.lock_version,
            p.lock_version,
            "{name}"
        );

        // Raising the quality weight: some expected results no longer hold.
        let run: CaseRunView = save(&admin, &app, &draft_form(&p, "2", &[])).await.json();
        assert!(run.problem.is_none(), "{name}: {run:?}");
        assert!(
            run.failed > 0,
            "{name}: the quality weight changes some totals"
        );
        let failure = run
            .cases
            .iter()
            .flat_map(|c| &c.failures)
            .next()
            .expect("a failure");
        assert_ne!(failure.expected, failure.actual, "{name}");
        let p = page(&admin, &app, draft_id).await;
        assert_eq!(
            p.params
                .iter()
                .find(|f| f.name == "weight_quality")
                .map(|f| f.value.as_str()),
            Some("2"),
            "{name}"
        );
        let submit = call(
            &admin,
            app.addr,
            "submit_rule_version",
            &[
                ("id", &draft_id.to_string()),
                ("lock_version", &p.lock_version.to_string()),
            ],
        )
        .await;
        assert!(
            submit
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("ca kiểm thử không đạt"),
            "{name}: {}",
            submit.body
        );

        // The administrator takes the actual values as the new expectations.
        let mut fixes = Vec::new();
        for (c, result) in run.cases.iter().enumerate() {
            for f in &result.failures {
                let j = p.cases[c]
                    .expects
                    .iter()
                    .position(|e| e.officer == f.officer)
                    .expect("expectation of the failing officer");
                let entry = fixes.iter().position(|x: &Fix| x.0 == c && x.1 == j);
                let slot = match entry {
                    Some(i) => &mut fixes[i],
                    None => {
                        let existing = &p.cases[c].expects[j];
                        fixes.push((
                            c,
                            j,
                            None,
                            Some(app::models::components_text(&existing.components)),
                            None,
                        ));
                        fixes.last_mut().expect("just pushed")
                    }
                };
                if f.field == "total" {
                    slot.2 = Some(f.actual.clone());
                } else if f.field == "grade" {
                    slot.4 = Some(f.actual.clone());
                } else if let Some(component) = f.field.strip_prefix("components.") {
                    let text = slot.3.clone().unwrap_or_default();
                    let mut parts = app::models::parse_components(&text).expect("components");
                    let value = app::i18n::parse_number(&f.actual).expect("a number");
                    match parts.iter_mut().find(|(k, _)| k == component) {
                        Some(part) => part.1 = value,
                        None => parts.push((component.to_string(), value)),
                    }
                    slot.3 = Some(app::models::components_text(&parts));
                } else {
                    panic!("{name}: unexpected failing field {}", f.field);
                }
            }
        }
        let run: CaseRunView = save(&admin, &app, &draft_form(&p, "2", &fixes))
            .await
            .json();
        assert!(run.all_passed(), "{name}: {run:?}");
        let p = page(&admin, &app, draft_id).await;
        call(
            &admin,
            app.addr,
            "submit_rule_version",
            &[
                ("id", &draft_id.to_string()),
                ("lock_version", &p.lock_version.to_string()),
            ],
        )
        .await
        .json::<()>();

        // Trying it on an officer's scored month gives a trace, nothing stored.
        let officer = p.officers.first().expect("an officer").0;
        let stored_before = period_score::Entity::find()
            .all(&app.db.db)
            .await
            .expect("scores")
            .len();
        let tried: TryResult = call(
            &committee,
            app.addr,
            "try_rule_version",
            &[
                ("id", &draft_id.to_string()),
                ("officer_id", &officer.to_string()),
                ("period", &scored),
            ],
        )
        .await
        .json();
        assert_eq!(tried.version_no, p.version_no, "{name}");
        assert!(!tried.trace.is_empty() || tried.total.is_none(), "{name}");
        assert_eq!(
            period_score::Entity::find()
                .all(&app.db.db)
                .await
                .expect("scores")
                .len(),
            stored_before,
            "{name}: trying stores nothing"
        );

        // Approval is refused without a simulation.
        let p = page(&committee, &app, draft_id).await;
        assert!(
            p.can_steer && p.can_simulate && !p.can_edit && !p.can_draft,
            "{name}"
        );
        let refused = call(
            &committee,
            app.addr,
            "approve_rule_version",
            &[
                ("id", &draft_id.to_string()),
                ("lock_version", &p.lock_version.to_string()),
                ("note", "Đồng ý"),
            ],
        )
        .await;
        assert!(
            refused
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("chạy thử"),
            "{name}: {}",
            refused.body
        );

        // The committee simulates it on the scored month.
        let sim: i32 = call(
            &committee,
            app.addr,
            "start_simulation",
            &[("id", &draft_id.to_string()), ("period", &scored)],
        )
        .await
        .json();
        let mut view: SimulationView;
        let mut waited = 0;
        loop {
            view = call(
                &committee,
                app.addr,
                "get_simulation",
                &[("id", &sim.to_string())],
            )
            .await
            .json();
            if view.brief.status != JobStatus::Running || waited > 600 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            waited += 1;
        }
        assert_eq!(
            view.brief.status,
            JobStatus::Done,
            "{name}: {:?}",
            view.error
        );
        let summary = view.summary.clone().expect("summary");
        eprintln!(
            "{name}: simulation of the demo month ({} officers, both formulas): {} ms",
            summary.officers, summary.duration_ms
        );
        assert_eq!(
            summary.officers, 200,
            "{name}: every demo officer is scored by the default"
        );
        assert_eq!(view.rows.len(), 200, "{name}");
        // Why an officer's grade moves: the rules' changes add up to the change of the total.
        let moved = view
            .rows
            .iter()
            .filter(|r| r.active_grade != r.draft_grade)
            .max_by(|a, b| {
                a.delta
                    .unwrap_or(0.0)
                    .abs()
                    .total_cmp(&b.delta.unwrap_or(0.0).abs())
            })
            .or_else(|| {
                view.rows
                    .iter()
                    .max_by_key(|r| (r.delta.unwrap_or(0.0).abs() * 100.0) as i64)
            })
            .expect("a row");
        let change: app::models::SimulationChange = call(
            &committee,
            app.addr,
            "explain_simulation_change",
            &[
                ("id", &sim.to_string()),
                ("officer_id", &moved.officer_id.to_string()),
            ],
        )
        .await
        .json();
        assert_eq!(change.active_total, moved.active_total, "{name}");
        assert_eq!(change.draft_total, moved.draft_total, "{name}");
        let by_rules: f64 = change.rules.iter().map(|r| r.delta()).sum();
        let by_totals = change.draft_total.unwrap_or(0.0) - change.active_total.unwrap_or(0.0);
        assert!(
            (by_rules - by_totals).abs() < 0.011,
            "{name}: rules move {by_rules}, the total {by_totals}: {:?}",
            change.rules
        );
        if by_totals.abs() > 0.011 {
            assert!(!change.rules.is_empty(), "{name}");
        }
        // An administrator may read the simulation's aggregates, not an officer's traces.
        let refused = call(
            &admin,
            app.addr,
            "explain_simulation_change",
            &[
                ("id", &sim.to_string()),
                ("officer_id", &moved.officer_id.to_string()),
            ],
        )
        .await;
        assert_eq!(
            refused.status,
            reqwest::StatusCode::FORBIDDEN,
            "{name}: {}",
            refused.body
        );
        assert_eq!(
            summary.matrix.iter().flatten().sum::<usize>(),
            200,
            "{name}"
        );
        let off_diagonal: usize = (0..summary.matrix.len())
            .flat_map(|i| {
                (0..summary.matrix.len())
                    .filter(move |j| *j != i)
                    .map(move |j| (i, j))
            })
            .map(|(i, j)| summary.matrix[i][j])
            .sum();
        assert_eq!(off_diagonal, summary.changed_grade, "{name}");
        assert_eq!(summary.dist_active.iter().sum::<usize>(), 200, "{name}");
        assert!(
            !summary.by_unit.is_empty() && !summary.by_position.is_empty(),
            "{name}"
        );
        // Each row's delta is its draft total minus its active total.
        for r in &view.rows {
            if let (Some(a), Some(d), Some(x)) = (r.active_total, r.draft_total, r.delta) {
                assert!((d - a - x).abs() < 0.011, "{name}: {r:?}");
            }
        }
        // The active side equals the stored scores of the month.
        let month = period::Entity::find()
            .filter(period::Column::Code.eq(scored.clone()))
            .one(&app.db.db)
            .await
            .expect("period")
            .expect("scored month");
        let stored: Vec<period_score::Model> = period_score::Entity::find()
            .filter(period_score::Column::PeriodId.eq(month.id))
            .filter(period_score::Column::SupersededBy.is_null())
            .all(&app.db.db)
            .await
            .expect("scores");
        for s in &stored {
            let row = view
                .rows
                .iter()
                .find(|r| r.officer_id == s.officer_id)
                .expect("row");
            assert_eq!(row.active_total, s.total, "{name}");
            assert_eq!(row.active_grade, s.grade, "{name}");
        }
        // The workbook downloads.
        let xlsx = committee
            .get(app.url(&format!("/api/xuat-mo-phong/{sim}")))
            .send()
            .await
            .expect("xlsx");
        assert_eq!(xlsx.status().as_u16(), 200, "{name}");
        let bytes = xlsx.bytes().await.expect("bytes");
        assert!(bytes.starts_with(b"PK"), "{name}: a zip container");
        let anonymous = app
            .browser()
            .get(app.url(&format!("/api/xuat-mo-phong/{sim}")))
            .send()
            .await
            .expect("anon");
        assert_eq!(anonymous.status().as_u16(), 401, "{name}");
        // An administrator configures formulas but reads nobody's score: aggregates only.
        let for_admin: SimulationView = call(
            &admin,
            app.addr,
            "get_simulation",
            &[("id", &sim.to_string())],
        )
        .await
        .json();
        assert!(
            for_admin.people_hidden && for_admin.rows.is_empty(),
            "{name}"
        );
        let admin_summary = for_admin.summary.expect("aggregates");
        assert_eq!(admin_summary.matrix, summary.matrix, "{name}");
        assert!(
            admin_summary
                .crossings
                .iter()
                .flat_map(|c| c.up.iter().chain(&c.down))
                .all(|(id, who, ..)| *id == 0 && who.is_empty()),
            "{name}: no names"
        );
        let xlsx = admin
            .get(app.url(&format!("/api/xuat-mo-phong/{sim}")))
            .send()
            .await
            .expect("xlsx");
        assert_eq!(xlsx.status().as_u16(), 403, "{name}");

        // Approval with a note: the evidence packet is attached.
        let p = page(&committee, &app, draft_id).await;
        call(
            &committee,
            app.addr,
            "approve_rule_version",
            &[
                ("id", &draft_id.to_string()),
                ("lock_version", &p.lock_version.to_string()),
                (
                    "note",
                    "Tăng trọng số chất lượng sau thí điểm; đã xem ma trận chuyển xếp loại.",
                ),
            ],
        )
        .await
        .json::<()>();
        let p = page(&committee, &app, draft_id).await;
        assert_eq!(p.status, RuleStatus::Approved, "{name}");
        let evidence = p.evidence.clone().expect("evidence");
        assert_eq!(
            evidence.simulation.as_ref().map(|s| s.id),
            Some(sim),
            "{name}"
        );
        assert_eq!(evidence.cases_failed, 0, "{name}");
        assert_eq!(evidence.compared_with, Some(active.version_no), "{name}");
        assert!(
            evidence
                .params_changed
                .iter()
                .any(|c| c.starts_with("weight_quality: 1 → 2")),
            "{name}: {:?}",
            evidence.params_changed
        );

        // Activation from the month after the scored one; a date in the middle of a month
        // is refused.
        let next_start = period::Entity::find()
            .filter(period::Column::Code.eq(next.clone()))
            .one(&app.db.db)
            .await
            .expect("period")
            .expect("next month")
            .starts_on;
        let odd = (next_start + chrono::Duration::days(3)).to_string();
        let refused = call(
            &committee,
            app.addr,
            "activate_rule_version",
            &[
                ("id", &draft_id.to_string()),
                ("lock_version", &p.lock_version.to_string()),
                ("set_lock_version", &p.set_lock_version.to_string()),
                ("effective_from", &odd),
            ],
        )
        .await;
        assert!(
            refused
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("ngày đầu"),
            "{name}: {}",
            refused.body
        );
        assert_eq!(p.suggested_effective, next_start, "{name}");
        call(
            &committee,
            app.addr,
            "activate_rule_version",
            &[
                ("id", &draft_id.to_string()),
                ("lock_version", &p.lock_version.to_string()),
                ("set_lock_version", &p.set_lock_version.to_string()),
                ("effective_from", &next_start.to_string()),
            ],
        )
        .await
        .json::<()>();
        let p = page(&committee, &app, draft_id).await;
        assert_eq!(p.status, RuleStatus::Active, "{name}");
        assert_eq!(p.rescorable, vec![next.clone()], "{name}");

        // The scored month keeps its scores until someone re-scores it; the next month is
        // scored explicitly with the new version.
        let unchanged = period_score::Entity::find()
            .filter(period_score::Column::PeriodId.eq(month.id))
            .filter(period_score::Column::SupersededBy.is_null())
            .all(&app.db.db)
            .await
            .expect("scores");
        assert_eq!(unchanged, stored, "{name}: activation changes no score");
        let job: i32 = call(&committee, app.addr, "rescore_period", &[("period", &next)])
            .await
            .json();
        let done = wait_job(&committee, app.addr, job).await;
        assert_eq!(done.status, JobStatus::Done, "{name}: {done:?}");
        assert_eq!(done.counts.map(|c| c.officers), Some(200), "{name}");
        assert!(!done.may_cancel, "{name}: an ended job cannot be cancelled");
        let next_scores: Vec<period_score::Model> = period_score::Entity::find()
            .filter(period_score::Column::RuleSetVersionId.eq(draft_id))
            .all(&app.db.db)
            .await
            .expect("scores");
        assert_eq!(
            next_scores.len(),
            200,
            "{name}: the next month uses the new version"
        );
        let v = rsv::Entity::find_by_id(draft_id)
            .one(&app.db.db)
            .await
            .expect("v")
            .expect("v");
        assert!(
            next_scores
                .iter()
                .all(|s| s.rule_version_hash == v.content_hash),
            "{name}"
        );

        app.stop().await;
    }
}
