//! A background job as its pages show it: what it does, how far it got, and its result.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::models::JobStatus;

/// What a job does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JobWork {
    /// Scoring (or re-scoring) a period; `unit` names the scope when it is not the province.
    Score {
        period: String,
        unit: Option<String>,
    },
    /// A simulation, shown on its own page.
    Simulation { simulation_id: i32 },
}

/// A finished scoring job's counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JobCounts {
    /// Officers given a new score version.
    pub officers: usize,
    /// Officers scored whose stored score stayed as it was (unchanged, approved, outside
    /// the job's reach).
    pub kept: usize,
    /// Officers the formulas could not score (no formula, missing data).
    pub not_scored: usize,
}

/// A job with its progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    pub id: i32,
    pub work: JobWork,
    pub status: JobStatus,
    pub parts_done: i32,
    pub parts_total: i32,
    pub counts: Option<JobCounts>,
    pub error: Option<AppError>,
    pub started_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The reader may cancel it (it is live and the reader steers it or started it).
    pub may_cancel: bool,
}

impl JobView {
    /// Done parts as a share of all, 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.parts_total <= 0 {
            return if self.status == JobStatus::Done {
                1.0
            } else {
                0.0
            };
        }
        (self.parts_done as f64 / self.parts_total as f64).clamp(0.0, 1.0)
    }
}
