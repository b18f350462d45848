//! Builds "how my score is computed" ([`Walkthrough`]) for one stored score: which steps the
//! formula has is read from the rule version's parameters and the score's components, each
//! step is filled with the officer's own figures, and a step states a formula only when the
//! formula, filled with those figures, gives the stored number. Nothing here knows a
//! particular province's numbers: change the parameters and the walk changes with them.

use std::collections::{BTreeMap, BTreeSet};

use rubric_rules::{Entry, ParamDecls, ParamValue, Trace};

use crate::models::{
    Criterion, ParamFigure, PeriodKind, Step, TaskFormula, Threshold, WalkStep, Walkthrough,
};

/// Stored figures round to two decimals; ratios are stored unrounded.
const POINTS_TOLERANCE: f64 = 0.011;
const RATIO_TOLERANCE: f64 = 1e-6;

/// What one stored score was computed from and what it holds.
pub struct ScoreFacts<'a> {
    pub kind: PeriodKind,
    pub params: &'a ParamDecls,
    pub components: &'a BTreeMap<String, f64>,
    pub total: f64,
    pub grade: &'a str,
    pub trace: &'a Trace,
    /// A month's scorable entries (empty for quarters and years).
    pub entries: &'a [Entry],
    /// Points the head gave: `general`, `reform_it`.
    pub criteria: &'a BTreeMap<String, f64>,
}

/// The walk through one score.
pub fn build(f: &ScoreFacts) -> Walkthrough {
    let mut w = Walker {
        f,
        used: BTreeSet::new(),
        steps: Vec::new(),
    };
    match f.kind {
        PeriodKind::Month => w.month(),
        PeriodKind::Quarter | PeriodKind::Year => w.months(),
    }
    w.total();
    w.grade();
    w.cap();
    let other_params = f
        .params
        .iter()
        .filter(|(name, _)| !w.used.contains(name.as_str()))
        .filter_map(|(name, d)| {
            Some(ParamFigure {
                name: name.clone(),
                label_vi: d.label_vi.clone(),
                label_en: d.label_en.clone(),
                value: number(d.default)?,
            })
        })
        .collect();
    Walkthrough {
        steps: w.steps,
        other_params,
    }
}

fn number(v: ParamValue) -> Option<f64> {
    match v {
        ParamValue::Number(x) => Some(x),
        ParamValue::Integer(i) => Some(i as f64),
        ParamValue::Bool(_) => None,
    }
}

fn near(x: f64, y: f64, tolerance: f64) -> bool {
    (x - y).abs() <= tolerance
}

struct Walker<'a, 'f> {
    f: &'f ScoreFacts<'a>,
    used: BTreeSet<&'f str>,
    steps: Vec<WalkStep>,
}

impl<'f> Walker<'_, 'f> {
    /// A parameter's value, noted as shown by a step.
    fn param(&mut self, name: &'f str) -> Option<f64> {
        let value = self.f.params.0.get(name).and_then(|d| number(d.default))?;
        self.used.insert(name);
        Some(value)
    }

    fn component(&self, name: &str) -> Option<f64> {
        self.f.components.get(name).copied()
    }

    fn has_rule(&self, rule: &str) -> bool {
        self.f.trace.items().iter().any(|i| i.rule == rule)
    }

    /// Adds a step linked to the first trace item among `rules` that the trace holds.
    fn push(&mut self, step: Step, rules: &[&str]) {
        let item = rules
            .iter()
            .find_map(|r| self.f.trace.items().iter().find(|i| i.rule == *r));
        self.steps.push(WalkStep {
            step,
            rule: item.map(|i| i.rule.clone()),
            line: item.and_then(|i| i.line),
        });
    }

    fn month(&mut self) {
        let (mut assigned, mut completed, mut failures, mut delays) = (0.0, 0.0, 0, 0);
        for e in self.f.entries {
            let hours = e.norm_minutes / 60.0 * e.coefficient;
            assigned += e.assigned_qty * hours;
            completed += e.completed_qty * hours;
            if !e.objective_cause {
                failures += e.quality_failures;
                delays += e.delays.max(u32::from(e.completed_late()));
            }
        }
        let a = self.component("a");
        // The entries read now are the ones scored when they give the stored ratio.
        let hours_hold = a.is_some_and(|a| {
            assigned > 0.0 && near((completed / assigned).min(1.0), a, RATIO_TOLERANCE)
        });
        if hours_hold {
            self.push(
                Step::StandardHours {
                    entries: self.f.entries.len() as u32,
                    assigned,
                    completed,
                },
                &["task.quantity"],
            );
        }
        if let Some(a) = a {
            self.push(
                Step::Quantity {
                    hours: hours_hold.then_some((completed, assigned)),
                    a,
                },
                &["task.quantity"],
            );
        }
        if let (Some(b), Some(penalty)) = (self.component("b"), self.param("quality_penalty")) {
            self.push(
                Step::Quality {
                    penalty,
                    failures,
                    b,
                },
                &["penalty.quality", "task.quality"],
            );
        }
        if let (Some(c), Some(penalty)) = (self.component("c"), self.param("delay_penalty")) {
            self.push(
                Step::Timeliness { penalty, delays, c },
                &["penalty.delay", "task.timeliness"],
            );
        }
        self.task();
        for criterion in [Criterion::General, Criterion::ReformIt] {
            let (component, max) = criterion.names();
            if let (Some(points), Some(max)) = (self.component(component), self.param(max)) {
                self.push(
                    Step::Criterion {
                        criterion,
                        given: self.f.criteria.get(component).copied(),
                        max,
                        points,
                    },
                    &[component],
                );
            }
        }
    }

    fn task(&mut self) {
        let (Some(a), Some(b), Some(c), Some(task)) = (
            self.component("a"),
            self.component("b"),
            self.component("c"),
            self.component("task"),
        ) else {
            return;
        };
        let weights = (
            self.param("weight_quantity"),
            self.param("weight_quality"),
            self.param("weight_timeliness"),
        );
        let task_max = self.param("task_max");
        let formula = match (weights, task_max) {
            ((Some(wa), Some(wb), Some(wc)), Some(task_max)) if wa + wb + wc > 0.0 => {
                let computed = (wa * a + wb * b + wc * c) / (wa + wb + wc) * task_max;
                near(computed, task, POINTS_TOLERANCE).then_some(TaskFormula {
                    weights: [wa, wb, wc],
                    task_max,
                })
            }
            _ => None,
        };
        self.push(
            Step::Task {
                a,
                b,
                c,
                formula,
                task,
            },
            &[],
        );
        if let (Some(weight), Some(ratio), Some(task_max)) = (
            self.component("unit_weight"),
            self.component("unit_ratio"),
            task_max,
        ) {
            self.push(
                Step::UnitResult {
                    weight,
                    ratio,
                    task_max,
                    points: weight * ratio * task_max,
                },
                &["task.unit"],
            );
        }
    }

    fn months(&mut self) {
        let (Some(average), Some(scored)) = (
            self.component("months_average"),
            self.component("months_scored"),
        ) else {
            return;
        };
        let scored = scored.max(0.0) as u32;
        let first_month = self
            .f
            .trace
            .items()
            .iter()
            .find(|i| i.rule.starts_with("month."))
            .map(|i| i.rule.clone());
        let first_month = first_month.as_deref().unwrap_or("month");
        if self.f.kind == PeriodKind::Year {
            let assessment = self.component("year_assessment");
            if let (Some(share), Some(assessment)) =
                (self.param("monthly_share_percent"), assessment)
            {
                let total = share / 100.0 * average + (1.0 - share / 100.0) * assessment;
                if share < 100.0 && near(total, self.f.total, POINTS_TOLERANCE) {
                    self.push(
                        Step::Year {
                            share_percent: share,
                            scored,
                            average,
                            assessment,
                        },
                        &["year.assessment", first_month],
                    );
                    return;
                }
            }
        }
        self.push(Step::Months { scored, average }, &[first_month]);
    }

    fn total(&mut self) {
        let parts: Vec<(String, f64)> = ["general", "reform_it", "task"]
            .into_iter()
            .filter_map(|k| Some((k.to_string(), self.component(k)?)))
            .collect();
        let sum: f64 = parts.iter().map(|(_, v)| v).sum();
        let adds_up = self.f.kind == PeriodKind::Month && near(sum, self.f.total, POINTS_TOLERANCE);
        self.push(
            Step::Total {
                parts: if adds_up { parts } else { Vec::new() },
                total: self.f.total,
            },
            &[],
        );
    }

    fn grade(&mut self) {
        let mut thresholds: Vec<Threshold> = Vec::new();
        let mut names = Vec::new();
        for (name, d) in self.f.params.iter() {
            if let (Some(t), Some(value)) = (d.threshold(), number(d.default)) {
                thresholds.push(Threshold {
                    grade: t.grade.to_string(),
                    value,
                    strict: t.strict,
                });
                names.push(name.as_str());
            }
        }
        self.used.extend(names);
        thresholds.sort_by(|x, y| y.value.total_cmp(&x.value));
        let disqualified = self.has_rule("disqualified");
        self.push(
            Step::Grade {
                thresholds,
                total: self.f.total,
                grade: self.f.grade.to_string(),
                disqualified,
            },
            &["disqualified"],
        );
    }

    fn cap(&mut self) {
        if let Some(percent) = self.param("excellent_cap_percent") {
            let applied = self.has_rule("cohort.cap");
            self.push(Step::Cap { percent, applied }, &["cohort.cap"]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rubric_rules::TraceItem;
    use std::sync::Arc;

    fn decls() -> ParamDecls {
        ParamDecls::parse(include_str!(
            "../../../../rules/profiles/decree-335/params.json"
        ))
        .expect("params")
    }

    fn entry(assigned: f64, completed: f64, failures: u32, exempt: bool) -> Entry {
        Entry {
            id: Arc::from("1"),
            date: None,
            task: None,
            norm_minutes: 120.0,
            coefficient: 1.5,
            assigned_qty: assigned,
            completed_qty: completed,
            deadline: None,
            completed_on: None,
            quality_failures: failures,
            delays: 0,
            objective_cause: exempt,
        }
    }

    fn item(rule: &str, line: Option<u32>) -> TraceItem {
        TraceItem {
            rule: rule.into(),
            label: String::new(),
            explanation: String::new(),
            points: 0.0,
            line,
            entries: Vec::new(),
        }
    }

    #[test]
    fn a_month_is_walked_with_its_own_hours_and_the_formula_that_gives_its_points() {
        let params = decls();
        // 3 h standard hours per unit: 4 assigned, 3 completed → 12 h and 9 h.
        let entries = [entry(2.0, 2.0, 1, false), entry(2.0, 1.0, 2, true)];
        let (a, b, c): (f64, f64, f64) = (0.75, 0.6, 0.75);
        let task = (a + b + c) / 3.0 * 70.0;
        let components = BTreeMap::from([
            ("a".to_string(), a),
            ("b".to_string(), b),
            ("c".to_string(), c),
            ("task".to_string(), task),
            ("general".to_string(), 30.0),
        ]);
        let total = ((task + 30.0) * 100.0).round() / 100.0;
        let trace = Trace(vec![
            item("general", Some(40)),
            item("task.quantity", Some(52)),
            item("penalty.quality", Some(60)),
        ]);
        let criteria = BTreeMap::from([("general".to_string(), 35.0)]);
        let w = build(&ScoreFacts {
            kind: PeriodKind::Month,
            params: &params,
            components: &components,
            total,
            grade: "HTNV",
            trace: &trace,
            entries: &entries,
            criteria: &criteria,
        });
        let keys: Vec<&str> = w.steps.iter().map(|s| s.step.key()).collect();
        assert_eq!(
            keys,
            [
                "standard-hours",
                "quantity",
                "quality",
                "timeliness",
                "task",
                "general",
                "total",
                "grade",
                "cap"
            ]
        );
        assert_eq!(
            w.steps[0].step,
            Step::StandardHours {
                entries: 2,
                assigned: 12.0,
                completed: 9.0
            }
        );
        assert_eq!(w.steps[0].line, Some(52));
        // The exempt entry's failures are not counted; the penalty links to its trace item.
        assert!(matches!(w.steps[2].step, Step::Quality { failures: 1, .. }));
        assert_eq!(w.steps[2].rule.as_deref(), Some("penalty.quality"));
        assert!(matches!(
            &w.steps[4].step,
            Step::Task { formula: Some(f), .. } if f.task_max == 70.0
        ));
        assert!(matches!(
            w.steps[5].step,
            Step::Criterion {
                given: Some(35.0),
                max: 30.0,
                points: 30.0,
                ..
            }
        ));
        assert!(matches!(&w.steps[6].step, Step::Total { parts, .. } if parts.len() == 2));
        let Step::Grade { thresholds, .. } = &w.steps[7].step else {
            panic!("grade");
        };
        let grades: Vec<&str> = thresholds.iter().map(|t| t.grade.as_str()).collect();
        assert_eq!(grades, ["HTXSNV", "HTTNV", "HTNV"]);
        assert!(matches!(w.steps[8].step, Step::Cap { applied: false, .. }));
        // Every parameter a month's steps show is left out of the rest.
        let rest: Vec<&str> = w.other_params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            rest,
            [
                "min_months_quarter",
                "min_months_year",
                "monthly_share_percent"
            ]
        );
    }

    #[test]
    fn a_step_states_no_formula_that_does_not_give_the_stored_figures() {
        let params = decls();
        let components = BTreeMap::from([
            ("a".to_string(), 1.0),
            ("b".to_string(), 1.0),
            ("c".to_string(), 1.0),
            ("task".to_string(), 55.0),
            ("general".to_string(), 20.0),
        ]);
        // The entries read now no longer give a = 100 %.
        let entries = [entry(2.0, 1.0, 0, false)];
        let w = build(&ScoreFacts {
            kind: PeriodKind::Month,
            params: &params,
            components: &components,
            total: 70.0,
            grade: "HTNV",
            trace: &Trace::default(),
            entries: &entries,
            criteria: &BTreeMap::new(),
        });
        assert!(w.steps.iter().all(|s| s.step.key() != "standard-hours"));
        assert!(matches!(
            w.steps[0].step,
            Step::Quantity { hours: None, a } if a == 1.0
        ));
        assert!(w
            .steps
            .iter()
            .any(|s| matches!(&s.step, Step::Task { formula: None, .. })));
        assert!(w
            .steps
            .iter()
            .any(|s| matches!(&s.step, Step::Total { parts, .. } if parts.is_empty())));
        // The walk travels as JSON to the page: every figure survives the trip.
        let json = serde_json::to_string(&w).expect("to JSON");
        assert_eq!(
            serde_json::from_str::<Walkthrough>(&json).expect("from JSON"),
            w
        );
    }

    #[test]
    fn a_year_weighs_the_months_against_the_heads_assessment() {
        let params = decls();
        let components = BTreeMap::from([
            ("months_average".to_string(), 80.0),
            ("months_scored".to_string(), 11.0),
            ("year_assessment".to_string(), 90.0),
            ("task".to_string(), 60.0),
        ]);
        let trace = Trace(vec![
            item("month.2025-01", Some(120)),
            item("year.assessment", Some(140)),
        ]);
        let w = build(&ScoreFacts {
            kind: PeriodKind::Year,
            params: &params,
            components: &components,
            total: 83.0,
            grade: "HTTNV",
            trace: &trace,
            entries: &[],
            criteria: &BTreeMap::new(),
        });
        assert_eq!(
            w.steps[0].step,
            Step::Year {
                share_percent: 70.0,
                scored: 11,
                average: 80.0,
                assessment: 90.0
            }
        );
        assert_eq!(w.steps[0].line, Some(140));
        // A quarter is the mean of its months.
        let w = build(&ScoreFacts {
            kind: PeriodKind::Quarter,
            params: &params,
            components: &components,
            total: 80.0,
            grade: "HTTNV",
            trace: &trace,
            entries: &[],
            criteria: &BTreeMap::new(),
        });
        assert_eq!(
            w.steps[0].step,
            Step::Months {
                scored: 11,
                average: 80.0
            }
        );
        assert_eq!(w.steps[0].rule.as_deref(), Some("month.2025-01"));
    }
}
