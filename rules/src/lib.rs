//! Rubric's scoring engine: sandboxed Rhai scripts that turn an officer's
//! period into a total, a grade and an explanation.
//!
//! # Job and boundaries
//!
//! This crate compiles, checks, runs and explains *rule sets* — a Rhai script,
//! its typed parameters and its test cases ([`RuleSetSource`]). It knows the
//! scoring input document ([`ScoringInput`]) and the results ([`OfficerResult`]
//! with its [`Trace`]); it knows nothing of databases, HTTP or users. The
//! caller stores [`CompiledRuleSet::content_hash`] with every score.
//!
//! Scripts run in one engine built once ([`RuleEngine::new`]) from a raw Rhai
//! engine with only arithmetic, logic, math, strings, arrays, maps, ranges and
//! function pointers. `eval`, `import`, `print`, `debug`, `sleep`, `exit` and
//! clock reads do not exist for scripts. Every evaluation runs under an
//! explicit block of [`Limits`] and a wall-clock deadline; every failure is a
//! typed [`RuleError`] with its script line, never a panic.
//!
//! # The scoring contract
//!
//! A script defines, at its top level, only functions:
//!
//! - `fn score(officer, params, period)` — required; called once per officer.
//! - `fn cohort(members, params)` — optional; called once per cohort after
//!   every officer is scored, for rules across officers (the 20% cap).
//!
//! **What `score` receives.**
//! `officer` is a map: `id`, `name`, `unit`, `position`, `cohort` (strings or
//! `()`), `disqualified` (bool), `criteria` (map of criterion → points, e.g.
//! `general`; a missing criterion is absent, never zero — test with
//! `"general" in officer.criteria`), and `entries`. `officer.entries` exposes
//! each field as a *column* (one number per entry, input order):
//! `norm_minutes`, `coefficient`, `assigned_qty`, `completed_qty`,
//! `quality_failures`, `delays`, and 0/1 flags `objective_cause`, `late`
//! (completed after its deadline), `completed`, `has_deadline`; plus `len`,
//! `ids` and `rows()` (an array of maps, for loops). Columns combine with
//! `+ - * /`, `min`, `max` (with columns or numbers), `choose(mask, a, b)`,
//! `sum(column)`, `column(array)` and `to_array(column)`.
//! `officer.led_unit` is `()` except for leaders, where it is `#{code,
//! members}`: the code of the unit they lead and an array of its officers,
//! each a map built exactly like `officer` (`criteria`, `entries` columns, …;
//! their own `led_unit` is `()`), so a script can run its own helper
//! functions on `m.entries` and `m.criteria`. The host fills it for an
//! officer who holds the reviewer role on a unit: the members are the active
//! officers of that unit's subtree except the leader, with their confirmed
//! entries and criteria of the same period ([`LedUnit`], at most
//! [`input::MAX_LED_UNIT_MEMBERS`]). Work done on members counts against the
//! leader's evaluation (operations, column memory, deadline), and `award`
//! links points only to the leader's own entries. The shipped template
//! `rules/profiles/leader/` ("Mẫu cho lãnh đạo đơn vị") blends a leader's
//! own task score with the unit's result (DOMAIN.md, "Leaders").
//! `params` is a map of the rule set's parameters (defaults from `params.json`
//! with the run's overrides). `period` is `#{kind, start, end}` (ISO dates).
//! Reading a property that does not exist is an error, so typos surface.
//!
//! **What `score` returns.** `scored(total, grade, components)` — a total
//! (rounded by the script; the host keeps two decimals), a grade code and a
//! map of named components (the profiles report `a`, `b`, `c`, `task`,
//! `general`) — or `not_scored(reason)` when data is missing or nothing was
//! assigned. There is no silent zero.
//!
//! **Explanations.** `award(rule, label, points, explanation)` records a
//! labelled share of the total at the line of the call;
//! `award(rule, label, points, explanation, weights)` also links it to the
//! entries, splitting `points` in proportion to a column of non-negative
//! weights. The points awarded must add up to the returned total (within
//! 0.01, the rounding of the total); the host rounds each item to two
//! decimals and appends a `rounding` item so the trace adds up to the total
//! exactly in hundredths ([`Trace::total_cents`]).
//!
//! **The cohort step.** `cohort(members, params)` receives the scored members
//! of one cohort as maps `#{id, cohort, total, grade, components,
//! disqualified}` and may call `regrade(id, grade, rule, label, explanation)`;
//! the new grade and a zero-point trace item carrying the explanation and the
//! line are added to that officer's result.
//!
//! **Helpers.** `round_to(x, decimals)` rounds half away from zero on the
//! decimal value; `vn(x)` / `vn(x, decimals)` format with a decimal comma
//! (`87,50`); `pct(ratio)` formats a ratio as a percentage (`87,50%`).
//!
//! # A complete example
//!
//! ```
//! use rubric_rules::{ParamValues, RuleEngine, RuleSetSource, ScoringInput, Status};
//!
//! let script = r#"
//! fn score(officer, params, period) {
//!     let e = officer.entries;
//!     let u = e.norm_minutes / 60.0 * e.coefficient;      // standard hours per unit
//!     let assigned = e.assigned_qty * u;
//!     let done = e.completed_qty * u;
//!     let sum_a = sum(assigned);
//!     if sum_a <= 0.0 {
//!         return not_scored("Không có công việc được giao trong kỳ.");
//!     }
//!     if !("general" in officer.criteria) {
//!         return not_scored("Chưa có điểm tiêu chí chung.");
//!     }
//!     let delays = max(e.delays, e.late);
//!     let timely = choose(e.objective_cause, done,
//!                         done * max(0.0, 1.0 - params.delay_penalty * delays));
//!     let a = min(1.0, sum(done) / sum_a);
//!     let c = min(1.0, sum(timely) / sum_a);
//!     let general = min(30.0, officer.criteria.general);
//!     award("general", "Tiêu chí chung", general, `Thủ trưởng chấm ${vn(general)} điểm.`);
//!     award("task.quantity", "Số lượng", 35.0 * a, `Hoàn thành ${pct(a)} khối lượng giao.`, done);
//!     award("task.timeliness", "Tiến độ", 35.0 * a, "Tiến độ trước khi trừ trễ hạn.", done);
//!     if c < a {
//!         award("penalty.delay", "Trừ trễ hạn", 35.0 * (c - a), "Công việc trễ hạn.", done - timely);
//!     }
//!     let total = round_to(general + 35.0 * a + 35.0 * c, 2);
//!     let grade = if total >= 90.0 { "HTXSNV" } else if total >= 70.0 { "HTTNV" }
//!                 else if total >= 50.0 { "HTNV" } else { "KHTNV" };
//!     scored(total, grade, #{ a: a, c: c, general: general })
//! }
//!
//! fn cohort(members, params) {
//!     let top = members.filter(|m| m.grade == "HTXSNV");
//!     let good = members.filter(|m| m.grade == "HTTNV").len();
//!     let keep = min(top.len(), (good + top.len()) / 6);
//!     top.sort(|p, q| if p.total > q.total { -1 } else if p.total < q.total { 1 }
//!                     else if p.id < q.id { -1 } else { 1 });
//!     for i in keep..top.len() {
//!         regrade(top[i].id, "HTTNV", "cohort.cap", "Giới hạn 20%",
//!                 "Số người hoàn thành xuất sắc vượt 20% số người hoàn thành tốt.");
//!     }
//! }
//! "#;
//! let params = r#"{"delay_penalty": {"type": "number", "default": 0.25, "min": 0, "max": 1,
//!                  "label_vi": "Mức trừ mỗi lần trễ hạn", "label_en": "Penalty per delay"}}"#;
//! let engine = RuleEngine::default();
//! let rules = engine.compile(&RuleSetSource::new(script, params, "[]"))?;
//! let input = ScoringInput::sample()?;
//! let results = engine.score(&rules, &input, &ParamValues::new())?;
//! let officer = &results[0];
//! assert_eq!(officer.status, Status::Scored);
//! assert_eq!(officer.total, Some(97.5));
//! // A lone excellent officer is capped: ⌊1 / 6⌋ = 0 may keep HTXSNV.
//! assert_eq!(officer.grade.as_deref(), Some("HTTNV"));
//! assert_eq!(officer.trace.total_cents(), 9750);
//! // The `general` item points at its `award(...)` call, line 20 of the script.
//! assert_eq!(officer.trace.items()[0].line, Some(20));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Rule sets live on disk as a directory of `rule.rhai`, `params.json` and
//! `cases.json` ([`RuleSetSource::from_dir`]); the shipped profiles are under
//! `rules/profiles/` (`decree-335`, `khanh-hoa-2025`, and the leader template
//! `leader`). Parameters that are grade thresholds say so (`"grade"` in
//! `params.json`), and [`boundary::boundary_cases`] proposes test cases on
//! either side of each of them. The `rubric rules check|test|eval` commands,
//! and `boundary` (so far only in the stand-alone `rubric-rules` binary), are
//! in [`cli`].

pub mod boundary;
pub mod cases;
pub mod cli;
mod cohort;
mod column;
mod engine;
pub mod error;
mod evaluate;
mod host;
pub mod input;
pub mod limits;
pub mod numbers;
pub mod params;
pub mod result;
mod rhai_error;
mod sandbox;
pub mod source;
mod workers;

pub use boundary::{BoundaryCases, BoundaryError, UnreachableBoundary};
pub use cases::{CaseFailure, CaseOutcome, CaseReport, CaseSpec, Expectation};
pub use engine::{CompiledRuleSet, RuleEngine};
pub use error::{InputError, LimitError, ParamError, RuleError, ScriptError, Stage};
pub use input::{Entry, LedUnit, MonthResult, MonthStatus, Officer, Period, ScoringInput};
pub use limits::{LimitKind, Limits};
pub use params::{GradeThreshold, ParamDecl, ParamDecls, ParamType, ParamValue, ParamValues};
pub use result::{EntryContribution, OfficerResult, Status, Trace, TraceItem};
pub use source::RuleSetSource;
