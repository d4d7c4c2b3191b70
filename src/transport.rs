//! The in-process HTTP layer: a smithy `HttpClient` and `HttpConnector` that
//! answer the SDK's requests from the world, without a socket.
//!
//! For each request it finds the caller (from the SigV4 credential), the
//! operation (from `X-Amz-Target`) and the body, runs it through the protocol
//! layer, records the call and builds the awsJson1.1 HTTP response.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;

use crate::error::{ApiError, ApiResult};
use crate::faults::Reaction;
use crate::mock_error::{FaultKind, MockError};
use crate::protocol::{self, Reply, Request};
use crate::recording::{MockRequest, RecordedCall};
use crate::shared::Shared;
use crate::world::ids::is_account_id;

/// The mock's HTTP client: hand it to any SDK config.
#[derive(Clone)]
pub(crate) struct MockTransport {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockTransport").finish_non_exhaustive()
    }
}

impl HttpClient for MockTransport {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for MockTransport {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let (result, delay) = self.respond(&request);
        match delay {
            None => HttpConnectorFuture::ready(result),
            Some(delay) => {
                let in_flight = self.shared.delay_started();
                HttpConnectorFuture::new(async move {
                    let _in_flight = in_flight;
                    tokio::time::sleep(delay).await;
                    result
                })
            }
        }
    }
}

/// The access key id in a SigV4 `Authorization` header.
pub(crate) fn access_key_id(authorization: &str) -> Option<&str> {
    let rest = &authorization[authorization.find("Credential=")? + "Credential=".len()..];
    rest.split('/').next()
}

/// The calling account: the access key id when it is twelve digits, else the default account.
pub(crate) fn caller_of(authorization: Option<&str>, default_account: &str) -> String {
    match authorization.and_then(access_key_id) {
        Some(key) if is_account_id(key) => key.to_string(),
        _ => default_account.to_string(),
    }
}

/// What the transport answers: an HTTP response or a dispatch failure.
type Answer = Result<HttpResponse, ConnectorError>;

impl MockTransport {
    /// Answers one request (from a rule or from the world), records it, and
    /// says how long to hold the answer back.
    pub(crate) fn respond(&self, request: &HttpRequest) -> (Answer, Option<std::time::Duration>) {
        let headers = request.headers();
        let caller = caller_of(headers.get("authorization"), &self.shared.default_account);
        let partition = crate::partition::of_request(headers.get("authorization"));
        let target = headers.get("x-amz-target");
        let body = request.body().bytes().unwrap_or_default();
        // The target and the body are read once; the parsed body is kept in
        // the recording and lent to the protocol layer.
        let target = protocol::operation_name(target);
        let (json, json_error) = match protocol::parse_body(body) {
            Ok(json) => (json, None),
            Err(err) => (serde_json::Value::Null, Some(err)),
        };
        let operation = match &target {
            Ok(operation) => operation.to_string(),
            Err(_) => headers.get("x-amz-target").unwrap_or_default().to_string(),
        };
        let span = tracing::debug_span!(
            "aws_organizations_mock::call",
            operation = %operation,
            caller = %caller,
            outcome = tracing::field::Empty,
        );
        let _entered = span.enter();
        let mock_request = MockRequest::new(operation, caller, body.to_vec(), json);
        let action = self.shared.rule_for(&mock_request);
        let (reaction, delay) = match action {
            Some(action) => (action.reaction, action.delay),
            None => (None, None),
        };
        let (call, failure) = match reaction {
            Some(Reaction::Fault(fault)) => injected(mock_request, fault),
            Some(Reaction::Respond(body)) => {
                let reply = Reply {
                    status: 200,
                    body,
                    error_code: None,
                };
                (RecordedCall::new(mock_request, &reply, Some("response".into())), None)
            }
            None => {
                let reply = self.dispatch(target, &mock_request, json_error.as_ref(), partition);
                (RecordedCall::new(mock_request, &reply, None), None)
            }
        };
        let answer = match failure {
            Some(failure) => Err(failure),
            None => Ok(http_response(
                call.status(),
                call.shared_response_body(),
                self.shared.next_request_id(),
            )),
        };
        let outcome = call.outcome();
        span.record("outcome", outcome.as_str());
        tracing::debug!(outcome = %outcome, delayed = ?delay, "answered");
        self.shared.record(call);
        (answer, delay)
    }

    /// Runs a request through the protocol layer against the world.
    fn dispatch(
        &self,
        target: ApiResult<&str>,
        request: &MockRequest,
        json_error: Option<&ApiError>,
        partition: &'static str,
    ) -> Reply {
        let operation = match target {
            Err(err) => return Reply::error(&err),
            Ok(operation) => operation,
        };
        let request = Request {
            operation,
            caller: request.caller(),
            partition,
            body: request.request_body(),
            json: json_error.map_or(Ok(request.request()), Err),
        };
        // A step that panics (a bug in the mock: tests/fuzz_transport.rs and
        // tests/robustness.rs find none) fails that call alone with a
        // `ServiceException` (HTTP 500), and the world's lock stays usable
        // (`lock` ignores poisoning). The world is not rolled back: whatever the
        // handler changed before it panicked stays. Handlers validate before they
        // mutate, so a panic in validation leaves the world as it was; a copy of
        // the world per call, to restore it, would cost O(world) on every call.
        let failed = || {
            Reply::error(&ApiError::new(
                "ServiceException",
                format!("The mock failed internally while handling {operation}; this is a bug in aws-organizations-mock, please report it."),
            ))
        };
        // Validation, decoding and encoding run concurrently with other
        // calls; only authorization and the handler hold the world's lock.
        let ready = match catch_unwind(AssertUnwindSafe(|| protocol::prepare(&request))) {
            Ok(Ok(ready)) => ready,
            Ok(Err(err)) => return Reply::error(&err),
            Err(_) => return failed(),
        };
        let outcome = {
            let mut world = self.shared.world();
            catch_unwind(AssertUnwindSafe(|| protocol::apply(&mut world, ready)))
        };
        match outcome {
            Ok((outcome, partition)) => {
                catch_unwind(AssertUnwindSafe(|| protocol::finish(outcome, partition))).unwrap_or_else(|_| failed())
            }
            Err(_) => failed(),
        }
    }
}

/// The recorded call for a request a rule answered with `fault`, and the
/// dispatch failure to answer with when there is no HTTP response. The world
/// is not touched.
fn injected(request: MockRequest, fault: MockError) -> (RecordedCall, Option<ConnectorError>) {
    let description = fault.describe();
    let reply = match fault.kind {
        FaultKind::Api(err) => Reply::error(&err),
        FaultKind::Http { status, body } => Reply {
            status,
            body: body.into(),
            error_code: None,
        },
        FaultKind::Timeout => {
            let failure = ConnectorError::timeout(
                "the mock timed out on purpose (a fault-injection rule: MockError::timeout)".into(),
            );
            return (RecordedCall::failed_dispatch(request, description), Some(failure));
        }
        FaultKind::Io => {
            let failure = ConnectorError::io(
                "the mock broke the connection on purpose (a fault-injection rule: MockError::io_error)".into(),
            );
            return (RecordedCall::failed_dispatch(request, description), Some(failure));
        }
    };
    (RecordedCall::new(request, &reply, Some(description)), None)
}

/// Frames a reply as an awsJson1.1 HTTP response.
pub(crate) fn http_response(status: u16, body: bytes::Bytes, request_id: String) -> HttpResponse {
    let status = StatusCode::try_from(status).expect("the mock only uses valid statuses");
    let mut response = HttpResponse::new(status, SdkBody::from(body));
    let headers = response.headers_mut();
    headers.insert("content-type", "application/x-amz-json-1.1");
    headers.insert("x-amzn-requestid", request_id);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caller_is_the_twelve_digit_access_key() {
        let auth = "AWS4-HMAC-SHA256 Credential=222222222222/20250101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=abc";
        assert_eq!(caller_of(Some(auth), "111111111111"), "222222222222");
        let other = auth.replace("222222222222", "AKIAEXAMPLE");
        assert_eq!(caller_of(Some(&other), "111111111111"), "111111111111");
        assert_eq!(caller_of(None, "111111111111"), "111111111111");
        assert_eq!(caller_of(Some("garbage"), "111111111111"), "111111111111");
    }
}
