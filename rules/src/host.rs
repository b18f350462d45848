//! Host functions of the scoring contract and the per-evaluation state behind them.
//!
//! Each evaluation (one `score` call, one `cohort` call) installs an
//! [`EvalState`] in a thread-local slot; `award`, `regrade`, `scored` and
//! `not_scored` record into it, and the engine takes it back when the call
//! returns. The script line of every record is the call site, read from
//! [`NativeCallContext::call_position`].

use crate::column::Column;
use crate::input::Entry;
use crate::limits::LimitKind;
use crate::numbers::{format_vn, round_half_away};
use crate::result::{EntryContribution, ROUNDING_RULE};
use rhai::{
    Dynamic, Engine, EvalAltResult, ImmutableString, Map as RhaiMap, NativeCallContext, Position,
    INT,
};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

type Fallible<T> = Result<T, Box<EvalAltResult>>;

const MAX_RULE_CHARS: usize = 64;
const MAX_LABEL_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 2_000;
const MAX_GRADE_CHARS: usize = 32;
const MAX_COMPONENTS: usize = 64;
/// Largest magnitude accepted for points, totals and components.
const MAX_MAGNITUDE: f64 = 1e6;

/// Names of the host functions; a script may not define functions with these names.
pub(crate) const HOST_FUNCTIONS: [&str; 10] = [
    "award",
    "scored",
    "not_scored",
    "regrade",
    "round_to",
    "vn",
    "pct",
    "sum",
    "choose",
    "column",
];

/// An error raised by a host function (not by the script's own `throw`).
#[derive(Debug, Clone)]
pub(crate) struct HostError {
    pub limit: Option<LimitKind>,
    pub message: String,
}

pub(crate) fn host_error(message: impl Into<String>) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        Dynamic::from(HostError {
            limit: None,
            message: message.into(),
        }),
        Position::NONE,
    ))
}

fn limit_error(limit: LimitKind) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        Dynamic::from(HostError {
            limit: Some(limit),
            message: String::new(),
        }),
        Position::NONE,
    ))
}

/// Which contract function is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Score,
    Cohort,
}

/// A trace item as recorded, before rounding.
#[derive(Debug, Clone)]
pub(crate) struct RawItem {
    pub rule: String,
    pub label: String,
    pub explanation: String,
    pub points: f64,
    pub line: Option<u32>,
    pub entries: Vec<EntryContribution>,
}

/// A grade change requested by the cohort step.
#[derive(Debug, Clone)]
pub(crate) struct Regrade {
    pub officer: String,
    pub grade: String,
    pub rule: String,
    pub label: String,
    pub explanation: String,
    pub line: Option<u32>,
}

/// What one evaluation records.
#[derive(Debug)]
pub(crate) struct EvalState {
    pub mode: Mode,
    pub entries: Arc<[Entry]>,
    pub items: Vec<RawItem>,
    pub max_items: usize,
    pub result_line: Option<u32>,
    pub members: HashSet<String>,
    pub regrades: Vec<Regrade>,
}

impl EvalState {
    pub(crate) fn for_officer(entries: Arc<[Entry]>, max_items: usize) -> Self {
        Self {
            mode: Mode::Score,
            entries,
            items: Vec::new(),
            max_items,
            result_line: None,
            members: HashSet::new(),
            regrades: Vec::new(),
        }
    }

    pub(crate) fn for_cohort(members: HashSet<String>, max_items: usize) -> Self {
        Self {
            mode: Mode::Cohort,
            entries: Arc::from(Vec::new()),
            items: Vec::new(),
            max_items,
            result_line: None,
            members,
            regrades: Vec::new(),
        }
    }
}

thread_local! {
    static STATE: RefCell<Option<EvalState>> = const { RefCell::new(None) };
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static LAST_POSITION: Cell<Option<(u32, Option<u32>)>> = const { Cell::new(None) };
    static COLUMN_BUDGET: Cell<usize> = const { Cell::new(0) };
}

/// Charges a new column of `len` numbers to the evaluation's budget, and
/// checks the deadline: column work happens outside Rhai's operation count.
pub(crate) fn charge_column(len: usize) -> Fallible<()> {
    if deadline_passed() {
        return Err(Box::new(EvalAltResult::ErrorTerminated(
            crate::sandbox::DEADLINE_TOKEN.into(),
            Position::NONE,
        )));
    }
    let bytes = len.saturating_mul(std::mem::size_of::<f64>());
    COLUMN_BUDGET.with(|budget| {
        let left = budget.get();
        if bytes > left {
            return Err(limit_error(LimitKind::ColumnMemory));
        }
        budget.set(left - bytes);
        Ok(())
    })
}

/// Notes the position of the step the locator engine is about to run.
pub(crate) fn note_position(pos: Position) {
    if let Some(line) = pos.line().and_then(|l| u32::try_from(l).ok()) {
        let column = pos.position().and_then(|c| u32::try_from(c).ok());
        LAST_POSITION.with(|p| p.set(Some((line, column))));
    }
}

/// Takes the last position noted on this thread.
pub(crate) fn take_position() -> Option<(u32, Option<u32>)> {
    LAST_POSITION.with(|p| p.take())
}

/// Keeps an evaluation's state installed on this thread; clears it when dropped.
pub(crate) struct Installed(());

impl Installed {
    pub(crate) fn new(state: EvalState, deadline: Instant, column_bytes: usize) -> Self {
        STATE.with(|s| *s.borrow_mut() = Some(state));
        DEADLINE.with(|d| d.set(Some(deadline)));
        COLUMN_BUDGET.with(|b| b.set(column_bytes));
        Self(())
    }

    /// Takes the recorded state back.
    pub(crate) fn finish(self) -> Option<EvalState> {
        STATE.with(|s| s.borrow_mut().take())
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        STATE.with(|s| s.borrow_mut().take());
        DEADLINE.with(|d| d.set(None));
        COLUMN_BUDGET.with(|b| b.set(0));
    }
}

/// Whether the running evaluation on this thread is past its deadline.
pub(crate) fn deadline_passed() -> bool {
    DEADLINE.with(|d| d.get().is_some_and(|deadline| Instant::now() >= deadline))
}

fn with_state<T>(
    name: &str,
    mode: Mode,
    f: impl FnOnce(&mut EvalState) -> Fallible<T>,
) -> Fallible<T> {
    STATE.with(|cell| {
        let mut slot = cell.borrow_mut();
        match slot.as_mut() {
            Some(state) if state.mode == mode => f(state),
            Some(_) if mode == Mode::Score => Err(host_error(format!(
                "`{name}` chỉ dùng trong hàm score(officer, params, period)"
            ))),
            Some(_) => Err(host_error(format!(
                "`{name}` chỉ dùng trong hàm cohort(members, params)"
            ))),
            None => Err(host_error(format!("`{name}` chỉ dùng khi đang chấm điểm"))),
        }
    })
}

fn line_of(ctx: &NativeCallContext) -> Option<u32> {
    ctx.call_position()
        .line()
        .and_then(|l| u32::try_from(l).ok())
}

pub(crate) fn number(value: &Dynamic, what: &str) -> Fallible<f64> {
    number_within(value, what, MAX_MAGNITUDE)
}

fn number_within(value: &Dynamic, what: &str, max: f64) -> Fallible<f64> {
    let x = value
        .as_float()
        .ok()
        .or_else(|| value.as_int().ok().map(|i| i as f64))
        .ok_or_else(|| host_error(format!("{what} phải là số, nhận `{}`", value.type_name())))?;
    if x.is_nan() {
        return Err(host_error(format!("{what} không phải là số (NaN)")));
    }
    if !x.is_finite() {
        return Err(host_error(format!("{what} phải là số hữu hạn (nhận {x})")));
    }
    if x.abs() > max {
        return Err(host_error(format!(
            "{what} phải có trị tuyệt đối không quá {max} (nhận {x})"
        )));
    }
    Ok(x)
}

pub(crate) fn text(
    value: &str,
    what: &str,
    max_chars: usize,
    allow_empty: bool,
) -> Fallible<String> {
    if !allow_empty && value.trim().is_empty() {
        return Err(host_error(format!("{what} không được để trống")));
    }
    if value.chars().count() > max_chars {
        return Err(host_error(format!("{what} dài quá {max_chars} ký tự")));
    }
    Ok(value.to_string())
}

fn rule_id(value: &str) -> Fallible<String> {
    let valid = !value.is_empty()
        && value.len() <= MAX_RULE_CHARS
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if !valid {
        return Err(host_error(format!(
            "mã quy tắc `{value}` không hợp lệ: chỉ gồm a-z, 0-9, '.', '_', '-', tối đa {MAX_RULE_CHARS} ký tự"
        )));
    }
    if value == ROUNDING_RULE {
        return Err(host_error(format!(
            "mã quy tắc `{ROUNDING_RULE}` dành cho khoản làm tròn do hệ thống thêm"
        )));
    }
    Ok(value.to_string())
}

fn record(
    ctx: &NativeCallContext,
    rule: &str,
    label: &str,
    points: &Dynamic,
    explanation: &str,
    weights: Option<&Column>,
) -> Fallible<()> {
    let item = RawItem {
        rule: rule_id(rule)?,
        label: text(label, "nhãn (label)", MAX_LABEL_CHARS, false)?,
        explanation: text(explanation, "lời giải thích", MAX_TEXT_CHARS, true)?,
        points: number(points, "số điểm")?,
        line: line_of(ctx),
        entries: Vec::new(),
    };
    with_state("award", Mode::Score, |state| {
        if state.items.len() >= state.max_items {
            return Err(limit_error(LimitKind::TraceItems));
        }
        let entries = match weights {
            Some(w) => attribute(item.points, w, &state.entries)?,
            None => Vec::new(),
        };
        state.items.push(RawItem { entries, ..item });
        Ok(())
    })
}

/// Splits `points` over the entries in proportion to `weights`.
fn attribute(points: f64, weights: &Column, entries: &[Entry]) -> Fallible<Vec<EntryContribution>> {
    let w = weights.values();
    if w.len() != entries.len() {
        return Err(host_error(format!(
            "cột trọng số có {} phần tử nhưng cán bộ có {} công việc",
            w.len(),
            entries.len()
        )));
    }
    if let Some(bad) = w.iter().find(|x| !x.is_finite() || **x < 0.0) {
        return Err(host_error(format!(
            "trọng số phân bổ cho công việc phải là số hữu hạn không âm (có giá trị {bad})"
        )));
    }
    let total: f64 = w.iter().sum();
    if total <= 0.0 || !total.is_finite() {
        if points == 0.0 {
            return Ok(Vec::new());
        }
        return Err(host_error(
            "không phân bổ được điểm cho công việc nào: tổng trọng số bằng 0",
        ));
    }
    let mut out = Vec::with_capacity(w.iter().filter(|x| **x > 0.0).count());
    for (entry, &weight) in entries.iter().zip(w) {
        if weight > 0.0 {
            out.push(EntryContribution {
                id: entry.id.clone(),
                contribution: round_half_away(points * weight / total, 4),
            });
        }
    }
    Ok(out)
}

/// Remembers where the result was built, for errors found after `score` returns.
fn note_result_line(ctx: &NativeCallContext, name: &str) -> Fallible<()> {
    let line = line_of(ctx);
    with_state(name, Mode::Score, |state| {
        state.result_line = line;
        Ok(())
    })
}

fn scored(
    ctx: &NativeCallContext,
    total: &Dynamic,
    grade: &str,
    components: RhaiMap,
) -> Fallible<RhaiMap> {
    let total = number(total, "tổng điểm")?;
    let grade = text(grade, "xếp loại", MAX_GRADE_CHARS, false)?;
    if components.len() > MAX_COMPONENTS {
        return Err(host_error(format!("quá {MAX_COMPONENTS} thành phần điểm")));
    }
    let mut checked = RhaiMap::new();
    for (name, value) in components {
        let x = number(&value, &format!("thành phần `{name}`"))?;
        checked.insert(name, Dynamic::from_float(x));
    }
    note_result_line(ctx, "scored")?;
    let mut map = RhaiMap::new();
    map.insert("status".into(), "scored".into());
    map.insert("total".into(), Dynamic::from_float(total));
    map.insert("grade".into(), grade.into());
    map.insert("components".into(), Dynamic::from_map(checked));
    Ok(map)
}

fn not_scored(ctx: &NativeCallContext, reason: &str) -> Fallible<RhaiMap> {
    let reason = text(reason, "lý do không chấm", MAX_TEXT_CHARS, false)?;
    note_result_line(ctx, "not_scored")?;
    let mut map = RhaiMap::new();
    map.insert("status".into(), "not_scored".into());
    map.insert("reason".into(), reason.into());
    Ok(map)
}

#[allow(clippy::too_many_arguments)]
fn regrade(
    ctx: &NativeCallContext,
    officer: &str,
    grade: &str,
    rule: &str,
    label: &str,
    explanation: &str,
) -> Fallible<()> {
    let change = Regrade {
        officer: officer.to_string(),
        grade: text(grade, "xếp loại", MAX_GRADE_CHARS, false)?,
        rule: rule_id(rule)?,
        label: text(label, "nhãn (label)", MAX_LABEL_CHARS, false)?,
        explanation: text(explanation, "lời giải thích", MAX_TEXT_CHARS, false)?,
        line: line_of(ctx),
    };
    with_state("regrade", Mode::Cohort, |state| {
        if !state.members.contains(officer) {
            return Err(host_error(format!(
                "cán bộ `{officer}` không thuộc nhóm đang xét"
            )));
        }
        if state.regrades.len() >= state.members.len().saturating_mul(4).max(16) {
            return Err(limit_error(LimitKind::TraceItems));
        }
        state.regrades.push(change);
        Ok(())
    })
}

fn decimals(d: INT) -> Fallible<u32> {
    u32::try_from(d)
        .ok()
        .filter(|d| *d <= 9)
        .ok_or_else(|| host_error(format!("số chữ số thập phân phải từ 0 đến 9 (nhận {d})")))
}

/// Registers the contract's host functions.
pub(crate) fn register(engine: &mut Engine) {
    engine.register_fn(
        "award",
        |ctx: NativeCallContext,
         rule: ImmutableString,
         label: ImmutableString,
         points: Dynamic,
         explanation: ImmutableString| {
            record(&ctx, &rule, &label, &points, &explanation, None)
        },
    );
    engine.register_fn(
        "award",
        |ctx: NativeCallContext,
         rule: ImmutableString,
         label: ImmutableString,
         points: Dynamic,
         explanation: ImmutableString,
         weights: Column| {
            record(&ctx, &rule, &label, &points, &explanation, Some(&weights))
        },
    );
    engine.register_fn(
        "scored",
        |ctx: NativeCallContext, total: Dynamic, grade: ImmutableString, components: RhaiMap| {
            scored(&ctx, &total, &grade, components)
        },
    );
    engine.register_fn(
        "scored",
        |ctx: NativeCallContext, total: Dynamic, grade: ImmutableString| {
            scored(&ctx, &total, &grade, RhaiMap::new())
        },
    );
    engine.register_fn(
        "not_scored",
        |ctx: NativeCallContext, reason: ImmutableString| not_scored(&ctx, &reason),
    );
    engine.register_fn(
        "regrade",
        |ctx: NativeCallContext,
         officer: ImmutableString,
         grade: ImmutableString,
         rule: ImmutableString,
         label: ImmutableString,
         explanation: ImmutableString| {
            regrade(&ctx, &officer, &grade, &rule, &label, &explanation)
        },
    );
    engine.register_fn("round_to", |x: Dynamic, d: INT| -> Fallible<f64> {
        Ok(round_half_away(
            number_within(&x, "giá trị cần làm tròn", f64::MAX)?,
            decimals(d)?,
        ))
    });
    engine.register_fn("vn", |x: Dynamic| -> Fallible<String> {
        Ok(format_vn(
            number_within(&x, "giá trị cần định dạng", f64::MAX)?,
            2,
        ))
    });
    engine.register_fn("vn", |x: Dynamic, d: INT| -> Fallible<String> {
        Ok(format_vn(
            number_within(&x, "giá trị cần định dạng", f64::MAX)?,
            decimals(d)?,
        ))
    });
    engine.register_fn("pct", |x: Dynamic| -> Fallible<String> {
        Ok(format!(
            "{}%",
            format_vn(number_within(&x, "tỷ lệ", f64::MAX)? * 100.0, 2)
        ))
    });
}
