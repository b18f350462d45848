//! The scoring input document: what the engine scores.
//!
//! [`ScoringInput::from_json`] reads the JSON document described in DOMAIN.md
//! one officer at a time (a province-month does not have to fit in memory as a
//! JSON tree), validates every field and names the officer, entry and field of
//! the first problem. Unknown fields are ignored. Programmatically built inputs
//! go through the same checks in [`ScoringInput::validate`] before scoring.

use crate::error::InputError;
use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::Arc;

/// Longest id, cohort or code accepted, in characters.
const MAX_ID_CHARS: usize = 128;
/// Largest criteria points accepted.
pub(crate) const MAX_CRITERIA_POINTS: f64 = 1_000.0;
/// Largest norm: about 69 days of minutes for one unit of work.
const MAX_NORM_MINUTES: f64 = 100_000.0;
const MAX_COEFFICIENT: f64 = 100.0;
const MAX_QUANTITY: f64 = 1e9;
const MAX_COUNT: u64 = 1_000_000;
/// Most officers in the unit a leader leads. Each member becomes a map of
/// about ten properties in the leader's `officer` argument, so this keeps a
/// leader's map well inside the default script limits (100 000 properties).
pub const MAX_LED_UNIT_MEMBERS: usize = 2_000;

/// The document DOMAIN.md shows; used by `rubric rules check` for a trial run.
pub const SAMPLE_DOCUMENT: &str = r#"{
  "period": { "kind": "month", "start": "2025-05-01", "end": "2025-05-31" },
  "officers": [
    {
      "id": "cb-0001", "name": "Nguyễn Văn An", "unit": "snv/tccb", "position": "CV-TCCB",
      "cohort": "snv:chuyen-vien", "disqualified": false,
      "criteria": { "general": 27.5 },
      "entries": [
        { "id": "e-1", "date": "2025-05-05", "task": "C08", "norm_minutes": 30, "coefficient": 1.2,
          "assigned_qty": 4, "completed_qty": 4, "deadline": "2025-05-07", "completed_on": "2025-05-06",
          "quality_failures": 0, "delays": 0, "objective_cause": false }
      ]
    }
  ]
}"#;

/// A scoring period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    /// `month`, `quarter`, `year`, … (free text, passed to the script).
    pub kind: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// One work-log entry with its catalog norm and review findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: Arc<str>,
    pub date: Option<NaiveDate>,
    pub task: Option<String>,
    pub norm_minutes: f64,
    pub coefficient: f64,
    pub assigned_qty: f64,
    pub completed_qty: f64,
    pub deadline: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    /// Major quality errors found by the reviewer (absent = none recorded).
    pub quality_failures: u32,
    /// Delays recorded by the reviewer (absent = none recorded).
    pub delays: u32,
    /// An objective cause was confirmed, which exempts the penalties.
    pub objective_cause: bool,
}

impl Entry {
    /// Completed after its deadline (both dates known).
    pub fn completed_late(&self) -> bool {
        matches!((self.completed_on, self.deadline), (Some(done), Some(due)) if done > due)
    }
}

/// One officer's period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Officer {
    pub id: String,
    pub name: Option<String>,
    pub unit: Option<String>,
    pub position: Option<String>,
    /// Agency and group of similar positions, for cohort rules.
    pub cohort: String,
    pub disqualified: bool,
    /// Points entered by the reviewer, by criterion (`general`, `reform_it`, …).
    pub criteria: BTreeMap<String, f64>,
    pub entries: Arc<[Entry]>,
    /// The unit this officer leads, for leaders (absent for everyone else).
    /// Left out of the serialized form when absent, so the input hashes stored
    /// with past scores stay the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub led_unit: Option<LedUnit>,
    /// For a quarter or a year: the officer's stored result of each month of the
    /// period, which `aggregate(officer, params, period)` turns into the period's
    /// result. Left out of the serialized form when empty (input hashes stay).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<MonthResult>,
}

/// Whether a month of a quarter or year has a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthStatus {
    /// Scored: `total` and `grade` are set.
    Scored,
    /// Scoring ran and gave no score (`reason` says why).
    NotScored,
    /// The month was never scored (not yet, or the officer was not in post).
    Missing,
}

impl MonthStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scored => "scored",
            Self::NotScored => "not_scored",
            Self::Missing => "missing",
        }
    }
}

/// One month's stored result, as `aggregate` receives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthResult {
    /// `YYYY-MM`, inside the period.
    pub month: String,
    pub status: MonthStatus,
    pub total: Option<f64>,
    pub grade: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub components: BTreeMap<String, f64>,
    /// The month's result was graded KHTNV by a disqualification.
    #[serde(default)]
    pub disqualified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Most months one officer's quarter or year can hold.
const MAX_MONTHS: usize = 12;

/// The unit a leader leads: its code and the officers in it (the leader
/// excluded), each with their own entries and criteria of the same period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedUnit {
    pub code: String,
    /// Officers of the unit; none of them carries a `led_unit` of their own.
    pub members: Vec<Officer>,
}

/// A validated scoring input document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoringInput {
    pub period: Period,
    pub officers: Vec<Officer>,
}

impl<'de> Deserialize<'de> for ScoringInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(de::Error::custom)
    }
}

impl ScoringInput {
    /// Parses and validates a JSON document given as bytes.
    pub fn from_json(bytes: &[u8]) -> Result<Self, InputError> {
        let text = std::str::from_utf8(bytes).map_err(|e| InputError::InvalidUtf8 {
            offset: e.valid_up_to(),
        })?;
        let failure = RefCell::new(None);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let parsed = deserializer
            .deserialize_map(DocumentVisitor { failure: &failure })
            .and_then(|doc| deserializer.end().map(|()| doc));
        match parsed {
            Ok((period, officers)) => {
                let period = period.ok_or_else(|| root_error("period", "thiếu trường bắt buộc"))?;
                let officers =
                    officers.ok_or_else(|| root_error("officers", "thiếu trường bắt buộc"))?;
                Ok(Self {
                    period: period_from_value(&period)?,
                    officers,
                })
            }
            Err(e) => Err(failure.into_inner().unwrap_or_else(|| serde_failure(&e))),
        }
    }

    /// Validates a document already parsed as JSON (test cases embed them).
    pub fn from_value(value: &Value) -> Result<Self, InputError> {
        let doc = value
            .as_object()
            .ok_or_else(|| root_error("(tài liệu)", "phải là một đối tượng JSON"))?;
        let period = doc
            .get("period")
            .ok_or_else(|| root_error("period", "thiếu trường bắt buộc"))?;
        let list = doc
            .get("officers")
            .ok_or_else(|| root_error("officers", "thiếu trường bắt buộc"))?
            .as_array()
            .ok_or_else(|| root_error("officers", "phải là một mảng"))?;
        let mut seen = HashSet::new();
        let officers = list
            .iter()
            .enumerate()
            .map(|(i, v)| officer_from_value(v, i, &mut seen))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            period: period_from_value(period)?,
            officers,
        })
    }

    /// The sample document of DOMAIN.md.
    pub fn sample() -> Result<Self, InputError> {
        Self::from_json(SAMPLE_DOCUMENT.as_bytes())
    }

    /// Checks a programmatically built input against the same rules as
    /// [`ScoringInput::from_json`].
    pub fn validate(&self) -> Result<(), InputError> {
        if self.period.start > self.period.end {
            return Err(root_error("period.end", "ngày kết thúc trước ngày bắt đầu"));
        }
        let mut officer_ids = HashSet::with_capacity(self.officers.len());
        for (i, officer) in self.officers.iter().enumerate() {
            // Messages are built only on failure: this runs before every scoring.
            let who = || Who::officer(&officer.id, i);
            check_id(&officer.id, &who(), "id")?;
            if !officer_ids.insert(officer.id.as_str()) {
                return Err(who().error("id", "trùng mã cán bộ với một cán bộ khác"));
            }
            check_officer(officer, who)?;
            if let Some((j, m)) = officer.months.iter().enumerate().find(|(_, m)| {
                let first = parse_date(&format!("{}-01", m.month));
                first.is_none_or(|d| {
                    d > self.period.end
                        || d.checked_add_months(chrono::Months::new(1))
                            .is_none_or(|next| next <= self.period.start)
                })
            }) {
                return Err(who().error(
                    &format!("months[{}].month", j + 1),
                    &format!("tháng {} nằm ngoài kỳ chấm điểm", m.month),
                ));
            }
            if let Some(unit) = &officer.led_unit {
                check_led_unit(&officer.id, unit, who)?;
            }
        }
        Ok(())
    }

    /// Number of work-log entries over all officers.
    pub fn entry_count(&self) -> usize {
        self.officers.iter().map(|o| o.entries.len()).sum()
    }
}

/// The checks of [`ScoringInput::validate`] for one officer, except its id
/// (unique among its siblings) and its `led_unit`.
fn check_officer(officer: &Officer, who: impl Fn() -> Who) -> Result<(), InputError> {
    check_id(&officer.cohort, &who(), "cohort")?;
    check_months(&officer.months, &who())?;
    for (name, points) in &officer.criteria {
        check_range(*points, 0.0, MAX_CRITERIA_POINTS)
            .map_err(|p| who().error(&format!("criteria.{name}"), &p))?;
    }
    for (j, entry) in officer.entries.iter().enumerate() {
        entry_problem(entry).map_err(|(field, p)| who().entry(&entry.id, j).error(field, &p))?;
    }
    // Sorting ids is cheaper than hashing them, and an officer has ~100 entries.
    let mut ids: Vec<&str> = officer.entries.iter().map(|e| &*e.id).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        let j = officer
            .entries
            .iter()
            .position(|e| &*e.id == pair[0])
            .unwrap_or(0);
        return Err(who()
            .entry(pair[0], j)
            .error("id", "trùng mã công việc trong cùng cán bộ"));
    }
    Ok(())
}

/// A leader's unit: a code, at most [`MAX_LED_UNIT_MEMBERS`] members with
/// distinct ids, none of them the leader and none leading a unit in turn.
fn check_led_unit(leader: &str, unit: &LedUnit, who: impl Fn() -> Who) -> Result<(), InputError> {
    check_id(&unit.code, &who(), "led_unit.code")?;
    check_member_count(unit.members.len(), &who())?;
    let mut ids = HashSet::with_capacity(unit.members.len());
    for (j, member) in unit.members.iter().enumerate() {
        let member_who = || who().member(&member.id, j);
        check_id(&member.id, &member_who(), "id")?;
        not_the_leader(leader, &member.id, &member_who())?;
        if !ids.insert(member.id.as_str()) {
            return Err(member_who().error("id", DUPLICATE_MEMBER));
        }
        if member.led_unit.is_some() {
            return Err(member_who().error("led_unit", NESTED_LED_UNIT));
        }
        check_officer(member, member_who)?;
    }
    Ok(())
}

const DUPLICATE_MEMBER: &str = "trùng mã cán bộ với một thành viên khác của đơn vị";
const NESTED_LED_UNIT: &str =
    "thành viên của đơn vị không được có led_unit (chỉ xét một cấp đơn vị)";

fn check_member_count(count: usize, who: &Who) -> Result<(), InputError> {
    if count > MAX_LED_UNIT_MEMBERS {
        return Err(who.error(
            "led_unit.members",
            &format!("không được quá {MAX_LED_UNIT_MEMBERS} cán bộ (nhận {count})"),
        ));
    }
    Ok(())
}

fn not_the_leader(leader: &str, id: &str, who: &Who) -> Result<(), InputError> {
    if id == leader {
        return Err(who.error(
            "id",
            "là chính cán bộ lãnh đạo; thành viên của đơn vị không gồm người lãnh đạo",
        ));
    }
    Ok(())
}

/// The first field of an entry that is out of bounds, with the problem.
fn entry_problem(entry: &Entry) -> Result<(), (&'static str, String)> {
    id_problem(&entry.id).map_err(|p| ("id", p))?;
    let checks = [
        (
            "norm_minutes",
            check_range(entry.norm_minutes, 0.0, MAX_NORM_MINUTES),
        ),
        (
            "coefficient",
            check_positive(entry.coefficient, MAX_COEFFICIENT),
        ),
        (
            "assigned_qty",
            check_range(entry.assigned_qty, 0.0, MAX_QUANTITY),
        ),
        (
            "completed_qty",
            check_range(entry.completed_qty, 0.0, MAX_QUANTITY),
        ),
        (
            "quality_failures",
            check_count(u64::from(entry.quality_failures)),
        ),
        ("delays", check_count(u64::from(entry.delays))),
    ];
    for (field, check) in checks {
        check.map_err(|p| (field, p))?;
    }
    Ok(())
}

fn check_range(v: f64, min: f64, max: f64) -> Result<(), String> {
    if !v.is_finite() {
        return Err("phải là một số hữu hạn".into());
    }
    if v < min || v > max {
        return Err(format!(
            "phải nằm trong khoảng từ {min} đến {max} (nhận {v})"
        ));
    }
    Ok(())
}

fn check_positive(v: f64, max: f64) -> Result<(), String> {
    if !v.is_finite() || v <= 0.0 || v > max {
        return Err(format!("phải lớn hơn 0 và không quá {max} (nhận {v})"));
    }
    Ok(())
}

fn check_count(v: u64) -> Result<(), String> {
    if v > MAX_COUNT {
        return Err(format!("không được vượt quá {MAX_COUNT} (nhận {v})"));
    }
    Ok(())
}

fn id_problem(id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("không được để trống".into());
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(format!("dài quá {MAX_ID_CHARS} ký tự"));
    }
    Ok(())
}

fn check_id(id: &str, who: &Who, field: &str) -> Result<(), InputError> {
    id_problem(id).map_err(|p| who.error(field, &p))
}

/// Which officer and entry a field belongs to, for error messages. A member
/// of a leader's unit is reported under the leader, its fields prefixed with
/// `led_unit.members[<member>].`.
struct Who {
    officer: Option<String>,
    entry: Option<String>,
    prefix: String,
}

impl Who {
    fn root() -> Self {
        Self {
            officer: None,
            entry: None,
            prefix: String::new(),
        }
    }

    fn officer(id: &str, index: usize) -> Self {
        Self {
            officer: Some(label_or_position(Some(id), index)),
            ..Self::root()
        }
    }

    fn member(&self, id: &str, index: usize) -> Self {
        Self {
            officer: self.officer.clone(),
            entry: None,
            prefix: format!(
                "{}led_unit.members[{}].",
                self.prefix,
                label_or_position(Some(id), index)
            ),
        }
    }

    fn entry(&self, id: &str, index: usize) -> Self {
        Self {
            officer: self.officer.clone(),
            entry: Some(label_or_position(Some(id), index)),
            prefix: self.prefix.clone(),
        }
    }

    fn error(&self, field: &str, problem: &str) -> InputError {
        InputError::Field {
            officer: self.officer.clone(),
            entry: self.entry.clone(),
            field: format!("{}{field}", self.prefix),
            problem: problem.to_string(),
        }
    }
}

fn label_or_position(id: Option<&str>, index: usize) -> String {
    match id {
        Some(id) if !id.trim().is_empty() && id.chars().count() <= MAX_ID_CHARS => id.to_string(),
        _ => format!("#{}", index + 1),
    }
}

fn root_error(field: &str, problem: &str) -> InputError {
    Who::root().error(field, problem)
}

fn serde_failure(e: &serde_json::Error) -> InputError {
    match e.classify() {
        serde_json::error::Category::Data => root_error(
            "(tài liệu)",
            &format!(
                "cấu trúc không đúng (dòng {}, cột {}): {e}",
                e.line(),
                e.column()
            ),
        ),
        _ => InputError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        },
    }
}

type Fields = Map<String, Value>;

fn period_from_value(value: &Value) -> Result<Period, InputError> {
    let who = Who::root();
    let obj = value
        .as_object()
        .ok_or_else(|| who.error("period", "phải là một đối tượng"))?;
    let kind = required_str(obj, "kind", &who, "period.")?;
    let start = required_date(obj, "start", &who, "period.")?;
    let end = required_date(obj, "end", &who, "period.")?;
    if start > end {
        return Err(who.error("period.end", "ngày kết thúc trước ngày bắt đầu"));
    }
    Ok(Period { kind, start, end })
}

fn officer_from_value(
    value: &Value,
    index: usize,
    seen: &mut HashSet<String>,
) -> Result<Officer, InputError> {
    let position_only = Who {
        officer: Some(format!("#{}", index + 1)),
        ..Who::root()
    };
    let obj = value
        .as_object()
        .ok_or_else(|| position_only.error("(cán bộ)", "phải là một đối tượng"))?;
    let who = Who::officer(obj.get("id").and_then(Value::as_str).unwrap_or(""), index);
    let mut officer = officer_fields(obj, &who, seen)?;
    officer.led_unit = match obj.get("led_unit") {
        None | Some(Value::Null) => None,
        Some(unit) => Some(led_unit_from_value(unit, &officer.id, &who)?),
    };
    Ok(officer)
}

/// Reads `{code, members}`; members are read like officers.
fn led_unit_from_value(value: &Value, leader: &str, who: &Who) -> Result<LedUnit, InputError> {
    let obj = value.as_object().ok_or_else(|| {
        who.error(
            "led_unit",
            "phải là một đối tượng {code, members} hoặc null",
        )
    })?;
    let code = required_str(obj, "code", who, "led_unit.")?;
    check_id(&code, who, "led_unit.code")?;
    let list = match obj.get("members") {
        Some(Value::Array(list)) => list,
        Some(_) => return Err(who.error("led_unit.members", "phải là một mảng")),
        None => return Err(who.error("led_unit.members", "thiếu trường bắt buộc")),
    };
    check_member_count(list.len(), who)?;
    let mut seen = HashSet::with_capacity(list.len());
    let mut members = Vec::with_capacity(list.len());
    for (j, item) in list.iter().enumerate() {
        let obj = item
            .as_object()
            .ok_or_else(|| who.member("", j).error("(cán bộ)", "phải là một đối tượng"))?;
        let member_who = who.member(obj.get("id").and_then(Value::as_str).unwrap_or(""), j);
        if obj.get("led_unit").is_some_and(|v| !v.is_null()) {
            return Err(member_who.error("led_unit", NESTED_LED_UNIT));
        }
        let member = officer_fields(obj, &member_who, &mut seen)?;
        not_the_leader(leader, &member.id, &member_who)?;
        members.push(member);
    }
    Ok(LedUnit { code, members })
}

/// Every field of an officer but `led_unit`; `seen` holds the ids of its siblings.
fn officer_fields(
    obj: &Fields,
    who: &Who,
    seen: &mut HashSet<String>,
) -> Result<Officer, InputError> {
    let id = required_str(obj, "id", who, "")?;
    check_id(&id, who, "id")?;
    if !seen.insert(id.clone()) {
        let problem = if who.prefix.is_empty() {
            "trùng mã cán bộ với một cán bộ khác"
        } else {
            DUPLICATE_MEMBER
        };
        return Err(who.error("id", problem));
    }
    let cohort = required_str(obj, "cohort", who, "")?;
    check_id(&cohort, who, "cohort")?;
    let criteria = match obj.get("criteria") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Object(map)) => criteria_from(map, who)?,
        Some(_) => return Err(who.error("criteria", "phải là một đối tượng điểm theo tiêu chí")),
    };
    let months = match obj.get("months") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => months_from(list, who)?,
        Some(_) => return Err(who.error("months", "phải là một mảng")),
    };
    let no_entries = Vec::new();
    let list = match obj.get("entries") {
        Some(Value::Array(list)) => list,
        Some(_) => return Err(who.error("entries", "phải là một mảng")),
        // A quarter or year scored from its months needs no entries.
        None if !months.is_empty() => &no_entries,
        None => return Err(who.error("entries", "thiếu trường bắt buộc")),
    };
    let mut entry_ids = HashSet::with_capacity(list.len());
    let mut entries = Vec::with_capacity(list.len());
    for (j, item) in list.iter().enumerate() {
        let entry = entry_from_value(item, j, who)?;
        if !entry_ids.insert(entry.id.clone()) {
            return Err(who
                .entry(&entry.id, j)
                .error("id", "trùng mã công việc trong cùng cán bộ"));
        }
        entries.push(entry);
    }
    Ok(Officer {
        id,
        name: optional_str(obj, "name", who)?,
        unit: optional_str(obj, "unit", who)?,
        position: optional_str(obj, "position", who)?,
        cohort,
        disqualified: optional_bool(obj, "disqualified", who)?.unwrap_or(false),
        criteria,
        entries: entries.into(),
        led_unit: None,
        months,
    })
}

fn months_from(list: &[Value], who: &Who) -> Result<Vec<MonthResult>, InputError> {
    if list.len() > MAX_MONTHS {
        return Err(who.error(
            "months",
            &format!("không được quá {MAX_MONTHS} tháng (nhận {})", list.len()),
        ));
    }
    let mut months = Vec::with_capacity(list.len());
    for (j, item) in list.iter().enumerate() {
        let field = |name: &str| format!("months[{}].{name}", j + 1);
        let obj = item
            .as_object()
            .ok_or_else(|| who.error(&format!("months[{}]", j + 1), "phải là một đối tượng"))?;
        let month = match obj.get("month") {
            Some(Value::String(s)) => s.clone(),
            _ => return Err(who.error(&field("month"), "phải là chuỗi dạng YYYY-MM")),
        };
        let status = match obj.get("status") {
            Some(v) => serde_json::from_value::<MonthStatus>(v.clone()).map_err(|_| {
                who.error(&field("status"), "phải là scored, not_scored hoặc missing")
            })?,
            None => return Err(who.error(&field("status"), "thiếu trường bắt buộc")),
        };
        let total = match obj.get("total") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_f64()
                    .ok_or_else(|| who.error(&field("total"), "phải là một số"))?,
            ),
        };
        let grade = match obj.get("grade") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(who.error(&field("grade"), "phải là một chuỗi")),
        };
        let components = match obj.get("components") {
            None | Some(Value::Null) => BTreeMap::new(),
            Some(Value::Object(map)) => {
                let mut out = BTreeMap::new();
                for (name, v) in map {
                    let x = v.as_f64().filter(|x| x.is_finite()).ok_or_else(|| {
                        who.error(&field(&format!("components.{name}")), "phải là một số")
                    })?;
                    out.insert(name.clone(), x);
                }
                out
            }
            Some(_) => return Err(who.error(&field("components"), "phải là một đối tượng")),
        };
        let disqualified = match obj.get("disqualified") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(who.error(&field("disqualified"), "phải là true hoặc false")),
        };
        let reason = match obj.get("reason") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(who.error(&field("reason"), "phải là một chuỗi")),
        };
        months.push(MonthResult {
            month,
            status,
            total,
            grade,
            components,
            disqualified,
            reason,
        });
    }
    check_months(&months, who)?;
    Ok(months)
}

/// Months are `YYYY-MM`, distinct, in order; a scored month has a total in
/// range and a grade, and an unscored one neither.
fn check_months(months: &[MonthResult], who: &Who) -> Result<(), InputError> {
    if months.len() > MAX_MONTHS {
        return Err(who.error(
            "months",
            &format!("không được quá {MAX_MONTHS} tháng (nhận {})", months.len()),
        ));
    }
    let mut previous: Option<&str> = None;
    for (j, m) in months.iter().enumerate() {
        let field = |name: &str| format!("months[{}].{name}", j + 1);
        if parse_date(&format!("{}-01", m.month)).is_none() || m.month.len() != 7 {
            return Err(who.error(
                &field("month"),
                &format!("tháng không hợp lệ `{}` (cần dạng YYYY-MM)", m.month),
            ));
        }
        if previous.is_some_and(|p| p >= m.month.as_str()) {
            return Err(who.error(
                &field("month"),
                "các tháng phải khác nhau và theo thứ tự thời gian",
            ));
        }
        previous = Some(&m.month);
        match m.status {
            MonthStatus::Scored => {
                let total = m
                    .total
                    .ok_or_else(|| who.error(&field("total"), "tháng đã chấm phải có tổng điểm"))?;
                check_range(total, 0.0, MAX_CRITERIA_POINTS)
                    .map_err(|p| who.error(&field("total"), &p))?;
                if m.grade.as_deref().is_none_or(|g| g.trim().is_empty()) {
                    return Err(who.error(&field("grade"), "tháng đã chấm phải có xếp loại"));
                }
            }
            MonthStatus::NotScored | MonthStatus::Missing => {
                if m.total.is_some() || m.grade.is_some() {
                    return Err(who.error(
                        &field("total"),
                        "tháng chưa chấm không được có tổng điểm hay xếp loại",
                    ));
                }
            }
        }
        if let Some(g) = &m.grade {
            id_problem(g).map_err(|p| who.error(&field("grade"), &p))?;
        }
    }
    Ok(())
}

fn criteria_from(map: &Fields, who: &Who) -> Result<BTreeMap<String, f64>, InputError> {
    let mut out = BTreeMap::new();
    for (name, value) in map {
        let field = format!("criteria.{name}");
        let points = value
            .as_f64()
            .ok_or_else(|| who.error(&field, "phải là một số"))?;
        check_range(points, 0.0, MAX_CRITERIA_POINTS).map_err(|p| who.error(&field, &p))?;
        out.insert(name.clone(), points);
    }
    Ok(out)
}

fn entry_from_value(value: &Value, index: usize, officer: &Who) -> Result<Entry, InputError> {
    let obj = value.as_object().ok_or_else(|| {
        officer
            .entry("", index)
            .error("(công việc)", "phải là một đối tượng")
    })?;
    let who = officer.entry(obj.get("id").and_then(Value::as_str).unwrap_or(""), index);
    let id = required_str(obj, "id", &who, "")?;
    check_id(&id, &who, "id")?;
    let entry = Entry {
        id: id.into(),
        date: optional_date(obj, "date", &who)?,
        task: optional_str(obj, "task", &who)?,
        norm_minutes: required_number(obj, "norm_minutes", &who)?,
        coefficient: required_number(obj, "coefficient", &who)?,
        assigned_qty: required_number(obj, "assigned_qty", &who)?,
        completed_qty: required_number(obj, "completed_qty", &who)?,
        deadline: optional_date(obj, "deadline", &who)?,
        completed_on: optional_date(obj, "completed_on", &who)?,
        quality_failures: optional_count(obj, "quality_failures", &who)?,
        delays: optional_count(obj, "delays", &who)?,
        objective_cause: optional_bool(obj, "objective_cause", &who)?.unwrap_or(false),
    };
    entry_problem(&entry).map_err(|(field, p)| who.error(field, &p))?;
    Ok(entry)
}

fn required_str(obj: &Fields, key: &str, who: &Who, prefix: &str) -> Result<String, InputError> {
    match obj.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(who.error(&format!("{prefix}{key}"), "phải là một chuỗi")),
        None => Err(who.error(&format!("{prefix}{key}"), "thiếu trường bắt buộc")),
    }
}

fn optional_str(obj: &Fields, key: &str, who: &Who) -> Result<Option<String>, InputError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(who.error(key, "phải là một chuỗi hoặc null")),
    }
}

fn optional_bool(obj: &Fields, key: &str, who: &Who) -> Result<Option<bool>, InputError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(who.error(key, "phải là true hoặc false")),
    }
}

fn required_number(obj: &Fields, key: &str, who: &Who) -> Result<f64, InputError> {
    match obj.get(key) {
        Some(Value::Number(n)) => n
            .as_f64()
            .ok_or_else(|| who.error(key, "không đọc được số")),
        Some(_) => Err(who.error(key, "phải là một số")),
        None => Err(who.error(key, "thiếu trường bắt buộc")),
    }
}

fn optional_count(obj: &Fields, key: &str, who: &Who) -> Result<u32, InputError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v <= MAX_COUNT => u32::try_from(v).map_err(|_| who.error(key, "quá lớn")),
            Some(v) => Err(who.error(key, &format!("không được vượt quá {MAX_COUNT} (nhận {v})"))),
            None => Err(who.error(key, "phải là số nguyên không âm")),
        },
        Some(_) => Err(who.error(key, "phải là số nguyên không âm")),
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn required_date(
    obj: &Fields,
    key: &str,
    who: &Who,
    prefix: &str,
) -> Result<NaiveDate, InputError> {
    let text = required_str(obj, key, who, prefix)?;
    parse_date(&text).ok_or_else(|| {
        who.error(
            &format!("{prefix}{key}"),
            &format!("ngày không hợp lệ `{text}` (cần dạng YYYY-MM-DD)"),
        )
    })
}

fn optional_date(obj: &Fields, key: &str, who: &Who) -> Result<Option<NaiveDate>, InputError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => parse_date(s).map(Some).ok_or_else(|| {
            who.error(
                key,
                &format!("ngày không hợp lệ `{s}` (cần dạng YYYY-MM-DD)"),
            )
        }),
        Some(_) => Err(who.error(key, "phải là ngày dạng YYYY-MM-DD hoặc null")),
    }
}

/// Reads the top-level object, streaming the officers.
struct DocumentVisitor<'a> {
    failure: &'a RefCell<Option<InputError>>,
}

impl<'de> Visitor<'de> for DocumentVisitor<'_> {
    type Value = (Option<Value>, Option<Vec<Officer>>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scoring input document (an object with `period` and `officers`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut period, mut officers) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "period" => period = Some(map.next_value::<Value>()?),
                "officers" => {
                    officers = Some(map.next_value_seed(OfficersSeed {
                        failure: self.failure,
                    })?)
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((period, officers))
    }
}

/// Reads the officers array one officer at a time.
struct OfficersSeed<'a> {
    failure: &'a RefCell<Option<InputError>>,
}

impl<'de> DeserializeSeed<'de> for OfficersSeed<'_> {
    type Value = Vec<Officer>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for OfficersSeed<'_> {
    type Value = Vec<Officer>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of officers")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut officers = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(100_000));
        let mut seen = HashSet::new();
        while let Some(value) = seq.next_element::<Value>()? {
            match officer_from_value(&value, officers.len(), &mut seen) {
                Ok(officer) => officers.push(officer),
                Err(e) => {
                    *self.failure.borrow_mut() = Some(e);
                    return Err(de::Error::custom("invalid officer"));
                }
            }
        }
        Ok(officers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_error(doc: &str) -> (Option<String>, Option<String>, String) {
        match ScoringInput::from_json(doc.as_bytes()) {
            Err(InputError::Field {
                officer,
                entry,
                field,
                ..
            }) => (officer, entry, field),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn reads_the_domain_sample() {
        let input = ScoringInput::sample().expect("sample parses");
        assert_eq!(input.officers.len(), 1);
        let officer = &input.officers[0];
        assert_eq!(officer.criteria.get("general"), Some(&27.5));
        assert_eq!(officer.entries[0].coefficient, 1.2);
        assert!(!officer.entries[0].completed_late());
        assert_eq!(input.validate(), Ok(()));
    }

    #[test]
    fn names_officer_entry_and_field() {
        let doc = SAMPLE_DOCUMENT.replace("\"norm_minutes\": 30", "\"norm_minutes\": \"30\"");
        assert_eq!(
            field_error(&doc),
            (
                Some("cb-0001".into()),
                Some("e-1".into()),
                "norm_minutes".into()
            )
        );
        let doc = SAMPLE_DOCUMENT.replace("\"coefficient\": 1.2,", "");
        assert_eq!(field_error(&doc).2, "coefficient");
        let doc = SAMPLE_DOCUMENT.replace("\"cohort\": \"snv:chuyen-vien\",", "");
        assert_eq!(
            field_error(&doc),
            (Some("cb-0001".into()), None, "cohort".into())
        );
        let doc = SAMPLE_DOCUMENT.replace(
            "\"deadline\": \"2025-05-07\"",
            "\"deadline\": \"07/05/2025\"",
        );
        assert_eq!(field_error(&doc).2, "deadline");
        let doc = SAMPLE_DOCUMENT.replace("\"delays\": 0", "\"delays\": -1");
        assert_eq!(field_error(&doc).2, "delays");
        let doc = SAMPLE_DOCUMENT.replace("\"general\": 27.5", "\"general\": true");
        assert_eq!(field_error(&doc).2, "criteria.general");
    }

    #[test]
    fn null_dates_and_unknown_fields_are_accepted() {
        let doc = SAMPLE_DOCUMENT
            .replace(
                "\"deadline\": \"2025-05-07\"",
                "\"deadline\": null, \"extra\": [1,2]",
            )
            .replace("\"completed_on\": \"2025-05-06\"", "\"completed_on\": null");
        let input = ScoringInput::from_json(doc.as_bytes()).expect("parses");
        assert_eq!(input.officers[0].entries[0].deadline, None);
        assert_eq!(input.officers[0].entries[0].completed_on, None);
    }

    #[test]
    fn invalid_utf8_and_syntax_are_typed() {
        let mut bytes = SAMPLE_DOCUMENT.as_bytes().to_vec();
        bytes[40] = 0xff;
        assert_eq!(
            ScoringInput::from_json(&bytes),
            Err(InputError::InvalidUtf8 { offset: 40 })
        );
        assert!(matches!(
            ScoringInput::from_json(b"{\"period\": "),
            Err(InputError::Syntax { .. })
        ));
        assert!(matches!(
            ScoringInput::from_json(b"[1, 2]"),
            Err(InputError::Field { .. })
        ));
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let doc = SAMPLE_DOCUMENT.replace(
            "\"entries\": [",
            "\"entries\": [{\"id\": \"e-1\", \"norm_minutes\": 1, \"coefficient\": 1, \"assigned_qty\": 1, \"completed_qty\": 1},",
        );
        assert_eq!(
            field_error(&doc),
            (Some("cb-0001".into()), Some("e-1".into()), "id".into())
        );
    }

    #[test]
    fn from_value_and_from_json_agree() {
        let value: Value = serde_json::from_str(SAMPLE_DOCUMENT).expect("json");
        assert_eq!(ScoringInput::from_value(&value), ScoringInput::sample());
    }

    const LEADER_DOCUMENT: &str = r#"{
      "period": { "kind": "month", "start": "2025-05-01", "end": "2025-05-31" },
      "officers": [
        { "id": "cb-lead", "cohort": "snv:lanh-dao", "criteria": { "general": 28 },
          "entries": [ { "id": "e-1", "norm_minutes": 60, "coefficient": 1, "assigned_qty": 2, "completed_qty": 2 } ],
          "led_unit": { "code": "snv/tccb", "members": [
            { "id": "cb-1", "cohort": "snv:chuyen-vien", "criteria": { "general": 25 },
              "entries": [ { "id": "e-1", "norm_minutes": 30, "coefficient": 1.2, "assigned_qty": 4, "completed_qty": 3 } ] },
            { "id": "cb-2", "cohort": "snv:chuyen-vien", "entries": [], "led_unit": null }
          ] } }
      ]
    }"#;

    fn leader_error(from: &str, to: &str) -> (Option<String>, Option<String>, String) {
        let doc = LEADER_DOCUMENT.replacen(from, to, 1);
        assert_ne!(doc, LEADER_DOCUMENT, "`{from}` not in the document");
        let value: Value = serde_json::from_str(&doc).expect("json");
        assert_eq!(
            ScoringInput::from_value(&value).err(),
            ScoringInput::from_json(doc.as_bytes()).err()
        );
        field_error(&doc)
    }

    #[test]
    fn reads_the_unit_a_leader_leads() {
        let input = ScoringInput::from_json(LEADER_DOCUMENT.as_bytes()).expect("parses");
        let unit = input.officers[0].led_unit.as_ref().expect("led unit");
        assert_eq!(unit.code, "snv/tccb");
        let ids: Vec<&str> = unit.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["cb-1", "cb-2"]);
        assert_eq!(unit.members[0].entries[0].completed_qty, 3.0);
        assert_eq!(unit.members[0].criteria.get("general"), Some(&25.0));
        assert!(unit.members.iter().all(|m| m.led_unit.is_none()));
        assert_eq!(input.validate(), Ok(()));
        let json = serde_json::to_value(&input).expect("serializes");
        assert_eq!(json["officers"][0]["led_unit"]["members"][1]["id"], "cb-2");
        assert!(json["officers"][0]["led_unit"]["members"][0]
            .get("led_unit")
            .is_none());
    }

    #[test]
    fn an_officer_without_a_unit_serializes_as_before() {
        // Stored input hashes are computed over this form: it must not change.
        let input = ScoringInput::sample().expect("sample");
        let json = serde_json::to_string(&input.officers[0]).expect("serializes");
        assert_eq!(
            json,
            r#"{"id":"cb-0001","name":"Nguyễn Văn An","unit":"snv/tccb","position":"CV-TCCB","cohort":"snv:chuyen-vien","disqualified":false,"criteria":{"general":27.5},"entries":[{"id":"e-1","date":"2025-05-05","task":"C08","norm_minutes":30.0,"coefficient":1.2,"assigned_qty":4.0,"completed_qty":4.0,"deadline":"2025-05-07","completed_on":"2025-05-06","quality_failures":0,"delays":0,"objective_cause":false}]}"#
        );
        let doc = SAMPLE_DOCUMENT.replace("\"entries\"", "\"led_unit\": null, \"entries\"");
        assert_eq!(
            ScoringInput::from_json(doc.as_bytes()),
            ScoringInput::sample()
        );
    }

    #[test]
    fn a_bad_member_is_named_under_its_leader() {
        let lead = Some("cb-lead".to_string());
        assert_eq!(
            leader_error("\"norm_minutes\": 30", "\"norm_minutes\": -30"),
            (
                lead.clone(),
                Some("e-1".into()),
                "led_unit.members[cb-1].norm_minutes".into()
            )
        );
        for (from, to, field) in [
            (
                "\"id\": \"cb-2\"",
                "\"id\": \"cb-1\"",
                "led_unit.members[cb-1].id",
            ),
            (
                "\"id\": \"cb-2\"",
                "\"id\": \"cb-lead\"",
                "led_unit.members[cb-lead].id",
            ),
            (
                "\"led_unit\": null",
                "\"led_unit\": {\"code\": \"x\", \"members\": []}",
                "led_unit.members[cb-2].led_unit",
            ),
            ("\"code\": \"snv/tccb\", ", "", "led_unit.code"),
            (
                "\"members\": [",
                "\"members\": 3, \"x\": [",
                "led_unit.members",
            ),
            (
                "{ \"id\": \"cb-2\"",
                "7, { \"id\": \"cb-2\"",
                "led_unit.members[#2].(cán bộ)",
            ),
        ] {
            assert_eq!(
                leader_error(from, to),
                (lead.clone(), None, field.to_string()),
                "{to}"
            );
        }
    }

    #[test]
    fn the_size_of_a_unit_is_bounded() {
        let member = |i: usize| format!(r#"{{"id": "m-{i}", "cohort": "c", "entries": []}}"#);
        let members: Vec<String> = (0..=MAX_LED_UNIT_MEMBERS).map(member).collect();
        let doc = LEADER_DOCUMENT.replacen(
            "\"members\": [",
            &format!("\"members\": [{}], \"x\": [", members.join(",")),
            1,
        );
        assert_eq!(field_error(&doc).2, "led_unit.members");
        let mut input = ScoringInput::from_json(LEADER_DOCUMENT.as_bytes()).expect("parses");
        if let Some(unit) = input.officers[0].led_unit.as_mut() {
            let template = unit.members[1].clone();
            unit.members = (0..=MAX_LED_UNIT_MEMBERS)
                .map(|i| Officer {
                    id: format!("m-{i}"),
                    ..template.clone()
                })
                .collect();
        }
        assert!(
            matches!(input.validate(), Err(InputError::Field { field, .. }) if field == "led_unit.members")
        );
    }

    #[test]
    fn validate_checks_the_members_of_a_unit() {
        let parsed = ScoringInput::from_json(LEADER_DOCUMENT.as_bytes()).expect("parses");
        let with = |change: &dyn Fn(&mut LedUnit)| {
            let mut input = parsed.clone();
            if let Some(unit) = input.officers[0].led_unit.as_mut() {
                change(unit);
            }
            match input.validate() {
                Err(InputError::Field { officer, field, .. }) => (officer, field),
                other => panic!("expected a field error, got {other:?}"),
            }
        };
        let lead = Some("cb-lead".to_string());
        assert_eq!(
            with(&|u| u.members[1].id = "cb-1".into()),
            (lead.clone(), "led_unit.members[cb-1].id".into())
        );
        assert_eq!(
            with(&|u| u.members[1].id = "cb-lead".into()),
            (lead.clone(), "led_unit.members[cb-lead].id".into())
        );
        assert_eq!(
            with(&|u| u.members[1].led_unit = Some(LedUnit {
                code: "x".into(),
                members: Vec::new()
            })),
            (lead.clone(), "led_unit.members[cb-2].led_unit".into())
        );
        assert_eq!(
            with(&|u| {
                u.members[0].criteria.insert("general".into(), -1.0);
            }),
            (
                lead.clone(),
                "led_unit.members[cb-1].criteria.general".into()
            )
        );
        assert_eq!(
            with(&|u| u.code = " ".into()),
            (lead, "led_unit.code".into())
        );
    }

    #[test]
    fn validate_catches_programmatic_mistakes() {
        let mut input = ScoringInput::sample().expect("sample");
        let mut entries = input.officers[0].entries.to_vec();
        entries[0].coefficient = f64::NAN;
        input.officers[0].entries = entries.into();
        assert!(
            matches!(input.validate(), Err(InputError::Field { field, .. }) if field == "coefficient")
        );
    }
    const YEAR_DOCUMENT: &str = r#"{
      "period": { "kind": "year", "start": "2025-01-01", "end": "2025-12-31" },
      "officers": [ { "id": "cb-1", "cohort": "c", "criteria": { "year_assessment": 80 },
        "months": [
          { "month": "2025-01", "status": "scored", "total": 91.5, "grade": "HTXSNV",
            "components": { "task": 64 } },
          { "month": "2025-02", "status": "missing" },
          { "month": "2025-03", "status": "not_scored", "reason": "Chưa có điểm" }
        ] } ]
    }"#;

    #[test]
    fn months_are_read_and_entries_may_be_left_out() {
        let input = ScoringInput::from_json(YEAR_DOCUMENT.as_bytes()).expect("parses");
        input.validate().expect("valid");
        let months = &input.officers[0].months;
        assert_eq!(months.len(), 3);
        assert_eq!(months[0].total, Some(91.5));
        assert_eq!(months[1].status, MonthStatus::Missing);
        assert!(input.officers[0].entries.is_empty());
        // A month document without months still needs its entries.
        let doc = YEAR_DOCUMENT.replace("\"months\"", "\"x\"");
        assert_eq!(field_error(&doc).2, "entries");
    }

    #[test]
    fn bad_months_are_named() {
        for (from, to, field) in [
            ("\"2025-02\"", "\"2025-2\"", "months[2].month"),
            ("\"2025-02\"", "\"2025-01\"", "months[2].month"),
            (
                "\"status\": \"missing\"",
                "\"status\": \"late\"",
                "months[2].status",
            ),
            ("\"total\": 91.5, ", "", "months[1].total"),
            ("\"total\": 91.5", "\"total\": -1", "months[1].total"),
            (
                "\"grade\": \"HTXSNV\"",
                "\"grade\": \"\"",
                "months[1].grade",
            ),
            (
                "\"status\": \"missing\"",
                "\"status\": \"missing\", \"total\": 3",
                "months[2].total",
            ),
            (
                "{ \"task\": 64 }",
                "{ \"task\": \"x\" }",
                "months[1].components.task",
            ),
        ] {
            let doc = YEAR_DOCUMENT.replacen(from, to, 1);
            assert_eq!(field_error(&doc).2, field, "{from} → {to}");
        }
        let mut thirteen = String::from("[");
        for k in 0..13 {
            if k > 0 {
                thirteen.push(',');
            }
            thirteen.push_str(r#"{"month": "2025-01", "status": "missing"}"#);
        }
        thirteen.push(']');
        let start = YEAR_DOCUMENT.find("[\n          {").expect("months");
        let end = YEAR_DOCUMENT.find("] } ]").expect("end");
        let doc = format!(
            "{}{}{}",
            &YEAR_DOCUMENT[..start],
            thirteen,
            &YEAR_DOCUMENT[end + 1..]
        );
        assert_eq!(field_error(&doc).2, "months");
    }

    #[test]
    fn months_outside_the_period_are_refused() {
        let doc = YEAR_DOCUMENT.replace("\"start\": \"2025-01-01\"", "\"start\": \"2025-02-01\"");
        let input = ScoringInput::from_json(doc.as_bytes()).expect("parses");
        match input.validate() {
            Err(InputError::Field { field, .. }) => assert_eq!(field, "months[1].month"),
            other => panic!("expected a field error, got {other:?}"),
        }
    }
}
