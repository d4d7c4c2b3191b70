//! [`MockRuleBuilder`]: a rule being written, what it matches and no answer
//! yet; it becomes a [`MockRule`] when it gets one.

use std::marker::PhantomData;
use std::panic::Location;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::calls::faults::mock_rule::MockRule;
use crate::calls::faults::rule::{Rule, RuleState};
use crate::calls::faults::steps::{Answer, Step};
use crate::calls::operation::Operation;
use crate::calls::recording::MockRequest;
use crate::calls::typed::{AnyOperation, IntoFault, SdkOperation};

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

impl<O> std::fmt::Debug for MockRuleBuilder<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("MockRuleBuilder").field(&self.rule).finish()
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
    /// [`MockError`](crate::MockError), or the operation's own modeled error built with the
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
