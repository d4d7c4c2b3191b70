//! A rule's steps: how many calls each answers ([`Count`]) and with what
//! ([`Step`]): a fault, a typed output (given, or made by a closure), and/or
//! a delay.

use std::sync::Arc;
use std::time::Duration;

use crate::calls::mock_error::MockError;
use crate::calls::recording::MockRequest;

/// A typed `respond_with_fn` closure, encoding its output: `Err` describes what went wrong.
pub(super) type Responder = Arc<dyn Fn(&MockRequest) -> Result<Vec<u8>, String> + Send + Sync>;

#[derive(Clone)]
pub(super) enum Answer {
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
    pub(super) answer: Option<Answer>,
    pub(super) delay: Option<Duration>,
    pub(crate) count: Count,
    pub(crate) applied: u32,
}

impl Step {
    pub(super) fn new() -> Self {
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
    pub(super) fn open(&self) -> bool {
        match self.count {
            Count::Exactly(n) => self.applied < n,
            Count::Always | Count::AnyNumber => true,
        }
    }

    /// What the step answers with. Only a step with an answer is described
    /// (verification reports a step without one before it counts calls), so
    /// a step with no answer of its own is a delay of the model's.
    pub(crate) fn describe(&self) -> String {
        match &self.answer {
            None => "the model's answer, delayed".to_string(),
            Some(Answer::Fault(fault)) => fault.describe(),
            Some(Answer::Body(_) | Answer::Respond(_)) => "a typed response".to_string(),
        }
    }
}
