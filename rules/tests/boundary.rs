//! Proposed boundary cases: they hit the totals they promise, pass on the
//! shipped profiles and fail on a script that misreads a threshold.

use proptest::prelude::*;
use rubric_rules::boundary::{boundary_cases, BoundaryCases, BoundaryError};
use rubric_rules::{
    CaseSpec, CompiledRuleSet, ParamValue, ParamValues, RuleEngine, RuleSetSource, ScoringInput,
    Status,
};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::OnceLock;

fn engine() -> &'static RuleEngine {
    static ENGINE: OnceLock<RuleEngine> = OnceLock::new();
    ENGINE.get_or_init(RuleEngine::default)
}

fn profile(name: &str) -> RuleSetSource {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(name);
    RuleSetSource::from_dir(&dir).expect("profile readable")
}

fn compile(source: &RuleSetSource) -> CompiledRuleSet {
    engine().compile(source).expect("compiles")
}

fn propose(
    rules: &CompiledRuleSet,
    params: &ParamValues,
    template: Option<&Value>,
) -> BoundaryCases {
    boundary_cases(engine(), rules, params, template).expect("boundary cases")
}

/// A shipped profile, and its cases with default parameters from the sample,
/// every point reached.
fn reachable_cases(name: &str) -> (RuleSetSource, CompiledRuleSet, Vec<CaseSpec>) {
    let source = profile(name);
    let rules = compile(&source);
    let proposed = propose(&rules, &ParamValues::new(), None);
    assert!(
        proposed.unreachable.is_empty(),
        "{name}: {:?}",
        proposed.unreachable
    );
    (source, rules, proposed.cases)
}

/// Runs `cases` with the crate's case runner, as `cases.json` of `source`.
fn run_as_cases_file(source: &RuleSetSource, cases: &[CaseSpec]) -> rubric_rules::CaseReport {
    let mut with_cases = source.clone();
    with_cases.cases_json = serde_json::to_string_pretty(cases).expect("json");
    let rules = compile(&with_cases);
    assert_eq!(rules.cases(), cases, "cases survive cases.json");
    engine().run_cases(&rules)
}

fn names_and_grades(cases: &[CaseSpec]) -> Vec<(String, String)> {
    cases
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.expect[0].grade.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Every case's input scores (without the cohort step) to its expected total.
fn assert_totals_hit(rules: &CompiledRuleSet, cases: &[CaseSpec]) {
    for case in cases {
        assert!(!case.cohort, "{}", case.name);
        let input = ScoringInput::from_value(&case.input).expect("case input");
        assert_eq!(input.officers.len(), 1, "{}", case.name);
        let params = rules.params().resolve_json(&case.params).expect("params");
        let results = engine().score(rules, &input, &params).expect("scores");
        let want = case.expect[0].total.expect("total");
        // Scored alone, the cohort step could only change the grade, never the total.
        assert_eq!(results[0].status, Status::Scored, "{}", case.name);
        assert_eq!(results[0].total, Some(want), "{}", case.name);
    }
}

#[test]
fn decree_335_yields_nine_passing_cases() {
    let (source, rules, cases) = reachable_cases("decree-335");
    assert_eq!(
        names_and_grades(&cases),
        pairs(&[
            ("Ranh giới HTXSNV (90,00): tổng 89,99", "HTTNV"),
            ("Ranh giới HTXSNV (90,00): tổng 90,00", "HTXSNV"),
            ("Ranh giới HTXSNV (90,00): tổng 90,01", "HTXSNV"),
            ("Ranh giới HTTNV (70,00): tổng 69,99", "HTNV"),
            ("Ranh giới HTTNV (70,00): tổng 70,00", "HTTNV"),
            ("Ranh giới HTTNV (70,00): tổng 70,01", "HTTNV"),
            ("Ranh giới HTNV (50,00): tổng 49,99", "KHTNV"),
            ("Ranh giới HTNV (50,00): tổng 50,00", "HTNV"),
            ("Ranh giới HTNV (50,00): tổng 50,01", "HTNV"),
        ])
    );
    for case in &cases {
        let outcome = engine().run_case(&rules, case);
        assert!(outcome.passed, "{}: {outcome:?}", case.name);
        assert!(case.params.is_empty());
    }
    let report = run_as_cases_file(&source, &cases);
    assert_eq!((report.passed, report.failed), (9, 0));
    assert_totals_hit(&rules, &cases);
    // The cohort flag is written, so the cases stay about one officer's grade.
    let json = serde_json::to_value(&cases[1]).expect("json");
    assert_eq!(json["cohort"], false);
}

#[test]
fn an_off_by_one_threshold_fails_its_case() {
    let mut source = profile("decree-335");
    let right = "if total >= params.excellent_min {";
    assert!(source.script.contains(right));
    source.script = source
        .script
        .replace(right, "if total > params.excellent_min {");
    let rules = compile(&source);
    let proposed = propose(&rules, &ParamValues::new(), None);
    assert_eq!(proposed.cases.len(), 9);
    let report = run_as_cases_file(&source, &proposed.cases);
    let failed: Vec<&str> = report
        .cases
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(failed, ["Ranh giới HTXSNV (90,00): tổng 90,00"]);
    let failure = &report.cases[1].failures[0];
    assert_eq!(
        (
            failure.field.as_str(),
            failure.expected.as_str(),
            failure.actual.as_str()
        ),
        ("grade", "HTXSNV", "HTTNV")
    );
}

fn khanh_hoa_template() -> Value {
    let mut doc: Value =
        serde_json::from_str(rubric_rules::input::SAMPLE_DOCUMENT).expect("sample");
    doc["officers"][0]["criteria"] = json!({"general": 18, "reform_it": 9});
    doc
}

#[test]
fn a_strict_threshold_puts_its_own_value_below_the_grade() {
    let source = profile("khanh-hoa-2025");
    let rules = compile(&source);
    match boundary_cases(engine(), &rules, &ParamValues::new(), None) {
        Err(BoundaryError::TemplateNotScored { officer, reason }) => {
            assert_eq!(officer, "cb-0001");
            assert!(reason.contains("cải cách hành chính"), "{reason}");
        }
        other => panic!("the sample has no reform_it points: {other:?}"),
    }
    let template = khanh_hoa_template();
    let proposed = propose(&rules, &ParamValues::new(), Some(&template));
    assert!(
        proposed.unreachable.is_empty(),
        "{:?}",
        proposed.unreachable
    );
    let grades = names_and_grades(&proposed.cases);
    assert_eq!(
        grades[3..6],
        pairs(&[
            ("Ranh giới HTTNV (trên 80,00): tổng 79,99", "HTNV"),
            ("Ranh giới HTTNV (trên 80,00): tổng 80,00", "HTNV"),
            ("Ranh giới HTTNV (trên 80,00): tổng 80,01", "HTTNV"),
        ])
    );
    let report = run_as_cases_file(&source, &proposed.cases);
    assert_eq!((report.passed, report.failed), (9, 0), "{report:?}");
    assert_totals_hit(&rules, &proposed.cases);
}

#[test]
fn the_leader_template_passes_its_boundary_cases() {
    let (source, _, cases) = reachable_cases("leader");
    let report = run_as_cases_file(&source, &cases);
    assert_eq!((report.passed, report.failed), (9, 0), "{report:?}");
}

#[test]
fn overridden_thresholds_are_written_into_the_cases() {
    let source = profile("decree-335");
    let rules = compile(&source);
    let params = ParamValues::from([("excellent_min".to_string(), ParamValue::Integer(95))]);
    let proposed = propose(&rules, &params, None);
    assert_eq!(
        proposed.cases[0].name,
        "Ranh giới HTXSNV (95,00): tổng 94,99"
    );
    for case in &proposed.cases {
        assert_eq!(case.params.get("excellent_min"), Some(&json!(95.0)));
        assert_eq!(case.params.len(), 1);
    }
    let report = run_as_cases_file(&source, &proposed.cases);
    assert_eq!((report.passed, report.failed), (9, 0), "{report:?}");
}

#[test]
fn a_total_that_jumps_over_a_point_is_reported_unreachable() {
    let script = r#"
fn score(o, p, q) {
    let g = o.criteria.general;
    let t = if g >= 20.0 { 95.0 } else { round_to(g * 4.0, 2) };
    award("x", "X", t, "x");
    scored(t, if t >= p.top { "A" } else { "B" })
}"#;
    let params =
        r#"{"top": {"type": "number", "default": 90, "grade": "A", "label_vi": "Ngưỡng A"}}"#;
    let rules = compile(&RuleSetSource::new(script, params, "[]"));
    let proposed = propose(&rules, &ParamValues::new(), None);
    assert!(proposed.cases.is_empty(), "{:?}", proposed.cases);
    let totals: Vec<f64> = proposed.unreachable.iter().map(|u| u.total).collect();
    assert_eq!(totals, [89.99, 90.0, 90.01]);
    for u in &proposed.unreachable {
        assert_eq!(
            (u.param.as_str(), u.grade.as_str(), u.threshold),
            ("top", "A", 90.0)
        );
        assert!(u.reason.contains("nhảy từ 79,96 lên 95,00"), "{}", u.reason);
    }
}

#[test]
fn points_out_of_reach_and_missing_thresholds_are_explained() {
    let script = r#"
fn score(o, p, q) {
    let t = min(o.criteria.general, 60.0);
    award("x", "X", t, "x");
    scored(t, if t >= p.top { "A" } else if t >= p.low { "B" } else { "C" })
}"#;
    let params = r#"{"top": {"type": "number", "default": 90, "grade": "A", "label_vi": "A"},
                     "low": {"type": "number", "default": 0, "grade": "B", "label_vi": "B"}}"#;
    let rules = compile(&RuleSetSource::new(script, params, "[]"));
    let proposed = propose(&rules, &ParamValues::new(), None);
    let unreachable: Vec<(String, f64)> = proposed
        .unreachable
        .iter()
        .map(|u| (u.param.clone(), u.total))
        .collect();
    // 90 is beyond the 60 the script ever gives; below 0, nothing is reachable
    // and no grade is known.
    assert_eq!(
        unreachable,
        [
            ("top".to_string(), 89.99),
            ("top".to_string(), 90.0),
            ("top".to_string(), 90.01),
            ("low".to_string(), -0.01),
        ]
    );
    assert!(proposed.unreachable[0].reason.contains("từ 0,00 đến 60,00"));
    assert!(proposed.unreachable[3]
        .reason
        .contains("dưới ngưỡng thấp nhất"));
    assert_eq!(proposed.cases.len(), 2);

    let plain = compile(&RuleSetSource::new(
        script.replace("p.top", "90").replace("p.low", "0"),
        "{}",
        "[]",
    ));
    assert_eq!(
        boundary_cases(engine(), &plain, &ParamValues::new(), None),
        Err(BoundaryError::NoThresholds)
    );
}

/// A template officer with several entries, penalties and an uneven norm.
fn template(general: f64, assigned: [u32; 3], done: [u32; 3], failures: u32) -> Value {
    let entry = |i: usize, norm: u32, coefficient: f64| {
        json!({"id": format!("e-{i}"), "norm_minutes": norm, "coefficient": coefficient,
               "assigned_qty": assigned[i], "completed_qty": done[i].min(assigned[i] + 2),
               "deadline": "2025-05-10", "completed_on": if i == 2 { "2025-05-12" } else { "2025-05-09" },
               "quality_failures": if i == 1 { failures } else { 0 }})
    };
    json!({
        "period": {"kind": "month", "start": "2025-05-01", "end": "2025-05-31"},
        "officers": [{"id": "cb-t", "cohort": "c", "criteria": {"general": general},
                      "entries": [entry(0, 30, 1.2), entry(1, 45, 1.5), entry(2, 7, 1.0)]}]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn every_proposed_case_hits_its_total(
        general in 0u32..=3000,
        assigned in prop::array::uniform3(1u32..40),
        done in prop::array::uniform3(0u32..40),
        failures in 0u32..3,
        top in 7000u32..=10000,
        good_gap in 1u32..3000,
        pass_gap in 1u32..3000,
    ) {
        let source = profile("decree-335");
        let rules = compile(&source);
        let good = top.saturating_sub(good_gap).max(2);
        let pass = good.saturating_sub(pass_gap).max(1);
        let params = ParamValues::from([
            ("excellent_min".to_string(), ParamValue::Number(f64::from(top) / 100.0)),
            ("good_min".to_string(), ParamValue::Number(f64::from(good) / 100.0)),
            ("pass_min".to_string(), ParamValue::Number(f64::from(pass) / 100.0)),
        ]);
        let doc = template(f64::from(general) / 100.0, assigned, done, failures);
        let proposed = boundary_cases(engine(), &rules, &params, Some(&doc));
        let proposed = match proposed {
            Ok(p) => p,
            // Nothing completed and no points: some templates are not scored.
            Err(BoundaryError::TemplateNotScored { .. }) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        assert_totals_hit(&rules, &proposed.cases);
        for case in &proposed.cases {
            let outcome = engine().run_case(&rules, case);
            prop_assert!(outcome.passed, "{}: {:?}", case.name, outcome);
        }
        // Only totals above the best the template can do are out of reach.
        let best = {
            let mut doc = doc.clone();
            doc["officers"][0]["criteria"]["general"] = json!(30);
            for (i, e) in doc["officers"][0]["entries"].as_array_mut().into_iter().flatten().enumerate() {
                e["completed_qty"] = json!(done[i].min(assigned[i] + 2).max(assigned[i]));
            }
            let input = ScoringInput::from_value(&doc).expect("input");
            let results = engine().score(&rules, &input, &params).expect("scores");
            results[0].total.expect("total")
        };
        for u in &proposed.unreachable {
            prop_assert!(u.total > best, "{u:?} (best {best})");
        }
    }
}
