//! [`MockError`]: the errors a rule answers with that are not one
//! operation's own: transport failures, raw HTTP answers, and the modeled
//! exceptions every operation shares.

use aws_sdk_organizations::types::{
    AccessDeniedForDependencyExceptionReason, ConstraintViolationExceptionReason,
    HandshakeConstraintViolationExceptionReason, InvalidInputExceptionReason,
};

use crate::wire::error::ApiError;
use crate::wire::suggest::closest;
use crate::wire::validation::model::OPERATION_ERRORS;

/// The errors AWS documents as common to the API actions of all its
/// services: a rule may answer any operation with them, whatever its model
/// lists (FIDELITY.md#errors-a-rule-may-inject).
pub(crate) const COMMON_ERRORS: &[&str] = &[
    "AccessDeniedException",
    "ExpiredTokenException",
    "IncompleteSignature",
    "InternalFailure",
    "InvalidAction",
    "InvalidClientTokenId",
    "MalformedHttpRequestException",
    "NotAuthorized",
    "OptInRequired",
    "RequestAbortedException",
    "RequestEntityTooLargeException",
    "RequestExpired",
    "RequestTimeoutException",
    "ServiceUnavailable",
    "ThrottlingException",
    "UnknownOperationException",
    "UnrecognizedClientException",
    "ValidationError",
];

/// The errors the model lists for the Organizations operation `name`
/// (AWS's spelling), or `None` when it is not one.
pub(crate) fn organizations_errors(name: &str) -> Option<&'static [&'static str]> {
    OPERATION_ERRORS
        .binary_search_by(|(op, _)| (*op).cmp(name))
        .ok()
        .map(|i| OPERATION_ERRORS[i].1)
}

/// The name of the SDK's enum variant for a reason's value, e.g.
/// `ConstraintViolationExceptionReason::AccountNumberLimitExceeded`.
type VariantName = fn(&str) -> String;

/// The values the SDK knows for the `Reason` member of the exception `code`,
/// when it has one (the model's four exceptions with a reason enum), and
/// the name of the SDK's variant for a value.
fn known_reasons(code: &str) -> Option<(&'static [&'static str], VariantName)> {
    macro_rules! reasons {
        ($enum:ident) => {
            Some(($enum::values(), |value| {
                format!("{}::{:?}", stringify!($enum), $enum::from(value))
            }))
        };
    }
    match code {
        "ConstraintViolationException" => reasons!(ConstraintViolationExceptionReason),
        "InvalidInputException" => reasons!(InvalidInputExceptionReason),
        "HandshakeConstraintViolationException" => reasons!(HandshakeConstraintViolationExceptionReason),
        "AccessDeniedForDependencyException" => reasons!(AccessDeniedForDependencyExceptionReason),
        _ => None,
    }
}

/// The values AWS sends as the `Reason` of the exception `code`, when it has
/// a reason enum.
pub(crate) fn reasons_of(code: &str) -> Option<&'static [&'static str]> {
    known_reasons(code).map(|(known, _)| known)
}

/// Panics, naming the closest known reasons, when `reason` is not a value
/// of the SDK's enum for `code` (e.g. one made by `From<&str>` from a
/// misspelt string, which the SDK holds as `Unknown`).
#[track_caller]
fn assert_known_reason(code: &str, reason: &str) {
    if let Some(problem) = unknown_reason(code, reason) {
        panic!("{problem}");
    }
}

/// Why `reason` is not a reason of the exception `code` AWS sends, or `None`.
fn unknown_reason(code: &str, reason: &str) -> Option<String> {
    let (known, variant) = known_reasons(code)?;
    if known.contains(&reason) {
        return None;
    }
    let closest = closest(reason, known.iter().copied());
    Some(format!(
        "'{reason}' is not a reason of {code}: the SDK holds it as `Unknown`, and AWS never sends it; \
         the closest are {}. Name the SDK's variant (e.g. {}) instead of converting a string",
        closest.join(", "),
        closest.first().map(|v| variant(v)).unwrap_or_default()
    ))
}

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
    ///
    /// # Panics
    /// When `reason` is not one of the enum's variants: a value made from a
    /// string (`ConstraintViolationExceptionReason::from("...")`) that the
    /// SDK does not know, which AWS never sends. The message names the
    /// closest reasons.
    #[track_caller]
    pub fn constraint_violation(reason: ConstraintViolationExceptionReason) -> Self {
        assert_known_reason("ConstraintViolationException", reason.as_str());
        Self::api(ApiError::constraint(
            reason.as_str(),
            "Performing this operation violates a minimum or maximum value limit.",
        ))
    }

    /// `InvalidInputException` with `reason`, e.g.
    /// `InvalidInputExceptionReason::InvalidPaginationToken`.
    ///
    /// # Panics
    /// When `reason` is not one of the enum's variants (see
    /// [`constraint_violation`](Self::constraint_violation)).
    #[track_caller]
    pub fn invalid_input(reason: InvalidInputExceptionReason) -> Self {
        assert_known_reason("InvalidInputException", reason.as_str());
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

    /// Why `operation`, whose model lists the errors `modeled`, can never
    /// answer with this fault, or `None` when it can: a modeled exception
    /// must be one of `modeled` or of the [`COMMON_ERRORS`], and its reason
    /// one the SDK knows. Raw HTTP answers, timeouts and io errors can come
    /// from any call.
    pub(crate) fn refusal(&self, operation: &str, modeled: &[&str]) -> Option<String> {
        let FaultKind::Api(err) = &self.kind else {
            return None;
        };
        let code = err.code();
        if !modeled.contains(&code) && !COMMON_ERRORS.contains(&code) {
            return Some(format!(
                "{operation} cannot answer {code}: its model lists {} (beside the errors common to every AWS \
                 call, such as ThrottlingException, InternalFailure and ServiceUnavailable), so the SDK would \
                 decode {code} as an unhandled error AWS never sends. Answer with one of those; to send \
                 bytes of your own on purpose, use MockError::http(status, body)",
                if modeled.is_empty() {
                    "no error of its own".to_string()
                } else {
                    modeled.join(", ")
                }
            ));
        }
        self.unknown_reason()
    }

    /// Why the `Reason` of this fault is one AWS never sends, or `None`.
    pub(crate) fn unknown_reason(&self) -> Option<String> {
        match &self.kind {
            FaultKind::Api(err) => unknown_reason(err.code(), err.reason()?),
            _ => None,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> serde_json::Value {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/model/service-2.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn every_exception_with_a_reason_enum_has_its_reasons_checked() {
        let model = model();
        let shapes = model["shapes"].as_object().unwrap();
        let mut with_enum = Vec::new();
        for (name, shape) in shapes {
            if shape["exception"].as_bool() != Some(true) {
                continue;
            }
            let reason = &shape["members"]["Reason"]["shape"];
            if let Some(values) = reason.as_str().and_then(|r| shapes[r]["enum"].as_array()) {
                with_enum.push(name.as_str());
                let (known, _) = known_reasons(name).unwrap_or_else(|| panic!("{name} has a reason enum"));
                let model_values: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
                for value in model_values {
                    assert!(known.contains(&value), "{name}: the SDK lacks {value}");
                }
            }
        }
        assert_eq!(with_enum.len(), 4, "{with_enum:?}");
    }

    #[test]
    fn each_operation_s_errors_are_the_model_s() {
        let model = model();
        let operations = model["operations"].as_object().unwrap();
        assert_eq!(OPERATION_ERRORS.len(), operations.len());
        for (name, op) in operations {
            let mut listed: Vec<&str> = op["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["shape"].as_str().unwrap())
                .collect();
            listed.sort_unstable();
            assert_eq!(organizations_errors(name), Some(listed.as_slice()), "{name}");
        }
        assert_eq!(organizations_errors("AssumeRole"), None);
    }

    #[test]
    fn a_fault_is_refused_by_an_operation_that_cannot_answer_it() {
        let describe = organizations_errors("DescribeOrganization").unwrap();
        let violation = MockError::constraint_violation(ConstraintViolationExceptionReason::AccountNumberLimitExceeded);
        let why = violation.refusal("DescribeOrganization", describe).unwrap();
        assert!(
            why.starts_with("DescribeOrganization cannot answer ConstraintViolationException: its model lists AWSOrganizationsNotInUseException, "),
            "{why}"
        );
        let create = organizations_errors("CreateAccount").unwrap();
        assert_eq!(violation.refusal("CreateAccount", create), None);
        for allowed in [
            MockError::api(ApiError::new("ThrottlingException", "common")),
            MockError::http(418, "teapot"),
            MockError::timeout(),
            MockError::io_error(),
        ] {
            assert_eq!(allowed.refusal("DescribeOrganization", describe), None, "{allowed:?}");
        }
        let unknown = MockError::api(ApiError::constraint("OU_NUMBER_LIMT_EXCEEDED", "x"));
        let why = unknown.refusal("CreateAccount", create).unwrap();
        assert!(why.contains("the closest are OU_NUMBER_LIMIT_EXCEEDED"), "{why}");
        assert!(
            why.contains("ConstraintViolationExceptionReason::OuNumberLimitExceeded"),
            "{why}"
        );
    }
}
