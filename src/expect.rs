//! Expectations: how often the code under test must call an operation,
//! checked by [`verify`](crate::MockOrganizations::verify) and when the last
//! [`MockOrganizations`](crate::MockOrganizations) handle is dropped.

use std::sync::{Arc, Mutex};

use crate::harness::{lock, run_predicate, RecordedCall};

type CallPredicate = Arc<dyn Fn(&RecordedCall) -> bool + Send + Sync>;

/// An expectation on the calls to one operation (or to any), registered as
/// soon as it is made. Only calls received after it was made count.
///
/// ```
/// # use aws_organizations_mock::MockOrganizations;
/// let mock = MockOrganizations::new();
/// mock.expect("CreateAccount").times(2);
/// mock.expect("CloseAccount").never();
/// mock.expect("ListAccounts").when(|call| call.caller() == "222222222222").at_least(1);
/// # mock.reset_expectations();
/// ```
///
/// The default, before any count is set, is "at least once".
#[derive(Clone)]
pub struct Expectation {
    inner: Arc<ExpectationData>,
}

impl std::fmt::Debug for Expectation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Expectation")
            .field("operation", &self.inner.operation)
            .field("count", &lock(&self.inner.state).count)
            .finish_non_exhaustive()
    }
}

pub(crate) struct ExpectationData {
    operation: Option<String>,
    /// Calls recorded before the expectation was made (by sequence number) do not count.
    since: u64,
    state: Mutex<ExpectationState>,
}

struct ExpectationState {
    count: Count,
    predicate: Option<CallPredicate>,
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

impl Expectation {
    pub(crate) fn new(operation: Option<String>, since: u64) -> (Self, Arc<ExpectationData>) {
        let inner = Arc::new(ExpectationData {
            operation,
            since,
            state: Mutex::new(ExpectationState {
                count: Count::AtLeast(1),
                predicate: None,
            }),
        });
        (Expectation { inner: inner.clone() }, inner)
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

    /// Counts only the calls for which `predicate` holds. The predicate sees
    /// the whole recorded call, answer included.
    pub fn when(self, predicate: impl Fn(&RecordedCall) -> bool + Send + Sync + 'static) -> Self {
        self.edit(|s| s.predicate = Some(Arc::new(predicate)))
    }
}

impl ExpectationData {
    /// `Err` with a description when the expectation does not hold on
    /// `calls`, the first of which has sequence number `first_seq`.
    pub(crate) fn check(&self, calls: &[RecordedCall], first_seq: u64) -> Result<(), String> {
        let (count, predicate) = {
            let s = lock(&self.state);
            (s.count, s.predicate.clone())
        };
        let what = self.operation.as_deref().unwrap_or("any operation");
        let mut matched = 0;
        let skip = usize::try_from(self.since.saturating_sub(first_seq)).unwrap_or(usize::MAX);
        for call in calls.iter().skip(skip) {
            if self.operation.as_deref().is_some_and(|op| op != call.operation()) {
                continue;
            }
            let hit = match &predicate {
                None => true,
                Some(p) => run_predicate(p.as_ref(), call, || format!("the expectation on {what}"))?,
            };
            matched += usize::from(hit);
        }
        if count.holds(matched) {
            Ok(())
        } else {
            let filter = if predicate.is_some() {
                " (matching its `when`)"
            } else {
                ""
            };
            Err(format!(
                "{what}{filter}: expected {}, received {matched}",
                count.describe()
            ))
        }
    }
}
