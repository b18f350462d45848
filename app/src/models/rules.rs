//! The rule editor, simulations and the evidence a formula is approved on: wire types and
//! the pure pieces (syntax highlighting, ranks, the grade transition matrix).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::models::states::*;

use crate::models::TraceLine;

/// Where a script does not compile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptProblem {
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

/// One parameter of a version, as its form shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamField {
    pub name: String,
    pub label_vi: String,
    pub label_en: String,
    /// number | integer | boolean | string
    pub kind: String,
    /// The default value as text (decimal point; the form accepts a comma).
    pub value: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// One expected result of a test case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseExpectRow {
    pub officer: String,
    /// scored | not_scored
    pub status: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Expected components, as `name = value` pairs.
    pub components: Vec<(String, f64)>,
}

/// Components as the table shows them: `a = 1; b = 0,75; task = 62,5`.
pub fn components_text(components: &[(String, f64)]) -> String {
    components
        .iter()
        .map(|(k, v)| {
            format!(
                "{k} = {}",
                crate::i18n::format_number(crate::i18n::Locale::Vi, *v, 4)
                    .trim_end_matches('0')
                    .trim_end_matches(',')
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Parses [`components_text`]'s form back; the bad piece on failure.
pub fn parse_components(text: &str) -> Result<Vec<(String, f64)>, String> {
    text.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').ok_or_else(|| p.to_string())?;
            let k = k.trim();
            let v = crate::i18n::parse_number(v).ok_or_else(|| p.to_string())?;
            if k.is_empty() || !k.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(p.to_string());
            }
            Ok((k.to_string(), v))
        })
        .collect()
}

/// A test case, as the table shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    pub name: String,
    pub officers: usize,
    pub entries: usize,
    pub expects: Vec<CaseExpectRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFailureView {
    pub officer: String,
    pub field: String,
    pub expected: String,
    pub actual: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseResultView {
    pub name: String,
    pub passed: bool,
    pub failures: Vec<CaseFailureView>,
    pub error: Option<String>,
}

/// A version's compile check and test run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRunView {
    /// Set when the script (or its parameters) does not compile; no case ran.
    pub problem: Option<ScriptProblem>,
    pub cases: Vec<CaseResultView>,
    pub passed: usize,
    pub failed: usize,
}

impl CaseRunView {
    pub fn all_passed(&self) -> bool {
        self.problem.is_none() && self.failed == 0
    }
}

/// A simulation in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationBrief {
    pub id: i32,
    pub period: String,
    /// running | done | failed
    pub status: JobStatus,
    pub progress: f64,
    pub started_by: Option<String>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub officers: Option<usize>,
    pub changed_grade: Option<usize>,
}

/// What a version's approval rests on, attached to it when the committee approves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub note: String,
    pub approved_by: Option<String>,
    pub approved_at: DateTime<Utc>,
    pub simulation: Option<SimulationBrief>,
    pub cases_passed: usize,
    pub cases_failed: usize,
    /// The version in force it was compared with (number), if any.
    pub compared_with: Option<i32>,
    pub script_added: usize,
    pub script_removed: usize,
    /// Parameters whose declaration changed (name: old → new default).
    pub params_changed: Vec<String>,
}

/// The rule editor's page: one version with everything that can be done to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleVersionPage {
    pub id: i32,
    pub rule_set_id: i32,
    pub rule_set_name: String,
    pub position: Option<String>,
    pub version_no: i32,
    pub status: RuleStatus,
    pub content_hash: String,
    pub effective_from: Option<NaiveDate>,
    pub approval_note: Option<String>,
    pub author: Option<String>,
    pub approver: Option<String>,
    pub lock_version: i32,
    pub set_lock_version: i32,
    pub script: String,
    pub params: Vec<ParamField>,
    pub cases: Vec<CaseRow>,
    /// The stored results of the version's tests; `None` when they have not been run.
    pub case_run: Option<CaseRunView>,
    pub simulations: Vec<SimulationBrief>,
    pub evidence: Option<Evidence>,
    /// The other versions of the set (number, status), newest first.
    pub versions: Vec<(i32, i32, RuleStatus)>,
    /// Periods with scores, newest first (for simulations and trying).
    pub periods: Vec<String>,
    pub units: Vec<(i32, String)>,
    pub positions: Vec<(i32, String)>,
    /// Officers the version would score (id, name), for "try it".
    pub officers: Vec<(i32, String)>,
    /// Open or scored periods starting on or after the effective date (for an explicit
    /// re-score after activation).
    pub rescorable: Vec<String>,
    /// The activation form's suggested date.
    pub suggested_effective: NaiveDate,
    /// The reader may edit this version (an administrator, and the version is a draft).
    pub can_edit: bool,
    /// The reader may start a new draft from this version (an administrator).
    pub can_draft: bool,
    /// The reader may approve, activate, retire and re-score (the committee).
    pub can_steer: bool,
    /// The reader may simulate this version (admins and the committee; not once active).
    pub can_simulate: bool,
    /// The reader may run the version's tests now (admins and the committee).
    pub can_run_checks: bool,
}

/// A draft's texts as the editor posts them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleDraftForm {
    pub id: i32,
    pub lock_version: i32,
    pub script: String,
    #[serde(default)]
    pub params: Vec<ParamValueForm>,
    #[serde(default)]
    pub expects: Vec<ExpectForm>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamValueForm {
    pub name: String,
    #[serde(default)]
    pub value: String,
}

/// An expected total and grade of one officer of one case (`case`, `index` are positions
/// in `cases.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpectForm {
    pub case: usize,
    pub index: usize,
    #[serde(default)]
    pub total: String,
    #[serde(default)]
    pub grade: String,
    /// `None`: left as they are; empty: no components checked.
    #[serde(default)]
    pub components: Option<String>,
}

/// A version tried on a real officer's period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TryResult {
    pub officer_name: String,
    pub period: String,
    pub version_no: i32,
    pub status: ScoreStatus,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub reason: Option<String>,
    pub trace: Vec<TraceLine>,
    /// The officer's stored score of the period, for comparison.
    pub current_total: Option<f64>,
    pub current_grade: Option<String>,
}

/// The effect of a draft on a group of officers (a unit, a position).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupEffect {
    pub code: String,
    pub name: String,
    pub officers: usize,
    pub mean_active: Option<f64>,
    pub mean_draft: Option<f64>,
    pub mean_delta: Option<f64>,
    pub changed_grade: usize,
}

/// Officers whose total crosses a grade threshold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crossing {
    pub grade: String,
    pub threshold: f64,
    /// (officer id, name, active total, draft total)
    pub up: Vec<(i32, String, f64, f64)>,
    pub down: Vec<(i32, String, f64, f64)>,
}

/// A finished simulation's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationSummary {
    pub officers: usize,
    pub changed_grade: usize,
    pub moved_up: usize,
    pub moved_down: usize,
    pub mean_delta: Option<f64>,
    pub max_up: Option<f64>,
    pub max_down: Option<f64>,
    /// Row and column labels of the matrix and the distributions (grades, then "—" for
    /// not scored).
    pub grades: Vec<String>,
    /// `matrix[i][j]`: officers graded `grades[i]` by the active version and `grades[j]`
    /// by the draft.
    pub matrix: Vec<Vec<usize>>,
    pub dist_active: Vec<usize>,
    pub dist_draft: Vec<usize>,
    pub crossings: Vec<Crossing>,
    pub by_unit: Vec<GroupEffect>,
    pub by_position: Vec<GroupEffect>,
    pub scope_units: Vec<String>,
    pub scope_positions: Vec<String>,
    pub duration_ms: u64,
}

/// One officer in a simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationRow {
    pub officer_id: i32,
    pub name: String,
    pub unit: String,
    pub position: String,
    pub active_total: Option<f64>,
    pub active_grade: Option<String>,
    pub draft_total: Option<f64>,
    pub draft_grade: Option<String>,
    pub delta: Option<f64>,
    pub rank_active: Option<i32>,
    pub rank_draft: Option<i32>,
}

/// A simulation with its results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationView {
    pub brief: SimulationBrief,
    pub version_id: i32,
    pub version_no: i32,
    pub rule_set_name: String,
    pub summary: Option<SimulationSummary>,
    pub rows: Vec<SimulationRow>,
    /// Why the run failed, shown in the reader's language.
    pub error: Option<crate::error::AppError>,
    /// The reader may not read every officer's score: the rows and the names of who crosses
    /// a threshold are left out, the aggregates stay.
    #[serde(default)]
    pub people_hidden: bool,
    /// The background job that runs it (progress, cancel).
    #[serde(default)]
    pub job_id: Option<i32>,
}

impl SimulationView {
    /// The view for a reader who may not read every officer's score: aggregates only.
    pub fn without_people(mut self) -> Self {
        self.rows.clear();
        if let Some(s) = self.summary.as_mut() {
            for c in &mut s.crossings {
                for who in c.up.iter_mut().chain(c.down.iter_mut()) {
                    *who = (0, String::new(), 0.0, 0.0);
                }
            }
        }
        self.people_hidden = true;
        self
    }
}

/// The grades, best first, and the label of "not scored".
pub const GRADES: [&str; 4] = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"];
pub const NOT_SCORED: &str = "—";

/// The row/column of a grade in [`SimulationSummary::grades`].
pub fn grade_index(grade: Option<&str>) -> usize {
    grade
        .and_then(|g| GRADES.iter().position(|x| *x == g))
        .unwrap_or(GRADES.len())
}

/// Competition ranks (1 = highest total; equal totals share a rank; no total, no rank).
pub fn ranks(totals: &[Option<f64>]) -> Vec<Option<i32>> {
    totals
        .iter()
        .map(|t| {
            t.map(|t| {
                1 + totals
                    .iter()
                    .filter(|o| o.is_some_and(|o| o > t + 1e-9))
                    .count() as i32
            })
        })
        .collect()
}

/// The grade transition matrix of (active grade, draft grade) pairs.
pub fn transition_matrix(pairs: &[(Option<&str>, Option<&str>)]) -> Vec<Vec<usize>> {
    let n = GRADES.len() + 1;
    let mut m = vec![vec![0; n]; n];
    for (a, d) in pairs {
        m[grade_index(*a)][grade_index(*d)] += 1;
    }
    m
}

/// What a piece of script text is, for colouring it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Token {
    Keyword,
    Builtin,
    Str,
    Number,
    Comment,
    Plain,
}

impl Token {
    pub fn class(self) -> &'static str {
        match self {
            Token::Keyword => "tk-kw",
            Token::Builtin => "tk-fn",
            Token::Str => "tk-str",
            Token::Number => "tk-num",
            Token::Comment => "tk-com",
            Token::Plain => "",
        }
    }
}

const KEYWORDS: &[&str] = &[
    "fn", "let", "const", "if", "else", "for", "in", "while", "loop", "return", "break",
    "continue", "true", "false", "switch", "do", "until", "private", "this", "throw", "try",
    "catch",
];
const BUILTINS: &[&str] = &[
    "scored",
    "not_scored",
    "award",
    "regrade",
    "round_to",
    "vn",
    "pct",
    "sum",
    "min",
    "max",
    "choose",
    "column",
    "to_array",
];

/// Splits a Rhai script into coloured pieces; concatenated they give the script back.
pub fn highlight(src: &str) -> Vec<(Token, String)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out: Vec<(Token, String)> = Vec::new();
    let mut push = |t: Token, s: String| match out.last_mut() {
        Some((last, text)) if *last == t && t == Token::Plain => text.push_str(&s),
        _ => out.push((t, s)),
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            push(Token::Comment, chars[start..i].iter().collect());
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i = (i + 2).min(chars.len());
            push(Token::Comment, chars[start..i].iter().collect());
        } else if c == '"' || c == '`' || c == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(chars.len());
            push(Token::Str, chars[start..i].iter().collect());
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                if chars[i] == '.' && !chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
                    break;
                }
                i += 1;
            }
            push(Token::Number, chars[start..i].iter().collect());
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let kind = if KEYWORDS.contains(&word.as_str()) {
                Token::Keyword
            } else if BUILTINS.contains(&word.as_str()) && chars.get(i) == Some(&'(') {
                Token::Builtin
            } else {
                Token::Plain
            };
            push(kind, word);
        } else {
            i += 1;
            push(Token::Plain, c.to_string());
        }
    }
    out
}

/// One rule of the trace under the formula in force and under the simulated version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleChange {
    pub rule: String,
    pub label: String,
    /// Points under each formula (`None`: the rule did not record anything there).
    pub active: Option<f64>,
    pub draft: Option<f64>,
    /// The script lines that recorded it.
    pub active_line: Option<u32>,
    pub draft_line: Option<u32>,
    /// The simulated version's explanation (the active one's when the rule is gone).
    pub explanation: String,
}

impl RuleChange {
    pub fn delta(&self) -> f64 {
        self.draft.unwrap_or(0.0) - self.active.unwrap_or(0.0)
    }
}

/// One work-log entry's contribution under both formulas (summed over the rules it feeds).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryChange {
    pub entry_id: i64,
    pub work_date: Option<NaiveDate>,
    pub task: Option<String>,
    pub active: f64,
    pub draft: f64,
}

impl EntryChange {
    pub fn delta(&self) -> f64 {
        self.draft - self.active
    }
}

/// Why an officer's result moves from the formula in force to a simulated version: the
/// rules whose points change, by how much, and the entries that drive the change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationChange {
    pub officer_id: i32,
    pub officer_name: String,
    pub period: String,
    pub version_no: i32,
    pub active_total: Option<f64>,
    pub active_grade: Option<String>,
    pub draft_total: Option<f64>,
    pub draft_grade: Option<String>,
    /// Every rule whose points differ, largest change first.
    pub rules: Vec<RuleChange>,
    /// The entries whose contribution differs most (at most [`ENTRY_CHANGES_SHOWN`]).
    pub entries: Vec<EntryChange>,
}

/// Entries listed in a [`SimulationChange`].
pub const ENTRY_CHANGES_SHOWN: usize = 10;

/// Differences below this (half a hundredth of a point) are rounding, not change.
const CHANGE_EPSILON: f64 = 0.005;

/// The rules and entries whose points differ between two traces of the same officer and
/// period. Rules are matched by their stable id (a rule recorded twice is summed).
pub fn trace_changes(
    active: &[TraceLine],
    draft: &[TraceLine],
) -> (Vec<RuleChange>, Vec<EntryChange>) {
    let mut rules: Vec<RuleChange> = Vec::new();
    let mut entries: Vec<EntryChange> = Vec::new();
    for (side, lines) in [(0, active), (1, draft)] {
        for l in lines {
            let r = match rules.iter_mut().position(|r| r.rule == l.rule) {
                Some(i) => &mut rules[i],
                None => {
                    rules.push(RuleChange {
                        rule: l.rule.clone(),
                        label: l.label.clone(),
                        active: None,
                        draft: None,
                        active_line: None,
                        draft_line: None,
                        explanation: l.explanation.clone(),
                    });
                    rules.last_mut().expect("just pushed")
                }
            };
            if side == 0 {
                r.active = Some(r.active.unwrap_or(0.0) + l.points);
                r.active_line = r.active_line.or(l.line);
            } else {
                r.draft = Some(r.draft.unwrap_or(0.0) + l.points);
                r.draft_line = r.draft_line.or(l.line);
                r.explanation = l.explanation.clone();
            }
            for e in &l.entries {
                let c = match entries.iter_mut().position(|c| c.entry_id == e.entry_id) {
                    Some(i) => &mut entries[i],
                    None => {
                        entries.push(EntryChange {
                            entry_id: e.entry_id,
                            work_date: e.work_date,
                            task: e.task.clone(),
                            active: 0.0,
                            draft: 0.0,
                        });
                        entries.last_mut().expect("just pushed")
                    }
                };
                if side == 0 {
                    c.active += e.contribution;
                } else {
                    c.draft += e.contribution;
                }
            }
        }
    }
    rules.retain(|r| r.delta().abs() >= CHANGE_EPSILON || r.active.is_some() != r.draft.is_some());
    rules.sort_by(|a, b| {
        b.delta()
            .abs()
            .total_cmp(&a.delta().abs())
            .then(a.rule.cmp(&b.rule))
    });
    entries.retain(|e| e.delta().abs() >= CHANGE_EPSILON);
    entries.sort_by(|a, b| {
        b.delta()
            .abs()
            .total_cmp(&a.delta().abs())
            .then(a.entry_id.cmp(&b.entry_id))
    });
    entries.truncate(ENTRY_CHANGES_SHOWN);
    (rules, entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlighting_gives_the_script_back_and_names_its_pieces() {
        let src = "fn score(o, p, period) {\n  // tổng\n  let t = 35.5 * sum(x); /* a */\n  scored(t, \"HTTNV\", #{})\n}";
        let pieces = highlight(src);
        let back: String = pieces.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(back, src);
        let kinds = |t: Token| {
            pieces
                .iter()
                .filter(|(k, _)| *k == t)
                .map(|(_, s)| s.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(Token::Keyword), vec!["fn", "let"]);
        assert_eq!(kinds(Token::Comment), vec!["// tổng", "/* a */"]);
        assert_eq!(kinds(Token::Number), vec!["35.5"]);
        assert_eq!(kinds(Token::Str), vec!["\"HTTNV\""]);
        assert_eq!(kinds(Token::Builtin), vec!["sum", "scored"]);
        // An unterminated string runs to the end without panicking.
        assert_eq!(
            highlight("let s = \"abc").last().map(|p| p.0),
            Some(Token::Str)
        );
    }

    #[test]
    fn components_round_trip_through_their_text() {
        let c = vec![
            ("a".to_string(), 1.0),
            ("b".to_string(), 0.75),
            ("task".to_string(), 62.5),
        ];
        let text = components_text(&c);
        assert_eq!(text, "a = 1; b = 0,75; task = 62,5");
        assert_eq!(parse_components(&text), Ok(c));
        assert_eq!(parse_components(" ; "), Ok(vec![]));
        assert_eq!(parse_components("a = 1; b: 2"), Err("b: 2".to_string()));
    }

    #[test]
    fn ranks_share_ties_and_skip_the_unscored() {
        assert_eq!(
            ranks(&[Some(80.0), Some(95.0), None, Some(80.0), Some(60.0)]),
            vec![Some(2), Some(1), None, Some(2), Some(4)]
        );
    }

    #[test]
    fn the_matrix_counts_each_move_once() {
        let m = transition_matrix(&[
            (Some("HTTNV"), Some("HTXSNV")),
            (Some("HTTNV"), Some("HTTNV")),
            (None, Some("HTNV")),
            (Some("KHTNV"), None),
        ]);
        assert_eq!(m[1][0], 1);
        assert_eq!(m[1][1], 1);
        assert_eq!(m[4][2], 1);
        assert_eq!(m[3][4], 1);
        assert_eq!(m.iter().flatten().sum::<usize>(), 4);
    }

    fn line(rule: &str, points: f64, entries: &[(i64, f64)]) -> TraceLine {
        TraceLine {
            rule: rule.into(),
            label: rule.into(),
            explanation: String::new(),
            points,
            line: Some(1),
            entries: entries
                .iter()
                .map(|(id, c)| crate::models::TraceEntry {
                    entry_id: *id,
                    contribution: *c,
                    work_date: None,
                    task: None,
                })
                .collect(),
            entry_count: entries.len(),
        }
    }

    #[test]
    fn trace_changes_keep_what_moves_largest_first() {
        let active = [
            line("general", 25.0, &[]),
            line("task.quantity", 20.0, &[(1, 12.0), (2, 8.0)]),
            line("penalty.delay", -1.0, &[(2, -1.0)]),
        ];
        let draft = [
            line("general", 25.0, &[]),
            line("task.quantity", 18.0, &[(1, 12.0), (2, 6.0)]),
            line("cohort.cap", 0.0, &[]),
        ];
        let (rules, entries) = trace_changes(&active, &draft);
        let ids: Vec<&str> = rules.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(ids, ["task.quantity", "penalty.delay", "cohort.cap"]);
        let moved: f64 = rules.iter().map(RuleChange::delta).sum();
        assert!((moved - (43.0 - 44.0)).abs() < 1e-9);
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (entries[0].entry_id, entries[0].active, entries[0].draft),
            (2, 7.0, 6.0)
        );
    }
}

/// Test cases the editor proposes on each side of the formula's grade thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoundaryProposal {
    pub cases: Vec<ProposedCase>,
    /// Points next to a threshold no input could reach, with the reason.
    pub unreachable: Vec<String>,
    /// Why nothing could be proposed (the script does not compile, no grade thresholds…).
    pub problem: Option<String>,
}

/// One proposed boundary case: one officer whose total is `total`, expected `grade`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposedCase {
    pub name: String,
    pub total: f64,
    pub grade: String,
    /// The draft already has a case of this name.
    pub already: bool,
}
