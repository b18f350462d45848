//! The `rubric rules …` commands, callable from any front end.
//!
//! Each command takes paths and flags plus writers for stdout and stderr and
//! returns the process exit code:
//!
//! | code | meaning |
//! |---|---|
//! | [`EXIT_OK`] (0) | success |
//! | [`EXIT_FAILED`] (1) | the rule set is wrong: compile or contract error, a failing case, a script error or limit while scoring |
//! | [`EXIT_INPUT`] (2) | a file cannot be read or the input document is invalid |
//!
//! Human output is Vietnamese with decimal commas. `eval --json` and
//! `boundary` write only the JSON document to stdout; every diagnostic goes
//! to stderr.

mod boundary;
mod check;
mod eval;
mod human;
mod test;

pub use boundary::boundary;
pub use check::check;
pub use eval::eval;
pub use test::test;

use crate::engine::{CompiledRuleSet, RuleEngine};
use crate::error::RuleError;
use crate::source::{RuleSetSource, SCRIPT_FILE};
use std::io::Write;
use std::path::Path;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_INPUT: i32 = 2;

/// Exit code for an error: input and file problems are 2, the rest 1.
fn exit_code(error: &RuleError) -> i32 {
    match error {
        RuleError::Io { .. } | RuleError::Input(_) => EXIT_INPUT,
        _ => EXIT_FAILED,
    }
}

/// Reads and compiles the rule set in `dir`; a failure is reported on `err`
/// and becomes the exit code.
fn compile_dir(
    engine: &RuleEngine,
    dir: &Path,
    err: &mut dyn Write,
) -> Result<CompiledRuleSet, i32> {
    RuleSetSource::from_dir(dir)
        .and_then(|s| engine.compile(&s))
        .map_err(|e| {
            report(err, &dir.join(SCRIPT_FILE), &e);
            exit_code(&e)
        })
}

/// Writes `path:line:column: message` (location omitted when unknown).
fn report(err: &mut dyn Write, path: &Path, error: &RuleError) {
    let location = match error {
        RuleError::Compile(e) | RuleError::Contract(e) | RuleError::Runtime(e) => {
            (e.line, e.column)
        }
        RuleError::Limit(e) => (e.line, e.column),
        _ => (None, None),
    };
    let prefix = match location {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", path.display()),
        (Some(line), None) => format!("{}:{line}", path.display()),
        _ => path.display().to_string(),
    };
    // A closed stderr leaves nothing else to report to.
    let _ = writeln!(err, "{prefix}: lỗi: {error}");
}
