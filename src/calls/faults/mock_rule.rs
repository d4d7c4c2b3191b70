//! [`MockRule`], a fault-injection rule's public handle: its filters, its
//! steps' answers and counts, and [`MockRuleStep`], the next step until it
//! gets its answer.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use crate::calls::chance::Chance;
use crate::calls::faults::rule::{Matcher, Rule, RuleState};
use crate::calls::faults::steps::{Answer, Count, Responder, Step};
use crate::calls::lock;
use crate::calls::mock_error::MockError;
use crate::calls::predicate::{panic_message, run_predicate, typed_matcher};
use crate::calls::recording::MockRequest;
use crate::calls::typed::{AnyOperation, IntoFault, SdkOperation};
use crate::wire::codec;

/// The next step of a rule, from [`MockRule::then`], until it gets its
/// answer: [`fail_with`](Self::fail_with), [`respond_with`](Self::respond_with),
/// [`respond_with_fn`](Self::respond_with_fn) or [`delay`](Self::delay);
/// a count before it does not compile:
///
/// ```compile_fail,E0599
/// use aws_organizations_mock::aws_sdk_organizations::Client;
/// use aws_organizations_mock::MockError;
/// let mock = aws_organizations_mock::MockOrganizations::new();
/// mock.on(Client::list_roots).fail_with(MockError::throttling()).then().times(2);
/// ```
#[must_use = no_answer_yet!()]
pub struct MockRuleStep<O> {
    pub(super) rule: MockRule<O>,
}

/// A fault-injection rule: it answers matching calls instead of the model.
/// `O` is the operation, named by the client's method.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_organizations_mock::aws_sdk_organizations::Client;
/// use aws_organizations_mock::aws_sdk_organizations::types::ConstraintViolationExceptionReason;
/// use aws_organizations_mock::{MockError, MockOrganizations};
/// use std::time::Duration;
///
/// let mock = MockOrganizations::new();
/// let client = mock.client();
/// client.create_organization().send().await.unwrap();
/// // Two 503s, then the model answers (the SDK retries them).
/// mock.on(Client::list_roots).fail_with(MockError::http(503, "Service Unavailable")).times(2);
/// assert_eq!(client.list_roots().send().await.unwrap().roots().len(), 1);
///
/// mock.on(Client::create_account)
///     .when(|input| input.account_name() == Some("full"))
///     .fail_with(MockError::constraint_violation(
///         ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
///     ))
///     .always();
/// mock.on_any().delay(Duration::from_millis(200)).after(3).any_number_of_times();
/// client.create_account().account_name("full").email("full@example.com").send().await.unwrap_err();
/// mock.verify();
/// # }
/// ```
///
/// - A rule applies to calls of its operation (any operation for `on_any`),
///   from [`from_account`](Self::from_account) if set, for which its
///   [`when`](Self::when) predicate holds.
/// - It lets the first [`after`](Self::after) matching calls through, then
///   answers in steps: each step answers the next [`times`](Self::times)
///   matching calls (once by default), or every one from then on
///   ([`always`](Self::always), [`any_number_of_times`](Self::any_number_of_times));
///   [`then`](Self::then) starts the next step. When the last step is done,
///   the rule no longer applies and the model answers.
/// - **A rule that never acts fails the test.** A step with `times(n)` must
///   answer exactly `n` calls, and one with `always()` at least one:
///   [`verify`](crate::MockOrganizations::verify) (and dropping the mock)
///   fails otherwise, naming the rule, where it was written, its filters
///   and why no call reached it (none of its operation came, its
///   `from_account` or `when` matched none, an earlier rule answered them,
///   its `after(n)` still waits). A rule that may legitimately never fire
///   says so with [`any_number_of_times`](Self::any_number_of_times).
/// - **A rule that cannot act is refused where it is written**: `times(0)`
///   panics (write `mock.expect(..).never()`), as does an error the
///   operation's model does not list (beside the errors common to every AWS
///   call; FIDELITY.md#errors-a-rule-may-inject) or a reason the SDK does
///   not know. A rule on any operation checks its error per call: a call
///   whose operation cannot answer it goes through, and `verify` reports it.
/// - Rules are evaluated in the order they were written; the first that
///   applies answers the call.
/// - A predicate that panics does not poison the mock: the rule does not
///   apply to that call, and [`verify`](crate::MockOrganizations::verify)
///   reports the panic.
#[derive(Clone)]
pub struct MockRule<O> {
    pub(super) rule: Arc<Rule>,
    pub(super) operation: PhantomData<fn() -> O>,
}

impl<O> std::fmt::Debug for MockRule<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockRule")
            .field("operation", &self.rule.name())
            .field("written", &self.rule.written())
            .field("applied", &self.applied())
            .finish_non_exhaustive()
    }
}

impl<O> std::fmt::Debug for MockRuleStep<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("MockRuleStep").field(&self.rule).finish()
    }
}

impl<O> MockRule<O> {
    /// Applies only to calls for which `matcher` holds (`Err`: it could not
    /// tell, reported by `verify`).
    pub(crate) fn when_matching(self, matcher: Matcher) -> Self {
        self.set_predicate(matcher)
    }

    /// Answers a call it could answer only when a draw of `chance` says so.
    pub(crate) fn with_chance(self, chance: Chance) -> Self {
        self.edit(|s| s.chance = Some(chance))
    }
}

impl<O> MockRuleStep<O> {
    /// This step answers with `error` (see [`MockRuleBuilder::fail_with`](crate::MockRuleBuilder::fail_with)).
    ///
    /// # Panics
    /// As [`MockRuleBuilder::fail_with`](crate::MockRuleBuilder::fail_with).
    #[track_caller]
    pub fn fail_with(self, error: impl IntoFault<O>) -> MockRule<O> {
        self.rule.fail_with(error)
    }

    /// This step holds the answer back for `delay` (see [`MockRule::delay`]).
    pub fn delay(self, delay: Duration) -> MockRule<O> {
        self.rule.delay(delay)
    }
}

impl<O: SdkOperation> MockRuleStep<O> {
    /// This step answers with `output` (see [`MockRule::respond_with`]).
    pub fn respond_with(self, output: O::Output) -> MockRule<O> {
        self.rule.respond_with(output)
    }

    /// This step answers with what `respond` makes (see [`MockRule::respond_with_fn`]).
    pub fn respond_with_fn(self, respond: impl Fn(&O::Input) -> O::Output + Send + Sync + 'static) -> MockRule<O> {
        self.rule.respond_with_fn(respond)
    }
}

impl<O> MockRule<O> {
    fn edit(self, f: impl FnOnce(&mut RuleState)) -> Self {
        f(&mut lock(&self.rule.state));
        self
    }

    fn edit_step(self, f: impl FnOnce(&mut Step)) -> Self {
        self.edit(|s| {
            if let Some(step) = s.steps.last_mut() {
                f(step)
            }
        })
    }

    fn set_predicate(self, matcher: Matcher) -> Self {
        self.edit(|s| s.predicate = Some(matcher))
    }

    pub(super) fn answer(self, answer: Answer) -> Self {
        self.edit_step(|s| s.answer = Some(answer))
    }

    /// Applies only to calls made as `account_id`.
    pub fn from_account(self, account_id: &str) -> Self {
        let account = account_id.to_string();
        self.edit(|s| s.account = Some(account))
    }

    /// This step answers with `error` instead of the one it had (see
    /// [`MockRuleBuilder::fail_with`](crate::MockRuleBuilder::fail_with)).
    ///
    /// # Panics
    /// As [`MockRuleBuilder::fail_with`](crate::MockRuleBuilder::fail_with).
    #[track_caller]
    pub fn fail_with(self, error: impl IntoFault<O>) -> Self {
        let fault = error.into_fault();
        let refusal = match (self.rule.operation, self.rule.errors) {
            (Some(operation), Some(errors)) => fault.refusal(operation.as_str(), errors),
            _ => fault.unknown_reason(),
        };
        if let Some(why) = refusal {
            panic!("{why} (the rule on {} {})", self.rule.name(), self.rule.written());
        }
        self.answer(Answer::Fault(fault))
    }

    /// Holds the answer back for `delay`. Alone, the operation runs when the
    /// request arrives and its answer is delivered late (as over a slow
    /// network); with an answer, that answer is late.
    /// The wait is a `tokio::time::sleep`: under a paused tokio clock it takes
    /// no real time, and SDK timeouts race it correctly.
    pub fn delay(self, delay: Duration) -> Self {
        self.edit_step(|s| s.delay = Some(delay))
    }

    /// This step answers exactly the next `n` matching calls (checked by
    /// `verify`). The default is once.
    ///
    /// # Panics
    /// When `n` is 0: a rule that answers no call cannot act. To check that
    /// an operation is never called, write `mock.expect(Client::..).never()`.
    #[track_caller]
    pub fn times(self, n: u32) -> Self {
        assert!(
            n > 0,
            "times(0) on the rule on {} ({}): a rule that answers no call cannot act. \
             To check that {} is never called, write mock.expect(..).never()",
            self.rule.name(),
            self.rule.written(),
            self.rule.name()
        );
        self.edit_step(|s| s.count = Count::Exactly(n))
    }

    /// This step answers every matching call from now on, and must answer at
    /// least one: `verify` fails when it answered none.
    pub fn always(self) -> Self {
        self.edit_step(|s| s.count = Count::Always)
    }

    /// This step answers every matching call from now on, and may answer
    /// none: for a rule that guards against calls the test does not expect
    /// to happen (e.g. a slow network under every operation). Prefer
    /// [`always`](Self::always), which fails `verify` when the rule never acts.
    pub fn any_number_of_times(self) -> Self {
        self.edit_step(|s| s.count = Count::AnyNumber)
    }

    /// Starts the next step: the calls after this step's are answered by the
    /// next, e.g. `.fail_with(MockError::throttling()).times(2).then().respond_with(output)`.
    ///
    /// # Panics
    /// When this step answers every call (`always`, `any_number_of_times`):
    /// the next step would never be reached.
    #[track_caller]
    pub fn then(self) -> MockRuleStep<O> {
        let last = lock(&self.rule.state).steps.last().map(|step| step.count);
        if let Some(count) = last.filter(|c| !matches!(c, Count::Exactly(_))) {
            panic!(
                "then() after {} on the rule on {} ({}): that step answers every call, so \
                 the next would never be reached; give it a count with times(n)",
                count.method(),
                self.rule.name(),
                self.rule.written()
            );
        }
        MockRuleStep {
            rule: self.edit(|s| s.steps.push(Step::new())),
        }
    }

    /// Lets the first `n` matching calls through before the first step.
    pub fn after(self, n: u32) -> Self {
        self.edit(|s| s.skip = n)
    }

    /// How many calls this rule has answered so far, all steps together.
    pub fn applied(&self) -> u32 {
        self.rule.applied()
    }
}

impl<O: SdkOperation> MockRule<O> {
    /// Applies only to calls whose input, decoded into the SDK's input type
    /// (e.g. `CreateAccountInput`), satisfies `predicate`.
    pub fn when(self, predicate: impl Fn(&O::Input) -> bool + Send + Sync + 'static) -> Self {
        self.set_predicate(Arc::new(typed_matcher::<O>(predicate, |request| {
            format!("the rule on {} (call by {})", O::NAME, request.caller())
        })))
    }

    /// This step answers with `output` instead of the model's answer,
    /// encoded as the model's answers are (e.g. a
    /// `DescribeCreateAccountStatusOutput` with a `FAILED` status).
    pub fn respond_with(self, output: O::Output) -> Self {
        let answer = match codec::encode(&output) {
            Ok(body) => Answer::Body(body.into()),
            Err(err) => Answer::Fault(MockError::api(err)),
        };
        self.answer(answer)
    }

    /// This step answers with the output `respond` makes from the call's
    /// typed input. A closure that panics answers `ServiceException`, and
    /// `verify` reports it.
    pub fn respond_with_fn(self, respond: impl Fn(&O::Input) -> O::Output + Send + Sync + 'static) -> Self {
        let responder: Responder = Arc::new(move |request: &MockRequest| {
            let input = O::decode_input(request.request_body()).map_err(|e| e.to_string())?;
            let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| respond(&input)))
                .map_err(|p| format!("panicked: {}", panic_message(p.as_ref())))?;
            codec::encode(&output).map_err(|e| e.to_string())
        });
        self.answer(Answer::Respond(responder))
    }
}

impl MockRule<AnyOperation> {
    /// Applies only to calls for which `predicate` holds; it sees the
    /// request of any operation.
    pub fn when(self, predicate: impl Fn(&MockRequest) -> bool + Send + Sync + 'static) -> Self {
        let predicate = Box::new(predicate) as Box<dyn Fn(&MockRequest) -> bool + Send + Sync>;
        self.set_predicate(Arc::new(move |request: &MockRequest| {
            run_predicate(predicate.as_ref(), request, || {
                format!(
                    "the rule on any operation (call {} by {})",
                    request.target(),
                    request.caller()
                )
            })
        }))
    }
}
