//! Fault injection: rules that make the mock misbehave on purpose.
//!
//! A rule ([`MockRule`], from [`MockOrganizations::on`](crate::MockOrganizations::on)
//! or [`on_any`](crate::MockOrganizations::on_any)) matches calls by operation
//! and an optional predicate, and answers them with a [`MockError`] and/or
//! after a delay. The transport applies rules before the world is touched, so
//! a call answered with an injected error did not happen.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::ApiError;
use crate::harness::{lock, run_predicate, MockRequest};

/// An error the mock answers with instead of running the operation.
///
/// Three kinds, each reaching the SDK as it would from AWS:
/// - a modeled exception ([`new`](Self::new) and the named constructors):
///   the SDK decodes it into the operation's typed error variant, with its
///   modeled members (`Reason`, `Type`);
/// - a raw HTTP status and body ([`http`](Self::http)), e.g. a 503 from a
///   load balancer: the SDK sees an unmodeled error and retries 5xx;
/// - a transport failure ([`timeout`](Self::timeout), [`io_error`](Self::io_error)):
///   no response at all; the SDK reports a dispatch failure.
///
/// Throttling (`TooManyRequestsException`) and 5xx answers are retried by the
/// SDK's standard retry policy, as they would be against AWS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockError {
    pub(crate) kind: FaultKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FaultKind {
    Api(ApiError),
    Http { status: u16, body: Vec<u8> },
    Timeout,
    Io,
}

impl MockError {
    /// Any modeled exception by its code (for example
    /// `"AccountNotFoundException"`), with `message`. Add modeled members
    /// with [`with_member`](Self::with_member).
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        MockError {
            kind: FaultKind::Api(ApiError::new(code, message)),
        }
    }

    /// Adds (or replaces) a modeled member, such as `"Reason"` or `"Type"`.
    /// Has no effect on raw HTTP errors and transport failures.
    pub fn with_member(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        if let FaultKind::Api(err) = self.kind {
            self.kind = FaultKind::Api(err.with_member(name, value));
        }
        self
    }

    /// `ConstraintViolationException` with `reason`, e.g. `"ACCOUNT_NUMBER_LIMIT_EXCEEDED"`.
    pub fn constraint_violation(reason: &str) -> Self {
        Self::new(
            "ConstraintViolationException",
            "Performing this operation violates a minimum or maximum value limit.",
        )
        .with_member("Reason", reason)
    }

    /// `InvalidInputException` with `reason`, e.g. `"INVALID_NEXT_TOKEN"`.
    pub fn invalid_input(reason: &str) -> Self {
        Self::new(
            "InvalidInputException",
            "The requested operation failed because you provided invalid values for one or more of the request parameters.",
        )
        .with_member("Reason", reason)
    }

    /// `AccessDeniedException`.
    pub fn access_denied() -> Self {
        Self::new(
            "AccessDeniedException",
            "You don't have permissions to perform the requested operation.",
        )
    }

    /// `TooManyRequestsException`, AWS Organizations' throttling error.
    pub fn throttling() -> Self {
        Self::new(
            "TooManyRequestsException",
            "You have sent too many requests in too short a period of time. Try again later.",
        )
    }

    /// `ServiceException` (HTTP 500), an internal error of AWS.
    pub fn service_exception() -> Self {
        Self::new(
            "ServiceException",
            "Organizations can't complete your request because of an internal service error. Try again later.",
        )
    }

    /// `ConcurrentModificationException`.
    pub fn concurrent_modification() -> Self {
        Self::new(
            "ConcurrentModificationException",
            "The target of the operation is currently being modified by a different request. Try again later.",
        )
    }

    /// A raw HTTP answer with `status` and `body`, e.g. `http(503, "Service Unavailable")`.
    ///
    /// # Panics
    /// When `status` is not an HTTP status code (100 to 599).
    pub fn http(status: u16, body: impl Into<Vec<u8>>) -> Self {
        assert!(
            (100..=599).contains(&status),
            "MockError::http: {status} is not an HTTP status code; use 100 to 599, e.g. 503"
        );
        MockError {
            kind: FaultKind::Http {
                status,
                body: body.into(),
            },
        }
    }

    /// No answer in time: the SDK sees a timeout dispatch failure.
    pub fn timeout() -> Self {
        MockError {
            kind: FaultKind::Timeout,
        }
    }

    /// The connection broke: the SDK sees an io dispatch failure.
    pub fn io_error() -> Self {
        MockError { kind: FaultKind::Io }
    }

    /// A short description, as the recordings and messages show it.
    pub fn describe(&self) -> String {
        match &self.kind {
            FaultKind::Api(err) => err.code().to_string(),
            FaultKind::Http { status, .. } => format!("HTTP {status}"),
            FaultKind::Timeout => "timeout".into(),
            FaultKind::Io => "io error".into(),
        }
    }
}

type RequestPredicate = Arc<dyn Fn(&MockRequest) -> bool + Send + Sync>;

/// A fault-injection rule, registered as soon as it is made; its methods
/// configure it in place.
///
/// ```
/// # use aws_organizations_mock::{MockOrganizations, MockError};
/// # use std::time::Duration;
/// let mock = MockOrganizations::new();
/// mock.on("CreateAccount")
///     .fail_with(MockError::constraint_violation("ACCOUNT_NUMBER_LIMIT_EXCEEDED"))
///     .times(1);
/// mock.on("ListAccounts")
///     .when(|req| req.caller() == "222222222222")
///     .fail_with(MockError::throttling())
///     .always();
/// mock.on_any().delay(Duration::from_millis(200)).after(3);
/// ```
///
/// - A rule applies to calls of its operation (any operation for `on_any`)
///   for which its [`when`](Self::when) predicate holds.
/// - It applies [`times`](Self::times) times (once by default, or
///   [`always`](Self::always)), after letting the first [`after`](Self::after)
///   matching calls through.
/// - Rules are evaluated in the order they were added; the first that applies
///   answers the call. A rule with neither [`fail_with`](Self::fail_with) nor
///   [`delay`](Self::delay) does nothing.
/// - A predicate that panics does not poison the mock: the rule does not
///   apply to that call, and [`verify`](crate::MockOrganizations::verify)
///   reports the panic.
#[derive(Clone)]
pub struct MockRule {
    rule: Arc<Rule>,
}

impl std::fmt::Debug for MockRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockRule")
            .field("operation", &self.rule.operation)
            .field("applied", &self.applied())
            .finish_non_exhaustive()
    }
}

pub(crate) struct Rule {
    operation: Option<String>,
    state: Mutex<RuleState>,
}

struct RuleState {
    predicate: Option<RequestPredicate>,
    fault: Option<MockError>,
    delay: Option<Duration>,
    /// `None`: always.
    limit: Option<u32>,
    skip: u32,
    seen: u32,
    applied: u32,
}

/// What a rule does to one call.
#[derive(Debug)]
pub(crate) struct Action {
    pub(crate) fault: Option<MockError>,
    pub(crate) delay: Option<Duration>,
}

impl MockRule {
    pub(crate) fn new(operation: Option<String>) -> (Self, Arc<Rule>) {
        let rule = Arc::new(Rule {
            operation,
            state: Mutex::new(RuleState {
                predicate: None,
                fault: None,
                delay: None,
                limit: Some(1),
                skip: 0,
                seen: 0,
                applied: 0,
            }),
        });
        (MockRule { rule: rule.clone() }, rule)
    }

    fn edit(self, f: impl FnOnce(&mut RuleState)) -> Self {
        f(&mut lock(&self.rule.state));
        self
    }

    /// Applies only to calls for which `predicate` holds.
    pub fn when(self, predicate: impl Fn(&MockRequest) -> bool + Send + Sync + 'static) -> Self {
        self.edit(|s| s.predicate = Some(Arc::new(predicate)))
    }

    /// Answers with `error` instead of running the operation.
    pub fn fail_with(self, error: MockError) -> Self {
        self.edit(|s| s.fault = Some(error))
    }

    /// Holds the answer back for `delay`. Alone, the operation runs when the
    /// request arrives and its answer is delivered late (as over a slow
    /// network); with [`fail_with`](Self::fail_with), the error is late.
    /// The wait is a `tokio::time::sleep`: under a paused tokio clock it takes
    /// no real time, and SDK timeouts race it correctly.
    pub fn delay(self, delay: Duration) -> Self {
        self.edit(|s| s.delay = Some(delay))
    }

    /// Applies to `n` calls, then no more. The default is once.
    pub fn times(self, n: u32) -> Self {
        self.edit(|s| s.limit = Some(n))
    }

    /// Applies to every matching call.
    pub fn always(self) -> Self {
        self.edit(|s| s.limit = None)
    }

    /// Lets the first `n` matching calls through before it applies.
    pub fn after(self, n: u32) -> Self {
        self.edit(|s| s.skip = n)
    }

    /// How many calls this rule has answered so far.
    pub fn applied(&self) -> u32 {
        lock(&self.rule.state).applied
    }
}

impl Rule {
    /// What this rule does to `request`, counting it; `Err` carries the
    /// message of a predicate that panicked.
    pub(crate) fn apply(&self, request: &MockRequest) -> Result<Option<Action>, String> {
        if self.operation.as_deref().is_some_and(|op| op != request.operation()) {
            return Ok(None);
        }
        let (predicate, active) = {
            let s = lock(&self.state);
            (s.predicate.clone(), s.fault.is_some() || s.delay.is_some())
        };
        if !active {
            return Ok(None);
        }
        if let Some(predicate) = predicate {
            // Called without any lock held: the predicate may use the mock.
            let whose = || {
                format!(
                    "the rule on {} (call {} by {})",
                    self.operation.as_deref().unwrap_or("any operation"),
                    request.operation(),
                    request.caller()
                )
            };
            if !run_predicate(predicate.as_ref(), request, whose)? {
                return Ok(None);
            }
        }
        let mut s = lock(&self.state);
        s.seen += 1;
        if s.seen <= s.skip || s.limit.is_some_and(|limit| s.applied >= limit) {
            return Ok(None);
        }
        s.applied += 1;
        Ok(Some(Action {
            fault: s.fault.clone(),
            delay: s.delay,
        }))
    }
}
