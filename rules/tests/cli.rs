//! The command implementations behind `rubric rules check|test|eval`.

use rubric_rules::cli;
use rubric_rules::input::SAMPLE_DOCUMENT;
use std::path::{Path, PathBuf};

fn profile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(name)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rubric-rules-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(f: impl FnOnce(&mut Vec<u8>, &mut Vec<u8>) -> i32) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = f(&mut out, &mut err);
    (
        code,
        String::from_utf8(out).expect("utf-8 stdout"),
        String::from_utf8(err).expect("utf-8 stderr"),
    )
}

fn sample_input(dir: &Path) -> PathBuf {
    let path = dir.join("input.json");
    std::fs::write(&path, SAMPLE_DOCUMENT).expect("write input");
    path
}

#[test]
fn check_accepts_the_profiles() {
    for name in ["decree-335", "khanh-hoa-2025", "leader"] {
        let script = profile(name).join("rule.rhai");
        let (code, out, err) = run(|o, e| cli::check(&script, o, e));
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains("đạt"), "{out}");
        assert!(err.is_empty());
    }
}

#[test]
fn check_reports_the_file_line_and_column() {
    let dir = temp_dir("check");
    let file = dir.join("broken.rhai");
    std::fs::write(&file, "fn score(o, p, q) {\n    let x = ;\n}\n").expect("write");
    let (code, out, err) = run(|o, e| cli::check(&file, o, e));
    assert_eq!(code, cli::EXIT_FAILED);
    assert!(out.is_empty());
    assert!(err.contains("broken.rhai:2:"), "{err}");
    let missing = dir.join("missing.rhai");
    assert_eq!(run(|o, e| cli::check(&missing, o, e)).0, cli::EXIT_INPUT);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn test_prints_each_case_and_the_summary_line() {
    let (code, out, _) = run(|o, e| cli::test(&profile("decree-335"), o, e));
    assert_eq!(code, 0, "{out}");
    assert!(out.lines().filter(|l| l.starts_with("ĐẠT")).count() >= 20);
    assert_eq!(out.lines().last(), Some("34 passed, 0 failed"));
}

#[test]
fn test_shows_expected_and_actual_for_a_failing_case() {
    let dir = temp_dir("failing");
    for file in ["rule.rhai", "params.json", "cases.json"] {
        std::fs::copy(profile("khanh-hoa-2025").join(file), dir.join(file)).expect("copy");
    }
    let cases = std::fs::read_to_string(dir.join("cases.json")).expect("cases");
    let cases = cases.replacen("\"grade\": \"HTXSNV\"", "\"grade\": \"HTNV\"", 1);
    std::fs::write(dir.join("cases.json"), cases).expect("write");
    let (code, out, _) = run(|o, e| cli::test(&dir, o, e));
    assert_eq!(code, cli::EXIT_FAILED);
    assert!(out.contains("KHÔNG ĐẠT"));
    assert!(
        out.contains("grade: mong đợi HTNV, thực tế HTXSNV"),
        "{out}"
    );
    assert_eq!(out.lines().last(), Some("27 passed, 1 failed"));
    assert_eq!(
        run(|o, e| cli::test(&dir.join("nowhere"), o, e)).0,
        cli::EXIT_INPUT
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eval_json_prints_only_the_results_document() {
    let dir = temp_dir("json");
    let input = sample_input(&dir);
    let (code, out, err) = run(|o, e| cli::eval(&profile("decree-335"), &input, true, o, e));
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty());
    let doc: serde_json::Value = serde_json::from_str(&out).expect("stdout is one JSON document");
    let object = doc.as_object().expect("object");
    assert_eq!(object.keys().collect::<Vec<_>>(), ["results"]);
    let result = &doc["results"][0];
    for key in ["id", "status", "total", "grade", "components", "trace"] {
        assert!(result.get(key).is_some(), "missing {key}");
    }
    assert_eq!(result["total"], 97.5);
    assert_eq!(result["grade"], "HTTNV");
    assert!(result["trace"][0]["line"].is_u64());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eval_human_output_is_vietnamese_with_decimal_commas() {
    let dir = temp_dir("human");
    let input = sample_input(&dir);
    let (code, out, _) = run(|o, e| cli::eval(&profile("decree-335"), &input, false, o, e));
    assert_eq!(code, 0);
    for expected in ["97,50", "Giải thích", "Nguyễn Văn An", "HTTNV", "dòng "] {
        assert!(out.contains(expected), "missing {expected} in\n{out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eval_names_the_officer_entry_and_field_of_bad_input() {
    let dir = temp_dir("bad-input");
    let input = dir.join("bad.json");
    let bad = SAMPLE_DOCUMENT.replace("\"assigned_qty\": 4", "\"assigned_qty\": \"bốn\"");
    std::fs::write(&input, bad).expect("write");
    let (code, out, err) = run(|o, e| cli::eval(&profile("decree-335"), &input, true, o, e));
    assert_eq!(code, cli::EXIT_INPUT);
    assert!(out.is_empty());
    for expected in ["cb-0001", "e-1", "assigned_qty"] {
        assert!(err.contains(expected), "{err}");
    }
    let missing = dir.join("missing.json");
    let (code, out, _) = run(|o, e| cli::eval(&profile("decree-335"), &missing, true, o, e));
    assert_eq!((code, out.is_empty()), (cli::EXIT_INPUT, true));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn boundary_prints_the_proposed_cases_as_json() {
    let (code, out, err) = run(|o, e| cli::boundary(&profile("decree-335"), None, o, e));
    assert_eq!(code, cli::EXIT_OK, "{err}");
    assert!(err.is_empty());
    let doc: serde_json::Value = serde_json::from_str(&out).expect("only JSON on stdout");
    let cases = doc["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 9);
    assert_eq!(cases[0]["name"], "Ranh giới HTXSNV (90,00): tổng 89,99");
    assert_eq!(cases[0]["cohort"], false);
    assert_eq!(doc["unreachable"], serde_json::json!([]));

    let dir = temp_dir("boundary");
    let template = dir.join("template.json");
    std::fs::write(&template, SAMPLE_DOCUMENT).expect("write");
    let (code, _, err) =
        run(|o, e| cli::boundary(&profile("khanh-hoa-2025"), Some(&template), o, e));
    assert_eq!(code, cli::EXIT_FAILED);
    assert!(err.contains("cb-0001 không được chấm"), "{err}");
    let missing = dir.join("missing.json");
    let (code, _, _) = run(|o, e| cli::boundary(&profile("decree-335"), Some(&missing), o, e));
    assert_eq!(code, cli::EXIT_INPUT);
    let _ = std::fs::remove_dir_all(&dir);
}
