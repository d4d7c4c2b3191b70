//! Verification of a fault-injection rule: whether each of its steps has an
//! answer and answered as many calls as its count says, and, when one did
//! not, why no call reached it, found in the recorded calls.

use std::sync::Arc;

use crate::calls::faults::{Count, Matcher, Rule, RuleState};
use crate::calls::lock;
use crate::calls::predicate::in_scope;
use crate::calls::recording::RecordedCall;

/// The calls of a check: those recorded, the first with sequence number `first_seq`.
pub(crate) struct Recorded<'a> {
    pub(crate) calls: &'a [RecordedCall],
    pub(crate) first_seq: u64,
}

/// Why a rule is not met, in one word: what `GET /_mock/verify` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unmet {
    /// A step has no answer.
    NoAnswer,
    /// No call in its scope for which its `when` held came after it was written.
    NeverMatched,
    /// Calls matched, but it answered fewer than its count asks (its
    /// `after` or its probability let them through).
    FewerTimes,
    /// Calls matched, but an earlier rule answered them first.
    Shadowed,
}

impl Unmet {
    /// Its name on the wire.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Unmet::NoAnswer => "no_answer",
            Unmet::NeverMatched => "never_matched",
            Unmet::FewerTimes => "fewer_times",
            Unmet::Shadowed => "shadowed",
        }
    }
}

impl Rule {
    /// `Err` with a description when a step has no answer, or answered fewer
    /// calls than its count says (`always()`: none). The description names
    /// the rule, where it was written and its filters, and says why calls
    /// did not reach it; `earlier` are the rules written before it, which
    /// may have answered its calls first. With the description goes why
    /// the rule is not met, in one word ([`Unmet`]).
    pub(crate) fn check_why(&self, recorded: &Recorded<'_>, earlier: &[Arc<Rule>]) -> Result<(), (Unmet, String)> {
        let (failure, needs_why, filters, account, predicate, seen, skip, declined) = {
            let s = lock(&self.state);
            let Some((failure, needs_why)) = self.failed_step(&s) else {
                return Ok(());
            };
            (
                failure,
                needs_why,
                filters(&s),
                s.account.clone(),
                s.predicate.clone(),
                s.seen,
                s.skip,
                s.declined,
            )
        };
        let mut message = format!("{failure}\n    rule {}; {filters}", self.written());
        let mut unmet = Unmet::NoAnswer;
        if needs_why {
            let silent = Silent {
                account: account.as_deref(),
                predicate: predicate.as_ref(),
                seen,
                skip,
                declined,
            };
            let (why, text) = self.why_silent(recorded, earlier, &silent);
            unmet = why;
            message.push_str(&format!("\n    why: {text}"));
        }
        Err((unmet, message))
    }

    /// The first step that failed, described, and whether to say why no call
    /// reached it (not for a step without an answer).
    fn failed_step(&self, s: &RuleState) -> Option<(String, bool)> {
        let which = |i: usize| {
            if s.steps.len() > 1 {
                format!(", step {}", i + 1)
            } else {
                String::new()
            }
        };
        if let Some(i) = s.steps.iter().position(|step| !step.has_answer()) {
            return Some((
                format!(
                    "the rule on {}{} has no answer: give it .fail_with(..), .respond_with(..), \
                     .respond_with_fn(..) or .delay(..); without one it answers no call",
                    self.name(),
                    which(i)
                ),
                false,
            ));
        }
        s.steps.iter().enumerate().find_map(|(i, step)| {
            let expected = match step.count {
                Count::Exactly(n) if step.applied < n => format!("exactly {n} call(s)"),
                Count::Always if step.applied == 0 => "at least 1 call (always())".to_string(),
                _ => return None,
            };
            Some((
                format!(
                    "the rule on {}{} ({}): expected to answer {expected}, answered {}",
                    self.name(),
                    which(i),
                    step.describe(),
                    step.applied
                ),
                true,
            ))
        })
    }

    /// Why too few calls reached this rule, from the calls recorded after it
    /// was written: none of its operation came, none from its account, its
    /// `when` held for none, earlier rules answered them, or `after` let
    /// them through.
    fn why_silent(&self, recorded: &Recorded<'_>, earlier: &[Arc<Rule>], rule: &Silent<'_>) -> (Unmet, String) {
        let skip = usize::try_from(self.since.saturating_sub(recorded.first_seq)).unwrap_or(usize::MAX);
        let later = recorded.calls.get(skip..).unwrap_or_default();
        let what = self.operation().map_or(String::new(), |op| format!("{op} "));
        let of_operation: Vec<&RecordedCall> = later
            .iter()
            .filter(|c| in_scope(self.operation(), None, c.as_request()))
            .collect();
        if of_operation.is_empty() {
            return (
                Unmet::NeverMatched,
                format!("no {what}call was received after it was written"),
            );
        }
        let mine: Vec<&RecordedCall> = of_operation
            .iter()
            .copied()
            .filter(|c| in_scope(None, rule.account, c.as_request()))
            .collect();
        if let (true, Some(account)) = (mine.is_empty(), rule.account) {
            let mut callers: Vec<&str> = of_operation.iter().map(|c| c.caller()).collect();
            callers.sort_unstable();
            callers.dedup();
            return (
                Unmet::NeverMatched,
                format!(
                    "{} {what}call(s) were received after it was written, none made as {account} (its from_account); \
                     they were made as {}",
                    of_operation.len(),
                    callers.join(", ")
                ),
            );
        }
        let matching: Vec<&RecordedCall> = mine
            .iter()
            .copied()
            .filter(|c| rule.predicate.is_none_or(|p| p(c.as_request()).unwrap_or(false)))
            .collect();
        if matching.is_empty() {
            return (
                Unmet::NeverMatched,
                format!(
                    "{} {what}call(s) in its scope were received after it was written; its `when` held for none of them",
                    mine.len()
                ),
            );
        }
        let shadowed = matching.len().saturating_sub(rule.seen as usize);
        if shadowed > 0 {
            let mut answered_by: Vec<String> = Vec::new();
            for other in earlier {
                if matching.iter().any(|c| other.matches(c.as_request())) {
                    answered_by.push(format!("the rule on {} {}", other.name(), other.written()));
                }
            }
            return (
                Unmet::Shadowed,
                format!(
                    "{shadowed} of its {} matching call(s) never reached it: an earlier rule answered them first ({})",
                    matching.len(),
                    answered_by.join("; ")
                ),
            );
        }
        if rule.seen <= rule.skip {
            return (
                Unmet::FewerTimes,
                format!(
                    "its after({}) let all {} matching call(s) through; it answers from call {} on",
                    rule.skip,
                    rule.seen,
                    rule.skip + 1
                ),
            );
        }
        let declined = if rule.declined > 0 {
            format!(", {} by its probability", rule.declined)
        } else {
            String::new()
        };
        (
            Unmet::FewerTimes,
            format!(
                "{} matching call(s) were received after it was written, {} of them let through by after({}){declined}",
                matching.len(),
                rule.skip.min(rule.seen),
                rule.skip
            ),
        )
    }
}

/// What a rule matches, and how many calls reached it.
struct Silent<'a> {
    account: Option<&'a str>,
    predicate: Option<&'a Matcher>,
    seen: u32,
    skip: u32,
    /// Calls its probability let through.
    declined: u32,
}

/// The filters of a rule, as the user wrote them.
fn filters(s: &RuleState) -> String {
    let mut filters = Vec::new();
    if let Some(account) = &s.account {
        filters.push(format!("from_account({account})"));
    }
    if s.predicate.is_some() {
        filters.push("when(..)".to_string());
    }
    if s.skip > 0 {
        filters.push(format!("after({})", s.skip));
    }
    if let Some(chance) = &s.chance {
        filters.push(format!("probability {}", chance.probability()));
    }
    if filters.is_empty() {
        "no filters".to_string()
    } else {
        format!("filters: {}", filters.join(", "))
    }
}
