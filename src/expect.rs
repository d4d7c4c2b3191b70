//! Expectations: how often the code under test must call an operation,
//! checked by [`verify`](crate::MockOrganizations::verify) and when the
//! [`MockOrganizations`](crate::MockOrganizations) that owns them is dropped.

use std::marker::PhantomData;
use std::panic::Location;
use std::sync::{Arc, Mutex};

use crate::predicate::{in_scope, lock, run_predicate, typed_matcher};
use crate::recording::RecordedCall;
use crate::typed::{AnyOperation, SdkOperation};

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
    operation: Option<&'static str>,
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
        operation: Option<&'static str>,
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
}

impl<O: SdkOperation> Expectation<O> {
    /// Counts only the calls whose input, decoded into the SDK's input type
    /// (e.g. `CreateAccountInput`), satisfies `predicate`.
    pub fn when(self, predicate: impl Fn(&O::Input) -> bool + Send + Sync + 'static) -> Self {
        let matcher = typed_matcher::<O>(predicate, |_| format!("the expectation on {}", O::NAME));
        self.set_predicate(Arc::new(move |call: &RecordedCall| matcher(call.as_request())))
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
        let (count, account, predicate) = {
            let s = lock(&self.state);
            (s.count, s.account.clone(), s.predicate.clone())
        };
        let what = self.operation.unwrap_or("any operation");
        let mut matched = 0;
        let skip = usize::try_from(self.since.saturating_sub(first_seq)).unwrap_or(usize::MAX);
        for call in calls.iter().skip(skip) {
            if !in_scope(self.operation, account.as_deref(), call.as_request()) {
                continue;
            }
            let hit = match &predicate {
                None => true,
                Some(p) => p(call)?,
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
        Err(format!(
            "{what}{filter}: expected {}, received {matched}\n    expectation written at {}",
            count.describe(),
            self.location
        ))
    }
}
