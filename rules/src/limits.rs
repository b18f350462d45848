//! The explicit block of limits every script runs under.
//!
//! Rhai enforces most of them itself (operations, call depth, expression depth,
//! string/array/map sizes, variables, functions, modules); the crate adds the
//! source size, the number of trace items an officer may collect, the memory
//! of column values, and a wall-clock deadline per evaluation checked from
//! Rhai's progress callback.
//!
//! Zero does not mean "forbidden" for every Rhai limit: for operations, call
//! depth, expression depths and sizes Rhai reads zero as *unlimited*. Keep
//! every value positive.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

/// Resource limits for compiling and evaluating scoring scripts.
///
/// An *evaluation* is one call into the script: `score` for one officer, or
/// `cohort` for one cohort. Operation counts and the deadline restart with each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Rhai operations per evaluation (roughly: one expression node each).
    pub max_operations: u64,
    /// Nested script function calls (recursion depth).
    pub max_call_depth: usize,
    /// Nesting depth of expressions at the top of a function.
    pub max_expr_depth: usize,
    /// Nesting depth of expressions inside function bodies.
    pub max_function_expr_depth: usize,
    /// Bytes in any string value.
    pub max_string_size: usize,
    /// Elements in an array, nested arrays included.
    pub max_array_size: usize,
    /// Properties in an object map, nested maps included.
    pub max_map_size: usize,
    /// Variables alive at once.
    pub max_variables: usize,
    /// Functions a script may define.
    pub max_functions: usize,
    /// Modules a script may load (scripts cannot import; kept at zero).
    pub max_modules: usize,
    /// Bytes of script source.
    pub max_script_bytes: usize,
    /// Trace items (calls to `award`) per officer.
    pub max_trace_items: usize,
    /// Bytes of column values one evaluation may create in total (Rhai's size
    /// limits do not see inside columns).
    pub max_column_bytes: usize,
    /// Wall-clock time per evaluation, in milliseconds.
    pub deadline_ms: u64,
    /// Stack size of the worker threads that compile and evaluate scripts.
    pub worker_stack_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_operations: 2_000_000,
            max_call_depth: 24,
            max_expr_depth: 64,
            max_function_expr_depth: 48,
            max_string_size: 64 * 1024,
            max_array_size: 100_000,
            max_map_size: 100_000,
            max_variables: 256,
            max_functions: 64,
            max_modules: 0,
            max_script_bytes: 256 * 1024,
            max_trace_items: 256,
            max_column_bytes: 64 * 1024 * 1024,
            deadline_ms: 500,
            worker_stack_bytes: 64 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// The per-evaluation deadline as a [`Duration`].
    pub fn deadline(&self) -> Duration {
        Duration::from_millis(self.deadline_ms)
    }

    /// The configured value of one limit, for error messages.
    pub fn value_of(&self, kind: LimitKind) -> u64 {
        let as_u64 = |v: usize| u64::try_from(v).unwrap_or(u64::MAX);
        match kind {
            LimitKind::Operations => self.max_operations,
            LimitKind::CallDepth => as_u64(self.max_call_depth),
            LimitKind::ExpressionDepth => as_u64(self.max_expr_depth),
            LimitKind::StringSize => as_u64(self.max_string_size),
            LimitKind::ArraySize => as_u64(self.max_array_size),
            LimitKind::MapSize => as_u64(self.max_map_size),
            LimitKind::Variables => as_u64(self.max_variables),
            LimitKind::Functions => as_u64(self.max_functions),
            LimitKind::Modules => as_u64(self.max_modules),
            LimitKind::ScriptSize => as_u64(self.max_script_bytes),
            LimitKind::TraceItems => as_u64(self.max_trace_items),
            LimitKind::ColumnMemory => as_u64(self.max_column_bytes),
            LimitKind::Deadline => self.deadline_ms,
        }
    }
}

/// Which limit a script hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    Operations,
    CallDepth,
    ExpressionDepth,
    StringSize,
    ArraySize,
    MapSize,
    Variables,
    Functions,
    Modules,
    ScriptSize,
    TraceItems,
    ColumnMemory,
    Deadline,
}

impl LimitKind {
    /// Stable identifier, as serialized.
    pub fn id(self) -> &'static str {
        match self {
            Self::Operations => "operations",
            Self::CallDepth => "call_depth",
            Self::ExpressionDepth => "expression_depth",
            Self::StringSize => "string_size",
            Self::ArraySize => "array_size",
            Self::MapSize => "map_size",
            Self::Variables => "variables",
            Self::Functions => "functions",
            Self::Modules => "modules",
            Self::ScriptSize => "script_size",
            Self::TraceItems => "trace_items",
            Self::ColumnMemory => "column_memory",
            Self::Deadline => "deadline",
        }
    }

    /// What the limit bounds, in Vietnamese, with its unit.
    pub fn describe_vi(self) -> (&'static str, &'static str) {
        match self {
            Self::Operations => ("số phép tính trong một lần chạy", "phép tính"),
            Self::CallDepth => ("độ sâu gọi hàm (đệ quy)", "cấp"),
            Self::ExpressionDepth => ("độ lồng của biểu thức", "cấp"),
            Self::StringSize => ("độ dài chuỗi", "byte"),
            Self::ArraySize => ("kích thước mảng", "phần tử"),
            Self::MapSize => ("số thuộc tính của bảng (map)", "thuộc tính"),
            Self::Variables => ("số biến cùng lúc", "biến"),
            Self::Functions => ("số hàm được khai báo", "hàm"),
            Self::Modules => ("số module được nạp", "module"),
            Self::ScriptSize => ("kích thước kịch bản", "byte"),
            Self::TraceItems => ("số khoản giải thích (award) cho một cán bộ", "khoản"),
            Self::ColumnMemory => ("bộ nhớ dành cho các cột số trong một lần chạy", "byte"),
            Self::Deadline => ("thời gian chạy một lần", "ms"),
        }
    }
}

impl fmt::Display for LimitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
