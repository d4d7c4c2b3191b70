//! Filters on how a call ended, for expectations: `.succeeded()`,
//! `.failed()`, and the typed `.succeeded_with(|output| …)` and
//! `.failed_with(|error| …)`, which see the answer as the SDK decoded it.

use std::sync::Arc;

use crate::calls::predicate::run_user_fn;
use crate::calls::recording::{decode_answer, RecordedCall};
use crate::calls::typed::SdkOperation;

/// Whether a call's outcome counts; `Err` describes a panic of the user's predicate.
type OutcomeTest = Arc<dyn Fn(&RecordedCall) -> Result<bool, String> + Send + Sync>;

/// How many of the calls an outcome filter left out a failure message lists.
const LISTED: usize = 5;

/// A filter on the outcome of a call: whether it counts, what it is called
/// in messages, and what the calls it leaves out did.
#[derive(Clone)]
pub(crate) struct OutcomeFilter {
    /// Appended to the expectation's name: `"that succeeded"`.
    pub(crate) describe: &'static str,
    /// What a call it leaves out did: `"failed"`.
    left_out: &'static str,
    matches: OutcomeTest,
}

impl OutcomeFilter {
    /// Calls that succeeded (HTTP 2xx).
    pub(crate) fn succeeded() -> Self {
        OutcomeFilter {
            describe: "that succeeded",
            left_out: "failed",
            matches: Arc::new(|call| Ok(call.succeeded())),
        }
    }

    /// Calls that failed: an error answer, a raw HTTP answer that is not
    /// 2xx, or a transport failure; injected or not.
    pub(crate) fn failed() -> Self {
        OutcomeFilter {
            describe: "that failed",
            left_out: "succeeded",
            matches: Arc::new(|call| Ok(!call.succeeded())),
        }
    }

    /// Calls of `O` that succeeded with an output, as the SDK decoded it,
    /// for which `predicate` holds.
    pub(crate) fn succeeded_with<O: SdkOperation>(
        predicate: impl Fn(&O::Output) -> bool + Send + Sync + 'static,
    ) -> Self {
        let predicate = Box::new(predicate) as Box<dyn Fn(&O::Output) -> bool + Send + Sync>;
        OutcomeFilter {
            describe: "that succeeded with an output matching its `succeeded_with`",
            left_out: "did not succeed with a matching output",
            matches: Arc::new(move |call: &RecordedCall| {
                if !call.succeeded() {
                    return Ok(false);
                }
                match decode_answer::<O>(call) {
                    Ok(output) => run_user_fn("succeeded_with", predicate.as_ref(), &output, || {
                        format!("the expectation on {}", O::NAME)
                    }),
                    Err(_) => Ok(false),
                }
            }),
        }
    }

    /// Calls of `O` that failed with an error, as the SDK decoded it into
    /// `O`'s error type, for which `predicate` holds.
    pub(crate) fn failed_with<O: SdkOperation>(predicate: impl Fn(&O::Error) -> bool + Send + Sync + 'static) -> Self {
        let predicate = Box::new(predicate) as Box<dyn Fn(&O::Error) -> bool + Send + Sync>;
        OutcomeFilter {
            describe: "that failed with an error matching its `failed_with`",
            left_out: "did not fail with a matching error",
            matches: Arc::new(move |call: &RecordedCall| {
                if call.succeeded() {
                    return Ok(false);
                }
                match decode_answer::<O>(call) {
                    Err(error) => run_user_fn("failed_with", predicate.as_ref(), &error, || {
                        format!("the expectation on {}", O::NAME)
                    }),
                    Ok(_) => Ok(false),
                }
            }),
        }
    }

    /// Whether `call` counts; `Err` describes a panic of the user's predicate.
    pub(crate) fn matches(&self, call: &RecordedCall) -> Result<bool, String> {
        (self.matches)(call)
    }

    /// What the calls it left out did, for a failure message:
    /// `" (2 calls failed: 400 ConstraintViolationException, timeout (injected))"`,
    /// or nothing when it left none out.
    pub(crate) fn left_out(&self, outcomes: &[String]) -> String {
        if outcomes.is_empty() {
            return String::new();
        }
        let calls = if outcomes.len() == 1 { "call" } else { "calls" };
        let mut listed = outcomes.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", ");
        if outcomes.len() > LISTED {
            listed.push_str(&format!(", and {} more", outcomes.len() - LISTED));
        }
        format!(" ({} {calls} {}: {listed})", outcomes.len(), self.left_out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calls_left_out_are_counted_and_the_first_listed() {
        let filter = OutcomeFilter::succeeded();
        assert_eq!(filter.left_out(&[]), "");
        assert_eq!(filter.left_out(&["400 X".into()]), " (1 call failed: 400 X)");
        let many: Vec<String> = (0..7).map(|n| format!("4{n}")).collect();
        assert_eq!(
            filter.left_out(&many),
            " (7 calls failed: 40, 41, 42, 43, 44, and 2 more)"
        );
        assert_eq!(
            filter.left_out(&many[..LISTED]),
            " (5 calls failed: 40, 41, 42, 43, 44)",
            "exactly as many as are listed: none more"
        );
    }
}
