//! Fault injection: rules that make the mock misbehave, or answer for the
//! model, on purpose.
//!
//! A rule ([`MockRule`], written from [`MockOrganizations::on`](crate::MockOrganizations::on)
//! or [`on_any`](crate::MockOrganizations::on_any) through a [`MockRuleBuilder`])
//! matches calls by operation, caller and an optional typed predicate, and
//! answers them in steps: a [`MockError`] or the operation's own modeled
//! error, a typed output, and/or a delay. The transport applies rules before
//! the world is touched, so a call answered by a rule did not happen.
//!
//! A rule that cannot act is refused where it is written, and one that did
//! not act fails verification, naming why (`src/calls/rule_check.rs`).

use std::marker::PhantomData;
use std::panic::Location;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::calls::chance::Chance;
use crate::calls::lock;
use crate::calls::mock_error::{organizations_errors, MockError};
use crate::calls::operation::Operation;
use crate::calls::predicate::{in_scope, panic_message, run_predicate, typed_matcher};
use crate::calls::recording::MockRequest;
use crate::calls::typed::{AnyOperation, IntoFault, SdkOperation};
use crate::wire::codec;
use crate::wire::error::ApiError;

/// A predicate with its input already decoded: `Err` describes a panic.
pub(crate) type Matcher = Arc<dyn Fn(&MockRequest) -> Result<bool, String> + Send + Sync>;
/// A typed `respond_with_fn` closure, encoding its output: `Err` describes what went wrong.
type Responder = Arc<dyn Fn(&MockRequest) -> Result<Vec<u8>, String> + Send + Sync>;

/// What `#[must_use]` says of a rule or a step left without an answer.
macro_rules! no_answer_yet {
    () => {
        "a rule does nothing until it has an answer: give it .fail_with(..), .respond_with(..), \
         .respond_with_fn(..) or .delay(..)"
    };
}

/// A rule being written, from [`MockOrganizations::on`](crate::MockOrganizations::on),
/// [`on_any`](crate::MockOrganizations::on_any) or
/// [`on_sts`](crate::MockOrganizations::on_sts): what it matches, and no
/// answer yet. It becomes a [`MockRule`] when it gets one:
/// [`fail_with`](Self::fail_with), [`respond_with`](Self::respond_with),
/// [`respond_with_fn`](Self::respond_with_fn) or [`delay`](Self::delay) (a
/// delay alone is an answer: the model's, late).
///
/// A rule without an answer would let its calls through to the model, so
/// counting it makes no sense, and does not compile (no method `times`):
///
/// ```compile_fail,E0599
/// use aws_organizations_mock::aws_sdk_organizations::Client;
/// let mock = aws_organizations_mock::MockOrganizations::new();
/// mock.on(Client::create_account).times(1); // fail_with(..) forgotten
/// ```
///
/// A builder dropped without an answer (`mock.on(Client::create_account);`,
/// a `#[must_use]` warning) fails [`verify`](crate::MockOrganizations::verify):
/// "the rule on CreateAccount has no answer".
#[must_use = no_answer_yet!()]
pub struct MockRuleBuilder<O> {
    rule: MockRule<O>,
}

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
    rule: MockRule<O>,
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
    rule: Arc<Rule>,
    operation: PhantomData<fn() -> O>,
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

impl<O> std::fmt::Debug for MockRuleBuilder<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("MockRuleBuilder").field(&self.rule).finish()
    }
}

impl<O> std::fmt::Debug for MockRuleStep<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("MockRuleStep").field(&self.rule).finish()
    }
}

pub(crate) struct Rule {
    operation: Option<Operation>,
    /// The errors the operation's model lists (beside the common ones);
    /// `None` for a rule on any operation, whose faults are checked per call.
    errors: Option<&'static [&'static str]>,
    /// Where the test wrote the rule.
    pub(crate) location: &'static Location<'static>,
    /// Its id and the JSON it was posted as, when it came over the wire
    /// (`POST /_mock/rules`) instead.
    pub(crate) wire: std::sync::OnceLock<(u64, serde_json::Value)>,
    /// The sequence number of the first call recorded after it was written.
    pub(crate) since: u64,
    pub(crate) state: Mutex<RuleState>,
}

#[derive(Default)]
pub(crate) struct RuleState {
    pub(crate) predicate: Option<Matcher>,
    pub(crate) account: Option<String>,
    pub(crate) skip: u32,
    /// Calls in scope for which the predicate held, `after`'s included.
    pub(crate) seen: u32,
    pub(crate) steps: Vec<Step>,
    /// The operations a fault of this rule on any operation was refused for
    /// (each reported once).
    refused: Vec<Operation>,
    /// The chance that it answers a call it could answer, and the state of
    /// its seeded draws (`src/calls/chance.rs`); `None`: every call.
    pub(crate) chance: Option<Chance>,
    /// Calls it could have answered that its chance let through.
    pub(crate) declined: u32,
}

#[derive(Clone)]
enum Answer {
    Fault(MockError),
    Body(bytes::Bytes),
    Respond(Responder),
}

/// How many calls a step answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Count {
    /// Exactly this many (at least one).
    Exactly(u32),
    /// Every matching call from then on, at least one.
    Always,
    /// Every matching call from then on, maybe none.
    AnyNumber,
}

impl Count {
    /// The method that sets it, as the user wrote it.
    pub(crate) fn method(self) -> String {
        match self {
            Count::Exactly(n) => format!("times({n})"),
            Count::Always => "always()".into(),
            Count::AnyNumber => "any_number_of_times()".into(),
        }
    }
}

pub(crate) struct Step {
    answer: Option<Answer>,
    delay: Option<Duration>,
    pub(crate) count: Count,
    pub(crate) applied: u32,
}

impl Step {
    fn new() -> Self {
        Step {
            answer: None,
            delay: None,
            count: Count::Exactly(1),
            applied: 0,
        }
    }

    /// Whether it answers at all: with a fault, an output or a delay.
    pub(crate) fn has_answer(&self) -> bool {
        self.answer.is_some() || self.delay.is_some()
    }

    /// Whether it still answers calls.
    fn open(&self) -> bool {
        match self.count {
            Count::Exactly(n) => self.applied < n,
            Count::Always | Count::AnyNumber => true,
        }
    }

    pub(crate) fn describe(&self) -> String {
        match &self.answer {
            None if self.delay.is_some() => "the model's answer, delayed".to_string(),
            None => "no answer".to_string(),
            Some(Answer::Fault(fault)) => fault.describe(),
            Some(Answer::Body(_) | Answer::Respond(_)) => "a typed response".to_string(),
        }
    }
}

/// What a rule does to one call: how it is answered and how late.
pub(crate) struct Action {
    /// `None`: the model answers.
    pub(crate) reaction: Option<Reaction>,
    pub(crate) delay: Option<Duration>,
    /// What went wrong in a `respond_with_fn` closure, for `verify`.
    pub(crate) problem: Option<String>,
}

/// How a rule answers a call instead of the model.
pub(crate) enum Reaction {
    Fault(MockError),
    /// A 200 with this body (from `respond_with`).
    Respond(bytes::Bytes),
}

/// The errors the model (or, for STS, the SDK and the ledger) lists for
/// `operation`; an operation the mock does not know has none.
fn errors_of(operation: Operation) -> &'static [&'static str] {
    match operation {
        Operation::Sts(action) => action.errors(),
        Operation::Unknown => &[],
        other => organizations_errors(other.as_str()).unwrap_or_default(),
    }
}

impl<O> MockRuleBuilder<O> {
    /// A rule on `operation` (`None`: any), whose model lists `errors`
    /// (`None`: checked per call), written at `location` when the next
    /// recorded call would have sequence number `since`.
    pub(crate) fn new(
        operation: Option<Operation>,
        errors: Option<&'static [&'static str]>,
        location: &'static Location<'static>,
        since: u64,
    ) -> (Self, Arc<Rule>) {
        let rule = Arc::new(Rule {
            operation,
            errors,
            location,
            wire: std::sync::OnceLock::new(),
            since,
            state: Mutex::new(RuleState {
                steps: vec![Step::new()],
                ..RuleState::default()
            }),
        });
        let handle = MockRule {
            rule: rule.clone(),
            operation: PhantomData,
        };
        (MockRuleBuilder { rule: handle }, rule)
    }

    /// Applies only to calls made as `account_id`.
    pub fn from_account(self, account_id: &str) -> Self {
        MockRuleBuilder {
            rule: self.rule.from_account(account_id),
        }
    }

    /// Lets the first `n` matching calls through before the first step.
    pub fn after(self, n: u32) -> Self {
        MockRuleBuilder {
            rule: self.rule.after(n),
        }
    }

    /// Answers with `error` instead of running the operation: a
    /// [`MockError`], or the operation's own modeled error built with the
    /// SDK's builders (e.g. `CreateAccountError::ConstraintViolationException(..)`
    /// for `Client::create_account`). Once by default; see [`MockRule::times`].
    ///
    /// # Panics
    /// When the operation cannot answer `error`: an exception its model does
    /// not list (beside the errors common to every AWS call), or a reason the
    /// SDK does not know. The message names the operation's errors, or the
    /// closest reasons. Raw HTTP answers, timeouts and io errors are
    /// always allowed.
    #[track_caller]
    pub fn fail_with(self, error: impl IntoFault<O>) -> MockRule<O> {
        self.rule.fail_with(error)
    }

    /// Holds the answer back for `delay` (see [`MockRule::delay`]); alone,
    /// the model answers, late.
    pub fn delay(self, delay: Duration) -> MockRule<O> {
        self.rule.delay(delay)
    }
}

/// The pieces a rule written as data (`POST /_mock/rules`) is built from,
/// beside the public ones: the same rule, the same engine.
impl<O> MockRuleBuilder<O> {
    /// Answers with `body`, an output already checked against the
    /// operation's output shape and encoded as the model's answers are.
    pub(crate) fn respond_with_body(self, body: Vec<u8>) -> MockRule<O> {
        self.rule.answer(Answer::Body(body.into()))
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

impl<O: SdkOperation> MockRuleBuilder<O> {
    /// Applies only to calls whose input, decoded into the SDK's input type
    /// (e.g. `CreateAccountInput`), satisfies `predicate`.
    pub fn when(self, predicate: impl Fn(&O::Input) -> bool + Send + Sync + 'static) -> Self {
        MockRuleBuilder {
            rule: self.rule.when(predicate),
        }
    }

    /// Answers with `output` instead of the model's answer (see [`MockRule::respond_with`]).
    pub fn respond_with(self, output: O::Output) -> MockRule<O> {
        self.rule.respond_with(output)
    }

    /// Answers with the output `respond` makes from the call's typed input
    /// (see [`MockRule::respond_with_fn`]).
    pub fn respond_with_fn(self, respond: impl Fn(&O::Input) -> O::Output + Send + Sync + 'static) -> MockRule<O> {
        self.rule.respond_with_fn(respond)
    }
}

impl MockRuleBuilder<AnyOperation> {
    /// Applies only to calls for which `predicate` holds; it sees the
    /// request of any operation.
    pub fn when(self, predicate: impl Fn(&MockRequest) -> bool + Send + Sync + 'static) -> Self {
        MockRuleBuilder {
            rule: self.rule.when(predicate),
        }
    }
}

impl<O> MockRuleStep<O> {
    /// This step answers with `error` (see [`MockRuleBuilder::fail_with`]).
    ///
    /// # Panics
    /// As [`MockRuleBuilder::fail_with`].
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

    fn answer(self, answer: Answer) -> Self {
        self.edit_step(|s| s.answer = Some(answer))
    }

    /// Applies only to calls made as `account_id`.
    pub fn from_account(self, account_id: &str) -> Self {
        let account = account_id.to_string();
        self.edit(|s| s.account = Some(account))
    }

    /// This step answers with `error` instead of the one it had (see
    /// [`MockRuleBuilder::fail_with`]).
    ///
    /// # Panics
    /// As [`MockRuleBuilder::fail_with`].
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

impl Rule {
    /// Where it came from, as messages say it: "written at FILE:LINE:COL",
    /// or "posted as rule N to /_mock/rules".
    pub(crate) fn written(&self) -> String {
        match self.wire.get() {
            Some((id, _)) => format!("posted as rule {id} to /_mock/rules"),
            None => format!("written at {}", self.location),
        }
    }

    /// How many calls it has answered so far, all steps together.
    pub(crate) fn applied(&self) -> u32 {
        lock(&self.state).steps.iter().map(|s| s.applied).sum()
    }

    pub(crate) fn name(&self) -> &'static str {
        self.operation.map_or("any operation", Operation::as_str)
    }

    pub(crate) fn operation(&self) -> Option<Operation> {
        self.operation
    }

    /// What this rule does to `request`, counting it; `Err` carries the
    /// message of a predicate that panicked, or of a fault the request's
    /// operation cannot answer (a rule on any operation): the rule does not
    /// apply to that call.
    pub(crate) fn apply(&self, request: &MockRequest) -> Result<Option<Action>, String> {
        let predicate = {
            let s = lock(&self.state);
            if !in_scope(self.operation, s.account.as_deref(), request) {
                return Ok(None);
            }
            s.predicate.clone()
        };
        // Called without any lock held: the predicate may use the mock.
        if let Some(predicate) = predicate {
            if !predicate(request)? {
                return Ok(None);
            }
        }
        let (answer, delay) = {
            let mut s = lock(&self.state);
            s.seen += 1;
            if s.seen <= s.skip {
                return Ok(None);
            }
            let Some(at) = s.steps.iter().position(Step::open) else {
                return Ok(None);
            };
            if !s.steps[at].has_answer() {
                return Ok(None);
            }
            if let (None, Some(Answer::Fault(fault))) = (self.errors, &s.steps[at].answer) {
                let operation = request.operation();
                if let Some(why) = fault.refusal(request.target(), errors_of(operation)) {
                    if s.refused.contains(&operation) {
                        return Ok(None);
                    }
                    s.refused.push(operation);
                    return Err(format!(
                        "the rule on any operation {} let a {} call through: {why}",
                        self.written(),
                        request.target()
                    ));
                }
            }
            if s.chance.as_mut().is_some_and(|chance| !chance.draw()) {
                s.declined += 1;
                return Ok(None);
            }
            let step = &mut s.steps[at];
            step.applied += 1;
            (step.answer.clone(), step.delay)
        };
        let reaction = match answer {
            None => None,
            Some(Answer::Fault(fault)) => Some(Reaction::Fault(fault)),
            Some(Answer::Body(body)) => Some(Reaction::Respond(body)),
            Some(Answer::Respond(respond)) => match respond(request) {
                Ok(body) => Some(Reaction::Respond(body.into())),
                Err(why) => {
                    let problem = format!(
                        "the respond_with_fn closure of the rule on {} ({}) could not answer: {why}",
                        self.name(),
                        self.written()
                    );
                    let fault = MockError::api(ApiError::new("ServiceException", problem.clone()));
                    return Ok(Some(Action {
                        reaction: Some(Reaction::Fault(fault)),
                        delay,
                        problem: Some(problem),
                    }));
                }
            },
        };
        Ok(Some(Action {
            reaction,
            delay,
            problem: None,
        }))
    }

    /// Whether `request` is one this rule matches (scope and predicate),
    /// whatever its counts; a predicate that panics does not match.
    pub(crate) fn matches(&self, request: &MockRequest) -> bool {
        let (account, predicate) = {
            let s = lock(&self.state);
            (s.account.clone(), s.predicate.clone())
        };
        in_scope(self.operation, account.as_deref(), request) && predicate.is_none_or(|p| p(request).unwrap_or(false))
    }
}
