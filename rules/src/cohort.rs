//! The cohort step: rules across officers (such as the 20% cap), run after
//! every officer of a cohort has been graded.
//!
//! For each cohort with at least one scored officer, the script's optional
//! `cohort(members, params)` receives the scored members as maps
//! `#{id, cohort, total, grade, components, disqualified}` in input order and
//! may call `regrade(id, grade, rule, label, explanation)`. Regrades are
//! applied after the call returns and appear in the officer's trace as a
//! zero-point item with the explanation and the line of the call.

use crate::error::{RuleError, Stage};
use crate::evaluate::{self, Job};
use crate::host::{EvalState, Installed, Regrade};
use crate::input::{Officer, ScoringInput};
use crate::result::{OfficerResult, Status, TraceItem, ROUNDING_RULE};
use crate::rhai_error::{self, Subject};
use crate::workers;
use rhai::{Array, CallFnOptions, Dynamic, Map as RhaiMap, Scope};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

fn member_map(officer: &Officer, result: &OfficerResult) -> Dynamic {
    let components: RhaiMap = result
        .components
        .iter()
        .map(|(k, v)| (k.as_str().into(), Dynamic::from_float(*v)))
        .collect();
    let mut map = RhaiMap::new();
    map.insert("id".into(), officer.id.clone().into());
    map.insert("cohort".into(), officer.cohort.clone().into());
    map.insert(
        "total".into(),
        Dynamic::from_float(result.total.unwrap_or_default()),
    );
    map.insert(
        "grade".into(),
        result.grade.clone().unwrap_or_default().into(),
    );
    map.insert("components".into(), Dynamic::from_map(components));
    map.insert("disqualified".into(), officer.disqualified.into());
    Dynamic::from_map(map)
}

/// Runs `cohort` once per cohort (cohorts spread over `threads` workers) and
/// applies the regrades to `results`, which are in the order of `input.officers`.
pub(crate) fn run(
    job: &Job,
    input: &ScoringInput,
    results: &mut [OfficerResult],
    threads: usize,
    stack_bytes: usize,
) -> Result<(), RuleError> {
    let mut cohorts: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (officer, result)) in input.officers.iter().zip(results.iter()).enumerate() {
        if result.status == Status::Scored {
            cohorts.entry(officer.cohort.as_str()).or_default().push(i);
        }
    }
    let cohorts: Vec<(&str, Vec<usize>)> = cohorts.into_iter().collect();
    let shared: &[OfficerResult] = results;
    let changes = workers::map_in_order(&cohorts, threads, stack_bytes, |(cohort, members)| {
        run_one(job, input, shared, cohort, members)
    })?;
    let position: HashMap<&str, usize> = input
        .officers
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    for change in changes.into_iter().flatten() {
        if let Some(&i) = position.get(change.officer.as_str()) {
            apply(&mut results[i], change);
        }
    }
    Ok(())
}

fn run_one(
    job: &Job,
    input: &ScoringInput,
    results: &[OfficerResult],
    cohort: &str,
    members: &[usize],
) -> Result<Vec<Regrade>, RuleError> {
    let who = Subject {
        stage: Stage::Cohort,
        officer: None,
        cohort: Some(cohort),
    };
    let list: Array = members
        .iter()
        .map(|&i| member_map(&input.officers[i], &results[i]))
        .collect();
    let ids: HashSet<String> = members
        .iter()
        .map(|&i| input.officers[i].id.clone())
        .collect();
    let state = EvalState::for_cohort(ids.clone(), job.limits.max_trace_items);
    let installed = Installed::new(
        state,
        Instant::now() + job.limits.deadline(),
        job.limits.max_column_bytes,
    );
    let mut scope = Scope::new();
    let outcome = job.engine.call_fn_with_options::<Dynamic>(
        CallFnOptions::new().eval_ast(false).rewind_scope(true),
        &mut scope,
        job.ast,
        "cohort",
        (Dynamic::from_array(list.clone()), job.params.clone()),
    );
    let state = installed.finish();
    // The cohort step acts through regrade(); its return value is ignored.
    if let Err(e) = outcome {
        let error = rhai_error::from_eval(&e, who, job.limits);
        return Err(evaluate::locate(job, error, || {
            let state = EvalState::for_cohort(ids, job.limits.max_trace_items);
            (
                state,
                "cohort",
                vec![Dynamic::from_array(list), job.params.clone()],
            )
        }));
    }
    let state = state.ok_or_else(|| RuleError::Internal("cohort state lost".into()))?;
    Ok(state.regrades)
}

/// Sets the new grade and adds the explanation before the rounding item.
fn apply(result: &mut OfficerResult, change: Regrade) {
    result.grade = Some(change.grade);
    let item = TraceItem {
        rule: change.rule,
        label: change.label,
        explanation: change.explanation,
        points: 0.0,
        line: change.line,
        entries: Vec::new(),
    };
    let at = result
        .trace
        .0
        .iter()
        .position(|i| i.rule == ROUNDING_RULE)
        .unwrap_or(result.trace.0.len());
    result.trace.0.insert(at, item);
}
