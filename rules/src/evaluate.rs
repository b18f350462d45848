//! One evaluation of `score` for one officer, and reading its result.

use crate::column::EntryList;
use crate::error::{RuleError, ScriptError, Stage};
use crate::host::{self, EvalState, Installed, RawItem};
use crate::input::{MonthResult, Officer, Period};
use crate::limits::Limits;
use crate::numbers::{format_vn, round_half_away, to_cents};
use crate::result::{OfficerResult, Status, Trace, TraceItem, ROUNDING_RULE};
use crate::rhai_error::{self, Subject};
use rhai::{Array, CallFnOptions, Dynamic, Engine, Map as RhaiMap, Scope, AST};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Largest gap allowed between a total and the points its trace recorded:
/// rounding the total to two decimals moves it by at most half a hundredth.
const TRACE_TOLERANCE: f64 = 0.01 + 1e-9;

/// How long the locator may re-run a failed evaluation.
const LOCATE_BUDGET: Duration = Duration::from_millis(200);

/// What every evaluation of one scoring run shares.
pub(crate) struct Job<'a> {
    pub engine: &'a Engine,
    pub locator: &'a Engine,
    pub ast: &'a AST,
    pub limits: &'a Limits,
    pub params: Dynamic,
    pub period: Dynamic,
    /// The contract function that scores one officer: `score`, or `aggregate`
    /// for a quarter or year when the script defines it.
    pub function: &'static str,
}

/// The contract function that scores one officer in `period`: a quarter or a
/// year is formed from its months by `aggregate` when the script defines it;
/// otherwise (and always for a month) `score` runs on the period's entries.
pub(crate) fn officer_function(period: &Period, has_aggregate: bool) -> &'static str {
    if has_aggregate && period.kind != "month" {
        "aggregate"
    } else {
        "score"
    }
}

pub(crate) fn period_map(period: &Period) -> Dynamic {
    let mut map = RhaiMap::new();
    map.insert("kind".into(), period.kind.clone().into());
    map.insert("start".into(), period.start.to_string().into());
    map.insert("end".into(), period.end.to_string().into());
    Dynamic::from_map(map)
}

fn optional_text(value: &Option<String>) -> Dynamic {
    value.clone().map_or(Dynamic::UNIT, Dynamic::from)
}

/// The `officer` argument of `score`. A leader's `led_unit` is
/// `#{code, members}` with each member built the same way (their own
/// `led_unit` is `()`); everyone else's is `()`.
fn officer_map(officer: &Officer) -> Dynamic {
    let criteria: RhaiMap = officer
        .criteria
        .iter()
        .map(|(name, points)| (name.as_str().into(), Dynamic::from_float(*points)))
        .collect();
    let mut map = RhaiMap::new();
    map.insert("id".into(), officer.id.clone().into());
    map.insert("name".into(), optional_text(&officer.name));
    map.insert("unit".into(), optional_text(&officer.unit));
    map.insert("position".into(), optional_text(&officer.position));
    map.insert("cohort".into(), officer.cohort.clone().into());
    map.insert("disqualified".into(), officer.disqualified.into());
    map.insert("criteria".into(), Dynamic::from_map(criteria));
    map.insert(
        "entries".into(),
        Dynamic::from(EntryList(officer.entries.clone())),
    );
    let led_unit = officer.led_unit.as_ref().map_or(Dynamic::UNIT, |unit| {
        let mut led = RhaiMap::new();
        led.insert("code".into(), unit.code.clone().into());
        let members: Array = unit.members.iter().map(officer_map).collect();
        led.insert("members".into(), Dynamic::from_array(members));
        Dynamic::from_map(led)
    });
    map.insert("led_unit".into(), led_unit);
    let months: Array = officer.months.iter().map(month_map).collect();
    map.insert("months".into(), Dynamic::from_array(months));
    Dynamic::from_map(map)
}

/// One month of `officer.months`: `#{month, status, total, grade, components,
/// disqualified, reason}`; `total`, `grade` and `reason` are `()` when absent.
fn month_map(month: &MonthResult) -> Dynamic {
    let components: RhaiMap = month
        .components
        .iter()
        .map(|(name, x)| (name.as_str().into(), Dynamic::from_float(*x)))
        .collect();
    let mut map = RhaiMap::new();
    map.insert("month".into(), month.month.clone().into());
    map.insert("status".into(), month.status.as_str().into());
    map.insert(
        "total".into(),
        month.total.map_or(Dynamic::UNIT, Dynamic::from_float),
    );
    map.insert("grade".into(), optional_text(&month.grade));
    map.insert("components".into(), Dynamic::from_map(components));
    map.insert("disqualified".into(), month.disqualified.into());
    map.insert("reason".into(), optional_text(&month.reason));
    Dynamic::from_map(map)
}

/// Runs `score` (or `aggregate`, [`officer_function`]) for one officer.
pub(crate) fn score_officer(
    job: &Job,
    officer: &Officer,
    scope: &mut Scope,
) -> Result<OfficerResult, RuleError> {
    let who = Subject {
        stage: Stage::Score,
        officer: Some(&officer.id),
        cohort: None,
    };
    let state = EvalState::for_officer(officer.entries.clone(), job.limits.max_trace_items);
    let installed = Installed::new(
        state,
        Instant::now() + job.limits.deadline(),
        job.limits.max_column_bytes,
    );
    let outcome = job.engine.call_fn_with_options::<Dynamic>(
        CallFnOptions::new().eval_ast(false).rewind_scope(true),
        scope,
        job.ast,
        job.function,
        (officer_map(officer), job.params.clone(), job.period.clone()),
    );
    let state = installed.finish();
    let value = match outcome {
        Ok(value) => value,
        Err(e) => {
            let error = rhai_error::from_eval(&e, who, job.limits);
            return Err(locate(job, error, || {
                let state =
                    EvalState::for_officer(officer.entries.clone(), job.limits.max_trace_items);
                (
                    state,
                    job.function,
                    vec![officer_map(officer), job.params.clone(), job.period.clone()],
                )
            }));
        }
    };
    let state = state.ok_or_else(|| RuleError::Internal("evaluation state lost".into()))?;
    read_result(officer, value, state, job.function)
}

/// Fills in the line of a limit error that Rhai reported without one, by
/// re-running the same call on the locator engine.
pub(crate) fn locate(
    job: &Job,
    mut error: RuleError,
    call: impl FnOnce() -> (EvalState, &'static str, Vec<Dynamic>),
) -> RuleError {
    let RuleError::Limit(limit) = &mut error else {
        return error;
    };
    if limit.line.is_some() {
        return error;
    }
    let (state, function, args) = call();
    host::take_position();
    let budget = LOCATE_BUDGET.min(job.limits.deadline());
    let installed = Installed::new(state, Instant::now() + budget, job.limits.max_column_bytes);
    let mut scope = Scope::new();
    let _ = job.locator.call_fn_with_options::<Dynamic>(
        CallFnOptions::new().eval_ast(false).rewind_scope(true),
        &mut scope,
        job.ast,
        function,
        args,
    );
    drop(installed);
    if let Some((line, column)) = host::take_position() {
        limit.line = Some(line);
        limit.column = column;
    }
    error
}

fn contract(officer: &Officer, line: Option<u32>, message: String) -> RuleError {
    RuleError::Contract(ScriptError {
        stage: Stage::Score,
        line,
        column: None,
        message,
        officer: Some(officer.id.clone()),
        cohort: None,
    })
}

fn read_result(
    officer: &Officer,
    value: Dynamic,
    state: EvalState,
    function: &str,
) -> Result<OfficerResult, RuleError> {
    let line = state.result_line;
    let shape = || {
        contract(
            officer,
            line,
            format!(
                "hàm {function} phải trả về scored(tổng, xếp_loại, thành_phần) hoặc not_scored(lý_do)"
            ),
        )
    };
    let map = value.try_cast::<RhaiMap>().ok_or_else(shape)?;
    let status = map
        .get("status")
        .and_then(|s| s.clone().into_immutable_string().ok())
        .ok_or_else(shape)?;
    let recorded: f64 = state.items.iter().map(|i| i.points).sum();
    let mut trace: Vec<TraceItem> = state.items.into_iter().map(rounded_item).collect();
    match status.as_str() {
        "scored" => {
            let total = map.get("total").ok_or_else(shape)?;
            let total = host::number(total, "tổng điểm")
                .map_err(|_| contract(officer, line, "tổng điểm phải là số hữu hạn".into()))?;
            let grade = map
                .get("grade")
                .and_then(|g| g.clone().into_immutable_string().ok())
                .filter(|g| !g.trim().is_empty())
                .ok_or_else(shape)?;
            let components = read_components(officer, line, map.get("components"))?;
            let total = round_half_away(total, 2);
            if (recorded - total).abs() > TRACE_TOLERANCE {
                return Err(contract(
                    officer,
                    line,
                    format!(
                        "tổng điểm {} khác tổng các khoản đã ghi bằng award ({}); \
                         mỗi điểm của tổng phải được ghi nhận bằng award(...)",
                        format_vn(total, 2),
                        format_vn(recorded, 4)
                    ),
                ));
            }
            let gap = to_cents(total) - trace.iter().map(|i| to_cents(i.points)).sum::<i64>();
            if gap != 0 {
                trace.push(rounding_item(gap));
            }
            Ok(OfficerResult {
                id: officer.id.clone(),
                status: Status::Scored,
                total: Some(total),
                grade: Some(grade.to_string()),
                components,
                reason: None,
                trace: Trace(trace),
            })
        }
        "not_scored" => {
            let reason = map
                .get("reason")
                .and_then(|r| r.clone().into_immutable_string().ok())
                .filter(|r| !r.trim().is_empty())
                .ok_or_else(shape)?;
            Ok(OfficerResult {
                id: officer.id.clone(),
                status: Status::NotScored,
                total: None,
                grade: None,
                components: BTreeMap::new(),
                reason: Some(reason.to_string()),
                trace: Trace(trace),
            })
        }
        _ => Err(shape()),
    }
}

fn read_components(
    officer: &Officer,
    line: Option<u32>,
    value: Option<&Dynamic>,
) -> Result<BTreeMap<String, f64>, RuleError> {
    let Some(value) = value else {
        return Ok(BTreeMap::new());
    };
    let map = value.clone().try_cast::<RhaiMap>().ok_or_else(|| {
        contract(
            officer,
            line,
            "thành phần điểm (components) phải là một bảng #{...}".into(),
        )
    })?;
    map.into_iter()
        .map(|(name, v)| {
            host::number(&v, "thành phần")
                .map(|x| (name.to_string(), x))
                .map_err(|_| {
                    contract(
                        officer,
                        line,
                        format!("thành phần `{name}` phải là số hữu hạn"),
                    )
                })
        })
        .collect()
}

fn rounded_item(item: RawItem) -> TraceItem {
    TraceItem {
        rule: item.rule,
        label: item.label,
        explanation: item.explanation,
        points: round_half_away(item.points, 2),
        line: item.line,
        entries: item.entries,
    }
}

fn rounding_item(cents: i64) -> TraceItem {
    TraceItem {
        rule: ROUNDING_RULE.to_string(),
        label: "Làm tròn".to_string(),
        explanation: "Chênh lệch do làm tròn tổng điểm và từng khoản đến hai chữ số thập phân."
            .to_string(),
        points: cents as f64 / 100.0,
        line: None,
        entries: Vec::new(),
    }
}
