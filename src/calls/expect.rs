//! Expectations: how often the code under test must call an operation,
//! checked by [`verify`](crate::MockOrganizations::verify) and when the
//! [`MockOrganizations`](crate::MockOrganizations) that owns them is dropped.

use std::marker::PhantomData;
use std::panic::Location;
use std::sync::{Arc, Mutex};

use crate::calls::lock;
use crate::calls::operation::Operation;
use crate::calls::outcome::OutcomeFilter;
use crate::calls::predicate::{in_scope, run_predicate, typed_matcher};
use crate::calls::recording::RecordedCall;
use crate::calls::typed::{AnyOperation, SdkOperation};

/// A predicate over a recorded call, its input already decoded: `Err` describes a panic.
type CallMatcher = Arc<dyn Fn(&RecordedCall) -> Result<bool, String> + Send + Sync>;

/// An expectation on the calls to one operation `O` (or to any), registered
/// as soon as it is made. Only calls received after it was made count.
///
/// ```
/// # use aws_organizations_mock::MockOrganizations;
/// use aws_organizations_mock::aws_sdk_organizations::Client;
/// let mock = MockOrganizations::new();
/// mock.expect(Client::create_account).times(2);
/// mock.expect(Client::close_account).never();
/// mock.expect(Client::list_accounts).from_account("222222222222").at_least(1);
/// mock.expect(Client::create_account).when(|input| input.account_name() == Some("audit")).times(1);
/// # mock.reset_expectations();
/// ```
///
/// The default, before any count is set, is "at least once". As for rules,
/// [`times(n)`](Self::times) means exactly `n`.
#[derive(Clone)]
pub struct Expectation<O> {
    inner: Arc<ExpectationData>,
    operation: PhantomData<fn() -> O>,
}

impl<O> std::fmt::Debug for Expectation<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Expectation")
            .field("operation", &self.inner.operation)
            .field("count", &lock(&self.inner.state).count)
            .finish_non_exhaustive()
    }
}

pub(crate) struct ExpectationData {
    operation: Option<Operation>,
    /// Calls recorded before the expectation was made (by sequence number) do not count.
    since: u64,
    /// Where the test wrote it.
    location: &'static Location<'static>,
    state: Mutex<ExpectationState>,
}

struct ExpectationState {
    count: Count,
    account: Option<String>,
    predicate: Option<CallMatcher>,
    outcome: Option<OutcomeFilter>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Count {
    Exactly(usize),
    AtLeast(usize),
    AtMost(usize),
}

impl Count {
    fn holds(self, n: usize) -> bool {
        match self {
            Count::Exactly(k) => n == k,
            Count::AtLeast(k) => n >= k,
            Count::AtMost(k) => n <= k,
        }
    }

    fn describe(self) -> String {
        let calls = |k: usize| {
            if k == 1 {
                "1 call".to_string()
            } else {
                format!("{k} calls")
            }
        };
        match self {
            Count::Exactly(0) => "no calls".into(),
            Count::Exactly(k) => format!("exactly {}", calls(k)),
            Count::AtLeast(k) => format!("at least {}", calls(k)),
            Count::AtMost(k) => format!("at most {}", calls(k)),
        }
    }
}

impl<O> Expectation<O> {
    pub(crate) fn new(
        operation: Option<Operation>,
        since: u64,
        location: &'static Location<'static>,
    ) -> (Self, Arc<ExpectationData>) {
        let inner = Arc::new(ExpectationData {
            operation,
            since,
            location,
            state: Mutex::new(ExpectationState {
                count: Count::AtLeast(1),
                account: None,
                predicate: None,
                outcome: None,
            }),
        });
        (
            Expectation {
                inner: inner.clone(),
                operation: PhantomData,
            },
            inner,
        )
    }

    fn edit(self, f: impl FnOnce(&mut ExpectationState)) -> Self {
        f(&mut lock(&self.inner.state));
        self
    }

    /// Exactly `n` matching calls.
    pub fn times(self, n: usize) -> Self {
        self.edit(|s| s.count = Count::Exactly(n))
    }

    /// At least `n` matching calls.
    pub fn at_least(self, n: usize) -> Self {
        self.edit(|s| s.count = Count::AtLeast(n))
    }

    /// At most `n` matching calls.
    pub fn at_most(self, n: usize) -> Self {
        self.edit(|s| s.count = Count::AtMost(n))
    }

    /// No matching call at all.
    pub fn never(self) -> Self {
        self.times(0)
    }

    /// Counts only the calls made as `account_id`.
    pub fn from_account(self, account_id: &str) -> Self {
        let account = account_id.to_string();
        self.edit(|s| s.account = Some(account))
    }

    fn set_predicate(self, matcher: CallMatcher) -> Self {
        self.edit(|s| s.predicate = Some(matcher))
    }

    /// Counts only the calls that succeeded (HTTP 2xx), the model's answers
    /// and a rule's `respond_with` alike. Replaces an earlier outcome filter
    /// (`failed`, `failed_with`, ...).
    ///
    /// ```
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.expect(Client::tag_resource).succeeded().times(1);
    /// # mock.reset_expectations();
    /// ```
    pub fn succeeded(self) -> Self {
        self.edit(|s| s.outcome = Some(OutcomeFilter::succeeded()))
    }

    /// Counts only the calls that failed: an error answer (the model's or
    /// a rule's), a raw HTTP answer that is not 2xx, or a transport failure.
    /// Replaces an earlier outcome filter.
    pub fn failed(self) -> Self {
        self.edit(|s| s.outcome = Some(OutcomeFilter::failed()))
    }
}

impl<O: SdkOperation> Expectation<O> {
    /// Counts only the calls whose input, decoded into the SDK's input type
    /// (e.g. `CreateAccountInput`), satisfies `predicate`.
    pub fn when(self, predicate: impl Fn(&O::Input) -> bool + Send + Sync + 'static) -> Self {
        let matcher = typed_matcher::<O>(predicate, |_| format!("the expectation on {}", O::NAME));
        self.set_predicate(Arc::new(move |call: &RecordedCall| matcher(call.as_request())))
    }

    /// Counts only the calls that succeeded with an output, as the SDK
    /// decoded it (e.g. `CreateAccountOutput`), for which `predicate` holds.
    /// Replaces an earlier outcome filter.
    ///
    /// ```
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.expect(Client::create_organization)
    ///     .succeeded_with(|output| output.organization().is_some())
    ///     .at_most(1);
    /// ```
    pub fn succeeded_with(self, predicate: impl Fn(&O::Output) -> bool + Send + Sync + 'static) -> Self {
        self.edit(|s| s.outcome = Some(OutcomeFilter::succeeded_with::<O>(predicate)))
    }

    /// Counts only the calls that failed with an error, as the SDK decoded
    /// it into the operation's own error type (e.g. `CreateAccountError`),
    /// for which `predicate` holds; the SDK's `is_*` methods name the error,
    /// so a misspelt one does not compile. Injected faults count; a raw HTTP
    /// answer or a transport failure is the error's unhandled variant.
    /// Replaces an earlier outcome filter.
    ///
    /// ```
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.expect(Client::create_account)
    ///     .failed_with(|e| e.is_constraint_violation_exception())
    ///     .never();
    /// ```
    ///
    /// An error that the operation does not have does not compile:
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.expect(Client::create_account)
    ///     .failed_with(|e| e.is_account_not_found_exception())
    ///     .never();
    /// ```
    pub fn failed_with(self, predicate: impl Fn(&O::Error) -> bool + Send + Sync + 'static) -> Self {
        self.edit(|s| s.outcome = Some(OutcomeFilter::failed_with::<O>(predicate)))
    }
}

impl Expectation<AnyOperation> {
    /// Counts only the calls for which `predicate` holds; it sees the whole
    /// recorded call of any operation, answer included.
    pub fn when(self, predicate: impl Fn(&RecordedCall) -> bool + Send + Sync + 'static) -> Self {
        let predicate = Box::new(predicate) as Box<dyn Fn(&RecordedCall) -> bool + Send + Sync>;
        self.set_predicate(Arc::new(move |call: &RecordedCall| {
            run_predicate(predicate.as_ref(), call, || {
                "the expectation on any operation".to_string()
            })
        }))
    }
}

impl ExpectationData {
    /// `Err` with a description when the expectation does not hold on
    /// `calls`, the first of which has sequence number `first_seq`.
    pub(crate) fn check(&self, calls: &[RecordedCall], first_seq: u64) -> Result<(), String> {
        let (count, account, predicate, outcome) = {
            let s = lock(&self.state);
            (s.count, s.account.clone(), s.predicate.clone(), s.outcome.clone())
        };
        let what = self.operation.map_or("any operation", Operation::as_str);
        let mut matched = 0;
        // How the calls that the outcome filter left out ended.
        let mut left_out = Vec::new();
        let skip = usize::try_from(self.since.saturating_sub(first_seq)).unwrap_or(usize::MAX);
        for call in calls.iter().skip(skip) {
            if !in_scope(self.operation, account.as_deref(), call.as_request()) {
                continue;
            }
            let hit = match &predicate {
                None => true,
                Some(p) => p(call)?,
            };
            let hit = match &outcome {
                Some(o) if hit && !o.matches(call)? => {
                    left_out.push(call.outcome());
                    false
                }
                _ => hit,
            };
            matched += usize::from(hit);
        }
        if count.holds(matched) {
            return Ok(());
        }
        let mut filter = String::new();
        if let Some(account) = &account {
            filter.push_str(&format!(" (from {account})"));
        }
        if predicate.is_some() {
            filter.push_str(" (matching its `when`)");
        }
        let mut left_out_note = String::new();
        if let Some(outcome) = &outcome {
            filter.push(' ');
            filter.push_str(outcome.describe);
            left_out_note = outcome.left_out(&left_out);
        }
        Err(format!(
            "{what}{filter}: expected {}, received {matched}{left_out_note}\n    expectation written at {}",
            count.describe(),
            self.location
        ))
    }
}
