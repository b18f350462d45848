//! The shipped profiles: they compile, pass their cases, and their results
//! carry complete traces.

use rubric_rules::numbers::to_cents;
use rubric_rules::{
    ParamValue, ParamValues, RuleEngine, RuleSetSource, ScoringInput, Status, Trace,
};
use std::path::Path;

fn profile(name: &str) -> RuleSetSource {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(name);
    RuleSetSource::from_dir(&dir).expect("profile readable")
}

fn assert_trace_complete(id: &str, total: f64, trace: &Trace) {
    assert_eq!(
        trace.total_cents(),
        to_cents(total),
        "{id}: trace does not add up"
    );
    assert!((trace.total() - total).abs() < 1e-9, "{id}: trace total");
    for item in trace.items() {
        assert!(
            !item.label.is_empty() && !item.explanation.is_empty(),
            "{id}: {item:?}"
        );
        if item.rule != "rounding" {
            assert!(item.line.is_some(), "{id}: {} has no line", item.rule);
        } else {
            assert!(
                item.points.abs() <= 0.05,
                "{id}: rounding item {}",
                item.points
            );
        }
        if !item.entries.is_empty() && item.points != 0.0 {
            let sum: f64 = item.entries.iter().map(|e| e.contribution).sum();
            let slack = 0.0001 * item.entries.len() as f64 + 0.006;
            assert!(
                (sum - item.points).abs() <= slack,
                "{id}: {} entries sum {sum}",
                item.rule
            );
        }
    }
}

fn check_profile(name: &str) {
    let engine = RuleEngine::default();
    let rules = engine.compile(&profile(name)).expect("profile compiles");
    assert!(
        rules.cases().len() >= 20,
        "{name}: only {} cases",
        rules.cases().len()
    );
    let report = engine.run_cases(&rules);
    let failures: Vec<String> = report
        .cases
        .iter()
        .filter(|c| !c.passed)
        .map(|c| format!("{}: {:?} {:?}", c.name, c.failures, c.error))
        .collect();
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
    assert_eq!(report.passed, rules.cases().len());

    for case in rules.cases() {
        let input = ScoringInput::from_value(&case.input).expect("case input");
        let params = case
            .params
            .iter()
            .map(|(k, v)| {
                let value = v
                    .as_i64()
                    .map(ParamValue::Integer)
                    .or_else(|| v.as_f64().map(ParamValue::Number))
                    .expect("numeric override");
                (k.clone(), value)
            })
            .collect::<ParamValues>();
        for result in engine.score(&rules, &input, &params).expect("scores") {
            match result.status {
                Status::Scored => {
                    let total = result.total.expect("total");
                    assert!(result.grade.is_some());
                    let keys: &[&str] = if input.period.kind == "month" {
                        &["a", "b", "c", "task", "general"]
                    } else {
                        &["months_average", "months_scored", "task"]
                    };
                    for &key in keys {
                        assert!(result.components.contains_key(key), "{}: {key}", result.id);
                    }
                    assert_trace_complete(&result.id, total, &result.trace);
                }
                Status::NotScored => {
                    assert!(result.total.is_none() && result.grade.is_none());
                    assert!(result.reason.as_deref().is_some_and(|r| !r.is_empty()));
                }
            }
        }
    }
}

#[test]
fn decree_335_passes_its_cases_with_complete_traces() {
    check_profile("decree-335");
}

#[test]
fn khanh_hoa_2025_passes_its_cases_with_complete_traces() {
    check_profile("khanh-hoa-2025");
}

#[test]
fn leader_template_passes_its_cases_with_complete_traces() {
    check_profile("leader");
}

/// The trace item of `rule` for `officer` in the leader template's case `name`.
fn leader_item(name: &str, officer: &str, rule: &str) -> rubric_rules::TraceItem {
    let engine = RuleEngine::default();
    let rules = engine.compile(&profile("leader")).expect("compiles");
    let case = rules
        .cases()
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case `{name}`"));
    let input = ScoringInput::from_value(&case.input).expect("input");
    let results = engine
        .score(&rules, &input, &ParamValues::new())
        .expect("scores");
    let result = results.iter().find(|r| r.id == officer).expect("officer");
    result
        .trace
        .items()
        .iter()
        .find(|i| i.rule == rule)
        .cloned()
        .unwrap_or_else(|| panic!("{name}: no `{rule}` item in {:?}", result.trace))
}

#[test]
fn the_leader_template_explains_the_unit_result() {
    let unit = leader_item(
        "Lãnh đạo: một cán bộ KHTNV nên kết quả đơn vị 50%",
        "ld-1",
        "task.unit",
    );
    assert_eq!(unit.points, 17.5);
    for part in [
        "snv/tccb có 3 cán bộ được chấm",
        "1 người Không hoàn thành nhiệm vụ (cb-3: 45,00 điểm)",
        "kết quả của đơn vị là 50,00%",
        "50,00% × 50,00% × 70,00 = 17,50 điểm",
    ] {
        assert!(unit.explanation.contains(part), "{}", unit.explanation);
    }
    let skipped = leader_item(
        "Lãnh đạo: cán bộ không được chấm thì không tính vào kết quả đơn vị",
        "ld-1",
        "task.unit",
    );
    assert!(
        skipped.explanation.contains("có 1 cán bộ được chấm")
            && skipped.explanation.contains("3 cán bộ không được chấm"),
        "{}",
        skipped.explanation
    );
    let own = leader_item(
        "Lãnh đạo: cán bộ không được chấm thì không tính vào kết quả đơn vị",
        "ld-1",
        "task.quantity",
    );
    assert!(own.explanation.contains("chiếm 50,00% điểm nhiệm vụ"));
    let alone = leader_item(
        "Lãnh đạo không phụ trách đơn vị: chỉ tính công việc của bản thân",
        "ld-1",
        "task.unit.none",
    );
    assert_eq!(alone.points, 0.0);
    assert!(alone.explanation.contains("không phụ trách đơn vị"));
    let nobody = leader_item(
        "Lãnh đạo có đơn vị nhưng không ai được chấm: chỉ tính công việc của bản thân",
        "ld-1",
        "task.unit.none",
    );
    assert!(
        nobody
            .explanation
            .contains("(2 cán bộ không có công việc được giao"),
        "{}",
        nobody.explanation
    );
}

#[test]
fn a_leader_of_the_largest_unit_is_scored_within_the_default_size_limits() {
    use rubric_rules::input::MAX_LED_UNIT_MEMBERS;
    let entries: Vec<serde_json::Value> = (0..10)
        .map(|j| {
            serde_json::json!({"id": format!("e-{j}"), "norm_minutes": 30, "coefficient": 1.2,
                               "assigned_qty": 4, "completed_qty": 3 + j % 2, "delays": j % 3})
        })
        .collect();
    let members: Vec<serde_json::Value> = (0..MAX_LED_UNIT_MEMBERS)
        .map(|i| {
            serde_json::json!({"id": format!("cb-{i}"), "cohort": "c", "disqualified": i % 7 == 0,
                               "criteria": {"general": 10 + i % 20}, "entries": entries})
        })
        .collect();
    let doc = serde_json::json!({
        "period": {"kind": "month", "start": "2025-05-01", "end": "2025-05-31"},
        "officers": [{"id": "ld", "cohort": "l", "criteria": {"general": 25}, "entries": entries,
                      "led_unit": {"code": "u", "members": members}}]
    });
    let input = ScoringInput::from_value(&doc).expect("input");
    // Operations, sizes and column memory as by default; the deadline is for
    // release builds (this takes about a second unoptimised, a tenth of that
    // or less optimised).
    let engine = RuleEngine::new(rubric_rules::Limits {
        deadline_ms: 30_000,
        ..Default::default()
    });
    let rules = engine.compile(&profile("leader")).expect("compiles");
    let results = engine
        .score(&rules, &input, &ParamValues::new())
        .expect("scores");
    let unit = results[0]
        .trace
        .items()
        .iter()
        .find(|i| i.rule == "task.unit")
        .expect("unit item");
    assert!(
        unit.explanation
            .contains(&format!("có {MAX_LED_UNIT_MEMBERS} cán bộ được chấm")),
        "{}",
        unit.explanation
    );
    assert!(
        unit.explanation
            .contains("286 người Không hoàn thành nhiệm vụ (cb-0: bị kỷ luật; cb-7")
            && unit.explanation.contains("; …)"),
        "{}",
        unit.explanation
    );
}

#[test]
fn the_domain_sample_document_evaluates() {
    let engine = RuleEngine::default();
    let rules = engine.compile(&profile("decree-335")).expect("compiles");
    let input = ScoringInput::sample().expect("sample");
    let results = engine
        .score(&rules, &input, &ParamValues::new())
        .expect("scores");
    let r = &results[0];
    assert_eq!(r.id, "cb-0001");
    assert_eq!(r.status, Status::Scored);
    assert_eq!(r.total, Some(97.5));
    assert_eq!(r.components["a"], 1.0);
    assert_eq!(r.components["task"], 70.0);
    // Alone in the cohort, ⌊1/6⌋ = 0 officers may keep HTXSNV.
    assert_eq!(r.grade.as_deref(), Some("HTTNV"));
    let cap = r
        .trace
        .items()
        .iter()
        .find(|i| i.rule == "cohort.cap")
        .expect("cap item");
    assert_eq!(cap.points, 0.0);
    assert!(cap.explanation.contains("Hoàn thành tốt"));
    let quantity = r
        .trace
        .items()
        .iter()
        .find(|i| i.rule == "task.quantity")
        .expect("a");
    assert_eq!(quantity.entries.len(), 1);
    assert_eq!(&*quantity.entries[0].id, "e-1");
}

#[test]
fn scored_alone_an_officer_keeps_the_grade_the_cohort_step_would_cap() {
    let engine = RuleEngine::default();
    let rules = engine.compile(&profile("decree-335")).expect("compiles");
    let input = ScoringInput::sample().expect("sample");
    let with_cohort = engine
        .score(&rules, &input, &ParamValues::new())
        .expect("scores");
    let alone = engine
        .score_alone(&rules, &input, &ParamValues::new())
        .expect("scores");
    // The same points; only the cohort's regrade is missing.
    assert_eq!(alone[0].total, with_cohort[0].total);
    assert_eq!(alone[0].components, with_cohort[0].components);
    assert_eq!(with_cohort[0].grade.as_deref(), Some("HTTNV"));
    assert_eq!(alone[0].grade.as_deref(), Some("HTXSNV"));
    assert!(alone[0]
        .trace
        .items()
        .iter()
        .all(|i| i.rule != "cohort.cap"));
    assert_trace_complete("alone", 97.5, &alone[0].trace);
}

#[test]
fn a_wrong_expectation_fails_with_expected_and_actual() {
    let engine = RuleEngine::default();
    let mut source = profile("decree-335");
    source.cases_json = source
        .cases_json
        .replacen("\"total\": 97.5", "\"total\": 96.5", 1);
    let rules = engine.compile(&source).expect("compiles");
    let report = engine.run_cases(&rules);
    assert_eq!(report.failed, 1);
    let failure = &report.cases[0].failures[0];
    assert_eq!(failure.field, "total");
    assert_eq!(failure.expected, "96,5000");
    assert_eq!(failure.actual, "97,5000");
}

#[test]
fn parameters_change_results_without_touching_the_script() {
    let engine = RuleEngine::default();
    let rules = engine.compile(&profile("decree-335")).expect("compiles");
    let input = ScoringInput::sample().expect("sample");
    let overrides = ParamValues::from([("general_max".to_string(), ParamValue::Number(20.0))]);
    let results = engine.score(&rules, &input, &overrides).expect("scores");
    assert_eq!(results[0].total, Some(90.0));
    let bad = ParamValues::from([("general_max".to_string(), ParamValue::Number(-1.0))]);
    assert!(matches!(
        engine.score(&rules, &input, &bad),
        Err(rubric_rules::RuleError::Params(_))
    ));
}

#[test]
fn parallel_scoring_matches_sequential() {
    let engine = RuleEngine::default();
    let rules = engine.compile(&profile("decree-335")).expect("compiles");
    for case in rules.cases() {
        let input = ScoringInput::from_value(&case.input).expect("input");
        let one = engine.score_parallel(&rules, &input, &ParamValues::new(), 1);
        let three = engine.score_parallel(&rules, &input, &ParamValues::new(), 3);
        assert_eq!(one, three, "{}", case.name);
    }
}

#[test]
fn compiled_rule_sets_carry_the_content_hash() {
    let engine = RuleEngine::default();
    let source = profile("khanh-hoa-2025");
    let a = engine.compile(&source).expect("compiles");
    let b = engine.compile(&source).expect("compiles again (cached)");
    assert_eq!(a.content_hash(), source.content_hash());
    assert_eq!(a.content_hash(), b.content_hash());
    assert_ne!(a.content_hash(), profile("decree-335").content_hash());
    assert!(!a.has_cohort_step());
}
