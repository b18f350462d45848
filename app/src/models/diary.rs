//! The officer's work diary as the browser shows it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::models::states::*;

/// A task of the officer's approved catalog, with when they last logged it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogChoice {
    pub id: i32,
    pub code: String,
    pub group_code: String,
    pub name: String,
    pub unit_of_measure: String,
    pub norm_minutes: f64,
    pub coefficient: f64,
    pub evidence_required: bool,
    #[serde(with = "crate::models::iso_date::option")]
    pub last_used: Option<NaiveDate>,
}

impl CatalogChoice {
    /// Standard hours per unit of quantity: norm / 60 × coefficient.
    pub fn hours_per_unit(&self) -> f64 {
        self.norm_minutes / 60.0 * self.coefficient
    }
}

/// One diary line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiaryEntry {
    pub id: i64,
    #[serde(with = "crate::models::iso_date")]
    pub work_date: NaiveDate,
    pub catalog_item_id: Option<i32>,
    pub task_code: Option<String>,
    pub task_name: Option<String>,
    pub unit_of_measure: Option<String>,
    pub off_catalog_description: Option<String>,
    pub proposed_minutes: Option<f64>,
    pub assigned_qty: f64,
    pub completed_qty: f64,
    #[serde(with = "crate::models::iso_date::option")]
    pub assigned_on: Option<NaiveDate>,
    #[serde(with = "crate::models::iso_date::option")]
    pub deadline: Option<NaiveDate>,
    #[serde(with = "crate::models::iso_date::option")]
    pub completed_on: Option<NaiveDate>,
    pub source_document: Option<String>,
    pub note: Option<String>,
    /// draft | submitted | approved | returned | locked
    pub status: EntryStatus,
    pub return_reason: Option<String>,
    pub lock_version: i32,
    /// Standard hours this entry counts for (catalog norm × coefficient × quantity, or the
    /// proposed minutes of off-catalog work).
    pub standard_hours: f64,
    /// The task requires a document number and none was given.
    pub evidence_missing: bool,
}

/// An officer's diary between two dates, with the catalog to log against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diary {
    pub officer_id: i32,
    /// The period shown, e.g. `2026-10`.
    pub period: String,
    #[serde(with = "crate::models::iso_date")]
    pub from: NaiveDate,
    #[serde(with = "crate::models::iso_date")]
    pub to: NaiveDate,
    /// The server's date (the default work date of a new entry).
    #[serde(with = "crate::models::iso_date")]
    pub today: NaiveDate,
    pub entries: Vec<DiaryEntry>,
    pub catalog: Vec<CatalogChoice>,
}

/// Standard hours above which a day is flagged.
pub const DAY_HOURS_LIMIT: f64 = 8.0;

impl Diary {
    /// Days whose entries add up to more than [`DAY_HOURS_LIMIT`] standard hours.
    pub fn heavy_days(&self) -> Vec<(NaiveDate, f64)> {
        let mut days: Vec<(NaiveDate, f64)> = Vec::new();
        for e in &self.entries {
            match days.iter_mut().find(|(d, _)| *d == e.work_date) {
                Some((_, h)) => *h += e.standard_hours,
                None => days.push((e.work_date, e.standard_hours)),
            }
        }
        days.retain(|(_, h)| *h > DAY_HOURS_LIMIT + 1e-9);
        days.sort_by_key(|(d, _)| *d);
        days
    }
}

/// The diary form as submitted (also without JavaScript): text, parsed and checked on the
/// server with an error naming the field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkLogForm {
    /// yyyy-mm-dd
    pub work_date: String,
    /// A catalog item id, or empty for off-catalog work.
    pub catalog_item_id: String,
    pub off_catalog_description: String,
    pub proposed_minutes: String,
    pub quantity: String,
    /// Empty: all of the quantity was completed.
    pub completed_qty: String,
    pub assigned_on: String,
    pub deadline: String,
    pub completed_on: String,
    pub source_document: String,
    pub note: String,
}

/// What the diary and the review queue show of an entry in its summary: the task (or the
/// off-catalog description), the quantity, the standard hours, the document number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryLine {
    /// `code — name` of the task, or the off-catalog description.
    pub title: String,
    pub completed_qty: f64,
    pub unit_of_measure: Option<String>,
    pub standard_hours: f64,
    pub source_document: Option<String>,
    /// The task requires a document number and none was given.
    pub evidence_missing: bool,
}

impl EntryLine {
    /// `code — name` of an entry's task, or its off-catalog description.
    pub fn title(
        task_code: Option<&str>,
        task_name: Option<&str>,
        off_catalog: Option<&str>,
    ) -> String {
        match (task_code, task_name) {
            (Some(c), Some(n)) => format!("{c} — {n}"),
            _ => off_catalog.unwrap_or_default().to_string(),
        }
    }
}

impl DiaryEntry {
    /// The entry's summary line.
    pub fn line(&self) -> EntryLine {
        EntryLine {
            title: EntryLine::title(
                self.task_code.as_deref(),
                self.task_name.as_deref(),
                self.off_catalog_description.as_deref(),
            ),
            completed_qty: self.completed_qty,
            unit_of_measure: self.unit_of_measure.clone(),
            standard_hours: self.standard_hours,
            source_document: self.source_document.clone(),
            evidence_missing: self.evidence_missing,
        }
    }
}

/// A submitted entry waiting in a reviewer's queue: what the queue shows and acts on, not the
/// whole diary entry (a page of 25 is sent with the page for hydration, on every visit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub id: i64,
    pub lock_version: i32,
    /// The officer, one of [`ReviewQueue::officers`].
    pub officer_id: i32,
    #[serde(with = "crate::models::iso_date")]
    pub work_date: NaiveDate,
    /// Completed after its deadline.
    pub late: bool,
    pub line: EntryLine,
    pub quality_failures: i32,
    pub delays: i32,
    pub objective_cause: bool,
    /// Off-catalog work: to be mapped to a task of the officer's catalog (in
    /// [`ReviewQueue::catalogs`]) or rejected.
    pub off_catalog: bool,
}

/// The reviewer's queue: submitted entries of the units they head, and the officers to
/// filter by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewQueue {
    /// One page of the entries waiting (by officer, oldest date first)…
    pub entries: Vec<QueueEntry>,
    /// …of this many…
    pub total: u64,
    /// …page `page` (1-based) of pages of `per_page`.
    pub page: u64,
    pub per_page: u64,
    /// The officers whose entries the reviewer reviews (by name).
    pub officers: Vec<crate::models::Choice>,
    /// The catalog of each officer with off-catalog work on this page (once per officer), to
    /// map that work to.
    pub catalogs: Vec<(i32, Vec<CatalogChoice>)>,
}

impl ReviewQueue {
    /// The name of one of the queue's officers (empty if not one of them).
    pub fn officer_name(&self, officer_id: i32) -> &str {
        self.officers
            .iter()
            .find(|o| o.id == officer_id)
            .map_or("", |o| o.name.as_str())
    }

    /// The catalog an officer's off-catalog work is mapped to (empty if none).
    pub fn catalog_of(&self, officer_id: i32) -> &[CatalogChoice] {
        self.catalogs
            .iter()
            .find(|(id, _)| *id == officer_id)
            .map_or(&[], |(_, c)| c.as_slice())
    }
}

/// Entries ticked for approval, each as `id:lock_version`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BulkApproval {
    pub entries: Vec<String>,
}

/// One period of an officer's score history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreSummary {
    pub period: String,
    pub starts_on: NaiveDate,
    pub status: ScoreStatus,
    pub total: Option<f64>,
    pub grade: Option<String>,
}

/// A work-log entry behind a rule's points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceEntry {
    pub entry_id: i64,
    pub contribution: f64,
    pub work_date: Option<NaiveDate>,
    pub task: Option<String>,
}

/// One rule's part of a score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceLine {
    pub rule: String,
    pub label: String,
    pub explanation: String,
    pub points: f64,
    /// The script line of the rule version that recorded it.
    pub line: Option<u32>,
    /// The entries behind the points (on "my score", only those of the line the officer
    /// opened: see [`ScoreExplanation::fold_entries`])…
    pub entries: Vec<TraceEntry>,
    /// …of this many.
    #[serde(default)]
    pub entry_count: usize,
}

impl TraceLine {
    /// How many entries are behind the line, listed or not.
    pub fn entries_behind(&self) -> usize {
        self.entry_count.max(self.entries.len())
    }
}

/// The formula that scored an officer, in the order scoring looks for one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormulaScope {
    /// The position's own formula (the position's code).
    Position(String),
    /// The province default's script with the agency's parameter values (the agency's name).
    Agency(String),
    /// The province default: neither the position nor the agency has its own.
    Province,
}

/// A score explained rule by rule, with the formula version that produced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreExplanation {
    pub officer_id: i32,
    pub officer_name: String,
    /// The officer's position today (empty: none).
    pub officer_position: String,
    /// The unit the officer was scored in, and its agency (empty: none).
    pub officer_unit: String,
    pub officer_agency: String,
    pub period: String,
    /// The committee published the period; until then the result is provisional.
    pub published: bool,
    pub status: ScoreStatus,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub reason: Option<String>,
    pub components: Vec<(String, f64)>,
    pub trace: Vec<TraceLine>,
    /// How the score is computed, with the officer's own figures (`None`: not scored).
    pub walkthrough: Option<crate::models::Walkthrough>,
    pub rule_version_id: i32,
    pub rule_set_name: String,
    /// Which formula scored: the position's own, the agency's parameters, or the default.
    pub formula_scope: FormulaScope,
    pub rule_version_no: i32,
    pub rule_version_hash: String,
    pub score_version: i32,
    pub history: Vec<ScoreSummary>,
    /// Every computed version of this period's score, oldest first.
    pub versions: Vec<crate::models::ScoreVersionView>,
    /// The officer's appeals for this period, newest first.
    pub appeals: Vec<crate::models::AppealView>,
    /// Every entry behind the score once (first seen first), for the appeal form, when the
    /// trace lines' lists are folded (else empty: the lines list them).
    #[serde(default)]
    pub appeal_entries: Vec<TraceEntry>,
    /// The lines' entry lists were folded ([`ScoreExplanation::fold_entries`]).
    #[serde(default)]
    pub folded: bool,
}

impl ScoreExplanation {
    /// Keeps the entry list of trace line `open` only (a month's score has a few hundred
    /// entries behind its lines: sent and rendered every time, they made most of the page);
    /// each line keeps its count, and the entries are listed once for the appeal form.
    pub fn fold_entries(&mut self, open: Option<usize>) {
        let mut all = std::mem::take(&mut self.appeal_entries);
        let mut seen: std::collections::HashSet<i64> = all.iter().map(|e| e.entry_id).collect();
        for (i, line) in self.trace.iter_mut().enumerate() {
            line.entry_count = line.entries_behind();
            if Some(i) == open {
                let listed = line.entries.iter().filter(|e| seen.insert(e.entry_id));
                all.extend(listed.cloned());
            } else {
                // A folded line's entries move to the appeal list: no copy.
                let taken = std::mem::take(&mut line.entries);
                all.extend(taken.into_iter().filter(|e| seen.insert(e.entry_id)));
            }
        }
        self.appeal_entries = all;
        self.folded = true;
    }

    /// [`Self::fold_entries`] for a view without an appeal form (a reviewer's or the
    /// committee's): the folded lines' entries are dropped, not listed.
    pub fn fold_lines(&mut self, open: Option<usize>) {
        for (i, line) in self.trace.iter_mut().enumerate() {
            line.entry_count = line.entries_behind();
            if Some(i) != open {
                line.entries = Vec::new();
            }
        }
        self.folded = true;
    }

    /// The entries an appeal may be about: each once, by date then task.
    pub fn appealable(&self) -> Vec<&TraceEntry> {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<&TraceEntry> = self
            .trace
            .iter()
            .flat_map(|l| l.entries.iter())
            .chain(self.appeal_entries.iter())
            .filter(|e| seen.insert(e.entry_id))
            .collect();
        out.sort_by(|a, b| {
            (a.work_date, &a.task, a.entry_id).cmp(&(b.work_date, &b.task, b.entry_id))
        });
        out
    }
}

/// A formula version's script, for the read-only viewer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormulaSource {
    pub id: i32,
    pub rule_set_name: String,
    pub version_no: i32,
    pub status: RuleStatus,
    pub content_hash: String,
    pub effective_from: Option<NaiveDate>,
    pub script: String,
}

impl FormulaSource {
    /// Whether the version is or was in force (activated from a date, perhaps retired
    /// since): such a version scored people, and anyone signed in may read it.
    pub fn ever_in_force(&self) -> bool {
        self.effective_from.is_some() && self.status.ever_in_force()
    }
}

/// Practice mode (thực hành): the officer's practice diary (the same catalog and form as
/// the real one; its entries are `draft` until "submitted", then `submitted`) and what the
/// score of the month would be if the head confirmed the submitted entries as logged.
/// Practice entries live apart from the real ones: no reviewer, score, export or API sees
/// them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    pub diary: Diary,
    /// The general-criteria points the officer assumes for the preview, if they gave some.
    pub general: Option<f64>,
    /// `None` until at least one entry of the month is submitted.
    pub preview: Option<PracticePreview>,
}

/// The practice month scored by the formula that would score the officer, nothing stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PracticePreview {
    pub rule_set_name: String,
    pub rule_version_id: i32,
    pub rule_version_no: i32,
    /// Submitted practice entries counted, and their standard hours.
    pub entries: usize,
    pub standard_hours: f64,
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Why the formula does not score the officer (then `total` is `None`).
    pub reason: Option<String>,
    pub components: Vec<(String, f64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, day: u32, task: &str) -> TraceEntry {
        TraceEntry {
            entry_id: id,
            contribution: 1.0,
            work_date: NaiveDate::from_ymd_opt(2026, 10, day),
            task: Some(task.into()),
        }
    }

    fn line(rule: &str, entries: Vec<TraceEntry>) -> TraceLine {
        TraceLine {
            rule: rule.into(),
            label: rule.into(),
            explanation: String::new(),
            points: 1.0,
            line: None,
            entry_count: entries.len(),
            entries,
        }
    }

    fn explanation(trace: Vec<TraceLine>) -> ScoreExplanation {
        ScoreExplanation {
            officer_id: 1,
            officer_name: "A".into(),
            officer_position: String::new(),
            officer_unit: String::new(),
            officer_agency: String::new(),
            period: "2026-10".into(),
            published: false,
            status: ScoreStatus::Scored,
            total: Some(80.0),
            grade: None,
            reason: None,
            components: Vec::new(),
            trace,
            walkthrough: None,
            rule_version_id: 1,
            rule_set_name: String::new(),
            formula_scope: FormulaScope::Province,
            rule_version_no: 1,
            rule_version_hash: String::new(),
            score_version: 1,
            history: Vec::new(),
            versions: Vec::new(),
            appeals: Vec::new(),
            appeal_entries: Vec::new(),
            folded: false,
        }
    }

    #[test]
    fn folding_keeps_the_opened_lines_entries_every_count_and_each_entry_once() {
        let full = explanation(vec![
            line("task.quantity", vec![entry(3, 2, "B"), entry(1, 1, "A")]),
            line("penalty.delay", vec![entry(1, 1, "A")]),
            line("general", Vec::new()),
        ]);
        let before: Vec<i64> = full.appealable().iter().map(|e| e.entry_id).collect();
        assert_eq!(before, [1, 3], "by date, each once");

        let mut folded = full.clone();
        folded.fold_entries(Some(1));
        assert!(folded.folded);
        assert!(folded.trace[0].entries.is_empty());
        assert_eq!(folded.trace[0].entries_behind(), 2);
        assert_eq!(folded.trace[1].entries, full.trace[1].entries);
        assert_eq!(folded.trace[2].entries_behind(), 0);
        let after: Vec<i64> = folded.appealable().iter().map(|e| e.entry_id).collect();
        assert_eq!(after, before, "the appeal form still offers every entry");

        let mut none = full.clone();
        none.fold_entries(None);
        assert!(none.trace.iter().all(|l| l.entries.is_empty()));
        none.fold_entries(Some(99)); // out of range: nothing listed, nothing lost
        assert_eq!(none.trace[0].entries_behind(), 2);
        assert_eq!(none.appeal_entries.len(), 2);

        let mut reviewed = full.clone();
        reviewed.fold_lines(Some(1));
        assert!(reviewed.folded);
        assert!(reviewed.trace[0].entries.is_empty());
        assert_eq!(reviewed.trace[0].entries_behind(), 2);
        assert_eq!(reviewed.trace[1].entries, full.trace[1].entries);
        assert!(
            reviewed.appeal_entries.is_empty(),
            "no appeal form: no list"
        );
        let folded_trace: Vec<_> = folded
            .trace
            .iter()
            .map(|l| (l.entries_behind(), l.entries.len()))
            .collect();
        let reviewed_trace: Vec<_> = reviewed
            .trace
            .iter()
            .map(|l| (l.entries_behind(), l.entries.len()))
            .collect();
        assert_eq!(reviewed_trace, folded_trace, "the lines fold alike");
    }

    fn diary_entry(task: Option<(&str, &str)>, off_catalog: Option<&str>) -> DiaryEntry {
        DiaryEntry {
            id: 7,
            work_date: NaiveDate::from_ymd_opt(2026, 10, 5).expect("date"),
            catalog_item_id: task.map(|_| 3),
            task_code: task.map(|(c, _)| c.into()),
            task_name: task.map(|(_, n)| n.into()),
            unit_of_measure: task.map(|_| "văn bản".into()),
            off_catalog_description: off_catalog.map(Into::into),
            proposed_minutes: off_catalog.map(|_| 90.0),
            assigned_qty: 2.0,
            completed_qty: 2.0,
            assigned_on: None,
            deadline: None,
            completed_on: None,
            source_document: Some("12/UBND".into()),
            note: Some("not in the line".into()),
            status: EntryStatus::Submitted,
            return_reason: None,
            lock_version: 1,
            standard_hours: 1.5,
            evidence_missing: false,
        }
    }

    #[test]
    fn an_entry_line_names_the_task_or_the_off_catalog_work() {
        let task = diary_entry(Some(("B04", "Xử lý văn bản đến")), None).line();
        assert_eq!(task.title, "B04 — Xử lý văn bản đến");
        assert_eq!(task.unit_of_measure.as_deref(), Some("văn bản"));
        assert_eq!(task.source_document.as_deref(), Some("12/UBND"));
        assert_eq!((task.completed_qty, task.standard_hours), (2.0, 1.5));
        let off = diary_entry(None, Some("Tiếp đoàn kiểm tra")).line();
        assert_eq!(off.title, "Tiếp đoàn kiểm tra");
        assert_eq!(off.unit_of_measure, None);
    }

    #[test]
    fn the_queue_names_each_officer_and_their_catalog_once() {
        let choice = |id: i32| CatalogChoice {
            id,
            code: format!("A{id:02}"),
            group_code: "A".into(),
            name: "Việc".into(),
            unit_of_measure: "việc".into(),
            norm_minutes: 60.0,
            coefficient: 1.0,
            evidence_required: false,
            last_used: None,
        };
        let queue = ReviewQueue {
            entries: Vec::new(),
            total: 0,
            page: 1,
            per_page: 25,
            officers: vec![crate::models::Choice {
                id: 9,
                code: "cb.a.01".into(),
                name: "Hồ Văn Linh".into(),
            }],
            catalogs: vec![(9, vec![choice(1), choice(2)])],
        };
        assert_eq!(queue.officer_name(9), "Hồ Văn Linh");
        assert_eq!(queue.officer_name(10), "");
        assert_eq!(queue.catalog_of(9).len(), 2);
        assert!(queue.catalog_of(10).is_empty());
    }
}
