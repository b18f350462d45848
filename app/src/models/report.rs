//! The reports sent upward besides the monthly one: the classification list of an agency
//! for a period (the year-end list the agency signs and sends to the Department of Home
//! Affairs), with its results by position; and the officers' score sheets.

use serde::{Deserialize, Serialize};

use crate::models::PeriodStatus;

/// One officer of a classification list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassifiedOfficer {
    pub officer_id: i32,
    pub name: String,
    pub position: String,
    pub unit: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Why the officer was not scored.
    pub reason: Option<String>,
}

/// The results of one position (or of officers without one: empty code).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PositionFigures {
    pub code: String,
    pub name: String,
    pub scored: u32,
    pub not_scored: u32,
    /// Officers per grade, in the order of the list's `grades`.
    pub grades: Vec<u32>,
    pub total_sum: f64,
}

impl PositionFigures {
    pub fn average(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.total_sum / self.scored as f64)
    }
}

/// The officers of `officers` summed by position, in the order of `grades`; positions by
/// code, officers without a position last.
pub fn position_figures(
    officers: &[(ClassifiedOfficer, String)],
    grades: &[String],
) -> Vec<PositionFigures> {
    let mut by: std::collections::BTreeMap<(bool, String), PositionFigures> = Default::default();
    for (o, code) in officers {
        let row = by
            .entry((code.is_empty(), code.clone()))
            .or_insert_with(|| PositionFigures {
                code: code.clone(),
                name: o.position.clone(),
                grades: vec![0; grades.len()],
                ..Default::default()
            });
        match (o.total, &o.grade) {
            (Some(t), grade) => {
                row.scored += 1;
                row.total_sum += t;
                if let Some(i) = grade
                    .as_deref()
                    .and_then(|g| grades.iter().position(|x| x == g))
                {
                    row.grades[i] += 1;
                }
            }
            (None, _) => row.not_scored += 1,
        }
    }
    by.into_values().collect()
}

/// An agency's officers and their results for a period, as the agency signs them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassificationList {
    pub period: String,
    /// `None`: nothing was scored in the period.
    pub period_status: Option<PeriodStatus>,
    /// The agency: id, code, name.
    pub agency: (i32, String, String),
    /// The agencies the caller may list (id, code, name), for the chooser.
    pub agencies: Vec<(i32, String, String)>,
    /// The grade codes, in the order of every `grades` vector.
    pub grades: Vec<String>,
    /// Officers per grade.
    pub counts: Vec<u32>,
    pub not_scored: u32,
    /// By unit, then name.
    pub officers: Vec<ClassifiedOfficer>,
    pub positions: Vec<PositionFigures>,
}

impl ClassificationList {
    pub fn scored(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The share of the scored officers with grade number `i`.
    pub fn share(&self, i: usize) -> Option<f64> {
        let scored = self.scored();
        (scored > 0).then(|| self.counts.get(i).copied().unwrap_or(0) as f64 / scored as f64)
    }

    /// Whether the officers graded HTXSNV are at most 20 % of those graded HTTNV (the cap
    /// of the decree, applied by cohort when scoring; here over the whole agency).
    pub fn within_cap(&self) -> bool {
        let count = |g: &str| {
            self.grades
                .iter()
                .position(|x| x == g)
                .and_then(|i| self.counts.get(i).copied())
                .unwrap_or(0)
        };
        count("HTXSNV") * 5 <= count("HTTNV")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer(
        position: &str,
        total: Option<f64>,
        grade: Option<&str>,
    ) -> (ClassifiedOfficer, String) {
        (
            ClassifiedOfficer {
                officer_id: 1,
                name: "A".into(),
                position: format!("Vị trí {position}"),
                unit: "U".into(),
                total,
                grade: grade.map(Into::into),
                reason: total.is_none().then(|| "Nghỉ".into()),
            },
            position.to_string(),
        )
    }

    #[test]
    fn positions_add_up_their_officers_and_those_without_a_position_come_last() {
        let grades: Vec<String> = crate::models::GRADES
            .iter()
            .map(|g| g.to_string())
            .collect();
        let rows = position_figures(
            &[
                officer("", Some(70.0), Some("HTNV")),
                officer("B", Some(90.0), Some("HTXSNV")),
                officer("A", Some(80.0), Some("HTTNV")),
                officer("B", Some(80.0), Some("HTTNV")),
                officer("B", None, None),
            ],
            &grades,
        );
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["A", "B", ""]);
        assert_eq!(rows[1].grades, [1, 1, 0, 0]);
        assert_eq!((rows[1].scored, rows[1].not_scored), (2, 1));
        assert_eq!(rows[1].average(), Some(85.0));
        assert_eq!(rows[2].grades, [0, 0, 1, 0]);
    }

    #[test]
    fn the_cap_is_a_fifth_of_those_graded_httnv() {
        let mut l = ClassificationList {
            period: "2026".into(),
            period_status: None,
            agency: (1, "A".into(), "A".into()),
            agencies: vec![],
            grades: crate::models::GRADES
                .iter()
                .map(|g| g.to_string())
                .collect(),
            counts: vec![2, 10, 3, 0],
            not_scored: 0,
            officers: vec![],
            positions: vec![],
        };
        assert!(l.within_cap());
        assert_eq!(l.share(1), Some(10.0 / 15.0));
        l.counts[0] = 3;
        assert!(!l.within_cap());
    }
}
