//! The administrators' home: the setup checklist and the health of the background work.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the checklist looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckKind {
    /// Positions with no approved job description (their officers cannot be scored).
    PositionsWithoutJobDescription,
    /// Active officers with no position.
    OfficersWithoutPosition,
    /// Units with officers and nobody heading them or a unit above.
    UnitsWithoutHead,
    /// Job descriptions submitted and waiting for approval.
    JobDescriptionsWaiting,
    /// Formula versions submitted and waiting for the committee.
    FormulasWaiting,
    /// Background jobs queued or running (information, not a problem).
    JobsRunning,
    /// Background jobs that failed in the last [`FAILED_JOB_DAYS`] days.
    JobsFailed,
}

impl CheckKind {
    pub fn code(self) -> &'static str {
        match self {
            CheckKind::PositionsWithoutJobDescription => "positions-without-jd",
            CheckKind::OfficersWithoutPosition => "officers-without-position",
            CheckKind::UnitsWithoutHead => "units-without-head",
            CheckKind::JobDescriptionsWaiting => "jd-waiting",
            CheckKind::FormulasWaiting => "formulas-waiting",
            CheckKind::JobsRunning => "jobs-running",
            CheckKind::JobsFailed => "jobs-failed",
        }
    }

    /// Whether a count above zero asks for something to be done.
    pub fn is_problem(self) -> bool {
        self != CheckKind::JobsRunning
    }
}

/// Failed jobs are shown this many days.
pub const FAILED_JOB_DAYS: i64 = 7;

/// One record behind a check, with the page that fixes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckExample {
    pub label: String,
    pub href: Option<String>,
    /// A failed job's error.
    pub error: Option<AppError>,
}

/// One line of the checklist: how many, and the first few.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckItem {
    pub kind: CheckKind,
    pub count: u64,
    pub examples: Vec<CheckExample>,
}

impl CheckItem {
    pub fn done(&self) -> bool {
        self.count == 0 || !self.kind.is_problem()
    }
}

/// Examples listed per check.
pub const CHECK_EXAMPLES: usize = 10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminHome {
    pub checks: Vec<CheckItem>,
}
