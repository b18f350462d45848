//! Errors are values: which one to use where.
//!
//! - [`RuleError`] is what every fallible engine call returns. Its variants say
//!   whose fault it is: the script's text ([`RuleError::Compile`]), the script's
//!   behaviour against the scoring contract ([`RuleError::Contract`]), a failure
//!   while it runs ([`RuleError::Runtime`]), a resource limit
//!   ([`RuleError::Limit`]), the scoring input ([`RuleError::Input`]), the
//!   parameters ([`RuleError::Params`]), the test cases file
//!   ([`RuleError::Cases`]) or the file system ([`RuleError::Io`]).
//!   [`RuleError::Internal`] means a bug in this crate (a caught panic).
//! - [`InputError`] names the officer, entry and field of a bad input.
//! - Messages are Vietnamese, for rule authors and reviewers; locations are
//!   1-based script lines and columns.

use crate::limits::LimitKind;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where in the scoring run an error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Compiling the script or checking its shape.
    Compile,
    /// Running `score` for one officer.
    Score,
    /// Running `cohort` for one cohort.
    Cohort,
}

/// An error located in the script, with the officer or cohort being scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptError {
    pub stage: Stage,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    pub officer: Option<String>,
    pub cohort: Option<String>,
}

impl ScriptError {
    pub(crate) fn at_compile(line: Option<u32>, column: Option<u32>, message: String) -> Self {
        Self {
            stage: Stage::Compile,
            line,
            column,
            message,
            officer: None,
            cohort: None,
        }
    }
}

/// A resource limit hit by a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitError {
    pub limit: LimitKind,
    /// The configured value of that limit.
    pub value: u64,
    pub stage: Stage,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub officer: Option<String>,
    pub cohort: Option<String>,
}

/// A scoring input document that cannot be scored as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputError {
    #[error("dữ liệu đầu vào không phải UTF-8 hợp lệ (lỗi ở byte thứ {offset})")]
    InvalidUtf8 { offset: usize },
    #[error("dữ liệu đầu vào không phải JSON hợp lệ (dòng {line}, cột {column}): {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}", describe_field(.officer, .entry, .field, .problem))]
    Field {
        /// The officer's id, or `#n` (1-based position) when the id itself is unusable.
        officer: Option<String>,
        /// The entry's id, or `#n` likewise.
        entry: Option<String>,
        field: String,
        problem: String,
    },
}

fn describe_field(
    officer: &Option<String>,
    entry: &Option<String>,
    field: &str,
    problem: &str,
) -> String {
    let mut place = Vec::new();
    if let Some(officer) = officer {
        place.push(format!("cán bộ {officer}"));
    }
    if let Some(entry) = entry {
        place.push(format!("công việc {entry}"));
    }
    place.push(format!("trường `{field}`"));
    format!("dữ liệu đầu vào sai ở {}: {problem}", place.join(", "))
}

/// A parameter declaration or value that is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", match .name { Some(n) => format!("tham số `{n}`: {}", .message), None => format!("tham số: {}", .message) })]
pub struct ParamError {
    pub name: Option<String>,
    pub message: String,
}

impl ParamError {
    pub(crate) fn named(name: &str, message: impl Into<String>) -> Self {
        Self {
            name: Some(name.to_string()),
            message: message.into(),
        }
    }
}

/// Every error the engine reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum RuleError {
    #[error("lỗi biên dịch {0}")]
    Compile(ScriptError),
    #[error("kịch bản không đúng giao ước chấm điểm {0}")]
    Contract(ScriptError),
    #[error("lỗi khi chạy {0}")]
    Runtime(ScriptError),
    #[error("{0}")]
    Limit(LimitError),
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Params(#[from] ParamError),
    #[error("tệp ca kiểm thử (cases.json) không hợp lệ: {0}")]
    Cases(String),
    #[error("không đọc được {path}: {message}")]
    Io { path: String, message: String },
    #[error("lỗi nội bộ của bộ máy chấm điểm: {0}")]
    Internal(String),
}

impl RuleError {
    /// Script line of the error, when it has one.
    pub fn line(&self) -> Option<u32> {
        match self {
            Self::Compile(e) | Self::Contract(e) | Self::Runtime(e) => e.line,
            Self::Limit(e) => e.line,
            _ => None,
        }
    }

    /// Stable short name of the variant (`compile`, `runtime`, `limit`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Compile(_) => "compile",
            Self::Contract(_) => "contract",
            Self::Runtime(_) => "runtime",
            Self::Limit(_) => "limit",
            Self::Input(_) => "input",
            Self::Params(_) => "params",
            Self::Cases(_) => "cases",
            Self::Io { .. } => "io",
            Self::Internal(_) => "internal",
        }
    }
}

fn location(line: Option<u32>, column: Option<u32>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("tại dòng {l}, cột {c}"),
        (Some(l), None) => format!("tại dòng {l}"),
        _ => "(không rõ vị trí)".to_string(),
    }
}

fn subject(officer: &Option<String>, cohort: &Option<String>) -> String {
    match (officer, cohort) {
        (Some(o), _) => format!(" khi chấm cán bộ {o}"),
        (None, Some(c)) => format!(" khi xét nhóm {c}"),
        _ => String::new(),
    }
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}: {}",
            location(self.line, self.column),
            subject(&self.officer, &self.cohort),
            self.message
        )
    }
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, unit) = self.limit.describe_vi();
        write!(
            f,
            "vượt giới hạn {what} ({} {unit}; giới hạn `{}`) {}{}",
            self.value,
            self.limit.id(),
            location(self.line, self.column),
            subject(&self.officer, &self.cohort)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_errors_name_officer_entry_and_field() {
        let e = InputError::Field {
            officer: Some("cb-0001".into()),
            entry: Some("e-1".into()),
            field: "norm_minutes".into(),
            problem: "phải là số".into(),
        };
        let text = e.to_string();
        assert!(text.contains("cb-0001") && text.contains("e-1") && text.contains("norm_minutes"));
    }

    #[test]
    fn errors_serialize_with_their_kind() {
        let e = RuleError::Internal("x".into());
        let json = serde_json::to_value(&e).unwrap_or_default();
        assert_eq!(json["kind"], "internal");
        let back: Result<RuleError, _> = serde_json::from_value(json);
        assert_eq!(back.ok(), Some(e));
    }

    #[test]
    fn limit_errors_say_which_limit_and_where() {
        let e = LimitError {
            limit: LimitKind::Operations,
            value: 10,
            stage: Stage::Score,
            line: Some(7),
            column: Some(3),
            officer: Some("cb-1".into()),
            cohort: None,
        };
        let text = e.to_string();
        assert!(text.contains("operations") && text.contains("dòng 7") && text.contains("cb-1"));
    }
}
