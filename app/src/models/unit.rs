//! The reviewer's unit page: every officer's period at a glance, the general-criteria
//! points, scoring and approving the unit's period.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::models::states::*;

use crate::models::Choice;

/// What looks wrong in an officer's logging for the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoggingFlags {
    /// Days whose logged entries add up to more than 8 standard hours.
    pub heavy_days: Vec<(NaiveDate, f64)>,
    /// Tasks whose quantity is far above the median of the officers in the same position.
    pub outliers: Vec<QuantityOutlier>,
    /// Entries of tasks that require a document number and have none.
    pub missing_evidence: u32,
}

impl LoggingFlags {
    pub fn any(&self) -> bool {
        !self.heavy_days.is_empty() || !self.outliers.is_empty() || self.missing_evidence > 0
    }
}

/// An officer's quantity of one task against the median of their position's officers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuantityOutlier {
    pub task_code: String,
    pub quantity: f64,
    pub median: f64,
}

/// An officer's line on the unit page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardOfficer {
    pub id: i32,
    pub username: String,
    pub name: String,
    pub unit_name: String,
    pub position: Option<String>,
    /// Entries of the period by state.
    pub drafts: u32,
    pub waiting: u32,
    pub returned: u32,
    pub approved: u32,
    /// Standard hours of the approved (or locked) entries.
    pub approved_hours: f64,
    /// The general-criteria points entered for the period, if any.
    pub general: Option<f64>,
    pub disqualified: bool,
    /// The `lock_version` of the points (0 when none are entered yet).
    pub points_lock: i32,
    /// The current score, if the period was scored.
    pub score_id: Option<i64>,
    pub status: Option<ScoreStatus>,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub reason: Option<String>,
    pub score_version: Option<i32>,
    /// Entries or points changed after the score was computed.
    pub stale: bool,
    pub score_approved: bool,
    pub flags: LoggingFlags,
}

/// The unit page for one unit and period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitBoard {
    pub unit_id: i32,
    pub unit_name: String,
    /// The agency whose cohorts a scoring run takes in.
    pub agency_name: String,
    /// The units the reviewer may open (those they head and the units below).
    pub units: Vec<Choice>,
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// open | scored | approved | published, or `None` when the period does not exist yet.
    pub period_status: Option<PeriodStatus>,
    /// The highest general-criteria points of the formula in force (30 by Decree 335).
    pub general_max: f64,
    pub officers: Vec<BoardOfficer>,
    /// Current grades: (code, officers), best first, then "not scored".
    pub grades: Vec<(String, u32)>,
    /// The appeals of the unit's officers for the period, open ones first.
    pub appeals: Vec<AppealView>,
    /// The unit's delegations of review (running, to come, recently ended).
    pub delegations: Vec<crate::models::DelegationView>,
    /// When nobody in the unit logged work or was scored in the period: the last month
    /// before it with work (`YYYY-MM`), if any.
    pub last_month_with_data: Option<String>,
}

impl UnitBoard {
    /// Why the unit's period cannot be approved yet, if it cannot.
    pub fn approval_blockers(&self) -> Vec<ApprovalBlocker> {
        let mut out = Vec::new();
        let waiting: u32 = self.officers.iter().map(|o| o.waiting).sum();
        if waiting > 0 {
            out.push(ApprovalBlocker::Waiting(waiting));
        }
        let unscored = self
            .officers
            .iter()
            .filter(|o| o.score_id.is_none())
            .count();
        if unscored > 0 {
            out.push(ApprovalBlocker::NotComputed(unscored as u32));
        }
        let stale = self.officers.iter().filter(|o| o.stale).count();
        if stale > 0 {
            out.push(ApprovalBlocker::Stale(stale as u32));
        }
        let open = self
            .appeals
            .iter()
            .filter(|a| a.status == AppealStatus::Open)
            .count();
        if open > 0 {
            out.push(ApprovalBlocker::OpenAppeals(open as u32));
        }
        if !self.officers.is_empty() && self.officers.iter().all(|o| o.score_approved) {
            out.push(ApprovalBlocker::AlreadyApproved);
        }
        out
    }
}

/// What holds back the approval of a unit's period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApprovalBlocker {
    /// Entries still wait for review.
    Waiting(u32),
    /// Officers without a score for the period.
    NotComputed(u32),
    /// Scores computed before the latest change of entries or points.
    Stale(u32),
    /// Appeals still waiting for an answer.
    OpenAppeals(u32),
    AlreadyApproved,
}

/// The general-criteria points form (text, checked on the server).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PointsForm {
    pub officer_id: String,
    pub period: String,
    pub general: String,
    pub disqualified: Option<String>,
    pub lock_version: String,
}

/// An appeal against a score or one of its entries, with the reviewer's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppealView {
    pub id: i32,
    pub officer_id: i32,
    pub officer_name: String,
    pub period: String,
    /// The contested entry: id, date and task (code or off-catalog description).
    pub entry: Option<(i64, NaiveDate, String)>,
    /// The entry's findings as recorded now (quality failures, delays, objective cause).
    pub findings: Option<crate::models::ReviewFindings>,
    pub comment: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// open | answered
    pub status: AppealStatus,
    /// accepted | rejected
    pub decision: Option<AppealDecision>,
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The contested score version and its total; the version the appeal produced, if any.
    pub score_version: i32,
    pub score_total: Option<f64>,
    pub new_score_version: Option<i32>,
    pub new_score_total: Option<f64>,
    pub lock_version: i32,
}

/// One computed version of an officer's score for a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreVersionView {
    pub score_version: i32,
    pub status: ScoreStatus,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub computed_at: chrono::DateTime<chrono::Utc>,
    pub rule_version_hash: String,
    pub approved: bool,
    pub current: bool,
    /// The appeal whose answer produced this version, if any.
    pub appeal_id: Option<i32>,
}

/// The reviewer's answer to an appeal (text, checked on the server).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppealAnswerForm {
    pub appeal_id: String,
    pub lock_version: String,
    /// accepted | rejected
    pub decision: String,
    pub answer: String,
    /// Corrected findings of the contested entry (accepted appeals on an entry).
    pub quality_failures: String,
    pub delays: String,
    pub objective_cause: Option<String>,
}
