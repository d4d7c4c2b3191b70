//! Users' `when` predicates, run so that a panic in one never poisons the
//! mock; and the scope and the typed `when` that rules and expectations share.

use crate::calls::operation::Operation;
use crate::calls::recording::MockRequest;
use crate::calls::typed::SdkOperation;

/// Runs a user's `when` predicate: a panic in it is caught and described as
/// "the `when` predicate of <whose> panicked ...: <message>", so it never
/// poisons the mock.
pub(crate) fn run_predicate<A: ?Sized>(
    predicate: &(dyn Fn(&A) -> bool + Send + Sync),
    arg: &A,
    whose: impl FnOnce() -> String,
) -> Result<bool, String> {
    run_user_fn("when", predicate, arg, whose)
}

/// Runs a user's predicate named `kind` (`"when"`, `"failed_with"`): a panic
/// in it is caught and described as "the `<kind>` predicate of <whose>
/// panicked ...: <message>".
pub(crate) fn run_user_fn<A: ?Sized>(
    kind: &str,
    predicate: &(dyn Fn(&A) -> bool + Send + Sync),
    arg: &A,
    whose: impl FnOnce() -> String,
) -> Result<bool, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| predicate(arg))).map_err(|payload| {
        format!(
            "the `{kind}` predicate of {} panicked: {}",
            whose(),
            panic_message(payload.as_ref())
        )
    })
}

/// Whether `request` is in the scope of a rule or an expectation: a call of
/// its `operation` (`None`: any) made as its `account` (`None`: any).
pub(crate) fn in_scope(operation: Option<Operation>, account: Option<&str>, request: &MockRequest) -> bool {
    operation.is_none_or(|op| op == request.operation()) && account.is_none_or(|a| a == request.caller())
}

/// A typed `when` of a rule or an expectation on `O`: `predicate` sees the
/// request body decoded into `O`'s input (a body that does not decode does
/// not match); a panic is described with `whose`, as [`run_predicate`] does.
pub(crate) fn typed_matcher<O: SdkOperation>(
    predicate: impl Fn(&O::Input) -> bool + Send + Sync + 'static,
    whose: impl Fn(&MockRequest) -> String + Send + Sync + 'static,
) -> impl Fn(&MockRequest) -> Result<bool, String> + Send + Sync + 'static {
    let predicate = Box::new(predicate) as Box<dyn Fn(&O::Input) -> bool + Send + Sync>;
    move |request: &MockRequest| {
        let Ok(input) = O::decode_input(request.request_body()) else {
            return Ok(false);
        };
        run_predicate(predicate.as_ref(), &input, || whose(request))
    }
}

/// The message of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into())
}
