//! The rule engine: one sandboxed Rhai engine, compiled scripts cached by
//! content hash, scoring runs on worker threads.

use crate::cases::{self, CaseOutcome, CaseReport, CaseSpec};
use crate::cohort;
use crate::error::LimitError;
use crate::error::{RuleError, ScriptError, Stage};
use crate::evaluate::{self, Job};
use crate::host::HOST_FUNCTIONS;
use crate::input::ScoringInput;
use crate::limits::{LimitKind, Limits};
use crate::params::{to_rhai_map, ParamDecls, ParamValues};
use crate::result::OfficerResult;
use crate::rhai_error;
use crate::sandbox;
use crate::source::{script_hash, RuleSetSource};
use crate::workers;
use rhai::{Dynamic, Engine, Scope, AST};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Compiled scripts kept at most; the cache is emptied when it fills.
const CACHE_CAPACITY: usize = 128;

/// Compiles, checks, runs and explains scoring scripts. `Send + Sync`; build
/// one and share it (for instance in an `Arc`).
pub struct RuleEngine {
    engine: Engine,
    locator: Engine,
    limits: Limits,
    cache: Mutex<HashMap<String, Arc<AST>>>,
}

impl std::fmt::Debug for RuleEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleEngine")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl Default for RuleEngine {
    fn default() -> Self {
        Self::new(Limits::default())
    }
}

/// Which contract functions a scoring run calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Steps {
    /// `score` for every officer, then `cohort` when the script defines it.
    ScoreAndCohort,
    /// `score` only: a test case about one officer's own grade.
    ScoreOnly,
}

/// A rule set ready to score: its AST, parameters and test cases. Cheap to clone.
#[derive(Debug, Clone)]
pub struct CompiledRuleSet {
    inner: Arc<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    content_hash: String,
    ast: Arc<AST>,
    params: ParamDecls,
    cases: Vec<CaseSpec>,
    has_cohort: bool,
    has_aggregate: bool,
}

impl CompiledRuleSet {
    /// The version hash of the source ([`RuleSetSource::content_hash`]).
    pub fn content_hash(&self) -> &str {
        &self.inner.content_hash
    }

    pub fn params(&self) -> &ParamDecls {
        &self.inner.params
    }

    pub fn cases(&self) -> &[CaseSpec] {
        &self.inner.cases
    }

    /// Whether the script defines `cohort(members, params)`.
    pub fn has_cohort_step(&self) -> bool {
        self.inner.has_cohort
    }

    /// Whether the script defines `aggregate(officer, params, period)`, which forms
    /// a quarter's or a year's result from the officer's monthly results.
    pub fn has_aggregate_step(&self) -> bool {
        self.inner.has_aggregate
    }
}

impl RuleEngine {
    /// Builds the sandboxed engine. Its configuration never changes afterwards.
    pub fn new(limits: Limits) -> Self {
        Self {
            engine: sandbox::build(&limits),
            locator: sandbox::build_locator(&limits),
            limits,
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Compiles a rule set and checks it against the scoring contract. The
    /// script's AST is cached by the hash of its text.
    pub fn compile(&self, source: &RuleSetSource) -> Result<CompiledRuleSet, RuleError> {
        let params = ParamDecls::parse(&source.params_json)?;
        let cases = cases::parse_cases(&source.cases_json)?;
        let ast = self.compile_script(&source.script)?;
        let has_cohort = ast
            .iter_functions()
            .any(|f| f.name == "cohort" && f.params.len() == 2);
        let has_aggregate = ast
            .iter_functions()
            .any(|f| f.name == "aggregate" && f.params.len() == 3);
        Ok(CompiledRuleSet {
            inner: Arc::new(Compiled {
                content_hash: source.content_hash(),
                ast,
                params,
                cases,
                has_cohort,
                has_aggregate,
            }),
        })
    }

    fn compile_script(&self, script: &str) -> Result<Arc<AST>, RuleError> {
        if script.len() > self.limits.max_script_bytes {
            return Err(RuleError::Limit(LimitError {
                limit: LimitKind::ScriptSize,
                value: self.limits.value_of(LimitKind::ScriptSize),
                stage: Stage::Compile,
                line: None,
                column: None,
                officer: None,
                cohort: None,
            }));
        }
        let key = script_hash(script);
        if let Some(ast) = self.cache_lock().get(&key) {
            return Ok(ast.clone());
        }
        let ast = workers::on_worker(self.limits.worker_stack_bytes, || {
            self.engine
                .compile(script)
                .map_err(|e| rhai_error::from_parse(&e, &self.limits))
        })?;
        check_contract(&ast)?;
        let ast = Arc::new(ast);
        let mut cache = self.cache_lock();
        if cache.len() >= CACHE_CAPACITY {
            cache.clear();
        }
        cache.insert(key, ast.clone());
        Ok(ast)
    }

    fn cache_lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AST>>> {
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Scores every officer (in input order), then runs the cohort step.
    /// `overrides` replace parameter defaults.
    pub fn score(
        &self,
        rules: &CompiledRuleSet,
        input: &ScoringInput,
        overrides: &ParamValues,
    ) -> Result<Vec<OfficerResult>, RuleError> {
        self.score_parallel(rules, input, overrides, 1)
    }

    /// Like [`RuleEngine::score`], spreading officers over `threads` worker threads.
    pub fn score_parallel(
        &self,
        rules: &CompiledRuleSet,
        input: &ScoringInput,
        overrides: &ParamValues,
        threads: usize,
    ) -> Result<Vec<OfficerResult>, RuleError> {
        let params = rules.params().resolve(overrides)?;
        self.score_resolved(rules, input, &params, threads, Steps::ScoreAndCohort)
    }

    /// Scores every officer on their own: the `score` function only, without the cohort
    /// step (a cohort rule such as the 20 % cap compares an officer with the others of
    /// their cohort; an officer scored alone, as in a preview, has none to compare with).
    pub fn score_alone(
        &self,
        rules: &CompiledRuleSet,
        input: &ScoringInput,
        overrides: &ParamValues,
    ) -> Result<Vec<OfficerResult>, RuleError> {
        let params = rules.params().resolve(overrides)?;
        self.score_resolved(rules, input, &params, 1, Steps::ScoreOnly)
    }

    /// Runs the rule set's test cases.
    pub fn run_cases(&self, rules: &CompiledRuleSet) -> CaseReport {
        cases::run_all(self, rules)
    }

    /// Runs one test case against `rules` (for instance a proposed one,
    /// [`crate::boundary::boundary_cases`]), whether or not `rules` carries it.
    pub fn run_case(&self, rules: &CompiledRuleSet, case: &CaseSpec) -> CaseOutcome {
        cases::run_one(self, rules, case)
    }

    pub(crate) fn score_resolved(
        &self,
        rules: &CompiledRuleSet,
        input: &ScoringInput,
        params: &ParamValues,
        threads: usize,
        steps: Steps,
    ) -> Result<Vec<OfficerResult>, RuleError> {
        input.validate()?;
        let job = Job {
            engine: &self.engine,
            locator: &self.locator,
            ast: &rules.inner.ast,
            limits: &self.limits,
            params: Dynamic::from_map(to_rhai_map(params)),
            period: evaluate::period_map(&input.period),
            function: evaluate::officer_function(&input.period, rules.has_aggregate_step()),
        };
        let stack = self.limits.worker_stack_bytes;
        let mut results = workers::map_in_order(&input.officers, threads, stack, |officer| {
            let mut scope = Scope::new();
            evaluate::score_officer(&job, officer, &mut scope)
        })?;
        if steps == Steps::ScoreAndCohort && rules.has_cohort_step() {
            cohort::run(&job, input, &mut results, threads, stack)?;
        }
        Ok(results)
    }
}

fn contract_error(line: Option<u32>, column: Option<u32>, message: String) -> RuleError {
    RuleError::Contract(ScriptError::at_compile(line, column, message))
}

/// The script must define `score(officer, params, period)`, may define
/// `cohort(members, params)` and `aggregate(officer, params, period)`, must not redefine host functions, and must have
/// nothing but function definitions at the top level (top-level code would never run).
fn check_contract(ast: &AST) -> Result<(), RuleError> {
    if let Some(stmt) = ast.statements().first() {
        let pos = stmt.position();
        return Err(contract_error(
            pos.line().and_then(|l| u32::try_from(l).ok()),
            pos.position().and_then(|c| u32::try_from(c).ok()),
            "ở cấp ngoài cùng chỉ được khai báo hàm (fn ...); hãy đặt câu lệnh vào trong \
             fn score(officer, params, period)"
                .into(),
        ));
    }
    let functions: Vec<_> = ast.iter_functions().collect();
    if let Some(f) = functions.iter().find(|f| HOST_FUNCTIONS.contains(&f.name)) {
        return Err(contract_error(
            None,
            None,
            format!("không được định nghĩa lại hàm có sẵn `{}`", f.name),
        ));
    }
    if !functions
        .iter()
        .any(|f| f.name == "score" && f.params.len() == 3)
    {
        return Err(contract_error(
            None,
            None,
            "kịch bản phải định nghĩa fn score(officer, params, period)".into(),
        ));
    }
    if functions
        .iter()
        .any(|f| f.name == "cohort" && f.params.len() != 2)
    {
        return Err(contract_error(
            None,
            None,
            "hàm cohort phải có đúng hai tham số: fn cohort(members, params)".into(),
        ));
    }
    if functions
        .iter()
        .any(|f| f.name == "aggregate" && f.params.len() != 3)
    {
        return Err(contract_error(
            None,
            None,
            "hàm aggregate phải có đúng ba tham số: fn aggregate(officer, params, period)".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_can_be_shared_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<RuleEngine>();
        shared::<CompiledRuleSet>();
    }

    #[test]
    fn scripts_are_compiled_once_per_text() {
        let engine = RuleEngine::default();
        let script = "fn score(o, p, q) { not_scored(\"x\") }";
        let a = engine
            .compile(&RuleSetSource::new(script, "{}", "[]"))
            .expect("compiles");
        let b = engine
            .compile(&RuleSetSource::new(script, "{ }", "[]"))
            .expect("compiles");
        assert!(Arc::ptr_eq(&a.inner.ast, &b.inner.ast));
        assert_eq!(engine.cache_lock().len(), 1);
    }

    #[test]
    fn column_memory_is_bounded_per_evaluation() {
        let limits = Limits {
            max_column_bytes: 64,
            ..Limits::default()
        };
        let engine = RuleEngine::new(limits);
        let script = "fn score(o, p, q) {\n let c = column([1.0, 2.0, 3.0, 4.0, 5.0]);\n let d = c + 1.0;\n 1\n}";
        let rules = engine
            .compile(&RuleSetSource::new(script, "{}", "[]"))
            .expect("compiles");
        let input = ScoringInput::sample().expect("sample");
        match engine.score(&rules, &input, &ParamValues::new()) {
            Err(RuleError::Limit(e)) => {
                assert_eq!(e.limit, LimitKind::ColumnMemory);
                assert_eq!(e.line, Some(3));
            }
            other => panic!("expected a column-memory limit, got {other:?}"),
        }
    }

    #[test]
    fn the_contract_is_checked_at_compile_time() {
        let engine = RuleEngine::default();
        for script in [
            "fn other() { 1 }",
            "fn score(o) { 1 }",
            "let x = 1;\nfn score(o, p, q) { 1 }",
            "fn score(o, p, q) { 1 }\nfn cohort(m) { 1 }",
            "fn score(o, p, q) { 1 }\nfn award(a, b, c, d) { 1 }",
            "fn score(o, p, q) { 1 }\nfn aggregate(o, p) { 1 }",
        ] {
            let result = engine.compile(&RuleSetSource::new(script, "{}", "[]"));
            assert!(
                matches!(result, Err(RuleError::Contract(_))),
                "{script}: {result:?}"
            );
        }
    }
    #[test]
    fn a_quarter_or_year_is_formed_by_aggregate_when_the_script_has_it() {
        let engine = RuleEngine::default();
        let with = "fn score(o, p, q) { award(\"s\", \"s\", 1.0, \"s\"); scored(1.0, \"M\") }\n\
                    fn aggregate(o, p, q) {\n\
                      let t = 0.0;\n\
                      for m in o.months { if m.status == \"scored\" { t += m.total; } }\n\
                      award(\"months\", \"m\", t, `${o.months.len()} tháng`);\n\
                      scored(t, q.kind)\n\
                    }";
        let without = "fn score(o, p, q) { award(\"s\", \"s\", 1.0, \"s\"); scored(1.0, q.kind) }";
        let doc = |kind: &str| {
            format!(
                r#"{{"period": {{"kind": "{kind}", "start": "2025-01-01", "end": "2025-03-31"}},
                   "officers": [{{"id": "a", "cohort": "c", "entries": [],
                     "months": [{{"month": "2025-01", "status": "scored", "total": 40, "grade": "X"}},
                                {{"month": "2025-02", "status": "missing"}},
                                {{"month": "2025-03", "status": "scored", "total": 2.5, "grade": "Y"}}]}}]}}"#
            )
        };
        let run = |script: &str, kind: &str| {
            let rules = engine
                .compile(&RuleSetSource::new(script, "{}", "[]"))
                .expect("compiles");
            let input = ScoringInput::from_json(doc(kind).as_bytes()).expect("input");
            engine
                .score(&rules, &input, &ParamValues::new())
                .expect("scores")
                .remove(0)
        };
        let quarter = run(with, "quarter");
        assert_eq!(quarter.total, Some(42.5));
        assert_eq!(quarter.grade.as_deref(), Some("quarter"));
        assert_eq!(quarter.trace.items()[0].explanation, "3 tháng");
        // A month always runs `score`; a script without `aggregate` scores the
        // quarter's entries with `score`.
        assert_eq!(run(with, "month").grade.as_deref(), Some("M"));
        assert_eq!(run(without, "quarter").total, Some(1.0));
    }
}
