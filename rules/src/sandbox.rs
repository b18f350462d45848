//! The one Rhai engine: raw, with only the packages scoring needs, and limits.
//!
//! Left out on purpose: `LanguageCorePackage` (`sleep`, `exit`, `parse_json`),
//! `BasicTimePackage` (clock reads make scores irreproducible), blobs, bit
//! fields and the debugger. `eval`, `print`, `debug`, `import` and `export` are
//! disabled symbols, so a script using them fails to compile. There is no
//! module resolver. After [`build`] the engine is never mutated again.

use crate::limits::Limits;
use crate::{column, host};
use rhai::debugger::{DebuggerCommand, DebuggerEvent};
use rhai::packages::{
    ArithmeticPackage, BasicArrayPackage, BasicFnPackage, BasicIteratorPackage, BasicMapPackage,
    BasicMathPackage, BasicStringPackage, LogicPackage, MoreStringPackage, Package,
};
use rhai::{Dynamic, Engine, OptimizationLevel};

/// Token of the termination raised when an evaluation passes its deadline.
pub(crate) const DEADLINE_TOKEN: &str = "rubric:deadline";

/// How many operations pass between two reads of the clock. Small, because
/// one operation can be a native call over a large array (a clone, `pad`,
/// `sort`); a clock read costs about as much as one cheap operation.
const CLOCK_EVERY_OPS: u64 = 16;

/// Builds the sandboxed engine for `limits`.
pub(crate) fn build(limits: &Limits) -> Engine {
    let mut engine = Engine::new_raw();

    ArithmeticPackage::new().register_into_engine(&mut engine);
    LogicPackage::new().register_into_engine(&mut engine);
    BasicMathPackage::new().register_into_engine(&mut engine);
    BasicStringPackage::new().register_into_engine(&mut engine);
    MoreStringPackage::new().register_into_engine(&mut engine);
    BasicIteratorPackage::new().register_into_engine(&mut engine);
    BasicFnPackage::new().register_into_engine(&mut engine);
    BasicArrayPackage::new().register_into_engine(&mut engine);
    BasicMapPackage::new().register_into_engine(&mut engine);

    for symbol in ["eval", "print", "debug", "import", "export"] {
        engine.disable_symbol(symbol);
    }

    engine
        .set_optimization_level(OptimizationLevel::Simple)
        .set_strict_variables(true)
        .set_fail_on_invalid_map_property(true)
        .set_max_operations(limits.max_operations)
        .set_max_call_levels(limits.max_call_depth)
        .set_max_expr_depths(limits.max_expr_depth, limits.max_function_expr_depth)
        .set_max_string_size(limits.max_string_size)
        .set_max_array_size(limits.max_array_size)
        .set_max_map_size(limits.max_map_size)
        .set_max_variables(limits.max_variables)
        .set_max_functions(limits.max_functions)
        .set_max_modules(limits.max_modules);

    engine.on_progress(|ops| {
        if ops % CLOCK_EVERY_OPS == 0 && host::deadline_passed() {
            Some(Dynamic::from(DEADLINE_TOKEN))
        } else {
            None
        }
    });

    column::register(&mut engine);
    host::register(&mut engine);
    engine
}

/// The same engine with a debugger that notes the position of every step.
///
/// Rhai reports resource limits (operations, call depth, sizes, termination)
/// without the position where they were hit once they cross a function
/// boundary, so a failed evaluation is re-run once on this engine to find
/// its line. It is slower and only ever used after a failure.
pub(crate) fn build_locator(limits: &Limits) -> Engine {
    let mut engine = build(limits);
    // The debugger API is marked volatile, not deprecated.
    #[allow(deprecated)]
    engine.register_debugger(
        |_, debugger| debugger,
        |_, event, _, _, pos| {
            // Unwinding reports each function's closing brace; keep the failing step.
            if matches!(event, DebuggerEvent::Step | DebuggerEvent::Start) {
                host::note_position(pos);
            }
            Ok(DebuggerCommand::StepInto)
        },
    );
    engine
}
