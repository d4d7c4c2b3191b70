//! Fault injection: rules that make the mock misbehave, or answer for the
//! model, on purpose.
//!
//! A rule ([`MockRule`], written from [`MockOrganizations::on`](crate::MockOrganizations::on)
//! or [`on_any`](crate::MockOrganizations::on_any) through a [`MockRuleBuilder`])
//! matches calls by operation, caller and an optional typed predicate, and
//! answers them in steps: a [`MockError`](crate::MockError) or the operation's own modeled
//! error, a typed output, and/or a delay. The transport applies rules before
//! the world is touched, so a call answered by a rule did not happen.
//!
//! A rule that cannot act is refused where it is written, and one that did
//! not act fails verification, naming why (`src/calls/rule_check.rs`).
//!
//! The pieces: the builder a rule is written with ([`builder`]), the rule's
//! public handle and its next step ([`mock_rule`]), the shared record the
//! transport consults ([`rule`]), the steps and their answers ([`steps`]),
//! and what a rule does to one call ([`matching`]).

/// What `#[must_use]` says of a rule or a step left without an answer.
macro_rules! no_answer_yet {
    () => {
        "a rule does nothing until it has an answer: give it .fail_with(..), .respond_with(..), \
         .respond_with_fn(..) or .delay(..)"
    };
}

pub(crate) mod builder;
pub(crate) mod matching;
pub(crate) mod mock_rule;
pub(crate) mod rule;
pub(crate) mod steps;

pub use builder::MockRuleBuilder;
pub(crate) use matching::{Action, Reaction};
pub use mock_rule::{MockRule, MockRuleStep};
pub(crate) use rule::{Matcher, Rule, RuleState};
pub(crate) use steps::Count;
