//! `rubric rules boundary DIR [--input TEMPLATE.json]`

use super::{compile_dir, exit_code, report, EXIT_FAILED, EXIT_INPUT, EXIT_OK};
use crate::boundary::{boundary_cases, BoundaryError};
use crate::engine::RuleEngine;
use crate::error::RuleError;
use crate::params::ParamValues;
use crate::source::{read_text, SCRIPT_FILE};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Proposes the boundary cases of a rule set's grade thresholds
/// ([`crate::boundary`]) with its default parameters, from the first officer
/// of `template` (default: the DOMAIN.md sample). Stdout receives exactly
/// `{"cases": [...], "unreachable": [...]}`; the cases can be pasted into
/// `cases.json`.
pub fn boundary(
    dir: &Path,
    template: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let engine = RuleEngine::default();
    let rules = match compile_dir(&engine, dir, err) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let doc = match template.map(read_template).transpose() {
        Ok(doc) => doc,
        Err(e) => {
            let _ = writeln!(err, "lỗi: {e}");
            return exit_code(&e);
        }
    };
    match boundary_cases(&engine, &rules, &ParamValues::new(), doc.as_ref()) {
        Ok(proposed) => match serde_json::to_string_pretty(&proposed) {
            Ok(text) if writeln!(out, "{text}").is_ok() => EXIT_OK,
            _ => EXIT_INPUT,
        },
        Err(BoundaryError::Rule(e)) => {
            report(err, &dir.join(SCRIPT_FILE), &e);
            exit_code(&e)
        }
        Err(e) => {
            let _ = writeln!(err, "lỗi: {e}");
            EXIT_FAILED
        }
    }
}

fn read_template(path: &Path) -> Result<Value, RuleError> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| RuleError::Io {
        path: path.display().to_string(),
        message: format!(
            "không phải JSON hợp lệ (dòng {}, cột {}): {e}",
            e.line(),
            e.column()
        ),
    })
}
