//! Property tests: no script and no input makes the engine panic.
//!
//! A panic inside a worker thread would surface as `RuleError::Internal`, so
//! the properties assert that it never appears.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use rubric_rules::{ParamValues, RuleEngine, RuleError, RuleSetSource, ScoringInput};
use std::sync::OnceLock;

fn engine() -> &'static RuleEngine {
    static ENGINE: OnceLock<RuleEngine> = OnceLock::new();
    ENGINE.get_or_init(RuleEngine::default)
}

const DECREE: &str = include_str!("../profiles/decree-335/rule.rhai");
const DECREE_PARAMS: &str = include_str!("../profiles/decree-335/params.json");

const TOKENS: &[&str] = &[
    "fn",
    "score",
    "cohort",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "#{",
    ",",
    ";",
    ".",
    "o",
    "p",
    "q",
    "let",
    "x",
    "=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "if",
    "else",
    "while",
    "loop",
    "for",
    "in",
    "return",
    "break",
    "1",
    "0",
    "0.0",
    "1.5",
    "-1",
    "9223372036854775807",
    "\"s\"",
    "`${x}`",
    "award",
    "scored",
    "not_scored",
    "regrade",
    "sum",
    "choose",
    "min",
    "max",
    "round_to",
    "vn",
    "o.entries",
    "o.entries.norm_minutes",
    "o.criteria",
    "p.x",
    "|a| a",
    "..",
    "==",
    "<",
    ">",
    "!",
    "&&",
    "||",
    "true",
    "false",
    "throw",
    "eval",
    "import",
    "print",
    "\n",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|t| t.join(" "))
}

/// Scripts that parse more often: a score function around a random body.
fn scored_body() -> impl Strategy<Value = String> {
    token_soup().prop_map(|body| {
        format!(
            "fn score(o, p, q) {{\n let x = 1.0;\n {body}\n award(\"t\", \"t\", 1.0, \"t\");\n scored(1.0, \"X\", #{{}})\n}}"
        )
    })
}

/// The decree profile with a few bytes cut or replaced.
fn mutated_profile() -> impl Strategy<Value = String> {
    let len = DECREE.len();
    prop::collection::vec((0..len, 0usize..8, prop::sample::select(TOKENS)), 1..4).prop_map(
        |edits| {
            let mut text = DECREE.as_bytes().to_vec();
            for (at, cut, insert) in edits {
                let at = at.min(text.len());
                let end = (at + cut).min(text.len());
                text.splice(at..end, insert.bytes());
            }
            String::from_utf8_lossy(&text).into_owned()
        },
    )
}

/// Mostly valid numbers (zero included), sometimes invalid ones.
fn number() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        10 => Just(serde_json::json!(0)),
        40 => (0.0f64..1000.0).prop_map(|x| serde_json::json!(x)),
        40 => (1u32..20).prop_map(|x| serde_json::json!(x)),
        1 => invalid(),
    ]
}

fn coefficient() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        60 => (0.1f64..5.0).prop_map(|x| serde_json::json!(x)),
        1 => Just(serde_json::json!(0)),
        1 => invalid(),
    ]
}

fn invalid() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(1e308)),
        Just(serde_json::json!("7")),
        Just(serde_json::Value::Null),
    ]
}

fn date() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        20 => Just(serde_json::Value::Null),
        20 => Just(serde_json::json!("2025-05-10")),
        20 => Just(serde_json::json!("2025-05-12")),
        1 => Just(serde_json::json!("2025-02-30")),
        1 => Just(serde_json::json!(17)),
    ]
}

fn entry() -> impl Strategy<Value = serde_json::Value> {
    (
        number(),
        coefficient(),
        number(),
        number(),
        number(),
        number(),
        date(),
        date(),
        any::<bool>(),
    )
        .prop_map(|(norm, coef, a, c, qf, d, due, done, objective)| {
            serde_json::json!({"id": "e", "norm_minutes": norm, "coefficient": coef,
                "assigned_qty": a, "completed_qty": c, "quality_failures": qf, "delays": d,
                "deadline": due, "completed_on": done, "objective_cause": objective})
        })
}

fn document() -> impl Strategy<Value = serde_json::Value> {
    let officer = (
        prop::collection::vec(entry(), 0..4),
        number(),
        any::<bool>(),
        0u8..3,
    )
        .prop_map(|(entries, general, disqualified, cohort)| {
            let entries: Vec<_> = entries
                .into_iter()
                .enumerate()
                .map(|(i, mut e)| {
                    e["id"] = serde_json::json!(format!("e-{i}"));
                    e
                })
                .collect();
            serde_json::json!({"id": "x", "cohort": format!("c{cohort}"),
                "disqualified": disqualified, "criteria": {"general": general}, "entries": entries})
        });
    prop::collection::vec(officer, 0..5).prop_map(|officers| {
        let officers: Vec<_> = officers
            .into_iter()
            .enumerate()
            .map(|(i, mut o)| {
                o["id"] = serde_json::json!(format!("cb-{i}"));
                o
            })
            .collect();
        serde_json::json!({"period": {"kind": "month", "start": "2025-05-01", "end": "2025-05-31"},
            "officers": officers})
    })
}

fn no_internal_error<T: std::fmt::Debug>(
    result: &Result<T, RuleError>,
) -> Result<(), TestCaseError> {
    if let Err(RuleError::Internal(message)) = result {
        return Err(TestCaseError::fail(format!(
            "internal error (panic?): {message}"
        )));
    }
    Ok(())
}

fn compile_and_score(script: String, params: &str) -> Result<(), TestCaseError> {
    let sample = ScoringInput::sample().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let result = engine()
        .compile(&RuleSetSource::new(script, params, "[]"))
        .and_then(|rules| engine().score(&rules, &sample, &ParamValues::new()));
    no_internal_error(&result)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_token_scripts_never_panic(script in token_soup()) {
        compile_and_score(script, "{}")?;
    }

    #[test]
    fn random_score_bodies_never_panic(script in scored_body()) {
        compile_and_score(script, "{\"x\": {\"type\": \"number\", \"default\": 1, \"label_vi\": \"x\"}}")?;
    }

    #[test]
    fn mutated_profiles_never_panic(script in mutated_profile()) {
        compile_and_score(script, DECREE_PARAMS)?;
    }

    #[test]
    fn random_inputs_never_panic(doc in document()) {
        let bytes = serde_json::to_vec(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let source = RuleSetSource::new(DECREE, DECREE_PARAMS, "[]");
        let rules = engine().compile(&source).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Ok(input) = ScoringInput::from_json(&bytes) {
            let result = engine().score(&rules, &input, &ParamValues::new());
            no_internal_error(&result)?;
            if let Ok(results) = result {
                for r in results {
                    if let Some(total) = r.total {
                        prop_assert!(total.is_finite());
                        prop_assert_eq!(r.trace.total_cents(), rubric_rules::numbers::to_cents(total));
                    }
                }
            }
        }
    }

    #[test]
    fn random_bytes_are_typed_input_errors(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        // Any outcome is fine as long as it returns.
        let _ = ScoringInput::from_json(&bytes);
    }
}

#[test]
fn generated_inputs_are_mostly_valid() {
    // Guards the generator: a property over inputs that never validate would test nothing.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = document();
    let mut valid = 0;
    for _ in 0..100 {
        let doc = strategy.new_tree(&mut runner).expect("tree").current();
        let bytes = serde_json::to_vec(&doc).expect("json");
        if ScoringInput::from_json(&bytes).is_ok() {
            valid += 1;
        }
    }
    assert!(valid >= 30, "only {valid}/100 generated inputs validate");
}
