//! The state every handle, client and transport of one mock shares: the
//! world, the recorded calls, the rules and the expectations.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::calls::call_log::{CallLog, CallPage};
use crate::calls::expect::ExpectationData;
use crate::calls::faults::{Action, Rule};
use crate::calls::lock;
use crate::calls::recording::{MockRequest, RecordedCall};
use crate::calls::rule_check::Recorded;
use crate::world::{Settings, World};

/// The state every handle, client and transport of one mock shares.
pub(crate) struct Shared {
    world: Mutex<World>,
    pub(crate) calls: Mutex<CallLog>,
    pub(crate) default_account: String,
    request_ids: AtomicU64,
    pub(crate) rules: Mutex<Vec<Arc<Rule>>>,
    pub(crate) expectations: Mutex<Vec<Arc<ExpectationData>>>,
    /// Predicates that panicked, reported by `verify`.
    pub(crate) problems: Mutex<Vec<String>>,
    /// Delayed responses not yet delivered; while there are any, the SDK's
    /// sleeps wait on tokio's clock instead of completing at once.
    pub(crate) delays_in_flight: AtomicUsize,
    /// The settings the mock was built with, for `reset`.
    initial_settings: Settings,
    /// The ids handed to rules posted over the wire so far.
    wire_rule_ids: AtomicU64,
}

impl Shared {
    pub(crate) fn new(world: World, max_recorded_calls: Option<usize>) -> Self {
        Shared {
            default_account: world.settings().default_account_id.clone(),
            initial_settings: world.settings().clone(),
            world: Mutex::new(world),
            calls: Mutex::new(CallLog::new(max_recorded_calls)),
            request_ids: AtomicU64::new(0),
            rules: Mutex::new(Vec::new()),
            expectations: Mutex::new(Vec::new()),
            problems: Mutex::new(Vec::new()),
            delays_in_flight: AtomicUsize::new(0),
            wire_rule_ids: AtomicU64::new(0),
        }
    }

    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    pub(crate) fn record(&self, call: RecordedCall) {
        lock(&self.calls).push(call);
    }

    /// Replaces the world with a fresh one built from the same settings, and
    /// forgets the recorded calls (freeing their memory).
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn reset(&self) {
        *self.world() = World::new(self.initial_settings.clone());
        lock(&self.calls).clear();
    }

    pub(crate) fn next_request_id(&self) -> String {
        let n = self.request_ids.fetch_add(1, Ordering::Relaxed) + 1;
        format!("00000000-0000-4000-8000-{n:012x}")
    }

    /// The first rule that applies to `request`, in the order rules were added.
    pub(crate) fn rule_for(&self, request: &MockRequest) -> Option<Action> {
        // A snapshot of the list: predicates run without the list locked.
        let rules = lock(&self.rules).clone();
        for rule in rules {
            match rule.apply(request) {
                Ok(Some(mut action)) => {
                    if let Some(problem) = action.problem.take() {
                        lock(&self.problems).push(problem);
                    }
                    return Some(action);
                }
                Ok(None) => {}
                Err(problem) => lock(&self.problems).push(problem),
            }
        }
        None
    }

    /// Counts a delayed response as in flight until the guard is dropped.
    pub(crate) fn delay_started(self: &Arc<Self>) -> DelayGuard {
        self.delays_in_flight.fetch_add(1, Ordering::SeqCst);
        DelayGuard { shared: self.clone() }
    }

    /// Every unmet expectation, every rule without an answer or that did not
    /// answer as many calls as its count says, and every panicked predicate,
    /// or `Ok`. The message lists every call received.
    pub(crate) fn check(&self) -> Result<(), String> {
        let (failures, CallPage { calls, dropped, .. }) = self.failures();
        if failures.is_empty() {
            return Ok(());
        }
        let mut message = format!("aws-organizations-mock: {} verification(s) failed:\n", failures.len());
        for failure in &failures {
            message.push_str(&format!("  - {}\n", failure.message));
        }
        message.push_str(&format!("Calls received ({}):\n", calls.len()));
        if dropped > 0 {
            message.push_str(&format!("  ({dropped} older calls dropped: see max_recorded_calls)\n"));
        }
        for (i, call) in calls.iter().enumerate() {
            message.push_str(&format!("  {}. {}\n", i + 1, call.summary()));
        }
        Err(message)
    }
}

/// One thing [`Shared::failures`] found unmet.
pub(crate) struct Failure {
    /// The rule it is about; `None` for an expectation or a problem.
    pub(crate) rule: Option<Arc<Rule>>,
    /// Why, in one word: a rule's [`Unmet`](crate::calls::rule_check::Unmet)
    /// name, `"expectation"` or `"problem"`.
    pub(crate) why: &'static str,
    /// What `verify` says of it.
    pub(crate) message: String,
}

impl Shared {
    /// What [`check`](Self::check) reports, one by one, in its order
    /// (expectations, rules, problems), and the calls it looked at.
    pub(crate) fn failures(&self) -> (Vec<Failure>, CallPage) {
        let page = lock(&self.calls).all();
        let expectations = lock(&self.expectations).clone();
        let rules = lock(&self.rules).clone();
        let mut failures: Vec<Failure> = expectations
            .iter()
            .filter_map(|e| e.check(&page.calls, page.first_seq).err())
            .map(|message| Failure {
                rule: None,
                why: "expectation",
                message,
            })
            .collect();
        let recorded = Recorded {
            calls: &page.calls,
            first_seq: page.first_seq,
        };
        for (i, rule) in rules.iter().enumerate() {
            if let Err((why, message)) = rule.check_why(&recorded, &rules[..i]) {
                failures.push(Failure {
                    rule: Some(rule.clone()),
                    why: why.as_str(),
                    message,
                });
            }
        }
        failures.extend(lock(&self.problems).iter().map(|message| Failure {
            rule: None,
            why: "problem",
            message: message.clone(),
        }));
        (failures, page)
    }

    /// The id of the next rule posted over the wire: 1, 2, ...
    pub(crate) fn next_wire_rule_id(&self) -> u64 {
        self.wire_rule_ids.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// Marks a delayed response in flight while it lives.
pub(crate) struct DelayGuard {
    shared: Arc<Shared>,
}

impl Drop for DelayGuard {
    fn drop(&mut self) {
        self.shared.delays_in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}
