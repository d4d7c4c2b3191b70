//! One request as the transport read it, once: which protocol it speaks and
//! what it asks for ([`Protocol`]), who signed it and where ([`Request`]).
//! The protocol gives its own error envelope, its answer when the mock fails
//! internally, and its content type, so the transport branches on the
//! protocol nowhere.

use crate::calls::operation::Operation;
use crate::sts::Principal;
use crate::wire::codec::{self, Reply};
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::query::{Call, StsError};

/// One request, read once at the transport boundary.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    /// The protocol it speaks, and what it asks for.
    pub protocol: Protocol<'a>,
    /// Who signed it.
    pub principal: Principal,
    /// The region of the signature's credential scope, if it names one.
    pub region: Option<&'a str>,
    /// The partition of that region: the ARNs of the reply are in it.
    pub partition: &'static str,
}

/// Which protocol a request speaks, and what it asks for.
#[derive(Debug)]
pub(crate) enum Protocol<'a> {
    /// Organizations' awsJson1.1: a request with `X-Amz-Target`, or any
    /// request that is not STS's.
    Json {
        /// The `X-Amz-Target` header as sent.
        target: Option<&'a str>,
        /// The operation it names, or AWS's error for a missing or foreign
        /// target.
        operation: ApiResult<&'a str>,
        /// Why the body is not the JSON object awsJson1.1 requires, when it
        /// is not.
        body_error: Option<ApiError>,
    },
    /// STS's awsQuery: no `X-Amz-Target` and a form body with `Action=`.
    Query(Call),
}

impl<'a> Protocol<'a> {
    /// Reads which protocol a request with `target` and `body` speaks, and its
    /// body as JSON for recordings and rules' predicates (STS's parameters as
    /// a JSON object; `Null` when an awsJson1.1 body is not JSON). The body is
    /// parsed once: the protocol layer validates and decodes from this value.
    pub(crate) fn read(target: Option<&'a str>, body: &[u8]) -> (Self, serde_json::Value) {
        if let Some(call) = Call::parse(target, body) {
            let json = call.params_json();
            return (Protocol::Query(call), json);
        }
        let (json, body_error) = match codec::parse_body(body) {
            Ok(json) => (json, None),
            Err(err) => (serde_json::Value::Null, Some(err)),
        };
        let protocol = Protocol::Json {
            target,
            operation: codec::operation_name(target),
            body_error,
        };
        (protocol, json)
    }

    /// The operation's name as recorded: the target's operation, the target
    /// as sent when it names none, or STS's action.
    pub(crate) fn name(&self) -> &str {
        match self {
            Protocol::Json {
                operation: Ok(name), ..
            } => name,
            Protocol::Json { target, .. } => target.unwrap_or_default(),
            Protocol::Query(call) => &call.action,
        }
    }

    /// The operation as rules and recordings know it.
    pub(crate) fn operation(&self) -> Operation {
        match self {
            Protocol::Json {
                operation: Ok(name), ..
            } => Operation::organizations(name),
            Protocol::Json { .. } => Operation::Unknown,
            Protocol::Query(call) => Operation::sts(&call.action),
        }
    }

    /// `err` in this protocol's error envelope: awsJson1.1's
    /// `{"__type", "Message"}`, or STS's `<ErrorResponse>` with the request id.
    pub(crate) fn error_reply(&self, err: &ApiError, request_id: &str) -> Reply {
        match self {
            Protocol::Json { .. } => Reply::error(err),
            Protocol::Query(_) => StsError::new(err.code(), err.http_status(), err.message()).reply(request_id),
        }
    }

    /// The answer when the mock itself failed (a panic: a bug in the mock):
    /// Organizations' `ServiceException` or STS's `InternalFailure`, both
    /// HTTP 500.
    pub(crate) fn internal_failure(&self, request_id: &str) -> Reply {
        let message = format!(
            "The mock failed internally while handling {}; this is a bug in aws-organizations-mock, please report it.",
            self.name()
        );
        match self {
            Protocol::Json { .. } => Reply::error(&ApiError::new("ServiceException", message)),
            Protocol::Query(_) => StsError::new("InternalFailure", 500, message).reply(request_id),
        }
    }

    /// The `Content-Type` of this protocol's responses.
    pub(crate) fn content_type(&self) -> &'static str {
        match self {
            Protocol::Json { .. } => "application/x-amz-json-1.1",
            Protocol::Query(_) => "text/xml",
        }
    }
}
