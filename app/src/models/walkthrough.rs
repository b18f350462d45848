//! "How my score is computed": the formula in force for an officer, walked through step by
//! step with the officer's own figures for the period.
//!
//! The server builds it from the rule version's parameters, the stored score (components,
//! total, grade, trace) and the entries behind it (`ssr::services::walkthrough`); the page
//! words each step in the reader's language (`i18n::walkthrough`). A step states a formula
//! only when the formula, filled with these figures, gives the stored number; otherwise it
//! gives the stored number and points to the trace.

use serde::{Deserialize, Serialize};

/// The walk through one stored score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Walkthrough {
    pub steps: Vec<WalkStep>,
    /// The formula's other parameters, for completeness: label and value.
    pub other_params: Vec<ParamFigure>,
}

/// One step, and where the trace and the script record it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkStep {
    pub step: Step,
    /// Rule id of the trace item this step explains (the page links `#trace-<rule>`).
    pub rule: Option<String>,
    /// Script line of that trace item.
    pub line: Option<u32>,
}

/// A parameter of the formula as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamFigure {
    pub name: String,
    pub label_vi: String,
    pub label_en: String,
    pub value: f64,
}

/// A grade threshold of the formula: `total >= value`, or `total > value` when strict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    pub grade: String,
    pub value: f64,
    pub strict: bool,
}

/// Which head-given criterion a [`Step::Criterion`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Criterion {
    /// Tiêu chí chung.
    General,
    /// Cải cách hành chính, ứng dụng công nghệ thông tin.
    ReformIt,
}

impl Criterion {
    /// The component and parameter names the formulas use for it.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Criterion::General => ("general", "general_max"),
            Criterion::ReformIt => ("reform_it", "reform_it_max"),
        }
    }
}

/// The weights and result of the task step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskFormula {
    /// Weights of a, b and c.
    pub weights: [f64; 3],
    pub task_max: f64,
}

/// The steps a walk can have, each with the figures it shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// Standard hours = norm (minutes) ÷ 60 × complexity × quantity, summed over the
    /// period's confirmed entries.
    StandardHours {
        entries: u32,
        assigned: f64,
        completed: f64,
    },
    /// a = completed ÷ assigned standard hours, at most 100 %. `hours` (completed,
    /// assigned) is `None` when the entries read now no longer give the stored a.
    Quantity { hours: Option<(f64, f64)>, a: f64 },
    /// b: each major quality failure takes `penalty` of that task's volume.
    Quality { penalty: f64, failures: u32, b: f64 },
    /// c: each delay takes `penalty` of that task's volume.
    Timeliness { penalty: f64, delays: u32, c: f64 },
    /// Task points. `formula` is `None` when the weighted mean does not give the stored
    /// points (a formula of another shape, such as the leaders').
    Task {
        a: f64,
        b: f64,
        c: f64,
        formula: Option<TaskFormula>,
        task: f64,
    },
    /// A leader's share of the task points from the unit they head: weight × ratio × max.
    UnitResult {
        weight: f64,
        ratio: f64,
        task_max: f64,
        points: f64,
    },
    /// Points the head gave, counted up to `max`.
    Criterion {
        criterion: Criterion,
        given: Option<f64>,
        max: f64,
        points: f64,
    },
    /// A quarter: the mean of the scored months.
    Months { scored: u32, average: f64 },
    /// A year: `share` % of the months' mean plus the rest of the head's year-end assessment.
    Year {
        share_percent: f64,
        scored: u32,
        average: f64,
        assessment: f64,
    },
    /// The total: the sum of `parts` (component name, points) when they add up to it.
    Total {
        parts: Vec<(String, f64)>,
        total: f64,
    },
    /// The grade from the total by the formula's thresholds (highest first).
    Grade {
        thresholds: Vec<Threshold>,
        total: f64,
        grade: String,
        /// The officer was disqualified: the grade is KHTNV whatever the total.
        disqualified: bool,
    },
    /// At most `percent` % of the group's HTTNV may be graded HTXSNV; `applied`: this
    /// officer's grade was lowered by it.
    Cap { percent: f64, applied: bool },
}

impl Step {
    /// A stable name for the step (test ids, anchors).
    pub fn key(&self) -> &'static str {
        match self {
            Step::StandardHours { .. } => "standard-hours",
            Step::Quantity { .. } => "quantity",
            Step::Quality { .. } => "quality",
            Step::Timeliness { .. } => "timeliness",
            Step::Task { .. } => "task",
            Step::UnitResult { .. } => "unit",
            Step::Criterion {
                criterion: Criterion::General,
                ..
            } => "general",
            Step::Criterion {
                criterion: Criterion::ReformIt,
                ..
            } => "reform-it",
            Step::Months { .. } => "months",
            Step::Year { .. } => "year",
            Step::Total { .. } => "total",
            Step::Grade { .. } => "grade",
            Step::Cap { .. } => "cap",
        }
    }
}
