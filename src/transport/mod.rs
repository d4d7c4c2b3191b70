//! The in-process HTTP layer: a smithy `HttpClient` and `HttpConnector` that
//! answer the SDK's requests from the world, without a socket.
//!
//! For each request it finds the caller (from the SigV4 credential), the
//! operation (from `X-Amz-Target`) and the body, runs it through the protocol
//! layer, records the call and builds the awsJson1.1 HTTP response. STS's
//! awsQuery requests (no target, a form body with `Action=`) go to
//! [`crate::sts`] instead, through the same rules and recording.

pub(crate) mod caller;

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

use crate::calls::faults::Reaction;
use crate::calls::mock_error::{FaultKind, MockError};
use crate::calls::operation::Operation;
use crate::calls::recording::{MockRequest, RecordedCall};
use crate::calls::shared::Shared;
use crate::protocol::json::{self as protocol, Request};
use crate::wire::codec::{self, Reply};
use crate::wire::error::{ApiError, ApiResult};

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

/// What the transport answers: an HTTP response or a dispatch failure.
type Answer = Result<HttpResponse, ConnectorError>;

impl MockTransport {
    /// Answers one request (from a rule or from the world), records it, and
    /// says how long to hold the answer back.
    pub(crate) fn respond(&self, request: &HttpRequest) -> (Answer, Option<std::time::Duration>) {
        let headers = request.headers();
        let principal = caller::principal(&self.shared, headers.get("authorization"));
        let caller = principal.account().to_string();
        let partition = crate::wire::partition::of_request(headers.get("authorization"));
        let target = headers.get("x-amz-target");
        let body = request.body().bytes().unwrap_or_default();
        // STS (awsQuery) has no target and a form body with `Action=`: see src/sts.
        let sts = crate::wire::query::Call::parse(target, body);
        // The target and the body are read once; the parsed body is kept in
        // the recording and lent to the protocol layer.
        let target = codec::operation_name(target);
        let (json, json_error) = match (&sts, codec::parse_body(body)) {
            (Some(call), _) => (call.params_json(), None),
            (None, Ok(json)) => (json, None),
            (None, Err(err)) => (serde_json::Value::Null, Some(err)),
        };
        let (operation, name) = match (&sts, &target) {
            (Some(call), _) => (Operation::sts(&call.action), call.action.clone()),
            (None, Ok(name)) => (Operation::organizations(name), name.to_string()),
            (None, Err(_)) => (
                Operation::Unknown,
                headers.get("x-amz-target").unwrap_or_default().to_string(),
            ),
        };
        let request_id = self.shared.next_request_id();
        let span = tracing::debug_span!(
            "aws_organizations_mock::call",
            operation = %name,
            caller = %caller,
            outcome = tracing::field::Empty,
        );
        let _entered = span.enter();
        let mock_request = MockRequest::new(operation, name, caller, body.to_vec(), json);
        let action = self.shared.rule_for(&mock_request);
        let (reaction, delay) = match action {
            Some(action) => (action.reaction, action.delay),
            None => (None, None),
        };
        let (call, failure) = match reaction {
            Some(Reaction::Fault(fault)) if sts.is_some() => injected(mock_request, fault, |err| {
                crate::protocol::query::injected_error(err, &request_id)
            }),
            Some(Reaction::Fault(fault)) => injected(mock_request, fault, Reply::error),
            Some(Reaction::Respond(body)) => {
                let reply = Reply {
                    status: 200,
                    body,
                    error_code: None,
                };
                (RecordedCall::new(mock_request, &reply, Some("response".into())), None)
            }
            None => {
                let reply = match (&sts, principal.organizations_error()) {
                    (Some(sts), _) => {
                        let region = headers.get("authorization").and_then(crate::wire::partition::region_of);
                        crate::protocol::query::dispatch(
                            &mut self.shared.world(),
                            &principal,
                            sts,
                            &request_id,
                            region,
                            partition,
                        )
                    }
                    (None, Some(err)) => Reply::error(&err),
                    (None, None) => {
                        let signer = signer(&principal, headers.get("authorization"), partition);
                        self.dispatch(target, &mock_request, json_error.as_ref(), &signer, partition)
                    }
                };
                (RecordedCall::new(mock_request, &reply, None), None)
            }
        };
        let answer = match failure {
            Some(failure) => Err(failure),
            None => {
                let mut response = http_response(call.status(), call.shared_response_body(), request_id);
                if sts.is_some() {
                    response.headers_mut().insert("content-type", "text/xml");
                }
                Ok(response)
            }
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
        signer: &crate::operations::Signer<'_>,
        partition: &'static str,
    ) -> Reply {
        let operation = match target {
            Err(err) => return Reply::error(&err),
            Ok(operation) => operation,
        };
        let request = Request {
            operation,
            caller: request.caller(),
            signer,
            json: json_error.map_or(Ok(request.request()), Err),
        };
        // A step that panics (a bug in the mock: tests/it/robustness/fuzz_transport.rs and
        // tests/it/robustness/random_sequences.rs find none) fails that call alone with a
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
            Ok(outcome) => {
                catch_unwind(AssertUnwindSafe(|| protocol::finish(outcome, partition))).unwrap_or_else(|_| failed())
            }
            Err(_) => failed(),
        }
    }
}

/// Who signed a request, as the guardrails see it: the root user of an
/// account, or an assumed-role session, in the partition and region of the
/// signature. Borrowed: nothing is built unless a guardrail applies.
fn signer<'a>(
    principal: &'a crate::sts::Principal,
    authorization: Option<&'a str>,
    partition: &'static str,
) -> crate::operations::Signer<'a> {
    crate::operations::Signer {
        session: match principal {
            crate::sts::Principal::Session(s) | crate::sts::Principal::Expired(s) => Some(s),
            _ => None,
        },
        region: authorization.and_then(crate::wire::partition::region_of),
        partition,
    }
}

/// The recorded call for a request a rule answered with `fault`, and the
/// dispatch failure to answer with when there is no HTTP response. The world
/// is not touched.
fn injected(
    request: MockRequest,
    fault: MockError,
    api_error: impl FnOnce(&ApiError) -> Reply,
) -> (RecordedCall, Option<ConnectorError>) {
    let description = fault.describe();
    let reply = match fault.kind {
        FaultKind::Api(err) => api_error(&err),
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
    // Cannot fail: every status the mock answers with is a constant between
    // 200 and 599.
    let status = StatusCode::try_from(status).expect("the mock only uses valid statuses");
    let mut response = HttpResponse::new(status, SdkBody::from(body));
    let headers = response.headers_mut();
    headers.insert("content-type", "application/x-amz-json-1.1");
    headers.insert("x-amzn-requestid", request_id);
    response
}
