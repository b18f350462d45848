//! Which formula scores whom, on the demo province and every backend: an administrator
//! makes an agency's formula (the default's script with the agency's parameters) and a
//! position's own formula from the leader template; once active, scoring takes the
//! position's own, else the agency's, else the province default, and the score page
//! says which. An agency's formula cannot change the default's script.

use crate::common;

use std::collections::HashMap;

use app::models::{FormulaScope, RuleStatus, ScoreExplanation};
use app::ssr::entities::{period, position, rule_set_version as rsv, unit};
use app::ssr::rule_pool::RulePool;
use app::ssr::services::audit::Actor;
use app::ssr::services::org::UnitTree;
use app::ssr::services::{scoring, seed};
use common::{backends, call, save_formula_script, TestApp};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Makes draft `id` active from `from` (the committee's approval is tested elsewhere).
async fn activate(db: &sea_orm::DatabaseConnection, id: i32, from: chrono::NaiveDate) {
    let v = rsv::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("read")
        .expect("version");
    let mut am: rsv::ActiveModel = v.into();
    am.status = Set(RuleStatus::Active);
    am.effective_from = Set(Some(from));
    am.activated_at = Set(Some(chrono::Utc::now()));
    am.update(db).await.expect("activate");
}

#[tokio::test]
async fn scoring_takes_the_position_then_the_agency_then_the_default() {
    let pool = RulePool::default();
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let db = &app.db.db;
        let admin = app.signed_in("admin", seed::DEMO_PASSWORD).await;
        let (month1, _) = seed::demo_months(chrono::Utc::now().date_naive());
        let snv = unit::Entity::find()
            .filter(unit::Column::Code.eq("snv"))
            .one(db)
            .await
            .expect("read")
            .expect("snv");
        let cv_tccb = position::Entity::find()
            .filter(position::Column::Code.eq("CV-TCCB"))
            .one(db)
            .await
            .expect("read")
            .expect("CV-TCCB");

        // An agency's formula starts from the default only, and keeps its script.
        let refused = call(
            &admin,
            app.addr,
            "create_formula",
            &[
                ("target", "co-quan"),
                ("id", &snv.id.to_string()),
                ("template", "lanh-dao"),
            ],
        )
        .await;
        assert_eq!(refused.status.as_u16(), 422, "{name}: {}", refused.body);
        let agency_draft: i32 = call(
            &admin,
            app.addr,
            "create_formula",
            &[
                ("target", "co-quan"),
                ("id", &snv.id.to_string()),
                ("template", "mac-dinh"),
            ],
        )
        .await
        .json();
        let edited = save_formula_script(
            &app,
            &admin,
            agency_draft,
            "fn score(o, p, q) { not_scored(\"x\") }",
        )
        .await;
        assert!(
            edited
                .json::<app::error::AppError>()
                .user_message(app::i18n::Locale::Vi)
                .contains("chỉ điều chỉnh tham số"),
            "{name}: {}",
            edited.body
        );
        // A department is not an agency; an unknown template is refused.
        let tccb = unit::Entity::find()
            .filter(unit::Column::Code.eq("snv/tccb"))
            .one(db)
            .await
            .expect("read")
            .expect("snv/tccb");
        for (target, id, template) in [
            ("co-quan", tccb.id, "mac-dinh"),
            ("vi-tri", cv_tccb.id, "khong-co"),
            ("vi-tri", 999_999, "nd-335"),
            ("ca-nhan", cv_tccb.id, "nd-335"),
        ] {
            let r = call(
                &admin,
                app.addr,
                "create_formula",
                &[
                    ("target", target),
                    ("id", &id.to_string()),
                    ("template", template),
                ],
            )
            .await;
            assert_eq!(
                r.status.as_u16(),
                422,
                "{name}: {target} {template}: {}",
                r.body
            );
        }
        // Only an administrator makes formulas.
        let officer = app.signed_in("cb.snv.tccb.01", seed::DEMO_PASSWORD).await;
        let r = call(
            &officer,
            app.addr,
            "create_formula",
            &[
                ("target", "vi-tri"),
                ("id", &cv_tccb.id.to_string()),
                ("template", "nd-335"),
            ],
        )
        .await;
        assert!(r.refused(), "{name}: {}", r.body);

        let position_draft: i32 = call(
            &admin,
            app.addr,
            "create_formula",
            &[
                ("target", "vi-tri"),
                ("id", &cv_tccb.id.to_string()),
                ("template", "lanh-dao"),
            ],
        )
        .await
        .json();
        activate(db, agency_draft, month1).await;
        activate(db, position_draft, month1).await;

        // Every officer is scored by the formula of their level.
        let p = period::Entity::find()
            .filter(period::Column::Code.eq(month1.format("%Y-%m").to_string()))
            .one(db)
            .await
            .expect("read")
            .expect("month");
        let (outcomes, _) =
            scoring::evaluate(db, &pool, &Actor::system("test"), &p, None, None, None)
                .await
                .expect("evaluate");
        let tree = UnitTree::load(db).await.expect("tree");
        let default = common::active_formula(&app, &admin).await;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for o in &outcomes {
            let in_snv = o.unit_id.is_some_and(|u| tree.is_within(u, snv.id));
            let expected = if o.position_id == Some(cv_tccb.id) {
                ("position", position_draft)
            } else if in_snv {
                ("agency", agency_draft)
            } else {
                ("default", default)
            };
            assert_eq!(
                o.rule_version_id, expected.1,
                "{name}: officer {} ({})",
                o.officer_id, expected.0
            );
            *seen.entry(expected.0).or_default() += 1;
        }
        assert!(
            ["position", "agency", "default"]
                .iter()
                .all(|k| seen.get(k).is_some_and(|n| *n > 0)),
            "{name}: every level scores someone: {seen:?}"
        );

        // The stored score says which formula and why.
        scoring::score_period(
            db,
            &pool,
            &Actor::system("test"),
            app::models::PeriodCode::parse(&p.code).expect("code"),
            None,
        )
        .await
        .expect("score");
        let committee = app.signed_in("bcd", seed::DEMO_PASSWORD).await;
        let mut checked = 0;
        // One officer of CV-TCCB, one of the agency in another position, one elsewhere.
        for (want_position, want_agency, scope) in [
            (true, true, FormulaScope::Position("CV-TCCB".into())),
            (false, true, FormulaScope::Agency(snv.name.clone())),
            (false, false, FormulaScope::Province),
        ] {
            let o = outcomes
                .iter()
                .find(|o| {
                    (o.position_id == Some(cv_tccb.id)) == want_position
                        && o.unit_id.is_some_and(|u| tree.is_within(u, snv.id)) == want_agency
                        && o.result.total.is_some()
                })
                .expect("an officer at this level");
            let e: ScoreExplanation = call(
                &committee,
                app.addr,
                "score_explanation",
                &[
                    ("officer_id", &o.officer_id.to_string()),
                    ("period", &p.code),
                ],
            )
            .await
            .json();
            assert_eq!(e.formula_scope, scope, "{name}: officer {}", o.officer_id);
            assert_eq!(
                e.rule_version_id, o.rule_version_id,
                "{name}: officer {}",
                o.officer_id
            );
            assert!(
                !e.formula_scope.describe(app::i18n::Locale::Vi).is_empty(),
                "{name}"
            );
            checked += 1;
        }
        assert_eq!(checked, 3, "{name}");

        // A department head scored by the leader template sees the unit they head.
        let tp = position::Entity::find()
            .filter(position::Column::Code.eq("TP"))
            .one(db)
            .await
            .expect("read")
            .expect("TP");
        let leader_draft: i32 = call(
            &admin,
            app.addr,
            "create_formula",
            &[
                ("target", "vi-tri"),
                ("id", &tp.id.to_string()),
                ("template", "lanh-dao"),
            ],
        )
        .await
        .json();
        activate(db, leader_draft, month1).await;
        let (outcomes, _) =
            scoring::evaluate(db, &pool, &Actor::system("test"), &p, None, None, None)
                .await
                .expect("evaluate");
        let heads: Vec<_> = outcomes
            .iter()
            .filter(|o| o.position_id == Some(tp.id) && o.result.total.is_some())
            .collect();
        assert!(!heads.is_empty(), "{name}: scored heads");
        assert!(
            heads.iter().all(|o| o.rule_version_id == leader_draft),
            "{name}"
        );
        let head = heads[0].officer_id;
        let (explained, _) = scoring::evaluate(
            db,
            &pool,
            &Actor::system("test"),
            &p,
            None,
            None,
            Some(head),
        )
        .await
        .expect("evaluate");
        let o = explained
            .iter()
            .find(|o| o.officer_id == head)
            .expect("head");
        let unit = o
            .result
            .trace
            .items()
            .iter()
            .find(|i| i.rule == "task.unit")
            .unwrap_or_else(|| panic!("{name}: the unit's part in {:?}", o.result.trace));
        assert!(unit.points > 0.0, "{name}: {unit:?}");
        // The department's 19 other officers are the unit's members.
        assert!(
            unit.explanation.contains("19"),
            "{name}: {}",
            unit.explanation
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_editor_proposes_boundary_cases_that_the_admin_takes_into_the_draft() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", seed::DEMO_PASSWORD).await;
        let draft = common::new_formula_draft(&app, &admin).await;
        let proposal: app::models::BoundaryProposal = call(
            &admin,
            app.addr,
            "propose_boundary_cases",
            &[("id", &draft.to_string())],
        )
        .await
        .json();
        assert!(proposal.problem.is_none(), "{name}: {proposal:?}");
        assert_eq!(proposal.cases.len(), 9, "{name}: {proposal:?}");
        let below = proposal
            .cases
            .iter()
            .find(|c| (c.total - 89.99).abs() < 1e-9)
            .expect("89,99");
        assert_eq!(below.grade, "HTTNV", "{name}");
        let at = proposal
            .cases
            .iter()
            .find(|c| (c.total - 90.0).abs() < 1e-9)
            .expect("90,00");
        assert_eq!(at.grade, "HTXSNV", "{name}");

        // The browser names the cases; the server computes them again.
        let before = common::rule_version_page(&admin, &app, draft).await;
        let names: Vec<String> = proposal
            .cases
            .iter()
            .filter(|c| !c.already)
            .map(|c| c.name.clone())
            .collect();
        let mut form: Vec<(String, String)> = vec![
            ("id".into(), draft.to_string()),
            ("lock_version".into(), before.lock_version.to_string()),
        ];
        for n in &names {
            form.push(("names[]".into(), n.clone()));
        }
        form.push(("names[]".into(), "a case that was never proposed".into()));
        let args: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let run: app::models::CaseRunView = call(&admin, app.addr, "accept_boundary_cases", &args)
            .await
            .json();
        assert!(run.all_passed(), "{name}: {run:?}");
        let after = common::rule_version_page(&admin, &app, draft).await;
        assert_eq!(
            after.cases.len(),
            before.cases.len() + names.len(),
            "{name}"
        );
        assert!(
            !after
                .cases
                .iter()
                .any(|c| c.name == "a case that was never proposed"),
            "{name}"
        );
        // Taking them again adds nothing and says so.
        let again = call(&admin, app.addr, "accept_boundary_cases", &args).await;
        assert_eq!(again.status.as_u16(), 422, "{name}: {}", again.body);
        // Only administrators propose.
        let officer = app.signed_in("cb.snv.tccb.01", seed::DEMO_PASSWORD).await;
        let r = call(
            &officer,
            app.addr,
            "propose_boundary_cases",
            &[("id", &draft.to_string())],
        )
        .await;
        assert!(r.refused(), "{name}: {}", r.body);
        app.stop().await;
    }
}

/// Checks one explained score's walk against its stored figures; returns the walk's task
/// maximum and general-criteria maximum (month scores).
fn check_walk(name: &str, e: &ScoreExplanation) -> Option<(f64, f64)> {
    use app::models::Step;
    let who = format!("{name}: officer {} {}", e.officer_id, e.period);
    let walk = e
        .walkthrough
        .as_ref()
        .unwrap_or_else(|| panic!("{who}: a walk"));
    let comp: HashMap<&str, f64> = e.components.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let near = |x: f64, y: f64| (x - y).abs() <= 0.011;
    let total = e.total.expect("scored");
    let mut maxima = (None, None);
    let mut keys = Vec::new();
    for s in &walk.steps {
        keys.push(s.step.key());
        match &s.step {
            Step::StandardHours {
                assigned,
                completed,
                entries,
            } => {
                assert!(*entries > 0 && *assigned > 0.0, "{who}: {s:?}");
                assert!(
                    near((completed / assigned).min(1.0) * 100.0, comp["a"] * 100.0),
                    "{who}: {s:?}"
                );
            }
            Step::Quantity { hours, a } => {
                assert_eq!(*a, comp["a"], "{who}");
                let (completed, assigned) = hours.unwrap_or_else(|| panic!("{who}: hours: {s:?}"));
                assert!(
                    near((completed / assigned).min(1.0), *a),
                    "{who}: the hours give a: {s:?}"
                );
            }
            Step::Quality { b, .. } => assert_eq!(*b, comp["b"], "{who}"),
            Step::Timeliness { c, .. } => assert_eq!(*c, comp["c"], "{who}"),
            Step::Task {
                a,
                b,
                c,
                formula,
                task,
            } => {
                assert_eq!(*task, comp["task"], "{who}");
                let f = formula
                    .as_ref()
                    .unwrap_or_else(|| panic!("{who}: the task formula"));
                let [wa, wb, wc] = f.weights;
                assert!(
                    near(
                        (wa * a + wb * b + wc * c) / (wa + wb + wc) * f.task_max,
                        *task
                    ),
                    "{who}"
                );
                maxima.0 = Some(f.task_max);
            }
            Step::Criterion {
                criterion,
                max,
                points,
                given,
            } => {
                assert_eq!(*points, comp[criterion.names().0], "{who}");
                assert!(
                    near(given.expect("given").min(*max), *points),
                    "{who}: {s:?}"
                );
                if *criterion == app::models::Criterion::General {
                    maxima.1 = Some(*max);
                }
            }
            Step::Total { parts, total: t } => {
                assert_eq!(*t, total, "{who}");
                if e.period.len() == 7 {
                    let sum: f64 = parts.iter().map(|(_, v)| v).sum();
                    assert!(!parts.is_empty() && near(sum, total), "{who}: {s:?}");
                }
            }
            Step::Grade {
                thresholds,
                grade,
                total: t,
                disqualified,
            } => {
                assert_eq!(Some(grade), e.grade.as_ref(), "{who}");
                assert_eq!(*t, total, "{who}");
                let by_total = thresholds
                    .iter()
                    .find(|th| {
                        if th.strict {
                            total > th.value
                        } else {
                            total >= th.value
                        }
                    })
                    .map_or("KHTNV", |th| th.grade.as_str());
                let capped = e.trace.iter().any(|l| l.rule == "cohort.cap");
                if !disqualified && !capped {
                    assert_eq!(by_total, grade, "{who}: thresholds {thresholds:?}");
                }
            }
            Step::Months { average, .. } | Step::Year { average, .. } => {
                assert_eq!(*average, comp["months_average"], "{who}");
            }
            _ => {}
        }
        // A step's links point at a trace item of this score.
        if let Some(rule) = &s.rule {
            assert!(e.trace.iter().any(|l| &l.rule == rule), "{who}: {rule}");
        }
    }
    if e.period.len() == 7 {
        for k in [
            "standard-hours",
            "quantity",
            "quality",
            "timeliness",
            "task",
            "general",
            "total",
            "grade",
        ] {
            assert!(keys.contains(&k), "{who}: {k} in {keys:?}");
        }
        Some((maxima.0?, maxima.1?))
    } else {
        assert!(keys.contains(&"grade"), "{who}: {keys:?}");
        None
    }
}

/// "How my score is computed" (#20): on the demo province, every scored officer's walk gives
/// the stored components, total and grade; activate a formula with other parameters and the
/// walk follows them.
#[tokio::test]
async fn the_walk_through_a_score_gives_its_stored_figures_and_follows_the_parameters() {
    use app::ssr::entities::period_score;
    let pool = RulePool::default();
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let db = &app.db.db;
        let committee = app.signed_in("bcd", seed::DEMO_PASSWORD).await;
        let periods: HashMap<i32, String> = period::Entity::find()
            .all(db)
            .await
            .expect("periods")
            .into_iter()
            .map(|p| (p.id, p.code))
            .collect();
        let scored = period_score::Entity::find()
            .filter(period_score::Column::SupersededBy.is_null())
            .filter(period_score::Column::Total.is_not_null())
            .all(db)
            .await
            .expect("scores");
        assert!(scored.len() > 20, "{name}: {} demo scores", scored.len());
        let explain = |officer: i32, period: String| {
            let committee = &committee;
            let addr = app.addr;
            async move {
                call(
                    committee,
                    addr,
                    "score_explanation",
                    &[("officer_id", &officer.to_string()), ("period", &period)],
                )
                .await
                .json::<ScoreExplanation>()
            }
        };
        let mut months = 0;
        for s in &scored {
            let e = explain(s.officer_id, periods[&s.period_id].clone()).await;
            if check_walk(name, &e).is_some() {
                months += 1;
            }
        }
        assert!(months > 20, "{name}: {months} month walks");

        // The committee activates a formula with other maxima; the walk follows them.
        let admin = app.signed_in("admin", seed::DEMO_PASSWORD).await;
        let active = common::active_formula(&app, &admin).await;
        let before = scored
            .iter()
            .find(|s| s.rule_set_version_id == active && periods[&s.period_id].len() == 7)
            .expect("a month scored by the default");
        let code = periods[&before.period_id].clone();
        let (task_max, general_max) =
            check_walk(name, &explain(before.officer_id, code.clone()).await).expect("a month");
        let draft = common::new_formula_draft(&app, &admin).await;
        let page = common::rule_version_page(&admin, &app, draft).await;
        let saved = call(
            &admin,
            app.addr,
            "save_rule_draft",
            &[
                ("form[id]", &draft.to_string()),
                ("form[lock_version]", &page.lock_version.to_string()),
                ("form[script]", &page.script),
                ("form[params][0][name]", "task_max"),
                ("form[params][0][value]", &(task_max - 10.0).to_string()),
                ("form[params][1][name]", "general_max"),
                ("form[params][1][value]", &(general_max + 10.0).to_string()),
            ],
        )
        .await;
        assert!(saved.status.is_success(), "{name}: {}", saved.body);
        let p = period::Entity::find()
            .filter(period::Column::Code.eq(code.clone()))
            .one(db)
            .await
            .expect("read")
            .expect("month");
        activate(db, draft, p.starts_on).await;
        scoring::score_period(
            db,
            &pool,
            &Actor::system("test"),
            app::models::PeriodCode::parse(&code).expect("code"),
            None,
        )
        .await
        .expect("score");
        let after = explain(before.officer_id, code.clone()).await;
        assert_eq!(after.rule_version_id, draft, "{name}");
        assert_eq!(
            check_walk(name, &after),
            Some((task_max - 10.0, general_max + 10.0)),
            "{name}"
        );
        app.stop().await;
    }
}
