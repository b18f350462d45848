//! Messages with data: a refusal that names a record, a state or a code. A service returns
//! a [`Notice`] (inside `AppError::Notice`); the page renders it in the reader's language
//! with [`Notice::render`]. Fixed texts stay [`Msg`]s; this is for the ones that carry a value.

use serde::{Deserialize, Serialize};

use super::{format_number, Locale, Msg};
use crate::models::{AppealStatus, EntryStatus, JdStatus, JobStatus, PeriodStatus, RuleStatus};

/// What a user asked to do with a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Act {
    Submit,
    Edit,
    Delete,
    Approve,
    Return,
    Reject,
    MapToCatalog,
    RecordFindings,
    Activate,
    Retire,
    Simulate,
    Rescore,
    Publish,
    Answer,
    Cancel,
    Reopen,
}

impl Act {
    fn text(self, locale: Locale) -> &'static str {
        let (vi, en) = match self {
            Act::Submit => ("gửi", "submit"),
            Act::Edit => ("sửa", "edit"),
            Act::Delete => ("xóa", "delete"),
            Act::Approve => ("phê duyệt", "approve"),
            Act::Return => ("trả lại", "return"),
            Act::Reject => ("từ chối", "reject"),
            Act::MapToCatalog => ("gán danh mục cho", "map to the catalog"),
            Act::RecordFindings => (
                "ghi nhận kết quả kiểm tra cho",
                "record review findings for",
            ),
            Act::Activate => ("áp dụng", "activate"),
            Act::Retire => ("ngừng áp dụng", "retire"),
            Act::Simulate => ("chạy thử", "simulate"),
            Act::Rescore => ("chấm lại", "re-score"),
            Act::Publish => ("công bố", "publish"),
            Act::Answer => ("trả lời", "answer"),
            Act::Cancel => ("hủy", "cancel"),
            Act::Reopen => ("mở lại", "reopen"),
        };
        pick(locale, vi, en)
    }
}

/// The record a refusal is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Record {
    /// A work-log entry.
    Entry,
    /// A job description version, by number.
    JobDescription(i32),
    /// A formula version, by number.
    RuleVersion(i32),
    /// A period, by code.
    Period(String),
    Appeal,
    /// A background job, by number.
    Job(i32),
}

impl Record {
    fn text(&self, locale: Locale) -> String {
        match (self, locale) {
            (Record::Entry, Locale::Vi) => "mục nhật ký".into(),
            (Record::Entry, Locale::En) => "the log entry".into(),
            (Record::JobDescription(n), Locale::Vi) => format!("bản mô tả công việc phiên bản {n}"),
            (Record::JobDescription(n), Locale::En) => format!("job description version {n}"),
            (Record::RuleVersion(n), Locale::Vi) => format!("công thức phiên bản {n}"),
            (Record::RuleVersion(n), Locale::En) => format!("formula version {n}"),
            (Record::Period(code), Locale::Vi) => format!("kỳ {code}"),
            (Record::Period(code), Locale::En) => format!("period {code}"),
            (Record::Appeal, Locale::Vi) => "kiến nghị".into(),
            (Record::Appeal, Locale::En) => "the appeal".into(),
            (Record::Job(n), Locale::Vi) => format!("công việc nền #{n}"),
            (Record::Job(n), Locale::En) => format!("background job #{n}"),
        }
    }
}

/// A record's state, as its own enum (translated through [`State::label`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    Entry(EntryStatus),
    JobDescription(JdStatus),
    Rule(RuleStatus),
    Period(PeriodStatus),
    Appeal(AppealStatus),
    Job(JobStatus),
}

impl State {
    /// The state's name as the pages show it.
    pub fn label(self) -> Msg {
        match self {
            State::Entry(s) => s.label(),
            State::JobDescription(s) => s.label(),
            State::Rule(s) => s.label(),
            State::Period(s) => s.label(),
            State::Appeal(s) => s.label(),
            State::Job(s) => s.label(),
        }
    }
}

impl From<JobStatus> for State {
    fn from(s: JobStatus) -> State {
        State::Job(s)
    }
}
impl From<EntryStatus> for State {
    fn from(s: EntryStatus) -> State {
        State::Entry(s)
    }
}
impl From<JdStatus> for State {
    fn from(s: JdStatus) -> State {
        State::JobDescription(s)
    }
}
impl From<RuleStatus> for State {
    fn from(s: RuleStatus) -> State {
        State::Rule(s)
    }
}
impl From<PeriodStatus> for State {
    fn from(s: PeriodStatus) -> State {
        State::Period(s)
    }
}
impl From<AppealStatus> for State {
    fn from(s: AppealStatus) -> State {
        State::Appeal(s)
    }
}

/// A message with data, rendered in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// `act` is not possible on `record` in its `state`.
    StateRefused {
        act: Act,
        record: Record,
        state: State,
    },
    /// A text that is not a period code.
    BadPeriodCode { text: String },
    /// No period has this code.
    NoSuchPeriod { code: String },
    /// No unit has this code.
    NoSuchUnit { code: String },
    /// No formula is in force for a period and position.
    NoFormula {
        period: String,
        position: Option<String>,
    },
    /// A formula failed while scoring (its message as the engine gave it).
    FormulaFailed { version_no: i32, error: String },
    /// Off-catalog work cannot be approved before it is mapped to the catalog.
    OffCatalogNotMapped { entry: i64 },
    /// Findings are corrected only on an approved (or locked) entry.
    FindingsNeedApprovedEntry { state: State },
    /// A text longer than the limit, in characters.
    TextTooLong { limit: u32 },
    /// General-criteria points outside 0..=max.
    GeneralPointsRange { max: i32 },
    /// Entries of the unit's period still wait for review.
    EntriesAwaitReview { count: u32 },
    /// Officers of the unit without a score for the period.
    OfficersNotScored { count: u32 },
    /// Scores computed before the latest change of entries or points.
    ScoresStale { count: u32 },
    /// Appeals still waiting for an answer.
    AppealsUnanswered { count: u32 },
    /// A formula's script does not compile (the compiler's message).
    ScriptDoesNotCompile { error: String },
    /// A version cannot be submitted while these test cases fail.
    TestCasesFailed { cases: Vec<String> },
    /// A stored `params.json` that does not parse.
    BadParamsFile { error: String },
    /// A stored `cases.json` that does not parse.
    BadCasesFile { error: String },
    /// Every problem of a form at once, in order.
    FormProblems { problems: Vec<Notice> },
    /// A form names a parameter the formula does not have.
    NoSuchParam { name: String },
    /// A parameter value that is not a number (a whole number when `integer`).
    ParamNotANumber {
        label: String,
        label_en: String,
        text: String,
        integer: bool,
    },
    /// A parameter value outside its range (the bounds as written).
    ParamOutOfRange {
        label: String,
        label_en: String,
        min: String,
        max: String,
    },
    /// A form names an expected result a test case does not have (both 1-based).
    NoSuchExpectation { case: u32, index: u32 },
    /// An expected total that is not a number.
    CaseTotalNotANumber { case: u32, text: String },
    /// An expected component that is not `name = number`.
    CaseBadComponent { case: u32, text: String },
    /// The officer is not scored in the period at all.
    OfficerNotScoredInPeriod { officer: String, period: String },
    /// The officer's position has a formula of its own.
    FormulaNotForOfficer { officer: String },
    /// The period is published (or approved as a whole): reopen it first.
    PeriodPublishedLocked { code: String },
    /// An agency cannot be closed while these units' results are not all approved.
    UnitsNotApproved { units: Vec<String> },
    /// The period cannot be published while these agencies are not closed.
    AgenciesNotClosed { agencies: Vec<String> },
    /// A unit cannot be reopened while its agency is closed.
    AgencyClosedForUnit { agency: String },
    /// The officer's result for the month is approved: its entries are closed.
    MonthApprovedForEntries { period: String },
    /// A formula cannot take effect in a period already approved or published.
    PeriodClosedForActivation { code: String },
    /// A catalog row (1-based) whose task code is empty or too long.
    CatalogCodeBad { row: u32 },
    /// A catalog row whose task code another row has.
    CatalogCodeDuplicate { row: u32, code: String },
    /// A catalog row whose group is not A, B, C or D.
    CatalogGroupBad { row: u32 },
    /// A catalog row without a task name.
    CatalogNameEmpty { row: u32 },
    /// A catalog row without a unit of measure.
    CatalogUnitEmpty { row: u32 },
    /// A catalog row whose time norm is not a positive number of minutes.
    CatalogNormBad { row: u32 },
    /// A catalog row whose complexity level is not 1, 2 or 3.
    CatalogLevelBad { row: u32 },
    /// A catalog row whose complexity coefficient is not in (0, 5].
    CatalogCoefficientBad { row: u32 },
    /// The position already has an open job description version.
    OpenVersionExists { version_no: i32 },
    /// The bad lines (1-based) of an imported table, with the reader's message for each.
    ImportLinesRefused {
        lines: Vec<(u32, crate::models::LineProblem)>,
    },
    /// No boundary case could be proposed (the engine's reason, in Vietnamese).
    BoundaryFailed { error: String },
    /// Another unit already has this code (compared without case).
    UnitCodeTaken { code: String },
    /// Another position already has this code (compared without case).
    PositionCodeTaken { code: String },
    /// A unit closed from `closed_on` takes no new person, head or sub-unit.
    UnitClosed {
        code: String,
        closed_on: chrono::NaiveDate,
    },
    /// A unit cannot close while active people work in it or sub-units stay open.
    UnitStillInUse { members: u32, open_units: u32 },
    /// A notice as the browser reads it off the wire: the server rendered it in both
    /// languages ([`wire`]). The server never makes one.
    Rendered { vi: String, en: String },
}

impl Notice {
    pub fn render(&self, locale: Locale) -> String {
        let vi = locale == Locale::Vi;
        match self {
            Notice::Rendered { vi: text, .. } if vi => text.clone(),
            Notice::Rendered { en: text, .. } => text.clone(),
            Notice::StateRefused { act, record, state } => {
                let state = locale.t(state.label());
                if vi {
                    format!(
                        "Không thể {} {} đang ở trạng thái \u{201c}{state}\u{201d}.",
                        act.text(locale),
                        record.text(locale)
                    )
                } else {
                    format!(
                        "Cannot {} {}: it is \u{201c}{state}\u{201d}.",
                        act.text(locale),
                        record.text(locale)
                    )
                }
            }
            Notice::BadPeriodCode { text } if vi => format!(
                "Kỳ \u{201c}{text}\u{201d} không hợp lệ: dùng dạng 2025-05 (tháng), 2025-Q2 (quý) hoặc 2025 (năm)."
            ),
            Notice::BadPeriodCode { text } => format!(
                "\u{201c}{text}\u{201d} is not a period: write 2025-05 (a month), 2025-Q2 (a quarter) or 2025 (a year)."
            ),
            Notice::PeriodPublishedLocked { code } if vi => format!(
                "Kết quả {} đã được công bố: Ban Chỉ đạo phải mở lại kỳ trước.",
                super::format_period(locale, code)
            ),
            Notice::PeriodPublishedLocked { code } => format!(
                "The results of {} are published: the Steering Committee must reopen the period first.",
                super::format_period(locale, code)
            ),
            Notice::UnitsNotApproved { units } if vi => format!(
                "Chưa thể chốt cơ quan: {} đơn vị chưa phê duyệt xong kết quả ({}).",
                units.len(),
                units.join(", ")
            ),
            Notice::UnitsNotApproved { units } => format!(
                "The agency cannot be closed yet: {} {} not approved all results ({}).",
                units.len(),
                if units.len() == 1 { "unit has" } else { "units have" },
                units.join(", ")
            ),
            Notice::AgenciesNotClosed { agencies } if vi => format!(
                "Chưa thể công bố: {} cơ quan chưa chốt kỳ ({}).",
                agencies.len(),
                agencies.join(", ")
            ),
            Notice::AgenciesNotClosed { agencies } => format!(
                "The period cannot be published yet: {} {} not closed ({}).",
                agencies.len(),
                if agencies.len() == 1 { "agency is" } else { "agencies are" },
                agencies.join(", ")
            ),
            Notice::AgencyClosedForUnit { agency } if vi => format!(
                "{agency} đã chốt kỳ này: Giám đốc phải mở lại cơ quan trước khi mở lại đơn vị."
            ),
            Notice::AgencyClosedForUnit { agency } => format!(
                "{agency} has closed this period: its director must reopen the agency before the unit."
            ),
            Notice::MonthApprovedForEntries { period } if vi => format!(
                "Kết quả {} của cán bộ đã được phê duyệt: không thêm, sửa hay gửi nhật ký của tháng này. Hãy đề nghị lãnh đạo đơn vị mở lại kỳ.",
                super::format_period(locale, period)
            ),
            Notice::MonthApprovedForEntries { period } => format!(
                "The officer's result for {} is approved: entries of that month can no longer be added, changed or submitted. Ask the head of unit to reopen the period.",
                super::format_period(locale, period)
            ),
            Notice::NoSuchPeriod { code } if vi => format!("Không có kỳ đánh giá \u{201c}{code}\u{201d}."),
            Notice::NoSuchPeriod { code } => format!("There is no period \u{201c}{code}\u{201d}."),
            Notice::NoSuchUnit { code } if vi => format!("Không có đơn vị mã \u{201c}{code}\u{201d}."),
            Notice::NoSuchUnit { code } => format!("There is no unit with code \u{201c}{code}\u{201d}."),
            Notice::NoFormula { period, position } if vi => format!(
                "Không có công thức nào đang áp dụng cho kỳ {period} (vị trí {}).",
                position.as_deref().unwrap_or("—")
            ),
            Notice::NoFormula { period, position } => format!(
                "No formula is in force for period {period} (position {}).",
                position.as_deref().unwrap_or("—")
            ),
            Notice::FormulaFailed { version_no, error } if vi => {
                format!("Công thức phiên bản {version_no} báo lỗi: {error}")
            }
            Notice::FormulaFailed { version_no, error } => {
                format!("Formula version {version_no} failed: {error}")
            }
            Notice::OffCatalogNotMapped { entry } if vi => format!(
                "Mục {entry} là việc ngoài danh mục: hãy gán vào một công việc trong danh mục hoặc trả lại."
            ),
            Notice::OffCatalogNotMapped { entry } => format!(
                "Entry {entry} is work outside the catalog: map it to a catalog task or return it."
            ),
            Notice::FindingsNeedApprovedEntry { state } if vi => format!(
                "Chỉ sửa kết quả kiểm tra của mục đã duyệt; mục này đang ở trạng thái \"{}\".",
                locale.t(state.label())
            ),
            Notice::FindingsNeedApprovedEntry { state } => format!(
                "Only the review findings of an approved entry can be corrected; this entry is \"{}\".",
                locale.t(state.label())
            ),
            Notice::TextTooLong { limit } if vi => format!("Nội dung dài quá {limit} ký tự."),
            Notice::TextTooLong { limit } => {
                format!("The text is longer than {limit} characters.")
            }
            Notice::GeneralPointsRange { max } if vi => format!(
                "Điểm tiêu chí chung phải từ 0 đến {}.",
                format_number(locale, f64::from(*max), 0)
            ),
            Notice::GeneralPointsRange { max } => format!(
                "The general-criteria points must be between 0 and {}.",
                format_number(locale, f64::from(*max), 0)
            ),
            Notice::EntriesAwaitReview { count } if vi => {
                format!("Còn {count} mục nhật ký chờ duyệt: hãy duyệt hoặc trả lại trước.")
            }
            Notice::EntriesAwaitReview { count: 1 } => {
                "1 log entry still awaits review: approve or return it first.".into()
            }
            Notice::EntriesAwaitReview { count } => format!(
                "{count} log entries still await review: approve or return them first."
            ),
            Notice::OfficersNotScored { count } if vi => {
                format!("{count} cán bộ chưa có kết quả của kỳ: hãy tính điểm trước.")
            }
            Notice::OfficersNotScored { count: 1 } => {
                "1 officer has no result for the period yet: compute the scores first.".into()
            }
            Notice::OfficersNotScored { count } => format!(
                "{count} officers have no result for the period yet: compute the scores first."
            ),
            Notice::ScoresStale { count } if vi => format!(
                "Kết quả của {count} cán bộ được tính trước lần sửa nhật ký hoặc điểm gần nhất: hãy tính điểm lại."
            ),
            Notice::ScoresStale { count: 1 } => "The result of 1 officer was computed before the latest change to the log or the points: compute the scores again.".into(),
            Notice::ScoresStale { count } => format!(
                "The results of {count} officers were computed before the latest change to the log or the points: compute the scores again."
            ),
            Notice::AppealsUnanswered { count } if vi => {
                format!("Còn {count} khiếu nại chưa được trả lời.")
            }
            Notice::AppealsUnanswered { count: 1 } => "1 appeal still awaits an answer.".into(),
            Notice::AppealsUnanswered { count } => {
                format!("{count} appeals still await an answer.")
            }
            Notice::ScriptDoesNotCompile { error } if vi => {
                format!("Kịch bản không biên dịch được: {error}")
            }
            Notice::ScriptDoesNotCompile { error } => {
                format!("The script does not compile: {error}")
            }
            Notice::TestCasesFailed { cases } if vi => format!(
                "Không thể gửi phê duyệt: {} ca kiểm thử không đạt ({}).",
                cases.len(),
                cases.join(", ")
            ),
            Notice::TestCasesFailed { cases } => format!(
                "Cannot submit for approval: {} test {} failed ({}).",
                cases.len(),
                if cases.len() == 1 { "case" } else { "cases" },
                cases.join(", ")
            ),
            Notice::BadParamsFile { error } if vi => format!("Tệp tham số không hợp lệ: {error}"),
            Notice::BadParamsFile { error } => {
                format!("The parameters file is not valid: {error}")
            }
            Notice::BadCasesFile { error } if vi => {
                format!("Tệp ca kiểm thử không hợp lệ: {error}")
            }
            Notice::BadCasesFile { error } => format!("The test cases file is not valid: {error}"),
            Notice::FormProblems { problems } => problems
                .iter()
                .map(|p| p.render(locale))
                .collect::<Vec<_>>()
                .join(" "),
            Notice::NoSuchParam { name } if vi => format!("Không có tham số \"{name}\"."),
            Notice::NoSuchParam { name } => format!("There is no parameter \"{name}\"."),
            Notice::ParamNotANumber {
                label,
                text,
                integer,
                ..
            } if vi => format!(
                "Tham số \"{label}\": \"{text}\" không phải {}.",
                if *integer { "số nguyên" } else { "số" }
            ),
            Notice::ParamNotANumber {
                label,
                label_en,
                text,
                integer,
            } => format!(
                "Parameter \"{}\": \"{text}\" is not {}.",
                english_label(label, label_en),
                if *integer { "a whole number" } else { "a number" }
            ),
            Notice::ParamOutOfRange {
                label, min, max, ..
            } if vi => format!("Tham số \"{label}\" phải từ {min} đến {max}."),
            Notice::ParamOutOfRange {
                label,
                label_en,
                min,
                max,
            } => format!(
                "Parameter \"{}\" must be between {min} and {max}.",
                english_label(label, label_en)
            ),
            Notice::NoSuchExpectation { case, index } if vi => {
                format!("Không có kết quả mong đợi số {index} của ca {case}.")
            }
            Notice::NoSuchExpectation { case, index } => {
                format!("Case {case} has no expected result number {index}.")
            }
            Notice::CaseTotalNotANumber { case, text } if vi => {
                format!("Ca {case}: tổng điểm \"{text}\" không phải số.")
            }
            Notice::CaseTotalNotANumber { case, text } => {
                format!("Case {case}: the total \"{text}\" is not a number.")
            }
            Notice::CaseBadComponent { case, text } if vi => {
                format!("Ca {case}: thành phần \"{text}\" phải có dạng tên = số.")
            }
            Notice::CaseBadComponent { case, text } => format!(
                "Case {case}: the component \"{text}\" must be written as name = number."
            ),
            Notice::OfficerNotScoredInPeriod { officer, period } if vi => format!(
                "{officer} không được chấm trong kỳ {period} (không phải công chức đang làm việc)."
            ),
            Notice::OfficerNotScoredInPeriod { officer, period } => format!(
                "{officer} is not scored in period {period} (not a serving civil servant)."
            ),
            Notice::FormulaNotForOfficer { officer } if vi => format!(
                "Công thức này không áp dụng cho {officer}: vị trí của cán bộ có công thức riêng."
            ),
            Notice::FormulaNotForOfficer { officer } => format!(
                "This formula does not apply to {officer}: the officer's position has a formula of its own."
            ),
            Notice::PeriodClosedForActivation { code } if vi => format!(
                "Kỳ {code} đã được phê duyệt hoặc công bố: chỉ áp dụng được từ sau kỳ đó."
            ),
            Notice::PeriodClosedForActivation { code } => format!(
                "Period {code} is already approved or published: the formula can only take effect after it."
            ),
            Notice::CatalogCodeBad { row } if vi => {
                format!("Dòng {row}: mã công việc trống hoặc dài quá 32 ký tự.")
            }
            Notice::CatalogCodeBad { row } => {
                format!("Row {row}: the task code is empty or longer than 32 characters.")
            }
            Notice::CatalogCodeDuplicate { row, code } if vi => {
                format!("Dòng {row}: mã công việc \"{code}\" bị trùng.")
            }
            Notice::CatalogCodeDuplicate { row, code } => {
                format!("Row {row}: the task code \"{code}\" is already used by another row.")
            }
            Notice::CatalogGroupBad { row } if vi => {
                format!("Dòng {row}: nhóm phải là A, B, C hoặc D.")
            }
            Notice::CatalogGroupBad { row } => {
                format!("Row {row}: the group must be A, B, C or D.")
            }
            Notice::CatalogNameEmpty { row } if vi => {
                format!("Dòng {row}: tên công việc không được để trống.")
            }
            Notice::CatalogNameEmpty { row } => {
                format!("Row {row}: the task name cannot be empty.")
            }
            Notice::CatalogUnitEmpty { row } if vi => {
                format!("Dòng {row}: đơn vị tính không được để trống.")
            }
            Notice::CatalogUnitEmpty { row } => {
                format!("Row {row}: the unit of measure cannot be empty.")
            }
            Notice::CatalogNormBad { row } if vi => {
                format!("Dòng {row}: định mức thời gian phải là số phút lớn hơn 0.")
            }
            Notice::CatalogNormBad { row } => {
                format!("Row {row}: the time norm must be a number of minutes greater than 0.")
            }
            Notice::CatalogLevelBad { row } if vi => {
                format!("Dòng {row}: mức độ phức tạp phải là 1, 2 hoặc 3.")
            }
            Notice::CatalogLevelBad { row } => {
                format!("Row {row}: the complexity level must be 1, 2 or 3.")
            }
            Notice::CatalogCoefficientBad { row } if vi => {
                format!("Dòng {row}: hệ số phức tạp phải lớn hơn 0 và không quá 5.")
            }
            Notice::CatalogCoefficientBad { row } => format!(
                "Row {row}: the complexity coefficient must be greater than 0 and at most 5."
            ),
            Notice::OpenVersionExists { version_no } if vi => {
                format!("Vị trí này đã có phiên bản {version_no} đang soạn hoặc chờ duyệt.")
            }
            Notice::OpenVersionExists { version_no } => format!(
                "This position already has version {version_no} in draft or awaiting approval."
            ),
            Notice::BoundaryFailed { error } if vi => {
                format!("Không đề xuất được ca kiểm thử ranh giới: {error}")
            }
            Notice::BoundaryFailed { error } => {
                format!("No boundary case could be proposed: {error}")
            }
            Notice::UnitCodeTaken { code } if vi => {
                format!("Mã đơn vị \u{201c}{code}\u{201d} đã được dùng: mỗi đơn vị một mã riêng.")
            }
            Notice::UnitCodeTaken { code } => {
                format!("The unit code \u{201c}{code}\u{201d} is already used: each unit has its own.")
            }
            Notice::PositionCodeTaken { code } if vi => format!(
                "Mã vị trí việc làm \u{201c}{code}\u{201d} đã được dùng: mỗi vị trí một mã riêng."
            ),
            Notice::PositionCodeTaken { code } => format!(
                "The position code \u{201c}{code}\u{201d} is already used: each position has its own."
            ),
            Notice::UnitClosed { code, closed_on } if vi => format!(
                "Đơn vị \u{201c}{code}\u{201d} đã giải thể từ ngày {}: không thêm được người, trưởng đơn vị hay đơn vị trực thuộc vào đó.",
                super::format_date(locale, *closed_on)
            ),
            Notice::UnitClosed { code, closed_on } => format!(
                "The unit \u{201c}{code}\u{201d} is closed since {}: no person, head or sub-unit can be added to it.",
                super::format_date(locale, *closed_on)
            ),
            Notice::UnitStillInUse {
                members,
                open_units,
            } if vi => format!(
                "Chưa giải thể được: đơn vị còn {members} người đang làm việc và {open_units} đơn vị trực thuộc chưa giải thể. Hãy chuyển người sang đơn vị khác và giải thể (hoặc chuyển đi) các đơn vị trực thuộc trước."
            ),
            Notice::UnitStillInUse {
                members,
                open_units,
            } => format!(
                "The unit cannot close yet: {members} {} still {} in it and {open_units} {} still open. Move the people to another unit and close (or move) the sub-units first.",
                if *members == 1 { "person" } else { "people" },
                if *members == 1 { "works" } else { "work" },
                if *open_units == 1 { "sub-unit is" } else { "sub-units are" },
            ),
            Notice::ImportLinesRefused { lines } => lines
                .iter()
                .map(|(n, e)| {
                    use crate::models::LineProblem as P;
                    match (e, vi) {
                        (P::TooFewColumns { found: 0 }, true) => format!(
                            "Dòng {n}: cần ít nhất 6 cột ({}).",
                            crate::models::CATALOG_COLUMNS[..6].join(", ")
                        ),
                        (P::TooFewColumns { found: 0 }, false) => format!(
                            "Line {n}: at least 6 columns are needed (code, group, task, unit, norm in minutes, complexity)."
                        ),
                        (P::TooFewColumns { found }, true) => format!(
                            "Dòng {n}: cần ít nhất 6 cột ({}), có {found}.",
                            crate::models::CATALOG_COLUMNS[..6].join(", ")
                        ),
                        (P::TooFewColumns { found }, false) => format!(
                            "Line {n}: at least 6 columns are needed (code, group, task, unit, norm in minutes, complexity), found {found}."
                        ),
                        (P::BadNorm(t), true) if t.is_empty() => {
                            format!("Dòng {n}: định mức (phút) không phải là số.")
                        }
                        (P::BadNorm(t), false) if t.is_empty() => {
                            format!("Line {n}: the norm (minutes) is not a number.")
                        }
                        (P::BadLevel(t), true) if t.is_empty() => {
                            format!("Dòng {n}: mức độ phức tạp phải là 1, 2 hoặc 3.")
                        }
                        (P::BadLevel(t), false) if t.is_empty() => {
                            format!("Line {n}: the complexity level must be 1, 2 or 3.")
                        }
                        (P::BadNorm(t), true) => {
                            format!("Dòng {n}: định mức \u{201c}{t}\u{201d} không phải là số.")
                        }
                        (P::BadNorm(t), false) => {
                            format!("Line {n}: the norm \u{201c}{t}\u{201d} is not a number.")
                        }
                        (P::BadLevel(t), true) => format!(
                            "Dòng {n}: mức độ phức tạp \u{201c}{t}\u{201d} phải là 1, 2 hoặc 3."
                        ),
                        (P::BadLevel(t), false) => format!(
                            "Line {n}: the complexity \u{201c}{t}\u{201d} must be 1, 2 or 3."
                        ),
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

impl Notice {
    /// The text of a notice the server rendered ([`Notice::Rendered`]), in `locale`.
    pub fn rendered(&self, locale: Locale) -> Option<&str> {
        match self {
            Notice::Rendered { vi, en } => Some(if locale == Locale::Vi { vi } else { en }),
            _ => None,
        }
    }
}

/// A notice as it crosses the wire in a refusal (`AppError::Notice`): the notice itself and
/// its text in both languages, `{"notice":…,"vi":…,"en":…}`. The server reads the notice
/// back; the browser keeps the texts ([`Notice::Rendered`]), so that its code holds neither
/// the notices' texts nor [`Notice::render`] (the browser's main wasm carried both for the
/// error a form may show).
pub mod wire {
    use super::{Locale, Notice};
    use serde::{Deserialize, Serialize};

    pub fn serialize<S: serde::Serializer>(notice: &Notice, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct OnWire<'a> {
            notice: &'a Notice,
            vi: String,
            en: String,
        }
        OnWire {
            notice,
            vi: notice.render(Locale::Vi),
            en: notice.render(Locale::En),
        }
        .serialize(s)
    }

    #[cfg(any(feature = "ssr", not(feature = "hydrate")))]
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Notice, D::Error> {
        #[derive(Deserialize)]
        struct OnWire {
            notice: Notice,
        }
        OnWire::deserialize(d).map(|w| w.notice)
    }

    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Notice, D::Error> {
        read_in_browser(d)
    }

    /// What the browser reads: the texts only (compiled for the tests too).
    #[cfg(any(all(feature = "hydrate", not(feature = "ssr")), test))]
    fn read_in_browser<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Notice, D::Error> {
        #[derive(Deserialize)]
        struct OnWire {
            vi: String,
            en: String,
        }
        OnWire::deserialize(d).map(|w| Notice::Rendered { vi: w.vi, en: w.en })
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::error::AppError;

        #[test]
        fn a_notice_carries_its_texts_and_the_server_reads_it_back() {
            let notice = Notice::TextTooLong { limit: 500 };
            let refusal = AppError::notice("note", notice.clone());
            let json = serde_json::to_string(&refusal).unwrap();
            assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), refusal);
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            let on_wire = &value["Notice"]["notice"];
            assert_eq!(on_wire["vi"], notice.render(Locale::Vi));
            assert_eq!(on_wire["en"], notice.render(Locale::En));
            let in_browser = read_in_browser(on_wire).unwrap();
            for locale in Locale::ALL {
                assert_eq!(in_browser.render(locale), notice.render(locale));
                assert_eq!(in_browser.rendered(locale), Some(&*notice.render(locale)));
            }
            assert_eq!(notice.rendered(Locale::Vi), None);
        }
    }
}

/// A parameter's English label, or its Vietnamese one when it has none.
fn english_label<'a>(label: &'a str, label_en: &'a str) -> &'a str {
    if label_en.trim().is_empty() {
        label
    } else {
        label_en
    }
}

fn pick(locale: Locale, vi: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Vi => vi,
        Locale::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_transition_reads_in_each_language() {
        let n = Notice::StateRefused {
            act: Act::Edit,
            record: Record::Entry,
            state: EntryStatus::Submitted.into(),
        };
        assert_eq!(
            n.render(Locale::Vi),
            "Không thể sửa mục nhật ký đang ở trạng thái \u{201c}Đã gửi\u{201d}."
        );
        assert_eq!(
            n.render(Locale::En),
            "Cannot edit the log entry: it is \u{201c}Submitted\u{201d}."
        );
    }

    /// Every state of every record has a label in both languages, and no English text
    /// of a notice is Vietnamese.
    #[test]
    fn every_state_has_both_labels() {
        let states: Vec<State> = EntryStatus::ALL
            .iter()
            .map(|s| State::from(*s))
            .chain(JdStatus::ALL.iter().map(|s| State::from(*s)))
            .chain(RuleStatus::ALL.iter().map(|s| State::from(*s)))
            .chain(PeriodStatus::ALL.iter().map(|s| State::from(*s)))
            .chain(AppealStatus::ALL.iter().map(|s| State::from(*s)))
            .collect();
        for s in states {
            let (vi, en) = s.label().text();
            assert!(!vi.is_empty() && !en.is_empty(), "{s:?}");
            assert!(en.is_ascii(), "{s:?}: {en}");
        }
    }

    /// Every refusal from the services reads in English without Vietnamese letters.
    #[test]
    fn service_refusals_have_english_texts() {
        const VIETNAMESE: &str = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
        let param = |integer| Notice::ParamNotANumber {
            label: "Trọng số".into(),
            label_en: "Weight".into(),
            text: "abc".into(),
            integer,
        };
        let samples = vec![
            Notice::OffCatalogNotMapped { entry: 42 },
            Notice::FindingsNeedApprovedEntry {
                state: EntryStatus::Draft.into(),
            },
            Notice::TextTooLong { limit: 2000 },
            Notice::GeneralPointsRange { max: 30 },
            Notice::EntriesAwaitReview { count: 1 },
            Notice::EntriesAwaitReview { count: 3 },
            Notice::OfficersNotScored { count: 1 },
            Notice::OfficersNotScored { count: 2 },
            Notice::ScoresStale { count: 1 },
            Notice::ScoresStale { count: 5 },
            Notice::AppealsUnanswered { count: 1 },
            Notice::AppealsUnanswered { count: 4 },
            Notice::ScriptDoesNotCompile {
                error: "line 2: unexpected end".into(),
            },
            Notice::TestCasesFailed {
                cases: vec!["a".into()],
            },
            Notice::TestCasesFailed {
                cases: vec!["a".into(), "b".into()],
            },
            Notice::BadParamsFile {
                error: "EOF while parsing".into(),
            },
            Notice::BadCasesFile {
                error: "EOF while parsing".into(),
            },
            Notice::FormProblems {
                problems: vec![Notice::NoSuchParam { name: "x".into() }, param(true)],
            },
            Notice::NoSuchParam { name: "x".into() },
            param(true),
            param(false),
            Notice::ParamOutOfRange {
                label: "Trọng số".into(),
                label_en: "Weight".into(),
                min: "0".into(),
                max: "10".into(),
            },
            Notice::NoSuchExpectation { case: 1, index: 2 },
            Notice::CaseTotalNotANumber {
                case: 1,
                text: "abc".into(),
            },
            Notice::CaseBadComponent {
                case: 1,
                text: "a 1".into(),
            },
            Notice::OfficerNotScoredInPeriod {
                officer: "An Nguyen".into(),
                period: "2025-05".into(),
            },
            Notice::FormulaNotForOfficer {
                officer: "An Nguyen".into(),
            },
            Notice::PeriodClosedForActivation {
                code: "2026-09".into(),
            },
            Notice::PeriodPublishedLocked {
                code: "2026-09".into(),
            },
            Notice::UnitsNotApproved {
                units: vec!["Phong A".into()],
            },
            Notice::UnitsNotApproved {
                units: vec!["Phong A".into(), "Phong B".into()],
            },
            Notice::AgenciesNotClosed {
                agencies: vec!["So A".into()],
            },
            Notice::AgencyClosedForUnit {
                agency: "So A".into(),
            },
            Notice::MonthApprovedForEntries {
                period: "2026-09".into(),
            },
            Notice::CatalogCodeBad { row: 1 },
            Notice::CatalogCodeDuplicate {
                row: 2,
                code: "C08".into(),
            },
            Notice::CatalogGroupBad { row: 1 },
            Notice::CatalogNameEmpty { row: 1 },
            Notice::CatalogUnitEmpty { row: 1 },
            Notice::CatalogNormBad { row: 1 },
            Notice::CatalogLevelBad { row: 1 },
            Notice::CatalogCoefficientBad { row: 1 },
            Notice::OpenVersionExists { version_no: 3 },
            Notice::UnitCodeTaken {
                code: "snv/tccb".into(),
            },
            Notice::PositionCodeTaken {
                code: "CV-TH".into(),
            },
            Notice::UnitClosed {
                code: "snv/tccb".into(),
                closed_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            },
            Notice::UnitStillInUse {
                members: 1,
                open_units: 0,
            },
            Notice::UnitStillInUse {
                members: 3,
                open_units: 2,
            },
            Notice::ImportLinesRefused {
                lines: vec![
                    (1, crate::models::LineProblem::TooFewColumns { found: 3 }),
                    (2, crate::models::LineProblem::BadNorm("12".into())),
                    (3, crate::models::LineProblem::BadLevel("4".into())),
                ],
            },
        ];
        for n in samples {
            let (vi, en) = (n.render(Locale::Vi), n.render(Locale::En));
            assert!(!vi.trim().is_empty(), "{n:?}");
            assert!(!en.trim().is_empty(), "{n:?}");
            assert_ne!(vi, en, "{n:?}");
            assert!(
                !en.to_lowercase().chars().any(|c| VIETNAMESE.contains(c)),
                "{n:?}: {en}"
            );
        }
    }

    #[test]
    fn a_parameter_without_an_english_label_keeps_its_own() {
        let n = Notice::ParamOutOfRange {
            label: "Trọng số".into(),
            label_en: String::new(),
            min: "0".into(),
            max: "10".into(),
        };
        assert_eq!(
            n.render(Locale::Vi),
            "Tham số \"Trọng số\" phải từ 0 đến 10."
        );
        assert_eq!(
            n.render(Locale::En),
            "Parameter \"Trọng số\" must be between 0 and 10."
        );
    }
}
