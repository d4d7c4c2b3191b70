//! Users' `when` predicates, run so that a panic in one never poisons the
//! mock, and the lock helper every shared list uses.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks a mutex, ignoring poisoning: a panic elsewhere never makes the mock unusable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs a user's `when` predicate: a panic in it is caught and described as
/// "the `when` predicate of <whose> panicked ...: <message>", so it never
/// poisons the mock.
pub(crate) fn run_predicate<A: ?Sized>(
    predicate: &(dyn Fn(&A) -> bool + Send + Sync),
    arg: &A,
    whose: impl FnOnce() -> String,
) -> Result<bool, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| predicate(arg))).map_err(|payload| {
        format!(
            "the `when` predicate of {} panicked: {}",
            whose(),
            panic_message(payload.as_ref())
        )
    })
}

/// The message of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into())
}
