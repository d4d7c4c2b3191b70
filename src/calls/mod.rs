//! Call-time machinery, between the harness that configures it and the
//! transport that consults it on every call: the state one mock's clients
//! share ([`shared`]), the fault rules ([`faults`], checked by
//! [`rule_check`]), expectations ([`expect`], [`outcome`]), the selectors
//! both use ([`predicate`], [`typed`], [`operation`]), and the recorded calls
//! ([`recording`], [`call_log`]). Misuse of any of them is a [`mock_error`].

pub(crate) mod call_log;
pub(crate) mod chance;
pub(crate) mod expect;
pub(crate) mod faults;
pub(crate) mod mock_error;
pub(crate) mod operation;
pub(crate) mod outcome;
pub(crate) mod predicate;
pub(crate) mod recording;
pub(crate) mod rule_check;
pub(crate) mod shared;
pub(crate) mod typed;
pub(crate) mod wire_rule;

use std::sync::{Mutex, MutexGuard};

/// Locks a mutex, ignoring poisoning: a panic elsewhere never makes the mock unusable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
