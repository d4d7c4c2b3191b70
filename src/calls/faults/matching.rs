//! What a rule does to one call ([`Action`], [`Reaction`]): whether it is in
//! scope and its predicate holds, which step answers it, and with what.

use std::time::Duration;

use crate::calls::faults::rule::Rule;
use crate::calls::faults::steps::{Answer, Step};
use crate::calls::lock;
use crate::calls::mock_error::{organizations_errors, MockError};
use crate::calls::operation::Operation;
use crate::calls::predicate::in_scope;
use crate::calls::recording::MockRequest;
use crate::wire::error::ApiError;

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

impl Rule {
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
