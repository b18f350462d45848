//! Proposed test cases at the grade thresholds.
//!
//! A parameter declared with `"grade"` in `params.json` is the minimum total
//! of that grade ([`crate::params::GradeThreshold`]). For each one, at value
//! T, [`boundary_cases`] looks for inputs whose rounded total is exactly
//! T − 0,01, T and T + 0,01 (for a strict threshold, `total > T`, the same
//! three points) and proposes one case per point, scored without the cohort
//! step. The expected grade comes from the declared thresholds, never from
//! what the script returns, so a script that compares with `>` where the
//! rule says `>=` fails its case.
//!
//! The inputs derive from one template officer: its criterion points move in
//! steps of 0,01 (bisection over hundredths), and when that cannot reach a
//! point, the completed quantities of its entries move in coarse steps
//! (bisection over [`LEVELS`] levels). The search assumes the total grows
//! with both; it checks every total it proposes, and a point it cannot hit
//! exactly (the total jumps over it, or lies out of reach) is returned as an
//! [`UnreachableBoundary`] with the reason.

use crate::cases::{CaseSpec, Expectation};
use crate::engine::{CompiledRuleSet, RuleEngine, Steps};
use crate::error::RuleError;
use crate::input::{Officer, Period, ScoringInput, MAX_CRITERIA_POINTS};
use crate::numbers::{format_vn, round_half_away, to_cents};
use crate::params::{ParamValue, ParamValues};
use crate::result::Status;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// Completion levels between none and the template's own quantities; as many
/// again lead from the template's quantities to everything assigned.
pub const LEVELS: u32 = 1024;

/// Largest criterion points tried, in hundredths.
const MAX_POINTS: u32 = (MAX_CRITERIA_POINTS as u32) * 100;

/// The cases proposed, and the points no input could reach.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BoundaryCases {
    pub cases: Vec<CaseSpec>,
    pub unreachable: Vec<UnreachableBoundary>,
}

/// A point next to a threshold that no input derived from the template hits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnreachableBoundary {
    /// The threshold parameter.
    pub param: String,
    pub grade: String,
    pub threshold: f64,
    /// The total looked for.
    pub total: f64,
    /// Why it was not reached, in Vietnamese.
    pub reason: String,
}

/// Why no cases could be proposed at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum BoundaryError {
    /// The parameters, the template document or the script failed.
    #[error("{0}")]
    Rule(#[from] RuleError),
    #[error("bộ quy tắc không có tham số nào là ngưỡng xếp loại (khóa `grade` trong params.json)")]
    NoThresholds,
    #[error("tài liệu mẫu không có cán bộ nào")]
    NoOfficer,
    #[error("cán bộ mẫu {officer} không được chấm nên không dùng làm mẫu được: {reason}")]
    TemplateNotScored { officer: String, reason: String },
}

/// Proposes the boundary cases of every grade threshold of `rules`.
///
/// `params` are the version's values (its defaults, possibly overridden;
/// overrides are written into each case). `template` is a scoring input
/// document whose first officer is scored by `rules`; `None` takes
/// [`ScoringInput::sample`]. The case inputs hold that one officer, with
/// `disqualified` set to false so that the total decides the grade.
pub fn boundary_cases(
    engine: &RuleEngine,
    rules: &CompiledRuleSet,
    params: &ParamValues,
    template: Option<&Value>,
) -> Result<BoundaryCases, BoundaryError> {
    let resolved = rules.params().resolve(params).map_err(RuleError::from)?;
    let thresholds = thresholds(rules, &resolved);
    if thresholds.is_empty() {
        return Err(BoundaryError::NoThresholds);
    }
    let input = match template {
        Some(doc) => ScoringInput::from_value(doc).map_err(RuleError::from)?,
        None => ScoringInput::sample().map_err(RuleError::from)?,
    };
    let mut base = input
        .officers
        .into_iter()
        .next()
        .ok_or(BoundaryError::NoOfficer)?;
    base.disqualified = false;
    let mut probe = Probe::new(engine, rules, resolved, input.period, base);
    match probe.outcome(Setting::TEMPLATE) {
        Outcome::Scored { .. } => {}
        Outcome::NotScored(reason) => {
            return Err(BoundaryError::TemplateNotScored {
                officer: probe.base.id.clone(),
                reason,
            })
        }
        Outcome::Failed(e) => return Err(e.into()),
    }
    probe.choose_lever();
    let grades = Grades::new(&thresholds, probe.floor());
    let overrides = overrides(rules, &probe.params);

    let mut out = BoundaryCases::default();
    for threshold in &thresholds {
        let centre = centre_cents(threshold);
        let window = probe.find_level(centre - 1, centre + 1);
        let mut hint = None;
        for point in [centre - 1, centre, centre + 1] {
            let unreachable = |reason: String| UnreachableBoundary {
                param: threshold.param.clone(),
                grade: threshold.grade.clone(),
                threshold: threshold.value,
                total: cents_value(point),
                reason,
            };
            let expected = match grades.expected(point) {
                Ok(grade) => grade,
                Err(reason) => {
                    out.unreachable.push(unreachable(reason));
                    continue;
                }
            };
            match probe.hit(window, point, hint) {
                Ok(setting) => {
                    hint = setting.points;
                    out.cases
                        .push(probe.case(threshold, point, expected, setting, &overrides)?);
                }
                Err(reason) => out.unreachable.push(unreachable(reason)),
            }
        }
    }
    Ok(out)
}

/// A grade threshold with its current value.
#[derive(Debug, Clone)]
struct Threshold {
    param: String,
    grade: String,
    strict: bool,
    value: f64,
}

impl Threshold {
    fn met_by(&self, cents: i64) -> bool {
        let total = cents_value(cents);
        if self.strict {
            total > self.value
        } else {
            total >= self.value
        }
    }

    fn describe(&self) -> String {
        let above = if self.strict { "trên " } else { "" };
        format!("{above}{}", format_vn(self.value, 2))
    }
}

/// The declared thresholds, highest first.
fn thresholds(rules: &CompiledRuleSet, values: &ParamValues) -> Vec<Threshold> {
    let mut out: Vec<Threshold> = rules
        .params()
        .iter()
        .filter_map(|(name, decl)| {
            let t = decl.threshold()?;
            let value = match values.get(name)? {
                ParamValue::Number(x) => *x,
                ParamValue::Integer(i) => *i as f64,
                ParamValue::Bool(_) => return None,
            };
            Some(Threshold {
                param: name.clone(),
                grade: t.grade.to_string(),
                strict: t.strict,
                value,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then(b.strict.cmp(&a.strict))
            .then_with(|| a.param.cmp(&b.param))
    });
    out
}

/// The first total in hundredths that meets the threshold, or for a strict
/// one the last that does not: the middle of the three points.
fn centre_cents(t: &Threshold) -> i64 {
    // Float noise first (70.1 × 100 is 7009.999…): a threshold on a hundredth stays on it.
    let scaled = round_half_away(t.value * 100.0, 6);
    if t.strict {
        scaled.floor() as i64
    } else {
        scaled.ceil() as i64
    }
}

fn cents_value(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// Parameter values that differ from the declared defaults, for the cases.
fn overrides(rules: &CompiledRuleSet, values: &ParamValues) -> serde_json::Map<String, Value> {
    let number = |v: &ParamValue| match v {
        ParamValue::Number(x) => Some(*x),
        ParamValue::Integer(i) => Some(*i as f64),
        ParamValue::Bool(_) => None,
    };
    rules
        .params()
        .iter()
        .filter_map(|(name, decl)| {
            let value = values.get(name)?;
            let same = match (number(value), number(&decl.default)) {
                (Some(a), Some(b)) => a == b,
                _ => *value == decl.default,
            };
            if same {
                return None;
            }
            serde_json::to_value(value).ok().map(|v| (name.clone(), v))
        })
        .collect()
}

/// The grade the thresholds give to a total.
struct Grades<'a> {
    thresholds: &'a [Threshold],
    /// The grade below every threshold, or why it is unknown.
    floor: Result<String, String>,
}

impl<'a> Grades<'a> {
    fn new(thresholds: &'a [Threshold], lowest: Outcome) -> Self {
        let floor = match lowest {
            Outcome::Scored { cents, grade } => {
                if thresholds.iter().any(|t| t.met_by(cents)) {
                    Err(format!(
                        "không biết xếp loại dưới ngưỡng thấp nhất: tổng điểm thấp nhất đạt được \
                         từ cán bộ mẫu là {}, chưa dưới ngưỡng nào",
                        format_vn(cents_value(cents), 2)
                    ))
                } else {
                    Ok(grade)
                }
            }
            Outcome::NotScored(reason) => Err(format!(
                "không biết xếp loại dưới ngưỡng thấp nhất: khi mọi điểm tiêu chí và khối lượng \
                 hoàn thành bằng 0, cán bộ mẫu không được chấm ({reason})"
            )),
            Outcome::Failed(e) => Err(format!(
                "không biết xếp loại dưới ngưỡng thấp nhất: khi mọi điểm tiêu chí và khối lượng \
                 hoàn thành bằng 0, kịch bản báo lỗi ({e})"
            )),
        };
        Self { thresholds, floor }
    }

    fn expected(&self, cents: i64) -> Result<String, String> {
        match self.thresholds.iter().find(|t| t.met_by(cents)) {
            Some(t) => Ok(t.grade.clone()),
            None => self.floor.clone(),
        }
    }
}

/// How the template officer is changed for one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Setting {
    /// Completion level: [`LEVELS`] is the template's own quantities.
    level: u32,
    /// Points of the lever criterion in hundredths (`None`: the template's).
    points: Option<u32>,
}

impl Setting {
    const TEMPLATE: Setting = Setting {
        level: LEVELS,
        points: None,
    };
}

/// What one evaluation gave.
#[derive(Debug, Clone)]
enum Outcome {
    Scored { cents: i64, grade: String },
    NotScored(String),
    Failed(RuleError),
}

impl Outcome {
    fn cents(&self) -> Option<i64> {
        match self {
            Self::Scored { cents, .. } => Some(*cents),
            _ => None,
        }
    }
}

/// Scores variations of the template officer, remembering every result.
struct Probe<'a> {
    engine: &'a RuleEngine,
    rules: &'a CompiledRuleSet,
    params: ParamValues,
    period: Period,
    base: Officer,
    /// The criterion whose points are moved, if any moves the total.
    lever: Option<String>,
    seen: HashMap<Setting, Outcome>,
}

impl<'a> Probe<'a> {
    fn new(
        engine: &'a RuleEngine,
        rules: &'a CompiledRuleSet,
        params: ParamValues,
        period: Period,
        base: Officer,
    ) -> Self {
        Self {
            engine,
            rules,
            params,
            period,
            base,
            lever: None,
            seen: HashMap::new(),
        }
    }

    /// The officer of a setting: completed quantities scaled by the level,
    /// the lever criterion set to the points.
    fn officer(&self, setting: Setting) -> Officer {
        let mut officer = self.base.clone();
        if let (Some(name), Some(points)) = (&self.lever, setting.points) {
            officer
                .criteria
                .insert(name.clone(), f64::from(points) / 100.0);
        }
        if setting.level != LEVELS {
            officer.entries = scaled_entries(&officer, setting.level);
        }
        officer
    }

    fn score(&self, officer: Officer) -> Outcome {
        let input = ScoringInput {
            period: self.period.clone(),
            officers: vec![officer],
        };
        let scored =
            self.engine
                .score_resolved(self.rules, &input, &self.params, 1, Steps::ScoreOnly);
        match scored.map(|mut results| results.pop()) {
            Ok(Some(r)) => match (r.status, r.total, r.grade) {
                (Status::Scored, Some(total), Some(grade)) => Outcome::Scored {
                    cents: to_cents(total),
                    grade,
                },
                _ => Outcome::NotScored(r.reason.unwrap_or_default()),
            },
            Ok(None) => Outcome::Failed(RuleError::Internal("no result".into())),
            Err(e) => Outcome::Failed(e),
        }
    }

    fn outcome(&mut self, setting: Setting) -> Outcome {
        if let Some(known) = self.seen.get(&setting) {
            return known.clone();
        }
        let outcome = self.score(self.officer(setting));
        self.seen.insert(setting, outcome.clone());
        outcome
    }

    fn cents(&mut self, setting: Setting) -> Option<i64> {
        self.outcome(setting).cents()
    }

    /// The first criterion of the template whose points change the total.
    fn choose_lever(&mut self) {
        let names: Vec<String> = self.base.criteria.keys().cloned().collect();
        for name in names {
            self.lever = Some(name);
            self.seen.clear();
            let low = self.cents(Self::at(LEVELS, 0));
            let high = self.cents(Self::at(LEVELS, MAX_POINTS));
            if matches!((low, high), (Some(l), Some(h)) if l < h) {
                return;
            }
        }
        self.lever = None;
        self.seen.clear();
    }

    /// The template with every criterion and every completed quantity at 0.
    fn floor(&self) -> Outcome {
        let mut officer = self.base.clone();
        for points in officer.criteria.values_mut() {
            *points = 0.0;
        }
        officer.entries = scaled_entries(&officer, 0);
        self.score(officer)
    }

    fn at(level: u32, points: u32) -> Setting {
        Setting {
            level,
            points: Some(points),
        }
    }

    /// The lowest and highest totals the lever reaches at a level.
    fn range(&mut self, level: u32) -> (Option<i64>, Option<i64>) {
        match self.lever {
            Some(_) => (
                self.cents(Self::at(level, 0)),
                self.cents(Self::at(level, MAX_POINTS)),
            ),
            None => {
                let c = self.cents(Setting {
                    level,
                    points: None,
                });
                (c, c)
            }
        }
    }

    /// A completion level where the lever spans `low..=high`: the template's
    /// own when it does, else one found by bisection. It aims first at the
    /// level where the template's own points land there, so the case reads
    /// like the template, then at the level where the lever's range covers it.
    fn find_level(&mut self, low: i64, high: i64) -> Option<u32> {
        let spans = |range: (Option<i64>, Option<i64>)| matches!(range, (Some(l), Some(h)) if l <= low && h >= high);
        let here = self.range(LEVELS);
        if spans(here) {
            return Some(LEVELS);
        }
        // Too high even with no points: less work completed; too low even
        // with every point: more.
        let less = match here {
            (Some(l), _) if l > low => true,
            (_, Some(h)) if h < high => false,
            _ => return None,
        };
        let aims = match self.lever {
            Some(_) => vec![
                Some(self.template_points()),
                Some(if less { 0 } else { MAX_POINTS }),
            ],
            None => vec![None],
        };
        for points in aims {
            let total = |p: &mut Self, level| p.cents(Setting { level, points });
            let level = if less {
                last_where(self, 0, LEVELS, |p, k| {
                    total(p, k).is_some_and(|c| c <= low)
                })
            } else {
                let top = 2 * LEVELS;
                first_where(self, LEVELS, top, |p, k| {
                    total(p, k).is_some_and(|c| c >= high)
                })
            };
            if let Some(level) = level.filter(|k| {
                let range = self.range(*k);
                spans(range)
            }) {
                return Some(level);
            }
        }
        None
    }

    /// The template's points of the lever criterion, in hundredths.
    fn template_points(&self) -> u32 {
        let points = self
            .lever
            .as_ref()
            .and_then(|name| self.base.criteria.get(name))
            .copied()
            .unwrap_or(0.0);
        (round_half_away(points * 100.0, 0) as u32).min(MAX_POINTS)
    }

    /// A setting whose total is exactly `target`, or why there is none.
    fn hit(
        &mut self,
        window: Option<u32>,
        target: i64,
        hint: Option<u32>,
    ) -> Result<Setting, String> {
        let level = match window.or_else(|| self.find_level(target, target)) {
            Some(level) => level,
            None => return Err(self.out_of_reach(target)),
        };
        if self.lever.is_none() {
            return self.hit_by_level(target);
        }
        let low = self.cents(Self::at(level, 0)).unwrap_or(i64::MAX);
        // The lever usually moves the total one hundredth per hundredth: try
        // the neighbour of the last point and the straight guess first.
        let guesses = [
            hint.map(|p| p.saturating_add(1)),
            u32::try_from(target - low).ok(),
        ];
        for points in guesses.into_iter().flatten().filter(|p| *p <= MAX_POINTS) {
            if self.cents(Self::at(level, points)) == Some(target) {
                return Ok(Self::at(level, points));
            }
        }
        let reaches = |p: &mut Self, points| {
            p.cents(Self::at(level, points))
                .is_some_and(|c| c >= target)
        };
        let points =
            first_where(self, 0, MAX_POINTS, reaches).ok_or_else(|| self.out_of_reach(target))?;
        let setting = Self::at(level, points);
        match self.cents(setting) {
            Some(c) if c == target => Ok(setting),
            above => {
                let below = points
                    .checked_sub(1)
                    .and_then(|p| self.cents(Self::at(level, p)));
                let lever = self.lever.clone().unwrap_or_default();
                Err(jump(
                    below,
                    above,
                    target,
                    &format!("điểm tiêu chí `{lever}` tăng 0,01"),
                ))
            }
        }
    }

    /// Without a criterion to move: the completion level alone.
    fn hit_by_level(&mut self, target: i64) -> Result<Setting, String> {
        let at = |level| Setting {
            level,
            points: None,
        };
        let reaches = |p: &mut Self, level| p.cents(at(level)).is_some_and(|c| c >= target);
        let level =
            first_where(self, 0, 2 * LEVELS, reaches).ok_or_else(|| self.out_of_reach(target))?;
        match self.cents(at(level)) {
            Some(c) if c == target => Ok(at(level)),
            above => {
                let below = level.checked_sub(1).and_then(|k| self.cents(at(k)));
                Err(jump(
                    below,
                    above,
                    target,
                    "khối lượng hoàn thành tăng một bước (không có điểm tiêu chí nào làm thay đổi tổng)",
                ))
            }
        }
    }

    fn out_of_reach(&mut self, target: i64) -> String {
        let lowest = self.range(0).0;
        let highest = self.range(2 * LEVELS).1;
        let show = |c: Option<i64>| {
            c.map_or_else(|| "không xác định".into(), |c| format_vn(cents_value(c), 2))
        };
        let how = match &self.lever {
            Some(name) => format!("điểm tiêu chí `{name}` và khối lượng hoàn thành"),
            None => "khối lượng hoàn thành".to_string(),
        };
        format!(
            "không tìm được đầu vào có tổng đúng {}: thay đổi {how} của cán bộ mẫu chỉ cho tổng \
             điểm từ {} đến {}",
            format_vn(cents_value(target), 2),
            show(lowest),
            show(highest)
        )
    }

    fn case(
        &self,
        threshold: &Threshold,
        point: i64,
        expected: String,
        setting: Setting,
        overrides: &serde_json::Map<String, Value>,
    ) -> Result<CaseSpec, BoundaryError> {
        let officer = self.officer(setting);
        let id = officer.id.clone();
        let input = ScoringInput {
            period: self.period.clone(),
            officers: vec![officer],
        };
        let input = serde_json::to_value(&input)
            .map_err(|e| RuleError::Internal(format!("case input: {e}")))?;
        Ok(CaseSpec {
            name: format!(
                "Ranh giới {} ({}): tổng {}",
                threshold.grade,
                threshold.describe(),
                format_vn(cents_value(point), 2)
            ),
            input,
            params: overrides.clone(),
            cohort: false,
            expect: vec![Expectation {
                officer: id,
                status: Status::Scored,
                total: Some(cents_value(point)),
                grade: Some(expected),
                components: None,
                tolerance: None,
            }],
        })
    }
}

fn jump(below: Option<i64>, above: Option<i64>, target: i64, step: &str) -> String {
    let show = |c: Option<i64>| {
        c.map_or_else(|| "không xác định".into(), |c| format_vn(cents_value(c), 2))
    };
    format!(
        "tổng điểm nhảy từ {} lên {} khi {step} nên không có đầu vào nào cho tổng đúng {}",
        show(below),
        show(above),
        format_vn(cents_value(target), 2)
    )
}

/// Completed quantities at `level`: up to [`LEVELS`] a share of the
/// template's, above it a share of what was assigned but not completed.
/// Rounded to hundredths, so the inputs stay readable.
fn scaled_entries(officer: &Officer, level: u32) -> std::sync::Arc<[crate::input::Entry]> {
    let share = f64::from(level) / f64::from(LEVELS);
    officer
        .entries
        .iter()
        .map(|e| {
            let mut e = e.clone();
            let qty = if share <= 1.0 {
                e.completed_qty * share
            } else {
                e.completed_qty + (e.assigned_qty - e.completed_qty).max(0.0) * (share - 1.0)
            };
            e.completed_qty = round_half_away(qty, 2);
            e
        })
        .collect()
}

/// The smallest value of `lo..=hi` where `holds`, by bisection: `holds` is
/// assumed false below some value and true from it on (assumed, not
/// trusted: callers check what they find). `None` when it holds nowhere.
fn first_where<P>(
    probe: &mut P,
    lo: u32,
    hi: u32,
    mut holds: impl FnMut(&mut P, u32) -> bool,
) -> Option<u32> {
    if !holds(probe, hi) {
        return None;
    }
    if holds(probe, lo) {
        return Some(lo);
    }
    let (mut below, mut at) = (lo, hi);
    while at - below > 1 {
        let mid = below + (at - below) / 2;
        if holds(probe, mid) {
            at = mid;
        } else {
            below = mid;
        }
    }
    Some(at)
}

/// The largest value of `lo..=hi` where `holds`, which is assumed true up
/// to some value and false after it: one below the first where it fails.
fn last_where<P>(
    probe: &mut P,
    lo: u32,
    hi: u32,
    mut holds: impl FnMut(&mut P, u32) -> bool,
) -> Option<u32> {
    if !holds(probe, lo) {
        return None;
    }
    match first_where(probe, lo, hi, |p, k| !holds(p, k)) {
        Some(fails) => Some(fails - 1),
        None => Some(hi),
    }
}
