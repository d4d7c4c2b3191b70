//! [`MockError`]: the errors a rule answers with that are not one
//! operation's own: transport failures, raw HTTP answers, and the modeled
//! exceptions every operation shares.

use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};

use crate::error::ApiError;

/// A transport-level error, or one of the errors every operation shares,
/// that the mock answers with instead of running the operation. For an
/// operation's own modeled error, pass that error to
/// [`fail_with`](crate::MockRule::fail_with) instead (e.g.
/// `CreateAccountError::DuplicateAccountException(..)`).
///
/// Three kinds, each reaching the SDK as it would from AWS:
/// - a modeled exception ([`constraint_violation`](Self::constraint_violation),
///   [`throttling`](Self::throttling), ...): the SDK decodes it into the
///   operation's typed error variant, with its modeled members (`Reason`);
/// - a raw HTTP status and body ([`http`](Self::http)), e.g. a 503 from a
///   load balancer: the SDK sees an unmodeled error and retries 5xx;
/// - a transport failure ([`timeout`](Self::timeout), [`io_error`](Self::io_error)):
///   no response at all; the SDK reports a dispatch failure.
///
/// Throttling (`TooManyRequestsException`) and 5xx answers are retried by the
/// SDK's standard retry policy, as they would be against AWS.
///
/// Reasons are the SDK's enums; a string does not compile:
///
/// ```compile_fail
/// aws_organizations_mock::MockError::constraint_violation("OU_NUMBER_LIMT_EXCEEDED");
/// ```
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
    /// A modeled exception, as the mock's own code builds it.
    pub(crate) fn api(err: ApiError) -> Self {
        MockError {
            kind: FaultKind::Api(err),
        }
    }

    /// `ConstraintViolationException` with `reason`, e.g.
    /// `ConstraintViolationExceptionReason::AccountNumberLimitExceeded`.
    pub fn constraint_violation(reason: ConstraintViolationExceptionReason) -> Self {
        Self::api(ApiError::constraint(
            reason.as_str(),
            "Performing this operation violates a minimum or maximum value limit.",
        ))
    }

    /// `InvalidInputException` with `reason`, e.g.
    /// `InvalidInputExceptionReason::InvalidPaginationToken`.
    pub fn invalid_input(reason: InvalidInputExceptionReason) -> Self {
        Self::api(ApiError::invalid_input(
            reason.as_str(),
            "The requested operation failed because you provided invalid values for one or more of the request parameters.",
        ))
    }

    /// `AccessDeniedException`.
    pub fn access_denied() -> Self {
        Self::api(ApiError::access_denied(
            "You don't have permissions to perform the requested operation.",
        ))
    }

    /// `TooManyRequestsException`, AWS Organizations' throttling error.
    pub fn throttling() -> Self {
        Self::api(ApiError::new(
            "TooManyRequestsException",
            "You have sent too many requests in too short a period of time. Try again later.",
        ))
    }

    /// `ServiceException` (HTTP 500), an internal error of AWS.
    pub fn service_exception() -> Self {
        Self::api(ApiError::new(
            "ServiceException",
            "Organizations can't complete your request because of an internal service error. Try again later.",
        ))
    }

    /// `ConcurrentModificationException`.
    pub fn concurrent_modification() -> Self {
        Self::api(ApiError::new(
            "ConcurrentModificationException",
            "The target of the operation is currently being modified by a different request. Try again later.",
        ))
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
