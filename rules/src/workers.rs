//! Worker threads with a known stack size; panics become typed errors.

use crate::error::RuleError;
use std::sync::atomic::{AtomicBool, Ordering};

fn panic_error(payload: Box<dyn std::any::Any + Send>) -> RuleError {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    RuleError::Internal(message)
}

fn spawn_error(e: std::io::Error) -> RuleError {
    RuleError::Internal(format!("không tạo được luồng: {e}"))
}

/// Runs `f` on one worker thread.
pub(crate) fn on_worker<T: Send>(
    stack_bytes: usize,
    f: impl FnOnce() -> Result<T, RuleError> + Send,
) -> Result<T, RuleError> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("rubric-rules".into())
            .stack_size(stack_bytes)
            .spawn_scoped(s, f)
            .map_err(spawn_error)?
            .join()
            .unwrap_or_else(|p| Err(panic_error(p)))
    })
}

/// Maps `f` over `items` on up to `threads` workers, keeping the order.
/// Workers stop early once one fails, and the first failing chunk's error is returned.
pub(crate) fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    stack_bytes: usize,
    f: impl Fn(&T) -> Result<R, RuleError> + Sync,
) -> Result<Vec<R>, RuleError> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    let failed = AtomicBool::new(false);
    let run = |part: &[T]| -> Result<Vec<R>, RuleError> {
        let mut out = Vec::with_capacity(part.len());
        for item in part {
            if failed.load(Ordering::Relaxed) {
                break;
            }
            match f(item) {
                Ok(r) => out.push(r),
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(out)
    };
    let outcomes: Vec<Result<Vec<R>, RuleError>> = std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                std::thread::Builder::new()
                    .name("rubric-rules".into())
                    .stack_size(stack_bytes)
                    .spawn_scoped(s, || run(part))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| match handle {
                Ok(h) => h.join().unwrap_or_else(|p| Err(panic_error(p))),
                Err(e) => Err(spawn_error(e)),
            })
            .collect()
    });
    let mut results = Vec::with_capacity(items.len());
    for outcome in outcomes {
        results.extend(outcome?);
    }
    Ok(results)
}
