//! `rubric rules test DIR`

use super::{compile_dir, EXIT_FAILED, EXIT_INPUT, EXIT_OK};
use crate::engine::RuleEngine;
use std::io::Write;
use std::path::Path;

/// Runs a rule set's test cases: one line per case, the differences of each
/// failing case, then the summary line `N passed, N failed`.
pub fn test(dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let engine = RuleEngine::default();
    let rules = match compile_dir(&engine, dir, err) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let report = engine.run_cases(&rules);
    let mut text = String::new();
    for case in &report.cases {
        let mark = if case.passed {
            "ĐẠT      "
        } else {
            "KHÔNG ĐẠT"
        };
        text.push_str(&format!("{mark} {}\n", case.name));
        for f in &case.failures {
            text.push_str(&format!(
                "    {} · {}: mong đợi {}, thực tế {}\n",
                f.officer, f.field, f.expected, f.actual
            ));
        }
        if let Some(e) = &case.error {
            text.push_str(&format!("    lỗi: {e}\n"));
        }
    }
    text.push_str(&format!(
        "{} passed, {} failed\n",
        report.passed, report.failed
    ));
    if out.write_all(text.as_bytes()).is_err() {
        return EXIT_INPUT;
    }
    if report.all_passed() {
        EXIT_OK
    } else {
        EXIT_FAILED
    }
}
