//! Test cases a rule set carries: input document → expected results.
//!
//! `cases.json` is an array of
//! `{name, input, params?, cohort?, expect: [{officer, status, total?, grade?, components?, tolerance?}]}`.
//! `params` overrides parameter values for that case; `cohort: false` runs
//! only `score`, without the cohort step (a case about one officer's grade
//! would otherwise meet the cohort cap); `tolerance` (default 0.005) bounds
//! the difference for `total` and `components`.

use crate::engine::{CompiledRuleSet, RuleEngine, Steps};
use crate::error::RuleError;
use crate::input::ScoringInput;
use crate::numbers::format_vn;
use crate::result::{OfficerResult, Status};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// Default tolerance for totals and components.
pub const DEFAULT_TOLERANCE: f64 = 0.005;

/// One test case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    pub name: String,
    /// A scoring input document.
    pub input: Value,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub params: serde_json::Map<String, Value>,
    /// Run the cohort step after `score` (the default); `false` skips it.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub cohort: bool,
    pub expect: Vec<Expectation>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// What one officer's result must be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub officer: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<BTreeMap<String, f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

/// A difference between expected and actual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFailure {
    pub officer: String,
    pub field: String,
    pub expected: String,
    pub actual: String,
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseOutcome {
    pub name: String,
    pub passed: bool,
    pub failures: Vec<CaseFailure>,
    /// Set when the case could not be scored at all (bad input, script error, …).
    pub error: Option<RuleError>,
}

/// The outcome of all cases of a rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseReport {
    pub cases: Vec<CaseOutcome>,
    pub passed: usize,
    pub failed: usize,
}

impl CaseReport {
    pub fn all_passed(&self) -> bool {
        self.failed == 0
    }
}

/// Parses and checks `cases.json`.
pub fn parse_cases(json: &str) -> Result<Vec<CaseSpec>, RuleError> {
    let cases: Vec<CaseSpec> = serde_json::from_str(json)
        .map_err(|e| RuleError::Cases(format!("dòng {}, cột {}: {e}", e.line(), e.column())))?;
    let mut names = HashSet::new();
    for case in &cases {
        if case.name.trim().is_empty() {
            return Err(RuleError::Cases("một ca kiểm thử không có tên".into()));
        }
        if !names.insert(case.name.as_str()) {
            return Err(RuleError::Cases(format!("tên ca `{}` bị trùng", case.name)));
        }
        if case.expect.is_empty() {
            return Err(RuleError::Cases(format!(
                "ca `{}` không có kết quả mong đợi nào",
                case.name
            )));
        }
        if let Some(bad) = case
            .expect
            .iter()
            .find_map(|e| e.tolerance.filter(|t| !t.is_finite() || *t < 0.0))
        {
            return Err(RuleError::Cases(format!(
                "ca `{}`: sai số cho phép phải là số không âm (nhận {bad})",
                case.name
            )));
        }
    }
    Ok(cases)
}

/// Runs every case of `rules`.
pub(crate) fn run_all(engine: &RuleEngine, rules: &CompiledRuleSet) -> CaseReport {
    let cases: Vec<CaseOutcome> = rules
        .cases()
        .iter()
        .map(|case| run_one(engine, rules, case))
        .collect();
    let passed = cases.iter().filter(|c| c.passed).count();
    CaseReport {
        failed: cases.len() - passed,
        passed,
        cases,
    }
}

/// Runs one case against `rules`.
pub(crate) fn run_one(
    engine: &RuleEngine,
    rules: &CompiledRuleSet,
    case: &CaseSpec,
) -> CaseOutcome {
    let steps = if case.cohort {
        Steps::ScoreAndCohort
    } else {
        Steps::ScoreOnly
    };
    let scored = ScoringInput::from_value(&case.input)
        .map_err(RuleError::from)
        .and_then(|input| {
            let params = rules.params().resolve_json(&case.params)?;
            engine.score_resolved(rules, &input, &params, 1, steps)
        });
    match scored {
        Ok(results) => {
            let failures: Vec<CaseFailure> = case
                .expect
                .iter()
                .flat_map(|e| compare(e, results.iter().find(|r| r.id == e.officer)))
                .collect();
            CaseOutcome {
                name: case.name.clone(),
                passed: failures.is_empty(),
                failures,
                error: None,
            }
        }
        Err(e) => CaseOutcome {
            name: case.name.clone(),
            passed: false,
            failures: Vec::new(),
            error: Some(e),
        },
    }
}

fn status_text(status: Status) -> String {
    match status {
        Status::Scored => "scored (được chấm)".into(),
        Status::NotScored => "not_scored (không chấm)".into(),
    }
}

fn optional_number(x: Option<f64>) -> String {
    x.map_or_else(|| "không có".into(), |x| format_vn(x, 4))
}

fn compare(expect: &Expectation, actual: Option<&OfficerResult>) -> Vec<CaseFailure> {
    let fail = |field: &str, expected: String, actual: String| CaseFailure {
        officer: expect.officer.clone(),
        field: field.to_string(),
        expected,
        actual,
    };
    let Some(actual) = actual else {
        return vec![fail(
            "officer",
            "có kết quả".into(),
            "không có trong kết quả".into(),
        )];
    };
    let tolerance = expect.tolerance.unwrap_or(DEFAULT_TOLERANCE);
    let close = |want: f64, got: Option<f64>| got.is_some_and(|g| (g - want).abs() <= tolerance);
    let mut failures = Vec::new();
    if expect.status != actual.status {
        failures.push(fail(
            "status",
            status_text(expect.status),
            status_text(actual.status),
        ));
    }
    if let Some(want) = expect.total {
        if !close(want, actual.total) {
            failures.push(fail(
                "total",
                format_vn(want, 4),
                optional_number(actual.total),
            ));
        }
    }
    if let Some(want) = &expect.grade {
        if actual.grade.as_ref() != Some(want) {
            let got = actual.grade.clone().unwrap_or_else(|| "không có".into());
            failures.push(fail("grade", want.clone(), got));
        }
    }
    for (name, want) in expect.components.iter().flatten() {
        let got = actual.components.get(name).copied();
        if !close(*want, got) {
            failures.push(fail(
                &format!("components.{name}"),
                format_vn(*want, 4),
                optional_number(got),
            ));
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_malformed_case_files() {
        assert!(parse_cases("[]").is_ok());
        assert!(parse_cases("{}").is_err());
        let no_expect = r#"[{"name": "a", "input": {}, "expect": []}]"#;
        assert!(parse_cases(no_expect).is_err());
        let typo = r#"[{"name": "a", "input": {}, "expect": [{"officer": "x", "status": "scored", "totl": 1}]}]"#;
        assert!(parse_cases(typo).is_err());
        let dup = r#"[{"name": "a", "input": {}, "expect": [{"officer": "x", "status": "scored"}]},
                      {"name": "a", "input": {}, "expect": [{"officer": "x", "status": "scored"}]}]"#;
        assert!(parse_cases(dup).is_err());
    }

    #[test]
    fn the_cohort_flag_defaults_to_true_and_is_written_only_when_false() {
        let cases = parse_cases(
            r#"[{"name": "a", "input": {}, "expect": [{"officer": "x", "status": "scored"}]},
                {"name": "b", "input": {}, "cohort": false, "expect": [{"officer": "x", "status": "scored"}]}]"#,
        )
        .expect("valid");
        assert!(cases[0].cohort && !cases[1].cohort);
        let json = serde_json::to_value(&cases).expect("json");
        assert!(json[0].get("cohort").is_none());
        assert_eq!(json[1]["cohort"], false);
    }

    #[test]
    fn compare_reports_expected_and_actual() {
        let expect = Expectation {
            officer: "cb-1".into(),
            status: Status::Scored,
            total: Some(90.0),
            grade: Some("HTXSNV".into()),
            components: Some(BTreeMap::from([("a".to_string(), 1.0)])),
            tolerance: None,
        };
        let actual = OfficerResult {
            id: "cb-1".into(),
            status: Status::Scored,
            total: Some(89.99),
            grade: Some("HTTNV".into()),
            components: BTreeMap::new(),
            reason: None,
            trace: Default::default(),
        };
        let failures = compare(&expect, Some(&actual));
        let fields: Vec<&str> = failures.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["total", "grade", "components.a"]);
        assert_eq!(failures[0].expected, "90,0000");
        assert_eq!(failures[0].actual, "89,9900");
        assert_eq!(compare(&expect, None).len(), 1);
    }
}
