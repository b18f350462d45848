//! The closing chain of a period as the closing page shows it: per agency, its units and how
//! many of their officers' results are approved, whether the director closed the agency, and
//! whether the committee published the period.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::models::{PeriodCode, PeriodStatus};

/// A period's calendar: the last day of each step of its closing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    /// Officers submit their entries.
    pub submit_by: NaiveDate,
    /// Heads approve their units.
    pub review_by: NaiveDate,
    /// Directors close their agencies.
    pub close_by: NaiveDate,
    /// The committee publishes the period.
    pub publish_by: NaiveDate,
}

/// The province's default days of the month after a period: officers submit by the 5th,
/// heads approve by the 10th, agencies close by the 15th, the province publishes by the 25th
/// (the pilot sent its reports before the 25th).
pub const DEFAULT_DAYS: [u32; 4] = [5, 10, 15, 25];

impl Deadlines {
    /// The last day of `step`.
    pub fn of(&self, step: crate::models::DeadlineStep) -> NaiveDate {
        use crate::models::DeadlineStep;
        match step {
            DeadlineStep::Submit => self.submit_by,
            DeadlineStep::Review => self.review_by,
            DeadlineStep::Close => self.close_by,
            DeadlineStep::Publish => self.publish_by,
        }
    }

    /// The default calendar of `code`: [`DEFAULT_DAYS`] of the month after it ends.
    pub fn default_for(code: PeriodCode) -> Deadlines {
        let next = code.ends_on() + chrono::Duration::days(1);
        let day = |d: u32| NaiveDate::from_ymd_opt(next.year(), next.month(), d).unwrap_or(next);
        Deadlines {
            submit_by: day(DEFAULT_DAYS[0]),
            review_by: day(DEFAULT_DAYS[1]),
            close_by: day(DEFAULT_DAYS[2]),
            publish_by: day(DEFAULT_DAYS[3]),
        }
    }

    /// The steps in order, each after the period and none before the one above it.
    pub fn in_order(&self, code: PeriodCode) -> bool {
        code.ends_on() < self.submit_by
            && self.submit_by <= self.review_by
            && self.review_by <= self.close_by
            && self.close_by <= self.publish_by
    }
}

/// The calendar form as submitted (dates as `yyyy-mm-dd` or `dd/mm/yyyy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeadlinesForm {
    pub period: String,
    pub submit_by: String,
    pub review_by: String,
    pub close_by: String,
    pub publish_by: String,
}

/// One unit with officers of its own (its sub-units are rows of their own).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitClosingRow {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub officers: u32,
    /// Officers with a current score for the period.
    pub scored: u32,
    /// Officers whose current score is approved.
    pub approved: u32,
    /// Not all approved, and the heads' day is past.
    pub late: bool,
}

impl UnitClosingRow {
    /// Every officer's result approved (a unit without officers has nothing to approve).
    pub fn approved(&self) -> bool {
        self.approved == self.officers
    }
}

/// One agency: its units, and its closing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyClosingRow {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub units: Vec<UnitClosingRow>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<String>,
    /// The caller may close or reopen this agency (its director, or above).
    pub can_close: bool,
    /// Not closed, and the directors' day is past.
    pub late: bool,
}

impl AgencyClosingRow {
    pub fn officers(&self) -> u32 {
        self.units.iter().map(|u| u.officers).sum()
    }

    pub fn approved(&self) -> u32 {
        self.units.iter().map(|u| u.approved).sum()
    }

    /// Units whose results are not all approved yet.
    pub fn units_waiting(&self) -> usize {
        self.units.iter().filter(|u| !u.approved()).count()
    }
}

/// The closing page for one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingBoard {
    pub period: String,
    /// `None`: the period has no scores yet (it does not exist).
    pub period_status: Option<PeriodStatus>,
    pub period_lock: i32,
    pub agencies: Vec<AgencyClosingRow>,
    /// The caller may publish and reopen the period (the committee).
    pub can_publish: bool,
    pub deadlines: Deadlines,
    /// The calendar was set for this period (otherwise it is the default).
    pub deadlines_set: bool,
    /// The caller may set the calendar (administrators).
    pub can_set_deadlines: bool,
    /// Not published, and the committee's day is past.
    pub late: bool,
}

impl ClosingBoard {
    pub fn published(&self) -> bool {
        self.period_status == Some(PeriodStatus::Published)
    }

    /// Agencies not closed yet (those the caller sees).
    pub fn agencies_open(&self) -> usize {
        self.agencies
            .iter()
            .filter(|a| a.closed_at.is_none())
            .count()
    }
}
