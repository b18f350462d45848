//! `rubric rules eval --rules DIR --input INPUT.json [--json]`

use super::{compile_dir, exit_code, human, report, EXIT_INPUT, EXIT_OK};
use crate::engine::RuleEngine;
use crate::error::RuleError;
use crate::input::ScoringInput;
use crate::params::ParamValues;
use crate::result::OfficerResult;
use crate::source::SCRIPT_FILE;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Serialize)]
struct JsonOutput<'a> {
    results: &'a [OfficerResult],
}

/// Scores an input document. With `json`, stdout receives exactly
/// `{"results": [...]}`; otherwise a Vietnamese table and the traces.
pub fn eval(
    rules_dir: &Path,
    input_path: &Path,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let engine = RuleEngine::default();
    let rules = match compile_dir(&engine, rules_dir, err) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let input = match std::fs::read(input_path)
        .map_err(|e| RuleError::Io {
            path: input_path.display().to_string(),
            message: e.to_string(),
        })
        .and_then(|bytes| ScoringInput::from_json(&bytes).map_err(RuleError::from))
    {
        Ok(input) => input,
        Err(e) => {
            report(err, input_path, &e);
            return exit_code(&e);
        }
    };
    let results = match engine.score(&rules, &input, &ParamValues::new()) {
        Ok(results) => results,
        Err(e) => {
            report(err, &rules_dir.join(SCRIPT_FILE), &e);
            return exit_code(&e);
        }
    };
    let written = if json {
        serde_json::to_vec(&JsonOutput { results: &results })
            .map_err(std::io::Error::other)
            .and_then(|mut bytes| {
                bytes.push(b'\n');
                out.write_all(&bytes)
            })
    } else {
        out.write_all(human::render(rules_dir, &rules, &input, &results).as_bytes())
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "không ghi được kết quả: {e}");
            EXIT_INPUT
        }
    }
}
