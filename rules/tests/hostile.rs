//! The hostile corpus: every script in tests/hostile/ must end in its typed
//! error within a second, through the engine and through `check` and `eval`,
//! with nothing on stdout.

use rubric_rules::cli;
use rubric_rules::input::SAMPLE_DOCUMENT;
use rubric_rules::{LimitKind, ParamValues, RuleEngine, RuleError, RuleSetSource, ScoringInput};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const BUDGET: Duration = Duration::from_secs(1);

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(hostile_dir())
        .expect("hostile corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rhai"))
        .collect();
    files.sort();
    files
}

/// The accepted outcomes and the line, from the first line, `// expect: KIND [@LINE]`.
fn expected(bytes: &[u8]) -> (Vec<String>, Option<u32>) {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let text = String::from_utf8_lossy(first);
    let spec = text
        .trim()
        .strip_prefix("// expect:")
        .expect("first line is `// expect: KIND`");
    let mut words = spec.split_whitespace();
    let kind = words.next().expect("a kind").to_string();
    let line = words
        .next()
        .and_then(|w| w.strip_prefix('@'))
        .map(|l| l.parse().expect("a line number"));
    let kinds = match kind.strip_prefix("limit:") {
        Some(limits) => limits.split('|').map(|l| format!("limit:{l}")).collect(),
        None => vec![kind],
    };
    (kinds, line)
}

fn outcome(error: &RuleError) -> String {
    match error {
        RuleError::Limit(e) => format!("limit:{}", e.limit.id()),
        other => other.kind().to_string(),
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rubric-rules-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn the_corpus_has_at_least_thirty_scripts() {
    assert!(
        corpus().len() >= 30,
        "only {} hostile scripts",
        corpus().len()
    );
}

#[test]
fn each_script_ends_in_its_typed_error_within_a_second() {
    let engine = RuleEngine::default();
    let sample = ScoringInput::sample().expect("sample");
    let mut problems = Vec::new();
    for path in corpus() {
        let bytes = std::fs::read(&path).expect("readable");
        let (accepted, line) = expected(&bytes);
        let start = Instant::now();
        let result = match String::from_utf8(bytes) {
            Err(_) => "io".to_string(),
            Ok(script) => match engine
                .compile(&RuleSetSource::new(script, "{}", "[]"))
                .and_then(|rules| engine.score(&rules, &sample, &ParamValues::new()))
            {
                Ok(_) => "no error".to_string(),
                Err(RuleError::Internal(message)) => format!("internal (panic): {message}"),
                Err(e) => {
                    if e.kind() != "io" && e.line().is_none() && e.kind() != "contract" {
                        problems.push(format!("{}: no line in {e}", path.display()));
                    }
                    if line.is_some() && e.line() != line {
                        problems.push(format!("{}: expected line {line:?} in {e}", path.display()));
                    }
                    outcome(&e)
                }
            },
        };
        let elapsed = start.elapsed();
        if !accepted.contains(&result) {
            problems.push(format!(
                "{}: expected {accepted:?}, got {result}",
                path.display()
            ));
        }
        if elapsed > BUDGET {
            problems.push(format!("{}: took {elapsed:?}", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn check_rejects_each_script_with_located_errors_on_stderr_only() {
    let mut problems = Vec::new();
    for path in corpus() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let start = Instant::now();
        let code = cli::check(&path, &mut out, &mut err);
        let elapsed = start.elapsed();
        let stderr = String::from_utf8_lossy(&err);
        if code == 0 || !out.is_empty() || !stderr.contains("lỗi") || elapsed > BUDGET {
            problems.push(format!(
                "{}: exit {code}, {} bytes on stdout, {elapsed:?}, stderr: {stderr}",
                path.display(),
                out.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn eval_rejects_each_script_with_nothing_on_stdout() {
    let base = temp_dir("eval");
    let input = base.join("input.json");
    std::fs::write(&input, SAMPLE_DOCUMENT).expect("write input");
    let mut problems = Vec::new();
    for path in corpus() {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
        let dir = base.join(name);
        std::fs::create_dir_all(&dir).expect("rule dir");
        std::fs::copy(&path, dir.join("rule.rhai")).expect("copy script");
        std::fs::write(dir.join("params.json"), "{}").expect("params");
        std::fs::write(dir.join("cases.json"), "[]").expect("cases");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let start = Instant::now();
        let code = cli::eval(&dir, &input, true, &mut out, &mut err);
        let elapsed = start.elapsed();
        if code == 0 || !out.is_empty() || err.is_empty() || elapsed > BUDGET {
            problems.push(format!(
                "{}: exit {code}, stdout {:?}, {elapsed:?}",
                path.display(),
                String::from_utf8_lossy(&out)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&base);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn huge_source_is_a_limit_error() {
    let engine = RuleEngine::default();
    let filler = "// đệm\n".repeat(engine.limits().max_script_bytes / 6);
    let script = format!("{filler}fn score(o, p, q) {{ 1 }}\n");
    let start = Instant::now();
    match engine.compile(&RuleSetSource::new(script.clone(), "{}", "[]")) {
        Err(RuleError::Limit(e)) => assert_eq!(e.limit, LimitKind::ScriptSize),
        other => panic!("expected a script-size limit, got {other:?}"),
    }
    let dir = temp_dir("huge");
    let file = dir.join("huge.rhai");
    std::fs::write(&file, &script).expect("write");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_ne!(cli::check(&file, &mut out, &mut err), 0);
    assert!(out.is_empty());
    assert!(String::from_utf8_lossy(&err).contains("script_size"));
    assert!(start.elapsed() < BUDGET);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn invalid_utf8_input_is_a_typed_input_error() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/decree-335");
    let input = hostile_dir().join("inputs/invalid_utf8.json");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::eval(&rules, &input, true, &mut out, &mut err);
    assert_eq!(code, cli::EXIT_INPUT);
    assert!(out.is_empty());
    assert!(String::from_utf8_lossy(&err).contains("UTF-8"));
    let bytes = std::fs::read(&input).expect("input");
    assert!(matches!(
        ScoringInput::from_json(&bytes),
        Err(rubric_rules::InputError::InvalidUtf8 { .. })
    ));
}
