//! Wire types shared by the browser and the server. No ORM types here.

use serde::{Deserialize, Serialize};

/// Counts shown on the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeCounts {
    pub units: u64,
    pub users: u64,
}

/// A task catalog row as an editor or an import file gives it, before validation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogItemInput {
    pub code: String,
    /// A, B, C or D.
    pub group_code: String,
    pub name: String,
    pub unit_of_measure: String,
    /// Standard minutes per unit.
    pub norm_minutes: f64,
    /// 1, 2 or 3.
    pub complexity_level: i32,
    /// Defaults to the level's coefficient (1.0, 1.2, 1.5).
    pub coefficient: Option<f64>,
    pub evidence_required: bool,
}

/// A work-log entry as the officer types it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkLogInput {
    pub work_date: chrono::NaiveDate,
    /// The catalog item; `None` for off-catalog work.
    pub catalog_item_id: Option<i32>,
    pub off_catalog_description: Option<String>,
    pub proposed_minutes: Option<f64>,
    pub quantity: f64,
    pub completed_qty: Option<f64>,
    pub assigned_on: Option<chrono::NaiveDate>,
    pub deadline: Option<chrono::NaiveDate>,
    pub completed_on: Option<chrono::NaiveDate>,
    pub source_document: Option<String>,
    pub note: Option<String>,
}

/// What a reviewer records about an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewFindings {
    pub quality_failures: i32,
    pub delays: i32,
    pub objective_cause: bool,
}

/// The public overview of the province on the home page (no personal data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvinceOverview {
    pub province: Option<String>,
    pub agencies: Vec<AgencySummary>,
    pub periods: Vec<PeriodSummary>,
    pub formula: Option<FormulaSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencySummary {
    pub code: String,
    pub name: String,
    pub departments: u64,
    pub officers: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodSummary {
    pub code: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    /// open | scored | approved | published
    pub status: PeriodStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormulaSummary {
    pub rule_set: String,
    pub version_no: i32,
    /// The first 12 characters of the version's content hash.
    pub hash: String,
    pub effective_from: Option<chrono::NaiveDate>,
}

pub mod account;
pub use account::*;

pub mod diary;
pub use diary::*;

pub mod iso_date;

pub mod unit;
pub use unit::*;

pub mod positions;
pub use positions::*;

pub mod rules;
pub use rules::*;

pub mod states;
pub use states::*;

pub mod period;
pub use period::*;

pub mod jobs;
pub use jobs::*;

pub mod onboarding;
pub use onboarding::*;

pub mod org;
pub use org::*;

pub mod api;
pub use api::*;

pub mod closing;
pub use closing::*;

pub mod delegation;
pub use delegation::*;

pub mod notification;
pub use notification::*;

pub mod admin;
pub use admin::*;

pub mod dashboard;
pub use dashboard::*;

pub mod report;
pub use report::*;

pub mod walkthrough;
pub use walkthrough::*;

pub mod guide;
pub use guide::*;
