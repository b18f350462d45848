//! The committee's dashboard (/ban-chi-dao): a period's figures for the province by agency,
//! or for one agency by unit, read from the figures stored with the scores.

use serde::{Deserialize, Serialize};

use crate::models::{CheckItem, PeriodStatus, QuantityOutlier, DAY_HOURS_LIMIT, GRADES};

/// Share of a row's officers above the norm from which the row is flagged.
pub const OVER_NORM_SHARE_FLAG: f64 = 0.2;

/// One agency (or unit) of the dashboard.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FigureRow {
    /// `None`: the totals row, or officers in no unit.
    pub id: Option<i32>,
    pub code: String,
    pub name: String,
    /// Active officers in the agency (or unit) today.
    pub headcount: u32,
    pub scored: u32,
    pub not_scored: u32,
    /// Officers per grade, in the order of [`Dashboard::grades`].
    pub grades: Vec<u32>,
    pub total_sum: f64,
    /// Officers with a month's work recorded (the denominator of the hours).
    pub with_hours: u32,
    pub standard_hours: f64,
    pub officers_over_norm: u32,
    pub days_over_norm: u32,
    /// Not scored, with the formula's reason and how many.
    pub reasons: Vec<(String, u32)>,
    /// Closing: the agency is closed; units whose results wait for approval; late.
    pub closed: bool,
    pub units_waiting: u32,
    pub late: bool,
}

impl FigureRow {
    /// Officers with a score (scored or not scored).
    pub fn with_score(&self) -> u32 {
        self.scored + self.not_scored
    }

    /// Active officers with no score at all in the period.
    pub fn without_score(&self) -> u32 {
        self.headcount.saturating_sub(self.with_score())
    }

    pub fn average_total(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.total_sum / self.scored as f64)
    }

    /// Standard hours per officer per working day.
    pub fn hours_per_day(&self, working_days: u32) -> Option<f64> {
        (self.with_hours > 0 && working_days > 0)
            .then(|| self.standard_hours / (self.with_hours as f64 * working_days as f64))
    }

    pub fn over_norm_share(&self) -> Option<f64> {
        (self.with_hours > 0).then(|| self.officers_over_norm as f64 / self.with_hours as f64)
    }

    /// The inflation signal: the average above the norm, or too many officers above it.
    pub fn inflated(&self, working_days: u32) -> bool {
        self.hours_per_day(working_days)
            .is_some_and(|h| h > DAY_HOURS_LIMIT)
            || self
                .over_norm_share()
                .is_some_and(|s| s >= OVER_NORM_SHARE_FLAG)
    }

    /// Adds another row's figures (the totals).
    pub fn add(&mut self, o: &FigureRow) {
        self.headcount += o.headcount;
        self.scored += o.scored;
        self.not_scored += o.not_scored;
        if self.grades.len() < o.grades.len() {
            self.grades.resize(o.grades.len(), 0);
        }
        for (a, b) in self.grades.iter_mut().zip(&o.grades) {
            *a += b;
        }
        self.total_sum += o.total_sum;
        self.with_hours += o.with_hours;
        self.standard_hours += o.standard_hours;
        self.officers_over_norm += o.officers_over_norm;
        self.days_over_norm += o.days_over_norm;
        for (reason, n) in &o.reasons {
            match self.reasons.iter_mut().find(|(r, _)| r == reason) {
                Some((_, m)) => *m += n,
                None => self.reasons.push((reason.clone(), *n)),
            }
        }
        self.units_waiting += o.units_waiting;
        self.late |= o.late;
    }
}

/// One month of the trend: officers per grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub period: String,
    pub grades: Vec<u32>,
}

/// A formula version that scored officers of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormulaInUse {
    pub id: i32,
    pub rule_set: String,
    pub version_no: i32,
    pub effective_from: Option<chrono::NaiveDate>,
    pub officers: u32,
}

/// An officer of the agency looked at, with the work behind the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficerFigure {
    pub id: i32,
    pub name: String,
    pub unit: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub standard_hours: Option<f64>,
    pub days_over_norm: u32,
    pub entries: u32,
}

impl OfficerFigure {
    pub fn hours_per_day(&self, working_days: u32) -> Option<f64> {
        self.standard_hours
            .filter(|_| working_days > 0)
            .map(|h| h / working_days as f64)
    }
}

/// An officer of the agency with a task's quantity far above the median of their position
/// (the unit page's flag, listed for the whole agency).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficerOutlier {
    pub officer_id: i32,
    pub officer: String,
    pub outlier: QuantityOutlier,
}

/// The dashboard of a period: the province by agency, or an agency by unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub period: String,
    /// `None`: nothing was scored in the period yet.
    pub period_status: Option<PeriodStatus>,
    pub working_days: u32,
    /// The agency looked at (`None`: the province).
    pub agency: Option<(i32, String, String)>,
    /// The grade codes, in the order of every `grades` vector.
    pub grades: Vec<String>,
    pub totals: FigureRow,
    pub rows: Vec<FigureRow>,
    /// The months up to the period (at most 12) with scores.
    pub trend: Vec<TrendPoint>,
    pub formulas: Vec<FormulaInUse>,
    /// Decisions waiting (job descriptions, formula versions).
    pub pending: Vec<CheckItem>,
    /// For an agency, when the caller may read every score: its officers, most standard
    /// hours per day first (at most [`OFFICERS_LISTED`]).
    pub officers: Vec<OfficerFigure>,
    pub outliers: Vec<OfficerOutlier>,
    /// The caller may open officers' scores (the officer list is filled).
    pub reads_scores: bool,
}

/// Officers listed on an agency's dashboard.
pub const OFFICERS_LISTED: usize = 50;

/// The grade order: the decree's four, then any other a formula gave.
pub fn grade_order(seen: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = GRADES.iter().map(|g| g.to_string()).collect();
    for g in seen {
        if !out.contains(&g) {
            out.push(g);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_flagged_by_its_average_or_by_its_share_above_the_norm() {
        let mut r = FigureRow {
            with_hours: 10,
            standard_hours: 10.0 * 21.0 * 7.5,
            officers_over_norm: 1,
            ..Default::default()
        };
        assert_eq!(r.hours_per_day(21), Some(7.5));
        assert!(!r.inflated(21));
        r.officers_over_norm = 2;
        assert!(r.inflated(21));
        r.officers_over_norm = 0;
        r.standard_hours = 10.0 * 21.0 * 8.5;
        assert!(r.inflated(21));
        assert!(!FigureRow::default().inflated(21));
    }

    #[test]
    fn totals_add_grades_and_reasons() {
        let a = FigureRow {
            headcount: 3,
            scored: 2,
            grades: vec![1, 1, 0, 0],
            reasons: vec![("x".into(), 1)],
            ..Default::default()
        };
        let mut t = FigureRow::default();
        t.add(&a);
        t.add(&a);
        assert_eq!(t.grades, vec![2, 2, 0, 0]);
        assert_eq!(t.reasons, vec![("x".to_string(), 2)]);
        assert_eq!(t.without_score(), 2);
        assert_eq!(grade_order(["X".to_string(), "HTNV".to_string()]).len(), 5);
    }
}
