//! `rubric rules check FILE.rhai`

use super::{exit_code, report, EXIT_FAILED, EXIT_INPUT, EXIT_OK};
use crate::engine::RuleEngine;
use crate::input::ScoringInput;
use crate::numbers::format_vn;
use crate::params::ParamValues;
use crate::result::Status;
use crate::source::{read_text, RuleSetSource, CASES_FILE, PARAMS_FILE, SCRIPT_FILE};
use std::io::Write;
use std::path::Path;

/// Compiles a script, checks it against the scoring contract and runs it once
/// on the sample document of DOMAIN.md with default parameters. Uses
/// `params.json` and `cases.json` from the script's directory when present.
pub fn check(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let engine = RuleEngine::default();
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let sibling = |name: &str, default: &str| {
        let file = dir.join(name);
        if file.is_file() {
            read_text(&file)
        } else {
            Ok(default.to_string())
        }
    };
    let texts = read_text(path).and_then(|script| {
        Ok((
            script,
            sibling(PARAMS_FILE, "{}")?,
            sibling(CASES_FILE, "[]")?,
        ))
    });
    // An I/O error names the file it could not read.
    let (script, params_json, cases_json) = match texts {
        Ok(texts) => texts,
        Err(e) => {
            report(err, path, &e);
            return EXIT_INPUT;
        }
    };
    let source = RuleSetSource::new(script, params_json, cases_json);
    let rules = match engine.compile(&source) {
        Ok(rules) => rules,
        Err(e) => {
            let file = match e {
                crate::RuleError::Params(_) => dir.join(PARAMS_FILE),
                crate::RuleError::Cases(_) => dir.join(CASES_FILE),
                _ => path.to_path_buf(),
            };
            report(err, &file, &e);
            return exit_code(&e);
        }
    };
    let sample = match ScoringInput::sample() {
        Ok(sample) => sample,
        Err(e) => {
            report(err, path, &e.into());
            return EXIT_FAILED;
        }
    };
    let trial = match engine.score(&rules, &sample, &ParamValues::new()) {
        Ok(results) => results,
        Err(e) => {
            report(err, path, &e);
            let _ = writeln!(err, "(khi chạy thử trên tài liệu mẫu của DOMAIN.md)");
            return EXIT_FAILED;
        }
    };
    let summary: Vec<String> = trial
        .iter()
        .map(|r| match (r.status, r.total, &r.grade) {
            (Status::Scored, Some(total), Some(grade)) => {
                format!("{}: {} điểm, {grade}", r.id, format_vn(total, 2))
            }
            _ => format!(
                "{}: không chấm ({})",
                r.id,
                r.reason.clone().unwrap_or_default()
            ),
        })
        .collect();
    let name = if path.file_name().is_some_and(|n| n == SCRIPT_FILE) {
        dir.display().to_string()
    } else {
        path.display().to_string()
    };
    let written = writeln!(
        out,
        "{name}: biên dịch và kiểm tra đạt (phiên bản {}).\nChạy thử trên tài liệu mẫu: {}",
        &rules.content_hash()[..12],
        summary.join("; ")
    );
    if written.is_err() {
        return EXIT_INPUT;
    }
    EXIT_OK
}
