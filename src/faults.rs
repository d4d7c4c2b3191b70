//! Fault injection: rules that make the mock misbehave, or answer for the
//! model, on purpose.
//!
//! A rule ([`MockRule`], from [`MockOrganizations::on`](crate::MockOrganizations::on)
//! or [`on_any`](crate::MockOrganizations::on_any)) matches calls by operation,
//! caller and an optional typed predicate, and answers them in steps: a
//! [`MockError`] or the operation's own modeled error, a typed output, and/or
//! a delay. The transport applies rules before the world is touched, so a
//! call answered by a rule did not happen.

use std::marker::PhantomData;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::codec;
use crate::error::ApiError;
use crate::mock_error::MockError;
use crate::operation::Operation;
use crate::predicate::{in_scope, lock, panic_message, run_predicate, typed_matcher};
use crate::recording::MockRequest;
use crate::typed::{AnyOperation, IntoFault, SdkOperation};

/// A predicate with its input already decoded: `Err` describes a panic.
type Matcher = Arc<dyn Fn(&MockRequest) -> Result<bool, String> + Send + Sync>;
/// A typed `respond_with_fn` closure, encoding its output: `Err` describes what went wrong.
type Responder = Arc<dyn Fn(&MockRequest) -> Result<Vec<u8>, String> + Send + Sync>;

/// A fault-injection rule, registered as soon as it is made; its methods
/// configure it in place. `O` is the operation, named by the client's method.
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
/// mock.on_any().delay(Duration::from_millis(200)).after(3).always();
/// mock.verify();
/// # }
/// ```
///
/// - A rule applies to calls of its operation (any operation for `on_any`),
///   from [`from_account`](Self::from_account) if set, for which its
///   [`when`](Self::when) predicate holds.
/// - It lets the first [`after`](Self::after) matching calls through, then
///   answers in steps: each step answers the next [`times`](Self::times)
///   matching calls (once by default, or every one with
///   [`always`](Self::always)); [`then`](Self::then) starts the next step.
///   When the last step is done, the rule no longer applies and the model
///   answers. A step with no answer and no delay lets its calls through to
///   the model.
/// - **Counts mean exactly, as for expectations**: a step with `times(n)`
///   must answer exactly `n` calls; [`verify`](crate::MockOrganizations::verify)
///   (and dropping the last handle) fails when it answered fewer, so a rule
///   that never fires cannot go unnoticed. `always()` answers any number.
/// - Rules are evaluated in the order they were added; the first that applies
///   answers the call.
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
            .field("operation", &self.rule.operation)
            .field("applied", &self.applied())
            .finish_non_exhaustive()
    }
}

pub(crate) struct Rule {
    operation: Option<Operation>,
    state: Mutex<RuleState>,
}

#[derive(Default)]
struct RuleState {
    predicate: Option<Matcher>,
    account: Option<String>,
    skip: u32,
    seen: u32,
    steps: Vec<Step>,
}

#[derive(Clone)]
enum Answer {
    Fault(MockError),
    Body(bytes::Bytes),
    Respond(Responder),
}

struct Step {
    answer: Option<Answer>,
    delay: Option<Duration>,
    /// `None`: always.
    limit: Option<u32>,
    applied: u32,
}

impl Step {
    fn new() -> Self {
        Step {
            answer: None,
            delay: None,
            limit: Some(1),
            applied: 0,
        }
    }

    fn describe(&self) -> String {
        match &self.answer {
            None if self.delay.is_some() => "the model's answer, delayed".to_string(),
            None => "the model's answer".to_string(),
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

impl<O> MockRule<O> {
    pub(crate) fn new(operation: Option<Operation>) -> (Self, Arc<Rule>) {
        let rule = Arc::new(Rule {
            operation,
            state: Mutex::new(RuleState {
                steps: vec![Step::new()],
                ..RuleState::default()
            }),
        });
        (
            MockRule {
                rule: rule.clone(),
                operation: PhantomData,
            },
            rule,
        )
    }

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

    /// Applies only to calls made as `account_id`.
    pub fn from_account(self, account_id: &str) -> Self {
        let account = account_id.to_string();
        self.edit(|s| s.account = Some(account))
    }

    /// Answers with `error` instead of running the operation: a
    /// [`MockError`], or the operation's own modeled error built with the
    /// SDK's builders (e.g. `CreateAccountError::ConstraintViolationException(..)`
    /// for `Client::create_account`).
    pub fn fail_with(self, error: impl IntoFault<O>) -> Self {
        let fault = error.into_fault();
        self.edit_step(|s| s.answer = Some(Answer::Fault(fault)))
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
    pub fn times(self, n: u32) -> Self {
        self.edit_step(|s| s.limit = Some(n))
    }

    /// This step answers every matching call from now on.
    pub fn always(self) -> Self {
        self.edit_step(|s| s.limit = None)
    }

    /// Starts the next step: the calls after this step's are answered by the
    /// next, e.g. `.fail_with(MockError::throttling()).times(2).then().respond_with(output)`.
    pub fn then(self) -> Self {
        self.edit(|s| s.steps.push(Step::new()))
    }

    /// Lets the first `n` matching calls through before the first step.
    pub fn after(self, n: u32) -> Self {
        self.edit(|s| s.skip = n)
    }

    /// How many calls this rule has answered so far, all steps together.
    pub fn applied(&self) -> u32 {
        lock(&self.rule.state).steps.iter().map(|s| s.applied).sum()
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

    /// Answers with `output` instead of the model's answer, encoded as the
    /// model's answers are (e.g. a `DescribeCreateAccountStatusOutput` with a
    /// `FAILED` status).
    pub fn respond_with(self, output: O::Output) -> Self {
        let answer = match codec::encode(&output) {
            Ok(body) => Answer::Body(body.into()),
            Err(err) => Answer::Fault(MockError::api(err)),
        };
        self.edit_step(|s| s.answer = Some(answer))
    }

    /// Answers with the output `respond` makes from the call's typed input.
    /// A closure that panics answers `ServiceException`, and `verify` reports it.
    pub fn respond_with_fn(self, respond: impl Fn(&O::Input) -> O::Output + Send + Sync + 'static) -> Self {
        let responder: Responder = Arc::new(move |request: &MockRequest| {
            let input = O::decode_input(request.request_body()).map_err(|e| e.to_string())?;
            let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| respond(&input)))
                .map_err(|p| format!("panicked: {}", panic_message(p.as_ref())))?;
            codec::encode(&output).map_err(|e| e.to_string())
        });
        self.edit_step(|s| s.answer = Some(Answer::Respond(responder)))
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
    fn name(&self) -> &'static str {
        self.operation.map_or("any operation", Operation::as_str)
    }

    /// What this rule does to `request`, counting it; `Err` carries the
    /// message of a predicate that panicked.
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
            let Some(step) = s.steps.iter_mut().find(|s| s.limit.is_none_or(|l| s.applied < l)) else {
                return Ok(None);
            };
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
                        "the respond_with_fn closure of the rule on {} could not answer: {why}",
                        self.name()
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

    /// `Err` when a step with a count answered fewer calls than it says.
    pub(crate) fn check(&self) -> Result<(), String> {
        let s = lock(&self.state);
        let numbered = s.steps.len() > 1;
        for (i, step) in s.steps.iter().enumerate() {
            if let Some(limit) = step.limit.filter(|&l| step.applied < l) {
                let which = if numbered {
                    format!(", step {}", i + 1)
                } else {
                    String::new()
                };
                return Err(format!(
                    "the rule on {}{which} ({}): expected to answer exactly {limit} call(s), answered {}",
                    self.name(),
                    step.describe(),
                    step.applied
                ));
            }
        }
        Ok(())
    }
}
